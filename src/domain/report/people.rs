//! The client's people as the visit plan shows them: decision-makers and the coach first, each
//! with roles, layer, stance, closeness and profile, and the gaps a reviewer should see (no coach,
//! a veto holder nobody has met or one against us, someone in the decision layer not assessed).

use chrono::NaiveDate;

use crate::domain::account::Account;
use crate::domain::account::value::Record;
use crate::domain::playbook::{Field, Playbook};
use crate::domain::privacy::{self, Scope};
use crate::domain::report::{Item, Omitted, Shown, field_of, items, key_people_first, text_of};

/// Where contact fields are defined.
const CONTACTS: Scope<'static> = Scope::Record("contacts");

/// The contact fields the people table shows, and those the gaps speak for (the date of the
/// assessment when it is stale, the coach conditions when one is missing); the rest go into each
/// person's profile.
const TABLE_FIELDS: [&str; 9] = [
    "id",
    "name",
    "title",
    "roles",
    "layer",
    "stance",
    "closeness",
    "assessed",
    "coach_conditions",
];

/// One of the client's people.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub name: String,
    pub title: Option<String>,
    pub roles: Vec<String>,
    pub layer: Option<String>,
    pub stance: Option<String>,
    pub closeness: Option<i64>,
    /// Whether they attend the planned visit.
    pub attends: bool,
    /// Every other filled field (interests, authority, personality …), sensitive ones only when
    /// included.
    pub profile: Vec<Item>,
}

/// A gap in the picture of the client's people.
#[derive(Debug, Clone, PartialEq)]
pub enum Gap {
    NoDecisionMaker,
    NoCoach,
    /// Someone in the decision layer without stance or closeness: their name and the missing
    /// labels.
    Unassessed {
        name: String,
        missing: Vec<String>,
    },
    /// A role that can veto (technical / operations in the seeds) that nobody from our side has
    /// met in a visit.
    VetoNotMet {
        role: String,
        names: Vec<String>,
        attends: bool,
    },
    /// A role that can veto, with nobody in it known.
    VetoUnknown {
        role: String,
    },
    /// A stance and closeness assessed longer ago than `cadence.reassess_days`.
    Stale {
        name: String,
        assessed: NaiveDate,
        days: i64,
    },
    /// A coach that does not meet every condition of a usable coach (labels of the missing).
    CoachConditions {
        name: String,
        missing: Vec<String>,
    },
    /// Someone holding a veto stands against us (a negative stance weight): the relationship
    /// gate stays closed whatever the balance of support.
    VetoAgainst {
        role: String,
        name: String,
        stance: String,
    },
}

fn contact_fields(pb: &Playbook) -> &[Field] {
    pb.record_type("contacts").map_or(&[], |r| r.fields.as_slice())
}

/// The people of the account, key people first; `attendees` are the contact ids at the visit.
pub fn people(pb: &Playbook, account: &Account<'_>, attendees: &[&str], omitted: &mut Omitted) -> Vec<Person> {
    let fields = contact_fields(pb);
    key_people_first(&account.contacts)
        .into_iter()
        .map(|c| {
            let mut get = |id: &str| field_of(pb, account, fields, c, id, omitted);
            let title = text_of(get("title"));
            let roles = match get("roles") {
                Some(Shown::List(r)) => r,
                _ => Vec::new(),
            };
            let stance = text_of(get("stance"));
            let closeness = match get("closeness") {
                Some(Shown::Rating(r)) => Some(r),
                _ => None,
            };
            Person {
                name: omitted.name(pb, CONTACTS, "name", c.str("name").unwrap_or_default()),
                title,
                roles,
                layer: account
                    .contact_layer(pb, c)
                    .map(|l| pb.enum_label("layer", l).to_string()),
                stance,
                closeness,
                attends: c.str("id").is_some_and(|id| attendees.contains(&id)),
                profile: items(pb, account, fields, c, &TABLE_FIELDS, omitted),
            }
        })
        .collect()
}

/// The gaps in the picture of the account's people, as of `today`.
pub fn gaps(pb: &Playbook, account: &Account<'_>, attendees: &[&str], today: NaiveDate, include: bool) -> Vec<Gap> {
    let mut out = Vec::new();
    let name = |c: &Record<'_, '_>| {
        privacy::shown(pb, CONTACTS, "name", include, c.str("name").unwrap_or_default()).to_string()
    };
    let with_role = |role: &str| -> Vec<&Record<'_, '_>> {
        account
            .contacts
            .iter()
            .filter(|c| c.list("roles").contains(&role))
            .collect()
    };
    let deciders = with_role("decision_maker");
    if deciders.is_empty() {
        out.push(Gap::NoDecisionMaker);
    }
    if with_role("coach").is_empty() {
        out.push(Gap::NoCoach);
    }
    let label = |id: &str| {
        contact_fields(pb)
            .iter()
            .find(|f| f.id == id)
            .map_or_else(|| id.to_string(), |f| f.label.clone())
    };
    // As the relationship gate asks: everyone in the decision layer has stance and closeness.
    let decision_layer = account
        .contacts
        .iter()
        .filter(|c| account.contact_layer(pb, c) == Some("decision"));
    for c in decision_layer {
        let missing: Vec<String> = ["stance", "closeness"]
            .into_iter()
            .filter(|f| !c.is_filled(f))
            .map(label)
            .collect();
        if !missing.is_empty() {
            out.push(Gap::Unassessed { name: name(c), missing });
        }
    }
    let met: Vec<&str> = account
        .visits
        .iter()
        .filter(|v| v.date("date").is_some_and(|d| d < today))
        .flat_map(|v| v.list("attendees"))
        .collect();
    let stance_of = |c: &Record<'_, '_>| {
        let id = c.str("stance")?;
        let value = pb.enum_value("stance", id)?;
        value.weight.filter(|w| *w < 0.0).map(|_| value.label.clone())
    };
    for role in pb.enum_values("role").unwrap_or_default().iter().filter(|r| r.veto) {
        let holders = with_role(&role.id);
        for c in &holders {
            if let Some(stance) = stance_of(c) {
                out.push(Gap::VetoAgainst {
                    role: role.label.clone(),
                    name: name(c),
                    stance,
                });
            }
        }
        if holders.is_empty() {
            out.push(Gap::VetoUnknown {
                role: role.label.clone(),
            });
            continue;
        }
        let ids: Vec<&str> = holders.iter().filter_map(|c| c.str("id")).collect();
        if ids.iter().any(|id| met.contains(id)) {
            continue;
        }
        out.push(Gap::VetoNotMet {
            role: role.label.clone(),
            names: holders
                .iter()
                .filter(|c| c.str("name").is_some())
                .map(|c| name(c))
                .collect(),
            attends: ids.iter().any(|id| attendees.contains(id)),
        });
    }
    for s in crate::domain::relationship::stale(pb, account, today, include) {
        out.push(Gap::Stale {
            name: s.name,
            assessed: s.assessed,
            days: (today - s.assessed).num_days(),
        });
    }
    let conditions = pb.enum_values("coach_condition").unwrap_or_default();
    for c in with_role("coach") {
        let has = c.list("coach_conditions");
        let missing: Vec<String> = conditions
            .iter()
            .filter(|v| !has.contains(&v.id.as_str()))
            .map(|v| v.label.clone())
            .collect();
        if !missing.is_empty() {
            out.push(Gap::CoachConditions { name: name(c), missing });
        }
    }
    out
}
