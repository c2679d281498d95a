//! The visit plan's look back: the recent visits and receptions with what came of them, and what
//! is still open from earlier work (plan tasks, visits without a report or a follow-up).

use chrono::{Days, NaiveDate};

use crate::domain::account::Account;
use crate::domain::account::value::Record;
use crate::domain::playbook::Playbook;
use crate::domain::privacy::Scope;
use crate::domain::report::visit::{RECENT_VISITS, RECEPTIONS, VISITS, form};
use crate::domain::report::{Omitted, contact_name};

/// A visit before this one, with what came of it.
#[derive(Debug, Clone, PartialEq)]
pub struct PastVisit {
    pub date: NaiveDate,
    pub form: Option<String>,
    pub attendees: Vec<String>,
    /// The client's view, or else the key points said.
    pub outcome: Option<String>,
    pub next_step: Option<String>,
}

/// Something still open from earlier work.
#[derive(Debug, Clone, PartialEq)]
pub enum FollowUp {
    /// A task of the development plan that is not done.
    Task {
        task: String,
        owner: Option<String>,
        due: Option<NaiveDate>,
        overdue: bool,
    },
    /// A past visit without a visit report.
    NoReport { date: NaiveDate },
    /// A past visit not followed up yet; due by `due`.
    NotFollowedUp {
        date: NaiveDate,
        due: NaiveDate,
        overdue: bool,
    },
}

/// The visits dated before `before`, oldest first.
fn visits_before<'a, 't>(account: &'a Account<'t>, before: NaiveDate) -> Vec<&'a Record<'t, 't>> {
    let mut past: Vec<&Record<'t, 't>> = account
        .visits
        .iter()
        .filter(|v| v.date("date").is_some_and(|d| d < before))
        .collect();
    past.sort_by_key(|v| v.date("date"));
    past
}

/// The most recent visits before `before`, oldest first.
pub(super) fn history_window<'a, 't>(account: &'a Account<'t>, before: NaiveDate) -> Vec<&'a Record<'t, 't>> {
    let past = visits_before(account, before);
    let skip = past.len().saturating_sub(RECENT_VISITS);
    past.into_iter().skip(skip).collect()
}

/// The most recent visits and receptions before `before`, oldest first, and how many earlier
/// ones are left out. A reception shows as the form `site_visit` with its summary.
pub(super) fn history(
    pb: &Playbook,
    account: &Account<'_>,
    before: NaiveDate,
    o: &mut Omitted,
) -> (Vec<PastVisit>, usize) {
    let names = |r: &Record<'_, '_>, scope: Scope<'_>, key: &str, o: &mut Omitted| -> Vec<String> {
        if r.list(key).is_empty() || !o.allows(pb, scope, key) {
            return Vec::new();
        }
        r.list(key)
            .into_iter()
            .map(|id| contact_name(pb, account, id, o.include))
            .collect()
    };
    let mut all: Vec<PastVisit> = visits_before(account, before)
        .into_iter()
        .filter_map(|v| {
            let date = v.date("date")?;
            Some(PastVisit {
                date,
                form: form(pb, v, o),
                attendees: names(v, VISITS, "attendees", o),
                outcome: o
                    .text(pb, VISITS, Some(v), "client_view")
                    .or_else(|| o.text(pb, VISITS, Some(v), "points")),
                next_step: o.text(pb, VISITS, Some(v), "next_step"),
            })
        })
        .collect();
    let reception_form = pb.enum_value("visit_form", "site_visit").map(|v| v.label.clone());
    all.extend(account.receptions.iter().filter_map(|r| {
        let date = r.date("date").filter(|d| *d < before)?;
        Some(PastVisit {
            date,
            form: reception_form
                .clone()
                .or_else(|| pb.record_type("receptions").map(|t| t.label.clone())),
            attendees: names(r, RECEPTIONS, "delegation", o),
            outcome: o
                .text(pb, RECEPTIONS, Some(r), "summary")
                .or_else(|| o.text(pb, RECEPTIONS, Some(r), "purpose")),
            next_step: None,
        })
    }));
    all.sort_by_key(|v| v.date);
    let earlier = all.len().saturating_sub(RECENT_VISITS);
    (all.split_off(earlier), earlier)
}

/// Open tasks of the plan, and recent visits still lacking their report or follow-up.
pub(super) fn followups(
    pb: &Playbook,
    account: &Account<'_>,
    recent: &[&Record<'_, '_>],
    today: NaiveDate,
    o: &mut Omitted,
) -> Vec<FollowUp> {
    let days = pb.doc.cadence.followup_days;
    let plan = Scope::Record("plan");
    let mut out = Vec::new();
    for v in recent {
        let Some(date) = v.date("date").filter(|d| *d < today) else {
            continue;
        };
        if !v.is_filled("report") {
            out.push(FollowUp::NoReport { date });
        }
        if v.date("followed_up").is_none() {
            let due = date.checked_add_days(Days::new(u64::from(days))).unwrap_or(date);
            out.push(FollowUp::NotFollowedUp {
                date,
                due,
                overdue: due < today,
            });
        }
    }
    // `done` and `dropped` are the closed values of the default `task_status` enumeration.
    for task in &account.plan {
        if matches!(task.str("status"), Some("done" | "dropped")) {
            continue;
        }
        let Some(written) = task.str("task").map(str::trim).filter(|t| !t.is_empty()) else {
            continue;
        };
        // A task the plan may not show is still a task: it is counted, and named as hidden.
        let name = o
            .text(pb, plan, Some(task), "task")
            .unwrap_or_else(|| o.name(pb, plan, "task", written));
        let due = task.date("due");
        out.push(FollowUp::Task {
            task: name,
            owner: o.text(pb, plan, Some(task), "owner"),
            due: o.date(pb, plan, Some(task), "due"),
            overdue: due.is_some_and(|d| d < today),
        });
    }
    out
}
