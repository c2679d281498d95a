//! `kam show ID`: one account on one screen.

use crate::Context;
use crate::cli_daily::{ShowArgs, ShowFormat};
use crate::domain::account::Account;
use crate::domain::report::overview::overview;
use crate::error::{OK, Result};
use crate::io::account_edit::session::Session;
use crate::output::{print, table_width};
use crate::render::show;
use crate::workspace::Workspace;

pub fn run(args: &ShowArgs, ctx: &Context) -> Result<i32> {
    let ws = Workspace::open(&ctx.start)?;
    let session = Session::open(&ws, &args.id, true)?;
    let pb = &ws.playbook;
    let root = session.parse_readable(pb)?;
    let account = Account::new(&root);
    let o = overview(
        &ws.playbook,
        &root,
        &account,
        &session.id,
        ctx.today,
        args.include_sensitive,
    );
    let out = match args.format {
        ShowFormat::Text => show::text(&ws.playbook, &o, args.all, table_width(), ctx.color),
        ShowFormat::Md => show::markdown(&ws.playbook, &o, args.all),
        ShowFormat::Json => show::json(&o),
    };
    print(&out)?;
    Ok(OK)
}
