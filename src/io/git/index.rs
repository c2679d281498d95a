//! The index — what `git commit` would record — read without touching it: the paths staged
//! for commit (`git diff --cached --raw`) and the entries the index holds (`git ls-files
//! --stage`), with modes and object ids, so a pre-commit check reads only the staged blobs.
//! `GIT_INDEX_FILE` is honoured: during `git commit -a` or `git commit FILE` a hook sees the
//! index the commit is made from.

use std::path::Path;

use crate::error::{Error, Result, Said};
use crate::io::git::tree::{Changed, Entry, Kind, parse_raw};
use crate::io::git::{git, not_installed};

/// A git call that needs a repository: its stdout, or a usage error saying there is none.
fn run_in_repository(dir: &Path, args: &[&str]) -> Result<Vec<u8>> {
    let out = git(dir).args(args).output().map_err(not_installed)?;
    if out.status.success() {
        return Ok(out.stdout);
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("not a git repository") {
        return Err(Error::usage_with_help(
            Said::new("git.not_a_repository", "{dir} is not inside a git repository").arg("dir", dir.display()),
            Said::new(
                "git.staged_help",
                "--staged reads what is staged for commit; run `git init` and `git add` first",
            ),
        ));
    }
    Err(Error::usage(
        Said::new("git.failed", "`git {args}` failed: {why}")
            .arg("args", args.join(" "))
            .arg("why", stderr.trim()),
    ))
}

/// The paths under `pathspecs` staged for commit: the index against `base` (an object id), or
/// against `HEAD` when `None` (against nothing on a branch without commits), relative to
/// `dir`, renames detected.
pub fn staged(dir: &Path, base: Option<&str>, pathspecs: &[&str]) -> Result<Vec<Changed>> {
    let mut args: Vec<&str> = vec![
        "diff",
        "--cached",
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
    ];
    args.extend(base);
    args.push("--");
    args.extend(pathspecs);
    Ok(parse_raw(&run_in_repository(dir, &args)?))
}

/// Parses `git ls-files --stage -z`: `<mode> <oid> <stage>\t<path>\0`. An entry in conflict
/// (stage 1–3) is listed once, as [`Kind::Other`] with no content.
pub fn parse_stage(out: &[u8]) -> Vec<Entry> {
    let mut found: Vec<Entry> = Vec::new();
    for line in out.split(|b| *b == 0).filter(|l| !l.is_empty()) {
        let line = String::from_utf8_lossy(line);
        let Some((meta, path)) = line.split_once('\t') else {
            continue;
        };
        let parts: Vec<&str> = meta.split(' ').collect();
        let [mode, oid, stage] = parts.as_slice() else { continue };
        if *stage != "0" {
            if found.last().is_some_and(|e| e.path == path) {
                continue;
            }
            found.push(Entry {
                path: path.to_string(),
                kind: Kind::Other,
                oid: None,
            });
            continue;
        }
        found.push(Entry {
            path: path.to_string(),
            kind: Kind::from_mode(mode),
            oid: Some((*oid).to_string()),
        });
    }
    found
}

/// The entries of the index under `pathspecs`, relative to `dir`.
pub fn entries(dir: &Path, pathspecs: &[&str]) -> Result<Vec<Entry>> {
    let mut args = vec!["ls-files", "--stage", "-z", "--"];
    args.extend(pathspecs);
    Ok(parse_stage(&run_in_repository(dir, &args)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "1111111111111111111111111111111111111111";

    #[test]
    fn stage_listing_keeps_modes_paths_and_conflicts() {
        let out = format!(
            "100644 {A} 0\taccounts/华东.toml\0120000 {A} 0\taccounts/l.toml\0\
             100644 {A} 1\taccounts/c.toml\0100644 {A} 2\taccounts/c.toml\0100644 {A} 3\taccounts/c.toml\0"
        );
        let e = parse_stage(out.as_bytes());
        assert_eq!(e.len(), 3);
        assert_eq!(e[0].path, "accounts/华东.toml");
        assert_eq!(e[0].oid.as_deref(), Some(A));
        assert_eq!(e[1].kind, Kind::Link);
        assert_eq!((e[2].kind, e[2].oid.as_deref()), (Kind::Other, None));
    }
}
