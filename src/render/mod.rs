//! Rendering: pure functions from report data to text. Commands print what these return.

pub mod advance;
pub mod change;
pub mod columns;
pub mod csv;
pub mod csv_labels;
pub mod dashboard;
pub mod diagnostics;
pub mod director;
pub mod due;
pub mod expenses;
pub mod gate;
pub mod guide;
pub mod ics;
pub mod list;
mod list_grouped;
pub mod man;
pub mod new_account;
pub mod report;
pub mod review;
pub mod score;
pub mod score_explain;
pub mod show;
pub mod style;
pub mod table;
pub mod visible;
