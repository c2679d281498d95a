//! What `kam advance` prints: the move made, the unmet items of a blocked gate, and for
//! `--dry-run` the unified diff of the edit.

use std::fmt::Write;

use similar::TextDiff;

use crate::domain::gate::GateState;
use crate::domain::gate::transition::{Step, Transition};
use crate::domain::playbook::Playbook;
use crate::render::gate::items;

/// One line saying what moved where, by whom, and why.
pub fn moved(pb: &Playbook, id: &str, t: &Transition) -> String {
    let how = match t.step {
        Step::Forward => {
            let n = t.gate.as_ref().map_or(0, |g| g.items.len());
            format!("gate of `{}` met ({n} of {n} items)", t.from)
        }
        Step::Back => "moved back".to_string(),
        Step::Rest => "moved out of the pipeline".to_string(),
        Step::Resume => "resumed".to_string(),
    };
    let mut out = format!(
        "{id}: {} → {} ({}) — {how}, by {} on {}\n",
        t.from,
        t.to,
        pb.stage_label(&t.to),
        t.by,
        t.date
    );
    if let Some(reason) = &t.reason {
        let _ = writeln!(out, "  reason: {reason}");
    }
    if let Some(note) = &t.note {
        let _ = writeln!(out, "  note: {note}");
    }
    out
}

/// A gate that is not met: what is missing, item by item.
pub fn blocked(pb: &Playbook, id: &str, gate: &GateState, color: bool) -> String {
    let unmet = gate.unmet().count();
    let mut out = format!(
        "{id} cannot leave `{}` ({}): {unmet} of {} exit items unmet\n\n",
        gate.stage,
        pb.stage_label(&gate.stage),
        gate.items.len()
    );
    out.push_str(&items(pb, &gate.items, true, color));
    let _ = writeln!(out, "\nnothing was changed; `kam gate {id}` shows the whole checklist");
    out
}

/// The unified diff of an edit, as `git diff` would show it.
pub fn diff(name: &str, old: &str, new: &str) -> String {
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}
