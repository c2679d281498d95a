//! Where an edit goes in the text: the span of a value to replace, the line after a table's last
//! key, or the place the file's layout gives a new table (records: [`super::records`]). Each
//! function returns the byte range to replace and the new text.

use std::ops::Range;

use toml_edit::{Array, ArrayOfTables, Document, InlineTable, Item, Table, Value};

pub use super::records::append;

use super::text::{ends_blank, indent, key, line_end, line_start, lit, raw};
use super::{Layout, cannot};
use crate::domain::edit::{Lit, Step};
use crate::error::{Result, Said};

/// A table found on the path: written with a header (or the root), or inline.
enum Found<'d> {
    Header(&'d Table),
    Inline(&'d InlineTable),
}

enum Pending<'d> {
    Tables(&'d ArrayOfTables),
    Inline(&'d Array),
}

/// Walks `steps` from the root. Returns the deepest table found and how many steps it took.
fn walk<'d>(doc: &'d Document<&str>, steps: &[Step]) -> Result<(Found<'d>, usize)> {
    let mut here = Found::Header(doc.as_table());
    let mut pending: Option<Pending<'d>> = None;
    for (depth, step) in steps.iter().enumerate() {
        match step {
            Step::Key(k) => {
                let next = match &here {
                    Found::Header(t) => match t.get(k) {
                        None => return Ok((here, depth)),
                        Some(Item::Table(sub)) if sub.is_implicit() && !sub.is_dotted() && depth == 0 => {
                            return Ok((here, depth));
                        }
                        Some(Item::Table(sub)) => Ok(Found::Header(sub)),
                        Some(Item::Value(Value::InlineTable(it))) => Ok(Found::Inline(it)),
                        Some(Item::ArrayOfTables(a)) => Err(Pending::Tables(a)),
                        Some(Item::Value(Value::Array(a))) => Err(Pending::Inline(a)),
                        Some(_) => {
                            return Err(cannot(
                                Said::new("edit.layout.not_table", "`{key}` is not a table").arg("key", k),
                            ));
                        }
                    },
                    Found::Inline(t) => match t.get(k) {
                        None => return Ok((here, depth)),
                        Some(Value::InlineTable(it)) => Ok(Found::Inline(it)),
                        Some(Value::Array(a)) => Err(Pending::Inline(a)),
                        Some(_) => {
                            return Err(cannot(
                                Said::new("edit.layout.not_table", "`{key}` is not a table").arg("key", k),
                            ));
                        }
                    },
                };
                match next {
                    Ok(found) => {
                        here = found;
                        pending = None;
                    }
                    Err(p) => pending = Some(p),
                }
            }
            Step::Index(i) => {
                here = match pending.take() {
                    Some(Pending::Tables(a)) => Found::Header(
                        a.get(*i)
                            .ok_or_else(|| cannot(Said::new("edit.layout.record_moved", "a record moved")))?,
                    ),
                    Some(Pending::Inline(a)) => match a.get(*i) {
                        Some(Value::InlineTable(it)) => Found::Inline(it),
                        _ => {
                            return Err(cannot(Said::new(
                                "edit.layout.record_not_table",
                                "a record is not a table",
                            )));
                        }
                    },
                    None => {
                        return Err(cannot(Said::new(
                            "edit.layout.list_not_list",
                            "a record list is not a list",
                        )));
                    }
                };
            }
        }
    }
    if pending.is_some() {
        return Err(cannot(Said::new("edit.layout.ends_at_list", "the path ends at a list")));
    }
    Ok((here, steps.len()))
}

pub(super) fn span_of(span: Option<Range<usize>>) -> Result<Range<usize>> {
    span.ok_or_else(|| {
        cannot(Said::new(
            "edit.layout.no_position",
            "a position in the file is unknown",
        ))
    })
}

/// The value written in place of `old`: a string keeps its literal quotes when it can.
fn replace(text: &str, old: &Value, value: &Lit) -> Result<(Range<usize>, String)> {
    let span = span_of(old.span())?;
    let literal = text[span.clone()].starts_with('\'') && !text[span.clone()].starts_with("'''");
    Ok((span, lit(value, literal)))
}

/// The end of everything a table holds: its keys, values, sub-tables and records.
pub(super) fn subtree_end(t: &Table) -> usize {
    let mut end = t.span().map_or(0, |s| s.end);
    for (_, item) in t {
        end = end.max(item_end(item));
    }
    end
}

fn item_end(item: &Item) -> usize {
    match item {
        Item::Table(t) => subtree_end(t),
        Item::ArrayOfTables(a) => a.iter().map(subtree_end).max().unwrap_or(0),
        Item::Value(v) => v.span().map_or(0, |s| s.end),
        Item::None => 0,
    }
}

/// The end of the table's own key/value lines (dotted keys included, sub-tables not).
fn own_keys_end(t: &Table) -> Option<usize> {
    t.iter()
        .filter_map(|(_, item)| match item {
            Item::Value(v) => v.span().map(|s| s.end),
            Item::Table(sub) if sub.is_dotted() => own_keys_end(sub),
            _ => None,
        })
        .max()
}

/// The indentation of the table's last key.
pub(super) fn key_indent<'t>(t: &'t Table, text: &'t str) -> &'t str {
    t.iter()
        .filter(|(_, i)| i.is_value())
        .last()
        .and_then(|(k, _)| t.key(k))
        .map_or("", |k| indent(raw(k.leaf_decor().prefix(), text)))
}

/// Where the decor before a header starts (its comments and blank lines belong to it).
pub(super) fn header_start(t: &Table, text: &str) -> usize {
    let start = t.span().map_or(0, |s| s.start);
    let prefix = raw(t.decor().prefix(), text);
    start.saturating_sub(prefix.len())
}

/// Where the comments that belong to a header start: after the last blank line of its decor
/// (the lines above it belong to the section before, such as the placeholders `kam new` writes).
fn attached_start(t: &Table, text: &str) -> usize {
    let start = header_start(t, text);
    let header = t.span().map_or(start, |s| s.start);
    let prefix = &text[start..header.max(start)];
    let mut at = 0;
    let mut after_blank = None;
    for line in prefix.split_inclusive('\n') {
        at += line.len();
        if line.trim().is_empty() && line.ends_with('\n') {
            after_blank = Some(at);
        }
    }
    start + after_blank.unwrap_or(0)
}

/// `key = value` in the table at `steps`.
pub fn set(
    text: &str,
    doc: &Document<&str>,
    steps: &[Step],
    k: &str,
    value: &Lit,
    layout: &Layout,
) -> Result<(Range<usize>, String)> {
    let eol = super::text::line_ending(text);
    let (found, depth) = walk(doc, steps)?;
    if depth < steps.len() {
        // The missing tables are written inline in the deepest one found, or, at the top level,
        // as a new [section].
        let missing: Vec<&str> = steps[depth..]
            .iter()
            .filter_map(|s| match s {
                Step::Key(k) => Some(k.as_str()),
                Step::Index(_) => None,
            })
            .collect();
        if missing.len() != steps.len() - depth {
            return Err(cannot(Said::new("edit.layout.no_record", "a record does not exist")));
        }
        if depth == 0 {
            return Ok(section(text, doc, &missing, k, value, layout, eol));
        }
        let mut nested = Lit::Table(vec![(k.to_string(), value.clone())]);
        for m in missing[1..].iter().rev() {
            nested = Lit::Table(vec![((*m).to_string(), nested)]);
        }
        return insert(text, &found, missing[0], &nested, eol);
    }
    match &found {
        Found::Header(t) => match t.get(k) {
            Some(Item::Value(old)) => replace(text, old, value),
            Some(_) => Err(cannot(
                Said::new("edit.layout.a_table", "`{key}` is a table; set its keys one by one").arg("key", k),
            )),
            None => insert(text, &found, k, value, eol),
        },
        Found::Inline(t) => match t.get(k) {
            Some(old) => replace(text, old, value),
            None => insert(text, &found, k, value, eol),
        },
    }
}

/// A key that is not there yet, added after the table's last key.
fn insert(text: &str, found: &Found<'_>, k: &str, value: &Lit, eol: &str) -> Result<(Range<usize>, String)> {
    let pair = format!("{} = {}", key(k), lit(value, false));
    match found {
        Found::Header(t) => {
            if t.is_dotted() {
                return Err(cannot(
                    Said::new(
                        "edit.layout.dotted",
                        "the table holding `{key}` is written as dotted keys",
                    )
                    .arg("key", k),
                ));
            }
            if let Some((range, explanation, column)) = super::placeholder::find(text, t, k) {
                // The commented placeholder `kam new` wrote for this key takes the value.
                let line = &text[range.clone()];
                let indent = &line[..line.len() - line.trim_start().len()];
                return Ok((range, super::placeholder::filled(indent, &pair, explanation, column)));
            }
            let root = t.span().is_some_and(|s| s.is_empty() && s.start == 0);
            let after = match own_keys_end(t) {
                Some(end) => line_end(text, end),
                None if root => 0,
                None => line_end(text, span_of(t.span())?.end),
            };
            let mut new = String::new();
            if after == text.len() && !text.is_empty() && !text.ends_with('\n') {
                new.push_str(eol);
            }
            new.push_str(key_indent(t, text));
            new.push_str(&pair);
            new.push_str(eol);
            Ok((after..after, new))
        }
        Found::Inline(t) => {
            let span = span_of(t.span())?;
            match t.iter().last() {
                None => Ok((span, format!("{{ {pair} }}"))),
                Some((_, v)) => {
                    let end = span_of(v.span())?.end;
                    Ok((end..end, format!(", {pair}")))
                }
            }
        }
    }
}

/// A new top-level `[name]` section holding `key = value`, where the layout puts it.
fn section(
    text: &str,
    doc: &Document<&str>,
    missing: &[&str],
    k: &str,
    value: &Lit,
    layout: &Layout,
    eol: &str,
) -> (Range<usize>, String) {
    let name = missing[0];
    let (leaf, inner) = if missing.len() > 1 {
        (missing[1].to_string(), nest(&missing[1..], k, value))
    } else {
        (k.to_string(), value.clone())
    };
    let body = format!("[{}]{eol}{} = {}{eol}", key(name), key(&leaf), lit(&inner, false));
    let root = doc.as_table();
    let pos = layout.sections.iter().position(|s| s == name);
    let present = |s: &str| match root.get(s) {
        Some(Item::Table(t)) if !t.is_implicit() => Some(t),
        _ => None,
    };
    // After the section that comes before it in the layout and ends last in the file.
    let before = pos.and_then(|p| {
        layout.sections[..p]
            .iter()
            .filter_map(|s| present(s))
            .map(subtree_end)
            .max()
    });
    if let Some(end) = before {
        // After the section's trailing comments too (the placeholders `kam new` wrote under it).
        let at = super::placeholder::after_trailing_comments(text, line_end(text, end));
        let gap = if at == text.len() && !text.ends_with('\n') {
            eol.repeat(2)
        } else {
            eol.to_string()
        };
        return (at..at, format!("{gap}{body}"));
    }
    // Before the first of its own sub-tables ([procurement.steps] without [procurement]), else
    // before the first section that comes after it, else before the first header of the file.
    let sub = match root.get(name) {
        Some(Item::Table(t)) => t
            .iter()
            .filter_map(|(_, i)| i.as_table())
            .map(|t| attached_start(t, text))
            .min(),
        _ => None,
    };
    let after_it = pos.and_then(|p| {
        layout.sections[p + 1..]
            .iter()
            .filter_map(|s| present(s))
            .map(|t| attached_start(t, text))
            .min()
    });
    let first_header = first_header(root, text);
    if let Some(at) = sub.or(after_it).or(first_header) {
        let at = line_start(text, at.min(text.len()));
        let gap = if ends_blank(&text[..at]) { "" } else { eol };
        return (at..at, format!("{gap}{body}{eol}"));
    }
    let end = text.len();
    let before_body = if text.is_empty() {
        String::new()
    } else if text.ends_with('\n') {
        if ends_blank(text) {
            String::new()
        } else {
            eol.to_string()
        }
    } else {
        eol.repeat(2)
    };
    (end..end, format!("{before_body}{body}"))
}

fn nest(missing: &[&str], k: &str, value: &Lit) -> Lit {
    let mut inner = Lit::Table(vec![(k.to_string(), value.clone())]);
    for m in missing[1..].iter().rev() {
        inner = Lit::Table(vec![((*m).to_string(), inner)]);
    }
    inner
}

/// The start of the first header of the file (with its decor).
fn first_header(root: &Table, text: &str) -> Option<usize> {
    root.iter()
        .filter_map(|(_, item)| match item {
            Item::Table(t) if !t.is_implicit() && !t.is_dotted() => Some(header_start(t, text)),
            Item::Table(t) => first_header(t, text),
            Item::ArrayOfTables(a) => a.iter().next().map(|t| header_start(t, text)),
            _ => None,
        })
        .min()
}

/// The key and its line(s) removed.
pub fn remove(text: &str, doc: &Document<&str>, steps: &[Step], k: &str) -> Result<(Range<usize>, String)> {
    let (found, depth) = walk(doc, steps)?;
    if depth < steps.len() {
        return Err(cannot(
            Said::new("edit.layout.not_there", "`{key}` is not there").arg("key", k),
        ));
    }
    match found {
        Found::Header(t) => {
            let (kk, item) = t
                .get_key_value(k)
                .ok_or_else(|| cannot(Said::new("edit.layout.not_there", "`{key}` is not there").arg("key", k)))?;
            let Item::Value(v) = item else {
                return Err(cannot(
                    Said::new(
                        "edit.layout.own_table",
                        "`{key}` is a table of its own; remove it with `kam edit`",
                    )
                    .arg("key", k),
                ));
            };
            let start = line_start(text, span_of(kk.span())?.start);
            let end = line_end(text, span_of(v.span())?.end);
            Ok((start..end, String::new()))
        }
        Found::Inline(t) => {
            let (kk, v) = t
                .get_key_value(k)
                .ok_or_else(|| cannot(Said::new("edit.layout.not_there", "`{key}` is not there").arg("key", k)))?;
            let start = span_of(kk.span())?.start;
            let end = span_of(v.span())?.end;
            let rest = &text[end..];
            let trimmed = rest.trim_start_matches([' ', '\t']);
            if let Some(after_comma) = trimmed.strip_prefix(',') {
                let skip = rest.len() - after_comma.trim_start_matches([' ', '\t']).len();
                return Ok((start..end + skip, String::new()));
            }
            let before = text[..start].trim_end_matches([' ', '\t']);
            match before.strip_suffix(',') {
                Some(b) => Ok((b.len()..end, String::new())),
                None => Ok((start..end, String::new())),
            }
        }
    }
}
