//! `kam export --format csv|json [-o FILE] [--include-sensitive]`: every account's archive,
//! stage, days in stage, score and tier. Files are read and parsed in parallel; a file that
//! cannot be parsed stops the export (exit 2), since a silently shorter export would mislead.

use serde_json::Value as Json;

use crate::Context;
use crate::cli_review::{ExportArgs, ExportFormat};
use crate::domain::account::Account;
use crate::domain::export::{Options, account_json, csv_columns, csv_row};
use crate::error::{Error, OK, Result};
use crate::io::account_file;
use crate::output::write_output;
use crate::render::csv::{Cells, line};
use crate::workspace::Workspace;

pub fn run(args: &ExportArgs, ctx: &Context) -> Result<i32> {
    let ws = Workspace::open(&ctx.start)?;
    let pb = &ws.playbook;
    let opts = Options {
        include_sensitive: args.include_sensitive,
        today: ctx.today,
    };
    let files = ws.account_files()?;
    let exported: Vec<Result<Json, String>> = ws.map_files(&files, |loaded| {
        let src = loaded.map_err(|(name, d)| format!("{name}: {}", d.message))?;
        let root = account_file::parse(&src.text).map_err(|_| {
            pb.fill(
                "usage.file_invalid_toml",
                "{file}: not valid TOML",
                &[("file", &src.name)],
            )
        })?;
        Ok(account_json(pb, &Account::new(&root), opts))
    });
    let mut accounts = Vec::with_capacity(exported.len());
    let mut broken = Vec::new();
    for e in exported {
        match e {
            Ok(j) => accounts.push(j),
            Err(why) => broken.push(why),
        }
    }
    if !broken.is_empty() {
        return Err(Error::usage_with_help(
            pb.fill(
                "usage.cannot_export",
                "cannot export: {why}",
                &[("why", &broken.join(pb.text("report.item_separator", "; ")))],
            ),
            pb.text(
                "usage.cannot_export_help",
                "`kam check` shows every problem; fix the files and export again",
            ),
        ));
    }
    let text = match args.format {
        ExportFormat::Json => crate::render::visible::json_pretty(&accounts, "[]"),
        ExportFormat::Csv => {
            // The header comes from the playbook, so the table's static keys do not fit; the
            // cells are written the one CSV way.
            let cells = Cells::of(&args.csv);
            let columns = csv_columns(pb, args.include_sensitive);
            let mut t = crate::render::csv::header(columns.iter().map(Some), cells);
            for a in &accounts {
                t.push_str(&line(csv_row(a, &columns), cells));
            }
            t
        }
    };
    match args.format {
        ExportFormat::Csv => {
            crate::output::write_csv(pb, &text, Cells::of(&args.csv), args.output.as_deref(), &ctx.start)?
        }
        ExportFormat::Json => write_output(&text, args.output.as_deref(), &ctx.start)?,
    };
    Ok(OK)
}
