//! What changed after the deal between two versions of an account, in business terms: contracts
//! signed or changed (amount, expiry), receivables added, payments received (with what is still
//! outstanding), receivables gone overdue, non-payment causes recorded, aftercare recorded and the
//! retrospective written. Both versions are read with the newer playbook, as of the same day; a
//! field either playbook marks sensitive stays out. This is the summary a reviewer reads first; the
//! records themselves, field by field, are in [`crate::domain::review::record_diff`].

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::account::Account;
use crate::domain::after_deal::contracts::{Contract, contracts};
use crate::domain::after_deal::money::Money;
use crate::domain::after_deal::receivables::{Receivable, receivables};
use crate::domain::after_deal::retro::{RetroState, retro_status};
use crate::domain::privacy::Scope;
use crate::domain::review::fields::Books;
use crate::domain::review::records::Change;

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MoneyEvent {
    ContractSigned,
    ContractChanged,
    ContractRemoved,
    ReceivableAdded,
    PaymentReceived,
    WentOverdue,
    CauseRecorded,
    AftercareRecorded,
    RetrospectiveWritten,
}

/// One change after the deal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MoneyNote {
    pub event: MoneyEvent,
    /// The contract number (and the receivable's item), the aftercare kind's label.
    pub what: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// The contract's or receivable's amount, the payment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    /// Still outstanding after a payment, or overdue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outstanding: Option<Money>,
    /// Days overdue, when overdue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_overdue: Option<i64>,
    /// The cause's label, the kind's label, the aftercare summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// What moved on a changed contract.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount_change: Option<Change<Option<Money>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_change: Option<Change<Option<NaiveDate>>>,
}

impl MoneyNote {
    fn new(event: MoneyEvent, what: String) -> MoneyNote {
        MoneyNote {
            event,
            what,
            date: None,
            amount: None,
            outstanding: None,
            days_overdue: None,
            detail: None,
            amount_change: None,
            expires_change: None,
        }
    }
}

fn what(books: Books<'_>, r: &Receivable) -> String {
    match r
        .item
        .as_ref()
        .filter(|_| !books.sensitive(Scope::Record("receivables"), "item"))
    {
        Some(item) => format!("{} {item}", r.contract),
        None => r.contract.clone(),
    }
}

/// The same receivable in the other version: same contract and item, else same contract and due
/// date.
fn find<'a>(all: &'a [Receivable], r: &Receivable) -> Option<&'a Receivable> {
    all.iter()
        .find(|o| o.contract == r.contract && o.item.is_some() && o.item == r.item)
        .or_else(|| {
            all.iter()
                .find(|o| o.contract == r.contract && o.item.is_none() && r.item.is_none() && o.due == r.due)
        })
}

fn contract_notes(old: &[Contract], new: &[Contract], out: &mut Vec<MoneyNote>) {
    for c in new.iter().filter(|c| !c.number.is_empty()) {
        match old.iter().find(|o| o.number == c.number) {
            None => {
                let mut n = MoneyNote::new(MoneyEvent::ContractSigned, c.number.clone());
                n.date = c.signed;
                n.amount.clone_from(&c.amount);
                n.detail.clone_from(&c.kind_label);
                out.push(n);
            }
            Some(o) if o.amount != c.amount || o.expires != c.expires => {
                let mut n = MoneyNote::new(MoneyEvent::ContractChanged, c.number.clone());
                n.amount_change = (o.amount != c.amount).then(|| Change {
                    from: o.amount.clone(),
                    to: c.amount.clone(),
                });
                n.expires_change = (o.expires != c.expires).then_some(Change {
                    from: o.expires,
                    to: c.expires,
                });
                out.push(n);
            }
            Some(_) => {}
        }
    }
    for o in old.iter().filter(|o| !o.number.is_empty()) {
        if !new.iter().any(|c| c.number == o.number) {
            out.push(MoneyNote::new(MoneyEvent::ContractRemoved, o.number.clone()));
        }
    }
}

fn receivable_notes(books: Books<'_>, old: &[Receivable], new: &[Receivable], out: &mut Vec<MoneyNote>) {
    for r in new {
        let before = find(old, r);
        if before.is_none() {
            let mut n = MoneyNote::new(MoneyEvent::ReceivableAdded, what(books, r));
            n.date = r.due;
            n.amount.clone_from(&r.amount);
            out.push(n);
        }
        // Payments the older version did not have.
        let known: Vec<(Option<NaiveDate>, Option<&Money>)> = before
            .map(|b| b.payments.iter().map(|p| (p.date, p.amount.as_ref())).collect())
            .unwrap_or_default();
        let mut unmatched = known.clone();
        for p in &r.payments {
            if let Some(i) = unmatched.iter().position(|k| *k == (p.date, p.amount.as_ref())) {
                unmatched.swap_remove(i);
                continue;
            }
            let Some(amount) = &p.amount else { continue };
            let mut n = MoneyNote::new(MoneyEvent::PaymentReceived, what(books, r));
            n.date = p.date;
            n.amount = Some(amount.clone());
            n.outstanding.clone_from(&r.outstanding);
            n.days_overdue = r.is_overdue().then_some(r.days_overdue);
            out.push(n);
        }
        let was_overdue = before.is_some_and(Receivable::is_overdue);
        if r.is_overdue() && !was_overdue {
            let mut n = MoneyNote::new(MoneyEvent::WentOverdue, what(books, r));
            n.date = r.due;
            n.outstanding.clone_from(&r.outstanding);
            n.days_overdue = Some(r.days_overdue);
            n.detail = r.cause.as_ref().map(|c| c.label.clone());
            out.push(n);
        } else if let Some(c) = &r.cause
            && before.and_then(|b| b.cause.as_ref()).map(|b| &b.id) != Some(&c.id)
        {
            let mut n = MoneyNote::new(MoneyEvent::CauseRecorded, what(books, r));
            n.detail = Some(c.label.clone());
            n.outstanding = r.outstanding.clone().filter(|m| m.cents > 0);
            n.days_overdue = r.is_overdue().then_some(r.days_overdue);
            out.push(n);
        }
    }
}

fn aftercare_notes(books: Books<'_>, base: &Account<'_>, head: &Account<'_>, out: &mut Vec<MoneyNote>) {
    let pb = books.head;
    let key = |r: &crate::domain::account::value::Record<'_, '_>| {
        (
            r.date("date"),
            r.str("kind").map(str::to_string),
            r.str("summary").map(str::to_string),
        )
    };
    let old: Vec<_> = base.aftercare.iter().map(key).collect();
    let shown = !books.sensitive(Scope::Record("aftercare"), "summary");
    for r in &head.aftercare {
        let k = key(r);
        if old.contains(&k) {
            continue;
        }
        let (date, kind, summary) = k;
        let label = kind
            .as_deref()
            .map(|k| pb.enum_label("aftercare_kind", k).to_string())
            .unwrap_or_default();
        let mut n = MoneyNote::new(MoneyEvent::AftercareRecorded, label);
        n.date = date;
        n.detail = summary.filter(|_| shown).map(|s| s.trim().to_string());
        out.push(n);
    }
}

/// Every change after the deal between `base` and `head`, read with the newer playbook as of
/// `today`.
pub fn after_deal(books: Books<'_>, base: &Account<'_>, head: &Account<'_>, today: NaiveDate) -> Vec<MoneyNote> {
    let pb = books.head;
    let mut out = Vec::new();
    let (c0, c1) = (contracts(pb, base), contracts(pb, head));
    contract_notes(&c0, &c1, &mut out);
    let (r0, r1) = (receivables(pb, base, &c0, today), receivables(pb, head, &c1, today));
    receivable_notes(books, &r0, &r1, &mut out);
    aftercare_notes(books, base, head, &mut out);
    let written = |a: &Account<'_>| retro_status(pb, a, today).filter(|s| s.state == RetroState::Written);
    if let Some(s) = written(head)
        && written(base).is_none()
    {
        let mut n = MoneyNote::new(MoneyEvent::RetrospectiveWritten, pb.stage_label(&s.outcome).to_string());
        n.date = s.date;
        out.push(n);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::value::Table;
    use crate::domain::test_support::default_playbook;

    const BASE: &str = "stage = \"won\"\n\
        [[contracts]]\nnumber = \"C-1\"\nkind = \"sales\"\nsigned = 2026-06-30\namount = 1000000\n\
        [[receivables]]\ncontract = \"C-1\"\nitem = \"30 %\"\namount = 300000\ndue = 2026-10-31\n\
        [[receivables]]\ncontract = \"C-1\"\nitem = \"70 %\"\namount = 700000\ndue = 2026-12-31\n";

    fn notes(base: &str, head: &str) -> Vec<MoneyNote> {
        let pb = default_playbook().unwrap();
        let (b, h) = (Table::parse(base).unwrap(), Table::parse(head).unwrap());
        let books = Books { base: &pb, head: &pb };
        after_deal(
            books,
            &Account::new(&b),
            &Account::new(&h),
            "2026-11-25".parse().unwrap(),
        )
    }

    #[test]
    fn a_payment_received_says_what_is_left() {
        let head = BASE.replace(
            "due = 2026-10-31\n",
            "due = 2026-10-31\n[[receivables.payments]]\ndate = 2026-11-20\namount = 100000\n",
        );
        let n = notes(BASE, &head);
        assert_eq!(n.len(), 1, "{n:?}");
        assert_eq!(n[0].event, MoneyEvent::PaymentReceived);
        assert_eq!(n[0].what, "C-1 30 %");
        assert_eq!(n[0].amount, Some(Money::new(10_000_000, "CNY")));
        assert_eq!(n[0].outstanding, Some(Money::new(20_000_000, "CNY")));
        assert_eq!(n[0].days_overdue, Some(25));
    }

    #[test]
    fn a_receivable_gone_overdue_and_its_cause() {
        // The due date moved before today: the receivable is overdue now.
        let head = BASE.replace("due = 2026-12-31", "due = 2026-11-15\ncause = \"cash_shortage\"");
        let n = notes(BASE, &head);
        assert_eq!(n.len(), 1, "{n:?}");
        assert_eq!(n[0].event, MoneyEvent::WentOverdue);
        assert_eq!(n[0].days_overdue, Some(10));
        assert_eq!(n[0].detail.as_deref(), Some("The client is short of cash"));
        // A cause written for an item that was already overdue.
        let head = BASE.replace("due = 2026-10-31", "due = 2026-10-31\ncause = \"competitor\"");
        let n = notes(BASE, &head);
        assert_eq!(n[0].event, MoneyEvent::CauseRecorded);
        assert_eq!(n[0].outstanding, Some(Money::new(30_000_000, "CNY")));
    }

    #[test]
    fn contracts_signed_changed_and_records_added() {
        let head = format!(
            "{}\n[[contracts]]\nnumber = \"S-1\"\nkind = \"service\"\nsigned = 2026-11-20\namount = 50000\nterm_months = 12\n\
             [[aftercare]]\ndate = 2026-11-21\nkind = \"new_project\"\nsummary = \"a new plant\"\n",
            BASE.replace("amount = 1000000", "amount = 1200000")
        );
        let n = notes(BASE, &head);
        let events: Vec<MoneyEvent> = n.iter().map(|x| x.event).collect();
        assert_eq!(
            events,
            [
                MoneyEvent::ContractChanged,
                MoneyEvent::ContractSigned,
                MoneyEvent::AftercareRecorded
            ]
        );
        assert_eq!(
            n[0].amount_change.as_ref().unwrap().to,
            Some(Money::new(120_000_000, "CNY"))
        );
        assert_eq!(n[1].detail.as_deref(), Some("Service contract"));
        assert_eq!(n[2].what, "New project information");
        assert!(notes(BASE, BASE).is_empty());
    }
}
