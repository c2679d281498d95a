//! Records compared by key, of every kind: the arrays of tables of an account (`[[visits]]`,
//! `[[contacts]]`, and any kind a playbook adds later), the records nested in them
//! (a disagreement's options), the entries of a keyed field (`[procurement.steps]`), and single
//! records kam defines itself (a history record, a checklist entry). A record is matched by its
//! key — the fields the playbook names as the record type's `key` (a receivable's contract and
//! item), else `id` when the record type has one, else the fields it always requires (a visit's
//! date and form, a task's text, a competitor's name), else its position — and is added, removed,
//! or changed with the fields that changed. A key field marked sensitive matches but is not shown.

use serde::Serialize;

use crate::domain::account::value::{Table, Value, as_table};
use crate::domain::playbook::{Field, Kind, RecordType, Required};
use crate::domain::privacy::Scope;
use crate::domain::review::fields::{Books, FieldChange, change, tables_of};
use crate::domain::review::nested::{Within, differing, table_changes, tables};
use crate::domain::review::values::{canonical, same, shown};

/// What happened to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordEvent {
    Added,
    Removed,
    Changed,
}

/// A record added, removed or changed: a visit, a contact, a plan task, a procurement step, a
/// disagreement's option, or a record of a kind the playbook added later.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordChange {
    /// Where the records live: `visits`, `procurement.steps`, `negotiation.disagreements.options`.
    pub list: String,
    /// The record type's label (the list's name when the playbook does not know it).
    pub label: String,
    /// The record as people name it: `2026-11-20 · Phone call`, `wu-jing · 吴静`.
    pub key: String,
    pub event: RecordEvent,
    /// The fields that changed; for an added or removed record, the fields it holds.
    pub fields: Vec<FieldChange>,
}

/// A keyed field (`[procurement.steps]`, a visit's `approvals`): each key is one record, named
/// by its label after `prefix` (the key of the record it sits in, if any).
#[allow(clippy::too_many_arguments)]
pub(crate) fn keyed(
    books: Books<'_>,
    path: &str,
    rid: &str,
    rt: &RecordType,
    def: Option<&Field>,
    prefix: &str,
    b: Option<&Table<'_>>,
    h: Option<&Table<'_>>,
    out: &mut Vec<RecordChange>,
) {
    let mut keys: Vec<&str> = Vec::new();
    for k in h.into_iter().chain(b).flat_map(|t| t.keys()) {
        let k = k.get_ref().as_ref();
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    let key_label = |k: &str| -> String {
        def.and_then(|f| f.keys.as_deref())
            .and_then(|n| books.head.enum_value(n, k).or_else(|| books.base.enum_value(n, k)))
            .map_or_else(|| k.to_string(), |v| format!("{k} · {}", v.label))
    };
    for k in keys {
        let (bv, hv) = (
            b.and_then(|t| t.get(k)).map(toml::Spanned::get_ref),
            h.and_then(|t| t.get(k)).map(toml::Spanned::get_ref),
        );
        if bv.zip(hv).is_some_and(|(x, y)| same(x, y)) {
            continue;
        }
        let (bt, ht) = (bv.and_then(as_table), hv.and_then(as_table));
        let event = match (bv, hv) {
            (None, _) => RecordEvent::Added,
            (_, None) => RecordEvent::Removed,
            _ => RecordEvent::Changed,
        };
        let key = format!("{prefix}{}", key_label(k));
        let mut nested = Vec::new();
        let fields = record_fields(books, path, rid, Some(rt), &key, bt, ht, &mut nested);
        out.push(RecordChange {
            list: path.to_string(),
            label: rt.label.clone(),
            key,
            event,
            fields,
        });
        out.extend(nested);
    }
}

/// The fields that identify a record of this type: the playbook's `key`, else `id`, else those
/// it always requires.
fn key_fields(rt: Option<&RecordType>) -> Vec<&str> {
    let Some(rt) = rt else { return vec!["id"] };
    if let Some(key) = &rt.key {
        return key.iter().map(String::as_str).collect();
    }
    if rt.field("id").is_some() {
        return vec!["id"];
    }
    rt.fields
        .iter()
        .filter(|f| f.required == Required::Always && !f.sensitive)
        .map(|f| f.id.as_str())
        .collect()
}

/// A record's key for matching (exact values), and as people read it.
fn record_key(books: Books<'_>, rid: &str, rt: Option<&RecordType>, t: &Table<'_>, index: usize) -> (String, String) {
    let fields = key_fields(rt);
    let values: Vec<&Value<'_>> = fields
        .iter()
        .filter_map(|f| t.get(*f).map(toml::Spanned::get_ref))
        .collect();
    if fields.is_empty() || values.is_empty() {
        return (format!("#{index}"), format!("#{}", index + 1));
    }
    let exact: Vec<String> = values.iter().map(|v| canonical(v)).collect();
    let mut shown_parts: Vec<String> = fields
        .iter()
        .filter(|f| !books.sensitive(Scope::Record(rid), f))
        .filter_map(|f| {
            let v = t.get(*f)?.get_ref();
            let def = rt.and_then(|r| r.field(f));
            Some(shown(books.head, def, v))
        })
        .collect();
    // A contact is named by its id and, unless personal data, its name.
    if fields == ["id"]
        && let Some(name) = t.get("name").map(toml::Spanned::get_ref)
        && !books.sensitive(Scope::Record(rid), "name")
    {
        shown_parts.push(shown(books.head, None, name));
    }
    (exact.join("\u{1f}"), shown_parts.join(" · "))
}

/// Records of one list matched by key: added, removed, or changed with the changed fields.
#[allow(clippy::too_many_arguments)]
pub(crate) fn record_list(
    books: Books<'_>,
    path: &str,
    rid: &str,
    rt: Option<&RecordType>,
    prefix: &str,
    base: &[&Table<'_>],
    head: &[&Table<'_>],
    out: &mut Vec<RecordChange>,
) {
    let label = rt.map_or_else(|| path.to_string(), |t| t.label.clone());
    let base_keys: Vec<(String, String)> = base
        .iter()
        .enumerate()
        .map(|(i, t)| record_key(books, rid, rt, t, i))
        .collect();
    let mut matched = vec![false; base.len()];
    let push = |event, key: String, b: Option<&Table<'_>>, h: Option<&Table<'_>>, out: &mut Vec<RecordChange>| {
        let key = format!("{prefix}{key}");
        let mut nested = Vec::new();
        let fields = record_fields(books, path, rid, rt, &key, b, h, &mut nested);
        if event != RecordEvent::Changed || !fields.is_empty() || !nested.is_empty() {
            if event != RecordEvent::Changed || !fields.is_empty() {
                out.push(RecordChange {
                    list: path.to_string(),
                    label: label.clone(),
                    key,
                    event,
                    fields,
                });
            }
            out.extend(nested);
        }
    };
    for (i, h) in head.iter().enumerate() {
        let (exact, key) = record_key(books, rid, rt, h, i);
        let found = (0..base.len()).find(|j| !matched[*j] && base_keys[*j].0 == exact);
        match found {
            Some(j) => {
                matched[j] = true;
                if !same_table(base[j], h) {
                    push(RecordEvent::Changed, key, Some(base[j]), Some(h), out);
                }
            }
            None => push(RecordEvent::Added, key, None, Some(h), out),
        }
    }
    for (j, b) in base.iter().enumerate() {
        if !matched[j] {
            push(RecordEvent::Removed, base_keys[j].1.clone(), Some(b), None, out);
        }
    }
}

fn same_table(a: &Table<'_>, b: &Table<'_>) -> bool {
    a.len() == b.len()
        && a.iter().all(|(k, v)| {
            b.get(k.get_ref().as_ref())
                .is_some_and(|w| same(v.get_ref(), w.get_ref()))
        })
}

/// The fields of one record that differ (all of them for an added or removed record); records
/// nested in it go to `nested`, named under this record's key.
#[allow(clippy::too_many_arguments)]
fn record_fields(
    books: Books<'_>,
    path: &str,
    rid: &str,
    rt: Option<&RecordType>,
    key: &str,
    b: Option<&Table<'_>>,
    h: Option<&Table<'_>>,
    nested: &mut Vec<RecordChange>,
) -> Vec<FieldChange> {
    let order = rt
        .map(|t| t.fields.iter().map(|f| f.id.clone()).collect())
        .unwrap_or_default();
    let scope = Scope::Record(rid);
    let mut out = Vec::new();
    for &(ref k, bv, hv) in &differing(order, b, h) {
        let def = rt.and_then(|t| t.field(k));
        let sensitive = books.sensitive(scope, k);
        let inner = def
            .filter(|f| f.kind == Kind::Records && !sensitive)
            .and_then(|f| f.record.as_deref())
            .and_then(|r| books.record_type(r).map(|(_, t)| (r, t)));
        if let (Some((inner_id, inner_rt)), Some(bt), Some(ht)) = (inner, tables_of(bv), tables_of(hv)) {
            let prefix = format!("{key} › ");
            record_list(
                books,
                &format!("{path}.{k}"),
                inner_id,
                Some(inner_rt),
                &prefix,
                &bt,
                &ht,
                nested,
            );
            continue;
        }
        // A keyed table inside a record that is on both sides (a visit's `approvals`, a
        // reception's `checks`): each key compared field by field, like `[procurement.steps]`.
        let keyed_rt = def
            .filter(|f| f.kind == Kind::Keyed && !sensitive)
            .and_then(|f| f.record.as_deref())
            .and_then(|r| books.record_type(r).map(|(_, t)| (r, t)));
        let table_or_none = |v: Option<&Value<'_>>| v.is_none_or(|v| as_table(v).is_some());
        if let Some((inner_id, inner_rt)) = keyed_rt
            && b.is_some()
            && h.is_some()
            && table_or_none(bv)
            && table_or_none(hv)
        {
            keyed(
                books,
                &format!("{path}.{k}"),
                inner_id,
                inner_rt,
                def,
                &format!("{key} › "),
                bv.and_then(as_table),
                hv.and_then(as_table),
                nested,
            );
            continue;
        }
        if !sensitive && let Some((bt, ht)) = tables(bv, hv) {
            // A table with no record type: value by value, never the whole table.
            let label = def.map_or(k.as_str(), |f| f.label.as_str());
            table_changes(books, k, label, Within::Unknown, bt, ht, &mut out);
            continue;
        }
        out.push(change(books.head, k, def, sensitive, bv, hv));
    }
    out
}

/// One record compared on its own (a history record, a checklist entry): what changed in it, or
/// everything it holds when added or removed. `None` when nothing changed. `known` gives the
/// order and the labels of the fields kam itself defines.
pub fn single(
    books: Books<'_>,
    list: &str,
    label: &str,
    key: String,
    b: Option<&Table<'_>>,
    h: Option<&Table<'_>>,
    known: &[(&str, &str)],
) -> Option<RecordChange> {
    let event = match (b, h) {
        (None, None) => return None,
        (None, Some(_)) => RecordEvent::Added,
        (Some(_), None) => RecordEvent::Removed,
        (Some(x), Some(y)) if same_table(x, y) => return None,
        _ => RecordEvent::Changed,
    };
    let mut nested = Vec::new();
    let mut fields = record_fields(books, list, list, None, &key, b, h, &mut nested);
    fields.sort_by_key(|f| known.iter().position(|(id, _)| *id == f.path).unwrap_or(known.len()));
    for f in &mut fields {
        if let Some((_, label)) = known.iter().find(|(id, _)| *id == f.path) {
            f.label = (*label).to_string();
        }
    }
    Some(RecordChange {
        list: list.to_string(),
        label: label.to_string(),
        key,
        event,
        fields,
    })
}
