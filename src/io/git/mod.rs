//! The `git` command line, the only way kam reads history (no libgit2). The repository may come
//! from someone else's pull request, so every call goes through [`git`], which keeps git from
//! running anything the repository asks for: no fsmonitor hook, no hooks, no pager, no external
//! diff or text conversion, no credential helper or prompt, no network (a partial clone's missing
//! objects stay missing), and — where the working tree is read — no clean or smudge filter.
//! Revisions are resolved to object ids first and passed after `--end-of-options`, paths after
//! `--`, so a ref named like an option (`--output=/tmp/x`) is only ever a name. Paths come back
//! as written (`core.quotePath=false`, `-z`).
//!
//! - [`tree`]: what changed between two versions (`git diff --raw`) and what a tree holds
//!   (`git ls-tree`), with file modes, so links and submodules are seen for what they are
//! - [`index`]: what is staged for commit, and what the index holds
//! - [`batch`]: file contents streamed from one `git cat-file --batch`, files over the size
//!   limit skipped without being read

pub mod batch;
pub mod index;
pub mod tree;

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::error::{Error, Result, Said};

/// Settings that win over the repository's own configuration on every call.
const SAFE_CONFIG: [&str; 13] = [
    "core.quotePath=false",
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "core.pager=cat",
    "core.askPass=",
    "core.alternateRefsCommand=",
    "credential.helper=",
    "diff.external=",
    "log.showSignature=false",
    "protocol.allow=never",
    "submodule.recurse=false",
    "color.ui=false",
    "gc.auto=0",
];

/// A `git` command run in `dir` with kam's fixed options and a safe environment.
pub(crate) fn git(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    for setting in SAFE_CONFIG {
        cmd.arg("-c").arg(setting);
    }
    cmd.arg("--no-pager")
        .arg("-C")
        .arg(dir)
        .stdin(Stdio::null())
        .env("GIT_PAGER", "cat")
        .env("PAGER", "cat")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_NO_LAZY_FETCH", "1")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .env_remove("GIT_ASKPASS")
        .env_remove("SSH_ASKPASS")
        .env_remove("GIT_EXTERNAL_DIFF");
    cmd
}

/// Runs git and returns its stdout, or an error carrying its stderr.
pub(crate) fn run<I, S>(dir: &Path, args: I) -> Result<Vec<u8>>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    run_with(git(dir), args)
}

fn run_with<I, S>(mut cmd: Command, args: I) -> Result<Vec<u8>>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let args: Vec<S> = args.into_iter().collect();
    let out = cmd.args(&args).output().map_err(not_installed)?;
    if out.status.success() {
        return Ok(out.stdout);
    }
    let shown: Vec<String> = args.iter().map(|a| a.as_ref().to_string_lossy().into_owned()).collect();
    Err(Error::usage(
        Said::new("git.failed", "`git {args}` failed: {why}")
            .arg("args", shown.join(" "))
            .arg("why", String::from_utf8_lossy(&out.stderr).trim()),
    ))
}

#[allow(clippy::needless_pass_by_value)] // used as `map_err(not_installed)`
pub(crate) fn not_installed(e: std::io::Error) -> Error {
    Error::usage_with_help(
        Said::new("git.cannot_run", "cannot run git: {error}").arg("error", e),
        Said::new("git.cannot_run_help", "install git and make sure it is on the PATH"),
    )
}

/// `git config user.name` in `dir`, if git is installed and it is set.
pub fn user_name(dir: &Path) -> Option<String> {
    let out = git(dir).args(["config", "user.name"]).output().ok()?;
    let name = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !name.is_empty()).then_some(name)
}

/// git's `safe.directory` values: folders the user trusts though another user owns them. Only
/// the user's, the system's and the command line's settings count, never a repository's own.
pub fn safe_directories() -> Vec<String> {
    let Ok(out) = Command::new("git")
        .args(["config", "--show-scope", "--get-all", "safe.directory"])
        .current_dir("/")
        .stdin(Stdio::null())
        .output()
    else {
        return Vec::new();
    };
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .filter(|(scope, _)| matches!(*scope, "system" | "global" | "command"))
        .map(|(_, value)| value.to_string())
        .collect()
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
            Said::new("git.not_a_repository", "{dir} is not inside a git repository").arg("dir", dir.display()),
            Said::new(
                "git.not_a_repository_help",
                "kam diff compares versions of the accounts in git; run `git init` and commit them first",
            ),
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim_end_matches('\n').to_string())
}

/// The commit `rev` names, as an object id, or a usage error. `rev` is only ever a name to git:
/// it follows `--end-of-options`.
pub fn resolve(dir: &Path, rev: &str) -> Result<String> {
    let out = git(dir)
        .args(["rev-parse", "--verify", "--quiet", "--end-of-options"])
        .arg(format!("{rev}^{{commit}}"))
        .output()
        .map_err(not_installed)?;
    let oid = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if out.status.success() && is_oid(&oid) {
        Ok(oid)
    } else {
        Err(Error::usage_with_help(
            Said::new("git.not_a_commit", "`{rev}` is not a commit of this repository").arg("rev", rev),
            Said::new(
                "git.not_a_commit_help",
                "give a branch, tag or commit, e.g. `kam diff origin/main HEAD`; `git log --oneline` lists commits",
            ),
        ))
    }
}

/// Whether `s` is a full object id (hex, SHA-1 or SHA-256 length).
pub fn is_oid(s: &str) -> bool {
    matches!(s.len(), 40 | 64) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The id of the empty tree in this repository's hash (nothing is written).
pub fn empty_tree(dir: &Path) -> Result<String> {
    let out = run(dir, ["hash-object", "-t", "tree", "/dev/null"])?;
    let oid = String::from_utf8_lossy(&out).trim().to_string();
    if is_oid(&oid) {
        Ok(oid)
    } else {
        Err(Error::Other(anyhow::anyhow!(
            "unexpected output from `git hash-object`"
        )))
    }
}

/// The last commit of the current branch (first parents from `HEAD`) made before `day` starts
/// (`YYYY-MM-DD`, local time), if there is one.
pub fn commit_before(dir: &Path, day: chrono::NaiveDate) -> Result<Option<String>> {
    let before = format!("--before={day} 00:00:00");
    let out = run(
        dir,
        [
            "rev-list",
            "-1",
            "--first-parent",
            before.as_str(),
            "--end-of-options",
            "HEAD",
        ],
    )?;
    let oid = String::from_utf8_lossy(&out).trim().to_string();
    Ok(is_oid(&oid).then_some(oid))
}

/// The `-c` settings that switch off every clean/smudge filter the configuration defines (the
/// attributes that name them may come from the repository). Git runs a filter when it reads the
/// working tree, so calls that compare with it add these.
pub fn filter_overrides(dir: &Path) -> Result<Vec<String>> {
    let out = git(dir)
        .args(["config", "-z", "--get-regexp", r"^filter\."])
        .output()
        .map_err(not_installed)?;
    // Exit 1: no such setting.
    if !out.status.success() && out.status.code() != Some(1) {
        return Err(Error::Other(anyhow::anyhow!(
            "`git config --get-regexp` failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    let mut names: Vec<String> = Vec::new();
    for entry in out.stdout.split(|b| *b == 0).filter(|e| !e.is_empty()) {
        let key = entry.split(|b| *b == b'\n').next().unwrap_or_default();
        let key = String::from_utf8_lossy(key);
        let Some((name, _var)) = key.strip_prefix("filter.").and_then(|k| k.rsplit_once('.')) else {
            continue;
        };
        if name.contains('=') {
            return Err(Error::usage_with_help(
                Said::new(
                    "git.filter",
                    "the repository's configuration names a filter `{name}` that kam cannot switch off",
                )
                .arg("name", name),
                Said::new(
                    "git.filter_help",
                    "kam never lets git run a filter of the repository; rename the filter in .git/config",
                ),
            ));
        }
        if !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    }
    let mut settings = Vec::new();
    for name in names {
        for var in ["clean=", "smudge=", "process=", "required=false"] {
            settings.push(format!("filter.{name}.{var}"));
        }
    }
    Ok(settings)
}

/// A git command that reads the working tree: [`git`] with every filter switched off (the
/// settings of [`filter_overrides`]).
fn git_on_worktree(dir: &Path, filters: &[String]) -> Command {
    let mut cmd = Command::new("git");
    for setting in filters {
        cmd.arg("-c").arg(setting);
    }
    // The fixed settings and environment of `git`, added after the filters.
    let base = git(dir);
    cmd.args(base.get_args());
    for (k, v) in base.get_envs() {
        match v {
            Some(v) => cmd.env(k, v),
            None => cmd.env_remove(k),
        };
    }
    cmd.stdin(Stdio::null());
    cmd
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

/// The folder git runs this repository's hooks from: `core.hooksPath` when the user set it (a
/// relative one is taken from the top of the working tree, as git does), else `hooks` in the
/// repository's common git folder. The user's own setting is read here, where every other call
/// switches hooks off.
pub fn hooks_dir(dir: &Path) -> Result<std::path::PathBuf> {
    let top = prefix(dir).and_then(|_| run(dir, ["rev-parse", "--show-toplevel"]))?;
    let top = std::path::PathBuf::from(String::from_utf8_lossy(&top).trim_end_matches('\n'));
    // `git config` reads configuration files only: nothing of the repository runs.
    let own = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["config", "--type=path", "--get", "core.hooksPath"])
        .stdin(Stdio::null())
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .map_err(not_installed)?;
    let set = String::from_utf8_lossy(&own.stdout).trim_end_matches('\n').to_string();
    if own.status.success() && !set.is_empty() {
        return Ok(top.join(set));
    }
    let common = run(dir, ["rev-parse", "--path-format=absolute", "--git-common-dir"])?;
    Ok(std::path::PathBuf::from(String::from_utf8_lossy(&common).trim_end_matches('\n')).join("hooks"))
}
