//! Integration tests by command.

mod advance;
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
mod hostile_files;
mod hostile_output;
mod hostile_workspace;
mod init_new;
mod limits;
mod list;
mod playbook;
mod privacy;
mod report;
mod schema;
mod score;
mod shell;
mod show;
mod visits;
mod week;
