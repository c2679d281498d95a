//! What changed between two versions, and what a version holds at a path, with the file mode of
//! each side: a regular file, a symbolic link (mode 120000, whose content is a path, not an
//! account) or a submodule (160000, whose content lives in another repository). The review must
//! tell them apart, never read a link as an account and never skip one in silence.

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

    /// How a message names it.
    pub fn describe(self) -> &'static str {
        match self {
            Kind::File => "a regular file",
            Kind::Link => "a symbolic link",
            Kind::Submodule => "a git submodule",
            Kind::Folder => "a folder",
            Kind::Other => "not a regular file",
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

/// Paths under `pathspecs` that differ between the commits `base` and `head` (object ids; the
/// working tree when `None`, read with `filters` switched off — see
/// [`crate::io::git::filter_overrides`]), relative to `dir`, renames detected.
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
        "-M",
        "--no-abbrev",
        "--no-ext-diff",
        "--no-textconv",
        "--no-color",
        "--ignore-submodules=all",
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
}
