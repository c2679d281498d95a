//! `kam diff` in its three forms, one file each, over the phrases they share.
//!
//! - [`phrases`]: the sentences every form uses (summary, stage move, gate verdict, tier, visits)
//! - [`after_deal`]: the summary's sentences for contracts, receivables, payments, aftercare and the
//!   retrospective
//! - [`text`]: the terminal form
//! - [`markdown`]: the pull request comment
//! - [`json`]: for bots

pub mod after_deal;
pub mod json;
pub mod markdown;
pub mod phrases;
pub mod text;

pub use json::json;
pub use markdown::markdown;
pub use text::text;

/// How the review names its newer version when it is no revision: the working tree, or what is
/// staged for commit.
pub(crate) fn newer_side(pb: &crate::domain::playbook::Playbook, r: &crate::domain::review::DiffReport) -> String {
    if r.staged {
        pb.text("diff.staged", "staged for commit").to_string()
    } else {
        pb.text("diff.working_tree", "working tree").to_string()
    }
}
