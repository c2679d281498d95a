//! The account files a reading command works on: the working tree's, or with `--as-of DATE` the
//! workspace as committed at the end of that day (its playbook too). Commands map every file in
//! parallel the same way either way, so `--as-of` costs no code in them.

use std::path::PathBuf;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::Context;
use crate::domain::playbook::Playbook;
use crate::error::{Error, Result};
use crate::io::git_log::Commit;
use crate::io::snapshot;
use crate::workspace::{Loaded, Workspace};

/// The files to read.
pub enum Files {
    /// In the working tree.
    Disk(Vec<PathBuf>),
    /// Read from a commit.
    Committed(Vec<Loaded>),
}

/// The workspace with its files, now or as of a day.
pub struct Opened {
    /// With the playbook of the commit read, under `--as-of`.
    pub ws: Workspace,
    pub files: Files,
    /// The commit read, under `--as-of`.
    pub commit: Option<Commit>,
    /// The day the reports are computed for: `--as-of`, else today.
    pub today: NaiveDate,
}

/// Opens the workspace and lists its account files, or reads them as of a day.
pub fn open(ctx: &Context, as_of: Option<NaiveDate>) -> Result<Opened> {
    let mut ws = Workspace::open(&ctx.start)?;
    let Some(day) = as_of else {
        let files = Files::Disk(ws.account_files()?);
        return Ok(Opened {
            ws,
            files,
            commit: None,
            today: ctx.today,
        });
    };
    if day > ctx.today {
        let pb = &ws.playbook;
        return Err(Error::usage_with_help(
            pb.fill(
                "history.as_of_future",
                "--as-of {day} is after today ({today})",
                &[("day", &day), ("today", &ctx.today)],
            ),
            pb.text(
                "history.as_of_future_help",
                "--as-of shows the past as committed; leave it out for today's accounts",
            ),
        ));
    }
    let snap = snapshot::at_end_of(&ws, day)?;
    ws.playbook = snap.playbook;
    Ok(Opened {
        ws,
        files: Files::Committed(snap.files),
        commit: Some(snap.commit),
        today: day,
    })
}

impl Opened {
    /// Hands every file (read, or why it could not be) to `f`, in parallel, in path order.
    pub fn map<T: Send>(self, f: impl Fn(&Workspace, Loaded) -> T + Sync) -> (Workspace, Vec<T>) {
        let ws = self.ws;
        let out = match self.files {
            Files::Disk(paths) => ws.map_files(&paths, |loaded| f(&ws, loaded)),
            Files::Committed(loaded) => loaded.into_par_iter().map(|l| f(&ws, l)).collect(),
        };
        (ws, out)
    }

    /// The ids (file stems) of the accounts at hand, in path order.
    pub fn ids(&self) -> Vec<String> {
        let stem = |name: &std::path::Path| {
            name.file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
        };
        match &self.files {
            Files::Disk(paths) => paths.iter().map(|p| stem(p)).collect(),
            Files::Committed(loaded) => loaded
                .iter()
                .map(|l| match l {
                    Ok(src) => stem(std::path::Path::new(&src.name)),
                    Err((name, _)) => stem(std::path::Path::new(name)),
                })
                .collect(),
        }
    }

    /// Resolves an id the user typed among the accounts at hand, through the same resolver as
    /// every command (unique prefix, did-you-mean).
    pub fn resolve(&self, id: &str) -> Result<String> {
        let ids = self.ids();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let day = self.today;
        let committed = self.commit.is_some();
        let pb = &self.ws.playbook;
        crate::workspace::pick_id(pb, &refs, id, || {
            if committed {
                pb.fill(
                    "usage.no_account_committed",
                    "no account `{id}` was committed by the end of {day}",
                    &[("id", &id), ("day", &day)],
                )
            } else {
                pb.fill("usage.no_account", "no account `{id}`", &[("id", &id)])
            }
        })
        .map(str::to_string)
    }

    /// A note naming the commit read, for reports under `--as-of`, in the playbook's words.
    pub fn note(&self) -> Option<String> {
        let words = crate::render::director::words::Words::new(&self.ws.playbook);
        self.commit.as_ref().map(|c| {
            words.fill(
                "director.as_of",
                &[("date", &self.today.to_string()), ("commit", snapshot::short(&c.id))],
            )
        })
    }
}

/// The warning for a file a listing skips because it cannot be read, in the playbook's words.
pub fn warn_unreadable(pb: &Playbook, file: &str) {
    crate::output::eprint(&pb.fill(
        "check.skipped_unreadable",
        "warning: {file} cannot be read; `kam check {file}` says why\n",
        &[("file", &file)],
    ));
}
