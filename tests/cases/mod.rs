//! Integration tests by command.

mod check;
mod diagnostics;
mod init_new;
mod playbook;
mod score;
