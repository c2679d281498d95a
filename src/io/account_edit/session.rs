//! One edit of one account file, from start to end, the same for every writing command: the
//! account is found by its id (or a unique prefix), its sidecar lock taken (not for a dry run),
//! its text read; the command's plan is applied by the engine; the result is checked against
//! the playbook like `kam check` does, and refused when the change brings new errors; then it is
//! written atomically, and only if the file still holds the text that was read.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::{Layout, apply_ops};
use crate::domain::account::Account;
use crate::domain::account::parse::parse_in;
use crate::domain::account::value::{Spanned, Table};
use crate::domain::check::check_account;
use crate::domain::diagnostic::{Code, Diagnostic, Severity};
use crate::domain::edit::Op;
use crate::domain::playbook::Playbook;
use crate::error::Result;
use crate::io::lock::{Lock, try_lock};
use crate::io::source::Stamp;
use crate::io::write::{Within, replace_if_unchanged};
use crate::workspace::Workspace;

/// An account file opened for an edit.
#[derive(Debug)]
pub struct Session {
    /// The account's id (its file name without `.toml`).
    pub id: String,
    /// Where the file really lives (a symlinked account is edited where it points).
    pub path: PathBuf,
    /// How messages name the file.
    pub name: String,
    /// The text as read.
    pub text: String,
    /// What the file was when read, compared again just before the write.
    stamp: Stamp,
    /// The workspace, inside which the file is written.
    within: PathBuf,
    _lock: Option<Lock>,
}

/// What applying a plan gives.
#[derive(Debug)]
pub struct Applied {
    pub new: String,
    /// Errors the change would bring (the file is not written when there are any).
    pub errors: Vec<Diagnostic>,
    /// Warnings and stage problems the change brings, shown after it.
    pub warnings: Vec<Diagnostic>,
}

/// Problems the edit itself causes. Whether a gate the account passed still holds is worth
/// knowing but is no reason to refuse true data (a champion who turned into an opponent).
fn blocks(d: &Diagnostic, strict: bool) -> bool {
    d.severity == Severity::Error && (strict || !matches!(d.code, Code::GateBypassed | Code::History | Code::Idle))
}

impl Session {
    /// Finds, locks (unless `dry_run`) and reads the account `id`.
    pub fn open(ws: &Workspace, id: &str, dry_run: bool) -> Result<Session> {
        let found = ws.account_path(id)?;
        let name = ws.name_of(&found);
        // A symlinked account is edited where it really lives, and locked there — only when
        // that is inside the workspace: kam never writes or locks outside it.
        let path = ws.writable_account(&found)?;
        let lock = if dry_run {
            None
        } else {
            Some(try_lock(&ws.playbook, &path, &name)?)
        };
        let src = ws.load_one(&path)?;
        let id = found
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(Session {
            id,
            path,
            name,
            text: src.text,
            stamp: src.stamp,
            within: ws.real_root.clone(),
            _lock: lock,
        })
    }

    /// The parsed file, or its syntax errors in the playbook's words.
    pub fn parse(&self, pb: &Playbook) -> std::result::Result<Spanned<Table<'_>>, Vec<Diagnostic>> {
        parse_in(pb, &self.text)
    }

    /// The parsed file for a command that only reads it (`show`, `task list`): a file that is not
    /// valid TOML is a usage error that points at `kam check`.
    pub fn parse_readable(&self, pb: &Playbook) -> Result<Spanned<Table<'_>>> {
        self.parse(pb).map_err(|_| {
            crate::error::Error::usage_with_help(
                pb.fill(
                    "usage.invalid_toml",
                    "{file} is not valid TOML",
                    &[("file", &self.name)],
                ),
                pb.fill(
                    "usage.invalid_toml_help",
                    "`kam check {id}` shows every problem",
                    &[("id", &self.id)],
                ),
            )
        })
    }

    /// Applies `ops` and checks the result against the playbook. `strict` (for `kam edit`) refuses
    /// stage problems too.
    pub fn apply(&self, pb: &Playbook, ops: &[Op], today: NaiveDate, strict: bool) -> Result<Applied> {
        let new = apply_ops(&self.text, ops, &Layout::of(pb))?;
        Ok(judge(pb, &self.id, &self.text, new, today, strict))
    }

    /// Writes the new text, if the file is still what was read (see
    /// [`replace_if_unchanged`]). A program that wrote to the file in the instant of the
    /// replacement is named in a warning.
    pub fn write(&self, pb: &Playbook, new: &str) -> Result<()> {
        let replaced = replace_if_unchanged(
            &self.path,
            &self.stamp,
            self.text.as_bytes(),
            new.as_bytes(),
            &self.name,
            Within::Workspace(&self.within),
        )?;
        if replaced.raced {
            crate::output::eprint(&format!(
                "warning: {}\n",
                pb.fill(
                    "write.raced",
                    "another program wrote to {file} while kam replaced it; what it wrote in that instant is not in the file — compare with `git diff`",
                    &[("file", &self.name)],
                )
            ));
        }
        Ok(())
    }
}

fn findings(pb: &Playbook, stem: &str, text: &str, today: NaiveDate) -> Vec<Diagnostic> {
    match parse_in(pb, text) {
        Ok(root) => check_account(pb, text, &root, &Account::new(&root), stem, today),
        Err(diags) => diags,
    }
}

/// The problems `new` has that `old` did not (compared by code and message, so unrelated
/// problems already in the file neither block nor repeat).
pub fn judge(pb: &Playbook, stem: &str, old: &str, new: String, today: NaiveDate, strict: bool) -> Applied {
    let mut before: Vec<(Code, String)> = findings(pb, stem, old, today)
        .into_iter()
        .map(|d| (d.code, d.message))
        .collect();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for d in findings(pb, stem, &new, today) {
        if let Some(i) = before.iter().position(|(c, m)| *c == d.code && *m == d.message) {
            before.swap_remove(i);
            continue;
        }
        if blocks(&d, strict) {
            errors.push(d);
        } else {
            warnings.push(d);
        }
    }
    Applied { new, errors, warnings }
}
