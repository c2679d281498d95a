//! `kam due`: the agenda — what is due within `--within` days or late, by date. Every account
//! file is read once, in parallel; files that cannot be read are named on stderr for `kam check`.

use chrono::Days;

use crate::Context;
use crate::cli_review::{DueArgs, DueFormat};
use crate::command::list::row_of;
use crate::domain::agenda::{DueItem, due_items, sort};
use crate::error::{OK, Result};
use crate::output::{eprint, print, table_width};
use crate::render::due as render;
use crate::render::list::Row;
use crate::workspace::Workspace;

pub fn run(args: &DueArgs, ctx: &Context) -> Result<i32> {
    let ws = Workspace::open(&ctx.start)?;
    let pb = &ws.playbook;
    let until = ctx
        .today
        .checked_add_days(Days::new(u64::from(args.within)))
        .unwrap_or(ctx.today);
    let files = ws.account_files()?;
    let rows = ws.map_files(&files, |loaded| row_of(&ws, loaded, ctx.today));
    let mut items: Vec<DueItem> = Vec::new();
    for row in &rows {
        match row {
            Row::Account(s) => {
                if args.owner.is_empty() || args.owner.iter().any(|o| o.trim() == s.owner) {
                    let shown = s.as_ref().clone().shown(pb, false);
                    items.extend(due_items(pb, &shown, ctx.today, until));
                }
            }
            Row::Unreadable { file, .. } => {
                eprint(&format!(
                    "warning: {file} cannot be read; `kam check {file}` says why\n"
                ));
            }
        }
    }
    sort(&mut items);
    let out = match args.format {
        DueFormat::Table => render::table(pb, &items, ctx.today, until, table_width(), ctx.color),
        DueFormat::Md => render::markdown(pb, &items, ctx.today, until),
        DueFormat::Json => render::json(&items),
    };
    print(&out)?;
    Ok(OK)
}
