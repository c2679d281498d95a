//! What a playbook change does to the accounts: each account judged with the playbook in force
//! before the change and with the one it brings, on the same data. An account appears when its
//! tier, its current gate (ready or blocked) or the gates its history crossed (all met or not)
//! differs —
//! the accounts a reviewer must look at before accepting new rules, whether or not their files
//! changed.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::account::Account;
use crate::domain::gate::gate;
use crate::domain::gate::met::gate_met;
use crate::domain::gate::pipeline::crossings;
use crate::domain::playbook::Playbook;
use crate::domain::review::records::Change;
use crate::domain::score::{Weights, score};

/// One account whose standing differs between the two playbooks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Impact {
    pub id: String,
    pub name: String,
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tier: Option<Change<Option<String>>>,
    /// Whether the gate of the current stage is met (`null` at an outcome).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gate: Option<Change<Option<bool>>>,
    /// Whether every gate the account's history crossed was met, each judged as of the day it was
    /// crossed (`null` when it crossed none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crossed: Option<Change<Option<bool>>>,
}

/// How one playbook judges an account.
fn standing(pb: &Playbook, account: &Account<'_>, today: NaiveDate) -> (Option<String>, Option<bool>, Option<bool>) {
    let tier = score(pb, account, &Weights::new()).tier;
    let ready = gate(pb, account, today).map(|g| g.ready);
    let crossings = crossings(pb, account);
    let crossed = (!crossings.is_empty()).then(|| {
        crossings.iter().all(|c| {
            let day = c.day.or(account.created).unwrap_or(NaiveDate::MIN);
            gate_met(pb, c.pos, account, day)
        })
    });
    (tier, ready, crossed)
}

fn changed<T: PartialEq>(from: T, to: T) -> Option<Change<T>> {
    (from != to).then_some(Change { from, to })
}

/// The account's standing under both playbooks, when it differs.
pub fn impact(base: &Playbook, head: &Playbook, account: &Account<'_>, file: &str, today: NaiveDate) -> Option<Impact> {
    let (t0, g0, c0) = standing(base, account, today);
    let (t1, g1, c1) = standing(head, account, today);
    let out = Impact {
        id: account.id().to_string(),
        name: account.name().to_string(),
        file: file.to_string(),
        tier: changed(t0, t1),
        gate: changed(g0, g1),
        crossed: changed(c0, c1),
    };
    (out.tier.is_some() || out.gate.is_some() || out.crossed.is_some()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::value::Table;
    use crate::domain::test_support::{DEFAULT_PLAYBOOK, load};

    #[test]
    fn a_relaxed_tier_rule_changes_the_tier_and_opens_the_gate() {
        let base = load("kam.yaml", DEFAULT_PLAYBOOK).unwrap();
        let head = load(
            "kam.yaml",
            &DEFAULT_PLAYBOOK.replace(
                "auto: { scored: { tiers: [A] } }",
                "auto: { scored: { tiers: [A, B] } }",
            ),
        )
        .unwrap();
        let text = "id = \"b\"\nname = \"B Co\"\nowner = \"o\"\nstage = \"assess\"\n[ratings]\nshare = 1\nbusiness_value = 4\npayment_risk = 2\neffort = 2\ndeal_risk = 2\ncomplexity = 2\ncapability = 4\n";
        let root = Table::parse(text).unwrap();
        let account = Account::new(&root);
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(impact(&base, &base, &account, "accounts/b.toml", today), None);
        // The tier stays B; the rated item now passes, but the plan is still missing: the gate
        // stays blocked, and nothing about the account's standing differs.
        assert_eq!(impact(&base, &head, &account, "accounts/b.toml", today), None);
        let head2 = load(
            "kam.yaml",
            &DEFAULT_PLAYBOOK.replace(
                "when: \"value >= 70 and difficulty <= 60\"",
                "when: \"value >= 50 and difficulty <= 60\"",
            ),
        )
        .unwrap();
        let relaxed = impact(&base, &head2, &account, "accounts/b.toml", today);
        let tier = relaxed.and_then(|i| i.tier).unwrap();
        assert_eq!((tier.from.as_deref(), tier.to.as_deref()), (Some("B"), Some("A")));
    }
}
