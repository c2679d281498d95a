//! The funnel of a period: per stage, the accounts in it at the end, those that entered and left
//! during the period, the conversion to the next stage and the days spent in it; then the
//! outcomes reached (won, lost, paused) with the win rate and the reasons given.
//!
//! Definitions (one place, so the table, the JSON and the dashboard agree):
//! - **now**: accounts in the stage at the end of the period's last day;
//! - **entered** / **left**: stays that began / ended on a day of the period;
//! - **conversion**: of the stays that left the stage in the period, the share that moved forward
//!   (to a later stage or won); moves back, to lost and to paused count against it;
//! - **days in stage**: the median and the 90th percentile (linear between ranks) of the length
//!   of the stays that left the stage in the period;
//! - **win rate**: won ÷ (won + lost) among the outcomes reached in the period; paused accounts
//!   are still undecided.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::gate::pipeline::{LOST, PAUSED, WON};
use crate::domain::playbook::Playbook;
use crate::domain::stats::facts::Facts;
use crate::domain::stats::journey::{Exit, exit_kind, stay_on};

/// The days counted: `since` (none: from the start) to `until`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    pub since: Option<NaiveDate>,
    pub until: NaiveDate,
}

impl Period {
    pub fn holds(&self, day: NaiveDate) -> bool {
        self.since.is_none_or(|s| s <= day) && day <= self.until
    }
}

/// One stage's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageStats {
    pub id: String,
    pub label: String,
    pub now: usize,
    pub entered: usize,
    pub left: usize,
    /// Of those that left: moved forward, back, to lost, to paused.
    pub advanced: usize,
    pub back: usize,
    pub lost: usize,
    pub paused: usize,
    /// advanced ÷ left, 0–1.
    pub conversion: Option<f64>,
    pub median_days: Option<f64>,
    pub p90_days: Option<f64>,
}

/// An account that reached an outcome in the period, with the reason it gave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ending {
    pub id: String,
    pub name: String,
    pub owner: String,
    pub outcome: String,
    pub date: Option<NaiveDate>,
    /// The stage it left.
    pub from: String,
    pub reason: Option<String>,
}

/// The outcomes reached in the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcomes {
    pub won: usize,
    pub lost: usize,
    pub paused: usize,
    /// won ÷ (won + lost), 0–1.
    pub win_rate: Option<f64>,
    /// Accounts at each outcome at the end of the period.
    pub won_now: usize,
    pub lost_now: usize,
    pub paused_now: usize,
    pub endings: Vec<Ending>,
}

/// The funnel of a set of accounts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Funnel {
    /// Accounts that existed by the end of the period.
    pub accounts: usize,
    pub stages: Vec<StageStats>,
    pub outcomes: Outcomes,
}

/// The value at quantile `q` (0–1) of sorted values, linear between ranks.
pub fn quantile(sorted: &[i64], q: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    #[allow(clippy::cast_precision_loss)]
    let pos = q.clamp(0.0, 1.0) * last as f64;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let (lo, frac) = (pos.floor() as usize, pos.fract());
    #[allow(clippy::cast_precision_loss)]
    let at = |i: usize| sorted[i.min(last)] as f64;
    Some(at(lo) + (at(lo + 1) - at(lo)) * frac)
}

#[allow(clippy::cast_precision_loss)]
fn ratio(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// Counts the funnel of `accounts` over `period`.
pub fn funnel(pb: &Playbook, accounts: &[&Facts], period: Period) -> Funnel {
    let mut stages: Vec<(StageStats, Vec<i64>)> = pb
        .stages()
        .iter()
        .map(|s| {
            (
                StageStats {
                    id: s.id.clone(),
                    label: s.label.clone(),
                    now: 0,
                    entered: 0,
                    left: 0,
                    advanced: 0,
                    back: 0,
                    lost: 0,
                    paused: 0,
                    conversion: None,
                    median_days: None,
                    p90_days: None,
                },
                Vec::new(),
            )
        })
        .collect();
    let mut outcomes = Outcomes {
        won: 0,
        lost: 0,
        paused: 0,
        win_rate: None,
        won_now: 0,
        lost_now: 0,
        paused_now: 0,
        endings: Vec::new(),
    };
    let mut existing = 0;
    for f in accounts {
        let Some(now) = stay_on(&f.stays, period.until) else {
            continue;
        };
        existing += 1;
        match now.stage.as_str() {
            WON => outcomes.won_now += 1,
            LOST => outcomes.lost_now += 1,
            PAUSED => outcomes.paused_now += 1,
            s => {
                if let Some(pos) = pb.stage_pos(s) {
                    stages[pos].0.now += 1;
                }
            }
        }
        for (i, stay) in f.stays.iter().enumerate() {
            let entered_in = stay.entered.is_some_and(|d| period.holds(d));
            if let Some(pos) = pb.stage_pos(&stay.stage) {
                let (st, days) = &mut stages[pos];
                if entered_in {
                    st.entered += 1;
                }
                if let (Some(left), Some(to)) = (stay.left, &stay.to)
                    && period.holds(left)
                {
                    st.left += 1;
                    match exit_kind(pb, &stay.stage, to) {
                        Exit::Forward => st.advanced += 1,
                        Exit::Back | Exit::Other => st.back += 1,
                        Exit::Lost => st.lost += 1,
                        Exit::Paused => st.paused += 1,
                    }
                    days.extend(stay.days());
                }
            } else if entered_in && matches!(stay.stage.as_str(), WON | LOST | PAUSED) {
                match stay.stage.as_str() {
                    WON => outcomes.won += 1,
                    LOST => outcomes.lost += 1,
                    _ => outcomes.paused += 1,
                }
                let from = i.checked_sub(1).map(|p| f.stays[p].stage.clone()).unwrap_or_default();
                outcomes.endings.push(Ending {
                    id: f.id.clone(),
                    name: f.name.clone(),
                    owner: f.owner.clone(),
                    outcome: stay.stage.clone(),
                    date: stay.entered,
                    from,
                    reason: stay.reason.clone(),
                });
            }
        }
    }
    outcomes.win_rate = ratio(outcomes.won, outcomes.won + outcomes.lost);
    outcomes.endings.sort_by(|a, b| (b.date, &a.id).cmp(&(a.date, &b.id)));
    let stages = stages
        .into_iter()
        .map(|(mut st, mut days)| {
            days.sort_unstable();
            st.conversion = ratio(st.advanced, st.left);
            st.median_days = quantile(&days, 0.5);
            st.p90_days = quantile(&days, 0.9);
            st
        })
        .collect();
    Funnel {
        accounts: existing,
        stages,
        outcomes,
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write;

    use super::*;
    use crate::domain::account::Account;
    use crate::domain::account::value::Table;
    use crate::domain::stats::facts::facts;
    use crate::domain::test_support::default_playbook;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn account(id: &str, stage: &str, created: &str, moves: &[(&str, &str, &str)]) -> String {
        let mut s =
            format!("id = \"{id}\"\nname = \"{id}\"\nowner = \"o\"\nstage = \"{stage}\"\ncreated = {created}\n");
        for (from, to, date) in moves {
            let _ = write!(
                s,
                "[[history]]\nfrom = \"{from}\"\nto = \"{to}\"\ndate = {date}\nreason = \"r {id}\"\n"
            );
        }
        s
    }

    fn run(texts: &[String], period: Period) -> Funnel {
        let pb = default_playbook().unwrap();
        let roots: Vec<_> = texts.iter().map(|t| Table::parse(t).unwrap()).collect();
        let all: Vec<Facts> = roots
            .iter()
            .map(|r| facts(&pb, &Account::new(r), "x", "accounts/x.toml"))
            .collect();
        let refs: Vec<&Facts> = all.iter().collect();
        funnel(&pb, &refs, period)
    }

    #[test]
    fn quantiles_interpolate_between_ranks() {
        assert_eq!(quantile(&[], 0.5), None);
        assert_eq!(quantile(&[7], 0.9), Some(7.0));
        assert_eq!(quantile(&[10, 30], 0.5), Some(20.0));
        assert_eq!(quantile(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9), Some(9.1));
    }

    #[test]
    fn a_period_counts_entries_exits_conversion_and_outcomes() {
        let texts = vec![
            account("a", "demo", "2026-01-01", &[("qualify", "demo", "2026-01-11")]),
            account(
                "b",
                "won",
                "2026-01-01",
                &[
                    ("qualify", "demo", "2026-01-21"),
                    ("demo", "assess", "2026-02-01"),
                    ("assess", "relationship", "2026-03-01"),
                    ("relationship", "close", "2026-04-01"),
                    ("close", "won", "2026-05-01"),
                ],
            ),
            account("c", "lost", "2026-01-01", &[("qualify", "lost", "2026-02-01")]),
            account("d", "qualify", "2026-06-01", &[]),
        ];
        let f = run(
            &texts,
            Period {
                since: Some(day("2026-01-01")),
                until: day("2026-05-31"),
            },
        );
        // d was created after the period: not counted at all.
        assert_eq!(f.accounts, 3);
        let q = &f.stages[0];
        assert_eq!((q.now, q.entered, q.left, q.advanced, q.lost), (0, 3, 3, 2, 1));
        assert_eq!(q.conversion, Some(2.0 / 3.0));
        // 10, 20 and 31 days in qualify.
        assert_eq!(q.median_days, Some(20.0));
        let demo = &f.stages[1];
        assert_eq!((demo.now, demo.entered, demo.left), (1, 2, 1));
        assert_eq!(demo.conversion, Some(1.0));
        assert_eq!((f.outcomes.won, f.outcomes.lost, f.outcomes.paused), (1, 1, 0));
        assert_eq!(f.outcomes.win_rate, Some(0.5));
        let endings: Vec<(&str, &str, Option<&str>)> = f
            .outcomes
            .endings
            .iter()
            .map(|e| (e.id.as_str(), e.from.as_str(), e.reason.as_deref()))
            .collect();
        assert_eq!(
            endings,
            vec![("b", "close", Some("r b")), ("c", "qualify", Some("r c"))]
        );
    }

    #[test]
    fn the_period_is_a_window() {
        let texts = vec![account(
            "b",
            "won",
            "2026-01-01",
            &[("qualify", "demo", "2026-01-21"), ("demo", "won", "2026-05-01")],
        )];
        let f = run(
            &texts,
            Period {
                since: Some(day("2026-02-01")),
                until: day("2026-03-31"),
            },
        );
        // Nothing entered or left in February and March; at the end it sat in demo.
        assert!(f.stages.iter().all(|s| s.entered == 0 && s.left == 0));
        assert_eq!(f.stages[1].now, 1);
        assert_eq!(f.outcomes.win_rate, None);
        assert_eq!(f.outcomes.won_now, 0);
    }
}
