//! The parse step of an account file: text → spanned TOML tree, with every syntax error reported
//! as a diagnostic (the parser recovers and goes on).

use crate::domain::account::field::DETAILED;
use crate::domain::account::value::{Spanned, Table};
use crate::domain::diagnostic::{Code, Diagnostic};

/// Parses an account file. On syntax errors returns all of them (the parser recovers and goes on).
pub fn parse(text: &str) -> Result<Spanned<Table<'_>>, Vec<Diagnostic>> {
    let (root, errors) = Table::parse_recoverable(text);
    if errors.is_empty() {
        return Ok(root);
    }
    // Past the first few hundred, a file of errors is hostile or hopeless: those get no help
    // line (the same for all of them), which keeps a million of them cheap.
    let mut diags: Vec<Diagnostic> = errors
        .into_iter()
        .enumerate()
        .map(|(i, e)| {
            let span = e.span().unwrap_or(0..0);
            let message = e.message().trim();
            let message = if message.is_empty() {
                "invalid TOML".to_string()
            } else {
                format!("invalid TOML: {message}")
            };
            let d = Diagnostic::error(Code::Syntax, span, message);
            if i < DETAILED {
                d.with_help(syntax_help(text))
            } else {
                d
            }
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
