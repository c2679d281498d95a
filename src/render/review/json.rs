//! `kam diff` as JSON, for bots (the shape is documented in docs/review.md).

use crate::domain::review::DiffReport;

/// The report as JSON (see docs/review.md for the shape).
pub fn json(r: &DiffReport) -> String {
    crate::render::visible::json_pretty(r, "{}")
}
