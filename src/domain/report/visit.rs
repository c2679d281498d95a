//! The visit plan (seed 001 §1, seed 002): background, goals, the people we meet, our team,
//! the questions and the commitment, materials and gifts, and what is due after the visit —
//! built from the account and its planned `[[visits]]` entry. What the account does not say
//! stays empty here; the renderer turns it into a prompt to fill in.

use chrono::{Days, NaiveDate};

use crate::domain::account::Account;
use crate::domain::account::value::Record;
use crate::domain::check::{GiftValue, gift_value};
use crate::domain::gate::gate;
use crate::domain::playbook::{Field, Playbook};
use crate::domain::privacy::Scope;
use crate::domain::report::people::{Gap, Person, gaps, people};
use crate::domain::report::{Header, Item, Omitted, contact_name, field_of, header, items, text_of};

/// Where visit fields are defined.
const VISITS: Scope<'static> = Scope::Record("visits");

/// How many past visits the background shows.
pub const RECENT_VISITS: usize = 5;

/// Archive groups that are not background for a visit (the negotiation brief has its own report).
const NOT_BACKGROUND: [&str; 1] = ["negotiation"];

/// The visit plan of one account.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitReport {
    pub header: Header,
    pub today: NaiveDate,
    /// The day of the visit: the requested date or that of the planned visit.
    pub date: Option<NaiveDate>,
    /// The visit entry the plan is made from, when the account has one.
    pub visit: Option<PlannedVisit>,
    /// Archive groups with at least one value: (group label, its values).
    pub background: Vec<(String, Vec<Item>)>,
    /// The most recent visits before this one, oldest first.
    pub history: Vec<PastVisit>,
    /// Visits before those shown.
    pub earlier_visits: usize,
    pub followups: Vec<FollowUp>,
    pub goals: Vec<String>,
    pub gate: GateView,
    pub people: Vec<Person>,
    pub gaps: Vec<Gap>,
    /// Our people at the visit, in speaking order.
    pub our_team: Vec<String>,
    pub opening: Option<String>,
    pub questions: Vec<String>,
    pub commitment: Option<String>,
    /// The playbook's default checklist followed by the visit's own materials.
    pub materials: Vec<String>,
    /// The quote sent (date, summary), for the materials section.
    pub quote: Option<(Option<NaiveDate>, Option<String>)>,
    pub gifts: Option<String>,
    pub gift_value: Option<GiftValue>,
    pub gift_limit: Option<f64>,
    pub currency: String,
    pub followup_days: u32,
    /// The visit date plus the follow-up days.
    pub report_due: Option<NaiveDate>,
    pub reimbursement: String,
    pub omitted: Omitted,
}

/// The visit entry the plan is for.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedVisit {
    pub form: Option<String>,
    pub place: Option<String>,
    /// Whether the visit lies before today (a plan printed again afterwards).
    pub past: bool,
}

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

/// The gate of the current stage as goals for the visit.
#[derive(Debug, Clone, PartialEq)]
pub enum GateView {
    /// The account sits at an outcome (won, lost, paused): no gate applies.
    Outcome(String),
    /// Every exit item is met; the account can move to `next`.
    Ready { next: String },
    /// The unmet exit items: their labels and, for items met by written evidence, what the
    /// evidence must show. (The gate's own details name file keys; `kam gate` shows them.)
    Unmet {
        next: String,
        items: Vec<(String, Option<String>)>,
    },
}

/// The visit entry to plan: the one on `date`, or else the next one dated today or later.
fn pick<'a, 't>(account: &'a Account<'t>, date: Option<NaiveDate>, today: NaiveDate) -> Option<&'a Record<'t, 't>> {
    match date {
        Some(d) => account.visits.iter().find(|v| v.date("date") == Some(d)),
        None => account
            .visits
            .iter()
            .filter(|v| v.date("date").is_some_and(|d| d >= today))
            .min_by_key(|v| v.date("date")),
    }
}

fn visit_fields(pb: &Playbook) -> &[Field] {
    pb.record_type("visits").map_or(&[], |r| r.fields.as_slice())
}

/// A visit's form, by its label.
fn form(pb: &Playbook, v: &Record<'_, '_>, omitted: &mut Omitted) -> Option<String> {
    let id = v.str("form")?;
    omitted
        .allows(pb, VISITS, "form")
        .then(|| pb.enum_label("visit_form", id).to_string())
}

/// Builds the visit plan. `date` is the requested visit date (`--date`), if any.
pub fn visit_report(
    pb: &Playbook,
    account: &Account<'_>,
    date: Option<NaiveDate>,
    today: NaiveDate,
    include_sensitive: bool,
) -> VisitReport {
    let mut omitted = Omitted::new(include_sensitive);
    let o = &mut omitted;
    let planned = pick(account, date, today);
    let date = date.or_else(|| planned.and_then(|v| v.date("date")));
    let visit = planned.map(|v| PlannedVisit {
        form: form(pb, v, o),
        place: o.text(pb, VISITS, Some(v), "place"),
        past: date.is_some_and(|d| d < today),
    });
    let (history, earlier_visits) = history(pb, account, date.unwrap_or(today), o);
    let followup_days = pb.doc.cadence.followup_days;
    let simulation = account.group("simulation");
    let quote = simulation
        .map(|s| {
            let sim = Scope::Group("simulation");
            (
                o.date(pb, sim, Some(&s), "quote_date"),
                o.text(pb, sim, Some(&s), "quote"),
            )
        })
        .filter(|(d, q)| d.is_some() || q.is_some());
    let mut materials = pb.doc.policy.visit_materials.clone();
    for m in o.strings(pb, VISITS, planned, "materials") {
        if !materials.contains(&m) {
            materials.push(m);
        }
    }
    // Who attends shows only as far as the attendees may be shown.
    let attendees: Vec<&str> = planned
        .filter(|v| !v.list("attendees").is_empty())
        .filter(|_| o.allows(pb, VISITS, "attendees"))
        .map(|v| v.list("attendees"))
        .unwrap_or_default();
    let header = header(pb, account, today, o);
    let background = background(pb, account, o);
    let followups = followups(pb, account, &history_window(account, date.unwrap_or(today)), today, o);
    let goals = o.strings(pb, VISITS, planned, "goals");
    let people = people(pb, account, &attendees, o);
    let gaps = gaps(pb, account, &attendees, today, o.include);
    let our_team = o.strings(pb, VISITS, planned, "our_team");
    let opening = o.text(pb, VISITS, planned, "opening");
    let questions = o.strings(pb, VISITS, planned, "questions");
    let commitment = o.text(pb, VISITS, planned, "commitment");
    let gifts =
        planned.and_then(|v| field_of(pb, account, visit_fields(pb), v, "gifts", o).and_then(|s| text_of(Some(s))));
    let gift_value = planned
        .and_then(|v| gift_value(pb, v))
        .filter(|_| o.allows(pb, VISITS, "gift_value"));
    VisitReport {
        header,
        today,
        date,
        visit,
        background,
        followups,
        history,
        earlier_visits,
        goals,
        gate: gate_view(pb, account, today),
        people,
        gaps,
        our_team,
        opening,
        questions,
        commitment,
        materials,
        quote,
        gifts,
        gift_value,
        gift_limit: pb.doc.policy.gift_limit,
        currency: pb.doc.policy.currency.clone(),
        followup_days,
        report_due: date.and_then(|d| d.checked_add_days(Days::new(u64::from(followup_days)))),
        reimbursement: pb.doc.policy.reimbursement.trim().to_string(),
        omitted,
    }
}

fn background(pb: &Playbook, account: &Account<'_>, omitted: &mut Omitted) -> Vec<(String, Vec<Item>)> {
    pb.doc
        .archive
        .iter()
        .filter(|g| !NOT_BACKGROUND.contains(&g.id.as_str()))
        .filter_map(|g| {
            let record = account.group(&g.id)?;
            let found = items(pb, account, &g.fields, &record, &[], omitted);
            (!found.is_empty()).then(|| (g.label.clone(), found))
        })
        .collect()
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
fn history_window<'a, 't>(account: &'a Account<'t>, before: NaiveDate) -> Vec<&'a Record<'t, 't>> {
    let past = visits_before(account, before);
    let skip = past.len().saturating_sub(RECENT_VISITS);
    past.into_iter().skip(skip).collect()
}

fn history(pb: &Playbook, account: &Account<'_>, before: NaiveDate, o: &mut Omitted) -> (Vec<PastVisit>, usize) {
    let all = visits_before(account, before).len();
    let shown: Vec<PastVisit> = history_window(account, before)
        .into_iter()
        .filter_map(|v| {
            let date = v.date("date")?;
            let attendees = if !v.list("attendees").is_empty() && o.allows(pb, VISITS, "attendees") {
                v.list("attendees")
                    .into_iter()
                    .map(|id| contact_name(pb, account, id, o.include))
                    .collect()
            } else {
                Vec::new()
            };
            Some(PastVisit {
                date,
                form: form(pb, v, o),
                attendees,
                outcome: o
                    .text(pb, VISITS, Some(v), "client_view")
                    .or_else(|| o.text(pb, VISITS, Some(v), "points")),
                next_step: o.text(pb, VISITS, Some(v), "next_step"),
            })
        })
        .collect();
    let earlier = all - shown.len();
    (shown, earlier)
}

/// Open tasks of the plan, and recent visits still lacking their report or follow-up.
fn followups(
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

fn gate_view(pb: &Playbook, account: &Account<'_>, today: NaiveDate) -> GateView {
    let Some(state) = gate(pb, account, today) else {
        return GateView::Outcome(pb.stage_label(account.stage_id()).to_string());
    };
    let next = pb.stage_label(&state.next).to_string();
    if state.ready {
        return GateView::Ready { next };
    }
    let exit = pb.stage(&state.stage).map_or(&[][..], |s| s.exit.as_slice());
    GateView::Unmet {
        next,
        items: state
            .unmet()
            .map(|i| {
                let evidence = exit
                    .iter()
                    .find(|e| e.id == i.id)
                    .and_then(|e| e.evidence.clone())
                    .filter(|e| !e.trim().is_empty());
                (i.label.clone(), evidence)
            })
            .collect(),
    }
}
