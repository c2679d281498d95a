//! `kam diff [BASE] [HEAD]`: the accounts that changed between two versions, in business terms.
//! git names the changed files (`git diff --name-status -z`, renames detected); only those are
//! read — older versions with one `git cat-file --batch`, the working tree from disk — so the
//! cost grows with the change, not with the number of accounts.

use rayon::prelude::*;

use crate::Context;
use crate::cli_review::{DiffArgs, DiffFormat};
use crate::domain::account::Account;
use crate::domain::diagnostic::line_col;
use crate::domain::review::{AccountDiff, DiffReport, Files, Side, compare};
use crate::error::{FINDINGS, OK, Result};
use crate::io::account_file;
use crate::io::git;
use crate::io::source::{MAX_FILE_BYTES, ReadError};
use crate::output::print;
use crate::render::review as render;
use crate::workspace::{ACCOUNTS_DIR, PLAYBOOK_FILE, Workspace};

/// A version of a file's text: absent, unreadable (why), or its text.
enum Text {
    Absent,
    Unreadable(String),
    Readable(String),
}

fn text_of(bytes: Option<Vec<u8>>) -> Text {
    match bytes {
        None => Text::Absent,
        Some(b) if b.len() as u64 > MAX_FILE_BYTES => Text::Unreadable(format!(
            "the file is {} bytes; kam refuses files over {MAX_FILE_BYTES} bytes",
            b.len()
        )),
        Some(b) => match String::from_utf8(b) {
            Ok(t) => Text::Readable(t),
            Err(e) => Text::Unreadable(format!(
                "the file is not UTF-8 text (invalid bytes after byte {})",
                e.utf8_error().valid_up_to()
            )),
        },
    }
}

/// Whether a path (relative to the workspace) is an account file: a `.toml` under `accounts/`
/// with no hidden part, as `kam check` lists them.
fn is_account(path: &str) -> bool {
    let Some(rest) = path.strip_prefix(ACCOUNTS_DIR).and_then(|r| r.strip_prefix('/')) else {
        return false;
    };
    std::path::Path::new(rest).extension().is_some_and(|e| e == "toml")
        && !rest.split('/').any(|part| part.starts_with('.'))
}

/// Parses both versions and compares them.
fn diff_one(ws: &Workspace, files: &Files<'_>, base: &Text, head: &Text, today: chrono::NaiveDate) -> AccountDiff {
    fn parsed(
        text: &Text,
    ) -> Result<Option<crate::domain::account::value::Spanned<crate::domain::account::value::Table<'_>>>, String> {
        match text {
            Text::Absent => Ok(None),
            Text::Unreadable(why) => Err(why.clone()),
            Text::Readable(t) => account_file::parse(t).map(Some).map_err(|diags| {
                let first = diags.iter().min_by_key(|d| d.span.start);
                first.map_or_else(
                    || "invalid TOML".to_string(),
                    |d| {
                        let (line, col) = line_col(t, d.span.start);
                        format!(
                            "line {line}, column {col}: {} (`kam check` shows every problem)",
                            d.message
                        )
                    },
                )
            }),
        }
    }
    let (b, h) = (parsed(base), parsed(head));
    let (ba, ha) = (
        b.as_ref().ok().and_then(Option::as_ref).map(Account::new),
        h.as_ref().ok().and_then(Option::as_ref).map(Account::new),
    );
    let base_side = match (&b, &ba) {
        (Err(why), _) => Side::Broken(why),
        (Ok(_), Some(a)) => Side::Parsed(a),
        (Ok(_), None) => Side::Absent,
    };
    let head_side = match (&h, &ha) {
        (Err(why), _) => Side::Broken(why),
        (Ok(_), Some(a)) => Side::Parsed(a),
        (Ok(_), None) => Side::Absent,
    };
    compare(&ws.playbook, files, base_side, head_side, today)
}

/// The arguments as (base, head): `kam diff` is HEAD against the working tree (`None`).
fn revisions(args: &DiffArgs) -> (String, Option<String>) {
    (
        args.base.clone().unwrap_or_else(|| "HEAD".to_string()),
        args.head.clone(),
    )
}

pub fn run(args: &DiffArgs, ctx: &Context) -> Result<i32> {
    let ws = Workspace::open(&ctx.start)?;
    let root = ws.root.as_path();
    let prefix = git::prefix(root)?;
    let (base, head) = revisions(args);
    git::verify(root, &base)?;
    if let Some(h) = &head {
        git::verify(root, h)?;
    }
    let specs = [ACCOUNTS_DIR, PLAYBOOK_FILE];
    // New files not yet added to git are part of the working tree's change too. Both git calls
    // walk the whole tree, so they run side by side.
    let (changes, untracked) = std::thread::scope(|s| {
        let untracked = head
            .is_none()
            .then(|| s.spawn(|| git::untracked(root, &[ACCOUNTS_DIR])));
        let changes = git::changed(root, &base, head.as_deref(), &specs);
        let untracked = untracked.map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        (changes, untracked)
    });
    let mut changes = changes?;
    if let Some(untracked) = untracked {
        changes.extend(untracked?.into_iter().map(|p| git::Changed {
            old: None,
            new: Some(p),
        }));
    }
    let playbook_changed = changes
        .iter()
        .any(|c| c.old.as_deref() == Some(PLAYBOOK_FILE) || c.new.as_deref() == Some(PLAYBOOK_FILE));
    let mut changes: Vec<git::Changed> = changes
        .into_iter()
        .filter(|c| c.old.as_deref().is_some_and(is_account) || c.new.as_deref().is_some_and(is_account))
        .map(|c| git::Changed {
            old: c.old.filter(|p| is_account(p)),
            new: c.new.filter(|p| is_account(p)),
        })
        .collect();
    changes.sort_by(|a, b| (a.new.as_ref().or(a.old.as_ref())).cmp(&b.new.as_ref().or(b.old.as_ref())));
    let texts = read_versions(&ws, &prefix, &base, head.as_deref(), &changes)?;
    let accounts: Vec<AccountDiff> = changes
        .par_iter()
        .zip(texts.par_iter())
        .map(|(c, (b, h))| {
            let files = Files {
                base: c.old.as_deref(),
                head: c.new.as_deref(),
            };
            diff_one(&ws, &files, b, h, ctx.today)
        })
        .collect();
    let playbook = ws
        .playbook_file
        .as_ref()
        .map_or_else(|| "the embedded default playbook".to_string(), |p| ws.name_of(p));
    let report = DiffReport::new(base, head, playbook, playbook_changed, accounts);
    let pb = &ws.playbook;
    let out = match args.format {
        DiffFormat::Text => render::text(pb, &report, ctx.color),
        DiffFormat::Md => render::markdown(pb, &report),
        DiffFormat::Json => render::json(&report),
    };
    print(&out)?;
    let unreadable_head = report.accounts.iter().any(|a| {
        a.problems
            .iter()
            .any(|p| p.version == crate::domain::review::Version::Head)
    });
    Ok(if args.check && (report.bypassed > 0 || unreadable_head) {
        FINDINGS
    } else {
        OK
    })
}

/// The texts of both versions of every changed file: older versions (and a newer revision)
/// from one `git cat-file --batch`, the working tree from disk.
fn read_versions(
    ws: &Workspace,
    prefix: &str,
    base: &str,
    head: Option<&str>,
    changes: &[git::Changed],
) -> Result<Vec<(Text, Text)>> {
    let mut wanted: Vec<(String, String)> = Vec::new();
    let mut slot = |rev: &str, path: &Option<String>| {
        path.as_ref().map(|p| {
            wanted.push((rev.to_string(), format!("{prefix}{p}")));
            wanted.len() - 1
        })
    };
    let slots: Vec<(Option<usize>, Option<usize>)> = changes
        .iter()
        .map(|c| (slot(base, &c.old), head.and_then(|h| slot(h, &c.new))))
        .collect();
    let root = ws.root.as_path();
    let mut found = git::show_many(root, &wanted)?;
    let mut take = |i: Option<usize>| i.and_then(|i| found.get_mut(i).and_then(Option::take));
    Ok(changes
        .iter()
        .zip(slots)
        .map(|(c, (b, h))| {
            let base_text = if c.old.is_some() {
                text_of(take(b))
            } else {
                Text::Absent
            };
            let head_text = match (head, &c.new) {
                (_, None) => Text::Absent,
                (Some(_), Some(_)) => text_of(take(h)),
                // The working tree is read the one safe way: a link out of the workspace or a
                // FIFO is a problem of that file, never opened.
                (None, Some(p)) => match ws.read_named(&root.join(p)) {
                    Ok(t) => Text::Readable(t),
                    Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => Text::Absent,
                    Err(e) => Text::Unreadable(e.to_string()),
                },
            };
            (base_text, head_text)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::is_account;

    #[test]
    fn account_paths() {
        assert!(is_account("accounts/a.toml"));
        assert!(is_account("accounts/east/华东.toml"));
        assert!(!is_account("accounts/.hidden.toml"));
        assert!(!is_account("accounts/.x/a.toml"));
        assert!(!is_account("accounts/a.yaml"));
        assert!(!is_account("kam.yaml"));
        assert!(!is_account("accountsx/a.toml"));
    }
}
