//! The receivables aging report (`kam report receivables`): what every client owes, by owner and
//! client, sorted into the buckets a finance team reads (current, 1–30, 31–60, 61–90, over 90
//! days overdue), with totals per currency — amounts of different currencies are never added
//! up — and every overdue item with its non-payment cause, the playbook's response and the
//! escalation step it has reached.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::account::Account;
use crate::domain::after_deal::contracts::contracts;
use crate::domain::after_deal::money::Money;
use crate::domain::after_deal::receivables::{Bucket, Cause, Escalated, Receivable, advice, receivables};
use crate::domain::playbook::Playbook;
use crate::domain::privacy::{self, Scope};

/// Cents per aging bucket, in the order of [`Bucket::ALL`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Buckets(pub [i64; 5]);

impl Buckets {
    fn add(&mut self, bucket: Bucket, cents: i64) {
        if let Some(i) = Bucket::ALL.iter().position(|b| *b == bucket) {
            self.0[i] = self.0[i].saturating_add(cents);
        }
    }

    pub fn get(&self, bucket: Bucket) -> i64 {
        Bucket::ALL.iter().position(|b| *b == bucket).map_or(0, |i| self.0[i])
    }

    pub fn total(&self) -> i64 {
        self.0.iter().fold(0i64, |a, b| a.saturating_add(*b))
    }

    fn merge(&mut self, other: &Buckets) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a = a.saturating_add(b);
        }
    }
}

impl Serialize for Buckets {
    /// `{"current": 1644000.0, "1-30": 0.0, …, "total": …}`, in units.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        #[allow(clippy::cast_precision_loss)]
        let units = |c: i64| c as f64 / 100.0;
        let mut m = s.serialize_map(Some(6))?;
        for (b, c) in Bucket::ALL.iter().zip(self.0) {
            m.serialize_entry(b.id(), &units(c))?;
        }
        m.serialize_entry("total", &units(self.total()))?;
        m.end()
    }
}

/// One client's open receivables in one currency.
#[derive(Debug, Clone, Serialize)]
pub struct ClientAging {
    pub id: String,
    pub name: String,
    pub owner: String,
    pub buckets: Buckets,
    /// Days overdue of its oldest overdue item (0 when nothing is overdue).
    pub oldest_days: i64,
}

/// Everything outstanding in one currency.
#[derive(Debug, Clone, Serialize)]
pub struct CurrencyAging {
    pub currency: String,
    /// By owner, then client id.
    pub clients: Vec<ClientAging>,
    pub totals: Buckets,
}

/// One overdue receivable, with what the playbook says to do.
#[derive(Debug, Clone, Serialize)]
pub struct OverdueLine {
    pub id: String,
    pub name: String,
    pub owner: String,
    pub contract: String,
    pub item: Option<String>,
    pub due: Option<NaiveDate>,
    pub days_overdue: i64,
    pub outstanding: Money,
    pub bucket: Bucket,
    pub cause: Option<Cause>,
    pub escalation: Option<Escalated>,
    pub note: Option<String>,
    /// What the playbook advises: the cause's response, the escalation, the note, one a line.
    pub advice: Vec<String>,
}

/// One account's open receivables, read for the report.
#[derive(Debug, Clone)]
pub struct ClientLines {
    pub id: String,
    pub name: String,
    pub owner: String,
    pub open: Vec<Receivable>,
}

impl ClientLines {
    /// The lines as the report shows them: the client's name and the owner replaced by
    /// [`privacy::hidden`] where the playbook marks them sensitive. Filtering by owner uses the
    /// lines as read; the report uses this.
    #[must_use]
    pub fn shown(mut self, pb: &Playbook) -> ClientLines {
        self.name = privacy::shown(pb, Scope::Account, "name", false, &self.name).to_string();
        self.owner = privacy::shown(pb, Scope::Account, "owner", false, &self.owner).to_string();
        self
    }
}

/// The open receivables of one account as of `today`.
pub fn client_lines(pb: &Playbook, account: &Account<'_>, fallback_id: &str, today: NaiveDate) -> ClientLines {
    let all = contracts(pb, account);
    ClientLines {
        id: account.id.map_or(fallback_id, |t| t.text).to_string(),
        name: account.name().to_string(),
        owner: account.owner().to_string(),
        open: receivables(pb, account, &all, today)
            .into_iter()
            .filter(Receivable::is_open)
            .collect(),
    }
}

/// The aging report.
#[derive(Debug, Clone, Serialize)]
pub struct AgingReport {
    pub as_of: NaiveDate,
    /// Receivables with something outstanding.
    pub open_items: usize,
    pub currencies: Vec<CurrencyAging>,
    /// Overdue items, most overdue first.
    pub overdue: Vec<OverdueLine>,
    /// Account files that could not be read: the report may be incomplete.
    pub unreadable: Vec<String>,
}

/// The aging report over the clients' open receivables.
pub fn aging(pb: &Playbook, clients: &[ClientLines], unreadable: Vec<String>, today: NaiveDate) -> AgingReport {
    let mut currencies: Vec<CurrencyAging> = Vec::new();
    let mut overdue = Vec::new();
    for c in clients {
        for r in &c.open {
            let Some(out) = &r.outstanding else { continue };
            let ci = currencies
                .iter()
                .position(|x| x.currency == out.currency)
                .unwrap_or_else(|| {
                    currencies.push(CurrencyAging {
                        currency: out.currency.clone(),
                        clients: Vec::new(),
                        totals: Buckets::default(),
                    });
                    currencies.len() - 1
                });
            let cur = &mut currencies[ci];
            let ri = cur.clients.iter().position(|x| x.id == c.id).unwrap_or_else(|| {
                cur.clients.push(ClientAging {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    owner: c.owner.clone(),
                    buckets: Buckets::default(),
                    oldest_days: 0,
                });
                cur.clients.len() - 1
            });
            let row = &mut cur.clients[ri];
            row.buckets.add(r.bucket, out.cents);
            row.oldest_days = row.oldest_days.max(r.days_overdue);
            if r.is_overdue() {
                overdue.push(OverdueLine {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    owner: c.owner.clone(),
                    contract: r.contract.clone(),
                    item: r.item.clone(),
                    due: r.due,
                    days_overdue: r.days_overdue,
                    outstanding: out.clone(),
                    bucket: r.bucket,
                    cause: r.cause.clone(),
                    escalation: r.escalation.clone(),
                    note: r.note.clone(),
                    advice: advice(pb, r),
                });
            }
        }
    }
    for cur in &mut currencies {
        cur.clients.sort_by(|a, b| (&a.owner, &a.id).cmp(&(&b.owner, &b.id)));
        let mut totals = Buckets::default();
        for c in &cur.clients {
            totals.merge(&c.buckets);
        }
        cur.totals = totals;
    }
    currencies.sort_by(|a, b| a.currency.cmp(&b.currency));
    overdue.sort_by(|a, b| {
        b.days_overdue
            .cmp(&a.days_overdue)
            .then_with(|| (&a.id, &a.contract).cmp(&(&b.id, &b.contract)))
    });
    AgingReport {
        as_of: today,
        open_items: clients.iter().map(|c| c.open.len()).sum(),
        currencies,
        overdue,
        unreadable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::value::Table;
    use crate::domain::test_support::default_playbook;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn lines(id: &str, owner: &str, body: &str, today: NaiveDate) -> ClientLines {
        let pb = default_playbook().unwrap();
        let text = format!("id = \"{id}\"\nname = \"{id} Ltd\"\nowner = \"{owner}\"\n{body}");
        let root = Table::parse(&text).unwrap();
        client_lines(&pb, &Account::new(&root), id, today)
    }

    const BODY: &str = "[[contracts]]\nnumber = \"C\"\nkind = \"sales\"\nsigned = 2026-01-01\namount = 1000000\n\
        [[contracts]]\nnumber = \"U\"\nkind = \"sales\"\nsigned = 2026-01-01\namount = { amount = 50000, currency = \"USD\" }\n\
        [[receivables]]\ncontract = \"C\"\namount = 100000\ndue = 2026-12-10\n\
        [[receivables]]\ncontract = \"C\"\namount = 200000\ndue = 2026-11-20\n\
        [[receivables]]\ncontract = \"C\"\namount = 300000\ndue = 2026-07-01\ncause = \"cash_shortage\"\n\
        [[receivables.payments]]\ndate = 2026-08-01\namount = 50000\n\
        [[receivables]]\ncontract = \"U\"\namount = 10000\ndue = 2026-10-01\n\
        [[receivables]]\ncontract = \"C\"\namount = 400000\ndue = 2026-09-01\n\
        [[receivables.payments]]\ndate = 2026-09-01\namount = 400000\n";

    #[test]
    fn amounts_fall_into_buckets_with_totals_per_currency() {
        let today = day("2026-11-25");
        let a = lines("b-client", "zhang", BODY, today);
        let b = lines(
            "a-client",
            "zhang",
            "[[contracts]]\nnumber = \"K\"\nsigned = 2026-01-01\n[[receivables]]\ncontract = \"K\"\namount = 5000\ndue = 2026-11-25\n",
            today,
        );
        let pb = default_playbook().unwrap();
        let r = aging(&pb, &[a, b], Vec::new(), today);
        let ids: Vec<&str> = r.currencies.iter().map(|c| c.currency.as_str()).collect();
        assert_eq!(ids, ["CNY", "USD"], "never added up across currencies");
        let cny = &r.currencies[0];
        assert_eq!(cny.clients[0].id, "a-client", "by owner, then id");
        let b = &cny.clients[1].buckets;
        assert_eq!(b.get(Bucket::Current), 10_000_000);
        assert_eq!(b.get(Bucket::Days1To30), 20_000_000);
        assert_eq!(
            b.get(Bucket::Over90),
            25_000_000,
            "300,000 less 50,000 paid, 147 days overdue"
        );
        assert_eq!(b.total(), 55_000_000, "the paid receivable is not listed");
        assert_eq!(cny.totals.total(), 55_500_000);
        assert_eq!(cny.totals.get(Bucket::Current), 10_500_000, "due today is current");
        assert_eq!(r.currencies[1].totals.get(Bucket::Days31To60), 1_000_000);
        let days: Vec<i64> = r.overdue.iter().map(|o| o.days_overdue).collect();
        assert_eq!(days, [147, 55, 5], "most overdue first");
        assert_eq!(
            r.overdue[0].cause.as_ref().map(|c| c.id.as_str()),
            Some("cash_shortage")
        );
        assert_eq!(
            r.overdue[0].escalation.as_ref().map(|e| e.id.as_str()),
            Some("higher_level")
        );
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["currencies"][0]["totals"]["over-90"], 250_000.0);
        assert_eq!(json["currencies"][0]["totals"]["total"], 555_000.0);
    }
}
