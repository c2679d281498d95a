//! `kam report receivables`: the aging report over every account. Each file is read once, in
//! parallel; a file that cannot be read is named in the report (which may then be incomplete)
//! and makes the exit code 1.

use std::path::Path;

use crate::Context;
use crate::cli::{ReceivablesArgs, ReceivablesFormat};
use crate::command::writing::refused;
use crate::domain::account::Account;
use crate::domain::edit::people::OwnerFilter;
use crate::domain::report::receivables::{ClientLines, aging, client_lines};
use crate::error::{FINDINGS, OK, Result};
use crate::io::account_file;
use crate::output::{table_width, write_output};
use crate::render::csv::Cells;
use crate::render::report::receivables as render;
use crate::workspace::Workspace;

pub fn run(args: &ReceivablesArgs, ctx: &Context) -> Result<i32> {
    let ws = Workspace::open(&ctx.start)?;
    let pb = &ws.playbook;
    let files = ws.account_files()?;
    let read: Vec<std::result::Result<ClientLines, String>> = ws.map_files(&files, |loaded| {
        let src = loaded.map_err(|(name, _)| name)?;
        let root = account_file::parse(&src.text).map_err(|_| src.name.clone())?;
        let stem = Path::new(&src.name)
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        Ok(client_lines(pb, &Account::new(&root), &stem, ctx.today))
    });
    let owners: Vec<&str> = read
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|c| c.owner.as_str())
        .collect();
    let filter = OwnerFilter::checked(owners, &args.owner).map_err(refused)?;
    let mut clients = Vec::new();
    let mut unreadable = Vec::new();
    for r in read {
        match r {
            Ok(c) if filter.admits(&c.owner) => clients.push(c.shown(pb)),
            Ok(_) => {}
            Err(file) => unreadable.push(file),
        }
    }
    let report = aging(pb, &clients, unreadable, ctx.today);
    let text = match args.format {
        ReceivablesFormat::Text => render::text(pb, &report, table_width(), ctx.color && args.output.is_none()),
        ReceivablesFormat::Md => render::markdown(pb, &report),
        ReceivablesFormat::Json => render::json(&report),
        ReceivablesFormat::Csv => render::csv(&report, Cells::of(&args.csv)),
    };
    let written = if args.format == ReceivablesFormat::Csv {
        crate::output::write_csv(pb, &text, Cells::of(&args.csv), args.output.as_deref(), &ctx.start)?
    } else {
        write_output(&text, args.output.as_deref(), &ctx.start)?
    };
    if written && let Some(file) = &args.output {
        crate::output::wrote(pb.words(), file)?;
    }
    Ok(if report.unreadable.is_empty() { OK } else { FINDINGS })
}
