//! The versions a review compares, read safely from git and the working tree: the revisions
//! resolved, the layout checked (an `accounts/` folder that is a link or a submodule cannot be
//! reviewed), the playbook of each version, the changed files with their kinds, and their texts
//! streamed in batches of bounded size — a file over the size limit is skipped unread, a link is
//! never followed, a named pipe never opened.

use std::path::Path;

use crate::domain::file_kind::FileKind;
use crate::domain::playbook::Playbook;
use crate::error::{Error, Result};
use crate::io::git::batch::{Blob, Blobs, read_all};
use crate::io::git::tree::{self, Changed, Entry, Kind};
use crate::io::source::MAX_FILE_BYTES;
use crate::io::worktree::{Found, not_a_plain_folder, read_regular};
use crate::workspace::{ACCOUNTS_DIR, PLAYBOOK_FILE};

/// How much file text one batch holds at most (a single larger file makes its own batch).
const BATCH_BYTES: usize = 8 * 1024 * 1024;
/// How many files one batch holds at most.
const BATCH_FILES: usize = 256;

/// A version of a file's text.
#[derive(Debug)]
pub enum Text {
    Absent,
    /// Not a regular file: what it is.
    NotRegular(FileKind),
    Unreadable(String),
    Readable(String),
}

impl Text {
    fn len(&self) -> usize {
        match self {
            Text::Readable(t) => t.len(),
            _ => 0,
        }
    }
}

fn text_of_bytes(pb: &Playbook, bytes: Vec<u8>) -> Text {
    match String::from_utf8(bytes) {
        Ok(t) => Text::Readable(t),
        Err(e) => Text::Unreadable(pb.fill(
            "check.read_not_utf8",
            "the file is not UTF-8 text (invalid bytes after byte {at})",
            &[("at", &e.utf8_error().valid_up_to())],
        )),
    }
}

fn too_large(pb: &Playbook, size: u64) -> Text {
    Text::Unreadable(pb.fill(
        "diff.too_large",
        "the file is {n} bytes; kam refuses files over {max} bytes and did not read it",
        &[("n", &size), ("max", &MAX_FILE_BYTES)],
    ))
}

/// Whether a path (relative to the workspace) is an account file: a `.toml` under `accounts/`
/// with no hidden part, as `kam check` lists them.
pub fn is_account(path: &str) -> bool {
    let Some(rest) = path.strip_prefix(ACCOUNTS_DIR).and_then(|r| r.strip_prefix('/')) else {
        return false;
    };
    Path::new(rest).extension().is_some_and(|e| e == "toml") && !rest.split('/').any(|part| part.starts_with('.'))
}

/// The folders from the repository's top down to the workspace's `accounts/`, as paths from the
/// top: `team`, `team/east`, `team/east/accounts` for the prefix `team/east/`.
fn components(prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut path = String::new();
    for part in prefix.split('/').filter(|p| !p.is_empty()).chain([ACCOUNTS_DIR]) {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str(part);
        out.push(path.clone());
    }
    out
}

fn refuse(pb: &Playbook, what: &str, kind: &str, at: &str) -> Error {
    Error::usage_with_help(
        pb.fill(
            "diff.layout_refused",
            "`{path}` is {kind} {at}: kam does not review through it, since what it points to is not part of the change",
            &[("path", &what), ("kind", &kind), ("at", &at)],
        ),
        pb.text(
            "diff.layout_refused_help",
            "keep the account files in a plain `accounts/` folder of this repository",
        ),
    )
}

/// What a version holds at the workspace: the playbook's entry, if any. Refuses (a usage error)
/// when `accounts/`, or a folder on the way to it, is a link or a submodule in that version.
pub fn layout(pb: &Playbook, root: &Path, prefix: &str, rev: Option<&str>, shown: &str) -> Result<Option<Entry>> {
    let folders = components(prefix);
    if let Some(rev) = rev {
        let playbook = format!("{prefix}{PLAYBOOK_FILE}");
        let mut paths = folders.clone();
        paths.push(playbook.clone());
        let mut found = None;
        for e in tree::entries(root, rev, &paths)? {
            if e.path == playbook {
                found = Some(e);
            } else if matches!(e.kind, Kind::Link | Kind::Submodule) {
                let at = pb.fill("diff.at_revision", "at {rev}", &[("rev", &shown)]);
                return Err(refuse(pb, &e.path, e.kind.words(pb.words()), &at));
            }
        }
        Ok(found)
    } else {
        let top = prefix
            .split('/')
            .filter(|p| !p.is_empty())
            .fold(root.to_path_buf(), |p, _| {
                p.parent().map_or_else(|| p.clone(), Path::to_path_buf)
            });
        for folder in &folders {
            if let Some(what) = not_a_plain_folder(&top.join(folder)) {
                let at = pb.text("diff.in_working_tree", "in the working tree");
                return Err(refuse(pb, folder, what.words(pb.words()), at));
            }
        }
        Ok(None)
    }
}

/// The playbook text of a version.
#[derive(Debug)]
pub enum PlaybookText {
    /// No kam.yaml: the embedded default playbook.
    Embedded,
    Text(String),
    /// Present but not readable (why).
    Unreadable(String),
}

/// The playbook of a revision from its entry (see [`layout`]).
pub fn playbook_at(pb: &Playbook, root: &Path, entry: Option<Entry>) -> Result<PlaybookText> {
    let Some(e) = entry else {
        return Ok(PlaybookText::Embedded);
    };
    let unreadable = |id: &str, english: &str, what: &dyn std::fmt::Display| {
        PlaybookText::Unreadable(pb.fill(id, english, &[("file", &PLAYBOOK_FILE), ("what", what)]))
    };
    if e.kind != Kind::File {
        return Ok(unreadable(
            "diff.playbook_is",
            "{file} is {what}",
            &e.kind.words(pb.words()),
        ));
    }
    let blobs = read_all(root, e.oid.into_iter().collect(), MAX_FILE_BYTES)?;
    Ok(match blobs.into_iter().next() {
        Some(Blob::Data(bytes)) => match String::from_utf8(bytes) {
            Ok(t) => PlaybookText::Text(t),
            Err(_) => unreadable("diff.playbook_not_utf8", "{file} is not UTF-8 text", &""),
        },
        Some(Blob::TooLarge(n)) => PlaybookText::Unreadable(pb.fill(
            "diff.playbook_too_large",
            "{file} is {n} bytes, over the limit",
            &[("file", &PLAYBOOK_FILE), ("n", &n)],
        )),
        _ => unreadable(
            "diff.playbook_missing",
            "{file} is missing from the repository's objects",
            &"",
        ),
    })
}

/// The changed paths under `accounts/` and the playbook between `base` and `head` (object ids;
/// the working tree when `None`), with untracked files of the working tree as added, and a file
/// moved to another folder (deleted and added under the same name) as renamed.
pub fn changes(root: &Path, base: &str, head: Option<&str>, filters: &[String]) -> Result<Vec<Changed>> {
    let specs = [ACCOUNTS_DIR, PLAYBOOK_FILE];
    // Both git calls walk the whole tree, so they run side by side.
    let (changes, untracked) = std::thread::scope(|s| {
        let untracked = head
            .is_none()
            .then(|| s.spawn(|| crate::io::git::untracked(root, &[ACCOUNTS_DIR])));
        let changes = tree::changed(root, base, head, &specs, filters);
        let untracked = untracked.map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        (changes, untracked)
    });
    let mut changes = changes?;
    if let Some(untracked) = untracked {
        changes.extend(untracked?.into_iter().map(|path| {
            // git lists a nested repository as a folder (`accounts/x/`), a link as a file.
            let kind = if path.ends_with('/') {
                Kind::Submodule
            } else if std::fs::symlink_metadata(root.join(&path)).is_ok_and(|m| m.file_type().is_symlink()) {
                Kind::Link
            } else {
                Kind::File
            };
            Changed {
                old: None,
                new: Some(Entry {
                    path: path.trim_end_matches('/').to_string(),
                    kind,
                    oid: None,
                }),
            }
        }));
    }
    // Renames paired by id (the file name), untracked files included: no content is read.
    Ok(tree::pair_renames(changes))
}

/// One side of a changed file, before it is read.
fn oid_of(e: Option<&Entry>) -> Option<String> {
    e.filter(|e| e.kind == Kind::File).and_then(|e| e.oid.clone())
}

/// Reads both versions of every change, in order, and hands them to `f` in batches of bounded
/// size; the working tree's versions come from disk under `root`.
pub fn read_in_batches(
    pb: &Playbook,
    root: &Path,
    changes: &[Changed],
    mut f: impl FnMut(&[Changed], Vec<(Text, Text)>),
) -> Result<()> {
    let wanted: Vec<String> = changes
        .iter()
        .flat_map(|c| [oid_of(c.old.as_ref()), oid_of(c.new.as_ref())])
        .flatten()
        .collect();
    let mut blobs = if wanted.is_empty() {
        None
    } else {
        Some(Blobs::open(root, wanted, MAX_FILE_BYTES)?)
    };
    let side = |e: Option<&Entry>, blobs: &mut Option<Blobs>| -> Result<Text> {
        let Some(e) = e else { return Ok(Text::Absent) };
        if e.oid.is_none() && e.kind != Kind::Submodule {
            // The working tree: a regular file only.
            return Ok(match read_regular(&root.join(&e.path), MAX_FILE_BYTES) {
                Found::Absent => Text::Absent,
                Found::NotRegular(what) => Text::NotRegular(what),
                Found::TooLarge(n) => too_large(pb, n),
                Found::Unreadable(why) => {
                    Text::Unreadable(pb.fill("check.read_io", "cannot read the file: {error}", &[("error", &why)]))
                }
                Found::Bytes(b) => text_of_bytes(pb, b),
            });
        }
        if let Some(kind) = e.kind.file_kind() {
            return Ok(Text::NotRegular(kind));
        }
        let Some(b) = blobs.as_mut() else {
            return Ok(Text::Absent);
        };
        Ok(match b.next_blob()? {
            Blob::Data(bytes) => text_of_bytes(pb, bytes),
            Blob::TooLarge(n) => too_large(pb, n),
            Blob::Missing => Text::Unreadable(
                pb.text(
                    "diff.content_missing",
                    "the file's content is missing from the repository",
                )
                .to_string(),
            ),
        })
    };
    let mut start = 0;
    let mut batch = Vec::new();
    let mut bytes = 0;
    for (i, c) in changes.iter().enumerate() {
        let pair = (side(c.old.as_ref(), &mut blobs)?, side(c.new.as_ref(), &mut blobs)?);
        bytes += pair.0.len() + pair.1.len();
        batch.push(pair);
        if bytes >= BATCH_BYTES || batch.len() >= BATCH_FILES {
            f(&changes[start..=i], std::mem::take(&mut batch));
            start = i + 1;
            bytes = 0;
        }
    }
    if !batch.is_empty() {
        f(&changes[start..], batch);
    }
    if let Some(b) = blobs {
        b.finish()?;
    }
    Ok(())
}

/// Every account file of a revision (for judging every account with two playbooks), as changes
/// from nothing, so [`read_in_batches`] reads them.
pub fn all_accounts_at(root: &Path, prefix: &str, rev: &str) -> Result<Vec<Changed>> {
    let dir = format!("{prefix}{ACCOUNTS_DIR}");
    Ok(tree::files_under(root, rev, &dir)?
        .into_iter()
        .filter_map(|mut e| {
            let rel = e.path.strip_prefix(prefix)?.to_string();
            is_account(&rel).then(|| {
                e.path = rel;
                Changed {
                    old: None,
                    new: Some(e),
                }
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn the_folders_down_to_the_accounts() {
        assert_eq!(components(""), vec!["accounts"]);
        assert_eq!(
            components("team/east/"),
            vec!["team", "team/east", "team/east/accounts"]
        );
    }
}
