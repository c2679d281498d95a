//! Playbook checks of the scoring model (factors, weights, tier rules without gaps), the cadence
//! and the policy.

use std::collections::HashSet;

use super::Checker;
use crate::domain::score::tier::find_gap;

/// The largest weight a factor or an enumeration value may have: scores stay finite whatever
/// the weights add up to.
pub const MAX_WEIGHT: f64 = 1000.0;
/// The longest period, in days, a cadence or a stage may name.
pub const MAX_DAYS: u32 = 36_500;
/// The largest amount (a gift limit) or exchange rate.
pub const MAX_AMOUNT: f64 = 1e12;

impl Checker<'_> {
    pub(super) fn check_scoring(&mut self) {
        let scoring = &self.doc.scoring;
        let mut seen = HashSet::new();
        for (i, f) in scoring.factors.iter().enumerate() {
            if !seen.insert(f.id.as_str()) {
                self.problem(
                    format!("scoring.factors.{i}.id"),
                    format!("duplicate factor `{}`", f.id),
                    None,
                );
            }
            if !(f.weight.is_finite() && f.weight > 0.0 && f.weight <= MAX_WEIGHT) {
                self.problem(
                    format!("scoring.factors.{i}.weight"),
                    format!(
                        "weight of `{}` must be a number above 0 and at most {MAX_WEIGHT}, not {}",
                        f.id, f.weight
                    ),
                    Some(
                        "weights are relative: 1–5 is the usual range; drop a factor instead of weighting it 0".into(),
                    ),
                );
            }
        }
        for axis in [
            crate::domain::playbook::Axis::Value,
            crate::domain::playbook::Axis::Difficulty,
        ] {
            if !scoring.factors.iter().any(|f| f.axis == axis) {
                self.problem("scoring.factors", format!("no factor on the {} axis", axis.id()), None);
            }
        }
        if scoring.tiers.is_empty() {
            self.problem(
                "scoring.tiers",
                "no tier rules",
                Some("end with `when: otherwise`".into()),
            );
            return;
        }
        let mut seen = HashSet::new();
        for (i, t) in scoring.tiers.iter().enumerate() {
            if !seen.insert(t.id.as_str()) {
                self.problem(
                    format!("scoring.tiers.{i}.id"),
                    format!("duplicate tier `{}`", t.id),
                    None,
                );
            }
            if t.when.all.is_empty() && i + 1 < scoring.tiers.len() {
                self.problem(
                    format!("scoring.tiers.{}", i + 1),
                    format!(
                        "tier `{}` can never match: `{}` before it always matches",
                        scoring.tiers[i + 1].id,
                        t.id
                    ),
                    Some("put the `otherwise` rule last".into()),
                );
            }
        }
        let conds: Vec<_> = scoring.tiers.iter().map(|t| &t.when).collect();
        if let Some((v, d)) = find_gap(&conds) {
            self.problem(
                "scoring.tiers",
                format!("the tier rules leave a gap: value {v}, difficulty {d} matches no rule"),
                Some("end the list with a rule `when: otherwise`".into()),
            );
        }
    }

    pub(super) fn check_cadence_and_policy(&mut self) {
        for (tier, days) in &self.doc.cadence.visit_every_days {
            if *days > MAX_DAYS {
                self.problem(
                    format!("cadence.visit_every_days.{tier}"),
                    format!("{days} days between visits is more than {MAX_DAYS} (a century)"),
                    None,
                );
            }
        }
        if self.doc.cadence.followup_days > MAX_DAYS {
            self.problem(
                "cadence.followup_days",
                format!(
                    "{} days to follow up is more than {MAX_DAYS} (a century)",
                    self.doc.cadence.followup_days
                ),
                None,
            );
        }
        for (i, stage) in self.doc.stages.iter().enumerate() {
            if stage.idle_days.is_some_and(|d| d > MAX_DAYS) {
                self.problem(
                    format!("stages.{i}.idle_days"),
                    format!("idle_days of `{}` is more than {MAX_DAYS} (a century)", stage.id),
                    None,
                );
            }
        }
        for (name, values) in &self.doc.enums {
            for (i, v) in values.iter().enumerate() {
                if v.weight.is_some_and(|w| !(w.is_finite() && w.abs() <= MAX_WEIGHT)) {
                    self.problem(
                        format!("enums.{name}.{i}.weight"),
                        format!(
                            "the weight of `{}` must be a number between -{MAX_WEIGHT} and {MAX_WEIGHT}",
                            v.id
                        ),
                        None,
                    );
                }
            }
        }
        for (currency, rate) in &self.doc.policy.exchange_rates {
            if !(rate.is_finite() && *rate > 0.0 && *rate <= MAX_AMOUNT) {
                self.problem(
                    format!("policy.exchange_rates.{currency}"),
                    format!("the exchange rate of {currency} must be a number above 0 and at most {MAX_AMOUNT:e}"),
                    None,
                );
            }
        }
        for tier in self.doc.cadence.visit_every_days.keys() {
            if tier != "default" && !self.doc.scoring.tiers.iter().any(|t| &t.id == tier) {
                self.problem(
                    format!("cadence.visit_every_days.{tier}"),
                    format!("unknown tier `{tier}`"),
                    Some("use tier ids or `default`".into()),
                );
            }
        }
        if let Some(limit) = self.doc.policy.gift_limit
            && !(limit.is_finite() && (0.0..=MAX_AMOUNT).contains(&limit))
        {
            self.problem(
                "policy.gift_limit",
                format!("the gift limit must be a number from 0 to {MAX_AMOUNT:e}"),
                None,
            );
        }
    }
}
