//! Values of an account file as the review compares and shows them: equal when they mean the same
//! (`1_000` and `1000`, `'a'` and `"a"`), shown in business terms — an enumeration's label, a
//! list joined, an amount with its currency — on one line.

use crate::domain::account::value::{Value, as_date, as_int, as_number};
use crate::domain::playbook::{Field, Kind, Playbook};

/// Whether two values mean the same.
pub fn same(a: &Value<'_>, b: &Value<'_>) -> bool {
    match (a, b) {
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Boolean(x), Value::Boolean(y)) => x == y,
        (Value::Integer(_), Value::Integer(_)) => match (as_int(a), as_int(b)) {
            (Some(x), Some(y)) => x == y,
            _ => number_text(a) == number_text(b),
        },
        (Value::Float(_), Value::Float(_)) => match (as_number(a), as_number(b)) {
            // The same number written two ways (`1e3`, `1000.0`) is the same value.
            #[allow(clippy::float_cmp)]
            (Some(x), Some(y)) => x == y || x.is_nan() && y.is_nan(),
            _ => number_text(a) == number_text(b),
        },
        (Value::Datetime(x), Value::Datetime(y)) => x.to_string() == y.to_string(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p.get_ref(), q.get_ref()))
        }
        (Value::Table(x), Value::Table(y)) => {
            x.len() == y.len()
                && x.iter().all(|(k, v)| {
                    y.get(k.get_ref().as_ref())
                        .is_some_and(|w| same(v.get_ref(), w.get_ref()))
                })
        }
        _ => false,
    }
}

/// A value as text that two values share exactly when [`same`] holds for them (strings as
/// written, numbers by value), for matching records by key.
pub fn canonical(v: &Value<'_>) -> String {
    match v {
        Value::String(s) => format!("s:{s}"),
        Value::Integer(_) => format!("i:{}", as_int(v).map_or_else(|| number_text(v), |i| i.to_string())),
        Value::Float(_) => format!("f:{}", as_number(v).map_or_else(|| number_text(v), |f| f.to_string())),
        Value::Boolean(b) => format!("b:{b}"),
        Value::Datetime(d) => format!("d:{d}"),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(|i| canonical(i.get_ref())).collect();
            format!("[{}]", parts.join("\u{1f}"))
        }
        Value::Table(t) => {
            let mut parts: Vec<String> = t
                .iter()
                .map(|(k, v)| format!("{}={}", k.get_ref(), canonical(v.get_ref())))
                .collect();
            parts.sort();
            format!("{{{}}}", parts.join("\u{1f}"))
        }
    }
}

fn number_text(v: &Value<'_>) -> String {
    match v {
        Value::Integer(i) => i.as_str().replace('_', ""),
        Value::Float(f) => f.as_str().replace('_', ""),
        _ => String::new(),
    }
}

/// Text on one line: line breaks and tabs become spaces, runs of spaces one.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A value as the review shows it. `field` is the playbook's field, when known, for the labels of
/// enumeration values.
pub fn shown(pb: &Playbook, field: Option<&Field>, value: &Value<'_>) -> String {
    let label = |id: &str| -> String {
        field
            .and_then(|f| f.values.as_deref())
            .and_then(|n| pb.enum_value(n, id))
            .map_or_else(|| id.to_string(), |v| v.label.clone())
    };
    match value {
        Value::String(s) => match field.map(|f| f.kind) {
            Some(Kind::Enum) => label(s),
            _ => one_line(s),
        },
        Value::Boolean(b) => if *b {
            pb.text("report.yes", "Yes")
        } else {
            pb.text("report.no", "No")
        }
        .to_string(),
        Value::Integer(_) => as_int(value).map_or_else(|| number_text(value), |i| i.to_string()),
        Value::Float(_) => as_number(value).map_or_else(|| number_text(value), |f| f.to_string()),
        Value::Datetime(_) => as_date(value).map_or_else(
            || match value {
                Value::Datetime(d) => d.to_string(),
                _ => String::new(),
            },
            |d| d.to_string(),
        ),
        Value::Array(items) => {
            let parts: Vec<String> = items
                .iter()
                .map(|i| match i.get_ref() {
                    Value::String(s) if field.is_some_and(|f| f.kind == Kind::EnumList) => label(s),
                    other => shown(pb, None, other),
                })
                .collect();
            if items.iter().all(|i| !matches!(i.get_ref(), Value::Table(_))) {
                parts.join(", ")
            } else {
                parts.join(" | ")
            }
        }
        Value::Table(t) => {
            // An amount with its currency reads as one.
            if let (Some(amount), Some(Value::String(c))) = (
                t.get("amount").map(toml::Spanned::get_ref),
                t.get("currency").map(toml::Spanned::get_ref),
            ) && t.len() == 2
            {
                return format!("{} {c}", shown(pb, None, amount));
            }
            let parts: Vec<String> = t
                .iter()
                .map(|(k, v)| format!("{} = {}", k.get_ref(), shown(pb, None, v.get_ref())))
                .collect();
            format!("{{ {} }}", parts.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::value::Table;
    use crate::domain::test_support::default_playbook;

    fn value_pairs(text: &str) -> Vec<bool> {
        let root = Table::parse(text).unwrap();
        let t = root.get_ref();
        let get = |k: &str| t.get(k).unwrap().get_ref();
        (0..t.len() / 2)
            .map(|i| same(get(&format!("a{i}")), get(&format!("b{i}"))))
            .collect()
    }

    #[test]
    fn values_are_equal_by_meaning_not_spelling() {
        let text = "a0 = 1_000\nb0 = 1000\na1 = 'x'\nb1 = \"x\"\na2 = { k = 1, j = 2 }\nb2 = { j = 2, k = 1 }\n\
                    a3 = [1, 2]\nb3 = [2, 1]\na4 = 2026-01-01\nb4 = 2026-01-02\na5 = 1\nb5 = 1.0\n";
        assert_eq!(value_pairs(text), vec![true, true, true, false, false, false]);
    }

    #[test]
    fn values_read_in_business_terms() {
        let pb = default_playbook().unwrap();
        let root = Table::parse(
            "a = \"slow\"\nb = [\"quality\", \"price\"]\nc = { amount = 1500, currency = \"MXN\" }\nd = \"two\\nlines\"\n",
        )
        .unwrap();
        let t = root.get_ref();
        let attitude = pb.archive_field("finance.payment_attitude");
        let concerns = pb.archive_field("procurement.concerns");
        assert_eq!(shown(&pb, attitude, t.get("a").unwrap().get_ref()), "Slow");
        assert_eq!(shown(&pb, concerns, t.get("b").unwrap().get_ref()), "Quality, Price");
        assert_eq!(shown(&pb, None, t.get("c").unwrap().get_ref()), "1500 MXN");
        assert_eq!(shown(&pb, None, t.get("d").unwrap().get_ref()), "two lines");
    }
}
