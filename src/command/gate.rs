//! `kam gate [ID]`: every account's gate (read in parallel), or one account's exit checklist.
//! One account reads only its own file. Exit code 0, or 1 when the one account asked for is
//! blocked, so scripts can ask `kam gate acme && …`.

use std::path::Path;

use crate::Context;
use crate::cli::{GateArgs, GateFormat};
use crate::domain::account::Account;
use crate::domain::gate::report::{AccountGate, Status, account_gate};
use crate::domain::privacy::mask::mask;
use crate::error::{Error, FINDINGS, OK, Result};
use crate::io::account_file;
use crate::io::source::Source;
use crate::output::{eprint, print, table_width};
use crate::render::csv::Cells;
use crate::render::diagnostics::{Form, file_report};
use crate::render::gate::{Row, csv, detail, json_all, json_one, markdown, table};
use crate::workspace::Workspace;

/// Prints the text; CSV with the CSV options (`--excel`).
fn emit(pb: &crate::domain::playbook::Playbook, text: &str, args: &GateArgs, ctx: &Context) -> Result<()> {
    if args.format == GateFormat::Csv {
        crate::output::write_csv(pb, text, Cells::of(&args.csv), None, &ctx.start)?;
        Ok(())
    } else {
        print(text)
    }
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The gate of a file that parsed; `None` when it is not valid TOML.
fn gate_of_source(ws: &Workspace, src: &Source, ctx: &Context) -> Option<AccountGate> {
    let root = account_file::parse(&src.text).ok()?;
    let account = Account::new(&root);
    Some(account_gate(&ws.playbook, &account, &stem(&src.path), ctx.today))
}

pub fn run(args: &GateArgs, ctx: &Context) -> Result<i32> {
    let ws = Workspace::open(&ctx.start)?;
    match &args.id {
        Some(id) => one(&ws, id, args, ctx),
        None => all(&ws, args, ctx),
    }
}

/// The pipeline's order, as `kam list` shows it: stages, then outcomes, then unknown stages,
/// each by id; unreadable files last.
fn sort_by_stage(ws: &Workspace, rows: &mut [Row]) {
    let pb = &ws.playbook;
    let key = |row: &Row| match row {
        Row::Gate(g) => {
            let pos = pb
                .stage_pos(&g.stage)
                .or_else(|| {
                    pb.doc
                        .outcomes
                        .iter()
                        .position(|o| o.id == g.stage)
                        .map(|i| pb.stages().len() + i)
                })
                .unwrap_or(usize::MAX - 1);
            (pos, g.id.clone())
        }
        Row::Unreadable { file, .. } => (usize::MAX, file.clone()),
    };
    rows.sort_by_cached_key(key);
}

fn all(ws: &Workspace, args: &GateArgs, ctx: &Context) -> Result<i32> {
    let files = ws.account_files()?;
    let rows = ws.map_files(&files, |loaded| {
        let unreadable = |name: String, path: &Path| Row::Unreadable {
            id: stem(path),
            file: name,
        };
        match loaded {
            Ok(src) => match gate_of_source(ws, &src, ctx) {
                Some(g) => Row::Gate(g),
                None => unreadable(src.name, &src.path),
            },
            Err((name, _)) => {
                let path = Path::new(&name).to_path_buf();
                unreadable(name, &path)
            }
        }
    });
    let mut rows = rows;
    sort_by_stage(ws, &mut rows);
    let text = match args.format {
        GateFormat::Table => table(&ws.playbook, &rows, table_width(), ctx.color),
        GateFormat::Md => markdown(&ws.playbook, &rows),
        GateFormat::Json => json_all(&rows),
        GateFormat::Csv => csv(&ws.playbook, &rows, Cells::of(&args.csv)),
    };
    emit(&ws.playbook, &text, args, ctx)?;
    Ok(OK)
}

fn one(ws: &Workspace, id: &str, args: &GateArgs, ctx: &Context) -> Result<i32> {
    let path = ws.account_path(id)?;
    let src = ws.load_one(&path)?;
    let Some(g) = gate_of_source(ws, &src, ctx) else {
        if let Err(mut diags) = account_file::parse_in(&ws.playbook, &src.text) {
            let shown = mask(&ws.playbook, &src.text, None, &mut diags);
            for d in file_report(&src.name, &shown, &mut diags, ws.playbook.words(), Form::Text(false)) {
                eprint(&d);
                eprint("\n");
            }
        }
        let pb = &ws.playbook;
        return Err(Error::usage_with_help(
            pb.fill("usage.invalid_toml", "{file} is not valid TOML", &[("file", &src.name)]),
            pb.fill(
                "edit.fix_shown_help",
                "fix what is shown above; `kam check {file}` lists every problem",
                &[("file", &src.name)],
            ),
        ));
    };
    let blocked = matches!(g.status, Status::Blocked { .. });
    let text = match args.format {
        GateFormat::Table => detail(&ws.playbook, &g, ctx.color),
        GateFormat::Json => json_one(&g),
        // One account's row of the overview.
        GateFormat::Md => markdown(&ws.playbook, &[Row::Gate(g)]),
        GateFormat::Csv => csv(&ws.playbook, &[Row::Gate(g)], Cells::of(&args.csv)),
    };
    emit(&ws.playbook, &text, args, ctx)?;
    Ok(if blocked { FINDINGS } else { OK })
}
