//! The stage move of a change and the gates it crossed going forward, judged with the playbook in
//! force before the change (`books.base`), each as of the day its history record says it was
//! crossed, never later than today (a record dated later is a finding of its own, and what is
//! planned for a later day does not open a gate today); a gate not met under those rules but met
//! under the new playbook is *relaxed*.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::account::Account;
use crate::domain::gate::pipeline::{is_resting, rank, resume_limit};
use crate::domain::gate::{gate_of, next_stage};
use crate::domain::review::account::Side;
use crate::domain::review::fields::Books;

/// A gate crossed going forward.
#[derive(Debug, Clone, Serialize)]
pub struct CrossedGate {
    /// The stage whose exit checklist is the gate.
    pub stage: String,
    pub label: String,
    /// The day it was crossed, from the history record (the day its items are judged as of).
    pub date: Option<NaiveDate>,
    /// Met under the playbook in force before the change.
    pub met: bool,
    pub unmet: Vec<ItemRef>,
    /// Not met under the rules in force, but met under the playbook this change brings.
    pub relaxed: bool,
}

/// An exit item by id and label.
#[derive(Debug, Clone, Serialize)]
pub struct ItemRef {
    pub id: String,
    pub label: String,
}

/// The stage before and after, with the gates crossed forward.
#[derive(Debug, Clone, Serialize)]
pub struct StageMove {
    pub from: Option<String>,
    pub to: Option<String>,
    pub gates: Vec<CrossedGate>,
}

impl StageMove {
    /// Whether a gate was crossed without being met.
    pub fn bypassed(&self) -> bool {
        self.gates.iter().any(|g| !g.met)
    }
}

pub(crate) fn stage_move(
    books: Books<'_>,
    base: Side<'_, '_>,
    head: Side<'_, '_>,
    today: NaiveDate,
) -> Option<StageMove> {
    // A version that cannot be read says nothing about the stage.
    if !matches!(base, Side::Absent | Side::Parsed(_)) || !matches!(head, Side::Absent | Side::Parsed(_)) {
        return None;
    }
    let from = base.account().map(|a| a.stage_id().to_string());
    let to = head.account().map(|a| a.stage_id().to_string());
    if from == to {
        return None;
    }
    let gates = head
        .account()
        .map(|h| crossed(books, base.account(), h, today))
        .unwrap_or_default();
    Some(StageMove { from, to, gates })
}

/// The gates crossed going forward from the older version's stage to the newer one's, by the
/// stages of the playbook in force before the change. An added account is judged as having come
/// from the first stage; one resumed from lost or paused, from the stage it rested from. No gate is
/// judged as of a day after `today`.
pub fn crossed(books: Books<'_>, base: Option<&Account<'_>>, head: &Account<'_>, today: NaiveDate) -> Vec<CrossedGate> {
    let pb = books.base;
    let Some(to) = rank(pb, head.stage_id()) else {
        return Vec::new();
    };
    let from = match base {
        None => 0,
        Some(b) => match rank(pb, b.stage_id()) {
            Some(r) => r,
            None if is_resting(b.stage_id()) => resume_limit(pb, b),
            None => return Vec::new(),
        },
    };
    let entered = head.entered_current_stage().and_then(|m| m.date);
    (from..to)
        .map(|pos| {
            let stage = &pb.stages()[pos];
            let next = next_stage(pb, pos);
            let record = head
                .history
                .iter()
                .rev()
                .find(|m| m.from == Some(stage.id.as_str()) && m.to.is_some_and(|t| t.text == next))
                .and_then(|m| m.date);
            let date = record.or(entered);
            let day = date.or(head.created).unwrap_or(NaiveDate::MIN).min(today);
            let gate = gate_of(pb, pos, head, day);
            // The same gate under the newer playbook: met there only means relaxed.
            let relaxed = !gate.ready
                && books
                    .head
                    .stage_pos(&stage.id)
                    .is_some_and(|p| gate_of(books.head, p, head, day).ready);
            CrossedGate {
                stage: stage.id.clone(),
                label: stage.label.clone(),
                date,
                met: gate.ready,
                unmet: gate
                    .unmet()
                    .map(|i| ItemRef {
                        id: i.id.clone(),
                        label: i.label.clone(),
                    })
                    .collect(),
                relaxed,
            }
        })
        .collect()
}
