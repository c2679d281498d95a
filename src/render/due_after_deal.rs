//! The words of `kam due` for the items after the deal: collection, return visits, renewals and
//! the retrospective. The playbook's `text:` may translate each phrase (`due.*` ids).

use crate::domain::agenda::{DueItem, DueKind};
use crate::domain::playbook::Playbook;

/// What the item asks for, and the detail behind it; `None` for the pipeline's own kinds.
pub fn describe(pb: &Playbook, item: &DueItem) -> Option<(String, String)> {
    let since = item.since.map(|d| d.to_string()).unwrap_or_default();
    Some(match item.kind {
        DueKind::Collection if item.late_days > 0 => (
            pb.text("due.collect", "collect payment").to_string(),
            item.detail.clone(),
        ),
        DueKind::Collection => (pb.text("due.payment", "payment due").to_string(), item.detail.clone()),
        DueKind::ReturnVisit => (
            pb.text("due.return_visit", "return visit due").to_string(),
            item.detail.clone(),
        ),
        DueKind::Renewal => (
            pb.text("due.renewal", "contract expires: renew").to_string(),
            item.detail.clone(),
        ),
        DueKind::Retrospective => (
            pb.text("due.retrospective", "project retrospective").to_string(),
            format!("{} {since}", item.detail),
        ),
        DueKind::Report | DueKind::Step | DueKind::Visit | DueKind::Idle => return None,
    })
}
