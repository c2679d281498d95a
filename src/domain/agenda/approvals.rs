//! The agenda items of applications: an **approval** waiting for a planned visit or reception
//! (due on its date, naming the level and the missing steps), and a **reimbursement** blocked by a
//! missing report, or waiting for the **report check** (due `cadence.followup_days` after the
//! event). The detail names the event: its form (or record type) and date. And each **issue** the
//! client raised at a reception that is not closed yet, due on its date.

use chrono::NaiveDate;

use crate::domain::agenda::{DueItem, DueKind};
use crate::domain::approval::Pending;
use crate::domain::gate::status::Status;

/// The approval and reimbursement items of one account due on or before `until`.
pub fn items(s: &Status, today: NaiveDate, until: NaiveDate) -> Vec<DueItem> {
    s.pending
        .iter()
        .filter_map(|p| {
            let (date, kind, detail, since) = match p {
                Pending::Approval {
                    event,
                    what,
                    level,
                    missing,
                } => (
                    *event,
                    DueKind::Approval,
                    format!("{what} {event} — {level}: {}", missing.join(", ")),
                    *event,
                ),
                Pending::Issue { event, due, issue } => (*due, DueKind::Issue, issue.clone(), *event),
                Pending::Reimbursement {
                    event,
                    due,
                    what,
                    reported,
                } => (
                    *due,
                    if *reported {
                        DueKind::ReportCheck
                    } else {
                        DueKind::Reimbursement
                    },
                    format!("{what} {event}"),
                    *event,
                ),
            };
            (date <= until).then(|| DueItem {
                date,
                late_days: (today - date).num_days(),
                kind,
                id: s.id.clone(),
                name: s.name.clone(),
                owner: s.owner.clone(),
                detail,
                since: Some(since),
            })
        })
        .collect()
}
