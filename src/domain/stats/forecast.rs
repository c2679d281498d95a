//! The forecast (`kam forecast`): the deals the open pipeline is expected to bring, by month and
//! by owner, weighted and unweighted, with the accounts behind every figure.
//!
//! Each account in a pipeline stage with an expected amount (`[expectation] amount`) gives one
//! line: the amount, its month (`target_date`), and its probability — the account's own
//! `success_rate` where the archive gives one, else the playbook's `probability` for its stage.
//! Weighted = amount × probability. Amounts in different currencies are never added together:
//! every currency has its own totals. Accounts without an amount are listed, not guessed.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::domain::gate::status::in_pipeline;
use crate::domain::playbook::Playbook;
use crate::domain::privacy::{Scope, is_sensitive};
use crate::domain::stats::facts::Facts;

/// Where a line's probability comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProbabilityFrom {
    /// The account's `success_rate`.
    Account,
    /// The stage's `probability` in the playbook.
    Stage,
    /// Neither gives one: the line counts unweighted only.
    None,
}

/// One account's expected deal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    pub id: String,
    pub name: String,
    pub owner: String,
    pub stage: String,
    pub amount: f64,
    pub currency: String,
    pub date: Option<NaiveDate>,
    /// `YYYY-MM` of the date; `None` without one.
    pub month: Option<String>,
    /// The date has passed and the account is still open.
    pub late: bool,
    /// Percent, 0–100.
    pub probability: Option<f64>,
    pub probability_from: ProbabilityFrom,
    pub weighted: Option<f64>,
}

/// A figure and the accounts behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bucket {
    /// The month (`YYYY-MM`) or the owner; `None` for lines without a date.
    pub key: Option<String>,
    pub unweighted: f64,
    pub weighted: f64,
    pub accounts: Vec<String>,
}

/// The forecast in one currency.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CurrencyForecast {
    pub currency: String,
    pub total: Bucket,
    pub by_month: Vec<Bucket>,
    pub by_owner: Vec<Bucket>,
    pub lines: Vec<Line>,
}

/// The whole forecast.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Forecast {
    pub as_of: NaiveDate,
    pub currencies: Vec<CurrencyForecast>,
    /// Open accounts without an expected amount.
    pub without_amount: Vec<String>,
    /// The playbook marks the expected amount as personal data: nothing is shown.
    pub withheld: bool,
}

fn month_of(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

/// The line of one account, if it is open and has an amount.
pub fn line(pb: &Playbook, f: &Facts, today: NaiveDate) -> Option<Line> {
    if !in_pipeline(pb, &f.stage) {
        return None;
    }
    let e = &f.expectation;
    let amount = e.amount?;
    let (probability, from) = match (e.success_rate, pb.stage(&f.stage).and_then(|s| s.probability)) {
        (Some(rate), _) => (Some(rate), ProbabilityFrom::Account),
        (None, Some(p)) => (Some(p), ProbabilityFrom::Stage),
        (None, None) => (None, ProbabilityFrom::None),
    };
    Some(Line {
        id: f.id.clone(),
        name: f.name.clone(),
        owner: f.owner.clone(),
        stage: f.stage.clone(),
        amount,
        currency: e
            .currency
            .clone()
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| pb.doc.policy.currency.clone()),
        date: e.date,
        month: e.date.map(month_of),
        late: e.date.is_some_and(|d| d < today),
        probability,
        probability_from: from,
        weighted: probability.map(|p| amount * p / 100.0),
    })
}

fn bucket(key: Option<String>, lines: &[&Line]) -> Bucket {
    Bucket {
        key,
        unweighted: lines.iter().map(|l| l.amount).sum(),
        weighted: lines.iter().filter_map(|l| l.weighted).sum(),
        accounts: lines.iter().map(|l| l.id.clone()).collect(),
    }
}

fn buckets(lines: &[Line], key: impl Fn(&Line) -> Option<String>) -> Vec<Bucket> {
    let mut groups: BTreeMap<(bool, Option<String>), Vec<&Line>> = BTreeMap::new();
    for l in lines {
        let k = key(l);
        // Lines without a key (no date) come last.
        groups.entry((k.is_none(), k)).or_default().push(l);
    }
    groups.into_iter().map(|((_, k), ls)| bucket(k, &ls)).collect()
}

/// The forecast of these accounts as of `today`.
pub fn forecast(pb: &Playbook, accounts: &[Facts], today: NaiveDate) -> Forecast {
    let withheld = ["amount", "target_date", "success_rate"]
        .iter()
        .any(|f| is_sensitive(pb, Scope::Group("expectation"), f));
    if withheld {
        return Forecast {
            as_of: today,
            currencies: Vec::new(),
            without_amount: Vec::new(),
            withheld,
        };
    }
    let mut by_currency: BTreeMap<String, Vec<Line>> = BTreeMap::new();
    let mut without_amount = Vec::new();
    for f in accounts {
        match line(pb, f, today) {
            Some(l) => by_currency.entry(l.currency.clone()).or_default().push(l),
            None if in_pipeline(pb, &f.stage) => without_amount.push(f.id.clone()),
            None => {}
        }
    }
    without_amount.sort();
    let currencies = by_currency
        .into_iter()
        .map(|(currency, mut lines)| {
            lines.sort_by(|a, b| (a.date.is_none(), a.date, &a.id).cmp(&(b.date.is_none(), b.date, &b.id)));
            let all: Vec<&Line> = lines.iter().collect();
            CurrencyForecast {
                total: bucket(None, &all),
                by_month: buckets(&lines, |l| l.month.clone()),
                by_owner: buckets(&lines, |l| Some(l.owner.clone())),
                currency,
                lines,
            }
        })
        .collect();
    Forecast {
        as_of: today,
        currencies,
        without_amount,
        withheld,
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the values compared are exact
mod tests {
    use super::*;
    use crate::domain::account::Account;
    use crate::domain::account::value::Table;
    use crate::domain::stats::facts::facts;
    use crate::domain::test_support::default_playbook;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn run(pb: &Playbook, texts: &[&str]) -> Forecast {
        let all: Vec<Facts> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let root = Table::parse(t).unwrap();
                facts(pb, &Account::new(&root), &format!("a{i}"), "accounts/a.toml")
            })
            .collect();
        forecast(pb, &all, day("2026-11-25"))
    }

    #[test]
    fn amounts_are_weighted_and_summed_per_currency_month_and_owner() {
        let pb = default_playbook().unwrap();
        let f = run(
            &pb,
            &[
                "owner = \"li\"\nstage = \"close\"\n[expectation]\namount = 1000000\ntarget_date = 2026-12-15\nsuccess_rate = 70\n",
                "owner = \"li\"\nstage = \"assess\"\n[expectation]\namount = 400000\ntarget_date = 2026-12-01\n",
                "owner = \"wang\"\nstage = \"demo\"\n[expectation]\namount = 200000\ntarget_date = 2026-11-01\n",
                "owner = \"ana\"\nstage = \"relationship\"\n[expectation]\namount = { amount = 50000, currency = \"USD\" }\n",
                "owner = \"ana\"\nstage = \"won\"\n[expectation]\namount = 999\n",
                "owner = \"ana\"\nstage = \"qualify\"\n",
            ],
        );
        assert!(!f.withheld);
        assert_eq!(f.without_amount, vec!["a5"]);
        let currencies: Vec<&str> = f.currencies.iter().map(|c| c.currency.as_str()).collect();
        assert_eq!(currencies, vec!["CNY", "USD"]);
        let cny = &f.currencies[0];
        // 1 000 000 × 70 % + 400 000 × 35 % (assess) + 200 000 × 20 % (demo).
        assert_eq!(cny.total.unweighted, 1_600_000.0);
        assert!((cny.total.weighted - 880_000.0).abs() < 1e-6);
        let months: Vec<(Option<&str>, f64, usize)> = cny
            .by_month
            .iter()
            .map(|b| (b.key.as_deref(), b.unweighted, b.accounts.len()))
            .collect();
        assert_eq!(
            months,
            vec![(Some("2026-11"), 200_000.0, 1), (Some("2026-12"), 1_400_000.0, 2)]
        );
        let owners: Vec<&str> = cny.by_owner.iter().filter_map(|b| b.key.as_deref()).collect();
        assert_eq!(owners, vec!["li", "wang"]);
        assert!(cny.lines.iter().any(|l| l.id == "a2" && l.late));
        assert_eq!(cny.lines[2].probability_from, ProbabilityFrom::Account);
        let usd = &f.currencies[1];
        assert_eq!(usd.by_month[0].key, None);
        assert_eq!(usd.total.weighted, 30_000.0);
    }

    #[test]
    fn a_sensitive_expectation_is_withheld() {
        let yaml = crate::domain::test_support::DEFAULT_PLAYBOOK.replace(
            "{ id: amount, label: Expected amount, kind: money,",
            "{ id: amount, label: Expected amount, kind: money, sensitive: true,",
        );
        let pb = crate::domain::test_support::load("kam.yaml", &yaml).unwrap();
        let f = run(&pb, &["stage = \"close\"\n[expectation]\namount = 5\n"]);
        assert!(f.withheld);
        assert!(f.currencies.is_empty());
    }
}
