//! Reading text files with the limits kam holds to: UTF-8 only, no larger than a sane account or
//! playbook could be. Line and column of a position: [`crate::domain::diagnostic::line_col`].

use std::path::{Path, PathBuf};

/// Account files larger than this are refused unparsed; a real account is a few kilobytes.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// A file's text with the name kam shows for it (relative to the workspace where possible).
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub name: String,
    pub text: String,
}

/// Why a file could not be read as text.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    TooLarge(u64),
    NotUtf8 { valid_up_to: usize },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "cannot read the file: {e}"),
            ReadError::TooLarge(n) => write!(
                f,
                "the file is {n} bytes; kam refuses files over {MAX_FILE_BYTES} bytes"
            ),
            ReadError::NotUtf8 { valid_up_to } => {
                write!(f, "the file is not UTF-8 text (invalid bytes after byte {valid_up_to})")
            }
        }
    }
}

/// Reads a text file, refusing huge and non-UTF-8 files.
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let len = file.metadata().map_err(ReadError::Io)?.len();
    if len > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(len));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    // Read one byte past the limit so a file that grew after stat is still caught.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|e| ReadError::NotUtf8 {
        valid_up_to: e.utf8_error().valid_up_to(),
    })
}
