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
            pb.fill(
                "advance.gate_met",
                "gate of `{stage}` met ({n} of {n} items)",
                &[("stage", &t.from), ("n", &n)],
            )
        }
        Step::Back => pb.text("advance.moved_back", "moved back").to_string(),
        Step::Rest => pb.text("advance.moved_out", "moved out of the pipeline").to_string(),
        Step::Resume => pb.text("advance.resumed", "resumed").to_string(),
    };
    let mut out = pb.fill(
        "advance.moved",
        "{id}: {from} → {to} ({label}) — {how}, by {by} on {date}",
        &[
            ("id", &id),
            ("from", &t.from),
            ("to", &t.to),
            ("label", &pb.stage_label(&t.to)),
            ("how", &how),
            ("by", &t.by),
            ("date", &t.date),
        ],
    );
    out.push('\n');
    if let Some(reason) = &t.reason {
        let _ = writeln!(
            out,
            "  {}",
            pb.fill("advance.reason", "reason: {reason}", &[("reason", reason)])
        );
    }
    if let Some(note) = &t.note {
        let _ = writeln!(out, "  {}", pb.fill("advance.note", "note: {note}", &[("note", note)]));
    }
    out
}

/// A gate that is not met: what is missing, item by item.
pub fn blocked(pb: &Playbook, id: &str, gate: &GateState, color: bool) -> String {
    let unmet = gate.unmet().count();
    let mut out = pb.fill(
        "advance.blocked",
        "{id} cannot leave `{stage}` ({label}): {unmet} of {total} exit items unmet",
        &[
            ("id", &id),
            ("stage", &gate.stage),
            ("label", &pb.stage_label(&gate.stage)),
            ("unmet", &unmet),
            ("total", &gate.items.len()),
        ],
    );
    out.push_str("\n\n");
    out.push_str(&items(pb, &gate.items, true, color));
    let _ = writeln!(
        out,
        "\n{}",
        pb.fill(
            "advance.blocked_help",
            "nothing was changed; `kam gate {id}` shows the whole checklist",
            &[("id", &id)],
        )
    );
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
