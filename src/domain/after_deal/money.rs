//! Amounts of money after the deal, held exactly: whole cents and a currency. An amount written
//! without a currency is in the currency of what it belongs to (a payment in its receivable's, a
//! receivable in its contract's, a contract in the policy's). Amounts of different currencies are
//! never added up: every total is per currency.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::domain::account::value::Record;

/// The largest amount kam computes with, in units (a trillion): beyond it, and for values that
/// are not finite, an amount reads as absent.
const MAX_UNITS: f64 = 1e12;

/// An exact amount in one currency.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money {
    /// Whole cents (hundredths of the unit).
    pub cents: i64,
    /// The currency code as written, upper-cased (`CNY`, `USD`).
    pub currency: String,
}

impl Money {
    pub fn new(cents: i64, currency: &str) -> Money {
        Money {
            cents,
            currency: currency.trim().to_uppercase(),
        }
    }

    /// The amount in units, for printing.
    #[allow(clippy::cast_precision_loss)]
    pub fn units(&self) -> f64 {
        self.cents as f64 / 100.0
    }
}

/// Whole units with thousands separators, and the cents when there are any: `1,644,000`,
/// `-1,234.50`.
pub fn group(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let units = (abs / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in units.chars().enumerate() {
        if i > 0 && (units.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match abs % 100 {
        0 => format!("{sign}{grouped}"),
        rest => format!("{sign}{grouped}.{rest:02}"),
    }
}

impl std::fmt::Display for Money {
    /// `1,644,000 CNY`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", group(self.cents), self.currency)
    }
}

impl Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Money", 2)?;
        st.serialize_field("amount", &self.units())?;
        st.serialize_field("currency", &self.currency)?;
        st.end()
    }
}

/// Units to whole cents, when the amount is one kam can hold exactly.
#[allow(clippy::cast_possible_truncation)]
pub fn to_cents(units: f64) -> Option<i64> {
    (units.is_finite() && units.abs() <= MAX_UNITS).then(|| (units * 100.0).round() as i64)
}

/// A money field of a record: its amount in cents, and the currency it is written in, if any.
pub fn read(record: &Record<'_, '_>, key: &str) -> Option<(i64, Option<String>)> {
    let (units, currency) = record.money(key)?;
    Some((
        to_cents(units)?,
        currency.map(|c| c.trim().to_uppercase()).filter(|c| !c.is_empty()),
    ))
}

/// A money field of a record in `default` unless it names its own currency.
pub fn read_in(record: &Record<'_, '_>, key: &str, default: &str) -> Option<Money> {
    let (cents, currency) = read(record, key)?;
    Some(Money::new(cents, currency.as_deref().unwrap_or(default)))
}

/// Totals per currency, in currency order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals(pub BTreeMap<String, i64>);

impl Totals {
    pub fn add(&mut self, m: &Money) {
        let total = self.0.entry(m.currency.clone()).or_default();
        *total = total.saturating_add(m.cents);
    }

    pub fn get(&self, currency: &str) -> i64 {
        self.0.get(currency).copied().unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.0.values().all(|c| *c == 0)
    }

    /// The non-zero totals as amounts.
    pub fn amounts(&self) -> Vec<Money> {
        self.0
            .iter()
            .filter(|(_, c)| **c != 0)
            .map(|(cur, c)| Money::new(*c, cur))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_whole_cents() {
        assert_eq!(to_cents(0.1 + 0.2), Some(30));
        assert_eq!(to_cents(1_644_000.0), Some(164_400_000));
        assert_eq!(to_cents(-2.5), Some(-250));
        assert_eq!(to_cents(f64::NAN), None);
        assert_eq!(to_cents(f64::INFINITY), None);
        assert_eq!(to_cents(2e12), None);
    }

    #[test]
    fn amounts_print_with_separators() {
        assert_eq!(Money::new(164_400_000, "CNY").to_string(), "1,644,000 CNY");
        assert_eq!(group(-123_450), "-1,234.50");
        assert_eq!(group(5), "0.05");
        assert_eq!(group(0), "0");
    }

    #[test]
    fn totals_never_mix_currencies() {
        let mut t = Totals::default();
        t.add(&Money::new(100, "cny"));
        t.add(&Money::new(250, "USD"));
        t.add(&Money::new(50, "CNY"));
        assert_eq!(t.get("CNY"), 150);
        assert_eq!(t.get("USD"), 250);
        assert_eq!(t.amounts(), vec![Money::new(150, "CNY"), Money::new(250, "USD")]);
        // Hostile files cannot overflow a total: it saturates.
        t.add(&Money::new(i64::MAX - 1, "CNY"));
        t.add(&Money::new(i64::MAX - 1, "CNY"));
        assert_eq!(t.get("CNY"), i64::MAX);
    }
}
