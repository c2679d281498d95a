//! Planning the team's year (seed 003 §1(三)): the accounts grouped by region, owner, level or
//! approach, each group counted against the playbook's `planning` — clients and people per
//! region — and the contacts of the last year against those the cadence asks for (365 days
//! divided by the tier's `visit_every_days`, for accounts in the pipeline or won).

use crate::domain::agenda::cadence_days;
use crate::domain::gate::pipeline::WON;
use crate::domain::gate::status::Status;
use crate::domain::playbook::Playbook;

/// What accounts are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    Region,
    Owner,
    Level,
    Approach,
}

/// One group of accounts with its counts and its plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The value grouped on (a region id, an owner …); `None` for accounts without one.
    pub key: Option<String>,
    /// What people read: the region's label, the owner.
    pub label: String,
    pub accounts: usize,
    /// The distinct owners of its accounts.
    pub people: usize,
    /// The plan for a region: how many clients and people.
    pub plan_clients: Option<u32>,
    pub plan_people: Option<u32>,
    /// Visits and receptions held in the last 365 days.
    pub contacts: usize,
    /// What the cadence asks for in a year.
    pub contacts_planned: u32,
}

fn key(s: &Status, by: GroupBy) -> Option<String> {
    match by {
        GroupBy::Region => s.region.clone(),
        GroupBy::Owner => Some(s.owner.clone()).filter(|o| !o.is_empty()),
        GroupBy::Level => s.level.clone(),
        GroupBy::Approach => s.approach.clone(),
    }
}

/// The contacts a year the cadence asks of an account: 365 over its tier's days, for accounts in
/// the pipeline or won.
pub fn contacts_planned(pb: &Playbook, s: &Status) -> u32 {
    if pb.stage_pos(&s.stage).is_none() && s.stage != WON {
        return 0;
    }
    cadence_days(pb, s.tier.as_deref()).map_or(0, |every| 365_u32.div_ceil(every.max(1)))
}

/// The key an account is grouped under (for sorting rows group by group).
pub fn group_key(s: &Status, by: GroupBy) -> Option<String> {
    key(s, by)
}

/// The groups of the statuses, in the order of the playbook's values (regions, levels,
/// approaches) or of the owners' names, accounts without a value last.
pub fn groups(pb: &Playbook, statuses: &[&Status], by: GroupBy) -> Vec<Group> {
    let order: Vec<(String, String)> = match by {
        GroupBy::Region | GroupBy::Level | GroupBy::Approach => {
            let name = match by {
                GroupBy::Region => "region",
                GroupBy::Level => "client_level",
                _ => "approach",
            };
            pb.enum_values(name)
                .unwrap_or_default()
                .iter()
                .map(|v| (v.id.clone(), v.label.clone()))
                .collect()
        }
        GroupBy::Owner => {
            let mut owners: Vec<String> = statuses.iter().filter_map(|s| key(s, by)).collect();
            owners.sort();
            owners.dedup();
            owners.into_iter().map(|o| (o.clone(), o)).collect()
        }
    };
    let plan = pb.doc.planning.as_ref();
    let mut keys: Vec<(Option<String>, String)> = order.into_iter().map(|(k, l)| (Some(k), l)).collect();
    // Values the playbook does not list, then accounts without one.
    for s in statuses {
        let k = key(s, by);
        if !keys.iter().any(|(x, _)| *x == k) {
            let label = k.clone().unwrap_or_else(|| "—".to_string());
            keys.push((k, label));
        }
    }
    keys.into_iter()
        .filter_map(|(k, label)| {
            let members: Vec<&&Status> = statuses.iter().filter(|s| key(s, by) == k).collect();
            let region_plan = (by == GroupBy::Region)
                .then(|| k.as_ref().and_then(|r| plan.and_then(|p| p.regions.get(r))))
                .flatten();
            if members.is_empty() && region_plan.is_none() {
                return None;
            }
            let mut owners: Vec<&str> = members.iter().map(|s| s.owner.as_str()).collect();
            owners.sort_unstable();
            owners.dedup();
            Some(Group {
                key: k,
                label,
                accounts: members.len(),
                people: owners.len(),
                plan_clients: region_plan.and_then(|r| r.clients),
                plan_people: region_plan.and_then(|r| r.people),
                contacts: members.iter().map(|s| s.contacts_year).sum(),
                contacts_planned: members.iter().map(|s| contacts_planned(pb, s)).sum(),
            })
        })
        .collect()
}
