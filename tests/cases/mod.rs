//! Integration tests by command.

mod advance;
mod after_deal;
mod architecture;
mod check;
pub mod daily;
mod dashboard;
mod diagnostics;
mod diff;
mod docs;
mod due;
mod export;
mod faults;
mod gate;
mod history;
mod init_new;
mod list;
mod playbook;
mod report;
mod schema;
mod score;
mod shell;
mod show;
mod stats;
mod visits;
mod week;
