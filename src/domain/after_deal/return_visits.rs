//! Return visits (大客户回访): a won account keeps a visit cadence, per tier, set in the
//! playbook's `after_deal.return_visit_every_days`. The next return visit is due that many days
//! after the last visit, or after the day the account was won when no visit came since.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::domain::account::Account;
use crate::domain::gate::pipeline::WON;
use crate::domain::playbook::Playbook;

/// When a won account's next return visit is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReturnVisit {
    /// Days between return visits for the account's tier.
    pub every: u32,
    /// The day the account was won.
    pub won: Option<NaiveDate>,
    /// The latest visit dated today or earlier.
    pub last_visit: Option<NaiveDate>,
    /// The day the cadence counts from: the later of the last visit and the win.
    pub since: NaiveDate,
    pub due: NaiveDate,
}

/// Days between return visits for a tier: the tier's, else `default`.
pub fn every(pb: &Playbook, tier: Option<&str>) -> Option<u32> {
    let every = &pb.doc.after_deal.return_visit_every_days;
    tier.and_then(|t| every.get(t))
        .or_else(|| every.get("default"))
        .copied()
}

/// The return-visit cadence of a won account; `None` for other accounts or without a cadence.
pub fn return_visit(pb: &Playbook, account: &Account<'_>, tier: Option<&str>, today: NaiveDate) -> Option<ReturnVisit> {
    if account.stage_id() != WON {
        return None;
    }
    let every = every(pb, tier)?;
    let won = account.stage_since();
    let last_visit = account
        .visits
        .iter()
        .filter_map(|v| v.date("date"))
        .filter(|d| *d <= today)
        .max();
    let since = match (won, last_visit) {
        (Some(w), Some(v)) => w.max(v),
        (w, v) => w.or(v)?,
    };
    Some(ReturnVisit {
        every,
        won,
        last_visit,
        since,
        due: since.checked_add_days(Days::new(u64::from(every)))?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::value::Table;
    use crate::domain::test_support::default_playbook;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn of(text: &str, tier: Option<&str>) -> Option<ReturnVisit> {
        let pb = default_playbook().unwrap();
        let root = Table::parse(text).unwrap();
        return_visit(&pb, &Account::new(&root), tier, day("2026-11-25"))
    }

    const WON_ON: &str =
        "stage = \"won\"\ncreated = 2026-01-01\n[[history]]\nfrom = \"close\"\nto = \"won\"\ndate = 2026-10-28\n";

    #[test]
    fn the_cadence_counts_from_the_last_visit_or_the_win() {
        let r = of(WON_ON, Some("A")).unwrap();
        assert_eq!((r.since, r.due, r.every), (day("2026-10-28"), day("2026-11-27"), 30));
        let visited = format!(
            "{WON_ON}[[visits]]\ndate = 2026-11-20\nform = \"return_visit\"\n[[visits]]\ndate = 2026-12-20\nform = \"phone\"\n"
        );
        let r = of(&visited, Some("B")).unwrap();
        assert_eq!(
            r.last_visit,
            Some(day("2026-11-20")),
            "a planned visit is not the last one"
        );
        assert_eq!(r.due, day("2027-01-19"), "B: every 60 days");
        assert_eq!(of(WON_ON, None).unwrap().every, 90, "no tier: default");
    }

    #[test]
    fn only_won_accounts_have_return_visits() {
        assert!(of("stage = \"close\"\ncreated = 2026-01-01\n", Some("A")).is_none());
        assert!(of("stage = \"lost\"\ncreated = 2026-01-01\n", Some("A")).is_none());
    }
}
