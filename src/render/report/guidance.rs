//! The guidance section of a report: the open situations with the playbook's answer to each, then
//! one framed box per topic that applies (summary, points, cases), in the playbook's words.

use crate::domain::report::guidance::{Guidance, SituationView, TopicView};
use crate::render::report::Block;
use crate::render::report::common::to_fill;
use crate::render::report::words::Words;

/// The section's title and blocks, or `None` when nothing applies.
pub fn section(w: &Words<'_>, g: &Guidance) -> Option<(String, Vec<Block>)> {
    if g.is_empty() {
        return None;
    }
    let mut blocks = Vec::new();
    if !g.situations.is_empty() {
        blocks.push(Block::Subheading(w.get("guide.situations").to_string()));
        blocks.push(Block::Steps(g.situations.iter().map(|s| situation(w, s)).collect()));
    }
    blocks.extend(g.topics.iter().map(|t| topic_box(w, t)));
    Some((w.get("guide.section").to_string(), blocks))
}

fn situation(w: &Words<'_>, s: &SituationView) -> (String, Vec<String>) {
    let sep = w.get("report.list_separator");
    let mut who: Vec<String> = Vec::new();
    who.extend(s.by.clone());
    who.extend(s.date.map(|d| d.to_string()));
    let title = if who.is_empty() {
        s.text.clone()
    } else {
        w.fill("report.aside", &[("main", &s.text), ("aside", &who.join(sep))])
    };
    let mut details = Vec::new();
    match (&s.kind, &s.case) {
        (Some(kind), Some((case, _))) => details.push(w.fill("guide.kind_case", &[("kind", kind), ("case", case)])),
        (Some(kind), None) => details.push(kind.clone()),
        _ => {}
    }
    if let Some((_, advice)) = &s.case
        && !advice.is_empty()
    {
        details.push(w.fill("guide.advice", &[("answer", advice)]));
    }
    let (key, path) = if s.move_ {
        ("guide.our_response", "[[competitors.moves]] response")
    } else {
        ("guide.our_answer", "[[visits.objections]] answer")
    };
    let answer = s.answer.clone().unwrap_or_else(|| to_fill(w, path));
    details.push(w.fill(key, &[("answer", &answer)]));
    (title, details)
}

/// A topic as a framed box: its summary, its points, its cases with their answers.
pub fn topic_box(w: &Words<'_>, t: &TopicView) -> Block {
    let mut lines = Vec::new();
    if !t.summary.is_empty() {
        lines.push(t.summary.clone());
    }
    for c in &t.cases {
        let id = if c.recorded { "guide.case_here" } else { "guide.case" };
        let text = if c.answer.is_empty() {
            if c.recorded {
                w.fill("guide.case_only_here", &[("case", &c.label)])
            } else {
                c.label.clone()
            }
        } else {
            w.fill(id, &[("case", &c.label), ("answer", &c.answer)])
        };
        lines.push(text);
    }
    lines.extend(t.points.iter().cloned());
    Block::Boxed {
        title: t.label.clone(),
        lines,
    }
}
