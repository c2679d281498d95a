//! `kam evidence ID ITEM TEXT` and `kam contact ID add NAME`: checklist evidence and new contacts.

use crate::Context;
use crate::cli_daily::{ContactAction, ContactArgs, EvidenceArgs};
use crate::command::writing::{NoPlan, Options, run};
use crate::domain::edit::contact::{NewContact, plan_add};
use crate::domain::edit::evidence::plan_evidence;
use crate::error::Result;

pub fn evidence(args: &EvidenceArgs, ctx: &Context) -> Result<i32> {
    let mut opts = Options::default();
    let date = opts
        .date("--date", args.date.as_deref(), ctx.today)
        .unwrap_or(ctx.today);
    run(ctx, &args.id, args.write.dry_run, |input| {
        opts.checked(&input.ws.playbook, ctx.today)?;
        plan_evidence(
            &input.ws.playbook,
            input.root,
            input.account.stage_id(),
            &args.item,
            &args.text,
            date,
            args.link.as_deref(),
        )
        .map_err(NoPlan::Refused)
    })
}

pub fn contact(args: &ContactArgs, ctx: &Context) -> Result<i32> {
    let ContactAction::Add {
        name,
        role,
        title,
        department,
        stance,
        closeness,
        contact_id,
        write,
    } = &args.action;
    let c = NewContact {
        name: name.clone(),
        id: contact_id.clone(),
        title: title.clone(),
        department: department.clone(),
        roles: role.clone(),
        stance: stance.clone(),
        closeness: *closeness,
    };
    run(ctx, &args.id, write.dry_run, |input| {
        plan_add(&input.ws.playbook, input.root, &c).map_err(NoPlan::Refused)
    })
}
