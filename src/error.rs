//! The error type of kam and the one place where outcomes become exit codes:
//! 0 ok, 1 findings or a blocked gate, 2 usage or I/O error (or a broken playbook).

use std::fmt;
use std::path::PathBuf;

/// Exit code for success.
pub const OK: i32 = 0;
/// Exit code for findings: check errors, a blocked gate, a refused advance.
pub const FINDINGS: i32 = 1;
/// Exit code for usage errors, I/O errors and broken playbooks.
pub const FAILURE: i32 = 2;

/// One problem of a playbook, located in its text.
#[derive(Debug, Clone)]
pub struct PlaybookProblem {
    pub span: std::ops::Range<usize>,
    pub message: String,
    pub help: Option<String>,
}

impl PlaybookProblem {
    pub fn shown<'a>(&'a self, name: &'a str, text: &'a str) -> crate::render::diagnostics::Shown<'a> {
        crate::render::diagnostics::Shown {
            code: "KAM100",
            severity: crate::domain::diagnostic::Severity::Error,
            file: name,
            text,
            span: self.span.clone(),
            message: &self.message,
            help: self.help.as_deref(),
        }
    }
}

/// Something that stops a command before it can do its job. Always exit code 2.
#[derive(Debug)]
pub enum Error {
    /// The command line or its arguments are wrong.
    Usage { message: String, help: Option<String> },
    /// A file or folder could not be read or written.
    Io {
        path: PathBuf,
        action: &'static str,
        source: std::io::Error,
    },
    /// The playbook is broken: every problem, located in its text.
    Playbook {
        name: String,
        text: String,
        problems: Vec<PlaybookProblem>,
    },
    /// The file changed or is being changed by someone else; nothing was written.
    Conflict { message: String, help: String },
    /// Anything else, with its context.
    Other(anyhow::Error),
}

impl Error {
    pub fn usage(message: impl Into<String>) -> Error {
        Error::Usage {
            message: message.into(),
            help: None,
        }
    }

    pub fn usage_with_help(message: impl Into<String>, help: impl Into<String>) -> Error {
        Error::Usage {
            message: message.into(),
            help: Some(help.into()),
        }
    }

    pub fn io(path: impl Into<PathBuf>, action: &'static str, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            action,
            source,
        }
    }

    /// The exit code for this error.
    pub fn exit_code(&self) -> i32 {
        FAILURE
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage { message, help } => {
                write!(f, "error: {message}")?;
                if let Some(help) = help {
                    write!(f, "\n  help: {help}")?;
                }
                Ok(())
            }
            Error::Io { path, action, source } => {
                write!(f, "error: cannot {action} {}: {source}", path.display())
            }
            Error::Playbook { name, text, problems } => {
                for p in problems {
                    f.write_str(&crate::render::diagnostics::render(&p.shown(name, text), false))?;
                }
                let n = problems.len();
                write!(
                    f,
                    "error: the playbook {name} has {n} problem{}; kam cannot continue",
                    if n == 1 { "" } else { "s" }
                )
            }
            Error::Conflict { message, help } => write!(f, "error: {message}\n  help: {help}"),
            Error::Other(e) => write!(f, "error: {e:#}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<anyhow::Error> for Error {
    fn from(e: anyhow::Error) -> Self {
        Error::Other(e)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
