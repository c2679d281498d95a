//! The value assessment: each factor's rating normalised to 0–1 (inverted when a higher rating
//! means less), weighted, and averaged per axis to a 0–100 score; the first tier rule that holds
//! gives the tier. An axis with an unrated factor has no score, and then there is no tier: kam
//! never guesses a rating.

use std::collections::HashMap;

use serde::Serialize;

use crate::domain::account::Account;
use crate::domain::playbook::{Axis, Factor, Playbook, TierRule};
use crate::domain::score::exact::{AxisScore, axis_fraction};
use crate::domain::score::tier::Op;

/// Weights that replace the playbook's for a what-if run, by factor id.
pub type Weights = HashMap<String, f64>;

/// One factor's part in the score.
#[derive(Debug, Clone, Serialize)]
pub struct FactorScore {
    pub id: String,
    #[serde(skip)]
    pub label: String,
    pub axis: Axis,
    pub rating: Option<i64>,
    /// The weight used: the playbook's, or the override of a what-if run.
    pub weight: f64,
    /// The playbook's weight, present only when this run overrode it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub playbook_weight: Option<f64>,
    pub higher_is_better: bool,
    /// Points this factor adds to its axis score (the axis score is their sum).
    pub points: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

/// The assessment of one account.
#[derive(Debug, Clone, Serialize)]
pub struct Score {
    pub value: Option<f64>,
    pub difficulty: Option<f64>,
    pub tier: Option<String>,
    /// Factors without a valid rating, in playbook order.
    pub missing: Vec<String>,
    pub factors: Vec<FactorScore>,
}

impl Score {
    /// The factors of one axis, in playbook order.
    pub fn axis(&self, axis: Axis) -> impl Iterator<Item = &FactorScore> {
        self.factors.iter().filter(move |f| f.axis == axis)
    }

    pub fn axis_score(&self, axis: Axis) -> Option<f64> {
        match axis {
            Axis::Value => self.value,
            Axis::Difficulty => self.difficulty,
        }
    }
}

/// n = (r − 1) / 4, or 1 − n when a higher rating means less on the axis.
pub fn normalise(rating: i64, higher_is_better: bool) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let n = (rating - 1) as f64 / 4.0;
    if higher_is_better { n } else { 1.0 - n }
}

fn weight_of(factor: &Factor, weights: &Weights) -> f64 {
    weights.get(&factor.id).copied().unwrap_or(factor.weight)
}

/// Scores an account. `weights` overrides playbook weights by factor id (empty for none).
pub fn score(pb: &Playbook, account: &Account<'_>, weights: &Weights) -> Score {
    score_ratings(pb, |id| account.rating(id).map(|r| (r.rating, r.why)), weights)
}

/// Scores from a lookup of ratings: `rating_of(factor)` gives the written rating (if it is a whole
/// number) and its justification, or `None` for a factor not rated at all.
pub fn score_ratings<'a>(
    pb: &Playbook,
    rating_of: impl Fn(&str) -> Option<(Option<i64>, Option<&'a str>)>,
    weights: &Weights,
) -> Score {
    let factors = &pb.doc.scoring.factors;
    let axis_total = |axis: Axis| -> f64 {
        factors
            .iter()
            .filter(|f| f.axis == axis)
            .map(|f| weight_of(f, weights))
            .sum()
    };
    let totals = [
        (Axis::Value, axis_total(Axis::Value)),
        (Axis::Difficulty, axis_total(Axis::Difficulty)),
    ];
    let total_of = |axis: Axis| totals.iter().find(|(a, _)| *a == axis).map_or(0.0, |(_, t)| *t);
    let mut out = Vec::with_capacity(factors.len());
    let mut missing = Vec::new();
    for f in factors {
        let rated = rating_of(&f.id);
        let rating = rated.and_then(|r| r.0).filter(|r| (1..=5).contains(r));
        let weight = weight_of(f, weights);
        let points = rating.map(|r| 100.0 * weight * normalise(r, f.higher_is_better) / total_of(f.axis));
        if rating.is_none() {
            missing.push(f.id.clone());
        }
        out.push(FactorScore {
            id: f.id.clone(),
            label: f.label.clone(),
            axis: f.axis,
            rating,
            weight,
            playbook_weight: weights.contains_key(&f.id).then_some(f.weight),
            higher_is_better: f.higher_is_better,
            points,
            why: rated.and_then(|r| r.1).map(str::to_string),
        });
    }
    // 100 × Σ(w·n) / Σw as an exact fraction (the weights read as written), so that the tier is
    // decided on the exact number and never on a floating-point neighbour of a bound.
    let axis_score = |axis: Axis| -> Option<AxisScore> {
        let mut parts = Vec::new();
        let mut sum = 0.0;
        for f in out.iter().filter(|f| f.axis == axis) {
            let r = f.rating?;
            let k = if f.higher_is_better { r - 1 } else { 5 - r };
            parts.push((f.weight, k));
            sum += f.weight * normalise(r, f.higher_is_better);
        }
        Some(axis_fraction(&parts).map_or_else(|| AxisScore::Float(100.0 * sum / total_of(axis)), AxisScore::Exact))
    };
    let exact = (axis_score(Axis::Value), axis_score(Axis::Difficulty));
    let tier = match exact {
        (Some(v), Some(d)) => tier_for_scores(pb, v, d).map(|t| t.id.clone()),
        _ => None,
    };
    let (value, difficulty) = (exact.0.map(AxisScore::to_f64), exact.1.map(AxisScore::to_f64));
    Score {
        value,
        difficulty,
        tier,
        missing,
        factors: out,
    }
}

/// The first tier rule that holds for the exact pair.
pub fn tier_for_scores(pb: &Playbook, value: AxisScore, difficulty: AxisScore) -> Option<&TierRule> {
    pb.doc
        .scoring
        .tiers
        .iter()
        .find(|t| t.when.holds_score(value, difficulty))
}

/// The first tier rule that holds for the pair.
pub fn tier_for(pb: &Playbook, value: f64, difficulty: f64) -> Option<&TierRule> {
    pb.doc.scoring.tiers.iter().find(|t| t.when.holds(value, difficulty))
}

/// One unmet comparison of the next tier up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    pub axis: Axis,
    /// The account's score on the axis.
    pub now: f64,
    /// The change needed: positive to raise, negative to lower.
    pub delta: f64,
    /// Whether the bound itself is excluded (`>` or `<`): the change must exceed `delta`.
    pub strict: bool,
}

/// How far a scored account is from the next tier up.
#[derive(Debug, Clone, Serialize)]
pub struct NextTier {
    pub tier: String,
    pub gaps: Vec<Gap>,
}

pub fn next_tier_up(pb: &Playbook, score: &Score) -> Option<NextTier> {
    let (v, d) = (score.value?, score.difficulty?);
    let tiers = &pb.doc.scoring.tiers;
    let current = tiers
        .iter()
        .position(|t| score.tier.as_deref() == Some(t.id.as_str()))?;
    let up = tiers.get(current.checked_sub(1)?)?;
    let gaps = up
        .when
        .all
        .iter()
        .filter(|c| !c.holds(v, d))
        .map(|c| {
            let now = if c.axis == Axis::Value { v } else { d };
            Gap {
                axis: c.axis,
                now,
                delta: c.bound - now,
                strict: matches!(c.op, Op::Gt | Op::Lt),
            }
        })
        .collect();
    Some(NextTier {
        tier: up.id.clone(),
        gaps,
    })
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
