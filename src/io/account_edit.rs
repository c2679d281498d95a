//! Applies a stage transition to an account file's text, keeping every byte the move does not
//! need to change. `toml_edit` parses the file with the position of every value and its decor;
//! the edit then replaces exactly the `stage` value (its quotes style kept, its trailing comment
//! and spacing untouched) and appends one `[[history]]` record, written in the file's own line
//! endings and indentation. Printing the whole document back through `toml_edit` would turn CRLF
//! into LF and add a final newline, so the original text is spliced instead, and the result is
//! parsed again to prove it says what was intended.

use std::fmt::Write;
use std::ops::Range;

use toml_edit::{Array, Document, Item, RawString, Table, Value};

use crate::domain::gate::transition::{Entry, Transition};
use crate::error::{Error, Result};

/// The file's text with `stage` set to `t.to` and `t`'s history record appended.
pub fn apply(text: &str, t: &Transition) -> Result<String> {
    let doc = Document::parse(text).map_err(|e| cannot(&format!("it is not valid TOML: {}", e.message())))?;
    let eol = line_ending(text);
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();

    let stage = doc
        .get("stage")
        .and_then(Item::as_value)
        .filter(|v| v.is_str())
        .ok_or_else(|| cannot("it has no `stage = \"…\"` line"))?;
    let span = stage
        .span()
        .ok_or_else(|| cannot("the position of `stage` is unknown"))?;
    let literal = text[span.clone()].starts_with('\'');
    edits.push((span, string(&t.to, literal)));

    let record = t.record();
    let end = text.len()..text.len();
    let before = match doc.get("history") {
        None => {
            edits.push((end, block(text, doc.as_table(), None, &record, eol)));
            0
        }
        Some(Item::ArrayOfTables(tables)) => {
            edits.push((end, block(text, doc.as_table(), tables.iter().last(), &record, eol)));
            tables.len()
        }
        Some(Item::Value(Value::Array(items))) if items.iter().all(Value::is_inline_table) => {
            edits.push(inline(text, items, &record, eol)?);
            items.len()
        }
        Some(_) => {
            return Err(cannot(
                "`history` is not a list of [[history]] records (see `kam check`)",
            ));
        }
    };

    edits.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(text.len() + 200);
    let mut at = 0;
    for (range, new) in edits {
        out.push_str(&text[at..range.start]);
        out.push_str(&new);
        at = range.end;
    }
    out.push_str(&text[at..]);
    verify(&out, t, before)?;
    Ok(out)
}

fn cannot(why: &str) -> Error {
    Error::usage_with_help(
        format!("kam cannot edit the account file: {why}"),
        "nothing was written; `kam check` shows what to fix",
    )
}

/// The file's line ending: that of its first line, LF for a one-line file.
fn line_ending(text: &str) -> &'static str {
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

fn value(entry: &Entry) -> String {
    match entry {
        Entry::Text(s) => string(s, false),
        Entry::Date(d) => d.to_string(),
    }
}

/// The text of a piece of decor (comments and whitespace), wherever `toml_edit` keeps it.
fn raw<'a>(raw: Option<&'a RawString>, text: &'a str) -> &'a str {
    raw.and_then(|r| r.as_str().or_else(|| r.span().and_then(|s| text.get(s))))
        .unwrap_or("")
}

/// The whitespace after the last line break of `decor`, if that is all there is.
fn indent(decor: &str) -> &str {
    let tail = decor.rsplit('\n').next().unwrap_or("");
    if tail.chars().all(|c| c == ' ' || c == '\t') {
        tail
    } else {
        ""
    }
}

/// Whether the text ends with an empty line (or is empty).
fn ends_blank(text: &str) -> bool {
    let body = text
        .strip_suffix('\n')
        .map_or(text, |t| t.strip_suffix('\r').unwrap_or(t));
    body.rsplit('\n').next().is_none_or(|last| last.trim().is_empty())
}

/// Every table written with a `[header]` (dotted and implicit tables have none), nested ones too.
fn headers<'d>(table: &'d Table, out: &mut Vec<&'d Table>) {
    for (_, item) in table {
        let tables: Vec<&Table> = match item {
            Item::Table(t) => vec![t],
            Item::ArrayOfTables(a) => a.iter().collect(),
            _ => continue,
        };
        for t in tables {
            if !t.is_implicit() && !t.is_dotted() {
                out.push(t);
            }
            headers(t, out);
        }
    }
}

/// The table whose header comes last in the file.
fn last_header(doc: &Table) -> Option<&Table> {
    let mut all = Vec::new();
    headers(doc, &mut all);
    all.into_iter().max_by_key(|t| t.span().map_or(0, |s| s.start))
}

/// A `[[history]]` block to append at the end of the file, in the file's style: a blank line
/// before it when the last table header of the file has one, and the key indentation of the
/// last history record.
fn block(text: &str, doc: &Table, last: Option<&Table>, record: &[(&str, Entry)], eol: &str) -> String {
    let mut out = String::new();
    if !text.is_empty() && !text.ends_with('\n') {
        out.push_str(eol);
    }
    let blank_before = last_header(doc).is_none_or(|t| {
        raw(t.decor().prefix(), text)
            .lines()
            .next()
            .is_some_and(|line| line.trim().is_empty())
    });
    if blank_before && !ends_blank(text) {
        out.push_str(eol);
    }
    let pad = last
        .and_then(|t| t.iter().next().and_then(|(k, _)| t.key(k)))
        .map_or("", |k| indent(raw(k.leaf_decor().prefix(), text)));
    out.push_str("[[history]]");
    out.push_str(eol);
    for (key, entry) in record {
        out.push_str(pad);
        out.push_str(key);
        out.push_str(" = ");
        out.push_str(&value(entry));
        out.push_str(eol);
    }
    out
}

/// For `history = [ { … }, … ]`: the record as one more inline table after the last one.
fn inline(text: &str, items: &Array, record: &[(&str, Entry)], eol: &str) -> Result<(Range<usize>, String)> {
    let pairs: Vec<String> = record.iter().map(|(k, e)| format!("{k} = {}", value(e))).collect();
    let table = format!("{{ {} }}", pairs.join(", "));
    let Some(last) = items.iter().last() else {
        let span = items
            .span()
            .ok_or_else(|| cannot("the position of `history` is unknown"))?;
        return Ok((span.start + 1..span.start + 1, table));
    };
    let span = last
        .span()
        .ok_or_else(|| cannot("the position of `history` is unknown"))?;
    let prefix = raw(last.decor().prefix(), text);
    let gap = if prefix.contains('\n') {
        format!("{eol}{}", indent(prefix))
    } else {
        " ".to_string()
    };
    Ok((span.end..span.end, format!(",{gap}{table}")))
}

/// Parses the result and checks it holds the intended stage and one more history record ending
/// at it. A failure here is a bug in the edit; the file is left as it was.
fn verify(out: &str, t: &Transition, before: usize) -> Result<()> {
    let fail = |why: &str| {
        Error::Other(anyhow::anyhow!(
            "the edited account file would be wrong ({why}); nothing was written — please report this"
        ))
    };
    let doc = Document::parse(out).map_err(|_| fail("not valid TOML"))?;
    if doc.get("stage").and_then(Item::as_str) != Some(t.to.as_str()) {
        return Err(fail("stage"));
    }
    let (count, last_to) = match doc.get("history") {
        Some(Item::ArrayOfTables(a)) => (
            a.len(),
            a.iter().last().and_then(|t| t.get("to")).and_then(Item::as_str),
        ),
        Some(Item::Value(Value::Array(a))) => (
            a.len(),
            a.iter()
                .last()
                .and_then(Value::as_inline_table)
                .and_then(|t| t.get("to"))
                .and_then(Value::as_str),
        ),
        _ => (0, None),
    };
    if count != before + 1 {
        return Err(fail("history"));
    }
    if last_to != Some(t.to.as_str()) {
        return Err(fail("last history record"));
    }
    Ok(())
}

#[cfg(test)]
#[path = "account_edit_tests.rs"]
mod tests;
