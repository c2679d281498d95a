//! The reception plan's steps: the itinerary in time order, the review of the application (the
//! level its rules ask for, each sign-off step before the reception and those after it, budget
//! and expenses) and the execution checks, done or to do.

use chrono::NaiveDate;

use crate::domain::account::value::{Record, as_table};
use crate::domain::approval::{Amount, Application};
use crate::domain::playbook::Playbook;
use crate::domain::privacy::Scope;
use crate::domain::report::Omitted;

const RECEPTIONS: Scope<'static> = Scope::Record("receptions");
const STOPS: Scope<'static> = Scope::Record("itinerary_item");
const CHECKS: Scope<'static> = Scope::Record("check_done");

#[derive(Debug, Clone, PartialEq)]
pub struct Stop {
    pub day: Option<NaiveDate>,
    pub time: Option<String>,
    pub kind: Option<String>,
    pub item: String,
    pub place: Option<String>,
    pub owner: Option<String>,
}

/// The review of the reception: the level its application needs and each step.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    /// The level's label; `None` when no rule of the playbook applies.
    pub level: Option<String>,
    /// Every step the level needs before the reception, then the steps after it: label, by,
    /// date, refused, needed.
    pub steps: Vec<StepView>,
    pub budget: Option<Amount>,
    pub expenses: Option<Amount>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StepView {
    pub label: String,
    pub by: Option<String>,
    pub date: Option<NaiveDate>,
    pub refused: bool,
    /// Needed before the reception by its level (else a step after it).
    pub before: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub label: String,
    pub help: String,
    /// Recorded under `checks` (with or without a date).
    pub done: bool,
    pub date: Option<NaiveDate>,
    pub by: Option<String>,
    pub note: Option<String>,
}

pub(super) fn itinerary(pb: &Playbook, r: &Record<'_, '_>, o: &mut Omitted) -> Vec<Stop> {
    let mut stops: Vec<Stop> = r
        .nested("itinerary")
        .iter()
        .filter_map(|s| {
            Some(Stop {
                day: o.date(pb, STOPS, Some(s), "day"),
                time: o.text(pb, STOPS, Some(s), "time"),
                kind: s
                    .str("kind")
                    .filter(|_| o.allows(pb, STOPS, "kind"))
                    .map(|k| pb.enum_label("itinerary_kind", k).to_string()),
                item: o.text(pb, STOPS, Some(s), "item")?,
                place: o.text(pb, STOPS, Some(s), "place"),
                owner: o.text(pb, STOPS, Some(s), "owner"),
            })
        })
        .collect();
    // In time order where days and times are given; written order otherwise.
    stops.sort_by(|a, b| (a.day, a.time.as_deref()).cmp(&(b.day, b.time.as_deref())));
    stops
}

pub(super) fn review(pb: &Playbook, application: Option<&Application<'_, '_>>, o: &mut Omitted) -> Review {
    let Some(a) = application else {
        return Review {
            level: None,
            steps: Vec::new(),
            budget: None,
            expenses: None,
        };
    };
    let needs: Vec<&str> = a
        .level
        .map(|l| l.needs.iter().map(String::as_str).collect())
        .unwrap_or_default();
    let after: Vec<&str> = pb
        .doc
        .approvals
        .as_ref()
        .map(|x| x.after.iter().map(String::as_str).collect())
        .unwrap_or_default();
    let steps = needs
        .iter()
        .map(|id| (*id, true))
        .chain(after.iter().map(|id| (*id, false)))
        .map(|(id, before)| {
            let step = a.step(id);
            StepView {
                label: pb.enum_label("approval_step", id).to_string(),
                by: step
                    .and_then(|s| s.by)
                    .filter(|_| o.allows(pb, Scope::Record("approval"), "by"))
                    .map(str::to_string),
                date: step.and_then(|s| s.date),
                refused: step.is_some_and(|s| s.refused),
                before,
            }
        })
        .collect();
    Review {
        level: a.level.map(|l| l.label.clone()),
        steps,
        budget: a.budget.clone().filter(|_| o.allows(pb, RECEPTIONS, "budget")),
        expenses: a.expenses.clone().filter(|_| o.allows(pb, RECEPTIONS, "expenses")),
    }
}

pub(super) fn checks(pb: &Playbook, r: &Record<'_, '_>, o: &mut Omitted) -> Vec<Check> {
    let done = r.value("checks").and_then(as_table);
    pb.enum_values("reception_check")
        .unwrap_or_default()
        .iter()
        .map(|v| {
            let entry = done
                .and_then(|t| t.get(v.id.as_str()))
                .and_then(|n| as_table(n.get_ref()).map(|t| Record::new(t, n.span())));
            Check {
                label: v.label.clone(),
                help: v.help.clone(),
                done: entry.is_some(),
                date: entry.and_then(|e| o.date(pb, CHECKS, Some(&e), "date")),
                by: entry.and_then(|e| o.text(pb, CHECKS, Some(&e), "by")),
                note: entry.and_then(|e| o.text(pb, CHECKS, Some(&e), "note")),
            }
        })
        .collect()
}
