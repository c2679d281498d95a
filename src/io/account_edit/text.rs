//! The text side of the edit engine: TOML literals written the way a person would, the file's
//! line ending and indentation, and line boundaries around spans.

use std::fmt::Write;

use toml_edit::RawString;

use crate::domain::edit::Lit;

/// The file's line ending: that of its first line, LF for a one-line file.
pub fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// A TOML string on one line: basic (`"…"`) with escapes, or literal (`'…'`) when the old value
/// was literal and the new one can be.
pub fn string(s: &str, literal: bool) -> String {
    if literal && !s.chars().any(|c| c == '\'' || c.is_control()) {
        return format!("'{s}'");
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A key, bare when it can be.
pub fn key(k: &str) -> String {
    if !k.is_empty() && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
        k.to_string()
    } else {
        string(k, false)
    }
}

/// A value as TOML text, on one line.
pub fn lit(value: &Lit, literal: bool) -> String {
    match value {
        Lit::Str(s) => string(s, literal),
        Lit::Int(i) => i.to_string(),
        Lit::Float(f) => format!("{f:?}"),
        Lit::Bool(b) => b.to_string(),
        Lit::Date(d) => d.to_string(),
        Lit::Array(items) => {
            let parts: Vec<String> = items.iter().map(|i| lit(i, false)).collect();
            format!("[{}]", parts.join(", "))
        }
        Lit::Table(kv) => {
            let parts: Vec<String> = kv
                .iter()
                .map(|(k, v)| format!("{} = {}", key(k), lit(v, false)))
                .collect();
            format!("{{ {} }}", parts.join(", "))
        }
    }
}

/// The text of a piece of decor (comments and whitespace), wherever `toml_edit` keeps it.
pub fn raw<'a>(raw: Option<&'a RawString>, text: &'a str) -> &'a str {
    raw.and_then(|r| r.as_str().or_else(|| r.span().and_then(|s| text.get(s))))
        .unwrap_or("")
}

/// The whitespace after the last line break of `decor`, if that is all there is.
pub fn indent(decor: &str) -> &str {
    let tail = decor.rsplit('\n').next().unwrap_or("");
    if tail.chars().all(|c| c == ' ' || c == '\t') {
        tail
    } else {
        ""
    }
}

/// Whether the text ends with an empty line (or is empty).
pub fn ends_blank(text: &str) -> bool {
    let body = text
        .strip_suffix('\n')
        .map_or(text, |t| t.strip_suffix('\r').unwrap_or(t));
    body.rsplit('\n').next().is_none_or(|last| last.trim().is_empty())
}

/// The position just after the line break that ends the line holding `pos` (or the end).
pub fn line_end(text: &str, pos: usize) -> usize {
    text[pos.min(text.len())..]
        .find('\n')
        .map_or(text.len(), |i| pos + i + 1)
}

/// The position where the line holding `pos` starts.
pub fn line_start(text: &str, pos: usize) -> usize {
    text[..pos.min(text.len())].rfind('\n').map_or(0, |i| i + 1)
}
