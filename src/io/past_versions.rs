//! Account files as they were on a past day, for the scoring calibration: which files changed
//! after that day (one `git log --name-only` over the mainline), and for those, the text of the
//! file as committed at the end of the day. A file git shows unchanged since the day is today's
//! file, and needs no reading.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::error::Result;
use crate::io::git_log::{self, Commit};
use crate::io::source::MAX_FILE_BYTES;
use crate::workspace::{ACCOUNTS_DIR, Workspace};

/// Where to find a file's version of a past day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Version {
    /// No commit changed it after that day: today's file is that version.
    Unchanged,
    /// It changed since; this commit holds the version of the end of that day.
    At(String),
    /// git has no commit from that day or before.
    NotRecorded,
}

/// The mainline's history of the account files.
#[derive(Debug)]
pub struct PastVersions {
    root: PathBuf,
    prefix: String,
    commits: Vec<Commit>,
    /// Per file (from the repository's top): the days it changed, newest first.
    changes: HashMap<String, Vec<NaiveDate>>,
}

impl PastVersions {
    /// Reads the history of `rev`; `None` outside a git repository or before the first commit.
    pub fn open(ws: &Workspace, rev: &str) -> Option<PastVersions> {
        let prefix = crate::io::git::prefix(&ws.root).ok()?;
        let commits = git_log::first_parent(&ws.root, rev).ok()?;
        if commits.is_empty() {
            return None;
        }
        let changes = git_log::change_days(&ws.root, rev, &format!("{prefix}{ACCOUNTS_DIR}")).ok()?;
        Some(PastVersions {
            root: ws.root.clone(),
            prefix,
            commits,
            changes,
        })
    }

    /// Where the version of `name` (relative to the workspace) at the end of `day` is.
    pub fn version(&self, name: &str, day: NaiveDate) -> Version {
        let changed_after = self
            .changes
            .get(&format!("{}{name}", self.prefix))
            .is_some_and(|days| days.first().is_some_and(|d| *d > day));
        if !changed_after {
            return Version::Unchanged;
        }
        match git_log::at_end_of(&self.commits, day) {
            Some(c) => Version::At(c.id.clone()),
            None => Version::NotRecorded,
        }
    }

    /// The texts of `name` at these commits; `None` where the file did not exist then, was not a
    /// regular file, was over the size limit or was not UTF-8.
    pub fn read(&self, wanted: &[(String, String)]) -> Result<Vec<Option<String>>> {
        let specs: Vec<String> = wanted
            .iter()
            .map(|(commit, name)| format!("{commit}:{}{name}", self.prefix))
            .collect();
        let mut oids: Vec<String> = Vec::new();
        let slots: Vec<Option<usize>> = git_log::blob_sizes(&self.root, &specs)?
            .into_iter()
            .map(|found| {
                let (oid, _) = found.filter(|(_, size)| *size <= MAX_FILE_BYTES)?;
                oids.push(oid);
                Some(oids.len() - 1)
            })
            .collect();
        let mut blobs = git_log::blobs(&self.root, &oids)?;
        Ok(slots
            .into_iter()
            .map(|slot| {
                let bytes = blobs.get_mut(slot?)?.take()?;
                String::from_utf8(bytes).ok()
            })
            .collect())
    }
}
