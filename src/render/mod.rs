//! Rendering: pure functions from report data to text. Commands print what these return.

pub mod diagnostics;
pub mod new_account;
pub mod report;
