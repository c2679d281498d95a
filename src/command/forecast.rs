//! `kam forecast`: the expected deals of the open pipeline, by month and owner, per currency.
//! Every account file is read and parsed once, in parallel, into its facts.

use crate::Context;
use crate::cli_director::{ForecastArgs, StatsFormat};
use crate::command::accounts;
use crate::command::stats::read_all;
use crate::domain::stats::forecast::forecast;
use crate::error::{OK, Result};
use crate::output::{eprint, print, table_width};
use crate::render::director::forecast as render;

pub fn run(args: &ForecastArgs, ctx: &Context) -> Result<i32> {
    let opened = accounts::open(ctx, args.as_of)?;
    let note = opened.note();
    let today = opened.today;
    let (ws, all) = read_all(opened);
    let pb = &ws.playbook;
    let f = forecast(pb, &all, today);
    let out = match args.format {
        StatsFormat::Text => render::text(pb, &f, note.as_deref(), table_width(), ctx.color),
        StatsFormat::Md => render::markdown(pb, &f, note.as_deref()),
        StatsFormat::Json | StatsFormat::Csv => {
            if let Some(note) = &note {
                eprint(&format!("note: {note}\n"));
            }
            if args.format == StatsFormat::Json {
                render::json(&f)
            } else {
                render::csv(&f, crate::render::csv::Cells::of(&args.csv))
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
