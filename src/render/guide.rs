//! `kam guide`: the playbook's guidance topics as a document — the list of every topic with where
//! it is shown, or one topic in full (summary, points, cases with their answers) — printed as text
//! or Markdown by the report renderers.

use crate::domain::guide::{Place, places};
use crate::domain::playbook::Playbook;
use crate::domain::playbook::method::Topic;
use crate::render::report::words::Words;
use crate::render::report::{Block, Doc};

/// Where a topic is shown, in words.
fn shown(pb: &Playbook, w: &Words<'_>, topic: &Topic) -> String {
    let all = places(pb, topic);
    if all.is_empty() {
        return w.get("guide.only_here").to_string();
    }
    all.iter()
        .map(|p| place(pb, w, p))
        .collect::<Vec<_>>()
        .join(w.get("guide.or"))
}

fn place(pb: &Playbook, w: &Words<'_>, p: &Place) -> String {
    let sep = w.get("report.list_separator");
    if !p.items.is_empty() {
        // Exit items by their labels, as `kam gate` shows them.
        let items: Vec<String> = p
            .items
            .iter()
            .map(|id| {
                let label = pb
                    .stages()
                    .iter()
                    .flat_map(|s| &s.exit)
                    .find(|i| &i.id == id)
                    .map_or(id.as_str(), |i| i.label.as_str());
                w.fill("guide.item", &[("label", label)])
            })
            .collect();
        return w.fill("guide.for_items", &[("items", &items.join(sep))]);
    }
    let mut parts = Vec::new();
    if p.reports.is_empty() {
        parts.push(w.get("guide.any_report").to_string());
    } else {
        let reports: Vec<&str> = p.reports.iter().map(|r| w.get(&format!("guide.report_{r}"))).collect();
        parts.push(reports.join(sep));
    }
    for (id, key, values) in [
        ("guide.at_stages", "stages", &p.stages),
        ("guide.for_forms", "forms", &p.forms),
        ("guide.for_situations", "situations", &p.situations),
        ("guide.for_steps", "steps", &p.steps),
        ("guide.for_approaches", "approaches", &p.approaches),
    ] {
        if !values.is_empty() {
            parts.push(w.fill(id, &[(key, &values.join(sep))]));
        }
    }
    parts.join(w.get("guide.place_join"))
}

/// Every topic: its id, label and where it is shown.
pub fn list_doc(pb: &Playbook) -> Doc {
    let w = Words::new(pb);
    let rows = pb
        .doc
        .guidance
        .iter()
        .map(|t| vec![format!("{}\n{}", t.id, t.label), shown(pb, &w, t)])
        .collect();
    Doc {
        title: w.get("guide.list_title").to_string(),
        colon: w.get("report.colon").to_string(),
        notes: Vec::new(),
        intro: vec![
            Block::Table {
                headers: vec![w.get("guide.topic").to_string(), w.get("guide.shown").to_string()],
                rows,
            },
            Block::Para(w.get("guide.more").to_string()),
        ],
        sections: Vec::new(),
    }
}

/// One topic in full.
pub fn topic_doc(pb: &Playbook, topic: &Topic) -> Doc {
    let w = Words::new(pb);
    let mut blocks = Vec::new();
    if !topic.summary.trim().is_empty() {
        blocks.push(Block::Para(topic.summary.trim().to_string()));
    }
    if !topic.cases.is_empty() {
        let cases = topic
            .cases
            .iter()
            .map(|c| {
                let case = w.fill("report.aside", &[("main", &c.label), ("aside", &c.id)]);
                let answer = c.answer.trim();
                if answer.is_empty() {
                    case
                } else {
                    w.fill("guide.case", &[("case", &case), ("answer", answer)])
                }
            })
            .collect();
        blocks.push(Block::List(cases));
    }
    if !topic.points.is_empty() {
        blocks.push(Block::List(topic.points.iter().map(|p| p.trim().to_string()).collect()));
    }
    blocks.push(Block::Para(
        w.fill("guide.shown_in", &[("places", &shown(pb, &w, topic))]),
    ));
    Doc {
        title: w.fill("report.aside", &[("main", &topic.label), ("aside", &topic.id)]),
        colon: w.get("report.colon").to_string(),
        notes: Vec::new(),
        intro: blocks,
        sections: Vec::new(),
    }
}
