//! An account's journey through the pipeline, read from its `created` date and `[[history]]`:
//! one stay per stage or outcome it was in, with the day it entered and the day it left. The
//! funnel, the win rates and the calibration all count stays, so they agree with each other.
//!
//! The first stay is in the stage the first history record leaves (the current stage when there
//! is no history), entered on `created`. Every history record closes the current stay on its date
//! and opens one in the stage it moves to. Records are taken in the order written, the order
//! `kam advance` appends them in; `kam check` reports a chain that does not hold together.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::account::Account;
use crate::domain::gate::pipeline::{LOST, PAUSED, WON, rank};
use crate::domain::playbook::Playbook;

/// One stay of an account in a stage or an outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stay {
    pub stage: String,
    /// The day it entered; `None` when the file does not say (no `created`, no record date).
    pub entered: Option<NaiveDate>,
    /// The day it left; `None` while it is still there.
    pub left: Option<NaiveDate>,
    /// Where it went when it left.
    pub to: Option<String>,
    /// The `reason` of the record that moved the account here (lost, paused, moved back), else
    /// its `note` (a won deal's contract, say).
    pub reason: Option<String>,
}

impl Stay {
    /// Whether the account was in this stay at the end of `day`.
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.entered.is_none_or(|e| e <= day) && self.left.is_none_or(|l| l > day)
    }

    /// Whole days between entering and leaving, when both are known.
    pub fn days(&self) -> Option<i64> {
        Some((self.left? - self.entered?).num_days())
    }
}

/// How a stay ended, seen from the stage it left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Exit {
    /// To a later stage, or won.
    Forward,
    /// To an earlier stage.
    Back,
    Lost,
    Paused,
    /// Somewhere the playbook does not know.
    Other,
}

/// How leaving `from` for `to` counts.
pub fn exit_kind(pb: &Playbook, from: &str, to: &str) -> Exit {
    match to {
        LOST => Exit::Lost,
        PAUSED => Exit::Paused,
        _ => match (rank(pb, from), rank(pb, to)) {
            (Some(f), Some(t)) if t > f => Exit::Forward,
            (Some(_), Some(_)) => Exit::Back,
            // Resuming from lost or paused into a stage counts as going forward from the rest.
            (None, Some(_)) if from == LOST || from == PAUSED => Exit::Forward,
            _ => Exit::Other,
        },
    }
}

/// The stays of one account, oldest first.
pub fn journey(account: &Account<'_>) -> Vec<Stay> {
    let first = account
        .history
        .first()
        .and_then(|m| m.from)
        .unwrap_or_else(|| account.stage_id());
    let mut stays = vec![Stay {
        stage: first.to_string(),
        entered: account.created,
        left: None,
        to: None,
        reason: None,
    }];
    for m in &account.history {
        let Some(to) = m.to else { continue };
        if let Some(last) = stays.last_mut() {
            last.left = m.date.or(last.entered);
            last.to = Some(to.text.to_string());
        }
        stays.push(Stay {
            stage: to.text.to_string(),
            entered: m.date,
            left: None,
            to: None,
            reason: ["reason", "note"]
                .iter()
                .find_map(|k| m.record.str(k).map(str::trim).filter(|r| !r.is_empty()))
                .map(str::to_string),
        });
    }
    stays
}

/// Where the account stood at the end of `day`: the stay covering it, or `None` before it existed.
pub fn stay_on(stays: &[Stay], day: NaiveDate) -> Option<&Stay> {
    stays.iter().rev().find(|s| s.covers(day))
}

/// Whether a stage id is an outcome (won, lost, paused) rather than a pipeline stage.
pub fn is_outcome(id: &str) -> bool {
    id == WON || id == LOST || id == PAUSED
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::value::Table;
    use crate::domain::test_support::default_playbook;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn stays_of(text: &str) -> Vec<Stay> {
        let root = Table::parse(text).unwrap();
        journey(&Account::new(&root))
    }

    const HEAD: &str = "id = \"a\"\nname = \"A\"\nowner = \"o\"\ncreated = 2026-01-10\n";

    fn mv(from: &str, to: &str, date: &str) -> String {
        format!("[[history]]\nfrom = \"{from}\"\nto = \"{to}\"\ndate = {date}\n")
    }

    #[test]
    fn without_history_the_account_stays_where_it_was_created() {
        let stays = stays_of(&format!("{HEAD}stage = \"qualify\"\n"));
        assert_eq!(stays.len(), 1);
        assert_eq!(stays[0].stage, "qualify");
        assert_eq!(stays[0].entered, Some(day("2026-01-10")));
        assert_eq!(stays[0].left, None);
        assert!(stays[0].covers(day("2026-12-31")));
        assert!(!stays[0].covers(day("2026-01-09")));
    }

    #[test]
    fn every_record_closes_a_stay_and_opens_the_next() {
        let text = format!(
            "{HEAD}stage = \"lost\"\n{}[[history]]\nfrom = \"demo\"\nto = \"lost\"\ndate = 2026-04-01\nreason = \" price \"\n",
            mv("qualify", "demo", "2026-02-01")
        );
        let stays = stays_of(&text);
        let shape: Vec<(&str, Option<i64>, Option<&str>)> = stays
            .iter()
            .map(|s| (s.stage.as_str(), s.days(), s.to.as_deref()))
            .collect();
        assert_eq!(
            shape,
            vec![
                ("qualify", Some(22), Some("demo")),
                ("demo", Some(59), Some("lost")),
                ("lost", None, None)
            ]
        );
        assert_eq!(stays[2].reason.as_deref(), Some("price"));
        assert_eq!(stay_on(&stays, day("2026-02-01")).unwrap().stage, "demo");
        assert_eq!(stay_on(&stays, day("2026-01-31")).unwrap().stage, "qualify");
        assert!(stay_on(&stays, day("2025-12-31")).is_none());
    }

    #[test]
    fn exits_are_forward_back_or_out() {
        let pb = default_playbook().unwrap();
        assert_eq!(exit_kind(&pb, "qualify", "demo"), Exit::Forward);
        assert_eq!(exit_kind(&pb, "close", "won"), Exit::Forward);
        assert_eq!(exit_kind(&pb, "assess", "demo"), Exit::Back);
        assert_eq!(exit_kind(&pb, "assess", "lost"), Exit::Lost);
        assert_eq!(exit_kind(&pb, "assess", "paused"), Exit::Paused);
        assert_eq!(exit_kind(&pb, "paused", "demo"), Exit::Forward);
        assert_eq!(exit_kind(&pb, "nowhere", "demo"), Exit::Other);
    }
}
