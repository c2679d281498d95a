//! Changes to an account file, as data: what the writing commands (`kam set`, `unset`, `log`,
//! `task`, `evidence`, `contact`, `advance`) intend, decided from the playbook and the account.
//! Writing them into the file, keeping every other byte, is the io layer's one edit engine
//! (`io::account_edit`); here is only what to change and how to say it.
//!
//! - this file: the operations ([`Op`]) on the TOML document and the values they write ([`Lit`]),
//!   and the plan of a command ([`Plan`]): operations plus the changes to print
//! - [`target`]: a user's `PATH` (`finance.payment_attitude`, `contacts.xu-qing.stance`) resolved
//!   against the playbook and the account, ids or labels
//! - [`select`]: things picked by id, label or prefix; records by their key
//! - [`coerce`]: a user's `VALUE` typed by the field's kind (dates, numbers, lists, enum labels)
//! - [`set`]: `kam set` and `kam unset`
//! - [`visit`]: `kam log`, a new visit or the completion of one
//! - [`task`], [`evidence`], [`contact`]: the plan's tasks, checklist evidence, new contacts
//! - [`complete`]: what a partly typed path or value could become (shell completion)
//! - [`people`]: the people kam knows (owners, team, task owners), for `--owner` checks

pub mod coerce;
pub mod complete;
pub mod contact;
pub mod evidence;
pub mod people;
pub mod select;
pub mod set;
pub mod target;
pub mod task;
pub mod visit;

use chrono::NaiveDate;

use crate::domain::account::value::{Spanned, Table, Value, as_array, as_table};
use crate::domain::playbook::Msg;

/// A TOML value to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Lit {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Date(NaiveDate),
    Array(Vec<Lit>),
    /// An inline table, keys in the order written.
    Table(Vec<(String, Lit)>),
}

/// One step from the root of the document to a table: a key, or an entry of an array of tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// One change to the document.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// `key = value` in the table at `table`: replaced if present, added after the table's last
    /// key otherwise. A missing top-level table is created with a `[header]` where the file's
    /// layout puts it.
    Set { table: Vec<Step>, key: String, value: Lit },
    /// The key and its line removed from the table at `table`.
    Remove { table: Vec<Step>, key: String },
    /// A record appended to the top-level array `array` (`[[visits]]`, `[[plan]]`, …), after the
    /// last record of its kind, or where the file's layout says records of that kind belong.
    Append { array: String, record: Vec<(String, Lit)> },
}

impl Op {
    pub fn set(table: &[Step], key: &str, value: Lit) -> Op {
        Op::Set {
            table: table.to_vec(),
            key: key.to_string(),
            value,
        }
    }
}

/// The path of a table: `[Key(a), Index(2)]`.
pub fn at(steps: &[&str]) -> Vec<Step> {
    steps.iter().map(|s| Step::Key((*s).to_string())).collect()
}

/// One change as the user reads it: `finance.payment_attitude: Prompt → Slow`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// What changed, in the user's terms (`Payment attitude (finance.payment_attitude)`).
    pub what: String,
    pub old: Option<String>,
    pub new: Option<String>,
    /// The values are personal data: shown only when asked for.
    pub personal: bool,
}

impl Change {
    pub fn new(what: impl Into<String>, old: Option<String>, new: Option<String>) -> Change {
        Change {
            what: what.into(),
            old,
            new,
            personal: false,
        }
    }
}

/// What a writing command intends: the operations, and the changes and notes to print.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub ops: Vec<Op>,
    pub changes: Vec<Change>,
    /// Things worth knowing about the change (a rating's old `why` kept, a stamp added).
    pub notes: Vec<String>,
}

/// Why a plan cannot be made: a usage error (exit 2) with a hint, worded when shown (the
/// playbook's words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub message: Msg,
    pub help: Option<Msg>,
}

impl Refused {
    pub fn new(message: impl Into<Msg>) -> Refused {
        Refused {
            message: message.into(),
            help: None,
        }
    }

    #[must_use]
    pub fn help(mut self, help: impl Into<Msg>) -> Refused {
        self.help = Some(help.into());
        self
    }
}

/// The entries of a top-level array of tables with their positions in the array (entries that
/// are not tables keep their place, so positions match the file).
pub fn entries<'t, 'a>(root: &'t Spanned<Table<'a>>, array: &str) -> Vec<(usize, &'t Table<'a>)> {
    root.get_ref()
        .get(array)
        .and_then(|n| as_array(n.get_ref()))
        .map(|items| {
            items
                .iter()
                .enumerate()
                .filter_map(|(i, n)| as_table(n.get_ref()).map(|t| (i, t)))
                .collect()
        })
        .unwrap_or_default()
}

/// A value as the user reads it in a change line: strings bare, lists joined, tables inline.
pub fn shown(value: &Value<'_>) -> String {
    use crate::domain::account::value::{as_date, as_int, as_number, as_str};
    if let Some(s) = as_str(value) {
        return s.to_string();
    }
    if let Some(d) = as_date(value) {
        return d.to_string();
    }
    if let Some(i) = as_int(value) {
        return i.to_string();
    }
    if let Some(n) = as_number(value) {
        return n.to_string();
    }
    match value {
        Value::Boolean(b) => b.to_string(),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(|n| shown(n.get_ref())).collect();
            format!("[{}]", parts.join(", "))
        }
        Value::Table(t) => {
            let parts: Vec<String> = t
                .iter()
                .map(|(k, v)| format!("{} = {}", k.get_ref(), shown(v.get_ref())))
                .collect();
            format!("{{ {} }}", parts.join(", "))
        }
        _ => String::new(),
    }
}

/// A literal as the user reads it in a change line.
pub fn shown_lit(lit: &Lit) -> String {
    match lit {
        Lit::Str(s) => s.clone(),
        Lit::Int(i) => i.to_string(),
        Lit::Float(f) => f.to_string(),
        Lit::Bool(b) => b.to_string(),
        Lit::Date(d) => d.to_string(),
        Lit::Array(items) => format!("[{}]", items.iter().map(shown_lit).collect::<Vec<_>>().join(", ")),
        Lit::Table(kv) => format!(
            "{{ {} }}",
            kv.iter()
                .map(|(k, v)| format!("{k} = {}", shown_lit(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
