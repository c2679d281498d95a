//! The workspace: the folder holding `kam.yaml` (found by walking up from the start folder) and
//! its `accounts/`. Without a `kam.yaml`, the start folder's `accounts/` is used with the
//! embedded default playbook.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::domain::diagnostic::Diagnostic;
use crate::domain::playbook::Playbook;
use crate::error::{Error, Result};
use crate::io::account_file;
use crate::io::playbook_file::{default_playbook, load};
use crate::io::source::{Source, read_text};

/// The playbook's file name.
pub const PLAYBOOK_FILE: &str = "kam.yaml";
/// The folder of account files.
pub const ACCOUNTS_DIR: &str = "accounts";

#[derive(Debug)]
pub struct Workspace {
    /// The folder holding kam.yaml, or the start folder when using the embedded playbook.
    pub root: PathBuf,
    /// The playbook file, or `None` for the embedded default.
    pub playbook_file: Option<PathBuf>,
    pub playbook: Playbook,
}

/// An account file read from disk, or the diagnostic saying why it could not be.
pub type Loaded = std::result::Result<Source, (String, Diagnostic)>;

impl Workspace {
    /// Finds the workspace from `start`, walking up to the nearest `kam.yaml`.
    pub fn open(start: &Path) -> Result<Workspace> {
        let start = std::path::absolute(start).map_err(|e| Error::io(start, "resolve", e))?;
        if !start.is_dir() {
            return Err(Error::usage(format!("{} is not a folder", start.display())));
        }
        for dir in start.ancestors() {
            let candidate = dir.join(PLAYBOOK_FILE);
            if candidate.is_file() {
                let text = read_text(&candidate).map_err(|e| match e {
                    crate::io::source::ReadError::Io(io) => Error::io(&candidate, "read", io),
                    other => Error::usage(format!("{}: {other}", candidate.display())),
                })?;
                let playbook = load(&display(&candidate, &start), &text)?;
                return Ok(Workspace {
                    root: dir.to_path_buf(),
                    playbook_file: Some(candidate),
                    playbook,
                });
            }
        }
        Ok(Workspace {
            root: start,
            playbook_file: None,
            playbook: default_playbook()?,
        })
    }

    pub fn accounts_dir(&self) -> PathBuf {
        self.root.join(ACCOUNTS_DIR)
    }

    /// Every `*.toml` under `accounts/`, sorted by path. Hidden files and folders are skipped.
    pub fn account_files(&self) -> Result<Vec<PathBuf>> {
        let dir = self.accounts_dir();
        if !dir.is_dir() {
            if self.playbook_file.is_none() {
                return Err(Error::usage_with_help(
                    format!(
                        "no {PLAYBOOK_FILE} found in {} or above, and no {ACCOUNTS_DIR}/ folder here",
                        self.root.display()
                    ),
                    "run `kam init` to start a workspace, or `kam -C DIR …` to use another folder",
                ));
            }
            return Ok(Vec::new());
        }
        let mut files = Vec::new();
        collect_toml(&dir, &mut files)?;
        files.sort();
        Ok(files)
    }

    /// The file of the account with this id: `accounts/<id>.toml`, or `<id>.toml` in a subfolder.
    pub fn account_path(&self, id: &str) -> Result<PathBuf> {
        if !crate::domain::account::slug::is_slug(id) {
            return Err(Error::usage_with_help(
                format!("`{id}` is not an account id"),
                "ids are lowercase ASCII slugs, e.g. acme-gmbh",
            ));
        }
        let direct = self.accounts_dir().join(format!("{id}.toml"));
        if direct.is_file() {
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
        match crate::domain::account::ids::find(&ids, id) {
            crate::domain::account::ids::Match::One(found) => files
                .iter()
                .find(|p| stem(p) == found)
                .cloned()
                .ok_or_else(|| Error::usage(format!("no account `{id}`"))),
            crate::domain::account::ids::Match::Several(many) => Err(Error::usage_with_help(
                format!("`{id}` could be any of {} accounts", many.len()),
                format!("write more of the id: {}", many.join(", ")),
            )),
            crate::domain::account::ids::Match::None(close) => Err(Error::usage_with_help(
                format!("no account `{id}` in {}", self.accounts_dir().display()),
                if close.is_empty() {
                    "`kam list` lists the accounts".to_string()
                } else {
                    format!("did you mean `{}`?", close.join("`, `"))
                },
            )),
        }
    }

    /// How messages name a file: relative to the workspace root, with forward slashes.
    pub fn name_of(&self, path: &Path) -> String {
        display(path, &self.root)
    }

    /// Reads files in parallel and hands each to `f`; results come back in the order of `files`.
    pub fn map_files<T: Send>(&self, files: &[PathBuf], f: impl Fn(Loaded) -> T + Sync) -> Vec<T> {
        files
            .par_iter()
            .map(|path| f(account_file::load(path, self.name_of(path))))
            .collect()
    }
}

/// Adds every `*.toml` under `dir` (skipping hidden entries) to `out`, unsorted.
pub fn collect_toml(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, "list", e))?;
    let mut subdirs = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, "list", e))?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| Error::io(&path, "inspect", e))?;
        if kind.is_dir() {
            subdirs.push(path);
        } else if path.extension().is_some_and(|e| e == "toml") && (kind.is_file() || path.is_file()) {
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
