//! Account files: the parse step (text → spanned TOML tree, every syntax error reported) and the
//! loading of a file as a `Source`. Editing and writing live in `account_write`.

use std::path::Path;

use crate::domain::diagnostic::{Code, Diagnostic};
use crate::domain::value::{Spanned, Table};
use crate::io::source::{ReadError, Source, read_text};

/// Parses an account file. On syntax errors returns all of them (the parser recovers and goes on).
pub fn parse(text: &str) -> Result<Spanned<Table<'_>>, Vec<Diagnostic>> {
    let (root, errors) = Table::parse_recoverable(text);
    if errors.is_empty() {
        return Ok(root);
    }
    let mut diags: Vec<Diagnostic> = errors
        .into_iter()
        .map(|e| {
            let span = e.span().unwrap_or(0..0);
            let message = e.message().trim().to_string();
            let message = if message.is_empty() {
                "invalid TOML".to_string()
            } else {
                format!("invalid TOML: {message}")
            };
            Diagnostic::error(Code::Syntax, span, message).with_help(syntax_help(text))
        })
        .collect();
    diags.dedup_by(|a, b| a.span == b.span && a.message == b.message);
    Err(diags)
}

fn syntax_help(text: &str) -> &'static str {
    if text.starts_with('\u{feff}') {
        "the file starts with a byte-order mark; save it as UTF-8 without BOM"
    } else {
        "account files are TOML: key = value, [group], [[contacts]]; strings in \"quotes\", dates as 2026-03-14"
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_every_syntax_error() {
        let text = "a = \nb = 1\nc = [1,\n";
        let errs = parse(text).unwrap_err();
        assert!(!errs.is_empty());
        assert!(errs.iter().all(|d| d.code == Code::Syntax));
    }

    #[test]
    fn parses_valid_toml() {
        let root = parse("id = \"x\"\n[company]\nindustry = \"y\"\n").unwrap();
        assert!(root.get_ref().contains_key("company"));
    }
}
