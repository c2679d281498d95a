//! Whether an account owes its project retrospective: moving to an outcome the playbook's
//! `retrospective.outcomes` lists (won, lost) calls for one within `retrospective.days` days. A
//! retrospective is written when its `date` has come and each of its parts has at least one point
//! filled in. Paused is not final and owes none; leaving it for good (to lost) does, counted from
//! the day it was left.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::domain::account::Account;
use crate::domain::account::value::{Record, as_table, is_filled};
use crate::domain::playbook::{Playbook, Retrospective};

/// Where an owed retrospective stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RetroState {
    /// Dated today or earlier, every part filled in.
    Written,
    /// Dated later than today: the review meeting is scheduled.
    Scheduled,
    /// Started, but without a date or with a part left empty.
    Incomplete,
    /// Dated before the account entered its outcome: it reviews an earlier one.
    Stale,
    /// No `[retrospective]` at all.
    Missing,
}

/// The retrospective an account owes, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetroStatus {
    /// The outcome that calls for it.
    pub outcome: String,
    /// The day the account entered the outcome.
    pub entered: Option<NaiveDate>,
    /// The day it is due: entered plus the playbook's days.
    pub deadline: Option<NaiveDate>,
    /// The retrospective's own date.
    pub date: Option<NaiveDate>,
    pub state: RetroState,
    /// Ids of the parts with no point filled in.
    pub missing: Vec<String>,
}

impl RetroStatus {
    pub fn is_written(&self) -> bool {
        self.state == RetroState::Written
    }

    /// Not written and past its deadline.
    pub fn is_late(&self, today: NaiveDate) -> bool {
        !self.is_written() && self.deadline.is_some_and(|d| d < today)
    }
}

/// The account's `[retrospective]` table, if any.
pub fn table<'t>(account: &Account<'t>) -> Option<Record<'t, 't>> {
    let node = account.root.node("retrospective")?;
    as_table(node.get_ref()).map(|t| Record::new(t, node.span()))
}

/// A part's table within `[retrospective]`.
pub fn part<'t>(retro: &Record<'t, 't>, id: &str) -> Option<Record<'t, 't>> {
    let node = retro.node(id)?;
    as_table(node.get_ref()).map(|t| Record::new(t, node.span()))
}

fn missing_parts(config: &Retrospective, retro: Option<&Record<'_, '_>>) -> Vec<String> {
    config
        .parts
        .iter()
        .filter(|p| {
            let filled = retro
                .and_then(|r| part(r, &p.id))
                .is_some_and(|t| p.fields.iter().any(|f| t.value(&f.id).is_some_and(is_filled)));
            !filled
        })
        .map(|p| p.id.clone())
        .collect()
}

/// The retrospective the account owes as of `today`; `None` when its stage calls for none.
pub fn retro_status(pb: &Playbook, account: &Account<'_>, today: NaiveDate) -> Option<RetroStatus> {
    let config = pb.doc.retrospective.as_ref()?;
    let outcome = account.stage_id();
    if !config.outcomes.iter().any(|o| o == outcome) {
        return None;
    }
    let entered = account.stage_since();
    let retro = table(account);
    let date = retro.as_ref().and_then(|r| r.date("date"));
    let missing = missing_parts(config, retro.as_ref());
    let state = match (&retro, date) {
        (None, _) => RetroState::Missing,
        (Some(_), Some(d)) if entered.is_some_and(|e| d < e) => RetroState::Stale,
        (Some(_), Some(d)) if d > today => RetroState::Scheduled,
        (Some(_), Some(_)) if missing.is_empty() => RetroState::Written,
        (Some(_), _) => RetroState::Incomplete,
    };
    Some(RetroStatus {
        outcome: outcome.to_string(),
        entered,
        deadline: entered.and_then(|e| e.checked_add_days(Days::new(u64::from(config.days)))),
        date,
        state,
        missing,
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

    fn of(stage: &str, retro: &str) -> Option<RetroStatus> {
        let pb = default_playbook().unwrap();
        let text = format!(
            "stage = \"{stage}\"\ncreated = 2026-01-01\n[[history]]\nfrom = \"relationship\"\nto = \"{stage}\"\ndate = 2026-10-01\n{retro}"
        );
        let root = Table::parse(&text).unwrap();
        retro_status(&pb, &Account::new(&root), day("2026-11-25"))
    }

    const FULL: &str = "[retrospective]\ndate = 2026-10-20\n[retrospective.background]\npains = \"p\"\n\
        [retrospective.planning]\ngoals_strategy = \"g\"\n[retrospective.execution]\nrelationship = \"r\"\n\
        [retrospective.results]\nwon_lost = \"w\"\n";

    #[test]
    fn won_and_lost_owe_a_retrospective_within_the_days() {
        let s = of("lost", "").unwrap();
        assert_eq!(s.state, RetroState::Missing);
        assert_eq!(s.deadline, Some(day("2026-10-31")));
        assert!(s.is_late(day("2026-11-25")));
        assert!(!s.is_late(day("2026-10-31")), "due on the day itself");
        assert_eq!(s.missing, ["background", "planning", "execution", "results"]);
        assert!(of("paused", "").is_none(), "paused is not final");
        assert!(of("relationship", "").is_none());
    }

    #[test]
    fn a_retrospective_is_written_when_every_part_has_a_point() {
        let s = of("won", FULL).unwrap();
        assert_eq!(s.state, RetroState::Written);
        assert!(!s.is_late(day("2026-11-25")));
        let partial = FULL.replace(
            "[retrospective.results]\nwon_lost = \"w\"\n",
            "[retrospective.results]\nwon_lost = \"  \"\n",
        );
        let s = of("won", &partial).unwrap();
        assert_eq!(
            (s.state, s.missing.clone()),
            (RetroState::Incomplete, vec!["results".to_string()])
        );
        let undated = FULL.replace("date = 2026-10-20\n", "");
        assert_eq!(of("won", &undated).unwrap().state, RetroState::Incomplete);
    }

    #[test]
    fn a_future_date_is_a_meeting_and_an_old_one_reviews_an_earlier_outcome() {
        let planned = FULL.replace("2026-10-20", "2026-12-02");
        assert_eq!(of("won", &planned).unwrap().state, RetroState::Scheduled);
        let old = FULL.replace("2026-10-20", "2026-09-30");
        assert_eq!(of("won", &old).unwrap().state, RetroState::Stale);
    }
}
