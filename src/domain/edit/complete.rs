//! What a partly typed argument could become, for shell completion: field paths one level at a
//! time (`finance.` → `finance.payment_attitude=`), the allowed values after `=`, contact ids,
//! visit dates and record numbers. Each candidate comes with a description (a label, a name).

use crate::domain::account::value::{Spanned, Table};
use crate::domain::edit::entries;
use crate::domain::playbook::{Kind, Playbook, TOP_RECORDS};

/// A candidate and its description.
pub type Cand = (String, String);

pub fn contacts(root: &Spanned<Table<'_>>) -> Vec<Cand> {
    entries(root, "contacts")
        .iter()
        .filter_map(|(_, t)| {
            let s = |k: &str| {
                t.get(k)
                    .and_then(|n| crate::domain::account::value::as_str(n.get_ref()))
            };
            Some((s("id")?.to_string(), s("name").unwrap_or("").to_string()))
        })
        .collect()
}

pub fn record_keys(root: &Spanned<Table<'_>>, list: &str) -> Vec<Cand> {
    match list {
        "contacts" => contacts(root),
        "visits" => entries(root, "visits")
            .iter()
            .filter_map(|(_, t)| {
                t.get("date")
                    .and_then(|n| crate::domain::account::value::as_date(n.get_ref()))
            })
            .map(|d| (d.to_string(), String::new()))
            .collect(),
        other => (1..=entries(root, other).len())
            .map(|n| (n.to_string(), String::new()))
            .collect(),
    }
}

/// Field paths for `set`/`unset`, one level at a time; with `=`, the field's values.
pub fn paths(pb: &Playbook, root: &Spanned<Table<'_>>, cur: &str, assign: bool) -> Vec<Cand> {
    if let Some((path, _)) = cur.split_once('=') {
        let Ok(t) = crate::domain::edit::target::resolve(pb, root, path) else {
            return Vec::new();
        };
        let field = t.field();
        let vals = match field.map(|f| f.kind) {
            Some(Kind::Enum | Kind::EnumList) => field
                .and_then(|f| f.allowed.as_deref())
                .unwrap_or_default()
                .iter()
                .map(|v| (v.id.clone(), v.label.clone()))
                .collect(),
            Some(Kind::Bool) => vec![("true".into(), String::new()), ("false".into(), String::new())],
            Some(Kind::Contact | Kind::Contacts) => contacts(root),
            None => (1..=5).map(|n| (n.to_string(), String::new())).collect(),
            _ => Vec::new(),
        };
        return vals.into_iter().map(|(v, d)| (format!("{path}={v}"), d)).collect();
    }
    let end = if assign { "=" } else { "" };
    let parts: Vec<&str> = cur.split('.').collect();
    match parts.as_slice() {
        [_] => pb
            .doc
            .account
            .fields
            .iter()
            .filter(|f| !matches!(f.id.as_str(), "id" | "stage"))
            .map(|f| (format!("{}{end}", f.id), f.label.clone()))
            .chain(pb.doc.archive.iter().map(|g| (format!("{}.", g.id), g.label.clone())))
            .chain(std::iter::once((
                "ratings.".to_string(),
                pb.text("schema.ratings", "Value assessment").to_string(),
            )))
            .chain(TOP_RECORDS.iter().map(|r| (format!("{r}."), String::new())))
            .collect(),
        ["ratings", _] => pb
            .doc
            .scoring
            .factors
            .iter()
            .map(|f| (format!("ratings.{}{end}", f.id), f.label.clone()))
            .collect(),
        [list, _] if TOP_RECORDS.contains(list) => record_keys(root, list)
            .into_iter()
            .map(|(k, d)| (format!("{list}.{k}."), d))
            .collect(),
        [list, key, _] if TOP_RECORDS.contains(list) => pb
            .record_type(list)
            .map(|rt| {
                rt.fields
                    .iter()
                    .map(|f| (format!("{list}.{key}.{}{end}", f.id), f.label.clone()))
                    .collect()
            })
            .unwrap_or_default(),
        [group, _] => pb
            .group(group)
            .map(|g| {
                g.fields
                    .iter()
                    .map(|f| (format!("{group}.{}{end}", f.id), f.label.clone()))
                    .collect()
            })
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}
