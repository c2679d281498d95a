//! The pure core of kam: the playbook, accounts, checks, scores and gates. Nothing here touches
//! files, processes or the clock; today's date is passed in.

pub mod account;
pub mod agenda;
pub mod check;
pub mod diagnostic;
pub mod diff;
pub mod diff_parts;
pub mod export;
pub mod field;
pub mod gate;
pub mod gate_report;
mod gate_rules;
pub mod pipeline;
pub mod playbook;
pub mod playbook_check;
pub mod privacy;
pub mod ranking;
pub mod report;
pub mod rule;
pub mod schema;
pub mod score;
pub mod slug;
pub mod status;
pub mod tier;
pub mod transition;
pub mod validate;
pub mod value;
pub mod weights;
