//! Review: what changed between two versions of the accounts and of the playbook, in business
//! terms, for `kam diff`, and the same comparison commit by commit for `kam history`.
//!
//! - [`account`]: one account compared across two versions: stage and the gates crossed (judged
//!   with the playbook in force before the change), score and tier, findings
//! - [`stage`]: the stage move and the gates it crossed, by the rules in force before
//! - [`score`]: tier, value and difficulty before and after, with the factors that moved
//! - [`fields`]: every field that changed, account and archive, in playbook order
//! - [`record_diff`]: every record that changed, of every record kind, matched by key
//! - [`nested`]: a table that is no record list (`[retrospective]`), compared value by value
//! - [`values`]: values compared by meaning and shown in business terms
//! - [`history`]: the past is append-only; evidence of a crossed gate is not rewritten
//! - [`playbook`]: a playbook change in business terms
//! - [`impact`]: accounts whose tier or gate state the playbook change moves
//! - [`finding`]: what `kam diff --check` fails on besides an unmet gate
//! - [`report`]: the whole review and its business summary
//! - [`records`]: a value before and after; checklist items newly met or lost
//! - [`commits`]: an account's life from git, each commit that changed its file read as a review
//! - [`after_deal`]: contracts, receivables, payments, aftercare and the retrospective in business
//!   terms (a payment received, a receivable gone overdue), the summary above the record-level diff

pub mod account;
pub mod after_deal;
pub mod commits;
pub mod fields;
pub mod finding;
pub mod history;
pub mod impact;
pub mod nested;
pub mod playbook;
pub mod record_diff;
pub mod records;
pub mod report;
pub mod score;
pub mod stage;
pub mod values;

pub use account::{AccountDiff, FileChange, Files, Problem, Side, Version, compare};
pub use fields::{Books, FieldChange};
pub use finding::{Finding, FindingKind};
pub use record_diff::{RecordChange, RecordEvent};
pub use records::Change;
pub use report::{DiffReport, PlaybookReview};
pub use score::{FactorChange, ScoreChange};
pub use stage::{CrossedGate, ItemRef, StageMove, crossed};
