//! Account files: the loading of a file as a `Source`, through the one safe reader
//! ([`crate::io::source::read`]). The parse step itself is pure and lives in
//! [`crate::domain::account::parse`]; it is re-exported here for the commands that load and parse.
//! Editing and writing live in `account_edit`.

use std::path::Path;

pub use crate::domain::account::parse::{parse, parse_in};
use crate::domain::diagnostic::{Code, Diagnostic};
use crate::domain::playbook::Playbook;
use crate::io::source::{Source, read};

/// Reads an account file inside the workspace `within` (a canonical folder); a file that cannot
/// be read — or must not be: a link out of the workspace, a FIFO, a device — becomes a
/// diagnostic of that file, without its content, in the playbook's words.
pub fn load(pb: &Playbook, path: &Path, name: String, within: &Path) -> Result<Source, (String, Diagnostic)> {
    match read(path, within) {
        Ok((text, _real, stamp)) => Ok(Source {
            path: path.to_path_buf(),
            name,
            text,
            stamp,
        }),
        Err(e) => Err((
            name,
            Diagnostic::error(Code::Unreadable, 0..0, e.message_in(pb)).with_help(e.help_in(pb)),
        )),
    }
}
