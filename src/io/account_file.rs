//! Account files: the loading of a file as a `Source`. The parse step itself is pure and lives in
//! [`crate::domain::account::parse`]; it is re-exported here for the commands that load and parse.
//! Editing and writing live in `account_edit`.

use std::path::Path;

pub use crate::domain::account::parse::parse;
use crate::domain::diagnostic::{Code, Diagnostic};
use crate::io::source::{ReadError, Source, read_text};

/// Reads an account file; a file that cannot be read becomes a diagnostic of that file.
pub fn load(path: &Path, name: String) -> Result<Source, (String, Diagnostic)> {
    match read_text(path) {
        Ok(text) => Ok(Source {
            path: path.to_path_buf(),
            name,
            text,
        }),
        Err(e) => {
            let help = match &e {
                ReadError::NotUtf8 { .. } => "save the file as UTF-8",
                ReadError::TooLarge(_) => "an account file holds one client; split or trim it",
                ReadError::Io(_) => "check the file's permissions",
            };
            Err((
                name,
                Diagnostic::error(Code::Unreadable, 0..0, e.to_string()).with_help(help),
            ))
        }
    }
}
