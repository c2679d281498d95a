//! Review: what changed between two versions of an account, in business terms, for `kam diff`.
//!
//! - [`account`]: one account compared across two versions: stage, gates crossed, score and tier
//! - [`records`]: the records compared: visits, checklist items, contacts
//! - [`after_deal`]: contracts, receivables, payments, aftercare and the retrospective in business
//!   terms (a payment received, a receivable gone overdue)

pub mod account;
pub mod after_deal;
pub mod records;

pub use account::{
    AccountDiff, CrossedGate, DiffReport, FactorChange, FileChange, Files, ItemRef, Problem, ScoreChange, Side,
    StageMove, Version, compare, crossed,
};
pub use records::Change;
