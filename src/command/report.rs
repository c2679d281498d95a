//! `kam report visit|negotiation|retro|after-deal ID`: reads the one account file (no other
//! account is parsed), builds the report's data, lays it out in the playbook's words and prints
//! or writes it. `kam report receivables` reads every account (see `receivables`).

use crate::Context;
use crate::cli::{ReportCommand, ReportFormat, ReportOptions};
use crate::domain::account::Account;
use crate::domain::privacy::mask::mask;
use crate::domain::report::after_deal::after_deal_report;
use crate::domain::report::negotiation::negotiation_report;
use crate::domain::report::retro::retro_report;
use crate::domain::report::visit::visit_report;
use crate::error::{Error, OK, Result};
use crate::io::account_file;
use crate::output::{eprint, print, write_output};
use crate::render::diagnostics::{Form, file_report};
use crate::render::report::after_deal::after_deal_doc;
use crate::render::report::negotiation::negotiation_doc;
use crate::render::report::retro::retro_doc;
use crate::render::report::visit::visit_doc;
use crate::render::report::{Format, render};
use crate::workspace::Workspace;

pub fn run(cmd: &ReportCommand, ctx: &Context) -> Result<i32> {
    let (id, options) = match cmd {
        ReportCommand::Visit(a) => (&a.id, &a.options),
        ReportCommand::Negotiation(a) => (&a.id, &a.options),
        ReportCommand::Retro(a) | ReportCommand::AfterDeal(a) => (&a.id, &a.options),
        ReportCommand::Receivables(a) => return super::receivables::run(a, ctx),
    };
    let ws = Workspace::open(&ctx.start)?;
    let path = ws.account_path(id)?;
    let src = ws.load_one(&path)?;
    let root = match account_file::parse(&src.text) {
        Ok(root) => root,
        Err(mut diags) => {
            let shown = mask(&ws.playbook, &src.text, None, &mut diags);
            for d in file_report(&src.name, &shown, &mut diags, Form::Text(ctx.color)) {
                eprint(&d);
            }
            return Err(Error::usage_with_help(
                format!("{} is not valid TOML; kam cannot make a report from it", src.name),
                "fix the errors above; `kam check` lists every problem",
            ));
        }
    };
    let account = Account::new(&root);
    let pb = &ws.playbook;
    let include = options.include_sensitive;
    let doc = match cmd {
        ReportCommand::Visit(a) => visit_doc(pb, &visit_report(pb, &account, a.date, ctx.today, include)),
        ReportCommand::Negotiation(_) => negotiation_doc(pb, &negotiation_report(pb, &account, ctx.today, include)),
        ReportCommand::Retro(_) => retro_doc(pb, &retro_report(pb, &account, ctx.today, include)),
        ReportCommand::AfterDeal(_) => after_deal_doc(pb, &after_deal_report(pb, &account, ctx.today, include)),
        ReportCommand::Receivables(_) => unreachable!("handled above"),
    };
    let text = render(&doc, format(options));
    if write_output(&text, options.output.as_deref(), &ctx.start)?
        && let Some(file) = &options.output
    {
        print(&format!("wrote {}\n", file.display()))?;
    }
    Ok(OK)
}

fn format(options: &ReportOptions) -> Format {
    match options.format {
        ReportFormat::Md => Format::Markdown,
        ReportFormat::Text => Format::Text,
    }
}
