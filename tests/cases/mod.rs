//! Integration tests by command.

mod advance;
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
mod hardening;
mod history;
mod init_new;
mod list;
mod playbook;
mod report;
mod review;
mod schema;
mod score;
mod shell;
mod show;
mod stats;
mod trust;
mod visits;
mod week;
