//! The accounts staged for commit, read from the index for a pre-commit check (`kam check
//! --staged`): git names the staged files, only their blobs are read, and the ids of every
//! other account come from the index's file names (an id is its file's name), so the cost
//! grows with the change, not with the number of accounts. When the playbook itself is staged,
//! every account of the index is read: a new rule can break any of them.

use std::path::PathBuf;

use crate::domain::diagnostic::{Code, Diagnostic};
use crate::domain::playbook::Playbook;
use crate::error::{Error, Result};
use crate::io::git::batch::{Blob, read_all};
use crate::io::git::index;
use crate::io::git::tree::{Entry, Kind};
use crate::io::playbook_file::load;
use crate::io::review::versions::is_account;
use crate::io::source::{MAX_FILE_BYTES, Source};
use crate::workspace::{ACCOUNTS_DIR, Loaded, PLAYBOOK_FILE, Workspace};

/// What a commit of the index would hold, as far as a check needs it.
pub struct Staged {
    /// The index's playbook (the working tree's when the index holds none).
    pub playbook: Option<Playbook>,
    /// The account files to check, in path order.
    pub files: Vec<Loaded>,
    /// Every account file of the index, for the ids that must stay unique.
    pub all: Vec<PathBuf>,
    /// Whether every account is checked (the playbook is staged).
    pub whole: bool,
}

fn unreadable(pb: &Playbook, name: &str, why: String) -> Loaded {
    Err((
        name.to_string(),
        Diagnostic::error(Code::Unreadable, 0..0, why)
            .with_help(pb.text("check.staged_unreadable_help", "stage a regular UTF-8 text file")),
    ))
}

/// Reads what is staged in the workspace's repository.
pub fn read(ws: &Workspace) -> Result<Staged> {
    let root = ws.root.as_path();
    let pb = &ws.playbook;
    let specs = [ACCOUNTS_DIR, PLAYBOOK_FILE];
    // Both git calls read the whole index, so they run side by side.
    let (changed, entries) = std::thread::scope(|s| {
        let entries = s.spawn(|| index::entries(root, &specs));
        let changed = index::staged(root, None, &specs);
        (changed, entries.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
    });
    let entries = entries?;
    let changed = changed?;
    let whole = changed.iter().any(|c| {
        [&c.old, &c.new]
            .iter()
            .any(|e| e.as_ref().is_some_and(|e| e.path == PLAYBOOK_FILE))
    });
    let playbook_entry = entries.iter().find(|e| e.path == PLAYBOOK_FILE);
    let accounts: Vec<&Entry> = entries.iter().filter(|e| is_account(&e.path)).collect();
    let to_check: Vec<&Entry> = if whole {
        accounts.clone()
    } else {
        let mut paths: Vec<&str> = changed
            .iter()
            .filter_map(|c| c.new.as_ref())
            .filter(|e| is_account(&e.path))
            .map(|e| e.path.as_str())
            .collect();
        paths.sort_unstable();
        accounts
            .iter()
            .copied()
            .filter(|e| paths.binary_search(&e.path.as_str()).is_ok())
            .collect()
    };
    let mut oids: Vec<String> = Vec::new();
    if let Some(e) = playbook_entry.filter(|e| e.kind == Kind::File) {
        oids.extend(e.oid.clone());
    }
    oids.extend(
        to_check
            .iter()
            .filter(|e| e.kind == Kind::File)
            .filter_map(|e| e.oid.clone()),
    );
    let mut blobs = read_all(root, oids, MAX_FILE_BYTES)?.into_iter();
    let playbook = match playbook_entry {
        None => None,
        Some(e) if e.kind != Kind::File => {
            return Err(Error::usage(pb.fill(
                "check.staged_playbook_kind",
                "the staged {file} is {kind}; kam reads only a regular file",
                &[("file", &PLAYBOOK_FILE), ("kind", &e.kind.words(pb.words()))],
            )));
        }
        Some(_) => {
            let name = pb.fill("check.staged_name", "{file} (staged)", &[("file", &PLAYBOOK_FILE)]);
            match blobs.next() {
                Some(Blob::Data(bytes)) => {
                    let text = String::from_utf8(bytes).map_err(|_| {
                        Error::usage(pb.fill(
                            "check.staged_playbook_not_utf8",
                            "the staged {file} is not UTF-8 text",
                            &[("file", &PLAYBOOK_FILE)],
                        ))
                    })?;
                    Some(load(&name, &text)?)
                }
                _ => {
                    return Err(Error::usage(pb.fill(
                        "check.staged_playbook_unreadable",
                        "the staged {file} cannot be read",
                        &[("file", &PLAYBOOK_FILE)],
                    )));
                }
            }
        }
    };
    let files = to_check
        .iter()
        .map(|e| {
            let name = e.path.clone();
            if e.kind != Kind::File {
                let what = if e.kind == Kind::Other {
                    pb.text("check.staged_conflict", "in conflict in the index")
                } else {
                    e.kind.words(pb.words())
                };
                return unreadable(
                    pb,
                    &name,
                    pb.fill(
                        "check.staged_kind",
                        "the staged file is {kind}; kam does not read it",
                        &[("kind", &what)],
                    ),
                );
            }
            match blobs.next() {
                Some(Blob::Data(bytes)) => match String::from_utf8(bytes) {
                    Ok(text) => Ok(Source {
                        path: root.join(&e.path),
                        name,
                        text,
                        stamp: crate::io::source::Stamp::default(),
                    }),
                    Err(err) => unreadable(
                        pb,
                        &name,
                        pb.fill(
                            "check.read_not_utf8",
                            "the file is not UTF-8 text (invalid bytes after byte {at})",
                            &[("at", &err.utf8_error().valid_up_to())],
                        ),
                    ),
                },
                Some(Blob::TooLarge(n)) => unreadable(
                    pb,
                    &name,
                    pb.fill(
                        "check.read_too_large",
                        "the file is {n} bytes; kam refuses files over {max} bytes",
                        &[("n", &n), ("max", &MAX_FILE_BYTES)],
                    ),
                ),
                _ => unreadable(
                    pb,
                    &name,
                    pb.text("check.staged_missing", "the staged file is missing from the repository")
                        .to_string(),
                ),
            }
        })
        .collect();
    Ok(Staged {
        playbook,
        files,
        all: accounts.iter().map(|e| root.join(&e.path)).collect(),
        whole,
    })
}
