//! The error type of kam and the one place where outcomes become exit codes:
//! 0 ok, 1 findings or a blocked gate, 2 usage or I/O error (or a broken playbook).

use std::fmt;
use std::fmt::Write as _;
use std::path::PathBuf;

use crate::domain::playbook::Words;
pub use crate::domain::playbook::words::{Msg, Said};

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

/// What the operating system said about a failed file operation, in words: the common kinds
/// by a text id, anything else as the system says it.
fn os_words(e: &std::io::Error, w: Words<'_>) -> String {
    use std::io::ErrorKind;
    let said = match e.kind() {
        ErrorKind::NotFound => w.text("io.not_found", "no such file or folder"),
        ErrorKind::PermissionDenied => w.text("io.permission_denied", "permission denied"),
        ErrorKind::AlreadyExists => w.text("io.already_exists", "it exists already"),
        ErrorKind::NotADirectory => w.text("io.not_a_folder", "a part of the path is not a folder"),
        ErrorKind::IsADirectory => w.text("io.is_a_folder", "it is a folder"),
        ErrorKind::ReadOnlyFilesystem => w.text("io.read_only_fs", "the file system is read-only"),
        ErrorKind::StorageFull => w.text("io.storage_full", "no space left on the device"),
        ErrorKind::InvalidFilename => w.text("io.invalid_name", "the file name is not valid here"),
        _ => return e.to_string(),
    };
    said.to_string()
}

/// Something that stops a command before it can do its job. Always exit code 2.
#[derive(Debug)]
pub enum Error {
    /// The command line or its arguments are wrong.
    Usage { message: Msg, help: Option<Msg> },
    /// A file or folder could not be read or written: the sentence says what kam could not do
    /// (`{path}` and `{error}` are filled in).
    Io {
        path: PathBuf,
        action: Said,
        source: std::io::Error,
    },
    /// The playbook is broken: every problem, located in its text.
    Playbook {
        name: String,
        text: String,
        problems: Vec<PlaybookProblem>,
    },
    /// The file changed or is being changed by someone else; nothing was written.
    Conflict { message: Msg, help: Msg },
    /// Anything else, with its context.
    Other(anyhow::Error),
}

impl Error {
    pub fn usage(message: impl Into<Msg>) -> Error {
        Error::Usage {
            message: message.into(),
            help: None,
        }
    }

    pub fn usage_with_help(message: impl Into<Msg>, help: impl Into<Msg>) -> Error {
        Error::Usage {
            message: message.into(),
            help: Some(help.into()),
        }
    }

    /// An I/O error: `id` and `english` say what kam could not do to `{path}` ("cannot read
    /// {path}: {error}").
    pub fn io(path: impl Into<PathBuf>, id: &'static str, english: &'static str, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            action: Said::new(id, english),
            source,
        }
    }

    /// The exit code for this error.
    pub fn exit_code(&self) -> i32 {
        FAILURE
    }
}

impl Error {
    /// The same error with its sentences worded now, in `w`: for a command that knows the
    /// playbook whose words it speaks better than the workspace it runs in (`kam init`).
    #[must_use]
    pub fn worded(self, w: Words<'_>) -> Error {
        match self {
            Error::Usage { message, help } => Error::Usage {
                message: Msg::Plain(message.words(w)),
                help: help.map(|h| Msg::Plain(h.words(w))),
            },
            Error::Conflict { message, help } => Error::Conflict {
                message: Msg::Plain(message.words(w)),
                help: Msg::Plain(help.words(w)),
            },
            Error::Io { path, action, source } => {
                let said = action.arg("path", path.display()).arg("error", os_words(&source, w));
                Error::Usage {
                    message: Msg::Plain(said.words(w)),
                    help: None,
                }
            }
            other => other,
        }
    }

    /// The error as kam prints it, in the words `w` gives (the workspace's playbook, or English).
    pub fn shown(&self, w: Words<'_>) -> String {
        let label_help = |help: &str| format!("\n  help: {help}");
        match self {
            Error::Usage { message, help } => {
                let mut out = format!("error: {}", message.words(w));
                if let Some(help) = help {
                    out.push_str(&label_help(&help.words(w)));
                }
                out
            }
            Error::Io { path, action, source } => {
                let said = action
                    .clone()
                    .arg("path", path.display())
                    .arg("error", os_words(source, w));
                format!("error: {}", said.words(w))
            }
            Error::Playbook { name, text, problems } => {
                let mut out = String::new();
                for p in problems {
                    out.push_str(&crate::render::diagnostics::render(
                        &p.shown(name, text),
                        Words::ENGLISH,
                        false,
                    ));
                }
                let n = problems.len();
                let _ = write!(
                    out,
                    "error: the playbook {name} has {n} problem{}; kam cannot continue",
                    if n == 1 { "" } else { "s" }
                );
                out
            }
            Error::Conflict { message, help } => {
                format!("error: {}{}", message.words(w), label_help(&help.words(w)))
            }
            Error::Other(e) => format!("error: {e:#}"),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown(Words::ENGLISH))
    }
}

impl std::error::Error for Error {}

impl From<anyhow::Error> for Error {
    fn from(e: anyhow::Error) -> Self {
        Error::Other(e)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
