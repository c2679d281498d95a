//! Stage gates: where an account stands in the pipeline and whether it may leave its stage.
//!
//! - [`rule`]: the declarative vocabulary of automatic exit items, as the playbook writes it
//! - [`evaluate`]: a stage's exit checklist judged on an account, item by item
//! - [`as_of`]: judging as of a day: what is dated later is planned, not done
//! - [`met`]: whether a gate was met, without the explanations (every past crossing)
//! - `rules`: the evaluation of the automatic rule kinds filled, records, keyed, scored
//! - `support`: the support rule: the balance of stances, and the veto
//! - [`pipeline`]: the stage and `[[history]]` read as a path: gates crossed, days in a stage
//! - [`transition`]: the move `kam advance` intends, allowed or refused
//! - [`report`]: what `kam gate` shows for one account
//! - [`status`]: where one account stands today, for `kam list` and `kam due`

pub mod as_of;
pub mod evaluate;
pub mod met;
pub mod pipeline;
pub mod report;
pub mod rule;
mod rules;
pub mod status;
mod support;
pub mod transition;

pub use evaluate::{GateState, ItemKind, ItemState, crossed_gate, gate, gate_of, next_stage, with_planned};
