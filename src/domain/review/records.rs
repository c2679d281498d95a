//! Small pieces every part of a review uses: a value before and after, and the exit items of the
//! current stage whose state changed between two versions.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::account::Account;
use crate::domain::gate::gate_of;
use crate::domain::playbook::Playbook;

/// A value before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change<T> {
    pub from: T,
    pub to: T,
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
