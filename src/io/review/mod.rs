//! The review of a change (`kam diff`): the two versions resolved, their layout checked, their
//! playbooks read — the older one judges every gate crossed, the newer one reads the rest — the
//! changed account files read in batches and compared, and, when the playbook changed, every
//! account of the newer version judged with both. git names the changed files; only those are
//! read, so the cost grows with the change, not with the number of accounts.
//!
//! - [`revisions`]: the two versions a request names, as object ids and as the review shows them
//! - [`versions`]: the versions read safely: layout, playbooks, changed files, texts in batches

pub mod revisions;
pub mod versions;

use std::path::Path;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::domain::account::Account;
use crate::domain::account::value::{Spanned, Table};
use crate::domain::diagnostic::line_col;
use crate::domain::playbook::Playbook;
use crate::domain::review::impact::impact;
use crate::domain::review::playbook::changes as playbook_changes;
use crate::domain::review::{
    AccountDiff, Books, DiffReport, Files, Finding, FindingKind, PlaybookReview, Side, compare,
};
use crate::error::{Error, Result};
use crate::io::account_file;
use crate::io::git;
use crate::io::git::tree::{Changed, Kind};
use crate::io::playbook_file::{EMBEDDED_NAME, default_playbook, load};
use crate::workspace::{ACCOUNTS_DIR, PLAYBOOK_FILE, Workspace};
use revisions::revisions;
use versions::{PlaybookText, Text, all_accounts_at, changes, is_account, layout, playbook_at, read_in_batches};

/// Which versions to compare.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The older version (a revision; `HEAD` when `None`), or with `since` the newer one.
    pub base: Option<String>,
    /// The newer version (a revision; the working tree when `None`).
    pub head: Option<String>,
    /// `7d`, `2w` or a date: the older version is the last commit before that day.
    pub since: Option<String>,
    /// The newer version is what is staged for commit (the index), not the working tree.
    pub staged: bool,
}

/// A parsed version, or why it is not one.
fn parsed<'t>(pb: &Playbook, text: &'t Text) -> std::result::Result<Option<Spanned<Table<'t>>>, String> {
    match text {
        Text::Absent | Text::NotRegular(_) => Ok(None),
        Text::Unreadable(why) => Err(why.clone()),
        Text::Readable(t) => account_file::parse_in(pb, t).map(Some).map_err(|diags| {
            let first = diags.iter().min_by_key(|d| d.span.start);
            first.map_or_else(
                || pb.text("check.toml.invalid", "invalid TOML").to_string(),
                |d| {
                    let (line, col) = line_col(t, d.span.start);
                    pb.fill(
                        "diff.broken_at",
                        "line {line}, column {col}: {message} (`kam check` shows every problem)",
                        &[("line", &line), ("col", &col), ("message", &d.message)],
                    )
                },
            )
        }),
    }
}

/// One version as the comparison sees it.
fn side<'a, 't>(
    text: &'a Text,
    parsed: &'a std::result::Result<Option<Spanned<Table<'t>>>, String>,
    account: Option<&'a Account<'t>>,
) -> Side<'a, 't> {
    match (text, parsed, account) {
        (Text::NotRegular(what), _, _) => Side::NotRegular(*what),
        (_, Err(why), _) => Side::Broken(why),
        (_, _, Some(a)) => Side::Parsed(a),
        _ => Side::Absent,
    }
}

/// Parses both versions of one file and compares them.
fn diff_one(books: Books<'_>, c: &Changed, base: &Text, head: &Text, today: NaiveDate) -> AccountDiff {
    let (b, h) = (parsed(books.head, base), parsed(books.head, head));
    let (ba, ha) = (
        b.as_ref().ok().and_then(Option::as_ref).map(Account::new),
        h.as_ref().ok().and_then(Option::as_ref).map(Account::new),
    );
    let files = Files {
        base: c.old.as_ref().map(|e| e.path.as_str()),
        head: c.new.as_ref().map(|e| e.path.as_str()),
    };
    let (bs, hs) = (side(base, &b, ba.as_ref()), side(head, &h, ha.as_ref()));
    compare(books, &files, bs, hs, today)
}

/// A playbook loaded from a version's text, or the reason it cannot be.
fn load_text(pb: &Playbook, text: PlaybookText, name: &str) -> std::result::Result<Playbook, String> {
    match text {
        PlaybookText::Embedded => default_playbook().map_err(|e| e.to_string()),
        PlaybookText::Text(t) => load(name, &t).map_err(|e| match e {
            Error::Playbook { problems, .. } => problems.first().map_or_else(
                || pb.text("diff.invalid_playbook", "invalid playbook").to_string(),
                |p| p.message.clone(),
            ),
            other => other.to_string(),
        }),
        PlaybookText::Unreadable(why) => Err(why),
    }
}

/// The result of a thread of a scope (a panic there goes on here).
fn joined<T>(h: std::thread::ScopedJoinHandle<'_, T>) -> T {
    h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))
}

/// Reviews the change between two versions of a workspace: `req` names them, `today` is the day
/// the current stages' checklists are judged as of. The playbooks are read from the versions.
pub fn review(ws: &Workspace, req: &Request, today: NaiveDate) -> Result<(DiffReport, Playbook)> {
    let root = ws.root.as_path();
    // The words of messages: the workspace's playbook.
    let pb = &ws.playbook;
    // Each git call starts a process: those that do not depend on each other run side by side.
    let (prefix, revs, filters) = std::thread::scope(|s| {
        let prefix = s.spawn(|| git::prefix(root));
        let filters = s.spawn(|| {
            // The working tree is the newer version: git reads it, with no filter.
            let worktree = match &req.since {
                Some(_) => req.base.is_none(),
                None => req.head.is_none() && !req.staged,
            };
            if worktree {
                git::filter_overrides(root)
            } else {
                Ok(Vec::new())
            }
        });
        let revs = revisions(pb, root, req, today);
        (joined(prefix), revs, joined(filters))
    });
    let prefix = prefix?;
    let ((base, base_shown), head) = revs?;
    let head_oid = head.as_ref().map(|(oid, _)| oid.as_str());
    // Refuse a layout the review cannot see through, in both versions, before reading a change.
    let (base_entry, head_entry, all) = std::thread::scope(|s| {
        let base_entry = s.spawn(|| layout(pb, root, &prefix, Some(&base), &base_shown));
        let head_entry = s.spawn(|| match &head {
            Some((oid, shown)) => layout(pb, root, &prefix, Some(oid), shown),
            None => layout(pb, root, &prefix, None, ""),
        });
        let all = if req.staged {
            git::index::staged(root, Some(&base), &[ACCOUNTS_DIR, PLAYBOOK_FILE])
        } else {
            filters.and_then(|f| changes(root, &base, head_oid, &f))
        };
        (joined(base_entry), joined(head_entry), all)
    });
    let (base_entry, mut head_entry) = (base_entry?, head_entry?);
    let all = all?;
    let staged_head = if req.staged {
        // The index's playbook: the staged one, else the base's (the index holds it unchanged).
        let staged = all.iter().find(|c| {
            [&c.old, &c.new]
                .iter()
                .any(|e| e.as_ref().is_some_and(|e| e.path == PLAYBOOK_FILE))
        });
        head_entry = match staged {
            Some(c) => c.new.clone().map(|mut e| {
                e.path = format!("{prefix}{PLAYBOOK_FILE}");
                e
            }),
            None => base_entry.clone(),
        };
        Some(pb.text("diff.the_index", "the index").to_string())
    } else {
        None
    };
    let mut findings = Vec::new();
    // The playbooks: the older version's judges the gates; the newer one reads the rest.
    let base_name = pb.fill(
        "diff.file_at",
        "{file} at {rev}",
        &[("file", &PLAYBOOK_FILE), ("rev", &base_shown)],
    );
    let base_text = playbook_at(pb, root, base_entry)?;
    let base_embedded = matches!(base_text, PlaybookText::Embedded);
    let base_raw = match &base_text {
        PlaybookText::Text(t) => Some(t.clone()),
        _ => None,
    };
    let head_pb_owned;
    let head_shown = head.as_ref().map(|(_, shown)| shown.clone()).or(staged_head);
    let (head_pb, head_name, head_raw): (&Playbook, String, Option<String>) = if let Some(shown) = &head_shown {
        let text = playbook_at(pb, root, head_entry)?;
        let embedded = matches!(text, PlaybookText::Embedded);
        let raw = match &text {
            PlaybookText::Text(t) => Some(t.clone()),
            _ => None,
        };
        let name = if req.staged {
            pb.fill("diff.file_in_index", "{file} in the index", &[("file", &PLAYBOOK_FILE)])
        } else {
            pb.fill(
                "diff.file_at",
                "{file} at {rev}",
                &[("file", &PLAYBOOK_FILE), ("rev", shown)],
            )
        };
        head_pb_owned = load_text(pb, text, &name).map_err(|why| {
            Error::usage(pb.fill(
                "diff.head_playbook_unreadable",
                "the playbook of {rev} cannot be read: {why}",
                &[("rev", shown), ("why", &why)],
            ))
        })?;
        let shown_name = if embedded { EMBEDDED_NAME.to_string() } else { name };
        (&head_pb_owned, shown_name, raw)
    } else {
        let raw = ws.playbook_file.as_ref().and_then(|p| ws.read_named(p).ok());
        let name = ws.playbook_file.as_ref().map_or_else(
            || EMBEDDED_NAME.to_string(),
            |p| {
                pb.fill(
                    "diff.file_in_working_tree",
                    "{file} in the working tree",
                    &[("file", &ws.name_of(p))],
                )
            },
        );
        (&ws.playbook, name, raw)
    };
    let base_pb_owned;
    let base_pb: &Playbook = match load_text(pb, base_text, &base_name) {
        Ok(pb) => {
            base_pb_owned = pb;
            &base_pb_owned
        }
        Err(why) => {
            findings.push(Finding::new(
                FindingKind::BasePlaybook,
                pb.fill(
                    "diff.base_playbook_unreadable",
                    "the playbook in force before the change ({name}) cannot be read ({why}), so the gates of this change cannot be judged by the rules in force; they are judged with the newer playbook",
                    &[("name", &base_name), ("why", &why)],
                ),
            ));
            head_pb
        }
    };
    let books = Books {
        base: base_pb,
        head: head_pb,
    };
    let base_shown_pb = if base_embedded {
        EMBEDDED_NAME.to_string()
    } else {
        base_name
    };
    // Account files, and anything else under accounts/ that is not a regular file.
    let mut accounts: Vec<Changed> = Vec::new();
    for c in all {
        let path = c
            .new
            .as_ref()
            .or(c.old.as_ref())
            .map(|e| e.path.clone())
            .unwrap_or_default();
        let is_acc = |e: &Option<crate::io::git::tree::Entry>| e.as_ref().is_some_and(|e| is_account(&e.path));
        if is_acc(&c.old) || is_acc(&c.new) {
            accounts.push(Changed {
                old: c.old.filter(|e| is_account(&e.path)),
                new: c.new.filter(|e| is_account(&e.path)),
            });
        } else if path.starts_with(&format!("{ACCOUNTS_DIR}/"))
            && let Some(e) = c
                .new
                .as_ref()
                .filter(|e| matches!(e.kind, Kind::Link | Kind::Submodule))
        {
            findings.push(Finding::new(
                FindingKind::NotRegular,
                pb.fill(
                    "diff.not_followed",
                    "{path} is {kind} in the newer version: kam does not follow it, and any account behind it is not part of this review",
                    &[("path", &e.path), ("kind", &e.kind.words(pb.words()))],
                ),
            ));
        }
    }
    accounts.sort_by(|a, b| {
        let key = |c: &Changed| c.new.as_ref().or(c.old.as_ref()).map(|e| e.path.clone());
        key(a).cmp(&key(b))
    });
    let mut diffs: Vec<AccountDiff> = Vec::with_capacity(accounts.len());
    read_in_batches(pb, root, &accounts, |batch, texts| {
        let done: Vec<AccountDiff> = batch
            .par_iter()
            .zip(texts.par_iter())
            .map(|(c, (b, h))| diff_one(books, c, b, h, today))
            .collect();
        diffs.extend(done);
    })?;
    let edited = base_raw != head_raw && !(base_raw.is_none() && head_raw.is_none());
    let changes_pb = playbook_changes(base_pb, head_pb);
    let moved = if changes_pb.is_empty() {
        Vec::new()
    } else if req.staged {
        let files: Vec<Changed> = git::index::entries(root, &[ACCOUNTS_DIR])?
            .into_iter()
            .filter(|e| is_account(&e.path))
            .map(|e| Changed {
                old: None,
                new: Some(e),
            })
            .collect();
        judge_all(root, &files, books, today)?
    } else {
        moved_accounts(root, &prefix, ws, head_oid, books, today)?
    };
    let review = PlaybookReview {
        base: base_shown_pb,
        head: head_name,
        edited,
        changes: changes_pb,
        accounts: moved,
    };
    let mut report = DiffReport::new(base_shown, head.map(|(_, shown)| shown), review, findings, diffs);
    report.staged = req.staged;
    Ok((report, head_pb.clone()))
}

/// Every account of the newer version judged with both playbooks: those whose standing differs.
fn moved_accounts(
    root: &Path,
    prefix: &str,
    ws: &Workspace,
    head: Option<&str>,
    books: Books<'_>,
    today: NaiveDate,
) -> Result<Vec<crate::domain::review::impact::Impact>> {
    let files: Vec<Changed> = match head {
        Some(rev) => all_accounts_at(root, prefix, rev)?,
        None => ws
            .account_files()?
            .into_iter()
            .map(|p| Changed {
                old: None,
                new: Some(crate::io::git::tree::Entry {
                    path: ws.name_of(&p),
                    kind: Kind::File,
                    oid: None,
                }),
            })
            .collect(),
    };
    judge_all(root, &files, books, today)
}

/// The accounts of `files` (as additions) whose standing differs under the two playbooks.
fn judge_all(
    root: &Path,
    files: &[Changed],
    books: Books<'_>,
    today: NaiveDate,
) -> Result<Vec<crate::domain::review::impact::Impact>> {
    let mut out = Vec::new();
    read_in_batches(books.head, root, files, |batch, texts| {
        let found: Vec<_> = batch
            .par_iter()
            .zip(texts.par_iter())
            .filter_map(|(c, (_, h))| {
                let tree = parsed(books.head, h).ok().flatten()?;
                let account = Account::new(&tree);
                let file = c.new.as_ref().map(|e| e.path.as_str()).unwrap_or_default();
                impact(books.base, books.head, &account, file, today)
            })
            .collect();
        out.extend(found);
    })?;
    Ok(out)
}
