//! The agenda of `kam due`: what a key account manager has to do, by date.
//!
//! - [`items`]: the due items of one account (reports, next steps, visits by cadence) and their order
//! - [`approvals`]: approvals waiting for planned visits and receptions, reports blocking
//!   reimbursement
//! - [`relationship`]: assessments to renew, routine contacts by layer

pub mod approvals;
pub mod items;
pub mod relationship;

pub use items::{DueItem, DueKind, cadence_days, due_items, sort};
