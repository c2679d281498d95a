//! The funnel split by owner, tier, key-account class or region (`kam stats --by`). An account in
//! several classes counts in each; one with no value for the key falls in the group `None`.

use serde::Serialize;

use crate::domain::playbook::Playbook;
use crate::domain::stats::facts::Facts;
use crate::domain::stats::funnel::{Funnel, Period, funnel};

/// What to split the funnel by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    Owner,
    Tier,
    Class,
    Region,
}

impl GroupBy {
    pub fn id(self) -> &'static str {
        match self {
            GroupBy::Owner => "owner",
            GroupBy::Tier => "tier",
            GroupBy::Class => "class",
            GroupBy::Region => "region",
        }
    }
}

/// The funnel of one group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// The owner, tier id, class id or region; `None` for accounts without one.
    pub key: Option<String>,
    pub funnel: Funnel,
}

/// The keys an account falls under.
fn keys(f: &Facts, by: GroupBy) -> Vec<Option<String>> {
    let one = |s: Option<&String>| vec![s.filter(|s| !s.is_empty()).cloned()];
    match by {
        GroupBy::Owner => one(Some(&f.owner)),
        GroupBy::Tier => one(f.tier.as_ref()),
        GroupBy::Region => one(f.region.as_ref()),
        GroupBy::Class if f.classes.is_empty() => vec![None],
        GroupBy::Class => {
            let mut classes: Vec<Option<String>> = f.classes.iter().cloned().map(Some).collect();
            classes.dedup();
            classes
        }
    }
}

/// Where a key sorts: tiers and classes in the playbook's order, others by name; `None` last.
fn order(pb: &Playbook, by: GroupBy, key: Option<&str>) -> (usize, String) {
    let Some(key) = key else {
        return (usize::MAX, String::new());
    };
    let pos = match by {
        GroupBy::Tier => pb.doc.scoring.tiers.iter().position(|t| t.id == key),
        GroupBy::Class => pb
            .doc
            .enums
            .get("account_class")
            .and_then(|values| values.iter().position(|v| v.id == key)),
        GroupBy::Owner | GroupBy::Region => None,
    };
    (pos.unwrap_or(usize::MAX - 1), key.to_string())
}

/// The funnel of every group, in order.
pub fn grouped(pb: &Playbook, accounts: &[Facts], by: GroupBy, period: Period) -> Vec<Group> {
    let mut groups: Vec<(Option<String>, Vec<&Facts>)> = Vec::new();
    for f in accounts {
        for key in keys(f, by) {
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, members)) => members.push(f),
                None => groups.push((key, vec![f])),
            }
        }
    }
    groups.sort_by_key(|(k, _)| order(pb, by, k.as_deref()));
    groups
        .into_iter()
        .map(|(key, members)| Group {
            key,
            funnel: funnel(pb, &members, period),
        })
        .filter(|g| g.funnel.accounts > 0)
        .collect()
}
