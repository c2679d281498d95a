//! Whole-pipeline entry points for the fuzz targets in `fuzz/` and for regression tests of the
//! inputs they found: everything kam does with one account file or one playbook, in memory.

use chrono::NaiveDate;

use crate::domain::account::Account;
use crate::domain::check::check_account;
use crate::domain::gate::gate;
use crate::domain::playbook::Playbook;
use crate::domain::score::{Weights, score};
use crate::io::account_file::parse;
use crate::io::playbook_file::{default_playbook, load};

/// A fixed day, so runs are reproducible.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default()
}

/// Everything kam does with one account: parse, check, score, gate. Returns how many
/// diagnostics the check found (so the work cannot be optimised away).
pub fn account_with(pb: &Playbook, bytes: &[u8]) -> usize {
    let Ok(text) = std::str::from_utf8(bytes) else { return 0 };
    let root = match parse(text) {
        Ok(root) => root,
        Err(diags) => return diags.len(),
    };
    let account = Account::new(&root);
    let diags = check_account(pb, &root, &account, "fuzz", today());
    let s = score(pb, &account, &Weights::new());
    let g = gate(pb, &account, today());
    diags.len() + s.missing.len() + g.map_or(0, |g| g.items.len())
}

/// [`account_with`] and the embedded default playbook (loaded once).
pub fn account(bytes: &[u8]) -> usize {
    static DEFAULT: std::sync::OnceLock<Option<Playbook>> = std::sync::OnceLock::new();
    match DEFAULT.get_or_init(|| default_playbook().ok()) {
        Some(pb) => account_with(pb, bytes),
        None => 0,
    }
}

/// Loads a playbook; if it is valid, checks a small account with it.
pub fn playbook(bytes: &[u8]) -> usize {
    let Ok(text) = std::str::from_utf8(bytes) else { return 0 };
    match load("fuzz.yaml", text) {
        Ok(pb) => account_with(&pb, SAMPLE.as_bytes()),
        Err(e) => e.to_string().len(),
    }
}

const SAMPLE: &str = "id = \"fuzz\"\nname = \"Fuzz\"\nowner = \"x\"\nstage = \"qualify\"\n[ratings]\nshare = 3\n";
