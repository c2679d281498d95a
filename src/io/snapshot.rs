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
    let pb = &ws.playbook;
    git::prefix(&ws.root).map_err(|_| {
        Error::usage_with_help(
            pb.fill(
                "history.not_a_repository",
                "{dir} is not inside a git repository",
                &[("dir", &ws.root.display())],
            ),
            pb.fill(
                "history.not_a_repository_help",
                "{what} reads the accounts' past from git; commit them to a git repository first",
                &[("what", &what)],
            ),
        )
    })
}

/// The mainline commit at the end of `day`, or a usage error saying why there is none.
pub fn commit_at_end_of(ws: &Workspace, day: NaiveDate) -> Result<Commit> {
    let pb = &ws.playbook;
    let commits = git_log::first_parent(&ws.root, "HEAD").map_err(|_| {
        Error::usage_with_help(
            pb.text("history.no_commits", "the repository has no commits"),
            pb.text(
                "history.no_commits_help",
                "--as-of reads the accounts as committed; commit them first",
            ),
        )
    })?;
    git_log::at_end_of(&commits, day).cloned().ok_or_else(|| {
        let message = match commits.last() {
            Some(c) => pb.fill(
                "history.no_commit_before_first",
                "no commit was made on or before {day} (the first is of {first})",
                &[("day", &day), ("first", &c.day)],
            ),
            None => pb.fill(
                "history.no_commit_before",
                "no commit was made on or before {day}",
                &[("day", &day)],
            ),
        };
        Error::usage_with_help(
            message,
            pb.text(
                "history.no_commit_before_help",
                "give a later date; `git log --reverse` shows the first commits",
            ),
        )
    })
}

/// Whether a path under `accounts/` names an account file: `*.toml`, no hidden part.
fn is_account(rel: &str) -> bool {
    Path::new(rel).extension().is_some_and(|e| e == "toml") && !rel.split('/').any(|p| p.starts_with('.'))
}

fn unreadable(name: String, message: String, help: String) -> Loaded {
    Err((name, Diagnostic::error(Code::Unreadable, 0..0, message).with_help(help)))
}

/// Reads the workspace as committed at the end of `day`.
pub fn at_end_of(ws: &Workspace, day: NaiveDate) -> Result<Snapshot> {
    let prefix = prefix(ws, "--as-of")?;
    let commit = commit_at_end_of(ws, day)?;
    let root = ws.root.as_path();
    let pb = &ws.playbook;
    let playbook = if ws.playbook_file.is_some() {
        let entries = git_log::tree(root, &commit.id, &format!("{prefix}{PLAYBOOK_FILE}"))?;
        match entries.into_iter().find(Entry::is_file) {
            // Without a committed playbook then, kam ran on its embedded default.
            None => default_playbook()?,
            Some(e) if e.size.is_none_or(|s| s > MAX_FILE_BYTES) => {
                return Err(Error::usage(pb.fill(
                    "history.playbook_too_large",
                    "{file} at {commit} is over {max} bytes",
                    &[
                        ("file", &PLAYBOOK_FILE),
                        ("commit", &short(&commit.id)),
                        ("max", &MAX_FILE_BYTES),
                    ],
                )));
            }
            Some(e) => {
                let bytes = git_log::blobs(root, &[e.oid])?.pop().flatten().unwrap_or_default();
                let text = String::from_utf8(bytes).map_err(|_| {
                    Error::usage(pb.fill(
                        "history.playbook_not_utf8",
                        "{file} at {commit} is not UTF-8 text",
                        &[("file", &PLAYBOOK_FILE), ("commit", &short(&commit.id))],
                    ))
                })?;
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
                let what = crate::io::git::tree::Kind::from_mode(&e.mode).words(pb.words());
                return unreadable(
                    name,
                    pb.fill(
                        "history.committed_not_regular",
                        "in the commit of {day}, this is {what}, not an account file",
                        &[("day", &day), ("what", &what)],
                    ),
                    pb.text("history.committed_not_regular_help", "account files are regular files")
                        .to_string(),
                );
            }
            let size = e.size.unwrap_or(u64::MAX);
            if size > MAX_FILE_BYTES {
                return unreadable(
                    name,
                    pb.fill(
                        "check.read_too_large",
                        "the file is {n} bytes; kam refuses files over {max} bytes",
                        &[("n", &size), ("max", &MAX_FILE_BYTES)],
                    ),
                    pb.text(
                        "check.read_too_large_help",
                        "an account file holds one client; split or trim it",
                    )
                    .to_string(),
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
                    pb.fill(
                        "check.read_not_utf8",
                        "the file is not UTF-8 text (invalid bytes after byte {at})",
                        &[("at", &e.utf8_error().valid_up_to())],
                    ),
                    pb.text("check.read_not_utf8_help", "save the file as UTF-8")
                        .to_string(),
                ),
                None => unreadable(
                    name,
                    pb.text("history.git_unreadable", "git could not read this file")
                        .to_string(),
                    pb.text("history.git_unreadable_help", "run `git fsck`").to_string(),
                ),
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
