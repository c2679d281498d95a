//! The only code that touches files, folders and processes.

pub mod account_edit;
pub mod account_file;
pub mod git;
pub mod lock;
pub mod playbook_file;
pub mod review;
pub mod source;
pub mod worktree;
pub mod write;
pub mod yaml_locate;
