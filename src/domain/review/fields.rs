//! Every field and every record that changed between two versions of an account, walked over the
//! whole file and named with the playbook's labels. Nothing is left out: fields the playbook does
//! not know, record lists it added later (contracts, receivables, receptions…) and records
//! nested in records all appear, with no code for any of them. Records are matched by their key
//! — `id` when the record type has one, else the fields it always requires (a visit's date and
//! form, a task's text, a competitor's name) — and shown as added, removed or changed with the
//! fields that changed. A field marked sensitive in either playbook shows only as "changed".
//! `stage` (the stage move), `ratings` of the playbook's factors (the score), `[checklist]`
//! and `[[history]]` (see [`crate::domain::review::history`]) are reviewed elsewhere.

use serde::Serialize;

use crate::domain::account::value::{Node, Table, Value, as_array, as_table};
use crate::domain::playbook::{Field, Kind, Playbook, RecordType, Required};
use crate::domain::privacy::{Scope, is_sensitive};
use crate::domain::review::values::{canonical, same, shown};

/// One field that changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// Where it is: `owner`, `finance.payment_attitude`, or a record's field id.
    pub path: String,
    /// The playbook's label (the path when the playbook does not know the field).
    pub label: String,
    /// The values as shown (`null` for an absent side; both `null` for personal data).
    pub from: Option<String>,
    pub to: Option<String>,
    /// Personal data: shown as "changed", never with its values.
    pub sensitive: bool,
}

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

/// The two playbooks a change is read with: labels from the newer, the older's where the newer
/// lacks a field, and a field is personal data when either marks it so.
#[derive(Clone, Copy)]
pub struct Books<'p> {
    pub base: &'p Playbook,
    pub head: &'p Playbook,
}

impl<'p> Books<'p> {
    fn sensitive(&self, scope: Scope<'_>, id: &str) -> bool {
        is_sensitive(self.base, scope, id) || is_sensitive(self.head, scope, id)
    }

    fn field(&self, scope: Scope<'_>, id: &str) -> Option<(&'p Playbook, &'p Field)> {
        let find = |pb: &'p Playbook| crate::domain::privacy::field(pb, scope, id).map(|f| (pb, f));
        find(self.head).or_else(|| find(self.base))
    }

    fn record_type(&self, id: &str) -> Option<(&'p Playbook, &'p RecordType)> {
        let find = |pb: &'p Playbook| pb.record_type(id).map(|t| (pb, t));
        find(self.head).or_else(|| find(self.base))
    }
}

/// Top-level keys reviewed elsewhere.
const ELSEWHERE: [&str; 3] = ["stage", "checklist", "history"];

/// The changed fields and records of an account between two versions of its file.
pub fn detail(books: Books<'_>, base: &Table<'_>, head: &Table<'_>) -> (Vec<FieldChange>, Vec<RecordChange>) {
    let mut fields = Vec::new();
    let mut records = Vec::new();
    for key in ordered_keys(books.head, base, head) {
        if ELSEWHERE.contains(&key.as_str()) {
            continue;
        }
        let (b, h) = (base.get(key.as_str()), head.get(key.as_str()));
        if b.zip(h).is_some_and(|(b, h)| same(b.get_ref(), h.get_ref())) {
            continue;
        }
        top_level(books, &key, b, h, &mut fields, &mut records);
    }
    (fields, records)
}

/// The keys of both versions: the account's fields, the archive groups and the record lists in
/// the playbook's order, then the rest in the file's order.
fn ordered_keys(pb: &Playbook, base: &Table<'_>, head: &Table<'_>) -> Vec<String> {
    let rank = |k: &str| -> (usize, usize) {
        if let Some(i) = pb.doc.account.fields.iter().position(|f| f.id == k) {
            return (0, i);
        }
        if let Some(i) = pb.doc.archive.iter().position(|g| g.id == k) {
            return (1, i);
        }
        if k == "ratings" {
            return (2, 0);
        }
        if let Some(i) = pb.doc.records.keys().position(|r| r == k) {
            return (3, i);
        }
        (4, 0)
    };
    let mut keys: Vec<String> = Vec::new();
    for k in head.keys().chain(base.keys()) {
        let k = k.get_ref().as_ref();
        if !keys.iter().any(|x| x == k) {
            keys.push(k.to_string());
        }
    }
    // A stable sort keeps the file's order within each rank.
    keys.sort_by_key(|k| rank(k));
    keys
}

fn top_level(
    books: Books<'_>,
    key: &str,
    b: Option<&Node<'_>>,
    h: Option<&Node<'_>>,
    fields: &mut Vec<FieldChange>,
    records: &mut Vec<RecordChange>,
) {
    let (bv, hv) = (b.map(|n| n.get_ref()), h.map(|n| n.get_ref()));
    let is_group = books.head.group(key).or_else(|| books.base.group(key)).is_some();
    let both_tables = bv.is_none_or(|v| as_table(v).is_some()) && hv.is_none_or(|v| as_table(v).is_some());
    if key == "ratings" && both_tables {
        ratings(books, bv.and_then(as_table), hv.and_then(as_table), fields);
    } else if is_group && both_tables {
        group(
            books,
            key,
            bv.and_then(as_table),
            hv.and_then(as_table),
            fields,
            records,
        );
    } else if let (Some(b), Some(h)) = (tables_of(bv), tables_of(hv)) {
        let rt = books.record_type(key).map(|(_, t)| t);
        record_list(books, key, key, rt, "", &b, &h, records);
    } else {
        let field = books.field(Scope::Account, key).map(|(_, f)| f);
        let sensitive = books.sensitive(Scope::Account, key);
        fields.push(change(books.head, key, field, sensitive, bv, hv));
    }
}

/// The tables of an array of tables (`[[visits]]`), or of an absent value; `None` otherwise.
fn tables_of<'t, 'a>(v: Option<&'t Value<'a>>) -> Option<Vec<&'t Table<'a>>> {
    match v {
        None => Some(Vec::new()),
        Some(v) => as_array(v)?.iter().map(|n| as_table(n.get_ref())).collect(),
    }
}

fn change(
    pb: &Playbook,
    path: &str,
    field: Option<&Field>,
    sensitive: bool,
    from: Option<&Value<'_>>,
    to: Option<&Value<'_>>,
) -> FieldChange {
    let show = |v: Option<&Value<'_>>| v.filter(|_| !sensitive).map(|v| shown(pb, field, v));
    FieldChange {
        path: path.to_string(),
        label: field.map_or_else(|| path.to_string(), |f| f.label.clone()),
        from: show(from),
        to: show(to),
        sensitive,
    }
}

/// Ratings of factors the playbooks do not have (the score shows the factors they have).
fn ratings(books: Books<'_>, b: Option<&Table<'_>>, h: Option<&Table<'_>>, out: &mut Vec<FieldChange>) {
    let mut keys: Vec<&str> = Vec::new();
    for k in h.into_iter().chain(b).flat_map(|t| t.keys()) {
        let k = k.get_ref().as_ref();
        if !keys.contains(&k) && books.head.factor(k).is_none() && books.base.factor(k).is_none() {
            keys.push(k);
        }
    }
    for k in keys {
        let (bv, hv) = (
            b.and_then(|t| t.get(k)).map(|n| n.get_ref()),
            h.and_then(|t| t.get(k)).map(|n| n.get_ref()),
        );
        if !bv.zip(hv).is_some_and(|(x, y)| same(x, y)) {
            out.push(change(books.head, &format!("ratings.{k}"), None, false, bv, hv));
        }
    }
}

fn group(
    books: Books<'_>,
    gid: &str,
    b: Option<&Table<'_>>,
    h: Option<&Table<'_>>,
    fields: &mut Vec<FieldChange>,
    records: &mut Vec<RecordChange>,
) {
    let group_def = books.head.group(gid).or_else(|| books.base.group(gid));
    let mut keys: Vec<String> = group_def
        .map(|g| g.fields.iter().map(|f| f.id.clone()).collect())
        .unwrap_or_default();
    for k in h.into_iter().chain(b).flat_map(|t| t.keys()) {
        let k = k.get_ref().as_ref();
        if !keys.iter().any(|x| x == k) {
            keys.push(k.to_string());
        }
    }
    for k in &keys {
        let (bv, hv) = (
            b.and_then(|t| t.get(k.as_str())).map(|n| n.get_ref()),
            h.and_then(|t| t.get(k.as_str())).map(|n| n.get_ref()),
        );
        if bv.is_none() && hv.is_none() || bv.zip(hv).is_some_and(|(x, y)| same(x, y)) {
            continue;
        }
        let path = format!("{gid}.{k}");
        let scope = Scope::Group(gid);
        let def = books.field(scope, k).map(|(_, f)| f);
        let sensitive = books.sensitive(scope, k);
        let rt = def
            .and_then(|f| f.record.as_deref())
            .and_then(|r| books.record_type(r).map(|(_, t)| (r, t)));
        let tables = |v: Option<&Value<'_>>| v.is_none_or(|v| as_table(v).is_some());
        match (def.map(|f| f.kind), rt) {
            (Some(Kind::Records), Some((rid, t))) if !sensitive => {
                if let (Some(bt), Some(ht)) = (tables_of(bv), tables_of(hv)) {
                    record_list(books, &path, rid, Some(t), "", &bt, &ht, records);
                } else {
                    fields.push(change(books.head, &path, def, sensitive, bv, hv));
                }
            }
            (Some(Kind::Keyed), Some((rid, t))) if !sensitive && tables(bv) && tables(hv) => {
                keyed(
                    books,
                    &path,
                    rid,
                    t,
                    def,
                    bv.and_then(as_table),
                    hv.and_then(as_table),
                    records,
                );
            }
            _ => fields.push(change(books.head, &path, def, sensitive, bv, hv)),
        }
    }
}

/// A keyed field (`[procurement.steps]`): each key is one record, named by its label.
#[allow(clippy::too_many_arguments)]
fn keyed(
    books: Books<'_>,
    path: &str,
    rid: &str,
    rt: &RecordType,
    def: Option<&Field>,
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
            b.and_then(|t| t.get(k)).map(|n| n.get_ref()),
            h.and_then(|t| t.get(k)).map(|n| n.get_ref()),
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
        let key = key_label(k);
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

/// The fields that identify a record of this type: `id`, else those it always requires.
fn key_fields(rt: Option<&RecordType>) -> Vec<&str> {
    let Some(rt) = rt else { return vec!["id"] };
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
    let values: Vec<&Value<'_>> = fields.iter().filter_map(|f| t.get(*f).map(|n| n.get_ref())).collect();
    if fields.is_empty() || values.is_empty() {
        return (format!("#{index}"), format!("#{}", index + 1));
    }
    let exact: Vec<String> = values.iter().map(|v| canonical(v)).collect();
    let mut shown_parts: Vec<String> = fields
        .iter()
        .filter_map(|f| {
            let v = t.get(*f)?.get_ref();
            let def = rt.and_then(|r| r.field(f));
            Some(shown(books.head, def, v))
        })
        .collect();
    // A contact is named by its id and, unless personal data, its name.
    if fields == ["id"]
        && let Some(name) = t.get("name").map(|n| n.get_ref())
        && !books.sensitive(Scope::Record(rid), "name")
    {
        shown_parts.push(shown(books.head, None, name));
    }
    (exact.join("\u{1f}"), shown_parts.join(" · "))
}

/// Records of one list matched by key: added, removed, or changed with the changed fields.
#[allow(clippy::too_many_arguments)]
fn record_list(
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
    let mut keys: Vec<String> = rt
        .map(|t| t.fields.iter().map(|f| f.id.clone()).collect())
        .unwrap_or_default();
    for k in h.into_iter().chain(b).flat_map(|t| t.keys()) {
        let k = k.get_ref().as_ref();
        if !keys.iter().any(|x| x == k) {
            keys.push(k.to_string());
        }
    }
    let scope = Scope::Record(rid);
    let mut out = Vec::new();
    for k in &keys {
        let (bv, hv) = (
            b.and_then(|t| t.get(k.as_str())).map(|n| n.get_ref()),
            h.and_then(|t| t.get(k.as_str())).map(|n| n.get_ref()),
        );
        if bv.is_none() && hv.is_none() || bv.zip(hv).is_some_and(|(x, y)| same(x, y)) {
            continue;
        }
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
