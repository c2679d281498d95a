//! `kam diff` as JSON, for bots (the shape is documented in docs/review.md).

use crate::domain::review::DiffReport;

/// The report as JSON (see docs/review.md for the shape).
pub fn json(r: &DiffReport) -> String {
    let mut s = serde_json::to_string_pretty(r).unwrap_or_else(|_| "{}".to_string());
    s.push('\n');
    s
}
