//! Integration tests by command.

mod advance;
mod architecture;
mod check;
mod diagnostics;
mod diff;
mod docs;
mod due;
mod export;
mod faults;
mod gate;
mod hardening;
mod init_new;
mod list;
mod playbook;
mod report;
mod review;
mod schema;
mod score;
mod shell;
mod trust;
