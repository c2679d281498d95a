//! `kam report visit|negotiation|reception|retro|after-deal ID`: reads the one account file (no
//! other account is parsed), builds the report's data, lays it out in the playbook's words and
//! prints or writes it. `kam report expenses` and `kam report receivables` read every account
//! (see `expenses`, `receivables`).

use crate::Context;
use crate::cli::{ReportCommand, ReportFormat, ReportOptions};
use crate::domain::account::Account;
use crate::domain::playbook::Playbook;
use crate::domain::privacy::mask::mask;
use crate::domain::report::after_deal::after_deal_report;
use crate::domain::report::negotiation::negotiation_report;
use crate::domain::report::reception::reception_report;
use crate::domain::report::retro::retro_report;
use crate::domain::report::visit::visit_report;
use crate::error::{Error, OK, Result};
use crate::io::account_file;
use crate::output::{eprint, write_output};
use crate::render::diagnostics::{Form, file_report};
use crate::render::report::after_deal::after_deal_doc;
use crate::render::report::negotiation::negotiation_doc;
use crate::render::report::reception::reception_doc;
use crate::render::report::retro::retro_doc;
use crate::render::report::visit::visit_doc;
use crate::render::report::{Doc, Format, render_colored};
use crate::workspace::Workspace;

pub fn run(cmd: &ReportCommand, ctx: &Context) -> Result<i32> {
    match cmd {
        ReportCommand::Visit(a) => one_account(&a.id, &a.options, ctx, |pb, account, include| {
            visit_doc(pb, &visit_report(pb, account, a.date, ctx.today, include))
        }),
        ReportCommand::Negotiation(a) => one_account(&a.id, &a.options, ctx, |pb, account, include| {
            negotiation_doc(pb, &negotiation_report(pb, account, ctx.today, include))
        }),
        ReportCommand::Reception(a) => one_account(&a.id, &a.options, ctx, |pb, account, include| {
            reception_doc(pb, &reception_report(pb, account, a.date, ctx.today, include))
        }),
        ReportCommand::Retro(a) => one_account(&a.id, &a.options, ctx, |pb, account, include| {
            retro_doc(pb, &retro_report(pb, account, ctx.today, include))
        }),
        ReportCommand::AfterDeal(a) => one_account(&a.id, &a.options, ctx, |pb, account, include| {
            after_deal_doc(pb, &after_deal_report(pb, account, ctx.today, include))
        }),
        ReportCommand::Expenses(a) => super::expenses::run(a, ctx),
        ReportCommand::Receivables(a) => super::receivables::run(a, ctx),
    }
}

/// Reads one account, makes its report and prints or writes it.
fn one_account(
    id: &str,
    options: &ReportOptions,
    ctx: &Context,
    make: impl FnOnce(&Playbook, &Account<'_>, bool) -> Doc,
) -> Result<i32> {
    let ws = Workspace::open(&ctx.start)?;
    let path = ws.account_path(id)?;
    let src = ws.load_one(&path)?;
    let root = match account_file::parse_in(&ws.playbook, &src.text) {
        Ok(root) => root,
        Err(mut diags) => {
            let pb = &ws.playbook;
            let shown = mask(pb, &src.text, None, &mut diags);
            for d in file_report(&src.name, &shown, &mut diags, pb.words(), Form::Text(ctx.color)) {
                eprint(&d);
            }
            return Err(Error::usage_with_help(
                pb.fill(
                    "report.invalid_toml",
                    "{file} is not valid TOML; kam cannot make a report from it",
                    &[("file", &src.name)],
                ),
                pb.text(
                    "report.invalid_toml_help",
                    "fix the errors above; `kam check` lists every problem",
                ),
            ));
        }
    };
    let account = Account::new(&root);
    let doc = make(&ws.playbook, &account, options.include_sensitive);
    // Colors only where they are shown: never in a file.
    let text = render_colored(&doc, format(options), ctx.color && options.output.is_none());
    write_or_print(&ws.playbook, ctx, options.output.as_deref(), &text)?;
    Ok(OK)
}

/// Prints the text, or writes it to the file (relative to where kam was started, safely).
pub fn write_or_print(pb: &Playbook, ctx: &Context, output: Option<&std::path::Path>, text: &str) -> Result<()> {
    if write_output(text, output, &ctx.start)?
        && let Some(file) = output
    {
        crate::output::wrote(pb.words(), file)?;
    }
    Ok(())
}

fn format(options: &ReportOptions) -> Format {
    match options.format {
        ReportFormat::Md => Format::Markdown,
        ReportFormat::Text => Format::Text,
    }
}
