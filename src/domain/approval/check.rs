//! What `kam check` says about applications:
//!
//! - **KAM029**: a visit or reception held (dated today or earlier) without every step its level
//!   needs — missing, refused, or dated after the event — or with its steps out of order;
//! - **KAM030**: no report, no reimbursement — expenses reimbursed without a report (an error),
//!   reimbursed before the report was checked, or expenses waiting without a report longer than
//!   the follow-up days (warnings).

use chrono::{Days, NaiveDate};

use crate::domain::account::Account;
use crate::domain::approval::{Application, REIMBURSEMENT, REPORT_CHECK, applications};
use crate::domain::diagnostic::{Code, Diagnostic};
use crate::domain::playbook::Playbook;

fn span(a: &Application<'_, '_>, key: &str) -> std::ops::Range<usize> {
    a.record.span_of(key)
}

fn labels(pb: &Playbook, ids: &[&str]) -> String {
    ids.iter()
        .map(|s| pb.enum_label("approval_step", s))
        .collect::<Vec<_>>()
        .join(", ")
}

fn held_without_approval(pb: &Playbook, a: &Application<'_, '_>, today: NaiveDate) -> Option<Diagnostic> {
    let level = a.level?;
    if a.date > today {
        return None;
    }
    let unmet = a.unmet();
    if unmet.is_empty() {
        return None;
    }
    let refused: Vec<&str> = unmet
        .iter()
        .copied()
        .filter(|s| a.step(s).is_some_and(|x| x.refused))
        .collect();
    let late: Vec<&str> = unmet
        .iter()
        .copied()
        .filter(|s| {
            a.step(s)
                .is_some_and(|x| x.granted() && x.date.is_some_and(|d| d > a.date))
        })
        .collect();
    let missing: Vec<&str> = unmet
        .iter()
        .copied()
        .filter(|s| !refused.contains(s) && !late.contains(s))
        .collect();
    let mut parts = Vec::new();
    for (id, en, ids) in [
        ("check.approval_missing_steps", "missing: {steps}", &missing),
        ("check.approval_refused_steps", "refused: {steps}", &refused),
        ("check.approval_late_steps", "dated after it: {steps}", &late),
    ] {
        if !ids.is_empty() {
            parts.push(pb.fill(id, en, &[("steps", &labels(pb, ids))]));
        }
    }
    let message = pb.fill(
        "check.approval_missing",
        "{event} was held without the sign-off its level needs ({level}) — {parts}",
        &[
            ("event", &a.label(pb)),
            ("level", &level.label),
            ("parts", &parts.join(pb.text("report.item_separator", "; "))),
        ],
    );
    let first = unmet[0];
    Some(
        Diagnostic::warning(Code::ApprovalMissing, span(a, "date"), message).with_help(pb.fill(
            "check.approval_missing_help",
            "record each step under `approvals` with who and when, e.g. `{step} = { by = \"…\", date = … }` dated on or before the event (kam guide approvals)",
            &[("step", &first)],
        )),
    )
}

fn out_of_order(pb: &Playbook, a: &Application<'_, '_>) -> Option<Diagnostic> {
    let level = a.level?;
    let dated: Vec<(&str, NaiveDate)> = level
        .needs
        .iter()
        .filter_map(|id| Some((id.as_str(), a.step(id)?.date?)))
        .collect();
    let pair = dated.windows(2).find(|w| w[1].1 < w[0].1)?;
    let (before, after) = (pair[0], pair[1]);
    let step = a.step(after.0)?;
    Some(
        Diagnostic::warning(
            Code::ApprovalMissing,
            step.span.0..step.span.1,
            pb.fill(
                "check.approval_order",
                "{event}: {step} ({date}) is dated before {earlier} ({earlier_date})",
                &[
                    ("event", &a.label(pb)),
                    ("step", &pb.enum_label("approval_step", after.0)),
                    ("date", &after.1),
                    ("earlier", &pb.enum_label("approval_step", before.0)),
                    ("earlier_date", &before.1),
                ],
            ),
        )
        .with_help(pb.fill(
            "check.approval_order_help",
            "the steps go in the order {steps}",
            &[(
                "steps",
                &labels(pb, &level.needs.iter().map(String::as_str).collect::<Vec<_>>()),
            )],
        )),
    )
}

fn no_report_no_reimbursement(pb: &Playbook, a: &Application<'_, '_>, today: NaiveDate) -> Option<Diagnostic> {
    // A reception has its own rule: no reception report, no reimbursement.
    let rule = if a.of == "receptions" {
        pb.text(
            "reception.no_report_rule",
            "No reception report, no expense reimbursement.",
        )
        .trim()
    } else {
        pb.doc.policy.reimbursement.trim()
    };
    let rule = if rule.is_empty() {
        pb.text("check.no_report_rule", "no report, no reimbursement")
    } else {
        rule
    };
    if a.reimbursed() && !a.reported {
        let step = a.step(REIMBURSEMENT)?;
        return Some(
            Diagnostic::error(
                Code::ExpensesWithoutReport,
                step.span.0..step.span.1,
                pb.fill(
                    "check.reimbursed_without_report",
                    "{event}: the expenses were reimbursed without a report",
                    &[("event", &a.label(pb))],
                ),
            )
            .with_help(pb.fill(
                "check.reimbursed_without_report_help",
                "{rule} Write the `report` first.",
                &[("rule", &rule)],
            )),
        );
    }
    if a.reimbursed() && !a.report_checked(pb) {
        let step = a.step(REIMBURSEMENT)?;
        return Some(
            Diagnostic::warning(
                Code::ExpensesWithoutReport,
                step.span.0..step.span.1,
                pb.fill(
                    "check.reimbursed_unchecked",
                    "{event}: the expenses were reimbursed before the report was checked",
                    &[("event", &a.label(pb))],
                ),
            )
            .with_help(pb.fill(
                "check.reimbursed_unchecked_help",
                "record `{step} = { by = \"…\", date = … }` under `approvals`",
                &[("step", &REPORT_CHECK)],
            )),
        );
    }
    let due = a
        .date
        .checked_add_days(Days::new(u64::from(pb.doc.cadence.followup_days)))?;
    (a.expenses.is_some() && !a.reported && due < today).then(|| {
        Diagnostic::warning(
            Code::ExpensesWithoutReport,
            span(a, "expenses"),
            pb.fill(
                "check.expenses_without_report",
                "{event}: expenses without a report ({days} days after it; the report was due {due})",
                &[
                    ("event", &a.label(pb)),
                    ("days", &(today - a.date).num_days()),
                    ("due", &due),
                ],
            ),
        )
        .with_help(pb.fill(
            "check.expenses_without_report_help",
            "{rule} Write the `report`.",
            &[("rule", &rule)],
        ))
    })
}

/// Every diagnostic about the account's applications as of `today`.
pub fn check(pb: &Playbook, account: &Account<'_>, tier: Option<&str>, today: NaiveDate) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for a in applications(pb, account, tier) {
        out.extend(held_without_approval(pb, &a, today));
        out.extend(out_of_order(pb, &a));
        out.extend(no_report_no_reimbursement(pb, &a, today));
    }
    out
}
