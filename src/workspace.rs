//! The workspace: the folder holding `kam.yaml` (found by walking up from the start folder) and
//! its `accounts/`. Without a `kam.yaml`, the start folder's `accounts/` is used with the
//! embedded default playbook.
//!
//! The walk up stops at the root of the git repository the start folder is in: a `kam.yaml`
//! above a repository belongs to something else. A `kam.yaml` or `accounts/` owned by another
//! user is never adopted (the way git refuses a repository owned by someone else): the walk stops
//! there with a warning, and the start folder is used with the embedded playbook — whose own
//! `accounts/` must then be the user's. git's `safe.directory` setting trusts a folder anyway.
//!
//! Account files are listed and opened here, the one way every command reads them: only
//! regular files inside the workspace are opened (see [`crate::io::source`]); a link out of the
//! workspace, a FIFO, a socket or a device named `*.toml` is listed and becomes a finding of that
//! file, without its content.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::domain::diagnostic::Diagnostic;
use crate::domain::playbook::Playbook;
use crate::error::{Error, Result, Said};
use crate::io::account_file;
use crate::io::playbook_file::{default_playbook, load};
use crate::io::source::{ReadError, Source, read};

/// The playbook's file name.
pub const PLAYBOOK_FILE: &str = "kam.yaml";
/// The folder of account files.
pub const ACCOUNTS_DIR: &str = "accounts";

#[derive(Debug)]
pub struct Workspace {
    /// The folder holding kam.yaml, or the start folder when using the embedded playbook.
    pub root: PathBuf,
    /// `root` with every symbolic link resolved: reads and writes stay inside it.
    pub real_root: PathBuf,
    /// The playbook file, or `None` for the embedded default.
    pub playbook_file: Option<PathBuf>,
    pub playbook: Playbook,
}

/// An account file read from disk, or the diagnostic saying why it could not be.
pub type Loaded = std::result::Result<Source, (String, Diagnostic)>;

/// The playbook of the workspace at `start`, found as [`Workspace::open`] finds it but without a
/// word on stderr: for wording an error in its language. `None` without a `kam.yaml` (the
/// embedded playbook speaks English) or when it cannot be read.
pub fn playbook_quietly(start: &Path) -> Option<Playbook> {
    Workspace::find(start, false)
        .ok()
        .filter(|ws| ws.playbook_file.is_some())
        .map(|ws| ws.playbook)
}

/// Whether `dir` is the top of a git working tree (or of a submodule or worktree).
fn is_repository_root(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir.join(".git")).is_ok()
}

/// The owner of `path` when it is not the user and git's `safe.directory` does not trust `dir`.
fn foreign(path: &Path, dir: &Path) -> Option<u32> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    let (me, owner) = (crate::io::owner::euid()?, crate::io::owner::owner(&meta)?);
    // As git does: root running through sudo acts for the user who called sudo.
    let me_too = (me == 0)
        .then(|| std::env::var("SUDO_UID").ok()?.parse::<u32>().ok())
        .flatten();
    if owner == me || Some(owner) == me_too {
        return None;
    }
    let safe = crate::io::git::safe_directories();
    let shown = dir.to_string_lossy();
    let real = std::fs::canonicalize(dir).map(|p| p.to_string_lossy().into_owned());
    let trusted = safe.iter().rev().take_while(|s| !s.is_empty()).any(|s| {
        let s = s.trim_end_matches('/');
        s == "*"
            || s == shown.trim_end_matches('/')
            || real.as_deref().is_ok_and(|r| r == s)
            || s.strip_suffix("/*")
                .is_some_and(|prefix| shown.starts_with(prefix) || real.as_deref().is_ok_and(|r| r.starts_with(prefix)))
    });
    (!trusted).then_some(owner)
}

/// How to trust a folder of another user, as git does.
fn trust_hint(dir: &Path) -> String {
    format!(
        "run kam as its owner, or in a folder of your own (-C DIR); to trust it as git would: git config --global --add safe.directory {}",
        dir.display()
    )
}

/// Refuses `path` when another user owns it (see [`foreign`]).
fn trust(path: &Path, dir: &Path) -> Result<()> {
    match foreign(path, dir) {
        None => Ok(()),
        Some(owner) => Err(Error::usage_with_help(
            format!(
                "{} belongs to another user (uid {owner}); kam does not take accounts from another user",
                path.display()
            ),
            trust_hint(dir),
        )),
    }
}

fn read_error(path: &Path, e: ReadError) -> Error {
    match e {
        ReadError::Io(io) => Error::io(path, "io.read", "cannot read {path}: {error}", io),
        other => Error::usage_with_help(format!("{}: {other}", path.display()), other.help()),
    }
}

fn real(dir: &Path) -> Result<PathBuf> {
    std::fs::canonicalize(dir).map_err(|e| Error::io(dir, "io.resolve", "cannot resolve {path}: {error}", e))
}

impl Workspace {
    /// Finds the workspace from `start`, walking up to the nearest `kam.yaml` no further than the
    /// root of the git repository `start` is in.
    pub fn open(start: &Path) -> Result<Workspace> {
        Workspace::find(start, true)
    }

    fn find(start: &Path, warn: bool) -> Result<Workspace> {
        let start = std::path::absolute(start)
            .map_err(|e| Error::io(start, "io.resolve", "cannot resolve {path}: {error}", e))?;
        if !start.is_dir() {
            return Err(Error::usage(
                Said::new("usage.not_a_folder", "{path} is not a folder").arg("path", start.display()),
            ));
        }
        for dir in start.ancestors() {
            let candidate = dir.join(PLAYBOOK_FILE);
            if std::fs::symlink_metadata(&candidate).is_ok() {
                let accounts = dir.join(ACCOUNTS_DIR);
                if let Some(owner) = foreign(&candidate, dir).or_else(|| foreign(&accounts, dir)) {
                    if !warn {
                        break;
                    }
                    // Not adopted, and not silently: the user may have expected it.
                    crate::output::eprint(&format!(
                        "warning: not using {}: it belongs to another user (uid {owner})\n  help: {}\n",
                        candidate.display(),
                        trust_hint(dir)
                    ));
                    break;
                }
                let real_root = real(dir)?;
                let (text, _, _) = read(&candidate, &real_root).map_err(|e| read_error(&candidate, e))?;
                let playbook = load(&display(&candidate, &start), &text)?;
                return Ok(Workspace {
                    root: dir.to_path_buf(),
                    real_root,
                    playbook_file: Some(candidate),
                    playbook,
                });
            }
            if is_repository_root(dir) {
                break;
            }
        }
        trust(&start.join(ACCOUNTS_DIR), &start)?;
        Ok(Workspace {
            real_root: real(&start)?,
            root: start,
            playbook_file: None,
            playbook: default_playbook()?,
        })
    }

    pub fn accounts_dir(&self) -> PathBuf {
        self.root.join(ACCOUNTS_DIR)
    }

    /// Refuses a folder that lies outside the workspace (through a symbolic link on the way).
    pub fn check_inside(&self, dir: &Path) -> Result<()> {
        if real(dir)?.starts_with(&self.real_root) {
            Ok(())
        } else {
            let pb = &self.playbook;
            Err(Error::usage_with_help(
                pb.fill(
                    "usage.outside_workspace",
                    "{path} leads outside the workspace; kam does not read or write there",
                    &[("path", &self.name_of(dir))],
                ),
                pb.text(
                    "usage.outside_workspace_help",
                    "a folder of the workspace is a symbolic link to somewhere else; commit the files themselves",
                ),
            ))
        }
    }

    /// Every `*.toml` under `accounts/`, sorted by path. Hidden files and folders are skipped;
    /// links, FIFOs, sockets and devices of that name, and folders that are another git repository
    /// (a submodule), are listed, so that reading them reports them.
    pub fn account_files(&self) -> Result<Vec<PathBuf>> {
        let dir = self.accounts_dir();
        if !dir.is_dir() {
            if self.playbook_file.is_none() {
                let pb = &self.playbook;
                return Err(Error::usage_with_help(
                    pb.fill(
                        "usage.no_workspace",
                        "no {playbook} found in {dir} or above, and no {accounts}/ folder here",
                        &[
                            ("playbook", &PLAYBOOK_FILE),
                            ("dir", &self.root.display()),
                            ("accounts", &ACCOUNTS_DIR),
                        ],
                    ),
                    pb.text(
                        "usage.no_workspace_help",
                        "run `kam init` to start a workspace, or `kam -C DIR …` to use another folder",
                    ),
                ));
            }
            return Ok(Vec::new());
        }
        self.check_inside(&dir)?;
        let mut files = Vec::new();
        collect_toml(&dir, &mut files)?;
        files.sort();
        Ok(files)
    }

    /// The file of the account with this id: `accounts/<id>.toml`, or `<id>.toml` in a subfolder.
    pub fn account_path(&self, id: &str) -> Result<PathBuf> {
        if !crate::domain::account::slug::is_slug(id) {
            let pb = &self.playbook;
            return Err(Error::usage_with_help(
                pb.fill(
                    "usage.not_an_id",
                    "`{id}` is not an account id",
                    &[("id", &crate::render::visible::line(id))],
                ),
                pb.text("usage.not_an_id_help", "ids are lowercase ASCII slugs, e.g. acme-gmbh"),
            ));
        }
        let dir = self.accounts_dir();
        if dir.is_dir() {
            self.check_inside(&dir)?;
        }
        let direct = dir.join(format!("{id}.toml"));
        if std::fs::symlink_metadata(&direct).is_ok() {
            return Ok(direct);
        }
        let files = self.account_files()?;
        let stem = |p: &PathBuf| {
            p.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        let stems: Vec<String> = files.iter().map(stem).collect();
        let ids: Vec<&str> = stems.iter().map(String::as_str).collect();
        let pb = &self.playbook;
        let found = pick_id(pb, &ids, id, || {
            pb.fill(
                "usage.no_account_in",
                "no account `{id}` in {dir}",
                &[("id", &id), ("dir", &self.accounts_dir().display())],
            )
        })?;
        files
            .iter()
            .find(|p| stem(p) == found)
            .cloned()
            .ok_or_else(|| Error::usage(pb.fill("usage.no_account", "no account `{id}`", &[("id", &id)])))
    }

    /// How messages name a file: relative to the workspace root, with forward slashes.
    pub fn name_of(&self, path: &Path) -> String {
        display(path, &self.root)
    }

    /// Reads one account file the safe way (see the module documentation).
    pub fn load(&self, path: &Path) -> Loaded {
        account_file::load(&self.playbook, path, self.name_of(path), &self.real_root)
    }

    /// Reads one account file for a command about that account alone: a file that cannot be
    /// read is a usage error naming the file and why.
    pub fn load_one(&self, path: &Path) -> Result<Source> {
        self.load(path).map_err(|(name, d)| {
            Error::usage_with_help(
                self.playbook.fill(
                    "usage.cannot_read",
                    "cannot read {file}: {why}",
                    &[("file", &name), ("why", &d.message)],
                ),
                d.help.unwrap_or_default(),
            )
        })
    }

    /// The real path of an account file kam is about to change: the file itself, or the target
    /// of a symbolic link that stays inside the workspace. A link out of it, or anything but a
    /// regular file, is refused: kam never writes or locks outside the workspace.
    pub fn writable_account(&self, path: &Path) -> Result<PathBuf> {
        let name = self.name_of(path);
        let refuse = |e: ReadError| match e {
            ReadError::Io(io) => Error::io(path, "io.read", "cannot read {path}: {error}", io),
            other => {
                let pb = &self.playbook;
                Error::usage_with_help(
                    pb.fill(
                        "usage.not_writable",
                        "{file}: {why}; nothing was changed",
                        &[("file", &name), ("why", &other.message_in(pb))],
                    ),
                    other.help_in(pb),
                )
            }
        };
        let target = crate::io::source::resolve_inside(path, &self.real_root).map_err(refuse)?;
        if let Some(parent) = target.parent() {
            self.check_inside(parent)?;
        }
        let meta = std::fs::symlink_metadata(&target)
            .map_err(|e| Error::io(&target, "io.read", "cannot read {path}: {error}", e))?;
        if let Some(kind) = crate::io::source::kind_of(&meta) {
            return Err(refuse(ReadError::NotRegular(kind)));
        }
        Ok(target)
    }

    /// Reads a file of the workspace named by someone else (git, a path argument): like
    /// [`Workspace::load`], and the folders leading to it must be inside the workspace too.
    pub fn read_named(&self, path: &Path) -> std::result::Result<String, ReadError> {
        let parent = path.parent().unwrap_or(Path::new("."));
        let real_parent = std::fs::canonicalize(parent).map_err(ReadError::Io)?;
        if !real_parent.starts_with(&self.real_root) {
            return Err(ReadError::Outside);
        }
        read(path, &self.real_root).map(|(text, _, _)| text)
    }

    /// Reads files in parallel and hands each to `f`; results come back in the order of `files`.
    pub fn map_files<T: Send>(&self, files: &[PathBuf], f: impl Fn(Loaded) -> T + Sync) -> Vec<T> {
        files.par_iter().map(|path| f(self.load(path))).collect()
    }
}

/// Adds every `*.toml` under `dir` (skipping hidden entries) to `out`, unsorted. Only real
/// folders of this repository are entered; entries of any other kind, and a folder that is
/// another git repository, are listed, to be reported when read.
pub fn collect_toml(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, "io.list", "cannot list {path}: {error}", e))?;
    let mut subdirs = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, "io.list", "cannot list {path}: {error}", e))?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let kind = entry
            .file_type()
            .map_err(|e| Error::io(&path, "io.inspect", "cannot inspect {path}: {error}", e))?;
        if kind.is_dir() {
            // Another repository (a submodule, a nested clone) holds its own content, not
            // accounts of this one: listed as itself, so reading it reports it, never entered.
            if std::fs::symlink_metadata(path.join(".git")).is_ok() {
                out.push(path);
            } else {
                subdirs.push(path);
            }
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    // Teams file accounts by region or owner: list the subfolders side by side.
    let found: Vec<Result<Vec<PathBuf>>> = subdirs
        .par_iter()
        .map(|sub| {
            let mut files = Vec::new();
            collect_toml(sub, &mut files).map(|()| files)
        })
        .collect();
    for files in found {
        out.extend(files?);
    }
    Ok(())
}

fn display(path: &Path, base: &Path) -> String {
    let shown = path.strip_prefix(base).unwrap_or(path);
    shown.to_string_lossy().replace('\\', "/")
}

/// The one resolver of an id the user typed among the ids of the accounts at hand (today's files,
/// or those committed on a day): the id itself or a unique prefix; several candidates or none are
/// usage errors, the latter with a did-you-mean. `missing` says where the id was looked for.
pub fn pick_id<'a>(pb: &Playbook, ids: &[&'a str], id: &str, missing: impl FnOnce() -> String) -> Result<&'a str> {
    use crate::domain::account::ids::{Match, find};
    match find(ids, id) {
        Match::One(found) => Ok(found),
        Match::Several(many) => Err(Error::usage_with_help(
            pb.fill(
                "usage.ambiguous_id",
                "`{id}` could be any of {n} accounts",
                &[("id", &id), ("n", &many.len())],
            ),
            pb.fill(
                "usage.ambiguous_id_help",
                "write more of the id: {ids}",
                &[("ids", &many.join(pb.text("report.list_separator", ", ")))],
            ),
        )),
        Match::None(close) => Err(Error::usage_with_help(
            missing(),
            if close.is_empty() {
                pb.text("usage.list_hint", "`kam list` lists the accounts").to_string()
            } else {
                pb.did_you_mean(&close.join("`, `"))
            },
        )),
    }
}
