//! Stage gates: where an account stands in the pipeline and whether it may leave its stage.
//!
//! - [`rule`]: the declarative vocabulary of automatic exit items, as the playbook writes it
//! - [`evaluate`]: a stage's exit checklist judged on an account, item by item
//! - `rules`: the evaluation of each automatic rule kind
//! - [`pipeline`]: the stage and `[[history]]` read as a path: gates crossed, days in a stage
//! - [`transition`]: the move `kam advance` intends, allowed or refused
//! - [`report`]: what `kam gate` shows for one account
//! - [`status`]: where one account stands today, for `kam list` and `kam due`

pub mod evaluate;
pub mod pipeline;
pub mod report;
pub mod rule;
mod rules;
pub mod status;
pub mod transition;

pub use evaluate::{GateState, ItemKind, ItemState, crossed_gate, gate, gate_of, next_stage};
