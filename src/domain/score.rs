//! The value assessment: each factor's rating normalised to 0–1 (inverted when a higher rating
//! means less), weighted, and averaged per axis to a 0–100 score; the first tier rule that holds
//! gives the tier. An axis with an unrated factor has no score, and then there is no tier: kam
//! never guesses a rating.

use std::collections::HashMap;

use serde::Serialize;

use crate::domain::account::Account;
use crate::domain::playbook::{Axis, Factor, Playbook, TierRule};

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
    pub weight: f64,
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
    let mut out = Vec::with_capacity(factors.len());
    let mut missing = Vec::new();
    for f in factors {
        let rated = account.rating(&f.id);
        let rating = rated.and_then(|r| r.rating).filter(|r| (1..=5).contains(r));
        let weight = weight_of(f, weights);
        let total = totals.iter().find(|(a, _)| *a == f.axis).map_or(0.0, |(_, t)| *t);
        let points = rating.map(|r| 100.0 * weight * normalise(r, f.higher_is_better) / total);
        if rating.is_none() {
            missing.push(f.id.clone());
        }
        out.push(FactorScore {
            id: f.id.clone(),
            label: f.label.clone(),
            axis: f.axis,
            rating,
            weight,
            higher_is_better: f.higher_is_better,
            points,
            why: rated.and_then(|r| r.why).map(str::to_string),
        });
    }
    let axis_score = |axis: Axis| -> Option<f64> {
        let mut sum = 0.0;
        for f in out.iter().filter(|f| f.axis == axis) {
            sum += f.points?;
        }
        Some(sum)
    };
    let value = axis_score(Axis::Value);
    let difficulty = axis_score(Axis::Difficulty);
    let tier = match (value, difficulty) {
        (Some(v), Some(d)) => tier_for(pb, v, d).map(|t| t.id.clone()),
        _ => None,
    };
    Score {
        value,
        difficulty,
        tier,
        missing,
        factors: out,
    }
}

/// The first tier rule that holds for the pair.
pub fn tier_for(pb: &Playbook, value: f64, difficulty: f64) -> Option<&TierRule> {
    pb.doc.scoring.tiers.iter().find(|t| t.when.holds(value, difficulty))
}

/// How far a scored account is from the next tier up: the tier and, per unmet comparison, the
/// axis, its current score and the change needed (positive: raise, negative: lower).
#[derive(Debug, Clone, Serialize)]
pub struct NextTier {
    pub tier: String,
    pub gaps: Vec<(Axis, f64, f64)>,
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
            let delta = c.bound - now;
            (c.axis, now, delta)
        })
        .collect();
    Some(NextTier {
        tier: up.id.clone(),
        gaps,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_both_directions() {
        assert!((normalise(1, true) - 0.0).abs() < 1e-12);
        assert!((normalise(5, true) - 1.0).abs() < 1e-12);
        assert!((normalise(3, true) - 0.5).abs() < 1e-12);
        assert!((normalise(2, false) - 0.75).abs() < 1e-12);
        assert!((normalise(5, false) - 0.0).abs() < 1e-12);
    }
}
