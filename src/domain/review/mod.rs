//! Review: what changed between two versions of the accounts and of the playbook, in business
//! terms, for `kam diff`.
//!
//! - [`account`]: one account compared across two versions: stage and the gates crossed (judged
//!   with the playbook in force before the change), score and tier, findings
//! - [`fields`]: every field and record that changed, of every record kind, by key
//! - [`values`]: values compared by meaning and shown in business terms
//! - [`history`]: the past is append-only; evidence of a crossed gate is not rewritten
//! - [`playbook`]: a playbook change in business terms
//! - [`impact`]: accounts whose tier or gate state the playbook change moves
//! - [`finding`]: what `kam diff --check` fails on besides an unmet gate
//! - [`report`]: the whole review and its business summary
//! - [`records`]: a value before and after; checklist items newly met or lost

pub mod account;
pub mod fields;
pub mod finding;
pub mod history;
pub mod impact;
pub mod playbook;
pub mod records;
pub mod report;
pub mod values;

pub use account::{
    AccountDiff, CrossedGate, FactorChange, FileChange, Files, ItemRef, Problem, ScoreChange, Side, StageMove, Version,
    compare, crossed,
};
pub use fields::{Books, FieldChange, RecordChange, RecordEvent};
pub use finding::{Finding, FindingKind};
pub use records::Change;
pub use report::{DiffReport, PlaybookReview};
