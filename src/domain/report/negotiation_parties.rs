//! The parties of the negotiation brief's three-party analysis beyond our own side: the client's
//! decision layer and decision process (each mapped procurement step with who plays it, their
//! concern and our response, and the tender's rules) and the competitors.

use crate::domain::account::Account;
use crate::domain::account::value::{Record, as_table};
use crate::domain::playbook::{Field, Playbook};
use crate::domain::privacy::Scope;
use crate::domain::report::{Item, Omitted, Shown, Slot, contact_name, field_of, items, text_of};

#[derive(Debug, Clone, PartialEq)]
pub struct DecisionMaker {
    pub name: String,
    pub title: Option<String>,
    pub stance: Option<String>,
    pub closeness: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Competitor {
    pub name: String,
    /// Their proposal and tactics always (empty ones are prompts), other facts when known.
    pub slots: Vec<Slot>,
}

/// One step of the client's procurement process as the brief shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ProcessStep {
    pub label: String,
    /// The people (names) and department.
    pub who: Vec<String>,
    /// What they care about at this step, and our response.
    pub concern: Option<String>,
    pub response: Option<String>,
    /// The rest of the step's filled fields (tender mode, thresholds, scoring, parameters, note).
    pub rules: Vec<Item>,
}

fn contact_fields(pb: &Playbook) -> &[Field] {
    pb.record_type("contacts").map_or(&[], |r| r.fields.as_slice())
}

pub fn decision_makers(pb: &Playbook, account: &Account<'_>, omitted: &mut Omitted) -> Vec<DecisionMaker> {
    let fields = contact_fields(pb);
    account
        .contacts
        .iter()
        .filter(|c| account.contact_layer(pb, c) == Some("decision"))
        .map(|c| {
            let name = omitted.name(pb, Scope::Record("contacts"), "name", c.str("name").unwrap_or_default());
            let mut get = |id: &str| field_of(pb, account, fields, c, id, omitted);
            DecisionMaker {
                name,
                title: text_of(get("title")),
                stance: text_of(get("stance")),
                closeness: match get("closeness") {
                    Some(Shown::Rating(r)) => Some(r),
                    _ => None,
                },
            }
        })
        .collect()
}

pub fn competitors(pb: &Playbook, account: &Account<'_>, omitted: &mut Omitted) -> Vec<Competitor> {
    let Some(rt) = pb.record_type("competitors") else {
        return Vec::new();
    };
    account
        .competitors
        .iter()
        .map(|c| {
            let slots = [
                "proposal",
                "goals",
                "position",
                "tactics",
                "current_supplier",
                "share",
                "closeness",
                "strengths",
                "weaknesses",
            ]
            .into_iter()
            .filter_map(|id| {
                let field = rt.field(id)?;
                let value = field_of(pb, account, &rt.fields, c, id, omitted);
                let always = matches!(id, "proposal" | "goals" | "position" | "tactics");
                (value.is_some() || always).then(|| Slot {
                    label: field.label.clone(),
                    path: format!("[[competitors]] {id}"),
                    value,
                })
            })
            .collect();
            Competitor {
                name: omitted.name(
                    pb,
                    Scope::Record("competitors"),
                    "name",
                    c.str("name").unwrap_or_default(),
                ),
                slots,
            }
        })
        .collect()
}

/// The mapped steps of the procurement process, in the order of their enumeration.
pub fn process(pb: &Playbook, account: &Account<'_>, omitted: &mut Omitted) -> Vec<ProcessStep> {
    let Some(field) = pb.archive_field("procurement.steps") else {
        return Vec::new();
    };
    let keys = field
        .keys
        .as_deref()
        .and_then(|k| pb.enum_values(k))
        .unwrap_or_default();
    let record = field.record.as_deref().unwrap_or_default();
    let record_fields = pb.record_type(record).map_or(&[][..], |r| r.fields.as_slice());
    let scope = Scope::Record(record);
    let Some(table) = account.archive("procurement.steps").and_then(as_table) else {
        return Vec::new();
    };
    keys.iter()
        .filter_map(|k| {
            let node = table.get(k.id.as_str())?;
            let step = Record::new(as_table(node.get_ref())?, node.span());
            let mut who: Vec<String> = if omitted.allows(pb, scope, "who") {
                step.list("who")
                    .into_iter()
                    .map(|id| contact_name(pb, account, id, omitted.include))
                    .collect()
            } else {
                Vec::new()
            };
            who.extend(omitted.text(pb, scope, Some(&step), "department"));
            Some(ProcessStep {
                label: k.label.clone(),
                who,
                concern: omitted.text(pb, scope, Some(&step), "concern"),
                response: omitted.text(pb, scope, Some(&step), "response"),
                rules: items(
                    pb,
                    account,
                    record_fields,
                    &step,
                    &["who", "department", "concern", "response"],
                    omitted,
                ),
            })
        })
        .collect()
}
