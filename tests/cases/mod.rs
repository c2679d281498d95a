//! Integration tests by command.

mod check;
mod diagnostics;
mod docs;
mod init_new;
mod playbook;
mod report;
