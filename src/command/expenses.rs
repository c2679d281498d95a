//! `kam report expenses [--month YYYY-MM] [--owner O]`: every account file is read once, in
//! parallel; the expenses of each account's visits and receptions are summed per owner against
//! their budgets. Files that cannot be read are named on stderr for `kam check`.

use crate::Context;
use crate::cli_method::{ExpensesArgs, ExpensesFormat};
use crate::command::accounts;
use crate::command::report::write_or_print;
use crate::command::writing::refused;
use crate::domain::account::Account;
use crate::domain::approval::expenses::{Month, account_expenses, report};
use crate::domain::edit::people::OwnerFilter;
use crate::error::{Error, OK, Result};
use crate::io::account_file;
use crate::output::table_width;
use crate::render::expenses as render;
use crate::workspace::Workspace;

pub fn run(args: &ExpensesArgs, ctx: &Context) -> Result<i32> {
    let ws = Workspace::open(&ctx.start)?;
    let pb = &ws.playbook;
    let month = match &args.month {
        None => None,
        Some(text) => Some(Month::parse(text).ok_or_else(|| {
            Error::usage_with_help(
                pb.fill(
                    "usage.not_a_month",
                    "--month `{text}` is not a month",
                    &[("text", text)],
                ),
                pb.text("usage.not_a_month_help", "write it YYYY-MM, e.g. 2026-11"),
            )
        })?),
    };
    let files = ws.account_files()?;
    let found: Vec<std::result::Result<_, String>> = ws.map_files(&files, |loaded| {
        let src = loaded.map_err(|(name, _)| name)?;
        let root = account_file::parse(&src.text).map_err(|_| src.name.clone())?;
        let stem = std::path::Path::new(&src.name)
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let account = Account::new(&root);
        // The owner filter sees the owner even where the output hides it.
        let owner = account.owner().trim().to_string();
        Ok((owner, account_expenses(pb, &account, &stem, month, ctx.today)))
    });
    let owners: Vec<&str> = found
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|(o, _)| o.as_str())
        .collect();
    let filter = OwnerFilter::checked(owners, &args.owner).map_err(refused)?;
    let mut accounts = Vec::new();
    for result in found {
        match result {
            Ok((owner, Some(a))) if filter.admits(&owner) => accounts.push(a),
            Ok(_) => {}
            Err(file) => accounts::warn_unreadable(pb, &file),
        }
    }
    let r = report(pb, accounts, month);
    let text = match args.format {
        ExpensesFormat::Text => render::table(pb, &r, table_width(), ctx.color && args.output.is_none()),
        ExpensesFormat::Md => render::markdown(pb, &r),
        ExpensesFormat::Csv => render::csv(&r, crate::render::csv::Cells::of(&args.csv)),
        ExpensesFormat::Json => render::json(&r),
    };
    if args.format == ExpensesFormat::Csv {
        let cells = crate::render::csv::Cells::of(&args.csv);
        if crate::output::write_csv(pb, &text, cells, args.output.as_deref(), &ctx.start)?
            && let Some(file) = &args.output
        {
            crate::output::wrote(pb.words(), file)?;
        }
    } else {
        write_or_print(pb, ctx, args.output.as_deref(), &text)?;
    }
    Ok(OK)
}
