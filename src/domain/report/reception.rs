//! The reception plan (seed 001 §3, seed 002 §3.2 and 五): the client's inspection of our company
//! from its plan to its closure — plan → review → execute → summary and issue closure — built from
//! a `[[receptions]]` entry: the seven elements (the client's five "whats", technology,
//! experience, leaders of matching rank, gifts with their moment and giver, the itinerary, the
//! review level by the client's tier), the application's sign-off and budget, the execution
//! checks, and the close-out (effect against the goals, minutes, issues tracked to closure, sales
//! leads, the return visit, thanks, the report). What the entry does not say stays empty here;
//! the renderer prompts for it.

use chrono::NaiveDate;

use crate::domain::account::Account;
use crate::domain::account::value::Record;
use crate::domain::approval::{Application, applications};
use crate::domain::check::{GiftValue, gift_value_of};
use crate::domain::playbook::{Field, Playbook};
use crate::domain::privacy::Scope;
use crate::domain::report::guidance::{Guidance, guidance};
pub use crate::domain::report::reception_steps::{Check, Review, StepView, Stop};
use crate::domain::report::reception_steps::{checks, itinerary, review};
use crate::domain::report::{Header, Item, Omitted, contact_name, field_of, header, items, text_of};
use crate::domain::score::{Weights, score};

/// The reception plan of one account.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceptionReport {
    pub header: Header,
    pub today: NaiveDate,
    /// The reception the plan is for; `None` when the account has none (on the date asked).
    pub reception: Option<Reception>,
    /// The date asked for with `--date`, when no reception starts on it.
    pub asked: Option<NaiveDate>,
    pub currency: String,
    pub gift_limit: Option<f64>,
    /// The reimbursement rule of the playbook.
    pub reimbursement: String,
    pub guidance: Guidance,
    pub omitted: Omitted,
}

/// One reception, element by element; each list is empty when not written.
#[derive(Debug, Clone, PartialEq)]
pub struct Reception {
    pub date: NaiveDate,
    pub until: Option<NaiveDate>,
    /// Whether it lies before today: the close-out is due.
    pub past: bool,
    /// Place, purpose, goals, delegation, host, as labelled values.
    pub overview: Vec<Item>,
    /// The client's five "whats" and the other list-valued elements, by field id, with labels.
    pub elements: Vec<Element>,
    pub materials_reviewed: Option<NaiveDate>,
    pub experience: Vec<String>,
    pub gifts: Vec<Gift>,
    pub itinerary: Vec<Stop>,
    /// The level of sign-off and its steps, the budget and the expenses.
    pub review: Review,
    /// Every execution check of the playbook, done or not.
    pub checks: Vec<Check>,
    pub summary: Option<String>,
    pub minutes_sent: Option<NaiveDate>,
    pub issues: Vec<Issue>,
    pub leads: Vec<Lead>,
    pub return_visit: Option<NaiveDate>,
    /// Every kind of thanks of the playbook, and whether it was sent.
    pub thanks: Vec<(String, bool)>,
    pub report: Option<String>,
}

/// A list-valued element of the plan: its field id, label and entries.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    pub id: String,
    pub label: String,
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Gift {
    pub gift: String,
    pub to: Vec<String>,
    pub value: Option<GiftValue>,
    pub moment: Option<String>,
    pub giver: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    pub issue: String,
    pub by: Option<String>,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub closed: Option<NaiveDate>,
    /// Open and past its due date.
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Lead {
    pub lead: String,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
}

/// The fields of the overview.
const OVERVIEW: [&str; 4] = ["place", "purpose", "delegation", "host"];

/// The list-valued elements of the plan, in the order the report shows them.
pub const ELEMENTS: [&str; 9] = [
    "see",
    "hear",
    "tell",
    "meet",
    "topics",
    "experts",
    "materials",
    "leaders",
    "goals",
];

/// Where reception fields are defined, and those of its nested records.
const RECEPTIONS: Scope<'static> = Scope::Record("receptions");
const GIFTS: Scope<'static> = Scope::Record("reception_gift");
const ISSUES: Scope<'static> = Scope::Record("reception_issue");
const LEADS: Scope<'static> = Scope::Record("lead");

/// Contact ids as names, when the field holding them may be shown.
fn names(
    pb: &Playbook,
    account: &Account<'_>,
    scope: Scope<'_>,
    r: &Record<'_, '_>,
    key: &str,
    o: &mut Omitted,
) -> Vec<String> {
    if r.list(key).is_empty() || !o.allows(pb, scope, key) {
        return Vec::new();
    }
    r.list(key)
        .into_iter()
        .map(|id| contact_name(pb, account, id, o.include))
        .collect()
}

/// The reception to report on: the one starting on `date`, else the next one from today, else
/// the latest.
fn pick<'a, 't>(account: &'a Account<'t>, date: Option<NaiveDate>, today: NaiveDate) -> Option<&'a Record<'t, 't>> {
    let dated = || account.receptions.iter().filter_map(|r| Some((r.date("date")?, r)));
    match date {
        Some(d) => dated().find(|(x, _)| *x == d).map(|(_, r)| r),
        None => dated()
            .filter(|(d, _)| *d >= today)
            .min_by_key(|(d, _)| *d)
            .or_else(|| dated().max_by_key(|(d, _)| *d))
            .map(|(_, r)| r),
    }
}

fn fields(pb: &Playbook) -> &[Field] {
    pb.record_type("receptions").map_or(&[], |r| r.fields.as_slice())
}

/// Builds the reception plan. `date` is the reception asked for (`--date`), if any.
pub fn reception_report(
    pb: &Playbook,
    account: &Account<'_>,
    date: Option<NaiveDate>,
    today: NaiveDate,
    include_sensitive: bool,
) -> ReceptionReport {
    let mut omitted = Omitted::new(include_sensitive);
    let picked = pick(account, date, today);
    let tier = score(pb, account, &Weights::new()).tier;
    let application = picked.and_then(|r| {
        applications(pb, account, tier.as_deref())
            .into_iter()
            .find(|a| a.of == "receptions" && a.record.span == r.span)
    });
    ReceptionReport {
        header: header(pb, account, today, &mut omitted),
        today,
        reception: picked.map(|r| reception(pb, account, r, application.as_ref(), today, &mut omitted)),
        asked: date.filter(|_| picked.is_none()),
        currency: pb.doc.policy.currency.clone(),
        gift_limit: pb.doc.policy.gift_limit,
        reimbursement: pb.doc.policy.reimbursement.trim().to_string(),
        guidance: guidance(pb, account, "reception", None, &mut omitted),
        omitted,
    }
}

fn reception(
    pb: &Playbook,
    account: &Account<'_>,
    r: &Record<'_, '_>,
    application: Option<&Application<'_, '_>>,
    today: NaiveDate,
    omitted: &mut Omitted,
) -> Reception {
    let fields = fields(pb);
    let date = r.date("date").unwrap_or(today);
    let label = |id: &str| {
        fields
            .iter()
            .find(|f| f.id == id)
            .map_or_else(|| id.to_string(), |f| f.label.clone())
    };
    // The overview holds where, why, who comes and who hosts; the rest has its own place.
    let skip: Vec<&str> = fields
        .iter()
        .map(|f| f.id.as_str())
        .filter(|id| !OVERVIEW.contains(id))
        .collect();
    let o = omitted;
    let overview = items(pb, account, fields, r, &skip, o);
    let elements = ELEMENTS
        .iter()
        .map(|id| Element {
            id: (*id).to_string(),
            label: label(id),
            values: o.strings(pb, RECEPTIONS, Some(r), id),
        })
        .collect();
    let experience = if o.allows(pb, RECEPTIONS, "experience") {
        r.list("experience")
            .into_iter()
            .map(|v| pb.enum_label("experience_venue", v).to_string())
            .collect()
    } else {
        Vec::new()
    };
    let gifts = if r.is_filled("gifts") && o.allows(pb, RECEPTIONS, "gifts") {
        r.nested("gifts")
            .iter()
            .filter_map(|g| {
                Some(Gift {
                    gift: o.text(pb, GIFTS, Some(g), "gift")?,
                    to: names(pb, account, GIFTS, g, "to", o),
                    value: gift_value_of(pb, g, "value").filter(|_| o.allows(pb, GIFTS, "value")),
                    moment: o.text(pb, GIFTS, Some(g), "moment"),
                    giver: o.text(pb, GIFTS, Some(g), "giver"),
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let itinerary = if r.is_filled("itinerary") && o.allows(pb, RECEPTIONS, "itinerary") {
        itinerary(pb, r, o)
    } else {
        Vec::new()
    };
    let issues = if r.is_filled("issues") && o.allows(pb, RECEPTIONS, "issues") {
        r.nested("issues")
            .iter()
            .filter_map(|i| {
                let due = i.date("due");
                let closed = i.date("closed");
                Some(Issue {
                    issue: o.text(pb, ISSUES, Some(i), "issue")?,
                    by: i
                        .str("by")
                        .filter(|_| o.allows(pb, ISSUES, "by"))
                        .map(|id| contact_name(pb, account, id, o.include)),
                    owner: o.text(pb, ISSUES, Some(i), "owner"),
                    due: due.filter(|_| o.allows(pb, ISSUES, "due")),
                    closed: closed.filter(|_| o.allows(pb, ISSUES, "closed")),
                    overdue: closed.is_none() && due.is_some_and(|d| d < today),
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let leads = if r.is_filled("leads") && o.allows(pb, RECEPTIONS, "leads") {
        r.nested("leads")
            .iter()
            .filter_map(|l| {
                Some(Lead {
                    lead: o.text(pb, LEADS, Some(l), "lead")?,
                    owner: o.text(pb, LEADS, Some(l), "owner"),
                    due: o.date(pb, LEADS, Some(l), "due"),
                    done: o.date(pb, LEADS, Some(l), "done"),
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let thanks = {
        let sent = if o.allows(pb, RECEPTIONS, "thanked") {
            r.list("thanked")
        } else {
            Vec::new()
        };
        pb.enum_values("thanks")
            .unwrap_or_default()
            .iter()
            .map(|v| (v.label.clone(), sent.contains(&v.id.as_str())))
            .collect()
    };
    Reception {
        date,
        until: o.date(pb, RECEPTIONS, Some(r), "until"),
        past: date < today,
        overview,
        elements,
        materials_reviewed: o.date(pb, RECEPTIONS, Some(r), "materials_reviewed"),
        experience,
        gifts,
        itinerary,
        review: review(pb, application, o),
        checks: checks(pb, r, o),
        summary: o.text(pb, RECEPTIONS, Some(r), "summary"),
        minutes_sent: o.date(pb, RECEPTIONS, Some(r), "minutes_sent"),
        issues,
        leads,
        return_visit: o.date(pb, RECEPTIONS, Some(r), "return_visit"),
        thanks,
        report: field_of(pb, account, fields, r, "report", o).and_then(|s| text_of(Some(s))),
    }
}
