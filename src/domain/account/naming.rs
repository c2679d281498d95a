//! How `kam check` names what it reports on: a key (`company.industry`, `` `roles` of contacts
//! `wang` ``), a record of a list (contacts `wang`, visits #2) and a value found (as written, or
//! only its kind when it is personal data). Formatted only when a message needs it.

use crate::domain::account::value::Value;
use crate::domain::playbook::Playbook;

/// The name of a key in messages (`company.industry`, `` `roles` of contacts `wang` ``), formatted
/// only when a message needs it: checking thousands of files must not build a string per key.
#[derive(Debug, Clone, Copy)]
pub struct Name<'a> {
    /// The enclosing table (`company`, contacts `wang`), or empty at the top level.
    pub context: &'a str,
    pub key: &'a str,
    /// How a field of a record reads, with `{key}` and `{record}` (the playbook's
    /// `check.record_field`).
    pub form: &'a str,
}

impl Name<'_> {
    /// The plain dotted path (`company.industry`, contacts #1.roles), for nested contexts.
    pub fn path(&self) -> String {
        if self.context.is_empty() {
            self.key.to_string()
        } else {
            format!("{}.{}", self.context, self.key)
        }
    }
}

/// Whether a context names a record of an array of tables (`contacts #1`, contacts `wang`) rather
/// than a group (`company`): group ids hold neither a backquote nor `#`.
pub fn is_record(context: &str) -> bool {
    context.contains(['`', '#'])
}

/// Shown in messages with its backquotes: `` `company.industry` ``, or for a field of a record
/// `` `roles` of contacts `wang` `` (records are counted from 1 or named by their id).
impl std::fmt::Display for Name<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.context.is_empty() {
            write!(f, "`{}`", self.key)
        } else if is_record(self.context) {
            let key = format!("`{}`", self.key);
            f.write_str(&self.form.replace("{key}", &key).replace("{record}", self.context))
        } else {
            write!(f, "`{}.{}`", self.context, self.key)
        }
    }
}

/// How a record of an array of tables is named in messages, in the playbook's words: by its id
/// when it has one (contacts `wang`), else counted from 1 (visits #2).
pub fn record_name(pb: &Playbook, list: &str, index: usize, id: Option<&str>) -> String {
    let label = pb.record_type(list).map_or(list, |t| t.label.as_str());
    match id {
        Some(id) if !id.is_empty() && id.len() <= 64 && !id.contains(['`', '\n']) => pb.fill(
            "check.record_by_id",
            "{list} `{id}`",
            &[("list", &list), ("label", &label), ("id", &id)],
        ),
        _ => pb.fill(
            "check.record_by_number",
            "{list} #{n}",
            &[("list", &list), ("label", &label), ("n", &(index + 1))],
        ),
    }
}

/// The value found, as written (`2.5`, `"1200"`, `2026-11-20`), for a message; its kind alone
/// (`a list`, `a table`) when it is not a single value or the field holds personal data.
pub fn found(value: &Value<'_>, sensitive: bool) -> String {
    const SHOWN: usize = 40;
    match value {
        _ if sensitive => value.type_str().to_string(),
        Value::Integer(i) => i.as_str().to_string(),
        Value::Float(f) => f.as_str().to_string(),
        Value::Boolean(b) => b.to_string(),
        Value::Datetime(dt) => dt.to_string(),
        Value::String(s) if s.chars().count() > SHOWN => {
            format!("\"{}…\"", s.chars().take(SHOWN).collect::<String>())
        }
        Value::String(s) => format!("\"{s}\""),
        Value::Array(_) => "a list".into(),
        Value::Table(_) => "a table".into(),
    }
}
