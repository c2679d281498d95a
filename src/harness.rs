//! Whole-pipeline entry points for the fuzz targets in `fuzz/` and for regression tests of the
//! inputs they found: everything kam does with one account file or one playbook, in memory —
//! parse, check, score, gate, the agenda, every report of one account in both formats and the
//! receivables aging report in all four.

use chrono::NaiveDate;

use crate::domain::account::Account;
use crate::domain::agenda::{Facts, agenda};
use crate::domain::check::check_account;
use crate::domain::gate::gate;
use crate::domain::gate::status::status;
use crate::domain::playbook::Playbook;
use crate::domain::report::after_deal::after_deal_report;
use crate::domain::report::negotiation::negotiation_report;
use crate::domain::report::receivables::{aging, client_lines};
use crate::domain::report::retro::retro_report;
use crate::domain::report::visit::visit_report;
use crate::domain::score::{Weights, score};
use crate::io::account_file::parse;
use crate::io::playbook_file::{default_playbook, load};
use crate::render::report::after_deal::after_deal_doc;
use crate::render::report::negotiation::negotiation_doc;
use crate::render::report::receivables;
use crate::render::report::retro::retro_doc;
use crate::render::report::visit::visit_doc;
use crate::render::report::{Format, render};

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
    let diags = check_account(pb, text, &root, &account, "fuzz", today());
    let s = score(pb, &account, &Weights::new());
    let g = gate(pb, &account, today());
    let visit = visit_doc(pb, &visit_report(pb, &account, None, today(), false));
    let brief = negotiation_doc(pb, &negotiation_report(pb, &account, today(), true));
    let retro = retro_doc(pb, &retro_report(pb, &account, today(), false));
    let after = after_deal_doc(pb, &after_deal_report(pb, &account, today(), true));
    let reports = [Format::Text, Format::Markdown]
        .into_iter()
        .map(|f| render(&visit, f).len() + render(&brief, f).len() + render(&retro, f).len() + render(&after, f).len())
        .sum::<usize>();
    let lines = client_lines(pb, &account, "fuzz", today());
    let aging = aging(pb, &[lines], Vec::new(), today());
    let money = receivables::text(pb, &aging, 80, false).len()
        + receivables::markdown(pb, &aging).len()
        + receivables::csv(&aging, crate::render::csv::Cells::SAFE).len()
        + receivables::json(&aging).len();
    let now = status(pb, &account, "fuzz", "fuzz.toml", today());
    let facts = Facts {
        pb,
        account: &account,
        root: &root,
        status: &now,
        today: today(),
    };
    let due = agenda(&facts, NaiveDate::MAX).len();
    diags.len() + s.missing.len() + g.map_or(0, |g| g.items.len()) + reports + money + due
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Where to cut a file of `len` bytes: every `step` bytes, but at most about `most` cuts, at
    /// an odd stride so cuts fall inside keys, strings, multi-byte characters and indentation
    /// alike. (Loading a cut playbook costs a YAML parse in an unoptimised build; cutting the
    /// 150 KB playbooks every 211 bytes took most of the unit tests' time.)
    fn cuts(len: usize, step: usize, most: usize) -> impl Iterator<Item = usize> {
        let stride = (len / most).max(step) | 1;
        (0..len).step_by(stride)
    }

    #[test]
    fn cuts_cover_the_file_with_at_most_about_the_asked_number() {
        let at: Vec<usize> = cuts(150_000, 211, 48).collect();
        assert!((40..=50).contains(&at.len()), "{}", at.len());
        assert_eq!(at[0], 0);
        assert!(*at.last().unwrap() > 140_000);
        assert_eq!(cuts(500, 97, 24).count(), 6, "small files keep the fine step");
    }

    /// Every account file and playbook of the repository, whole and cut at many points (a cheap,
    /// deterministic cousin of the fuzz targets that runs in every test run).
    #[test]
    fn survives_every_sample_and_fixture_and_their_truncations() {
        fn files(dir: &std::path::Path, ext: &str, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    files(&path, ext, out);
                } else if path.extension().is_some_and(|e| e == ext) {
                    out.push(path);
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut accounts = Vec::new();
        files(&root.join("accounts"), "toml", &mut accounts);
        files(&root.join("tests/fixtures"), "toml", &mut accounts);
        assert!(accounts.len() > 50);
        let mut found = 0;
        for path in &accounts {
            let bytes = std::fs::read(path).unwrap();
            found += account(&bytes);
            for cut in cuts(bytes.len(), 97, 24) {
                account(&bytes[..cut]);
            }
        }
        assert!(found > 0, "the pipeline ran");
        for path in [root.join("assets/kam.yaml"), root.join("examples/playbooks/zh-CN.yaml")] {
            let bytes = std::fs::read(&path).unwrap();
            assert!(playbook(&bytes) > 0);
            for cut in cuts(bytes.len(), 211, 48) {
                playbook(&bytes[..cut]);
            }
        }
    }
}
