//! Reading the past from git, for `--as-of`, `kam history` and the scoring calibration: the
//! mainline's commits with their days, the files of a commit's tree, blobs by object id, the
//! commits that changed one file (renames followed) and the days each account file changed.
//!
//! Every call goes through [`git::git`] (the one place that fixes git's options) and reads only:
//! `log`, `ls-tree` and `cat-file` touch neither the working tree nor the index, so no hook,
//! filter or file-system monitor runs. Revisions come after `--end-of-options` and paths after
//! `--`, so neither is read as an option. Blobs are asked for by object id, and only those whose
//! size, listed by `ls-tree`, is within the limit for account files.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;
use std::process::Stdio;

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::io::git::{self, not_installed, run};

/// A commit on the mainline and the day it was committed (in the committer's own time zone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    pub id: String,
    pub day: NaiveDate,
}

/// The day of an ISO 8601 timestamp as git writes it (`2026-02-05T23:30:00-05:00`).
fn day_of(iso: &str) -> Option<NaiveDate> {
    iso.get(..10)?.parse().ok()
}

/// The commits of `rev` following first parents (the mainline), newest first.
pub fn first_parent(dir: &Path, rev: &str) -> Result<Vec<Commit>> {
    let out = run(
        dir,
        [
            "log",
            "--first-parent",
            "--format=%H %cI",
            "--end-of-options",
            rev,
            "--",
        ],
    )?;
    Ok(String::from_utf8_lossy(&out)
        .lines()
        .filter_map(|l| {
            let (id, date) = l.split_once(' ')?;
            Some(Commit {
                id: id.to_string(),
                day: day_of(date)?,
            })
        })
        .collect())
}

/// The newest commit of `commits` (newest first) made on or before `day`: the state at its end.
pub fn at_end_of(commits: &[Commit], day: NaiveDate) -> Option<&Commit> {
    commits.iter().find(|c| c.day <= day)
}

/// One entry of a tree, as `git ls-tree -r -l` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// `100644`, `100755` (files), `120000` (symbolic links), `160000` (submodules).
    pub mode: String,
    pub oid: String,
    /// The blob's size; `None` for what is not a blob.
    pub size: Option<u64>,
    /// From the top of the repository.
    pub path: String,
}

impl Entry {
    pub fn is_file(&self) -> bool {
        self.mode == "100644" || self.mode == "100755"
    }
}

/// Parses `git ls-tree -r -l -z`: `<mode> SP <type> SP <oid> SP+ <size> TAB <path> NUL`.
pub fn parse_tree(out: &[u8]) -> Vec<Entry> {
    out.split(|b| *b == 0)
        .filter_map(|rec| {
            let rec = String::from_utf8_lossy(rec);
            let (meta, path) = rec.split_once('\t')?;
            let mut parts = meta.split_whitespace();
            let (mode, _kind, oid, size) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
            Some(Entry {
                mode: mode.to_string(),
                oid: oid.to_string(),
                size: size.parse().ok(),
                path: path.to_string(),
            })
        })
        .collect()
}

/// Every entry under `path` (from the repository's top) in the tree of `commit`.
pub fn tree(dir: &Path, commit: &str, path: &str) -> Result<Vec<Entry>> {
    let out = run(
        dir,
        [
            "ls-tree",
            "-r",
            "-l",
            "-z",
            "--full-tree",
            "--end-of-options",
            commit,
            "--",
            path,
        ],
    )?;
    Ok(parse_tree(&out))
}

/// The contents of these blobs, read with one `git cat-file --batch`; `None` for an id git does
/// not have as a blob. The caller asks only for blobs whose size it has checked.
pub fn blobs(dir: &Path, oids: &[String]) -> Result<Vec<Option<Vec<u8>>>> {
    if oids.is_empty() {
        return Ok(Vec::new());
    }
    // Object ids are hex: nothing in them can start another request.
    let input: String = oids
        .iter()
        .map(|o| {
            if o.bytes().all(|b| b.is_ascii_hexdigit()) {
                format!("{o}\n")
            } else {
                "\n".to_string()
            }
        })
        .collect();
    let out = pipe(dir, &["cat-file", "--batch"], input)?;
    parse_batch(&out, oids.len())
}

/// The object id and size of each `<commit>:<path>` asked for, with one `git cat-file
/// --batch-check`; `None` where there is no blob (a missing path, a folder, a name with a line
/// break, which cannot be asked for).
pub fn blob_sizes(dir: &Path, specs: &[String]) -> Result<Vec<Option<(String, u64)>>> {
    if specs.is_empty() {
        return Ok(Vec::new());
    }
    let input: String = specs
        .iter()
        .map(|s| {
            if s.contains('\n') {
                "\n".to_string()
            } else {
                format!("{s}\n")
            }
        })
        .collect();
    let out = pipe(dir, &["cat-file", "--batch-check"], input)?;
    let text = String::from_utf8_lossy(&out);
    Ok(text
        .lines()
        .take(specs.len())
        .map(|l| match l.split(' ').collect::<Vec<_>>().as_slice() {
            [oid, "blob", size] => Some(((*oid).to_string(), size.parse().ok()?)),
            _ => None,
        })
        .collect())
}

/// Runs git with `input` on its stdin and returns its stdout.
fn pipe(dir: &Path, args: &[&str], input: String) -> Result<Vec<u8>> {
    let mut child = git::git(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(not_installed)?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| anyhow::anyhow!("no stdin for git {}", args.join(" ")))?;
    // Written from another thread: git answers while it reads.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let mut out = Vec::new();
    child
        .stdout
        .take()
        .ok_or_else(|| anyhow::anyhow!("no stdout for git {}", args.join(" ")))?
        .read_to_end(&mut out)
        .map_err(|e| {
            Error::io(
                "git cat-file",
                "io.read_output",
                "cannot read the output of {path}: {error}",
                e,
            )
        })?;
    let status = child
        .wait()
        .map_err(|e| Error::io("git cat-file", "io.wait", "cannot wait for {path}: {error}", e))?;
    let _ = writer.join();
    if !status.success() {
        return Err(Error::Other(anyhow::anyhow!("`git {}` failed", args.join(" "))));
    }
    Ok(out)
}

/// Parses `git cat-file --batch` output for `count` requests.
fn parse_batch(mut out: &[u8], count: usize) -> Result<Vec<Option<Vec<u8>>>> {
    let bad = || Error::Other(anyhow::anyhow!("unexpected output from `git cat-file --batch`"));
    let mut found = Vec::with_capacity(count);
    for _ in 0..count {
        let end = out.iter().position(|b| *b == b'\n').ok_or_else(bad)?;
        let header = String::from_utf8_lossy(&out[..end]).into_owned();
        out = &out[end + 1..];
        match header.split(' ').collect::<Vec<_>>().as_slice() {
            [_, kind, size] => {
                let size: usize = size.parse().map_err(|_| bad())?;
                let body = out.get(..size).ok_or_else(bad)?;
                found.push((*kind == "blob").then(|| body.to_vec()));
                out = out.get(size + 1..).ok_or_else(bad)?;
            }
            _ => found.push(None), // "<id> missing", or an empty request
        }
    }
    Ok(found)
}

/// A commit that changed one file, as `git log --follow --name-status` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileCommit {
    pub id: String,
    /// The author's date, ISO 8601 with the author's offset.
    pub date: String,
    pub author: String,
    pub subject: String,
    /// `A`, `M`, `D`, `R` or `C`.
    pub status: char,
    /// The file's path before the commit (`None` when added) and after (`None` when deleted),
    /// from the repository's top.
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Parses the output of [`file_log`]: per commit `\x01<id>`, date, author, subject, then the
/// name-status fields, all NUL-separated.
pub fn parse_file_log(out: &[u8]) -> Vec<FileCommit> {
    // A record after a commit's header starts with a line break; so may a header after a
    // commit that lists no change (a merge).
    let mut fields = out
        .split(|b| *b == 0)
        .map(|f| String::from_utf8_lossy(f).trim_start_matches('\n').to_string())
        .peekable();
    let mut commits = Vec::new();
    while let Some(field) = fields.next() {
        let Some(id) = field.strip_prefix('\u{1}') else {
            continue;
        };
        let (Some(date), Some(author), Some(subject)) = (fields.next(), fields.next(), fields.next()) else {
            break;
        };
        let mut commit = FileCommit {
            id: id.to_string(),
            date,
            author,
            subject,
            status: 'M',
            old: None,
            new: None,
        };
        // The change of the file, unless the next field starts the next commit (a merge lists none).
        if let Some(status) = fields.next_if(|f| !f.starts_with('\u{1}')) {
            commit.status = status.chars().next().unwrap_or('M');
            let first = fields.next();
            match commit.status {
                'A' => commit.new = first,
                'D' => commit.old = first,
                'R' => {
                    commit.old = first;
                    commit.new = fields.next();
                }
                // A copy leaves the original: the new file starts here.
                'C' => {
                    commit.status = 'A';
                    fields.next();
                    commit.new = first.and(fields.next());
                }
                _ => {
                    commit.old.clone_from(&first);
                    commit.new = first;
                }
            }
        }
        commits.push(commit);
    }
    commits
}

/// Every commit reachable from `rev` that changed the file at `path` (from the repository's
/// top), newest first, following renames.
pub fn file_log(dir: &Path, rev: &str, path: &str) -> Result<Vec<FileCommit>> {
    let out = run(
        dir,
        [
            "log",
            "--follow",
            "-M",
            "--name-status",
            "-z",
            "--no-ext-diff",
            "--no-textconv",
            "--format=%x01%H%x00%aI%x00%aN%x00%s",
            "--end-of-options",
            rev,
            "--",
            path,
        ],
    )?;
    Ok(parse_file_log(&out))
}

/// For every file under `path` (from the repository's top): the days of the mainline commits of
/// `rev` that changed it, newest first.
pub fn change_days(dir: &Path, rev: &str, path: &str) -> Result<HashMap<String, Vec<NaiveDate>>> {
    let out = run(
        dir,
        [
            "log",
            "--first-parent",
            "--name-only",
            "-z",
            "--no-renames",
            "--format=%x01%cI",
            "--end-of-options",
            rev,
            "--",
            path,
        ],
    )?;
    let mut days: HashMap<String, Vec<NaiveDate>> = HashMap::new();
    let mut current = None;
    for field in out.split(|b| *b == 0) {
        let field = String::from_utf8_lossy(field);
        let field = field.trim_start_matches('\n');
        if let Some(date) = field.strip_prefix('\u{1}') {
            current = day_of(date);
        } else if let (Some(day), false) = (current, field.is_empty()) {
            days.entry(field.to_string()).or_default().push(day);
        }
    }
    Ok(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_at_the_end_of_a_day_is_its_newest_commit_on_or_before_it() {
        let c = |id: &str, d: &str| Commit {
            id: id.into(),
            day: d.parse().unwrap(),
        };
        let commits = [c("3", "2026-03-01"), c("2", "2026-02-05"), c("1", "2026-01-05")];
        let day = |d: &str| d.parse().unwrap();
        assert_eq!(at_end_of(&commits, day("2026-02-05")).unwrap().id, "2");
        assert_eq!(at_end_of(&commits, day("2026-02-28")).unwrap().id, "2");
        assert_eq!(at_end_of(&commits, day("2027-01-01")).unwrap().id, "3");
        assert!(at_end_of(&commits, day("2025-12-31")).is_none());
        assert_eq!(day_of("2026-02-05T23:30:00-05:00"), Some(day("2026-02-05")));
    }

    #[test]
    fn tree_entries_keep_modes_sizes_and_cjk_paths() {
        let out = "100644 blob abc123    42\taccounts/华东/a.toml\x00120000 blob def456      9\taccounts/link.toml\x00160000 commit 0123456       -\taccounts/sub.toml\x00";
        let entries = parse_tree(out.as_bytes());
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0].path, "accounts/华东/a.toml");
        assert_eq!(entries[0].size, Some(42));
        assert!(entries[0].is_file());
        assert!(!entries[1].is_file());
        assert_eq!(entries[2].size, None);
    }

    #[test]
    fn a_file_log_lists_renames_and_skips_merges() {
        let out = "\u{1}c3\x002026-03-01T10:00:00+08:00\0Li Wei\0merge\0\
                   \u{1}c2\x002026-02-05T10:00:00+08:00\0Li Wei\0rename\0\nR100\0accounts/a.toml\0accounts/b.toml\0\
                   \u{1}c1\x002026-01-05T10:00:00+08:00\0Li Wei\0add\0\nA\0accounts/a.toml\0";
        let log = parse_file_log(out.as_bytes());
        let shape: Vec<(&str, char, Option<&str>, Option<&str>)> = log
            .iter()
            .map(|c| (c.id.as_str(), c.status, c.old.as_deref(), c.new.as_deref()))
            .collect();
        assert_eq!(
            shape,
            vec![
                ("c3", 'M', None, None),
                ("c2", 'R', Some("accounts/a.toml"), Some("accounts/b.toml")),
                ("c1", 'A', None, Some("accounts/a.toml")),
            ]
        );
        assert_eq!(log[1].subject, "rename");
    }

    #[test]
    fn batch_output_is_split_by_sizes() {
        let out = b"abc blob 3\nx\ny\ndef missing\n0a1 tree 2\nab\n";
        let found = parse_batch(out, 3).unwrap();
        assert_eq!(found, vec![Some(b"x\ny".to_vec()), None, None]);
        assert!(parse_batch(b"abc blob 10\nshort\n", 1).is_err());
    }
}
