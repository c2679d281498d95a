//! The client's inspections of our company (`[[receptions]]`) on the agenda, like visits:
//!
//! - [`Planned`]: a reception starting today or later is due on its arrival day, to be prepared
//!   (its plan of seven elements, the review and approval, the itinerary) — `kam report
//!   reception` prints the plan;
//! - [`Report`]: a reception that took place without its reception report or its summary against
//!   the goals is due `cadence.followup_days` after the departure day ("no reception report, no
//!   reimbursement").
//!
//! Missing approvals, expenses and the client's issues are items of their own kinds
//! ([`super::approval`], [`super::reimbursement`], [`super::issue`]).

use chrono::NaiveDate;

use crate::domain::account::value::Record;
use crate::domain::agenda::{Facts, Item, Kind, Phrase, add_days};
use crate::domain::privacy::Scope;

/// The receptions of the account with their arrival day and a key unique in the account
/// (`2026-12-08`, `2026-12-08#2` for a second one starting the same day).
fn receptions<'t>(f: &Facts<'_, 't>) -> Vec<(NaiveDate, String, Record<'t, 't>)> {
    let dated: Vec<(NaiveDate, Record<'t, 't>)> = f
        .account
        .receptions
        .iter()
        .filter_map(|r| Some((r.date("date")?, *r)))
        .collect();
    dated
        .iter()
        .enumerate()
        .map(|(i, (d, r))| {
            let same = dated.iter().filter(|(o, _)| o == d).count();
            let key = if same > 1 {
                let n = dated[..i].iter().filter(|(o, _)| o == d).count();
                format!("{d}#{}", n + 1)
            } else {
                d.to_string()
            };
            (*d, key, *r)
        })
        .collect()
}

/// The playbook's label of a reception field (its id when the playbook has none).
fn label(f: &Facts<'_, '_>, field: &str) -> String {
    f.pb.record_type("receptions")
        .and_then(|t| t.field(field))
        .map_or_else(|| field.to_string(), |d| d.label.clone())
}

/// Where and with whom, unless the playbook marks them personal.
fn details(f: &Facts<'_, '_>, r: &Record<'_, '_>, item: &mut Item) {
    if let Some(purpose) = f.shown(Scope::Record("receptions"), r, "purpose") {
        item.details
            .push(Phrase::new("due.reception.purpose", &[("purpose", purpose)]));
    }
    if let Some(place) = f.shown(Scope::Record("receptions"), r, "place") {
        item.details.push(Phrase::new("due.at", &[("place", place)]));
    }
    let people: Vec<String> = r.list("delegation").iter().map(|id| f.person(id)).collect();
    if !people.is_empty() {
        item.details
            .push(Phrase::new("due.with", &[("people", people.join(", "))]));
    }
}

pub struct Planned;

impl Kind for Planned {
    fn id(&self) -> &'static str {
        "reception"
    }

    fn words(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("due.reception", "reception planned"),
            ("due.reception.why", "the client's inspection of {date} is planned"),
            ("due.reception.purpose", "purpose: {purpose}"),
            (
                "due.reception.do",
                "prepare it: the reception plan (what they see, hear, are told, whom they meet, gifts, itinerary), reviewed and approved",
            ),
        ]
    }

    fn items(&self, f: &Facts<'_, '_>, out: &mut Vec<Item>) {
        for (date, key, r) in receptions(f) {
            if date < f.today || r.is_filled("report") {
                continue;
            }
            let why = Phrase::new("due.reception.why", &[("date", key.clone())]);
            let mut item = f.item(date, self.id(), key, why, Phrase::new("due.reception.do", &[]));
            details(f, &r, &mut item);
            item.command = Some(format!("kam report reception {} --date {date}", f.status.id));
            out.push(item);
        }
    }
}

pub struct Report;

impl Kind for Report {
    fn id(&self) -> &'static str {
        "reception_report"
    }

    fn words(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("due.reception_report", "reception report missing"),
            ("due.reception_report.why", "the reception of {date} has no {missing}"),
            (
                "due.reception_report.do",
                "write the reception report and the effect against the goals, send the minutes; no reception report, no reimbursement",
            ),
        ]
    }

    fn items(&self, f: &Facts<'_, '_>, out: &mut Vec<Item>) {
        for (date, key, r) in receptions(f) {
            let left = r.date("until").filter(|u| *u >= date).unwrap_or(date);
            if left > f.today {
                continue;
            }
            let missing: Vec<String> = ["report", "summary"]
                .iter()
                .filter(|k| !r.is_filled(k))
                .map(|k| label(f, k))
                .collect();
            if missing.is_empty() {
                continue;
            }
            let Some(due) = add_days(left, f.pb.doc.cadence.followup_days) else {
                continue;
            };
            let why = Phrase::new(
                "due.reception_report.why",
                &[
                    ("date", key.clone()),
                    ("missing", missing.join(f.pb.text("report.list_separator", ", "))),
                ],
            );
            let mut item = f.item(due, self.id(), key, why, Phrase::new("due.reception_report.do", &[]));
            details(f, &r, &mut item);
            item.command = Some(format!("kam edit {}", f.status.id));
            out.push(item);
        }
    }
}
