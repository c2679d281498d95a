//! The `git` command line, the only way kam reads history (no libgit2). Every call goes through
//! [`git`], which passes `-c core.quotePath=false` so that paths with CJK characters come back as
//! written; path lists use `-z` so no name needs unquoting.

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::error::{Error, Result};

/// A `git` command run in `dir` with kam's fixed options.
pub(crate) fn git(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.arg("-c").arg("core.quotePath=false").arg("-C").arg(dir);
    cmd
}

/// Runs git and returns its stdout, or an error carrying its stderr.
pub(crate) fn run<I, S>(dir: &Path, args: I) -> Result<Vec<u8>>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let args: Vec<S> = args.into_iter().collect();
    let out = git(dir).args(&args).output().map_err(not_installed)?;
    if out.status.success() {
        return Ok(out.stdout);
    }
    let shown: Vec<String> = args.iter().map(|a| a.as_ref().to_string_lossy().into_owned()).collect();
    Err(Error::Other(anyhow::anyhow!(
        "`git {}` failed: {}",
        shown.join(" "),
        String::from_utf8_lossy(&out.stderr).trim()
    )))
}

#[allow(clippy::needless_pass_by_value)] // used as `map_err(not_installed)`
pub(crate) fn not_installed(e: std::io::Error) -> Error {
    Error::usage_with_help(
        format!("cannot run git: {e}"),
        "install git and make sure it is on the PATH",
    )
}

/// `git config user.name` in `dir`, if git is installed and it is set.
pub fn user_name(dir: &Path) -> Option<String> {
    let out = git(dir).args(["config", "user.name"]).output().ok()?;
    let name = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !name.is_empty()).then_some(name)
}

/// The path of `dir` inside its repository's working tree (`""` at the top, else ending in `/`),
/// or a usage error when `dir` is not inside a git working tree.
pub fn prefix(dir: &Path) -> Result<String> {
    let out = git(dir)
        .args(["rev-parse", "--show-prefix"])
        .output()
        .map_err(not_installed)?;
    if !out.status.success() {
        return Err(Error::usage_with_help(
            format!("{} is not inside a git repository", dir.display()),
            "kam diff compares versions of the accounts in git; run `git init` and commit them first",
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim_end_matches('\n').to_string())
}

/// Checks that `rev` names a commit.
pub fn verify(dir: &Path, rev: &str) -> Result<()> {
    let out = git(dir)
        .args(["rev-parse", "--verify", "--quiet", "--end-of-options"])
        .arg(format!("{rev}^{{commit}}"))
        .output()
        .map_err(not_installed)?;
    if out.status.success() {
        Ok(())
    } else {
        Err(Error::usage_with_help(
            format!("`{rev}` is not a commit of this repository"),
            "give a branch, tag or commit, e.g. `kam diff origin/main HEAD`; `git log --oneline` lists commits",
        ))
    }
}

/// One path git reports as changed, relative to the folder git ran in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    /// The path in the older version (`None` when added).
    pub old: Option<String>,
    /// The path in the newer version (`None` when deleted).
    pub new: Option<String>,
}

/// Parses `git diff --name-status -z` output: `M\0path\0`, `R100\0old\0new\0`, ….
pub fn parse_name_status(out: &[u8]) -> Vec<Changed> {
    let mut fields = out.split(|b| *b == 0).map(|f| String::from_utf8_lossy(f).into_owned());
    let mut changes = Vec::new();
    while let Some(status) = fields.next() {
        let Some(kind) = status.chars().next() else { continue };
        let Some(first) = fields.next() else { break };
        let change = match kind {
            'A' => Changed {
                old: None,
                new: Some(first),
            },
            'D' => Changed {
                old: Some(first),
                new: None,
            },
            'R' | 'C' => {
                let Some(second) = fields.next() else { break };
                Changed {
                    // A copy leaves the original in place: the new file is an addition.
                    old: (kind == 'R').then_some(first),
                    new: Some(second),
                }
            }
            _ => Changed {
                old: Some(first.clone()),
                new: Some(first),
            },
        };
        changes.push(change);
    }
    changes
}

/// Paths under `pathspecs` that differ between `base` and `head` (the working tree when `None`),
/// relative to `dir`, renames detected.
pub fn changed(dir: &Path, base: &str, head: Option<&str>, pathspecs: &[&str]) -> Result<Vec<Changed>> {
    let mut args: Vec<&str> = vec![
        "diff",
        "--name-status",
        "-z",
        "-M",
        "--no-ext-diff",
        "--no-textconv",
        "--relative",
        base,
    ];
    args.extend(head);
    args.push("--");
    args.extend(pathspecs);
    Ok(parse_name_status(&run(dir, &args)?))
}

/// Files under `pathspecs` that git does not track and does not ignore, relative to `dir`.
pub fn untracked(dir: &Path, pathspecs: &[&str]) -> Result<Vec<String>> {
    let mut args = vec!["ls-files", "--others", "--exclude-standard", "-z", "--"];
    args.extend(pathspecs);
    let out = run(dir, &args)?;
    Ok(out
        .split(|b| *b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect())
}

/// The contents of `path` (from the repository's top) at each revision of `wanted`, read with one
/// `git cat-file --batch`; `None` where the file does not exist at that revision.
pub fn show_many(dir: &Path, wanted: &[(String, String)]) -> Result<Vec<Option<Vec<u8>>>> {
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let mut child = git(dir)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(not_installed)?;
    // A name with a line break cannot be asked for on a --batch line; it reads as missing.
    let input: String = wanted
        .iter()
        .map(|(rev, path)| {
            if path.contains('\n') {
                "\n".to_string()
            } else {
                format!("{rev}:{path}\n")
            }
        })
        .collect();
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| anyhow::anyhow!("no stdin for git cat-file"))?;
    // Written from another thread: git answers while it reads, and a full pipe either way would
    // otherwise stop both processes.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let mut out = Vec::new();
    child
        .stdout
        .take()
        .ok_or_else(|| anyhow::anyhow!("no stdout for git cat-file"))?
        .read_to_end(&mut out)
        .map_err(|e| Error::io("git cat-file", "read the output of", e))?;
    let status = child.wait().map_err(|e| Error::io("git cat-file", "wait for", e))?;
    let _ = writer.join();
    if !status.success() {
        return Err(Error::Other(anyhow::anyhow!("`git cat-file --batch` failed")));
    }
    parse_batch(&out, wanted.len())
}

/// Parses `git cat-file --batch` output for `count` requests.
fn parse_batch(mut out: &[u8], count: usize) -> Result<Vec<Option<Vec<u8>>>> {
    let bad = || Error::Other(anyhow::anyhow!("unexpected output from `git cat-file --batch`"));
    let mut found = Vec::with_capacity(count);
    for _ in 0..count {
        let end = out.iter().position(|b| *b == b'\n').ok_or_else(bad)?;
        let header = String::from_utf8_lossy(&out[..end]).into_owned();
        out = &out[end + 1..];
        let parts: Vec<&str> = header.split(' ').collect();
        match parts.as_slice() {
            [_, "blob", size] => {
                let size: usize = size.parse().map_err(|_| bad())?;
                if out.len() < size + 1 {
                    return Err(bad());
                }
                found.push(Some(out[..size].to_vec()));
                out = &out[size + 1..];
            }
            [_, _kind, size] => {
                // Not a file (a folder or submodule at that path): skip its contents.
                let size: usize = size.parse().map_err(|_| bad())?;
                out = out.get(size + 1..).ok_or_else(bad)?;
                found.push(None);
            }
            _ => found.push(None), // "<name> missing" or "ambiguous"
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_status_handles_renames_and_cjk() {
        let out =
            "M\0accounts/a.toml\0R087\0accounts/old.toml\0accounts/华东.toml\0A\0accounts/n.toml\0D\0accounts/d.toml\0";
        let changes = parse_name_status(out.as_bytes());
        assert_eq!(changes.len(), 4);
        assert_eq!(changes[1].old.as_deref(), Some("accounts/old.toml"));
        assert_eq!(changes[1].new.as_deref(), Some("accounts/华东.toml"));
        assert_eq!(changes[2].old, None);
        assert_eq!(changes[3].new, None);
    }

    #[test]
    fn batch_output_is_split_by_sizes() {
        let out = b"abc blob 3\nx\ny\nHEAD:gone missing\ndef blob 0\n\n";
        let found = parse_batch(out, 3).unwrap();
        assert_eq!(found, vec![Some(b"x\ny".to_vec()), None, Some(Vec::new())]);
        assert!(parse_batch(b"abc blob 10\nshort\n", 1).is_err());
    }
}
