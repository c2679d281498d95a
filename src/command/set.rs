//! `kam set ID PATH=VALUE…` and `kam unset ID PATH…`: any field the playbook defines, typed by it.

use crate::Context;
use crate::cli_daily::{SetArgs, UnsetArgs};
use crate::command::writing::{NoPlan, people, run};
use crate::domain::edit::set::{SetError, SetRequest, plan_set, plan_unset};
use crate::error::Result;

pub fn set(args: &SetArgs, ctx: &Context) -> Result<i32> {
    run(ctx, &args.id, args.write.dry_run, |input| {
        let known = people(input.ws)?.everyone();
        let req = SetRequest {
            assignments: &args.assignments,
            why: args.why.as_deref(),
            today: ctx.today,
            people: &known,
        };
        plan_set(&input.ws.playbook, input.root, &req).map_err(|e| match e {
            SetError::Refused(r) => NoPlan::Refused(r),
            SetError::Invalid(diags) => NoPlan::Invalid(
                diags
                    .into_iter()
                    .map(|(i, d)| (args.assignments[i].clone(), d))
                    .collect(),
            ),
        })
    })
}

pub fn unset(args: &UnsetArgs, ctx: &Context) -> Result<i32> {
    run(ctx, &args.id, args.write.dry_run, |input| {
        plan_unset(&input.ws.playbook, input.root, &args.paths).map_err(NoPlan::Refused)
    })
}
