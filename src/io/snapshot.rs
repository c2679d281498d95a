//! The workspace as it was committed at the end of a day (`--as-of DATE`): the playbook and the
//! account files of the newest mainline commit made on or before that day, read from git's
//! objects. The working tree and the index are not touched.
//!
//! The account files are the `*.toml` under `accounts/` with no hidden part, as in the working
//! tree. A symbolic link or a submodule where an account file should be, a file over the size
//! limit or one that is not UTF-8 becomes a diagnostic of that file, as a bad file on disk does.

use std::path::Path;

use chrono::NaiveDate;

use crate::domain::diagnostic::{Code, Diagnostic};
use crate::domain::playbook::Playbook;
use crate::error::{Error, Result};
use crate::io::git;
use crate::io::git_log::{self, Commit, Entry};
use crate::io::playbook_file::{default_playbook, load};
use crate::io::source::{MAX_FILE_BYTES, Source};
use crate::workspace::{ACCOUNTS_DIR, Loaded, PLAYBOOK_FILE, Workspace};

/// The workspace at the end of a day.
#[derive(Debug)]
pub struct Snapshot {
    /// The commit read.
    pub commit: Commit,
    pub playbook: Playbook,
    /// Every account file, in path order.
    pub files: Vec<Loaded>,
}

/// Where the workspace sits in its repository (`""` at the top, else ending in `/`).
pub fn prefix(ws: &Workspace, what: &str) -> Result<String> {
    git::prefix(&ws.root).map_err(|_| {
        Error::usage_with_help(
            format!("{} is not inside a git repository", ws.root.display()),
            format!("{what} reads the accounts' past from git; commit them to a git repository first"),
        )
    })
}

/// The mainline commit at the end of `day`, or a usage error saying why there is none.
pub fn commit_at_end_of(ws: &Workspace, day: NaiveDate) -> Result<Commit> {
    let commits = git_log::first_parent(&ws.root, "HEAD").map_err(|_| {
        Error::usage_with_help(
            "the repository has no commits",
            "--as-of reads the accounts as committed; commit them first",
        )
    })?;
    git_log::at_end_of(&commits, day).cloned().ok_or_else(|| {
        let first = commits
            .last()
            .map_or_else(String::new, |c| format!(" (the first is of {})", c.day));
        Error::usage_with_help(
            format!("no commit was made on or before {day}{first}"),
            "give a later date; `git log --reverse` shows the first commits",
        )
    })
}

/// Whether a path under `accounts/` names an account file: `*.toml`, no hidden part.
fn is_account(rel: &str) -> bool {
    Path::new(rel).extension().is_some_and(|e| e == "toml") && !rel.split('/').any(|p| p.starts_with('.'))
}

fn unreadable(name: String, message: String, help: &str) -> Loaded {
    Err((name, Diagnostic::error(Code::Unreadable, 0..0, message).with_help(help)))
}

/// Reads the workspace as committed at the end of `day`.
pub fn at_end_of(ws: &Workspace, day: NaiveDate) -> Result<Snapshot> {
    let prefix = prefix(ws, "--as-of")?;
    let commit = commit_at_end_of(ws, day)?;
    let root = ws.root.as_path();
    let playbook = if ws.playbook_file.is_some() {
        let entries = git_log::tree(root, &commit.id, &format!("{prefix}{PLAYBOOK_FILE}"))?;
        match entries.into_iter().find(Entry::is_file) {
            // Without a committed playbook then, kam ran on its embedded default.
            None => default_playbook()?,
            Some(e) if e.size.is_none_or(|s| s > MAX_FILE_BYTES) => {
                return Err(Error::usage(format!(
                    "{PLAYBOOK_FILE} at {} is over {MAX_FILE_BYTES} bytes",
                    short(&commit.id)
                )));
            }
            Some(e) => {
                let bytes = git_log::blobs(root, &[e.oid])?.pop().flatten().unwrap_or_default();
                let text = String::from_utf8(bytes)
                    .map_err(|_| Error::usage(format!("{PLAYBOOK_FILE} at {} is not UTF-8 text", short(&commit.id))))?;
                load(&format!("{PLAYBOOK_FILE} at {}", short(&commit.id)), &text)?
            }
        }
    } else {
        default_playbook()?
    };
    let under = format!("{prefix}{ACCOUNTS_DIR}");
    let mut entries: Vec<(String, Entry)> = git_log::tree(root, &commit.id, &under)?
        .into_iter()
        .filter_map(|e| {
            let name = e.path.strip_prefix(&prefix)?.to_string();
            let rel = name.strip_prefix(ACCOUNTS_DIR)?.strip_prefix('/')?;
            is_account(rel).then_some((name, e))
        })
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let wanted: Vec<String> = entries
        .iter()
        .filter(|(_, e)| e.is_file() && e.size.is_some_and(|s| s <= MAX_FILE_BYTES))
        .map(|(_, e)| e.oid.clone())
        .collect();
    let mut found = git_log::blobs(root, &wanted)?.into_iter();
    let files = entries
        .into_iter()
        .map(|(name, e)| {
            if !e.is_file() {
                let what = if e.mode == "120000" {
                    "a symbolic link"
                } else {
                    "not a file"
                };
                return unreadable(
                    name,
                    format!("in the commit of {day}, this is {what}, not an account file"),
                    "account files are regular files",
                );
            }
            let size = e.size.unwrap_or(u64::MAX);
            if size > MAX_FILE_BYTES {
                return unreadable(
                    name,
                    format!("the file is {size} bytes; kam refuses files over {MAX_FILE_BYTES} bytes"),
                    "an account file holds one client; split or trim it",
                );
            }
            match found.next().flatten().map(String::from_utf8) {
                // From git, not the file system: there is no file to stamp, nor to write back.
                Some(Ok(text)) => Ok(Source {
                    path: ws.root.join(&name),
                    name,
                    text,
                    stamp: crate::io::source::Stamp::default(),
                }),
                Some(Err(e)) => unreadable(
                    name,
                    format!(
                        "the file is not UTF-8 text (invalid bytes after byte {})",
                        e.utf8_error().valid_up_to()
                    ),
                    "save the file as UTF-8",
                ),
                None => unreadable(name, "git could not read this file".into(), "run `git fsck`"),
            }
        })
        .collect();
    Ok(Snapshot {
        commit,
        playbook,
        files,
    })
}

/// The short form of a commit id, as messages show it.
pub fn short(id: &str) -> &str {
    id.get(..10).unwrap_or(id)
}
