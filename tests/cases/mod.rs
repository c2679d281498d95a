//! Integration tests by command.

mod advance;
mod after_deal;
mod architecture;
mod check;
pub mod daily;
mod diagnostics;
mod diff;
mod docs;
mod due;
mod export;
mod faults;
mod gate;
mod init_new;
mod list;
mod playbook;
mod report;
mod schema;
mod score;
mod shell;
mod show;
mod visits;
mod week;
