//! Where personal data sits in an account file: the spans of the values of fields the playbook
//! marks sensitive (asked of [`crate::domain::privacy`]), so a diff or a diagnostic of an edit can
//! blank them out.

use std::ops::Range;

use crate::domain::account::value::{Node, Spanned, Table, as_array, as_table};
use crate::domain::playbook::{Field, Kind, Playbook, TOP_RECORDS};
use crate::domain::privacy::{Scope, is_sensitive};

/// The spans of every personal value in the file.
pub fn spans(pb: &Playbook, root: &Spanned<Table<'_>>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for (key, node) in root.get_ref() {
        let k = key.get_ref().as_ref();
        if pb.doc.account.field(k).is_some() {
            if is_sensitive(pb, Scope::Account, k) {
                out.push(node.span());
            }
        } else if let Some(group) = pb.group(k) {
            if let Some(t) = as_table(node.get_ref()) {
                fields(pb, Scope::Group(&group.id), &group.fields, t, &mut out);
            }
        } else if TOP_RECORDS.contains(&k)
            && let Some(rt) = pb.record_type(k)
        {
            for item in as_array(node.get_ref()).unwrap_or_default() {
                if let Some(t) = as_table(item.get_ref()) {
                    fields(pb, Scope::Record(k), &rt.fields, t, &mut out);
                }
            }
        }
    }
    out
}

fn fields(pb: &Playbook, scope: Scope<'_>, defs: &[Field], table: &Table<'_>, out: &mut Vec<Range<usize>>) {
    for (key, node) in table {
        let k = key.get_ref().as_ref();
        let Some(field) = defs.iter().find(|f| f.id == k) else {
            continue;
        };
        if is_sensitive(pb, scope, k) {
            out.push(node.span());
            continue;
        }
        nested(pb, field, node, out);
    }
}

fn nested(pb: &Playbook, field: &Field, node: &Node<'_>, out: &mut Vec<Range<usize>>) {
    let Some(record) = field.record.as_deref() else { return };
    let Some(rt) = pb.record_type(record) else { return };
    let tables: Vec<&Table<'_>> = match field.kind {
        Kind::Records => as_array(node.get_ref())
            .unwrap_or_default()
            .iter()
            .filter_map(|n| as_table(n.get_ref()))
            .collect(),
        Kind::Keyed => as_table(node.get_ref())
            .map(|t| t.iter().filter_map(|(_, n)| as_table(n.get_ref())).collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    for t in tables {
        fields(pb, Scope::Record(record), &rt.fields, t, out);
    }
}

/// The text with every span's bytes replaced by `*` (positions stay where they were).
pub fn mask(text: &str, spans: &[Range<usize>]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for span in spans {
        let (start, end) = (span.start.min(bytes.len()), span.end.min(bytes.len()));
        for b in &mut bytes[start..end] {
            *b = b'*';
        }
    }
    // Whole characters are replaced (a span starts and ends on character boundaries), so the
    // bytes stay UTF-8; should that ever fail, nothing personal is shown either way.
    String::from_utf8(bytes).unwrap_or_else(|_| "*".repeat(text.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::default_playbook;

    #[test]
    fn personal_values_are_found_and_blanked() {
        let pb = default_playbook().unwrap();
        let text = "id = \"a\"\n[finance]\nbank_account = \"6222 0000\"\nbank = \"ICBC\"\n\n[[contacts]]\nid = \"x\"\nname = \"X\"\nbirthday = 1970-03-02\n";
        let root = Table::parse(text).unwrap();
        let masked = mask(text, &spans(&pb, &root));
        assert!(!masked.contains("6222") && !masked.contains("1970"), "{masked}");
        assert!(masked.contains("ICBC") && masked.contains("name = \"X\""), "{masked}");
        assert_eq!(masked.len(), text.len());
    }
}
