//! The parse step of an account file: text → spanned TOML tree, with every syntax error reported
//! as a diagnostic (the parser recovers and goes on).

use crate::domain::account::field::DETAILED;
use crate::domain::account::toml_words::syntax_message;
use crate::domain::account::value::{Spanned, Table};
use crate::domain::diagnostic::{Code, Diagnostic};
use crate::domain::playbook::{Playbook, Words};

/// Parses an account file. On syntax errors returns all of them (the parser recovers and goes on),
/// in English: for callers that only ask whether the file parses.
pub fn parse(text: &str) -> Result<Spanned<Table<'_>>, Vec<Diagnostic>> {
    parse_words(text, Words::ENGLISH)
}

/// [`parse`], its syntax errors in the playbook's words.
pub fn parse_in<'t>(pb: &Playbook, text: &'t str) -> Result<Spanned<Table<'t>>, Vec<Diagnostic>> {
    parse_words(text, pb.words())
}

fn parse_words<'t>(text: &'t str, pb: Words<'_>) -> Result<Spanned<Table<'t>>, Vec<Diagnostic>> {
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
            let d = Diagnostic::error(Code::Syntax, span.clone(), syntax_message(pb, e.message()));
            if i < DETAILED {
                // The specific help reads back through the file: only the first few errors get it.
                let specific = if i < SPECIFIC {
                    specific_help(pb, text, span, e.message())
                } else {
                    None
                };
                d.with_help(specific.unwrap_or_else(|| syntax_help(pb, text).to_string()))
            } else {
                d
            }
        })
        .collect();
    diags.dedup_by(|a, b| a.span == b.span && a.message == b.message);
    Err(diags)
}

/// How many syntax errors of one file get a help of their own (each may read the file back).
const SPECIFIC: usize = 20;

/// A help that fits this very error: a date written with slashes, a table written twice.
fn specific_help(pb: Words<'_>, text: &str, span: std::ops::Range<usize>, message: &str) -> Option<String> {
    let line_start = text[..span.start.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[line_start..].find('\n').map_or(text.len(), |i| line_start + i);
    let line = &text[line_start..line_end];
    if let Some((_, value)) = line.split_once('=')
        && let Some(iso) = date_hint(value.trim().trim_matches('"'))
    {
        return Some(pb.fill("check.toml.date_help", "write dates as {date}", &[("date", &iso)]));
    }
    if message.contains("duplicate key") {
        let header = line.trim();
        if header.starts_with('[') && !header.starts_with("[[") {
            let first = text[..line_start]
                .lines()
                .position(|l| l.trim() == header)
                .map(|n| n + 1)?;
            return Some(pb.fill(
                "check.toml.table_twice_help",
                "{header} is already defined on line {line}; write its keys under that one",
                &[("header", &header), ("line", &first)],
            ));
        }
        let key = line.split('=').next().unwrap_or("").trim();
        if !key.is_empty() {
            return Some(pb.fill(
                "check.toml.key_twice_help",
                "`{key}` is written twice in this table; keep one",
                &[("key", &key)],
            ));
        }
    }
    None
}

/// For a date written another way (`2026/11/20`, `2026.11.20`, `20.11.2026`), the same date as
/// TOML writes it (`2026-11-20`).
pub fn date_hint(written: &str) -> Option<String> {
    let parts: Vec<&str> = written.trim().split(['/', '.']).collect();
    if parts.len() != 3
        || !parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    let (y, m, d) = if parts[0].len() == 4 {
        (n[0], n[1], n[2])
    } else if parts[2].len() == 4 {
        (n[2], n[1], n[0])
    } else {
        return None;
    };
    chrono::NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d).map(|date| date.format("%Y-%m-%d").to_string())
}

fn syntax_help<'a>(pb: Words<'a>, text: &str) -> &'a str {
    if text.starts_with('\u{feff}') {
        pb.text(
            "check.toml.bom_help",
            "the file starts with a byte-order mark; save it as UTF-8 without BOM",
        )
    } else {
        pb.text(
            "check.toml.help",
            "account files are TOML: key = value, [group], [[contacts]]; strings in \"quotes\", dates as 2026-03-14",
        )
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
    fn a_date_with_slashes_gets_the_iso_form() {
        let errs = parse("founded = 2026/11/20\n").unwrap_err();
        assert_eq!(errs[0].help.as_deref(), Some("write dates as 2026-11-20"));
        assert_eq!(date_hint("20.11.2026").as_deref(), Some("2026-11-20"));
        assert_eq!(date_hint("2026/13/01"), None);
    }

    #[test]
    fn a_table_written_twice_says_where_the_first_is() {
        let errs = parse("id = \"x\"\n[company]\na = 1\n\n[company]\nb = 2\n").unwrap_err();
        let help = errs[0].help.as_deref().unwrap();
        assert_eq!(
            help,
            "[company] is already defined on line 2; write its keys under that one"
        );
    }

    #[test]
    fn parses_valid_toml() {
        let root = parse("id = \"x\"\n[company]\nindustry = \"y\"\n").unwrap();
        assert!(root.get_ref().contains_key("company"));
    }
}
