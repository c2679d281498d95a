//! Integration tests by command.

mod advance;
mod check;
mod diagnostics;
mod docs;
mod gate;
mod init_new;
mod playbook;
mod report;
mod score;
