//! The account's contracts: the strategic cooperation agreement and the sub-contracts signed under
//! it, each with its number, kind, signing date, amount, term and what it covers; and the
//! renewals due: a contract expiring within the playbook's horizon that nothing renews yet.

use chrono::{Months, NaiveDate};
use serde::Serialize;

use crate::domain::account::Account;
use crate::domain::account::value::Record;
use crate::domain::after_deal::money::{Money, read_in};
use crate::domain::playbook::Playbook;
use crate::domain::privacy::{Scope, is_sensitive};

/// The kind of contract sub-contracts are signed under.
pub const AGREEMENT: &str = "strategic_agreement";

/// One `[[contracts]]` record, read.
#[derive(Debug, Clone, Serialize)]
pub struct Contract {
    pub number: String,
    /// The kind's id and label.
    pub kind: Option<String>,
    pub kind_label: Option<String>,
    /// The agreement it is signed under.
    pub under: Option<String>,
    pub title: Option<String>,
    pub scope: Option<String>,
    pub signed: Option<NaiveDate>,
    pub amount: Option<Money>,
    /// The currency its receivables are in: its amount's, else the policy's.
    pub currency: String,
    pub starts: Option<NaiveDate>,
    /// `expires`, else `term_months` from `starts` (else from the signing date).
    pub expires: Option<NaiveDate>,
    pub renews: Option<String>,
    pub no_renewal: Option<String>,
    #[serde(skip)]
    pub span: (usize, usize),
}

/// A text field of a contract, unless the playbook marks it sensitive (the views after the deal
/// feed outputs that never show personal data).
fn text(pb: &Playbook, r: &Record<'_, '_>, key: &str) -> Option<String> {
    if is_sensitive(pb, Scope::Record("contracts"), key) {
        return None;
    }
    r.str(key).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// A contract record read with the playbook's labels.
pub fn contract(pb: &Playbook, r: &Record<'_, '_>) -> Contract {
    let policy = pb.doc.policy.currency.as_str();
    let amount = read_in(r, "amount", policy);
    let signed = r.date("signed");
    let starts = r.date("starts");
    let term = r
        .int("term_months")
        .and_then(|m| u32::try_from(m).ok())
        .filter(|m| *m > 0);
    let expires = r.date("expires").or_else(|| {
        let from = starts.or(signed)?;
        from.checked_add_months(Months::new(term?))?.pred_opt()
    });
    let kind = text(pb, r, "kind");
    Contract {
        number: text(pb, r, "number").unwrap_or_default(),
        kind_label: kind.as_deref().map(|k| pb.enum_label("contract_kind", k).to_string()),
        kind,
        under: text(pb, r, "under"),
        title: text(pb, r, "title"),
        scope: text(pb, r, "scope"),
        signed,
        currency: amount
            .as_ref()
            .map_or_else(|| policy.trim().to_uppercase(), |m| m.currency.clone()),
        amount,
        starts,
        expires,
        renews: text(pb, r, "renews"),
        no_renewal: text(pb, r, "no_renewal"),
        span: r.span,
    }
}

/// Every contract of the account, as written.
pub fn contracts(pb: &Playbook, account: &Account<'_>) -> Vec<Contract> {
    account.contracts.iter().map(|r| contract(pb, r)).collect()
}

/// A contract whose renewal is on the agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Renewal {
    pub number: String,
    pub title: Option<String>,
    pub expires: NaiveDate,
    /// The day the renewal enters the agenda: the expiry less the playbook's horizon.
    pub from: NaiveDate,
}

/// Contracts expiring within the playbook's `after_deal.renewal_days` (or expired) that no other
/// contract renews and that are not marked `no_renewal`, with the day each enters the agenda.
pub fn renewals(pb: &Playbook, all: &[Contract]) -> Vec<Renewal> {
    let Some(days) = pb.doc.after_deal.renewal_days else {
        return Vec::new();
    };
    all.iter()
        .filter(|c| c.no_renewal.is_none() && !c.number.is_empty())
        .filter(|c| !all.iter().any(|o| o.renews.as_deref() == Some(c.number.as_str())))
        .filter_map(|c| {
            let expires = c.expires?;
            Some(Renewal {
                number: c.number.clone(),
                title: c.title.clone().or_else(|| c.kind_label.clone()),
                expires,
                from: expires
                    .checked_sub_days(chrono::Days::new(u64::from(days)))
                    .unwrap_or(expires),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::value::Table;
    use crate::domain::test_support::default_playbook;

    fn read(text: &str) -> Vec<Contract> {
        let pb = default_playbook().unwrap();
        let root = Table::parse(text).unwrap();
        contracts(&pb, &Account::new(&root))
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_term_in_months_gives_the_expiry() {
        let c = read(
            "[[contracts]]\nnumber = \"S-1\"\nkind = \"service\"\nsigned = 2026-10-28\nstarts = 2026-12-15\nterm_months = 12\n\
             amount = { amount = 320000, currency = \"usd\" }\n",
        );
        assert_eq!(c[0].expires, Some(day("2027-12-14")));
        assert_eq!(c[0].currency, "USD");
        assert_eq!(c[0].kind_label.as_deref(), Some("Service contract"));
        // Without a start, the term runs from the signing date; a written expiry wins.
        let c = read(
            "[[contracts]]\nnumber = \"A\"\nsigned = 2026-01-15\nterm_months = 1\n[[contracts]]\nnumber = \"B\"\nsigned = 2026-01-01\nterm_months = 6\nexpires = 2026-03-01\n",
        );
        assert_eq!(c[0].expires, Some(day("2026-02-14")));
        assert_eq!(c[0].currency, "CNY");
        assert_eq!(c[1].expires, Some(day("2026-03-01")));
    }

    #[test]
    fn a_renewed_or_closed_contract_needs_no_renewal() {
        let pb = default_playbook().unwrap();
        let c = read(
            "[[contracts]]\nnumber = \"OLD\"\nsigned = 2025-01-01\nexpires = 2026-12-31\n\
             [[contracts]]\nnumber = \"NEW\"\nsigned = 2026-11-01\nexpires = 2027-12-31\nrenews = \"OLD\"\n\
             [[contracts]]\nnumber = \"END\"\nsigned = 2026-01-01\nexpires = 2027-01-31\nno_renewal = \"one-off project\"\n\
             [[contracts]]\nnumber = \"SVC\"\nsigned = 2026-01-01\nexpires = 2027-02-28\n",
        );
        let r = renewals(&pb, &c);
        let numbers: Vec<&str> = r.iter().map(|x| x.number.as_str()).collect();
        assert_eq!(numbers, vec!["NEW", "SVC"]);
        assert_eq!(r[1].from, day("2026-11-30"), "90 days before the expiry");
    }

    #[test]
    fn forward_looking_dates_are_schedule_dates_in_both_playbooks() {
        // A due date, a term's start and end, a new project's expected day name a day ahead by
        // nature: the rules that judge "as of a day" must not treat them as planned events. The
        // days something happened (signed, invoiced, paid) stay event dates.
        let zh =
            crate::domain::test_support::load("zh-CN.yaml", include_str!("../../../examples/playbooks/zh-CN.yaml"))
                .unwrap();
        for pb in [default_playbook().unwrap(), zh] {
            let schedule = |rt: &str, f: &str| pb.record_type(rt).unwrap().field(f).unwrap().schedule;
            for (rt, f) in [
                ("receivables", "due"),
                ("contracts", "starts"),
                ("contracts", "expires"),
                ("aftercare", "expected"),
            ] {
                assert!(schedule(rt, f), "{rt}.{f} should be a schedule date");
            }
            for (rt, f) in [
                ("contracts", "signed"),
                ("receivables", "invoiced"),
                ("payment", "date"),
                ("aftercare", "date"),
            ] {
                assert!(!schedule(rt, f), "{rt}.{f} records a day that happened");
            }
        }
    }
}
