//! `kam log ID`: a visit logged (or planned, for a later date), or a logged visit completed with
//! `--visit DATE` (report, client's view, next step) or `--followed-up DATE`. On a terminal, the
//! values a new visit needs and the command line left out are asked for one by one.

use chrono::NaiveDate;

use crate::Context;
use crate::cli_daily::LogArgs;
use crate::command::writing::{NoPlan, Options, run};
use crate::domain::account::value::{Spanned, Table, as_str};
use crate::domain::edit::coerce::{How, coerce, unknown_enum};
use crate::domain::edit::visit::{VisitInput, awaiting_followup, plan_complete, plan_new};
use crate::domain::edit::{Refused, entries};
use crate::domain::playbook::Playbook;
use crate::error::{Error, Result};
use crate::io::prompt::{Choice, Prompter, terminal};

fn input(args: &LogArgs, today: NaiveDate, opts: &mut Options) -> VisitInput {
    VisitInput {
        date: opts.date("--date", args.date.as_deref(), today),
        form: args.form.clone(),
        with: args.with.clone(),
        place: args.place.clone(),
        team: args.team.clone(),
        goals: args.goal.clone(),
        points: args.points.clone(),
        client_view: args.client_view.clone(),
        next_step: args.next_step.clone(),
        next_date: opts.date("--next-date", args.next_date.as_deref(), today),
        gift: args.gift.clone(),
        gift_value: args.gift_value.clone(),
        report: args.report.clone(),
        followed_up: opts.date("--followed-up", args.followed_up.as_deref(), today),
    }
}

/// The form and the gift's value as the playbook reads them: a form that names no value and an
/// amount that is not one are findings on the command line.
fn check_values(pb: &Playbook, root: &Spanned<Table<'_>>, v: &VisitInput, today: NaiveDate, opts: &mut Options) {
    if let Some(form) = &v.form
        && let Some(d) = unknown_enum(pb, pb.enum_values("visit_form").unwrap_or_default(), form, "--form")
    {
        opts.refuse("--form", form, d);
    }
    if let (Some(raw), Some(field)) = (
        &v.gift_value,
        pb.record_type("visits").and_then(|rt| rt.field("gift_value")),
    ) && let Ok(Err(d)) = coerce(pb, field, "--gift-value", root, raw, How::Assign, None, today)
    {
        opts.refuse("--gift-value", raw, d);
    }
}

/// Whether anything besides the follow-up was given for a new visit.
fn describes_a_visit(v: &VisitInput) -> bool {
    v.date.is_some()
        || v.form.is_some()
        || !v.with.is_empty()
        || v.place.is_some()
        || v.points.is_some()
        || v.client_view.is_some()
        || v.next_step.is_some()
        || v.next_date.is_some()
        || v.report.is_some()
        || v.gift.is_some()
}

fn io_err(e: std::io::Error) -> NoPlan {
    NoPlan::Error(Error::io(
        "<terminal>",
        "io.read_answer",
        "cannot read an answer from {path}: {error}",
        e,
    ))
}

/// Asks for what a new visit lacks: the form (required), then the rest, each skippable.
fn ask<R: std::io::BufRead, W: std::io::Write>(
    p: &mut Prompter<R, W>,
    pb: &Playbook,
    root: &Spanned<Table<'_>>,
    v: &mut VisitInput,
    today: NaiveDate,
) -> std::result::Result<(), NoPlan> {
    let field = |id: &str| {
        pb.record_type("visits")
            .and_then(|rt| rt.field(id))
            .map_or(id.to_string(), |f| f.label.clone())
    };
    let date = v.date.unwrap_or(today);
    if v.form.is_none() {
        let forms: Vec<Choice> = pb
            .enum_values("visit_form")
            .unwrap_or_default()
            .iter()
            .map(|f| Choice {
                id: f.id.clone(),
                label: f.label.clone(),
            })
            .collect();
        v.form = p
            .choose(&field("form"), &forms, false, true)
            .map_err(io_err)?
            .into_iter()
            .next();
    }
    if v.with.is_empty() {
        let people: Vec<Choice> = entries(root, "contacts")
            .iter()
            .filter_map(|(_, t)| {
                let id = t.get("id").and_then(|n| as_str(n.get_ref()))?;
                let name = t.get("name").and_then(|n| as_str(n.get_ref())).unwrap_or(id);
                Some(Choice {
                    id: id.to_string(),
                    label: name.to_string(),
                })
            })
            .collect();
        if !people.is_empty() {
            v.with = p.choose(&field("attendees"), &people, true, false).map_err(io_err)?;
        }
    }
    let mut text = |label: String, slot: &mut Option<String>| -> std::result::Result<(), NoPlan> {
        if slot.is_none() {
            *slot = p.ask(&label, false).map_err(io_err)?;
        }
        Ok(())
    };
    text(field("place"), &mut v.place)?;
    if date <= today {
        text(field("points"), &mut v.points)?;
        text(field("client_view"), &mut v.client_view)?;
    }
    text(field("next_step"), &mut v.next_step)?;
    if v.next_step.is_some() && v.next_date.is_none() {
        let mut raw = None;
        text(field("next_date"), &mut raw)?;
        if let Some(raw) = raw {
            v.next_date = Some(crate::domain::edit::coerce::date(&raw, today).ok_or_else(|| {
                NoPlan::Refused(
                    Refused::new(pb.fill("edit.not_a_date", "`{raw}` is not a date", &[("raw", &raw)]))
                        .help(pb.text("edit.not_a_date_help", "write YYYY-MM-DD")),
                )
            })?);
        }
    }
    if date <= today {
        text(field("report"), &mut v.report)?;
    }
    Ok(())
}

pub fn run_log(args: &LogArgs, ctx: &Context) -> Result<i32> {
    let mut opts = Options::default();
    let mut v = input(args, ctx.today, &mut opts);
    run(ctx, &args.id, args.write.dry_run, |inp| {
        let pb = &inp.ws.playbook;
        check_values(pb, inp.root, &v, ctx.today, &mut opts);
        opts.checked(pb, ctx.today)?;
        if let Some(which) = &args.visit {
            return Ok(plan_complete(pb, inp.root, which, &v, ctx.today)?);
        }
        if v.followed_up.is_some() && !describes_a_visit(&v) {
            let pending = awaiting_followup(inp.root, ctx.today);
            let Some(latest) = pending.first() else {
                return Err(NoPlan::Refused(
                    Refused::new(pb.text("edit.no_followup_pending", "no visit is waiting for a follow-up")).help(
                        pb.text(
                            "edit.no_followup_pending_help",
                            "`kam log ID --visit DATE --followed-up DATE`",
                        ),
                    ),
                ));
            };
            return Ok(plan_complete(pb, inp.root, &latest.to_string(), &v, ctx.today)?);
        }
        if v.form.is_none()
            && let Some(mut p) = terminal(pb.words())
        {
            ask(&mut p, pb, inp.root, &mut v, ctx.today)?;
        }
        Ok(plan_new(pb, inp.root, &v, ctx.today)?)
    })
}
