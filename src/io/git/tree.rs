//! What changed between two versions, and what a version holds at a path, with the file mode of
//! each side: a regular file, a symbolic link (mode 120000, whose content is a path, not an
//! account) or a submodule (160000, whose content lives in another repository). The review must
//! tell them apart, never read a link as an account and never skip one in silence.

use crate::domain::file_kind::FileKind;
use crate::domain::playbook::Words;
use std::path::Path;

use crate::error::{Error, Result};
use crate::io::git::{git, git_on_worktree, is_oid, run, run_with};

/// What kind of entry a path is in a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A regular file (mode 100644 or 100755).
    File,
    /// A symbolic link (mode 120000).
    Link,
    /// A submodule (mode 160000).
    Submodule,
    /// A folder (mode 040000).
    Folder,
    /// Anything else git reports.
    Other,
}

impl Kind {
    pub fn from_mode(mode: &str) -> Kind {
        match mode {
            "100644" | "100755" | "100664" => Kind::File,
            "120000" => Kind::Link,
            "160000" => Kind::Submodule,
            "040000" | "40000" => Kind::Folder,
            _ => Kind::Other,
        }
    }

    /// What it is when it is not a regular file (`None` for a regular file), for messages.
    pub fn file_kind(self) -> Option<FileKind> {
        match self {
            Kind::File => None,
            Kind::Link => Some(FileKind::Link),
            Kind::Submodule => Some(FileKind::Submodule),
            Kind::Folder => Some(FileKind::Folder),
            Kind::Other => Some(FileKind::Special),
        }
    }

    /// How a message names it, in the playbook's words.
    pub fn words(self, pb: Words<'_>) -> &str {
        match self.file_kind() {
            Some(kind) => kind.words(pb),
            None => pb.text("check.file_kind.file", "a regular file"),
        }
    }
}

/// One side of a change: the path, its kind, and the object id of its content (`None` for the
/// working tree, whose content is on disk).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub path: String,
    pub kind: Kind,
    pub oid: Option<String>,
}

/// One path git reports as changed, relative to the folder git ran in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    /// The older version (`None` when added).
    pub old: Option<Entry>,
    /// The newer version (`None` when deleted).
    pub new: Option<Entry>,
}

/// Parses `git diff --raw -z` output:
/// `:100644 100644 <oid> <oid> M\0path\0`, `:100644 100644 <oid> <oid> R087\0old\0new\0`, ….
pub fn parse_raw(out: &[u8]) -> Vec<Changed> {
    let mut fields = out.split(|b| *b == 0).map(|f| String::from_utf8_lossy(f).into_owned());
    let mut changes = Vec::new();
    while let Some(meta) = fields.next() {
        let parts: Vec<&str> = meta.trim_start_matches(':').split(' ').collect();
        let [old_mode, new_mode, old_oid, new_oid, status] = parts.as_slice() else {
            continue;
        };
        let Some(kind) = status.chars().next() else { continue };
        let Some(first) = fields.next() else { break };
        let side = |path: String, mode: &str, oid: &str| Entry {
            path,
            kind: Kind::from_mode(mode),
            // An all-zero id is the working tree's side (or no side at all).
            oid: (is_oid(oid) && oid.bytes().any(|b| b != b'0')).then(|| oid.to_string()),
        };
        let change = match kind {
            'A' => Changed {
                old: None,
                new: Some(side(first, new_mode, new_oid)),
            },
            'D' => Changed {
                old: Some(side(first, old_mode, old_oid)),
                new: None,
            },
            'R' | 'C' => {
                let Some(second) = fields.next() else { break };
                Changed {
                    // A copy leaves the original in place: the new file is an addition.
                    old: (kind == 'R').then(|| side(first, old_mode, old_oid)),
                    new: Some(side(second, new_mode, new_oid)),
                }
            }
            _ => Changed {
                old: Some(side(first.clone(), old_mode, old_oid)),
                new: Some(side(first, new_mode, new_oid)),
            },
        };
        changes.push(change);
    }
    changes
}

/// Pairs a deleted file with an added one of the same file name (an account's file name is its
/// id) as a rename, when that name is deleted once and added once. git's own rename detection
/// (`-M`) is not used: it loads every deleted and added blob whole to measure their similarity —
/// two 400 MB files cost 640 MB and 15 s — while this needs no content at all, and pairs what
/// kam means by the same account (the same id), not two files that look alike.
pub fn pair_renames(changes: Vec<Changed>) -> Vec<Changed> {
    use std::collections::HashMap;
    fn name(e: &Entry) -> &str {
        e.path.rsplit('/').next().unwrap_or(&e.path)
    }
    // For each file name: how many deletions and additions carry it, and the last of each.
    let mut seen: HashMap<String, (usize, usize, usize, usize)> = HashMap::new();
    for (i, c) in changes.iter().enumerate() {
        match (&c.old, &c.new) {
            (Some(old), None) => {
                let n = seen.entry(name(old).to_string()).or_default();
                n.0 += 1;
                n.2 = i;
            }
            (None, Some(new)) => {
                let n = seen.entry(name(new).to_string()).or_default();
                n.1 += 1;
                n.3 = i;
            }
            _ => {}
        }
    }
    // deleted index → added index, for names deleted once and added once.
    let pairs: HashMap<usize, usize> = seen
        .values()
        .filter(|(d, a, _, _)| *d == 1 && *a == 1)
        .map(|(_, _, del, add)| (*del, *add))
        .collect();
    let mut olds: HashMap<usize, Entry> = HashMap::new();
    let mut kept: Vec<Option<Changed>> = changes.into_iter().map(Some).collect();
    for (del, add) in &pairs {
        if let Some(old) = kept[*del].take().and_then(|c| c.old) {
            olds.insert(*add, old);
        }
    }
    kept.into_iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let mut c = c?;
            if let Some(old) = olds.remove(&i) {
                c.old = Some(old);
            }
            Some(c)
        })
        .collect()
}

/// Paths under `pathspecs` that differ between the commits `base` and `head` (object ids; the
/// working tree when `None`, read with `filters` switched off — see
/// [`crate::io::git::filter_overrides`]), relative to `dir`, with no rename detection (see
/// [`pair_renames`]). A submodule (gitlink) whose commit changed, appeared or went shows as one;
/// what changed inside its working tree does not (that is another repository's content).
pub fn changed(
    dir: &Path,
    base: &str,
    head: Option<&str>,
    pathspecs: &[&str],
    filters: &[String],
) -> Result<Vec<Changed>> {
    let mut args: Vec<&str> = vec![
        "diff",
        "--raw",
        "-z",
        "--no-renames",
        "--no-abbrev",
        "--no-ext-diff",
        "--no-textconv",
        "--no-color",
        "--ignore-submodules=dirty",
        "--relative",
        "--end-of-options",
        base,
    ];
    args.extend(head);
    args.push("--");
    args.extend(pathspecs);
    let out = match head {
        Some(_) => run(dir, &args)?,
        None => run_with(git_on_worktree(dir, filters), &args)?,
    };
    Ok(parse_raw(&out))
}

/// The entries of `tree` (a commit or tree id) at each of `paths` (from the repository's top)
/// that exist there. A folder shows only when it is itself one of `paths`; a link or submodule
/// in the way of a deeper path shows as itself.
pub fn entries(dir: &Path, tree: &str, paths: &[String]) -> Result<Vec<Entry>> {
    let mut args: Vec<&str> = vec!["ls-tree", "-z", "--full-tree", "--end-of-options", tree, "--"];
    args.extend(paths.iter().map(String::as_str));
    let out = run(dir, &args)?;
    let bad = || Error::Other(anyhow::anyhow!("unexpected output from `git ls-tree`"));
    let mut found = Vec::new();
    for line in out.split(|b| *b == 0).filter(|l| !l.is_empty()) {
        let line = String::from_utf8_lossy(line);
        let (meta, path) = line.split_once('\t').ok_or_else(bad)?;
        let parts: Vec<&str> = meta.split(' ').collect();
        let [mode, _kind, oid] = parts.as_slice() else {
            return Err(bad());
        };
        found.push(Entry {
            path: path.to_string(),
            kind: Kind::from_mode(mode),
            oid: Some((*oid).to_string()),
        });
    }
    Ok(found)
}

/// Every file under `path` (from the repository's top) in `tree`, recursively.
pub fn files_under(dir: &Path, tree: &str, path: &str) -> Result<Vec<Entry>> {
    let spec = format!("{}/", path.trim_end_matches('/'));
    let out = git(dir)
        .args([
            "ls-tree",
            "-r",
            "-z",
            "--full-tree",
            "--end-of-options",
            tree,
            "--",
            &spec,
        ])
        .output()
        .map_err(super::not_installed)?;
    if !out.status.success() {
        return Err(Error::Other(anyhow::anyhow!(
            "`git ls-tree -r` failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    let mut found = Vec::new();
    for line in out.stdout.split(|b| *b == 0).filter(|l| !l.is_empty()) {
        let line = String::from_utf8_lossy(line);
        let Some((meta, path)) = line.split_once('\t') else {
            continue;
        };
        let parts: Vec<&str> = meta.split(' ').collect();
        if let [mode, _kind, oid] = parts.as_slice() {
            found.push(Entry {
                path: path.to_string(),
                kind: Kind::from_mode(mode),
                oid: Some((*oid).to_string()),
            });
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "1111111111111111111111111111111111111111";
    const B: &str = "2222222222222222222222222222222222222222";
    const Z: &str = "0000000000000000000000000000000000000000";

    #[test]
    fn raw_output_keeps_modes_ids_renames_and_cjk() {
        let out = format!(
            ":100644 100644 {A} {Z} M\0accounts/a.toml\0:100644 100644 {A} {B} R087\0accounts/old.toml\0accounts/华东.toml\0\
             :000000 100644 {Z} {B} A\0accounts/n.toml\0:100644 000000 {A} {Z} D\0accounts/d.toml\0\
             :100644 120000 {A} {B} T\0accounts/l.toml\0"
        );
        let changes = parse_raw(out.as_bytes());
        assert_eq!(changes.len(), 5);
        let m = &changes[0];
        assert_eq!(m.old.as_ref().unwrap().oid.as_deref(), Some(A));
        assert_eq!(m.new.as_ref().unwrap().oid, None, "the working tree's side");
        assert_eq!(changes[1].old.as_ref().unwrap().path, "accounts/old.toml");
        assert_eq!(changes[1].new.as_ref().unwrap().path, "accounts/华东.toml");
        assert_eq!(changes[2].old, None);
        assert_eq!(changes[3].new, None);
        assert_eq!(changes[4].new.as_ref().unwrap().kind, Kind::Link);
        assert_eq!(changes[4].old.as_ref().unwrap().kind, Kind::File);
    }

    #[allow(clippy::unnecessary_wraps)]
    fn entry(path: &str) -> Option<Entry> {
        Some(Entry {
            path: path.to_string(),
            kind: Kind::File,
            oid: Some(A.to_string()),
        })
    }

    #[test]
    fn a_file_deleted_and_added_under_the_same_name_is_a_rename_and_nothing_else_is() {
        let changes = vec![
            Changed {
                old: entry("accounts/a.toml"),
                new: None,
            },
            Changed {
                old: entry("accounts/m.toml"),
                new: entry("accounts/m.toml"),
            },
            Changed {
                old: None,
                new: entry("accounts/east/a.toml"),
            },
            Changed {
                old: entry("accounts/b.toml"),
                new: None,
            },
            Changed {
                old: None,
                new: entry("accounts/c.toml"),
            },
            // The same name added twice: which one it became is not known, so neither pairs.
            Changed {
                old: entry("accounts/d.toml"),
                new: None,
            },
            Changed {
                old: None,
                new: entry("accounts/x/d.toml"),
            },
            Changed {
                old: None,
                new: entry("accounts/y/d.toml"),
            },
        ];
        let paired = pair_renames(changes);
        let shown: Vec<(Option<&str>, Option<&str>)> = paired
            .iter()
            .map(|c| {
                (
                    c.old.as_ref().map(|e| e.path.as_str()),
                    c.new.as_ref().map(|e| e.path.as_str()),
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                (Some("accounts/m.toml"), Some("accounts/m.toml")),
                (Some("accounts/a.toml"), Some("accounts/east/a.toml")),
                (Some("accounts/b.toml"), None),
                (None, Some("accounts/c.toml")),
                (Some("accounts/d.toml"), None),
                (None, Some("accounts/x/d.toml")),
                (None, Some("accounts/y/d.toml")),
            ]
        );
    }
}
