//! The parts of an account diff that compare records of two readable versions: visits logged or
//! reported, checklist items of the current stage newly met or lost, and contacts added, removed
//! or re-assessed. Fields the playbook marks sensitive are never part of a diff.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::account::Account;
use crate::domain::account::value::Record;
use crate::domain::gate::gate_of;
use crate::domain::playbook::Playbook;
use crate::domain::privacy::{Scope, is_sensitive};

/// A value before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change<T> {
    pub from: T,
    pub to: T,
}

/// What happened to a visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VisitEvent {
    /// A visit record that the older version did not have.
    New,
    /// A visit of the older version that got its report.
    Reported,
}

/// A visit logged (or planned) or reported.
#[derive(Debug, Clone, Serialize)]
pub struct VisitNote {
    pub event: VisitEvent,
    pub date: Option<NaiveDate>,
    pub form: Option<String>,
    pub next_step: Option<String>,
    pub next_date: Option<NaiveDate>,
    pub report: bool,
}

/// An exit item of the current stage that changed state.
#[derive(Debug, Clone, Serialize)]
pub struct ItemChange {
    pub stage: String,
    pub id: String,
    pub label: String,
    /// `true`: newly met; `false`: no longer met.
    pub met: bool,
}

/// How a contact changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactEvent {
    Added,
    Removed,
    Changed,
}

/// A contact added, removed or re-assessed. For an added contact the assessment is shown as a
/// change from nothing.
#[derive(Debug, Clone, Serialize)]
pub struct ContactChange {
    pub id: String,
    pub name: Option<String>,
    pub event: ContactEvent,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stance: Option<Change<Option<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closeness: Option<Change<Option<i64>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roles: Option<Change<Vec<String>>>,
}

fn visit_key(v: &Record<'_, '_>) -> (Option<NaiveDate>, Option<String>) {
    (v.date("date"), v.str("form").map(str::to_string))
}

/// Visits of `head` that `base` lacks (matched by date and form), and visits that got a report.
pub fn visits(pb: &Playbook, base: &Account<'_>, head: &Account<'_>) -> Vec<VisitNote> {
    let shown = |id: &str| !is_sensitive(pb, Scope::Record("visits"), id);
    let mut old: Vec<(Option<NaiveDate>, Option<String>, bool)> = base
        .visits
        .iter()
        .map(|v| {
            let (d, f) = visit_key(v);
            (d, f, v.is_filled("report"))
        })
        .collect();
    let mut out = Vec::new();
    for v in &head.visits {
        let (date, form) = visit_key(v);
        let report = v.is_filled("report");
        let event = match old.iter().position(|(d, f, _)| *d == date && *f == form) {
            Some(i) => {
                let (_, _, reported_before) = old.swap_remove(i);
                if reported_before || !report {
                    continue;
                }
                VisitEvent::Reported
            }
            None => VisitEvent::New,
        };
        out.push(VisitNote {
            event,
            date,
            form,
            next_step: v
                .str("next_step")
                .filter(|_| shown("next_step"))
                .map(|s| s.trim().to_string()),
            next_date: v.date("next_date").filter(|_| shown("next_date")),
            report,
        });
    }
    out
}

/// Items of the newer version's stage gate whose state differs between the versions, both
/// evaluated as of `today`.
pub fn checklist(pb: &Playbook, base: &Account<'_>, head: &Account<'_>, today: NaiveDate) -> Vec<ItemChange> {
    let Some(pos) = pb.stage_pos(head.stage_id()) else {
        return Vec::new();
    };
    let before = gate_of(pb, pos, base, today);
    let after = gate_of(pb, pos, head, today);
    after
        .items
        .iter()
        .zip(&before.items)
        .filter(|(a, b)| a.met != b.met)
        .map(|(a, _)| ItemChange {
            stage: after.stage.clone(),
            id: a.id.clone(),
            label: a.label.clone(),
            met: a.met,
        })
        .collect()
}

fn changed<T: PartialEq>(from: T, to: T) -> Option<Change<T>> {
    (from != to).then_some(Change { from, to })
}

/// Contacts added, removed, or with a changed stance, closeness or roles (matched by id).
pub fn contacts(pb: &Playbook, base: &Account<'_>, head: &Account<'_>) -> Vec<ContactChange> {
    let shown = |id: &str| !is_sensitive(pb, Scope::Record("contacts"), id);
    let read = |c: Option<&Record<'_, '_>>| {
        (
            c.and_then(|c| c.str("stance")).map(str::to_string),
            c.and_then(|c| c.int("closeness")),
            c.map(|c| c.list("roles").into_iter().map(str::to_string).collect::<Vec<_>>())
                .unwrap_or_default(),
        )
    };
    // `c` is the record the contact is named from; `old` and `new` the versions compared.
    let entry = |id: &str, c: &Record<'_, '_>, event, old: Option<&Record<'_, '_>>, new: Option<&Record<'_, '_>>| {
        let (s0, c0, r0) = read(old);
        let (s1, c1, r1) = read(new);
        ContactChange {
            id: id.to_string(),
            name: c.str("name").filter(|_| shown("name")).map(str::to_string),
            event,
            stance: changed(s0, s1).filter(|_| shown("stance")),
            closeness: changed(c0, c1).filter(|_| shown("closeness")),
            roles: changed(r0, r1).filter(|_| shown("roles")),
        }
    };
    let mut out = Vec::new();
    for c in &head.contacts {
        let Some(id) = c.str("id") else { continue };
        match base.contact(id) {
            None => out.push(entry(id, c, ContactEvent::Added, None, Some(c))),
            Some(old) => {
                let e = entry(id, c, ContactEvent::Changed, Some(&old), Some(c));
                if e.stance.is_some() || e.closeness.is_some() || e.roles.is_some() {
                    out.push(e);
                }
            }
        }
    }
    for c in &base.contacts {
        let Some(id) = c.str("id") else { continue };
        if head.contact(id).is_none() {
            out.push(entry(id, c, ContactEvent::Removed, Some(c), None));
        }
    }
    out
}
