//! The only code that touches files, folders and processes.

pub mod account_edit;
pub mod account_file;
pub mod editor;
pub mod git;
pub mod git_log;
pub mod lock;
pub mod owner;
pub mod past_versions;
pub mod playbook_file;
pub mod playbook_shape;
pub mod playbook_syntax;
pub mod prompt;
pub mod review;
pub mod snapshot;
pub mod source;
pub mod worktree;
pub mod write;
pub mod yaml_locate;
