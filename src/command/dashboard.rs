//! `kam dashboard`: the pipeline on one self-contained HTML page. Every account file is read and
//! parsed once, in parallel, into the facts the numbers need and the status the agenda needs.

use crate::Context;
use crate::cli_director::DashboardArgs;
use crate::command::accounts;
use crate::domain::account::Account;
use chrono::Days;

use crate::domain::agenda::{self, Item, agenda};
use crate::domain::dashboard::{AGENDA_DAYS, dashboard};
use crate::domain::gate::status::{Status, status};
use crate::domain::stats::{Facts, Period, facts};
use crate::error::{Error, OK, Result};
use crate::io::account_file;
use crate::output::write_output;
use crate::render::dashboard::page;

fn stem(name: &str) -> String {
    std::path::Path::new(name)
        .file_stem()
        .map_or_else(|| name.to_string(), |s| s.to_string_lossy().into_owned())
}

pub fn run(args: &DashboardArgs, ctx: &Context) -> Result<i32> {
    let opened = accounts::open(ctx, args.as_of)?;
    let note = opened.note();
    let today = opened.today;
    if args.since.is_some_and(|s| s > today) {
        let pb = &opened.ws.playbook;
        return Err(Error::usage_with_help(
            pb.fill(
                "usage.since_after",
                "--since {since} is after {today}",
                &[("since", &args.since.unwrap_or_default()), ("today", &today)],
            ),
            pb.text(
                "usage.since_after_help",
                "the funnel counts from --since to today (or the --as-of day)",
            ),
        ));
    }
    let until = today.checked_add_days(Days::new(AGENDA_DAYS)).unwrap_or(today);
    let (ws, read) = opened.map(|ws, loaded| {
        let src = loaded.map_err(|(name, _)| name)?;
        let root = account_file::parse(&src.text).map_err(|_| src.name.clone())?;
        let account = Account::new(&root);
        let id = stem(&src.name);
        let s = status(&ws.playbook, &account, &id, &src.name, today);
        let items = agenda(
            &agenda::Facts {
                pb: &ws.playbook,
                account: &account,
                root: &root,
                status: &s,
                today,
            },
            until,
        );
        Ok::<(Facts, Status, Vec<Item>), String>((facts(&ws.playbook, &account, &id, &src.name), s, items))
    });
    let mut all_facts = Vec::with_capacity(read.len());
    let mut statuses = Vec::with_capacity(read.len());
    let mut items = Vec::new();
    for r in read {
        match r {
            Ok((f, s, i)) => {
                all_facts.push(f);
                statuses.push(s);
                items.extend(i);
            }
            Err(file) => accounts::warn_unreadable(&ws.playbook, &file),
        }
    }
    let period = Period {
        since: args.since,
        until: today,
    };
    let d = dashboard(&ws.playbook, &all_facts, &statuses, items, period, today);
    let html = page(&ws.playbook, &d, note.as_deref());
    if write_output(&html, args.output.as_deref(), &ctx.start)?
        && let Some(file) = &args.output
    {
        crate::output::wrote(ws.playbook.words(), file)?;
    }
    Ok(OK)
}
