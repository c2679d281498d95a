//! The "who we meet" section of the visit plan: the people table, the gaps in the picture of the
//! client's people, and each person's profile.

use crate::domain::playbook::Playbook;
use crate::domain::report::people::{Gap, Person};
use crate::domain::report::visit::VisitReport;
use crate::render::report::Block;
use crate::render::report::common::{fields, record_label};
use crate::render::report::words::Words;

fn person_row(w: &Words<'_>, p: &Person, with_attends: bool) -> Vec<String> {
    let sep = w.get("report.list_separator");
    let name = match &p.title {
        Some(t) => format!("{}\n{t}", p.name),
        None => p.name.clone(),
    };
    let mut row = vec![
        name,
        p.roles.join(sep),
        p.layer.clone().unwrap_or_default(),
        p.stance.clone().unwrap_or_default(),
        p.closeness.map(|c| format!("{c}/5")).unwrap_or_default(),
    ];
    if with_attends {
        row.push(if p.attends { "✓".to_string() } else { String::new() });
    }
    row
}

pub fn people(pb: &Playbook, w: &Words<'_>, r: &VisitReport) -> (String, Vec<Block>) {
    let mut blocks = Vec::new();
    let label = |id: &str, fallback: &'static str| record_label(pb, "contacts", id, fallback).to_string();
    if r.people.is_empty() {
        blocks.push(Block::Prompt(w.get("visit.no_contacts").to_string()));
    } else {
        let with_attends = r.visit.is_some();
        let mut headers = vec![
            label("name", "Name"),
            label("roles", "Buying roles"),
            label("layer", "Layer"),
            label("stance", "Stance"),
            label("closeness", "Closeness"),
        ];
        if with_attends {
            headers.push(w.get("visit.attends").to_string());
        }
        let rows = r.people.iter().map(|p| person_row(w, p, with_attends)).collect();
        blocks.push(Block::Table { headers, rows });
    }
    for g in &r.gaps {
        blocks.push(Block::Flag(gap(w, g)));
    }
    let profiles: Vec<&Person> = r.people.iter().filter(|p| !p.profile.is_empty()).collect();
    if !profiles.is_empty() {
        blocks.push(Block::Subheading(w.get("visit.profiles").to_string()));
        let list = profiles
            .iter()
            .map(|p| {
                let facts: Vec<String> = fields(w, &r.currency, &p.profile)
                    .into_iter()
                    .map(|(l, v)| w.fill("report.fact", &[("label", &l), ("value", &v)]))
                    .collect();
                format!("{} — {}", p.name, facts.join(w.get("report.item_separator")))
            })
            .collect();
        blocks.push(Block::List(list));
    }
    (w.get("visit.people").to_string(), blocks)
}

fn gap(w: &Words<'_>, g: &Gap) -> String {
    let sep = w.get("report.list_separator");
    match g {
        Gap::NoDecisionMaker => w.get("visit.gap_no_decision_maker").to_string(),
        Gap::NoCoach => w.get("visit.gap_no_coach").to_string(),
        Gap::Unassessed { name, missing } => w.fill(
            "visit.gap_unassessed",
            &[("name", name), ("missing", &missing.join(sep))],
        ),
        Gap::VetoNotMet { role, names, attends } => {
            let text = w.fill("visit.gap_veto_not_met", &[("role", role), ("names", &names.join(sep))]);
            if *attends {
                format!("{text} — {}", w.get("visit.gap_veto_attends"))
            } else {
                text
            }
        }
        Gap::VetoUnknown { role } => w.fill("visit.gap_veto_unknown", &[("role", role)]),
    }
}
