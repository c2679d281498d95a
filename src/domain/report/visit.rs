//! The visit plan (seed 001 §1, seed 002): background, goals, the people we meet, our team,
//! the questions and the commitment, materials and gifts, and what is due after the visit —
//! built from the account and its planned `[[visits]]` entry. What the account does not say
//! stays empty here; the renderer turns it into a prompt to fill in.

use chrono::{Days, NaiveDate};

use crate::domain::account::Account;
use crate::domain::account::value::Record;
use crate::domain::check::{GiftValue, gift_value};
use crate::domain::gate::gate;
use crate::domain::planning::prospecting::{FirstContact, first_contact};
use crate::domain::playbook::{Field, Playbook};
use crate::domain::privacy::Scope;
use crate::domain::relationship::{Connection, Influence, Rhythm, connection, influence, rhythm};
use crate::domain::report::guidance::{Guidance, guidance};
use crate::domain::report::people::{Gap, Person, gaps, people};
pub use crate::domain::report::visit_history::{FollowUp, PastVisit};
use crate::domain::report::visit_history::{followups, history, history_window};
use crate::domain::report::{Header, Item, Omitted, field_of, header, items, text_of};
use crate::domain::score::{Weights, score};

/// Where visit fields are defined.
pub(super) const VISITS: Scope<'static> = Scope::Record("visits");

/// Where reception fields are defined.
pub(super) const RECEPTIONS: Scope<'static> = Scope::Record("receptions");

/// How many past visits the background shows.
pub const RECENT_VISITS: usize = 5;

/// How many recent contacts the people section shows with their influence.
pub const RECENT_INFLUENCE: usize = 3;

/// Archive groups that are not background for a visit (the negotiation brief has its own report).
const NOT_BACKGROUND: [&str; 1] = ["negotiation"];

/// One row of a visit's resource table: the item, the people who prepare or bring it, how
/// many, ready by when, the responsible department and remarks.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    pub item: String,
    pub people: Option<String>,
    pub quantity: Option<i64>,
    pub due: Option<NaiveDate>,
    pub department: Option<String>,
    pub note: Option<String>,
}

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
    /// The latest contacts with their influence and until when it lasts, latest first.
    pub influence: Vec<Influence>,
    /// Contacts in the cadence period ending on the visit day, against the playbook's limit.
    pub rhythm: Option<Rhythm>,
    /// Frequency, breadth and depth of contact as of today.
    pub connection: Connection,
    /// For an account in the first stage: the first-contact sequence and its effect.
    pub first_contact: Option<FirstContact>,
    /// Our people at the visit, in speaking order.
    pub our_team: Vec<String>,
    pub opening: Option<String>,
    pub questions: Vec<String>,
    pub commitment: Option<String>,
    /// The playbook's default checklist followed by the visit's own materials.
    pub materials: Vec<String>,
    /// The resources the visit needs, each with who brings it, how many, by when (seed 002's
    /// resource table).
    pub resources: Vec<Resource>,
    /// The quote sent (date, summary), for the materials section.
    pub quote: Option<(Option<NaiveDate>, Option<String>)>,
    /// With a quote: the strengths it shows and those it does not show yet (labels).
    pub quote_strengths: Option<(Vec<String>, Vec<String>)>,
    pub gifts: Option<String>,
    pub gift_value: Option<GiftValue>,
    pub gift_limit: Option<f64>,
    pub currency: String,
    pub followup_days: u32,
    /// The visit date plus the follow-up days.
    pub report_due: Option<NaiveDate>,
    pub reimbursement: String,
    /// The open situations and the topics of guidance that apply to this visit.
    pub guidance: Guidance,
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
pub(super) fn form(pb: &Playbook, v: &Record<'_, '_>, omitted: &mut Omitted) -> Option<String> {
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
    let resources = resources(pb, planned, o);
    // A material the resource table plans is not repeated in the checklist.
    materials.retain(|m| !resources.iter().any(|r| r.item == *m));
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
        influence: influence(pb, account, date.unwrap_or(today), RECENT_INFLUENCE),
        rhythm: rhythm(
            pb,
            account,
            score(pb, account, &Weights::new()).tier.as_deref(),
            // The period ends on the visit, which counts itself.
            date.unwrap_or(today).max(today),
        ),
        connection: connection(pb, account, today),
        first_contact: (pb.stages().first().map(|s| s.id.as_str()) == Some(account.stage_id()))
            .then(|| first_contact(pb, account, today)),
        our_team,
        opening,
        questions,
        commitment,
        materials,
        resources,
        quote_strengths: quote.as_ref().map(|_| quote_strengths(pb, simulation.as_ref())),
        quote,
        gifts,
        gift_value,
        gift_limit: pb.doc.policy.gift_limit,
        currency: pb.doc.policy.currency.clone(),
        followup_days,
        report_due: date.and_then(|d| d.checked_add_days(Days::new(u64::from(followup_days)))),
        reimbursement: pb.doc.policy.reimbursement.trim().to_string(),
        guidance: guidance(pb, account, "visit", planned.and_then(|v| v.str("form")), o),
        omitted,
    }
}

/// The resource table of the planned visit; rows whose item may not be shown are left out.
fn resources(pb: &Playbook, planned: Option<&Record<'_, '_>>, o: &mut Omitted) -> Vec<Resource> {
    let scope = Scope::Record("visit_resource");
    let Some(v) = planned else { return Vec::new() };
    if !v.is_filled("resources") || !o.allows(pb, VISITS, "resources") {
        return Vec::new();
    }
    v.nested("resources")
        .iter()
        .filter_map(|r| {
            Some(Resource {
                item: o.text(pb, scope, Some(r), "item")?,
                people: o.text(pb, scope, Some(r), "people"),
                quantity: r.int("quantity").filter(|_| o.allows(pb, scope, "quantity")),
                due: o.date(pb, scope, Some(r), "due"),
                department: o.text(pb, scope, Some(r), "department"),
                note: o.text(pb, scope, Some(r), "note"),
            })
        })
        .collect()
}

/// The strengths a quote shows (`simulation.quote_strengths`) and those it lacks, as labels in
/// the order of the enumeration.
pub fn quote_strengths(pb: &Playbook, simulation: Option<&Record<'_, '_>>) -> (Vec<String>, Vec<String>) {
    let shown: Vec<&str> = simulation.map(|s| s.list("quote_strengths")).unwrap_or_default();
    let all = pb.enum_values("quote_strength").unwrap_or_default();
    let (has, lacks): (Vec<_>, Vec<_>) = all.iter().partition(|v| shown.contains(&v.id.as_str()));
    let labels = |v: Vec<&crate::domain::playbook::EnumValue>| v.into_iter().map(|x| x.label.clone()).collect();
    (labels(has), labels(lacks))
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
