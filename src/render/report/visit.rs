//! The layout of the visit plan: its eight sections, in the playbook's words.

use crate::domain::planning::prospecting::{FirstContact, Step};
use crate::domain::playbook::Playbook;
use crate::domain::report::visit::{FollowUp, GateView, VisitReport};
use crate::render::report::common::{document, fields, header_fields, record_label};
use crate::render::report::visit_materials::materials;
use crate::render::report::words::Words;
use crate::render::report::{Block, Doc};
use crate::render::report::{guidance, visit_people};

/// The visit plan as a document.
pub fn visit_doc(pb: &Playbook, r: &VisitReport) -> Doc {
    let w = Words::new(pb);
    let mut sections = vec![
        overview(pb, &w, r),
        background(pb, &w, r),
        goals(&w, r),
        visit_people::people(pb, &w, r),
        team(pb, &w, r),
        questions(pb, &w, r),
        materials(pb, &w, r),
        after(&w, r),
    ];
    sections.extend(guidance::section(&w, &r.guidance));
    let title = w.fill("visit.title", &[("client", &r.header.client)]);
    document(&w, title, &r.omitted, Vec::new(), sections)
}

pub(super) type Part = (String, Vec<Block>);

pub(super) fn visit_label<'p>(pb: &'p Playbook, id: &str, fallback: &'p str) -> &'p str {
    record_label(pb, "visits", id, fallback)
}

fn overview(pb: &Playbook, w: &Words<'_>, r: &VisitReport) -> Part {
    let mut pairs = header_fields(pb, w, &r.header);
    let mut blocks = Vec::new();
    if let Some(date) = r.date {
        let days = (date - r.today).num_days();
        let when = match days {
            0 => w.get("visit.today").to_string(),
            d if d > 0 => w.fill("visit.in_days", &[("days", &d.to_string())]),
            d => w.fill("visit.days_ago", &[("days", &(-d).to_string())]),
        };
        pairs.push((
            visit_label(pb, "date", "Date").to_string(),
            w.fill("report.aside", &[("main", &date.to_string()), ("aside", &when)]),
        ));
    }
    if let Some(v) = &r.visit {
        for (id, fallback, text) in [("place", "Place", &v.place), ("form", "Form", &v.form)] {
            if let Some(text) = text {
                pairs.push((visit_label(pb, id, fallback).to_string(), text.clone()));
            }
        }
    }
    blocks.push(Block::Fields(pairs));
    match (&r.visit, r.date) {
        (None, Some(date)) => blocks.push(Block::Prompt(
            w.fill("visit.no_entry_on", &[("date", &date.to_string())]),
        )),
        (None, None) => blocks.push(Block::Prompt(w.get("visit.no_planned").to_string())),
        (Some(v), _) => {
            for (id, fallback, text) in [("place", "Place", &v.place), ("form", "Form", &v.form)] {
                if text.is_none() {
                    blocks.push(Block::Prompt(w.fill(
                        "visit.fill_field",
                        &[("field", visit_label(pb, id, fallback)), ("key", id)],
                    )));
                }
            }
        }
    }
    (w.get("visit.overview").to_string(), blocks)
}

fn background(pb: &Playbook, w: &Words<'_>, r: &VisitReport) -> Part {
    let currency = &r.currency;
    let mut blocks = Vec::new();
    for (label, items) in &r.background {
        blocks.push(Block::Subheading(label.clone()));
        blocks.push(Block::Fields(fields(w, currency, items)));
    }
    if r.background.is_empty() {
        blocks.push(Block::Prompt(w.get("visit.no_archive").to_string()));
    }
    blocks.push(Block::Subheading(w.get("visit.relationship").to_string()));
    if r.history.is_empty() {
        blocks.push(Block::Para(w.get("visit.no_history").to_string()));
    } else {
        let headers = vec![
            visit_label(pb, "date", "Date").to_string(),
            visit_label(pb, "form", "Form").to_string(),
            visit_label(pb, "attendees", "Their attendees").to_string(),
            w.get("visit.outcome").to_string(),
            visit_label(pb, "next_step", "Next step").to_string(),
        ];
        let sep = w.get("report.list_separator");
        let rows = r
            .history
            .iter()
            .map(|v| {
                vec![
                    v.date.to_string(),
                    v.form.clone().unwrap_or_default(),
                    v.attendees.join(sep),
                    v.outcome.clone().unwrap_or_default(),
                    v.next_step.clone().unwrap_or_default(),
                ]
            })
            .collect();
        blocks.push(Block::Table { headers, rows });
        if r.earlier_visits > 0 {
            blocks.push(Block::Para(
                w.fill("visit.earlier", &[("n", &r.earlier_visits.to_string())]),
            ));
        }
    }
    blocks.push(Block::Subheading(w.get("visit.followups").to_string()));
    if r.followups.is_empty() {
        blocks.push(Block::Para(w.get("visit.nothing_open").to_string()));
    } else {
        blocks.push(Block::Todo(r.followups.iter().map(|f| followup(w, f)).collect()));
    }
    (w.get("visit.background").to_string(), blocks)
}

fn followup(w: &Words<'_>, f: &FollowUp) -> String {
    let overdue = |text: String, yes: bool| {
        if yes {
            format!("{text} — {}", w.get("report.overdue"))
        } else {
            text
        }
    };
    match f {
        FollowUp::Task {
            task,
            owner,
            due,
            overdue: late,
        } => {
            let mut parts = Vec::new();
            if let Some(o) = owner {
                parts.push(o.clone());
            }
            if let Some(d) = due {
                parts.push(w.fill("report.due", &[("date", &d.to_string())]));
            }
            let text = if parts.is_empty() {
                task.clone()
            } else {
                let aside = parts.join(w.get("report.list_separator"));
                w.fill("report.aside", &[("main", task), ("aside", &aside)])
            };
            overdue(text, *late)
        }
        FollowUp::NoReport { date } => w.fill("visit.no_report", &[("date", &date.to_string())]),
        FollowUp::NotFollowedUp {
            date,
            due,
            overdue: late,
        } => overdue(
            w.fill(
                "visit.not_followed_up",
                &[("date", &date.to_string()), ("due", &due.to_string())],
            ),
            *late,
        ),
    }
}

fn goals(w: &Words<'_>, r: &VisitReport) -> Part {
    let mut blocks = Vec::new();
    if r.goals.is_empty() {
        blocks.push(Block::Prompt(w.get("visit.goals_prompt").to_string()));
    } else {
        blocks.push(Block::List(r.goals.clone()));
    }
    match &r.gate {
        GateView::Outcome(outcome) => blocks.push(Block::Para(w.fill("visit.at_outcome", &[("outcome", outcome)]))),
        GateView::Ready { next } => blocks.push(Block::Para(w.fill("visit.gate_ready", &[("next", next)]))),
        GateView::Unmet { next, items } => {
            blocks.push(Block::Subheading(w.fill("visit.gate_goals", &[("next", next)])));
            blocks.push(Block::Todo(
                items
                    .iter()
                    .map(|(label, evidence)| match evidence {
                        Some(e) => w.fill("visit.gate_evidence", &[("item", label), ("evidence", e)]),
                        None => label.clone(),
                    })
                    .collect(),
            ));
        }
    }
    if let Some(fc) = &r.first_contact {
        blocks.extend(first_contact(w, fc));
    }
    (w.get("visit.goals").to_string(), blocks)
}

/// The first-contact sequence and whether it works: done steps and criteria checked, the rest
/// to do.
fn first_contact(w: &Words<'_>, fc: &FirstContact) -> Vec<Block> {
    let mut blocks = vec![Block::Subheading(w.get("prospect.title").to_string())];
    let (mut done, mut todo) = (Vec::new(), Vec::new());
    for (step, date) in &fc.steps {
        let id = match step {
            Step::Mail => "prospect.mail",
            Step::Phone => "prospect.phone",
            Step::Meet => "prospect.meet",
            Step::Order => "prospect.order",
        };
        let mut text = w.get(id).to_string();
        if *step == Step::Mail && fc.mailings > 1 {
            text = w.fill("prospect.mailings", &[("step", &text), ("n", &fc.mailings.to_string())]);
        }
        match date {
            Some(d) => done.push(w.fill("report.aside", &[("main", &text), ("aside", &d.to_string())])),
            None => todo.push(text),
        }
    }
    blocks.push(Block::Done(done));
    blocks.push(Block::Todo(todo));
    blocks.push(Block::Subheading(w.get("prospect.effect").to_string()));
    let (mut seen, mut open) = (Vec::new(), Vec::new());
    for (label, date) in &fc.effects {
        match date {
            Some(d) => seen.push(w.fill("report.aside", &[("main", label), ("aside", &d.to_string())])),
            None => open.push(label.clone()),
        }
    }
    blocks.push(Block::Done(seen));
    blocks.push(Block::Todo(open));
    blocks.retain(|b| !matches!(b, Block::Done(v) | Block::Todo(v) if v.is_empty()));
    blocks
}

pub(super) fn prompt_or(w: &Words<'_>, pb: &Playbook, key: &str, fallback: &str, text: Option<&String>) -> Block {
    match text {
        Some(t) => Block::Para(t.clone()),
        None => Block::Prompt(w.fill(
            "visit.fill_field",
            &[("field", visit_label(pb, key, fallback)), ("key", key)],
        )),
    }
}

fn team(pb: &Playbook, w: &Words<'_>, r: &VisitReport) -> Part {
    let mut blocks = Vec::new();
    if r.our_team.is_empty() {
        blocks.push(prompt_or(w, pb, "our_team", "Our team", None));
    } else {
        blocks.push(Block::Steps(
            r.our_team.iter().map(|p| (p.clone(), Vec::new())).collect(),
        ));
    }
    blocks.push(Block::Subheading(visit_label(pb, "opening", "Opening").to_string()));
    blocks.push(prompt_or(w, pb, "opening", "Opening", r.opening.as_ref()));
    (w.get("visit.team").to_string(), blocks)
}

fn questions(pb: &Playbook, w: &Words<'_>, r: &VisitReport) -> Part {
    let mut blocks = Vec::new();
    if r.questions.is_empty() {
        blocks.push(prompt_or(w, pb, "questions", "Questions", None));
    } else {
        blocks.push(Block::List(r.questions.clone()));
    }
    blocks.push(Block::Subheading(
        visit_label(pb, "commitment", "Commitment we ask for").to_string(),
    ));
    blocks.push(prompt_or(w, pb, "commitment", "Commitment", r.commitment.as_ref()));
    (w.get("visit.questions").to_string(), blocks)
}

fn after(w: &Words<'_>, r: &VisitReport) -> Part {
    let days = r.followup_days.to_string();
    let todo = match r.report_due {
        Some(due) => {
            let due = due.to_string();
            vec![
                w.fill("visit.report_due", &[("date", &due), ("days", &days)]),
                w.fill("visit.followup_call", &[("date", &due)]),
                w.get("visit.next_contact").to_string(),
            ]
        }
        None => vec![
            w.fill("visit.report_within", &[("days", &days)]),
            w.fill("visit.followup_within", &[("days", &days)]),
            w.get("visit.next_contact").to_string(),
        ],
    };
    let mut blocks = vec![Block::Todo(todo)];
    if !r.reimbursement.is_empty() {
        blocks.push(Block::Flag(r.reimbursement.clone()));
    }
    (w.get("visit.after").to_string(), blocks)
}
