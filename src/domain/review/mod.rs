//! Review: what changed between two versions of an account, in business terms, for `kam diff`.
//!
//! - [`account`]: one account compared across two versions: stage, gates crossed, score and tier
//! - [`records`]: the records compared: visits, checklist items, contacts

pub mod account;
pub mod records;

pub use account::{
    AccountDiff, CrossedGate, DiffReport, FactorChange, FileChange, Files, ItemRef, Problem, ScoreChange, Side,
    StageMove, Version, compare, crossed,
};
pub use records::Change;
