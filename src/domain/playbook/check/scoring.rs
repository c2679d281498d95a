//! Playbook checks of the scoring model (factors, weights, tier rules without gaps), the cadence
//! and the policy.

use std::collections::HashSet;

use super::Checker;
use crate::domain::score::tier::find_gap;

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
            if !(f.weight.is_finite() && f.weight > 0.0) {
                self.problem(
                    format!("scoring.factors.{i}.weight"),
                    format!("weight of `{}` must be a number above 0, not {}", f.id, f.weight),
                    Some("drop the factor instead of weighting it 0".into()),
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
            && !(limit.is_finite() && limit >= 0.0)
        {
            self.problem(
                "policy.gift_limit",
                "the gift limit must be a number of 0 or more",
                None,
            );
        }
    }
}
