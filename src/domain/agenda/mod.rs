//! The agenda of `kam due`: what a key account manager has to do, by date.
//!
//! - [`items`]: the due items of one account (reports, next steps, visits by cadence) and their order

pub mod items;

pub use items::{DueItem, DueKind, cadence_days, due_items, sort};
