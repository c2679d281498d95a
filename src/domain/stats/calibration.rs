//! Scoring calibration: does the value model pick the winners? For every account that left the
//! value-assessment stage in the period, the tier it had when it left, and where it ended: won,
//! lost, paused or still open. The win rate per tier says whether tier A really wins more often
//! than B; with other weights (`--weights`), the same accounts are scored again from the same
//! ratings, so a director sees what the tiers and win rates would have been.
//!
//! The value-assessment stage is the one whose exit checklist asks for a score (a `scored` rule),
//! else the third stage. The ratings are those the account had when it left: the command reads
//! the file as committed at the end of that day where git has it, and says how many accounts
//! were scored from today's file instead.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::gate::pipeline::{LOST, PAUSED, WON};
use crate::domain::gate::rule::Rule;
use crate::domain::playbook::Playbook;
use crate::domain::score::{Weights, score_ratings};
use crate::domain::stats::facts::{Facts, Ratings};
use crate::domain::stats::funnel::Period;
use crate::domain::stats::journey::stay_on;

/// The position of the value-assessment stage.
pub fn assessment_stage(pb: &Playbook) -> Option<usize> {
    fn scored(rule: &Rule) -> bool {
        match rule {
            Rule::Scored(_) => true,
            Rule::All(rules) | Rule::Any(rules) => rules.iter().any(scored),
            _ => false,
        }
    }
    pb.stages()
        .iter()
        .position(|s| s.exit.iter().any(|i| i.auto.as_ref().is_some_and(scored)))
        .or_else(|| (pb.stages().len() > 2).then_some(2))
}

/// The day an account last left the assessment stage within the period, if it did.
pub fn left_assessment(pb: &Playbook, f: &Facts, period: Period) -> Option<NaiveDate> {
    let stage = &pb.stages().get(assessment_stage(pb)?)?.id;
    f.stays
        .iter()
        .rev()
        .filter(|s| &s.stage == stage)
        .find_map(|s| s.left.filter(|d| period.holds(*d)))
}

/// Where the ratings of a case were read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The file as committed at the end of the day the account left the stage.
    Git,
    /// Today's file, which git shows unchanged since that day.
    Unchanged,
    /// Today's file, with no committed version from that day to read.
    Today,
}

/// Where an account stood at the end of the period, after leaving the assessment stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Result {
    Won,
    Lost,
    Paused,
    Open,
}

/// One account that left the assessment stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Case {
    pub id: String,
    pub name: String,
    pub left_on: NaiveDate,
    pub tier: Option<String>,
    /// The tier under the what-if weights, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub what_if: Option<Option<String>>,
    pub result: Result,
    pub source: Source,
}

/// The tier these ratings give under these weights.
fn tier_of(pb: &Playbook, ratings: &Ratings, weights: &Weights) -> Option<String> {
    score_ratings(
        pb,
        |id| ratings.iter().find(|(f, _)| f == id).map(|(_, r)| (*r, None)),
        weights,
    )
    .tier
}

/// Makes the case of an account from the ratings it had when it left.
pub fn case(
    pb: &Playbook,
    f: &Facts,
    at_exit: &Ratings,
    left_on: NaiveDate,
    source: Source,
    what_if: Option<&Weights>,
    period: Period,
) -> Case {
    let result = match stay_on(&f.stays, period.until).map(|s| s.stage.as_str()) {
        Some(WON) => Result::Won,
        Some(LOST) => Result::Lost,
        Some(PAUSED) => Result::Paused,
        _ => Result::Open,
    };
    Case {
        id: f.id.clone(),
        name: f.name.clone(),
        left_on,
        tier: tier_of(pb, at_exit, &Weights::new()),
        what_if: what_if.map(|w| tier_of(pb, at_exit, w)),
        result,
        source,
    }
}

/// The cases of one tier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TierRow {
    /// `None`: not assessed when it left (a factor unrated).
    pub tier: Option<String>,
    pub left: usize,
    pub won: usize,
    pub lost: usize,
    pub paused: usize,
    pub open: usize,
    /// won ÷ (won + lost), 0–1.
    pub win_rate: Option<f64>,
}

/// The calibration of the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    /// The assessment stage's id.
    pub stage: Option<String>,
    pub rows: Vec<TierRow>,
    /// The same cases under the what-if weights.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub what_if: Option<Vec<TierRow>>,
    /// Cases whose tier differs under the what-if weights.
    pub moved: usize,
    /// Cases scored from today's file, not the file as it was when they left.
    pub from_today: usize,
    pub cases: Vec<Case>,
}

fn rows(pb: &Playbook, cases: &[Case], tier_of: impl Fn(&Case) -> Option<&String>) -> Vec<TierRow> {
    let mut keys: Vec<Option<&String>> = pb.doc.scoring.tiers.iter().map(|t| Some(&t.id)).collect();
    keys.push(None);
    keys.into_iter()
        .map(|key| {
            let mine: Vec<&Case> = cases.iter().filter(|c| tier_of(c) == key).collect();
            let count = |r: Result| mine.iter().filter(|c| c.result == r).count();
            let (won, lost) = (count(Result::Won), count(Result::Lost));
            #[allow(clippy::cast_precision_loss)]
            TierRow {
                tier: key.cloned(),
                left: mine.len(),
                won,
                lost,
                paused: count(Result::Paused),
                open: count(Result::Open),
                win_rate: (won + lost > 0).then(|| won as f64 / (won + lost) as f64),
            }
        })
        .filter(|r| r.left > 0 || r.tier.is_some())
        .collect()
}

/// Counts the cases per tier (and per what-if tier when the cases carry one).
pub fn calibrate(pb: &Playbook, mut cases: Vec<Case>) -> Calibration {
    cases.sort_by(|a, b| (a.left_on, &a.id).cmp(&(b.left_on, &b.id)));
    let has_what_if = cases.iter().any(|c| c.what_if.is_some());
    Calibration {
        stage: assessment_stage(pb).map(|i| pb.stages()[i].id.clone()),
        rows: rows(pb, &cases, |c| c.tier.as_ref()),
        what_if: has_what_if.then(|| rows(pb, &cases, |c| c.what_if.as_ref().and_then(Option::as_ref))),
        moved: cases
            .iter()
            .filter(|c| c.what_if.as_ref().is_some_and(|w| *w != c.tier))
            .count(),
        from_today: cases.iter().filter(|c| c.source == Source::Today).count(),
        cases,
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write;

    use super::*;
    use crate::domain::account::value::Table;
    use crate::domain::stats::facts::facts;
    use crate::domain::test_support::default_playbook;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    const A: &str =
        "share = 5\nbusiness_value = 5\npayment_risk = 1\neffort = 2\ndeal_risk = 2\ncomplexity = 2\ncapability = 5\n";
    const C: &str =
        "share = 2\nbusiness_value = 3\npayment_risk = 3\neffort = 3\ndeal_risk = 4\ncomplexity = 3\ncapability = 3\n";

    fn text(id: &str, stage: &str, end: Option<&str>, ratings: &str) -> String {
        let mut s = format!(
            "id = \"{id}\"\nname = \"{id}\"\nowner = \"o\"\nstage = \"{stage}\"\ncreated = 2026-01-01\n\
             [ratings]\n{ratings}\n[[history]]\nfrom = \"qualify\"\nto = \"demo\"\ndate = 2026-02-01\n\
             [[history]]\nfrom = \"demo\"\nto = \"assess\"\ndate = 2026-03-01\n"
        );
        if let Some(end) = end {
            let _ = write!(s, "[[history]]\nfrom = \"assess\"\nto = \"{end}\"\ndate = 2026-04-01\n");
        }
        s
    }

    #[test]
    fn the_assessment_stage_is_the_one_that_asks_for_a_score() {
        let pb = default_playbook().unwrap();
        assert_eq!(assessment_stage(&pb), Some(2));
    }

    #[test]
    fn win_rates_per_tier_at_exit_and_under_other_weights() {
        let pb = default_playbook().unwrap();
        let period = Period {
            since: None,
            until: day("2026-11-25"),
        };
        let texts = [
            text("a1", "won", Some("won"), A),
            text("a2", "lost", Some("lost"), A),
            text("a3", "relationship", Some("relationship"), A),
            text("c1", "lost", Some("lost"), C),
            text("x", "assess", None, C),
        ];
        let roots: Vec<_> = texts.iter().map(|t| Table::parse(t).unwrap()).collect();
        // Value from payment risk alone: A's payment risk 1 keeps value 100 (still A); C's 3 gives
        // value 50, difficulty 57.5: B instead of C.
        let what_if: Weights = [("share".to_string(), 0.0), ("business_value".to_string(), 0.0)].into();
        let mut cases = Vec::new();
        for root in &roots {
            let account = crate::domain::account::Account::new(root);
            let f = facts(&pb, &account, "x", "accounts/x.toml");
            if let Some(left) = left_assessment(&pb, &f, period) {
                cases.push(case(&pb, &f, &f.ratings, left, Source::Today, Some(&what_if), period));
            }
        }
        assert_eq!(cases.len(), 4, "x never left the assessment stage");
        let cal = calibrate(&pb, cases);
        let a = &cal.rows[0];
        assert_eq!(a.tier.as_deref(), Some("A"));
        assert_eq!((a.left, a.won, a.lost, a.open), (3, 1, 1, 1));
        assert_eq!(a.win_rate, Some(0.5));
        let c = cal.rows.iter().find(|r| r.tier.as_deref() == Some("C")).unwrap();
        assert_eq!((c.left, c.lost, c.win_rate), (1, 1, Some(0.0)));
        assert_eq!(cal.from_today, 4);
        assert_eq!(cal.moved, 1);
        let what_if = cal.what_if.unwrap();
        let shape: Vec<(Option<&str>, usize, Option<f64>)> = what_if
            .iter()
            .map(|r| (r.tier.as_deref(), r.left, r.win_rate))
            .collect();
        assert_eq!(
            shape,
            vec![
                (Some("A"), 3, Some(0.5)),
                (Some("B"), 1, Some(0.0)),
                (Some("C"), 0, None),
                (Some("D"), 0, None)
            ]
        );
    }
}
