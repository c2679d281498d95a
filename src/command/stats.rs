//! `kam stats`: the funnel, win rates and scoring calibration of a period. Every account file is
//! read and parsed once, in parallel, into its facts; the calibration then reads, for the accounts
//! that left the assessment stage, the version of the file they had that day (from git, where it
//! changed since).

use rayon::prelude::*;

use crate::Context;
use crate::cli_director::{ByArg, StatsArgs, StatsFormat};
use crate::command::accounts::{self, Opened};
use crate::domain::account::Account;
use crate::domain::playbook::Playbook;
use crate::domain::score::Weights;
use crate::domain::score::weights::parse_weights;
use crate::domain::stats::calibration::{self, Calibration, Source};
use crate::domain::stats::facts::ratings_of;
use crate::domain::stats::{Facts, GroupBy, Period, facts, stats};
use crate::error::{Error, OK, Result};
use crate::io::account_file;
use crate::io::past_versions::{PastVersions, Version};
use crate::output::{eprint, print, table_width};
use crate::render::director::stats as render;
use crate::workspace::{Loaded, Workspace};

fn stem(name: &str) -> String {
    std::path::Path::new(name)
        .file_stem()
        .map_or_else(|| name.to_string(), |s| s.to_string_lossy().into_owned())
}

/// Reads one file's facts, or names the file that cannot be read or parsed.
pub fn read(pb: &Playbook, loaded: Loaded) -> std::result::Result<Facts, String> {
    let src = loaded.map_err(|(name, _)| name)?;
    let root = account_file::parse(&src.text).map_err(|_| src.name.clone())?;
    Ok(facts(pb, &Account::new(&root), &stem(&src.name), &src.name))
}

/// Reads every account's facts; unreadable files are named on stderr.
pub fn read_all(opened: Opened) -> (Workspace, Vec<Facts>) {
    let (ws, read) = opened.map(|ws, loaded| read(&ws.playbook, loaded));
    let mut ok = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(f) => ok.push(f),
            Err(file) => accounts::warn_unreadable(&ws.playbook, &file),
        }
    }
    (ws, ok)
}

fn by(b: ByArg) -> GroupBy {
    match b {
        ByArg::Owner => GroupBy::Owner,
        ByArg::Tier => GroupBy::Tier,
        ByArg::Class => GroupBy::Class,
        ByArg::Region => GroupBy::Region,
    }
}

/// The calibration cases: each account that left the assessment stage, scored from the ratings
/// its file had that day (read from git where the file changed since; else today's).
pub fn calibrate(
    ws: &Workspace,
    rev: &str,
    all: &[Facts],
    period: Period,
    what_if: Option<&Weights>,
) -> Result<Calibration> {
    let pb = &ws.playbook;
    let leaving: Vec<(&Facts, chrono::NaiveDate)> = all
        .iter()
        .filter_map(|f| Some((f, calibration::left_assessment(pb, f, period)?)))
        .collect();
    let past = if leaving.is_empty() {
        None
    } else {
        PastVersions::open(ws, rev)
    };
    let versions: Vec<Version> = leaving
        .iter()
        .map(|(f, day)| past.as_ref().map_or(Version::NotRecorded, |p| p.version(&f.file, *day)))
        .collect();
    let wanted: Vec<(String, String)> = leaving
        .iter()
        .zip(&versions)
        .filter_map(|((f, _), v)| match v {
            Version::At(commit) => Some((commit.clone(), f.file.clone())),
            Version::Unchanged | Version::NotRecorded => None,
        })
        .collect();
    let mut old_texts = match &past {
        Some(p) if !wanted.is_empty() => p.read(&wanted)?.into_iter(),
        _ => Vec::new().into_iter(),
    };
    let inputs: Vec<(&Facts, chrono::NaiveDate, Option<String>, Source)> = leaving
        .iter()
        .zip(versions)
        .map(|((f, day), v)| match v {
            Version::At(_) => match old_texts.next().flatten() {
                Some(text) => (*f, *day, Some(text), Source::Git),
                None => (*f, *day, None, Source::Today),
            },
            Version::Unchanged => (*f, *day, None, Source::Unchanged),
            Version::NotRecorded => (*f, *day, None, Source::Today),
        })
        .collect();
    let cases = inputs
        .par_iter()
        .map(|(f, day, old, source)| {
            // The version of that day, where git has one that parses; else today's ratings.
            let old = old
                .as_deref()
                .and_then(|t| account_file::parse(t).ok())
                .map(|root| ratings_of(&Account::new(&root)));
            if let Some(ratings) = old {
                calibration::case(pb, f, &ratings, *day, *source, what_if, period)
            } else {
                let source = if *source == Source::Git { Source::Today } else { *source };
                calibration::case(pb, f, &f.ratings, *day, source, what_if, period)
            }
        })
        .collect();
    Ok(calibration::calibrate(pb, cases))
}

pub fn run(args: &StatsArgs, ctx: &Context) -> Result<i32> {
    let opened = accounts::open(ctx, args.as_of)?;
    let note = opened.note();
    let rev = opened
        .commit
        .as_ref()
        .map_or_else(|| "HEAD".to_string(), |c| c.id.clone());
    let period = Period {
        since: args.since,
        until: args.until.unwrap_or(opened.today),
    };
    if period.since.is_some_and(|s| s > period.until) {
        let pb = &opened.ws.playbook;
        return Err(Error::usage_with_help(
            pb.fill(
                "usage.since_after_until",
                "--since {since} is after --until {until}",
                &[("since", &args.since.unwrap_or_default()), ("until", &period.until)],
            ),
            pb.text(
                "usage.since_after_until_help",
                "the period runs from --since to --until, both included",
            ),
        ));
    }
    let what_if = if args.weights.is_empty() {
        None
    } else {
        Some(parse_weights(&opened.ws.playbook, &args.weights).map_err(|e| Error::usage_with_help(e.message, e.help))?)
    };
    let (ws, all) = read_all(opened);
    let cal = calibrate(&ws, &rev, &all, period, what_if.as_ref())?;
    let pb = &ws.playbook;
    let s = stats(pb, &all, period, args.by.map(by), cal);
    let weights = (!args.weights.is_empty()).then(|| args.weights.join(","));
    let out = match args.format {
        StatsFormat::Text => render::text(pb, &s, note.as_deref(), weights.as_deref(), table_width(), ctx.color),
        StatsFormat::Md => render::markdown(pb, &s, note.as_deref(), weights.as_deref()),
        StatsFormat::Json | StatsFormat::Csv => {
            if let Some(note) = &note {
                eprint(&format!("note: {note}\n"));
            }
            if args.format == StatsFormat::Json {
                render::json(&s)
            } else {
                render::csv(&s, crate::render::csv::Cells::of(&args.csv))
            }
        }
    };
    if matches!(args.format, StatsFormat::Csv) {
        crate::output::write_csv(pb, &out, crate::render::csv::Cells::of(&args.csv), None, &ctx.start)?;
    } else {
        print(&out)?;
    }
    Ok(OK)
}
