//! `kam report expenses`: what each owner spent per account against the budgets applied for, over
//! the visits and receptions with a budget or expenses (in a month, when asked), with the reports
//! that still block reimbursement. Amounts are in the policy's currency; an amount in a currency
//! without an exchange rate is counted apart, never guessed.

use crate::domain::privacy::{self, Scope};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::domain::account::Account;
use crate::domain::approval::{Amount, applications};
use crate::domain::playbook::Playbook;
use crate::domain::score::{Weights, score};

/// A calendar month, `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    /// Parses `2026-11`.
    pub fn parse(text: &str) -> Option<Month> {
        let (y, m) = text.trim().split_once('-')?;
        if y.len() != 4 || m.len() != 2 {
            return None;
        }
        let (year, month) = (y.parse().ok()?, m.parse().ok()?);
        NaiveDate::from_ymd_opt(year, month, 1).map(|_| Month { year, month })
    }

    pub fn holds(self, date: NaiveDate) -> bool {
        date.year() == self.year && date.month() == self.month
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Sums of one account, or of an owner, or of everyone.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Sums {
    /// Visits and receptions with a budget or expenses.
    pub events: usize,
    pub budget: f64,
    pub expenses: f64,
    /// What the events with expenses spent beyond their budget (negative: under it); expenses
    /// without a budget count in full. Planned events with a budget only do not count.
    pub over_budget: f64,
    /// Past events with expenses and no report: their reimbursement is blocked.
    pub no_report: usize,
    /// Events with expenses not reimbursed yet.
    pub not_reimbursed: usize,
    /// Amounts left out of the sums: written in a currency the playbook has no rate for.
    pub unconverted: usize,
}

impl Sums {
    /// Sums of converted amounts carry float noise; money is kept to the cent.
    fn rounded(mut self) -> Sums {
        let cent = |x: f64| (x * 100.0).round() / 100.0;
        self.budget = cent(self.budget);
        self.expenses = cent(self.expenses);
        self.over_budget = cent(self.over_budget);
        self
    }

    fn add(&mut self, other: &Sums) {
        self.events += other.events;
        self.budget += other.budget;
        self.expenses += other.expenses;
        self.over_budget += other.over_budget;
        self.no_report += other.no_report;
        self.not_reimbursed += other.not_reimbursed;
        self.unconverted += other.unconverted;
    }
}

/// One account's expenses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccountExpenses {
    pub owner: String,
    pub id: String,
    pub name: String,
    #[serde(flatten)]
    pub sums: Sums,
}

/// One owner's accounts and their total.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OwnerExpenses {
    pub owner: String,
    pub accounts: Vec<AccountExpenses>,
    pub total: Sums,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExpenseReport {
    pub currency: String,
    pub month: Option<String>,
    pub owners: Vec<OwnerExpenses>,
    pub total: Sums,
}

fn add_amount(sum: &mut f64, unconverted: &mut usize, a: Option<&Amount>) {
    match a.map(|a| a.value) {
        Some(Some(v)) => *sum += v,
        Some(None) => *unconverted += 1,
        None => {}
    }
}

/// The expenses of one account (in `month`, when given), or `None` when it has no event with a
/// budget or expenses. `fallback_id` names it when the file has no `id`.
pub fn account_expenses(
    pb: &Playbook,
    account: &Account<'_>,
    fallback_id: &str,
    month: Option<Month>,
    today: NaiveDate,
) -> Option<AccountExpenses> {
    let tier = score(pb, account, &Weights::new()).tier;
    let mut sums = Sums::default();
    for mut a in applications(pb, account, tier.as_deref()) {
        // Amounts the playbook marks personal stay out of the sums.
        let of = Scope::Record(a.of);
        if privacy::is_sensitive(pb, of, "budget") {
            a.budget = None;
        }
        if privacy::is_sensitive(pb, of, "expenses") {
            a.expenses = None;
        }
        if month.is_some_and(|m| !m.holds(a.date)) || (a.budget.is_none() && a.expenses.is_none()) {
            continue;
        }
        sums.events += 1;
        add_amount(&mut sums.budget, &mut sums.unconverted, a.budget.as_ref());
        add_amount(&mut sums.expenses, &mut sums.unconverted, a.expenses.as_ref());
        if let Some(spent) = a.expenses.as_ref().and_then(|e| e.value) {
            match a.budget.as_ref().map(|b| b.value) {
                Some(Some(budget)) => sums.over_budget += spent - budget,
                Some(None) => {}
                None => sums.over_budget += spent,
            }
        }
        if a.expenses.is_some() {
            if !a.reported && a.date <= today {
                sums.no_report += 1;
            }
            if !a.reimbursed() {
                sums.not_reimbursed += 1;
            }
        }
    }
    // Names the playbook marks personal are hidden (the report has no --include-sensitive).
    let shown = |id: &str, value: &str| privacy::shown(pb, Scope::Account, id, false, value).to_string();
    (sums.events > 0).then(|| AccountExpenses {
        owner: shown("owner", account.owner()),
        id: account.id.map_or(fallback_id, |t| t.text).to_string(),
        name: shown("name", account.name()),
        sums: sums.rounded(),
    })
}

/// The report from the accounts' expenses: owners in order, each one's accounts by id, totals.
pub fn report(pb: &Playbook, mut accounts: Vec<AccountExpenses>, month: Option<Month>) -> ExpenseReport {
    accounts.sort_by(|a, b| (&a.owner, &a.id).cmp(&(&b.owner, &b.id)));
    let mut owners: Vec<OwnerExpenses> = Vec::new();
    let mut total = Sums::default();
    for a in accounts {
        total.add(&a.sums);
        match owners.last_mut() {
            Some(o) if o.owner == a.owner => {
                o.total.add(&a.sums);
                o.accounts.push(a);
            }
            _ => owners.push(OwnerExpenses {
                owner: a.owner.clone(),
                total: a.sums.clone(),
                accounts: vec![a],
            }),
        }
    }
    for o in &mut owners {
        o.total = std::mem::take(&mut o.total).rounded();
    }
    ExpenseReport {
        currency: pb.doc.policy.currency.clone(),
        month: month.map(|m| m.to_string()),
        owners,
        total: total.rounded(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_strictly() {
        assert_eq!(Month::parse("2026-11"), Some(Month { year: 2026, month: 11 }));
        assert_eq!(Month::parse("2026-13"), None);
        assert_eq!(Month::parse("2026-1"), None);
        assert_eq!(Month::parse("nov"), None);
        let m = Month::parse("2026-02").unwrap();
        assert!(m.holds(NaiveDate::from_ymd_opt(2026, 2, 28).unwrap()));
        assert!(!m.holds(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()));
        assert_eq!(m.to_string(), "2026-02");
    }
}
