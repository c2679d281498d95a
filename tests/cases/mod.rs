//! Integration tests by command.

mod advance;
mod architecture;
mod check;
pub mod daily;
mod diagnostics;
mod diff;
mod docs;
mod due;
mod expenses;
mod export;
mod faults;
mod gate;
mod guide;
mod init_new;
mod list;
mod people;
mod planning;
mod playbook;
mod reception;
mod report;
mod schema;
mod score;
mod shell;
mod show;
mod visits;
mod week;
