//! The value × difficulty matrix of `kam list --format md --matrix`: a Mermaid quadrant chart
//! with difficulty across and value up, one point per assessed account.

use crate::domain::gate::status::Status;
use crate::domain::playbook::Playbook;
use crate::render::director::mermaid::{self, Point, QuadrantWords};
use crate::render::director::words::Words;
use crate::render::list::Row;

/// The chart's words in the playbook's language.
pub fn words(pb: &Playbook) -> QuadrantWords {
    let w = Words::new(pb);
    let g = |id: &str| w.get(id).to_string();
    let both = |v: &str, d: &str| format!("{} {}", w.get(v), w.get(d));
    QuadrantWords {
        title: g("dashboard.matrix"),
        x: (g("matrix.low_difficulty"), g("matrix.high_difficulty")),
        y: (g("matrix.low_value"), g("matrix.high_value")),
        quadrants: [
            both("matrix.high_value", "matrix.high_difficulty"),
            both("matrix.high_value", "matrix.low_difficulty"),
            both("matrix.low_value", "matrix.low_difficulty"),
            both("matrix.low_value", "matrix.high_difficulty"),
        ],
    }
}

/// The point of an assessed account: its id and tier.
pub fn point(s: &Status) -> Option<Point> {
    Some(Point {
        label: format!("{} {}", s.id, s.tier.as_deref().unwrap_or("")),
        value: s.value?,
        difficulty: s.difficulty?,
    })
}

/// The Mermaid chart of the listed accounts that have both scores.
pub fn markdown(pb: &Playbook, rows: &[Row]) -> String {
    let points: Vec<Point> = rows
        .iter()
        .filter_map(|r| match r {
            Row::Account(s) => point(s),
            Row::Unreadable { .. } => None,
        })
        .collect();
    mermaid::quadrant(&words(pb), &points)
}
