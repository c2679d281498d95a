//! `kam diff [BASE] [HEAD]` and `kam diff --since 7d|DATE`: the accounts that changed between two
//! versions, in business terms, gates judged with the playbook of the older version (see
//! [`crate::io::review`]). `--check` turns what fails the review into exit code 1.

use crate::Context;
use crate::cli_review::{DiffArgs, DiffFormat};
use crate::error::{FINDINGS, OK, Result};
use crate::io::review::{Request, review};
use crate::output::print;
use crate::render::review as render;
use crate::workspace::Workspace;

pub fn run(args: &DiffArgs, ctx: &Context) -> Result<i32> {
    let ws = Workspace::open(&ctx.start)?;
    let req = Request {
        base: args.base.clone(),
        head: args.head.clone(),
        since: args.since.clone(),
        staged: args.staged,
    };
    let (report, pb) = review(&ws, &req, ctx.today)?;
    let out = match args.format {
        DiffFormat::Text => {
            crate::render::columns::hang(&render::text(&pb, &report, ctx.color), crate::output::table_width())
        }
        DiffFormat::Md => render::markdown(&pb, &report),
        DiffFormat::Json => render::json(&report),
    };
    print(&out)?;
    Ok(if args.check && report.fails() { FINDINGS } else { OK })
}
