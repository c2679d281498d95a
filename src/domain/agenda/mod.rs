//! The agenda of `kam due`: what a key account manager has to do, by date.
//!
//! - [`items`]: the due items of one account (reports, next steps, visits by cadence) and their order
//! - [`after_deal`]: the items after the deal: collection, return visits, renewals, retrospective

pub mod after_deal;
pub mod items;

pub use items::{DueItem, DueKind, cadence_days, due_items, sort};
