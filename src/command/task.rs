//! `kam task ID add|done|list`: the development plan's tasks.

use std::fmt::Write;

use crate::Context;
use crate::cli_daily::{ListFormat, TaskAction, TaskArgs};
use crate::command::writing::{NoPlan, Options, people, run};
use crate::domain::edit::task::{NewTask, plan_add, plan_done, tasks};
use crate::error::{OK, Result};
use crate::io::account_edit::session::Session;
use crate::output::print;
use crate::workspace::Workspace;

pub fn run_task(args: &TaskArgs, ctx: &Context) -> Result<i32> {
    match &args.action {
        TaskAction::Add {
            text,
            owner,
            due,
            support,
            step,
            new_person,
            write,
        } => {
            let mut opts = Options::default();
            let due = opts.date("--due", due.as_deref(), ctx.today);
            run(ctx, &args.id, write.dry_run, |input| {
                opts.checked(&input.ws.playbook, ctx.today)?;
                let known = people(input.ws)?.everyone();
                let t = NewTask {
                    task: text.clone(),
                    owner: owner.clone(),
                    due,
                    support: support.clone(),
                    step: step.clone(),
                    new_person: *new_person,
                };
                Ok(plan_add(&input.ws.playbook, &t, input.account.owner(), &known)?)
            })
        }
        TaskAction::Done { n, date, write } => {
            let mut opts = Options::default();
            let date = opts.date("--date", date.as_deref(), ctx.today).unwrap_or(ctx.today);
            run(ctx, &args.id, write.dry_run, |input| {
                opts.checked(&input.ws.playbook, ctx.today)?;
                plan_done(&input.ws.playbook, input.root, *n, date).map_err(NoPlan::Refused)
            })
        }
        TaskAction::List { format } => {
            let ws = Workspace::open(&ctx.start)?;
            let session = Session::open(&ws, &args.id, true)?;
            let pb = &ws.playbook;
            let root = session.parse_readable(pb)?;
            let rows: Vec<_> = tasks(&root, ctx.today)
                .into_iter()
                .map(|t| t.shown(&ws.playbook, false))
                .collect();
            let out = match format {
                ListFormat::Json => crate::render::visible::json_pretty(&rows, "[]"),
                ListFormat::Text => {
                    let mut out = String::new();
                    if rows.is_empty() {
                        let _ = writeln!(
                            out,
                            "{}",
                            pb.fill(
                                "edit.no_tasks",
                                "{id}: no tasks; add one with `kam task {id} add …`",
                                &[("id", &session.id)],
                            )
                        );
                    }
                    for r in &rows {
                        let due = r.due.map_or_else(|| "-".repeat(10), |d| d.to_string());
                        // Overdue in the tone it has in every table and the agenda.
                        let mark = if r.overdue {
                            format!(
                                " {}",
                                crate::render::style::paint(
                                    pb.text("report.overdue", "overdue"),
                                    crate::render::style::Tone::Bad,
                                    ctx.color
                                )
                            )
                        } else {
                            String::new()
                        };
                        let _ = writeln!(
                            out,
                            "{:>3}. [{}] {due}{mark}  {}{}",
                            r.n,
                            crate::domain::edit::task::status_label(pb, &r.status),
                            r.task,
                            r.owner.as_ref().map(|o| format!(" — {o}")).unwrap_or_default()
                        );
                    }
                    out
                }
            };
            print(&out)?;
            Ok(OK)
        }
    }
}
