//! Where a new record goes: after the last record of its kind, in the style of that record (blank
//! lines, indentation); the first record of a kind before the records of the kinds that follow it
//! (contacts, competitors, visits, plan, history), else at the end of the file; one more inline
//! table in an inline array (`history = [{ … }]`).

use std::ops::Range;

use toml_edit::{Array, Document, Item, Table, Value};

use super::cannot;
use super::place::{header_start, key_indent, span_of, subtree_end};
use super::text::{ends_blank, indent, key, line_end, line_start, lit, raw};
use crate::domain::edit::Lit;
use crate::error::{Result, Said};

/// The record lists of an account file, in the order files keep them.
const RECORD_ORDER: [&str; 5] = ["contacts", "competitors", "visits", "plan", "history"];

/// A record appended to the top-level list `array`.
pub fn append(
    text: &str,
    doc: &Document<&str>,
    array: &str,
    record: &[(String, Lit)],
) -> Result<(Range<usize>, String)> {
    let eol = super::text::line_ending(text);
    let root = doc.as_table();
    match root.get(array) {
        Some(Item::ArrayOfTables(tables)) => {
            let last = tables.iter().last();
            let end = last.map_or(text.len(), subtree_end);
            let at = line_end(text, end);
            Ok((at..at, block(text, root, at, last, array, record, eol)))
        }
        Some(Item::Value(Value::Array(items))) if items.iter().all(Value::is_inline_table) => {
            inline(text, items, record, eol)
        }
        Some(_) => Err(cannot(
            Said::new(
                "edit.layout.not_records",
                "`{list}` is not a list of [[{list}]] records (see `kam check`)",
            )
            .arg("list", array),
        )),
        None => {
            // The first records of a kind go before the records of the kinds that follow it
            // (contacts, competitors, visits, plan, history), else at the end of the file.
            let here = RECORD_ORDER
                .iter()
                .position(|r| *r == array)
                .unwrap_or(RECORD_ORDER.len());
            let tables = |name: &str| match root.get(name) {
                Some(Item::ArrayOfTables(a)) => Some(a),
                _ => None,
            };
            let after = RECORD_ORDER[here.min(RECORD_ORDER.len())..]
                .iter()
                .skip(1)
                .filter_map(|r| tables(r))
                .filter_map(|a| a.iter().next().map(|t| header_start(t, text)))
                .min();
            if let Some(at) = after {
                let at = line_start(text, at);
                let mut b = block(text, root, at, None, array, record, eol);
                // A blank line between the new records and the header that follows, unless the
                // header's own decor starts with one.
                let rest = &text[at..];
                if b.starts_with(eol) && !rest.starts_with('\n') && !rest.starts_with("\r\n") {
                    b.push_str(eol);
                }
                return Ok((at..at, b));
            }
            let at = text.len();
            Ok((at..at, block(text, root, at, None, array, record, eol)))
        }
    }
}

/// Every table written with a `[header]`, nested ones too.
fn headers<'d>(t: &'d Table, out: &mut Vec<&'d Table>) {
    for (_, item) in t {
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
fn last_header(root: &Table) -> Option<&Table> {
    let mut all = Vec::new();
    headers(root, &mut all);
    all.into_iter().max_by_key(|t| t.span().map_or(0, |s| s.start))
}

/// A `[[array]]` block inserted at `at`, in the file's style: a blank line before it when the
/// previous record (else the last header of the file) has one, the key indentation of the
/// previous record.
fn block(
    text: &str,
    root: &Table,
    at: usize,
    last: Option<&Table>,
    array: &str,
    record: &[(String, Lit)],
    eol: &str,
) -> String {
    let mut out = String::new();
    let head = &text[..at];
    if !head.is_empty() && !head.ends_with('\n') {
        out.push_str(eol);
    }
    let style = last.or_else(|| last_header(root));
    let blank_before = style.is_none_or(|t| {
        raw(t.decor().prefix(), text)
            .lines()
            .next()
            .is_some_and(|line| line.trim().is_empty())
    });
    if blank_before && !head.is_empty() && !ends_blank(head) {
        out.push_str(eol);
    }
    let pad = last.map_or("", |t| key_indent(t, text));
    out.push_str("[[");
    out.push_str(&key(array));
    out.push_str("]]");
    out.push_str(eol);
    for (k, v) in record {
        out.push_str(pad);
        out.push_str(&key(k));
        out.push_str(" = ");
        out.push_str(&lit(v, false));
        out.push_str(eol);
    }
    out
}

/// For `history = [ { … }, … ]`: the record as one more inline table after the last one.
fn inline(text: &str, items: &Array, record: &[(String, Lit)], eol: &str) -> Result<(Range<usize>, String)> {
    let table = lit(&Lit::Table(record.to_vec()), false);
    let Some(last) = items.iter().last() else {
        let span = span_of(items.span())?;
        return Ok((span.start + 1..span.start + 1, table));
    };
    let span = span_of(last.span())?;
    let prefix = raw(last.decor().prefix(), text);
    let gap = if prefix.contains('\n') {
        format!("{eol}{}", indent(prefix))
    } else {
        " ".to_string()
    };
    Ok((span.end..span.end, format!(",{gap}{table}")))
}
