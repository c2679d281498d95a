//! Every field and every record that changed between two versions of an account, walked over the
//! whole file and named with the playbook's labels. Nothing is left out: fields the playbook does
//! not know, record lists it added later (contracts, receivables, receptions…) and records
//! nested in records all appear, with no code for any of them (records are compared in
//! [`crate::domain::review::record_diff`]; other tables, such as `[retrospective]`, value by value in
//! [`crate::domain::review::nested`]). A field marked sensitive in either playbook shows only as
//! "changed".
//! `stage` (the stage move), `ratings` of the playbook's factors (the score), `[checklist]`
//! and `[[history]]` (see [`crate::domain::review::history`]) are reviewed elsewhere.

use serde::Serialize;

use crate::domain::account::value::{Node, Table, Value, as_array, as_table};
use crate::domain::playbook::{Field, Kind, Playbook, RecordType};
use crate::domain::privacy::{Scope, is_sensitive};
use crate::domain::review::nested::{Within, differing, table_changes, tables};
use crate::domain::review::record_diff::{RecordChange, keyed, record_list};
use crate::domain::review::values::{same, shown};

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

/// The two playbooks a change is read with: labels from the newer, the older's where the newer
/// lacks a field, and a field is personal data when either marks it so.
#[derive(Clone, Copy)]
pub struct Books<'p> {
    pub base: &'p Playbook,
    pub head: &'p Playbook,
}

impl<'p> Books<'p> {
    pub(crate) fn sensitive(&self, scope: Scope<'_>, id: &str) -> bool {
        is_sensitive(self.base, scope, id) || is_sensitive(self.head, scope, id)
    }

    pub(crate) fn field(&self, scope: Scope<'_>, id: &str) -> Option<(&'p Playbook, &'p Field)> {
        let find = |pb: &'p Playbook| crate::domain::privacy::field(pb, scope, id).map(|f| (pb, f));
        find(self.head).or_else(|| find(self.base))
    }

    pub(crate) fn record_type(&self, id: &str) -> Option<(&'p Playbook, &'p RecordType)> {
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
    let (bv, hv) = (b.map(toml::Spanned::get_ref), h.map(toml::Spanned::get_ref));
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
        if !sensitive && let Some((bt, ht)) = tables(bv, hv) {
            let within = Within::top_level(books, key);
            let label = match (field, within) {
                (Some(f), _) => f.label.as_str(),
                (None, Within::Retrospective(r)) if !r.label.is_empty() => r.label.as_str(),
                _ => key,
            };
            table_changes(books, key, label, within, bt, ht, fields);
            return;
        }
        fields.push(change(books.head, key, field, sensitive, bv, hv));
    }
}

/// The tables of an array of tables (`[[visits]]`), or of an absent value; `None` otherwise.
pub(crate) fn tables_of<'t, 'a>(v: Option<&'t Value<'a>>) -> Option<Vec<&'t Table<'a>>> {
    match v {
        None => Some(Vec::new()),
        Some(v) => as_array(v)?.iter().map(|n| as_table(n.get_ref())).collect(),
    }
}

pub(crate) fn change(
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
            b.and_then(|t| t.get(k)).map(toml::Spanned::get_ref),
            h.and_then(|t| t.get(k)).map(toml::Spanned::get_ref),
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
    let order = group_def
        .map(|g| g.fields.iter().map(|f| f.id.clone()).collect())
        .unwrap_or_default();
    for &(ref k, bv, hv) in &differing(order, b, h) {
        let path = format!("{gid}.{k}");
        let scope = Scope::Group(gid);
        let def = books.field(scope, k).map(|(_, f)| f);
        let sensitive = books.sensitive(scope, k);
        let rt = def
            .and_then(|f| f.record.as_deref())
            .and_then(|r| books.record_type(r).map(|(_, t)| (r, t)));
        let table_or_none = |v: Option<&Value<'_>>| v.is_none_or(|v| as_table(v).is_some());
        match (def.map(|f| f.kind), rt) {
            (Some(Kind::Records), Some((rid, t))) if !sensitive => {
                if let (Some(bt), Some(ht)) = (tables_of(bv), tables_of(hv)) {
                    record_list(books, &path, rid, Some(t), "", &bt, &ht, records);
                } else {
                    fields.push(change(books.head, &path, def, sensitive, bv, hv));
                }
            }
            (Some(Kind::Keyed), Some((rid, t))) if !sensitive && table_or_none(bv) && table_or_none(hv) => {
                keyed(
                    books,
                    &path,
                    rid,
                    t,
                    def,
                    "",
                    bv.and_then(as_table),
                    hv.and_then(as_table),
                    records,
                );
            }
            _ => match tables(bv, hv).filter(|_| !sensitive) {
                // A table with no record type: value by value, never the whole table.
                Some((bt, ht)) => {
                    let label = def.map_or(path.as_str(), |f| f.label.as_str());
                    table_changes(books, &path, label, Within::Unknown, bt, ht, fields);
                }
                None => fields.push(change(books.head, &path, def, sensitive, bv, hv)),
            },
        }
    }
}
