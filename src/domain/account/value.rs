//! The parsed TOML tree the domain works on, and small typed readers over it.
//!
//! Accounts are parsed once into `toml`'s spanned tree (`DeTable`), whose strings borrow from the
//! file's text; the domain reads that tree in place instead of copying it into its own types, so
//! checking thousands of accounts costs little more than parsing them.

use std::ops::Range;

use chrono::NaiveDate;
pub use toml::Spanned;
pub use toml::de::{DeTable as Table, DeValue as Value};

/// A spanned value in a table.
pub type Node<'a> = Spanned<Value<'a>>;

/// Looks a key up in a table.
pub fn get<'t, 'a>(table: &'t Table<'a>, key: &str) -> Option<&'t Node<'a>> {
    table.get(key)
}

/// The string of a value, if it is one.
pub fn as_str<'t>(value: &'t Value<'_>) -> Option<&'t str> {
    match value {
        Value::String(s) => Some(s.as_ref()),
        _ => None,
    }
}

/// The integer of a value, if it is one that fits in 64 bits.
pub fn as_int(value: &Value<'_>) -> Option<i64> {
    match value {
        Value::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
        _ => None,
    }
}

/// A number (integer or float) as `f64`.
pub fn as_number(value: &Value<'_>) -> Option<f64> {
    match value {
        #[allow(clippy::cast_precision_loss)]
        Value::Integer(_) => as_int(value).map(|i| i as f64),
        Value::Float(f) => f.as_str().parse().ok(),
        _ => None,
    }
}

/// A local date (`2026-03-14`), if the value is one. Datetimes with a time count by their date.
pub fn as_date(value: &Value<'_>) -> Option<NaiveDate> {
    match value {
        Value::Datetime(dt) => {
            let d = dt.date?;
            NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
        }
        _ => None,
    }
}

/// The items of an array.
pub fn as_array<'t, 'a>(value: &'t Value<'a>) -> Option<&'t [Node<'a>]> {
    match value {
        Value::Array(a) => Some(a),
        _ => None,
    }
}

pub fn as_table<'t, 'a>(value: &'t Value<'a>) -> Option<&'t Table<'a>> {
    match value {
        Value::Table(t) => Some(t),
        _ => None,
    }
}

/// Whether a value counts as given: not an empty string, list or table.
pub fn is_filled(value: &Value<'_>) -> bool {
    match value {
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Table(t) => !t.is_empty(),
        _ => true,
    }
}

/// The strings of an array of strings (other items are skipped; `check` reports them).
pub fn strings<'t>(value: &'t Value<'_>) -> impl Iterator<Item = &'t str> {
    as_array(value)
        .unwrap_or_default()
        .iter()
        .filter_map(|n| as_str(n.get_ref()))
}

/// A table of a record (a contact, a visit, …) with its span, read leniently: a value of the
/// wrong type reads as absent, since `check` reports it anyway.
#[derive(Debug, Clone, Copy)]
pub struct Record<'t, 'a> {
    pub table: &'t Table<'a>,
    pub span: (usize, usize),
}

impl<'t, 'a> Record<'t, 'a> {
    pub fn new(table: &'t Table<'a>, span: Range<usize>) -> Self {
        Record {
            table,
            span: (span.start, span.end),
        }
    }

    pub fn span(&self) -> Range<usize> {
        self.span.0..self.span.1
    }

    pub fn node(&self, key: &str) -> Option<&'t Node<'a>> {
        self.table.get(key)
    }

    pub fn value(&self, key: &str) -> Option<&'t Value<'a>> {
        self.node(key).map(Spanned::get_ref)
    }

    pub fn str(&self, key: &str) -> Option<&'t str> {
        self.value(key).and_then(as_str)
    }

    pub fn date(&self, key: &str) -> Option<NaiveDate> {
        self.value(key).and_then(as_date)
    }

    pub fn int(&self, key: &str) -> Option<i64> {
        self.value(key).and_then(as_int)
    }

    pub fn number(&self, key: &str) -> Option<f64> {
        self.value(key).and_then(|v| match v {
            Value::Table(t) => t.get("amount").and_then(|a| as_number(a.get_ref())),
            other => as_number(other),
        })
    }

    /// An amount and its currency (`None` when written as a plain number).
    pub fn money(&self, key: &str) -> Option<(f64, Option<&'t str>)> {
        match self.value(key)? {
            Value::Table(t) => {
                let amount = t.get("amount").and_then(|a| as_number(a.get_ref()))?;
                Some((amount, t.get("currency").and_then(|c| as_str(c.get_ref()))))
            }
            other => as_number(other).map(|n| (n, None)),
        }
    }

    pub fn bool(&self, key: &str) -> Option<bool> {
        match self.value(key)? {
            Value::Boolean(b) => Some(*b),
            _ => None,
        }
    }

    /// The strings of a list field, or of a single string field.
    pub fn list(&self, key: &str) -> Vec<&'t str> {
        match self.value(key) {
            Some(Value::String(s)) => vec![s.as_ref()],
            Some(v) => strings(v).collect(),
            None => Vec::new(),
        }
    }

    pub fn is_filled(&self, key: &str) -> bool {
        self.value(key).is_some_and(is_filled)
    }

    pub fn span_of(&self, key: &str) -> Range<usize> {
        self.node(key).map_or_else(|| self.span(), Spanned::span)
    }

    /// The records of an array-of-tables field of this record (`objections` of a visit …);
    /// items that are not tables are skipped (`check` reports them).
    pub fn nested(&self, key: &str) -> Vec<Record<'t, 'a>> {
        self.node(key)
            .and_then(|n| as_array(n.get_ref()))
            .unwrap_or_default()
            .iter()
            .filter_map(|n| as_table(n.get_ref()).map(|t| Record::new(t, n.span())))
            .collect()
    }
}
