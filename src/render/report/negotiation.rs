//! The layout of the negotiation brief: its eight sections, in the playbook's words, with every
//! gap of the plan flagged.

use crate::domain::playbook::Playbook;
use crate::domain::report::negotiation::{Disagreement, NegotiationReport, Readiness, Smart};
use crate::render::report::common::{document, header_fields, record_label, slot, to_fill};
use crate::render::report::words::Words;
use crate::render::report::{Block, Doc};
use crate::render::report::{guidance, process};

type Part = (String, Vec<Block>);

/// The negotiation brief as a document.
pub fn negotiation_doc(pb: &Playbook, r: &NegotiationReport) -> Doc {
    let w = Words::new(pb);
    let mut intro = header_fields(pb, &w, &r.header);
    if let Some(m) = &r.meeting {
        let mut when = m.date.to_string();
        if let Some(place) = &m.place {
            when = w.fill("report.aside", &[("main", &when), ("aside", place)]);
        }
        intro.push((w.get("negotiation.meeting").to_string(), when));
    }
    let mut sections = vec![
        readiness(&w, r),
        three_parties(pb, &w, r),
        goal(&w, r),
        disagreements(pb, &w, r),
        packages(pb, &w, r),
        team(pb, &w, r),
        agenda(&w, r),
        principles(&w),
    ];
    sections.extend(guidance::section(&w, &r.guidance));
    let title = w.fill("negotiation.title", &[("client", &r.header.client)]);
    document(&w, title, &r.omitted, vec![Block::Fields(intro)], sections)
}

fn readiness(w: &Words<'_>, r: &NegotiationReport) -> Part {
    let rows: Vec<Vec<String>> = r
        .readiness
        .iter()
        .map(|c| {
            let id = match c.which {
                Readiness::Commitment => "negotiation.ready_commitment",
                Readiness::Proposal => "negotiation.ready_proposal",
                Readiness::Objections => "negotiation.ready_objections",
                Readiness::AllOnTable => "negotiation.ready_all_on_table",
            };
            let (mark, evidence) = if c.met {
                let text = c.evidence.join(w.get("report.item_separator"));
                let text = match (c.date, text.is_empty()) {
                    (Some(d), true) => d.to_string(),
                    (Some(d), false) => w.fill("report.aside", &[("main", &text), ("aside", &d.to_string())]),
                    (None, _) => text,
                };
                (format!("✓ {}", w.get("negotiation.met")), text)
            } else {
                (format!("✗ {}", w.get("negotiation.not_met")), to_fill(w, &c.fill))
            };
            vec![w.get(id).to_string(), mark, evidence]
        })
        .collect();
    let met = r.readiness.iter().filter(|c| c.met).count();
    let total = r.readiness.len().to_string();
    let verdict = if met == r.readiness.len() {
        Block::Para(w.fill("negotiation.ready", &[("total", &total)]))
    } else {
        Block::Flag(w.fill("negotiation.not_ready", &[("met", &met.to_string()), ("total", &total)]))
    };
    let headers = vec![
        w.get("negotiation.condition").to_string(),
        w.get("negotiation.status").to_string(),
        w.get("negotiation.evidence").to_string(),
    ];
    (
        w.get("negotiation.readiness").to_string(),
        vec![Block::Table { headers, rows }, verdict],
    )
}

fn three_parties(pb: &Playbook, w: &Words<'_>, r: &NegotiationReport) -> Part {
    let cur = r.currency.as_str();
    let pairs = |slots: &[crate::domain::report::Slot]| -> Vec<(String, String)> {
        slots.iter().map(|s| (s.label.clone(), slot(w, cur, s))).collect()
    };
    let mut blocks = vec![
        Block::Subheading(w.get("negotiation.us").to_string()),
        Block::Fields(pairs(&r.us)),
    ];
    blocks.push(Block::Subheading(w.get("negotiation.client").to_string()));
    let mut client = pairs(&r.client);
    if !r.decision_makers.is_empty() {
        let people: Vec<String> = r
            .decision_makers
            .iter()
            .map(|d| {
                let mut facts = Vec::new();
                facts.extend(d.title.clone());
                facts.extend(d.stance.clone());
                facts.extend(d.closeness.map(|c| format!("{c}/5")));
                if facts.is_empty() {
                    d.name.clone()
                } else {
                    let aside = facts.join(w.get("report.list_separator"));
                    w.fill("report.aside", &[("main", &d.name), ("aside", &aside)])
                }
            })
            .collect();
        client.push((
            w.get("negotiation.decision_makers").to_string(),
            people.join(w.get("report.item_separator")),
        ));
    }
    blocks.push(Block::Fields(client));
    blocks.extend(process::blocks(pb, w, &r.process, cur));
    blocks.push(Block::Subheading(w.get("negotiation.competitors").to_string()));
    if r.competitors.is_empty() {
        blocks.push(Block::Prompt(w.get("negotiation.no_competitors").to_string()));
    }
    let company = record_label(pb, "competitors", "name", "Company");
    for c in &r.competitors {
        // The competitor's name heads a two-column table of what we know of them.
        blocks.push(Block::Table {
            headers: vec![company.to_string(), c.name.clone()],
            rows: pairs(&c.slots).into_iter().map(|(l, v)| vec![l, v]).collect(),
        });
    }
    (w.get("negotiation.three_parties").to_string(), blocks)
}

fn goal(w: &Words<'_>, r: &NegotiationReport) -> Part {
    let cur = r.currency.as_str();
    let part_id = |p: Smart| match p {
        Smart::Specific => "negotiation.smart_specific",
        Smart::Measurable => "negotiation.smart_measurable",
        Smart::Achievable => "negotiation.smart_achievable",
        Smart::Relevant => "negotiation.smart_relevant",
        Smart::TimeBound => "negotiation.smart_time_bound",
    };
    let rows = r
        .goal
        .iter()
        .map(|(p, s)| vec![format!("{}\n{}", w.get(part_id(*p)), s.label), slot(w, cur, s)])
        .collect();
    let missing: Vec<&str> = r
        .goal
        .iter()
        .filter(|(_, s)| s.value.is_none())
        .map(|(p, _)| w.get(part_id(*p)))
        .collect();
    let mut blocks = vec![Block::Table {
        headers: vec![
            w.get("negotiation.smart_part").to_string(),
            w.get("negotiation.goal_value").to_string(),
        ],
        rows,
    }];
    if !missing.is_empty() {
        blocks.push(Block::Flag(w.fill(
            "negotiation.smart_missing",
            &[("parts", &missing.join(w.get("report.list_separator")))],
        )));
    }
    (w.get("negotiation.goal").to_string(), blocks)
}

fn label<'p>(pb: &'p Playbook, record: &str, id: &str, fallback: &'p str) -> String {
    record_label(pb, record, id, fallback).to_string()
}

fn disagreement(pb: &Playbook, w: &Words<'_>, n: usize, d: &Disagreement) -> Vec<Block> {
    let mut blocks = vec![Block::Subheading(format!("{n}. {}", d.topic))];
    let pairs: Vec<(String, String)> = [
        ("details", "Details", &d.details),
        ("client_need", "The client's underlying need", &d.client_need),
        ("our_need", "Our need", &d.our_need),
    ]
    .into_iter()
    .filter_map(|(id, fallback, v)| Some((label(pb, "disagreement", id, fallback), v.clone()?)))
    .collect();
    if !pairs.is_empty() {
        blocks.push(Block::Fields(pairs));
    }
    if !d.options.is_empty() {
        let headers = vec![
            label(pb, "option", "option", "Option"),
            label(pb, "option", "client_value", "Value to the client"),
            label(pb, "option", "our_cost", "Cost to us"),
        ];
        let rows = d
            .options
            .iter()
            .map(|o| {
                vec![
                    o.option.clone(),
                    o.client_value.clone().unwrap_or_default(),
                    o.our_cost.clone().unwrap_or_default(),
                ]
            })
            .collect();
        blocks.push(Block::Table { headers, rows });
    }
    if d.options.len() < 2 {
        blocks.push(Block::Flag(
            w.fill("negotiation.few_options", &[("n", &d.options.len().to_string())]),
        ));
    }
    blocks
}

fn disagreements(pb: &Playbook, w: &Words<'_>, r: &NegotiationReport) -> Part {
    let mut blocks = Vec::new();
    if r.disagreements.is_empty() {
        blocks.push(Block::Flag(w.get("negotiation.no_disagreements").to_string()));
    }
    for (i, d) in r.disagreements.iter().enumerate() {
        blocks.extend(disagreement(pb, w, i + 1, d));
    }
    (w.get("negotiation.disagreements").to_string(), blocks)
}

fn packages(pb: &Playbook, w: &Words<'_>, r: &NegotiationReport) -> Part {
    let fill = to_fill(w, "[negotiation.packages]");
    let rows = r
        .packages
        .iter()
        .map(|k| match &k.value {
            Some(p) => vec![
                k.label.clone(),
                p.offer.clone().unwrap_or_else(|| fill.clone()),
                p.client_value.clone().unwrap_or_default(),
                p.our_value.clone().unwrap_or_default(),
            ],
            None => vec![k.label.clone(), fill.clone(), String::new(), String::new()],
        })
        .collect();
    let headers = vec![
        w.get("negotiation.package").to_string(),
        label(pb, "package", "offer", "Offer"),
        label(pb, "package", "client_value", "Value to the client"),
        label(pb, "package", "our_value", "Value to us"),
    ];
    let mut blocks = vec![Block::Table { headers, rows }];
    let missing: Vec<&str> = r
        .packages
        .iter()
        .filter(|k| k.value.as_ref().is_none_or(|p| p.offer.is_none()))
        .map(|k| k.label.as_str())
        .collect();
    if !missing.is_empty() {
        blocks.push(Block::Flag(w.fill(
            "negotiation.packages_missing",
            &[("packages", &missing.join(w.get("report.list_separator")))],
        )));
    }
    (w.get("negotiation.packages").to_string(), blocks)
}

fn team(pb: &Playbook, w: &Words<'_>, r: &NegotiationReport) -> Part {
    let fill = to_fill(w, "[negotiation.team]");
    let rows = r
        .team
        .iter()
        .map(|k| vec![k.label.clone(), k.value.clone().unwrap_or_else(|| fill.clone())])
        .collect();
    let headers = vec![
        w.get("negotiation.role").to_string(),
        label(pb, "negotiator", "who", "Who"),
    ];
    let mut blocks = vec![
        Block::Para(w.get("negotiation.team_criteria").to_string()),
        Block::Table { headers, rows },
    ];
    let missing: Vec<&str> = r
        .team
        .iter()
        .filter(|k| k.value.is_none())
        .map(|k| k.label.as_str())
        .collect();
    if !missing.is_empty() {
        blocks.push(Block::Flag(w.fill(
            "negotiation.team_missing",
            &[("roles", &missing.join(w.get("report.list_separator")))],
        )));
    }
    (w.get("negotiation.team").to_string(), blocks)
}

fn agenda(w: &Words<'_>, r: &NegotiationReport) -> Part {
    let sep = w.get("report.list_separator");
    let topics: Vec<&str> = r.disagreements.iter().map(|d| d.topic.as_str()).collect();
    let mut opening = Vec::new();
    if r.agreed.is_empty() {
        opening.push(w.get("negotiation.agenda_summarise").to_string());
    } else {
        opening.push(w.fill("negotiation.agenda_agreed", &[("points", &r.agreed.join(sep))]));
    }
    if !topics.is_empty() {
        opening.push(w.fill("negotiation.agenda_confirm", &[("points", &topics.join(sep))]));
    }
    opening.push(w.get("negotiation.agenda_propose").to_string());
    let mut steps = vec![(w.get("negotiation.agenda_opening").to_string(), opening)];
    for d in &r.disagreements {
        let mut details = Vec::new();
        if let Some(x) = &d.details {
            details.push(w.fill("negotiation.agenda_details", &[("text", x)]));
        }
        if let Some(x) = &d.client_need {
            details.push(w.fill("negotiation.agenda_client_need", &[("text", x)]));
        }
        if let Some(x) = &d.our_need {
            details.push(w.fill("negotiation.agenda_our_need", &[("text", x)]));
        }
        if !d.options.is_empty() {
            let options: Vec<&str> = d.options.iter().map(|o| o.option.as_str()).collect();
            details.push(w.fill(
                "negotiation.agenda_options",
                &[("text", &options.join(w.get("report.item_separator")))],
            ));
        }
        details.push(w.get("negotiation.agenda_deadlock").to_string());
        details.push(w.get("negotiation.agenda_close_point").to_string());
        steps.push((w.fill("negotiation.agenda_point", &[("topic", &d.topic)]), details));
    }
    steps.push((
        w.get("negotiation.agenda_closing").to_string(),
        vec![
            w.get("negotiation.agenda_solution").to_string(),
            w.get("negotiation.agenda_benefits").to_string(),
            w.get("negotiation.agenda_next").to_string(),
        ],
    ));
    let mut blocks = vec![Block::Steps(steps)];
    if topics.is_empty() {
        blocks.push(Block::Prompt(w.get("negotiation.agenda_no_points").to_string()));
    }
    (w.get("negotiation.agenda").to_string(), blocks)
}

fn principles(w: &Words<'_>) -> Part {
    let lines = |ids: &[&str]| ids.iter().map(|id| w.get(id).to_string()).collect();
    (
        w.get("negotiation.reminders").to_string(),
        vec![
            Block::Boxed {
                title: w.get("negotiation.principles").to_string(),
                lines: lines(&[
                    "negotiation.principle_people",
                    "negotiation.principle_interests",
                    "negotiation.principle_options",
                    "negotiation.principle_criteria",
                ]),
            },
            Block::Boxed {
                title: w.get("negotiation.settle").to_string(),
                lines: lines(&[
                    "negotiation.settle_trade",
                    "negotiation.settle_value",
                    "negotiation.settle_split",
                    "negotiation.settle_concede",
                ]),
            },
        ],
    )
}
