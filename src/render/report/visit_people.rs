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
    blocks.extend(rhythm(w, r));
    (w.get("visit.people").to_string(), blocks)
}

/// Influence and rhythm: the latest contacts with their influence and until when it lasts, a
/// flag when the visits come too often, and the connection that trust is built on.
fn rhythm(w: &Words<'_>, r: &VisitReport) -> Vec<Block> {
    let mut blocks = vec![Block::Subheading(w.get("visit.influence").to_string())];
    let lines: Vec<String> = r
        .influence
        .iter()
        .map(|i| {
            let mut parts = Vec::new();
            parts.extend(i.impact.map(|n| w.fill("visit.impact", &[("n", &n.to_string())])));
            parts.extend(i.lasts_until.map(|d| {
                if d < r.today {
                    w.fill("visit.worn_off", &[("date", &d.to_string())])
                } else {
                    w.fill("visit.lasts", &[("date", &d.to_string())])
                }
            }));
            let when = match &i.form {
                Some(f) => format!("{} {f}", i.date),
                None => i.date.to_string(),
            };
            w.fill(
                "report.fact",
                &[("label", &when), ("value", &parts.join(w.get("report.list_separator")))],
            )
        })
        .collect();
    if lines.is_empty() {
        blocks.push(Block::Prompt(w.get("visit.no_influence").to_string()));
    } else {
        blocks.push(Block::List(lines));
    }
    if let Some(rh) = r.rhythm.as_ref().filter(|rh| rh.too_often()) {
        blocks.push(Block::Flag(w.fill(
            "visit.too_often",
            &[
                ("n", &rh.contacts.to_string()),
                ("days", &rh.period.to_string()),
                ("limit", &rh.limit.to_string()),
            ],
        )));
    }
    let c = &r.connection;
    let closeness = c.closeness.map_or_else(|| "—".to_string(), |x| format!("{x:.1}"));
    blocks.push(Block::Para(w.fill(
        "visit.connection",
        &[
            ("frequency", &c.frequency.to_string()),
            ("days", &crate::domain::relationship::CONNECTION_DAYS.to_string()),
            ("people", &c.people_met.to_string()),
            ("layers", &c.layers_met.to_string()),
            ("total", &c.layers.to_string()),
            ("closeness", &closeness),
        ],
    )));
    blocks
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
        Gap::VetoAgainst { role, name, stance } => w.fill(
            "visit.gap_veto_against",
            &[("role", role), ("name", name), ("stance", stance)],
        ),
        Gap::Stale { name, assessed, days } => w.fill(
            "visit.gap_stale",
            &[
                ("name", name),
                ("date", &assessed.to_string()),
                ("days", &days.to_string()),
            ],
        ),
        Gap::CoachConditions { name, missing } => {
            w.fill("visit.gap_coach", &[("name", name), ("missing", &missing.join(sep))])
        }
    }
}
