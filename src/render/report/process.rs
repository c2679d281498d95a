//! The client's decision process in the negotiation brief: one row per mapped procurement step
//! (who plays it, what they care about there, our response), then the rules written for a step
//! (the tender's mode, thresholds, scoring and parameters).

use crate::domain::playbook::Playbook;
use crate::domain::report::negotiation::ProcessStep;
use crate::render::report::Block;
use crate::render::report::common::{fields, record_label};
use crate::render::report::words::Words;

/// The blocks of the decision process, under their subheading.
pub fn blocks(pb: &Playbook, w: &Words<'_>, steps: &[ProcessStep], currency: &str) -> Vec<Block> {
    let mut out = vec![Block::Subheading(w.get("negotiation.process").to_string())];
    if steps.is_empty() {
        out.push(Block::Prompt(w.get("negotiation.no_process").to_string()));
        return out;
    }
    let label = |id: &str, fallback: &'static str| record_label(pb, "procurement_step", id, fallback).to_string();
    let headers = vec![
        w.get("negotiation.step").to_string(),
        label("who", "Who"),
        label("concern", "What they care about at this step"),
        label("response", "Our response"),
    ];
    let sep = w.get("report.list_separator");
    let rows = steps
        .iter()
        .map(|s| {
            vec![
                s.label.clone(),
                s.who.join(sep),
                s.concern.clone().unwrap_or_default(),
                s.response.clone().unwrap_or_default(),
            ]
        })
        .collect();
    out.push(Block::Table { headers, rows });
    for s in steps.iter().filter(|s| !s.rules.is_empty()) {
        out.push(Block::Subheading(s.label.clone()));
        out.push(Block::Fields(fields(w, currency, &s.rules)));
    }
    out
}
