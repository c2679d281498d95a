//! Diagnostics with personal data masked. CI logs keep what `kam check` prints, so a diagnostic
//! about a sensitive field names the field and the problem, and its value shows nowhere: not in
//! the message or help (the value is replaced by [`super::hidden`]), not in the source excerpt
//! (the value's characters are replaced by `*`, `·` or `•`, one per character and of the same
//! length in bytes, so positions and line numbers stay right). Other diagnostics whose excerpt
//! shows a line with a sensitive value get the excerpt masked too.
//!
//! Where the file parsed, the sensitive values are found in its tree by the playbook's fields;
//! where it did not, by a reading of its lines: the value after any key that some scope of the
//! playbook marks sensitive is masked, to the end of its brackets or multi-line string, else to
//! the end of its line (a stray quote inside the value must not let the rest of it show).

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;

use crate::domain::account::value::{Node, Spanned, Table, Value};
use crate::domain::diagnostic::Diagnostic;
use crate::domain::playbook::{Field, Kind, Playbook, TOP_RECORDS};

/// A sensitive value in a file: its span and the texts that would give it away in a message.
#[derive(Debug, Clone, Default)]
pub struct Secret {
    pub span: Range<usize>,
    pub texts: Vec<String>,
}

/// The sensitive values of a parsed account file, in file order.
pub fn secrets(pb: &Playbook, root: &Spanned<Table<'_>>) -> Vec<Secret> {
    let mut out = Vec::new();
    for (key, node) in root.get_ref() {
        let k = key.get_ref().as_ref();
        if let Some(f) = pb.doc.account.field(k) {
            field(pb, f, node, &mut out);
        } else if let Some(group) = pb.group(k) {
            if let Value::Table(t) = node.get_ref() {
                table(pb, &group.fields, t, &mut out);
            }
        } else if TOP_RECORDS.contains(&k)
            && let Some(rt) = pb.record_type(k)
        {
            records(pb, &rt.fields, node, &mut out);
        }
    }
    out.sort_by_key(|s| s.span.start);
    out
}

fn table(pb: &Playbook, fields: &[Field], t: &Table<'_>, out: &mut Vec<Secret>) {
    for (key, node) in t {
        if let Some(f) = fields.iter().find(|f| f.id == key.get_ref().as_ref()) {
            field(pb, f, node, out);
        }
    }
}

fn records(pb: &Playbook, fields: &[Field], node: &Node<'_>, out: &mut Vec<Secret>) {
    if let Value::Array(items) = node.get_ref() {
        for item in items {
            if let Value::Table(t) = item.get_ref() {
                table(pb, fields, t, out);
            }
        }
    }
}

fn field(pb: &Playbook, f: &Field, node: &Node<'_>, out: &mut Vec<Secret>) {
    if super::is_personal(f) {
        let mut texts = Vec::new();
        leaves(node.get_ref(), &mut texts);
        out.push(Secret {
            span: node.span(),
            texts,
        });
        return;
    }
    let Some(rt) = f.record.as_deref().and_then(|r| pb.record_type(r)) else {
        return;
    };
    match (f.kind, node.get_ref()) {
        (Kind::Records, _) => records(pb, &rt.fields, node, out),
        (Kind::Keyed, Value::Table(keyed)) => {
            for (_, item) in keyed {
                if let Value::Table(t) = item.get_ref() {
                    table(pb, &rt.fields, t, out);
                }
            }
        }
        _ => {}
    }
}

/// Every scalar of a value as text, the ways a message could quote it.
fn leaves(value: &Value<'_>, out: &mut Vec<String>) {
    match value {
        Value::String(s) => {
            out.push(s.to_string());
            out.push(s.trim().to_string());
        }
        Value::Integer(i) => out.push(i.as_str().to_string()),
        Value::Float(f) => {
            out.push(f.as_str().to_string());
            if let Ok(n) = f.as_str().parse::<f64>() {
                out.push(n.to_string());
            }
        }
        Value::Datetime(d) => out.push(d.to_string()),
        Value::Boolean(_) => {}
        Value::Array(items) => items.iter().for_each(|i| leaves(i.get_ref(), out)),
        Value::Table(t) => t.values().for_each(|v| leaves(v.get_ref(), out)),
    }
}

/// Every field id that some scope of the playbook marks sensitive.
fn sensitive_ids(pb: &Playbook) -> HashSet<&str> {
    let doc = &pb.doc;
    doc.account
        .fields
        .iter()
        .chain(doc.archive.iter().flat_map(|g| g.fields.iter()))
        .chain(doc.records.values().flat_map(|r| r.fields.iter()))
        .filter(|f| super::is_personal(f))
        .map(|f| f.id.as_str())
        .collect()
}

/// The sensitive values of a file that does not parse, found line by line (see the module
/// documentation). Errs on the side of masking.
pub fn secrets_in_text(pb: &Playbook, text: &str) -> Vec<Secret> {
    let ids = sensitive_ids(pb);
    if ids.is_empty() {
        return Vec::new();
    }
    let bytes = text.as_bytes();
    let mut out: Vec<Secret> = Vec::new();
    let mut i = 0;
    while let Some(eq) = text[i..].find('=').map(|p| p + i) {
        i = eq + 1;
        if out.last().is_some_and(|s| s.span.end > eq) {
            continue;
        }
        let Some(key) = key_before(text, eq) else { continue };
        let key = key.rsplit('.').next().unwrap_or(key).trim_matches(['"', '\'']);
        if !ids.contains(key) {
            continue;
        }
        let mut start = eq + 1;
        while start < bytes.len() && matches!(bytes[start], b' ' | b'\t') {
            start += 1;
        }
        let end = value_end(text, start);
        if end > start {
            out.push(Secret {
                span: start..end,
                texts: vec![text[start..end].trim_matches(['"', '\'']).trim().to_string()],
            });
            i = end;
        }
    }
    out
}

/// The longest key (with its dots and quotes) the line reading looks back for: keys are short,
/// and looking further on a long line would make the reading quadratic.
const MAX_KEY: usize = 256;

/// The key written just before the `=` at `eq` on its line, if any.
fn key_before(text: &str, eq: usize) -> Option<&str> {
    let mut from = eq.saturating_sub(MAX_KEY);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let line_start = text[from..eq].rfind('\n').map_or(from, |p| from + p + 1);
    let before = text[line_start..eq].trim_end_matches([' ', '\t']);
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '"' | '\''))
        .last()
        .map(|(i, _)| i)?;
    Some(&before[start..])
}

/// Where the value starting at `start` ends: its closing quotes or bracket, else the end of its
/// line (before a comment, a comma or a closing brace).
fn value_end(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    let line_end = rest.find('\n').map_or(text.len(), |p| start + p);
    for delim in ["\"\"\"", "'''"] {
        if let Some(body) = rest.strip_prefix(delim) {
            return body.find(delim).map_or(text.len(), |p| start + 3 + p + 3);
        }
    }
    let bytes = text.as_bytes();
    match bytes.get(start) {
        // A quoted or bare value: to the end of its line. The file did not parse, and the
        // commonest typo — a quote inside the value — ends the string early: what follows on
        // the line is the rest of the value, and is masked with it.
        Some(b'"' | b'\'') => start + text[start..line_end].trim_end().len(),
        Some(b'[' | b'{') => {
            let mut depth = 0usize;
            let mut quote: Option<u8> = None;
            for (j, &b) in bytes.iter().enumerate().skip(start) {
                match (quote, b) {
                    (Some(q), b) if b == q => quote = None,
                    (None, b'"' | b'\'') => quote = Some(b),
                    (None, b'[' | b'{') => depth += 1,
                    (None, b']' | b'}') => {
                        depth -= 1;
                        if depth == 0 {
                            return j + 1;
                        }
                    }
                    // Inside a string, or any other byte.
                    _ => {}
                }
            }
            text.len()
        }
        _ => {
            let end = text[start..line_end]
                .find([',', '}', ']', '#'])
                .map_or(line_end, |p| start + p);
            start + text[start..end].trim_end().len()
        }
    }
}

/// `text` with the characters of every secret replaced, one for one and byte for byte, line
/// breaks kept.
pub fn mask_text<'t>(text: &'t str, secrets: &[Secret]) -> Cow<'t, str> {
    if secrets.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for s in secrets {
        let start = s.span.start.clamp(at, text.len());
        let end = s.span.end.clamp(start, text.len());
        if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        out.push_str(&text[at..start]);
        for c in text[start..end].chars() {
            match c.len_utf8() {
                _ if c == '\n' || c == '\r' => out.push(c),
                1 => out.push('*'),
                2 => out.push('·'),
                3 => out.push('•'),
                _ => out.push_str("*•"),
            }
        }
        at = end;
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

/// `message` with each of `texts` replaced by `hidden` where it stands as a word of its own.
fn mask_message(message: &str, texts: &[String], hidden: &str) -> String {
    let mut out = message.to_string();
    let mut texts: Vec<&str> = texts.iter().map(String::as_str).filter(|t| !t.is_empty()).collect();
    // Longest first, so a value is not half-replaced by a shorter one inside it.
    texts.sort_by_key(|t| std::cmp::Reverse(t.len()));
    for t in texts {
        let mut result = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(p) = rest.find(t) {
            let before = rest[..p].chars().next_back();
            let after = rest[p + t.len()..].chars().next();
            let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            result.push_str(&rest[..p]);
            if word(before) || word(after) {
                result.push_str(t);
            } else {
                result.push_str(hidden);
            }
            rest = &rest[p + t.len()..];
        }
        result.push_str(rest);
        out = result;
    }
    out
}

/// Masks the personal data in the diagnostics of one file: the messages and helps of those that
/// point into a sensitive value lose the value, and the returned text — the one their excerpts
/// show — has every sensitive value masked. `root` is the file's tree when it parsed.
pub fn mask<'t>(
    pb: &Playbook,
    text: &'t str,
    root: Option<&Spanned<Table<'_>>>,
    diags: &mut [Diagnostic],
) -> Cow<'t, str> {
    if diags.is_empty() {
        return Cow::Borrowed(text);
    }
    let found = match root {
        Some(root) => secrets(pb, root),
        None => secrets_in_text(pb, text),
    };
    if found.is_empty() {
        return Cow::Borrowed(text);
    }
    let hidden = super::hidden(pb);
    // Secrets are in file order and do not overlap: the ones a diagnostic touches are found by
    // a search, so a file with many of both stays cheap.
    for d in diags.iter_mut() {
        let end = d.span.end.max(d.span.start + 1);
        let first = found.partition_point(|s| s.span.end.max(s.span.start + 1) <= d.span.start);
        let touching: Vec<&Secret> = found[first..].iter().take_while(|s| s.span.start < end).collect();
        if touching.is_empty() {
            continue;
        }
        let mut texts: Vec<String> = touching.iter().flat_map(|s| s.texts.iter().cloned()).collect();
        texts.extend(
            touching
                .iter()
                .filter_map(|s| text.get(s.span.clone()))
                .map(|t| t.trim().to_string()),
        );
        d.message = mask_message(&d.message, &texts, hidden);
        d.help = d.help.as_deref().map(|h| mask_message(h, &texts, hidden));
    }
    mask_text(text, &found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::parse::parse;
    use crate::domain::diagnostic::Code;
    use crate::domain::test_support::default_playbook;

    #[test]
    fn a_parsed_file_masks_sensitive_values_only() {
        let pb = default_playbook().unwrap();
        let text = "name = \"Acme\"\n[finance]\nbank_account = \"6222 0000 1111\"\n\n[[contacts]]\nid = \"li\"\nname = \"Li\"\nmobile = 13800138000\nbirthday = 1970-05-06\n";
        let root = parse(text).unwrap();
        let at = text.find("13800138000").unwrap();
        let mut diags = vec![
            Diagnostic::error(
                Code::WrongType,
                at..at + 11,
                "`contacts[0].mobile` expects a phone number",
            )
            .with_help("put it in quotes: mobile = \"13800138000\""),
        ];
        let masked = mask(&pb, text, Some(&root), &mut diags);
        assert!(
            !masked.contains("13800138000") && !masked.contains("6222") && !masked.contains("1970"),
            "{masked}"
        );
        assert!(
            masked.contains("name = \"Acme\"") && masked.contains("name = \"Li\""),
            "{masked}"
        );
        assert_eq!(masked.len(), text.len());
        assert_eq!(masked.lines().count(), text.lines().count());
        assert!(!diags[0].help.as_deref().unwrap().contains("13800138000"), "{diags:?}");
        assert!(diags[0].help.as_deref().unwrap().contains("(hidden)"), "{diags:?}");
    }

    #[test]
    fn a_broken_file_masks_by_its_lines() {
        let pb = default_playbook().unwrap();
        let text = "[[contacts]]\nfamily = \"wife Mei, son 7\" oops\nmobile = '138' \nnotes = \"fine\"\nhabits = \"\"\"golf\nand tea\"\"\"\nx = { birthday = 1970-01-01, name = \"Wu\" }\n\
                    family = \"Casado con \"Ana Lopez\", hijo en Monterrey\"\nmobile = \"+52 461\" 555 0177\n";
        let found = secrets_in_text(&pb, text);
        let masked = mask_text(text, &found);
        for secret in [
            "wife Mei",
            "138",
            "golf",
            "tea",
            "1970",
            "Ana Lopez",
            "Monterrey",
            "0177",
        ] {
            assert!(!masked.contains(secret), "{secret}: {masked}");
        }
        assert!(
            masked.contains("notes = \"fine\"") && masked.contains("\"Wu\""),
            "{masked}"
        );
        assert_eq!(masked.lines().count(), text.lines().count());
    }

    #[test]
    fn messages_lose_whole_values_only() {
        let texts = vec!["800".to_string()];
        assert_eq!(
            mask_message("gift value 800 CNY is over the limit of 8000 CNY", &texts, "(hidden)"),
            "gift value (hidden) CNY is over the limit of 8000 CNY"
        );
    }
}
