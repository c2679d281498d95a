//! Receivables: what is invoiced or due under each contract, what was paid against it and when,
//! what is still outstanding and how many days overdue — with the aging bucket a finance team
//! sorts it into, the non-payment cause the account records and the playbook's response to it,
//! and the escalation step it has reached.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::account::Account;
use crate::domain::account::value::{Record, as_array, as_table};
use crate::domain::after_deal::contracts::Contract;
use crate::domain::after_deal::money::{Money, read_in};
use crate::domain::playbook::{CAUSES, Playbook};
use crate::domain::privacy::{Scope, is_sensitive};

/// Aging buckets, by days overdue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Bucket {
    /// Not yet due, or due today.
    #[serde(rename = "current")]
    Current,
    #[serde(rename = "1-30")]
    Days1To30,
    #[serde(rename = "31-60")]
    Days31To60,
    #[serde(rename = "61-90")]
    Days61To90,
    #[serde(rename = "over-90")]
    Over90,
}

impl Bucket {
    pub const ALL: [Bucket; 5] = [
        Bucket::Current,
        Bucket::Days1To30,
        Bucket::Days31To60,
        Bucket::Days61To90,
        Bucket::Over90,
    ];

    /// The bucket of an amount this many days overdue (zero or less: current).
    pub fn of(days_overdue: i64) -> Bucket {
        match days_overdue {
            ..=0 => Bucket::Current,
            1..=30 => Bucket::Days1To30,
            31..=60 => Bucket::Days31To60,
            61..=90 => Bucket::Days61To90,
            _ => Bucket::Over90,
        }
    }

    /// The stable id (CSV headers, JSON keys, message ids).
    pub fn id(self) -> &'static str {
        match self {
            Bucket::Current => "current",
            Bucket::Days1To30 => "1-30",
            Bucket::Days31To60 => "31-60",
            Bucket::Days61To90 => "61-90",
            Bucket::Over90 => "over-90",
        }
    }
}

/// A non-payment cause with the playbook's response to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cause {
    pub id: String,
    pub label: String,
    pub response: String,
}

/// The escalation step an overdue receivable has reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Escalated {
    pub id: String,
    pub label: String,
    pub help: String,
    pub after_days: u32,
}

/// One payment against a receivable.
#[derive(Debug, Clone, Serialize)]
pub struct Payment {
    pub date: Option<NaiveDate>,
    pub amount: Option<Money>,
    #[serde(skip)]
    pub span: (usize, usize),
}

/// One `[[receivables]]` record, read as of a day.
#[derive(Debug, Clone, Serialize)]
pub struct Receivable {
    pub contract: String,
    pub item: Option<String>,
    /// The amount due, in its currency (its own, else the contract's, else the policy's).
    pub amount: Option<Money>,
    pub invoiced: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub payments: Vec<Payment>,
    /// What was paid up to the day, in cents of the amount's currency (payments dated later or
    /// written in another currency do not count; `kam check` reports them).
    pub paid: i64,
    pub last_paid: Option<NaiveDate>,
    /// What is still to be paid (never below zero).
    pub outstanding: Option<Money>,
    /// Days past the due date with something outstanding; zero when not overdue.
    pub days_overdue: i64,
    pub bucket: Bucket,
    pub cause: Option<Cause>,
    pub escalation: Option<Escalated>,
    pub note: Option<String>,
    #[serde(skip)]
    pub span: (usize, usize),
}

impl Receivable {
    pub fn is_overdue(&self) -> bool {
        self.days_overdue > 0
    }

    /// Whether something is still to be paid.
    pub fn is_open(&self) -> bool {
        self.outstanding.as_ref().is_some_and(|m| m.cents > 0)
    }
}

/// The enumeration of non-payment causes the playbook uses.
pub fn causes_enum(pb: &Playbook) -> &str {
    pb.record_type("receivables")
        .and_then(|r| r.field("cause"))
        .and_then(|f| f.values.as_deref())
        .unwrap_or(CAUSES)
}

/// A cause by id, with its label and the playbook's response (its help).
pub fn cause(pb: &Playbook, id: &str) -> Cause {
    let value = pb.enum_value(causes_enum(pb), id);
    Cause {
        id: id.to_string(),
        label: value.map_or_else(|| id.to_string(), |v| v.label.clone()),
        response: value.map(|v| v.help.trim().to_string()).unwrap_or_default(),
    }
}

/// The last escalation step reached after `days` overdue with this cause.
pub fn escalation(pb: &Playbook, days: i64, cause: Option<&str>) -> Option<Escalated> {
    pb.doc
        .after_deal
        .escalation
        .iter()
        .filter(|s| days >= i64::from(s.after_days))
        .filter(|s| s.causes.is_empty() || cause.is_some_and(|c| s.causes.iter().any(|x| x == c)))
        .max_by_key(|s| s.after_days)
        .map(|s| Escalated {
            id: s.id.clone(),
            label: s.label.clone(),
            help: s.help.trim().to_string(),
            after_days: s.after_days,
        })
}

/// What the playbook advises for an overdue receivable, one line each: the cause's response (or
/// a request to record the cause), the escalation step reached, and the receivable's note. The
/// phrases are the playbook's `after.cause_unknown` and `after.escalate`.
pub fn advice(pb: &Playbook, r: &Receivable) -> Vec<String> {
    let mut out = Vec::new();
    if !r.is_overdue() {
        return out;
    }
    let colon = pb.text("report.colon", ": ");
    out.push(match &r.cause {
        Some(c) if c.response.is_empty() => c.label.clone(),
        Some(c) => format!("{}{colon}{}", c.label, c.response),
        None => pb
            .text(
                "after.cause_unknown",
                "Cause not recorded: write the receivable's `cause` to get the playbook's response",
            )
            .to_string(),
    });
    if let Some(e) = &r.escalation {
        out.push(
            pb.text("after.escalate", "Escalate — {step} ({days}+ days overdue): {help}")
                .replace("{step}", &e.label)
                .replace("{days}", &e.after_days.to_string())
                .replace("{help}", &e.help),
        );
    }
    if let Some(note) = &r.note {
        out.push(note.clone());
    }
    out
}

/// The payments of a receivable record.
pub fn payments<'t>(r: &Record<'t, 't>) -> Vec<Record<'t, 't>> {
    let Some(items) = r.value("payments").and_then(as_array) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|n| as_table(n.get_ref()).map(|t| Record::new(t, n.span())))
        .collect()
}

/// A text field of a receivable, unless the playbook marks it sensitive: the views after the deal
/// feed the agenda, the aging report, diffs and diagnostics, none of which shows personal data.
fn text(pb: &Playbook, r: &Record<'_, '_>, key: &str) -> Option<String> {
    if is_sensitive(pb, Scope::Record("receivables"), key) {
        return None;
    }
    r.str(key).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// One receivable as of `today`; `contracts` gives the currency of its contract.
pub fn receivable(pb: &Playbook, r: &Record<'_, '_>, contracts: &[Contract], today: NaiveDate) -> Receivable {
    let number = r.str("contract").map(str::trim).unwrap_or_default();
    let default = contracts
        .iter()
        .find(|c| c.number == number)
        .map_or_else(|| pb.doc.policy.currency.trim().to_uppercase(), |c| c.currency.clone());
    let amount = read_in(r, "amount", &default);
    let currency = amount.as_ref().map_or(default, |m| m.currency.clone());
    let payments: Vec<Payment> = payments(r)
        .iter()
        .map(|p| Payment {
            date: p.date("date"),
            amount: read_in(p, "amount", &currency),
            span: p.span,
        })
        .collect();
    let counted = payments
        .iter()
        .filter(|p| p.date.is_some_and(|d| d <= today) && p.amount.as_ref().is_some_and(|m| m.currency == currency));
    let paid: i64 = counted
        .clone()
        .filter_map(|p| p.amount.as_ref())
        .fold(0i64, |a, m| a.saturating_add(m.cents));
    let last_paid = counted.filter_map(|p| p.date).max();
    let outstanding = amount
        .as_ref()
        .map(|m| Money::new(m.cents.saturating_sub(paid).max(0), &m.currency));
    let due = r.date("due");
    let open = outstanding.as_ref().is_some_and(|m| m.cents > 0);
    let days_overdue = match due {
        Some(d) if open && d < today => (today - d).num_days(),
        _ => 0,
    };
    let cause_id = r.str("cause").map(str::trim).filter(|c| !c.is_empty());
    Receivable {
        contract: number.to_string(),
        item: text(pb, r, "item"),
        amount,
        invoiced: r.date("invoiced"),
        due,
        payments,
        paid,
        last_paid,
        outstanding,
        days_overdue,
        bucket: Bucket::of(days_overdue),
        cause: cause_id.map(|c| cause(pb, c)),
        escalation: (days_overdue > 0)
            .then(|| escalation(pb, days_overdue, cause_id))
            .flatten(),
        note: text(pb, r, "note"),
        span: r.span,
    }
}

/// Every receivable of the account as of `today`.
pub fn receivables(pb: &Playbook, account: &Account<'_>, contracts: &[Contract], today: NaiveDate) -> Vec<Receivable> {
    account
        .receivables
        .iter()
        .map(|r| receivable(pb, r, contracts, today))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::value::Table;
    use crate::domain::after_deal::contracts::contracts;
    use crate::domain::test_support::default_playbook;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn read(text: &str, today: &str) -> Vec<Receivable> {
        let pb = default_playbook().unwrap();
        let root = Table::parse(text).unwrap();
        let account = Account::new(&root);
        let c = contracts(&pb, &account);
        receivables(&pb, &account, &c, day(today))
    }

    const CONTRACT: &str = "[[contracts]]\nnumber = \"C-1\"\nkind = \"sales\"\nsigned = 2026-01-01\namount = { amount = 1000, currency = \"USD\" }\n";

    #[test]
    fn buckets_follow_the_days_overdue() {
        let days = [-5, 0, 1, 30, 31, 60, 61, 90, 91, 400];
        let buckets: Vec<&str> = days.iter().map(|d| Bucket::of(*d).id()).collect();
        assert_eq!(
            buckets,
            [
                "current", "current", "1-30", "1-30", "31-60", "31-60", "61-90", "61-90", "over-90", "over-90"
            ]
        );
    }

    #[test]
    fn outstanding_is_what_payments_up_to_today_leave() {
        let text = format!(
            "{CONTRACT}[[receivables]]\ncontract = \"C-1\"\namount = 600\ndue = 2026-10-31\ncause = \"cash_shortage\"\n\
             [[receivables.payments]]\ndate = 2026-11-05\namount = 200.10\n\
             [[receivables.payments]]\ndate = 2026-12-20\namount = 100\n"
        );
        let r = &read(&text, "2026-11-25")[0];
        assert_eq!(r.amount, Some(Money::new(60_000, "USD")), "in the contract's currency");
        assert_eq!(r.paid, 20_010, "the payment dated after today does not count");
        assert_eq!(r.outstanding, Some(Money::new(39_990, "USD")));
        assert_eq!(r.days_overdue, 25);
        assert_eq!(r.bucket, Bucket::Days1To30);
        assert_eq!(r.last_paid, Some(day("2026-11-05")));
        let cause = r.cause.as_ref().unwrap();
        assert_eq!(cause.label, "The client is short of cash");
        assert!(cause.response.contains("flexible payment plan"), "{}", cause.response);
        assert!(r.escalation.is_none(), "not yet 60 days");
    }

    #[test]
    fn a_paid_receivable_is_not_overdue() {
        let text = format!(
            "{CONTRACT}[[receivables]]\ncontract = \"C-1\"\namount = 600\ndue = 2026-10-31\n\
             [[receivables.payments]]\ndate = 2026-10-30\namount = 600\n"
        );
        let r = &read(&text, "2026-11-25")[0];
        assert!(!r.is_open());
        assert_eq!(r.days_overdue, 0);
        assert_eq!(r.bucket, Bucket::Current);
    }

    #[test]
    fn escalation_follows_days_and_cause() {
        let pb = default_playbook().unwrap();
        assert_eq!(escalation(&pb, 59, None), None);
        assert_eq!(escalation(&pb, 60, Some("cash_shortage")).unwrap().id, "higher_level");
        assert_eq!(escalation(&pb, 120, Some("cash_shortage")).unwrap().id, "higher_level");
        assert_eq!(escalation(&pb, 90, Some("malicious_arrears")).unwrap().id, "legal");
        assert_eq!(
            escalation(&pb, 89, Some("malicious_arrears")).unwrap().id,
            "higher_level"
        );
    }
}
