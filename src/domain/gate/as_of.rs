//! Judging a gate as of a day: today, or the day a gate was crossed when the history is checked.
//! What happened later has not happened yet: a record dated after that day (a visit by its
//! `date`), a date field dated after it and evidence dated after it are *planned*, not done, and
//! meet no item. Date fields the playbook marks `schedule: true` (a due date, a target, a next
//! step) name a day ahead by nature and count as written. [`with_planned`] finds, for an unmet
//! item, the first later day written in the account on which it would be met ("planned for …").

use chrono::NaiveDate;

use crate::domain::account::Account;
use crate::domain::account::value::{Record, Table, Value, as_date, is_filled};
use crate::domain::gate::evaluate::{Ctx, GateState};
use crate::domain::playbook::{Field, Kind, Playbook};

/// The field that dates a record (a visit's `date`).
pub const DATE: &str = "date";

/// How many later days [`with_planned`] tries per gate: the earliest dates written.
const PLANNED_PROBES: usize = 32;

impl Ctx<'_, '_, '_> {
    /// The date a field's value records, when it lies after the day the gate is judged as of: a
    /// date field that records when something happened (not a `schedule` date) is then planned,
    /// not done.
    pub(crate) fn later(&self, field: &Field, value: &Value<'_>) -> Option<NaiveDate> {
        if field.kind != Kind::Date || field.schedule {
            return None;
        }
        as_date(value).filter(|d| *d > self.today)
    }

    /// A value that is a date after the day the gate is judged as of. Checked before the field's
    /// definition is looked up: most values are not dates, and most dates are not later.
    fn later_date(&self, value: &Value<'_>) -> Option<NaiveDate> {
        match value {
            Value::Datetime(_) => as_date(value).filter(|d| *d > self.today),
            _ => None,
        }
    }

    /// The day a record happened on (its `date` field, unless that is a `schedule` date), when it
    /// lies after the day the gate is judged as of.
    pub(crate) fn record_later(&self, of: &str, record: &Record<'_, '_>) -> Option<NaiveDate> {
        let value = record.value(DATE)?;
        self.later_date(value)?;
        let field = self.pb.record_type(of)?.field(DATE)?;
        self.later(field, value)
    }

    /// An archive value that is a date after the day the gate is judged as of, in a field that
    /// records when something happened.
    pub(crate) fn archive_later(&self, path: &str, value: &Value<'_>) -> Option<NaiveDate> {
        self.later_date(value)?;
        self.later(self.pb.archive_field(path)?, value)
    }

    /// A record's field that is empty, or holds a date after the day the gate is judged as of.
    pub(crate) fn lacks(&self, of: &str, record: &Record<'_, '_>, field: &str) -> bool {
        let Some(value) = record.value(field).filter(|v| is_filled(v)) else {
            return true;
        };
        if self.later_date(value).is_none() {
            return false;
        }
        let def = self.pb.record_type(of).and_then(|t| t.field(field));
        def.is_some_and(|f| self.later(f, value).is_some())
    }

    /// "planned, not done as of 2026-11-25: …".
    pub(crate) fn planned_note(&self, what: &[String]) -> String {
        self.pb.fill(
            "gate.rule.planned",
            "planned, not done as of {today}: {what}",
            &[("today", &self.today), ("what", &what.join(", "))],
        )
    }
}

/// Fills in [`crate::domain::gate::ItemState::planned`] for the unmet items of `gate` (the
/// checklist of the stage at `pos`, judged as of `as_of`): the first later day written in the
/// account on which the item would be met.
pub fn with_planned(pb: &Playbook, pos: usize, account: &Account<'_>, as_of: NaiveDate, gate: &mut GateState) {
    if gate.ready {
        return;
    }
    let mut days = Vec::new();
    later_dates(account.root.table, as_of, &mut days);
    days.sort_unstable();
    days.dedup();
    days.truncate(PLANNED_PROBES);
    let stage = &pb.stages()[pos];
    for state in gate.items.iter_mut().filter(|i| !i.met) {
        let Some(item) = stage.exit.iter().find(|e| e.id == state.id) else {
            continue;
        };
        state.planned = days.iter().copied().find(|day| {
            Ctx {
                pb,
                account,
                today: *day,
            }
            .item(item)
            .met
        });
    }
}

/// Every date after `as_of` in a table, its records and sub-tables (the stage history aside).
fn later_dates(table: &Table<'_>, as_of: NaiveDate, out: &mut Vec<NaiveDate>) {
    fn walk(value: &Value<'_>, as_of: NaiveDate, out: &mut Vec<NaiveDate>) {
        match value {
            Value::Table(t) => later_dates(t, as_of, out),
            Value::Array(items) => items.iter().for_each(|i| walk(i.get_ref(), as_of, out)),
            other => out.extend(as_date(other).filter(|d| *d > as_of)),
        }
    }
    for (key, node) in table {
        if key.get_ref() != "history" {
            walk(node.get_ref(), as_of, out);
        }
    }
}
