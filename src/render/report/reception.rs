//! The layout of the reception plan: the client and the reception, the plan's seven elements, its
//! execution, the summary and issue closure (or, before the reception, what is due after it), and
//! the guidance — in the playbook's words, every empty part prompted.

use chrono::NaiveDate;

use crate::domain::check::GiftValue;
use crate::domain::playbook::Playbook;
use crate::domain::report::reception::{Reception, ReceptionReport};
use crate::render::report::common::{amount, document, fields, header_fields, record_label};
use crate::render::report::reception_closure::closure;
use crate::render::report::words::Words;
use crate::render::report::{Block, Doc, guidance};

pub(super) type Part = (String, Vec<Block>);

/// The reception plan as a document.
pub fn reception_doc(pb: &Playbook, r: &ReceptionReport) -> Doc {
    let w = Words::new(pb);
    let title = w.fill("reception.title", &[("client", &r.header.client)]);
    let mut sections = vec![overview(pb, &w, r)];
    if let Some(rec) = &r.reception {
        sections.push(plan(pb, &w, r, rec));
        sections.push(execution(&w, rec));
        sections.push(closure(pb, &w, r, rec));
    }
    sections.extend(guidance::section(&w, &r.guidance));
    document(&w, title, &r.omitted, Vec::new(), sections)
}

pub(super) fn label<'p>(pb: &'p Playbook, id: &str, fallback: &'p str) -> &'p str {
    record_label(pb, "receptions", id, fallback)
}

pub(super) fn fill(w: &Words<'_>, pb: &Playbook, id: &str, fallback: &str) -> Block {
    Block::Prompt(w.fill("reception.fill", &[("field", label(pb, id, fallback)), ("key", id)]))
}

fn when(w: &Words<'_>, date: NaiveDate, today: NaiveDate) -> String {
    let days = (date - today).num_days();
    let rel = match days {
        0 => w.get("visit.today").to_string(),
        d if d > 0 => w.fill("visit.in_days", &[("days", &d.to_string())]),
        d => w.fill("visit.days_ago", &[("days", &(-d).to_string())]),
    };
    w.fill("report.aside", &[("main", &date.to_string()), ("aside", &rel)])
}

/// An amount as written, with its value in the policy's currency when written in another.
fn money(a: &GiftValue, currency: &str) -> String {
    let written = format!("{} {}", amount(a.amount), a.foreign.as_deref().unwrap_or(currency));
    match (&a.foreign, a.value) {
        (Some(_), Some(v)) => format!("{written} (≈ {} {currency})", amount(v)),
        _ => written,
    }
}

fn overview(pb: &Playbook, w: &Words<'_>, r: &ReceptionReport) -> Part {
    let mut pairs = header_fields(pb, w, &r.header);
    let mut blocks = Vec::new();
    let Some(rec) = &r.reception else {
        blocks.push(Block::Fields(pairs));
        blocks.push(Block::Prompt(match r.asked {
            Some(d) => w.fill("reception.none_on", &[("date", &d.to_string())]),
            None => w.get("reception.none").to_string(),
        }));
        return (w.get("reception.overview").to_string(), blocks);
    };
    let mut dates = when(w, rec.date, r.today);
    if let Some(until) = rec.until.filter(|u| *u != rec.date) {
        dates = format!("{dates} – {until}");
    }
    pairs.push((label(pb, "date", "Arrival").to_string(), dates));
    pairs.extend(fields(w, &r.currency, &rec.overview));
    blocks.push(Block::Fields(pairs));
    for (id, fallback) in [
        ("place", "Where"),
        ("purpose", "Purpose"),
        ("delegation", "Their delegation"),
        ("host", "Our host"),
    ] {
        let shown = label(pb, id, fallback);
        if !rec.overview.iter().any(|i| i.label == shown) {
            blocks.push(fill(w, pb, id, fallback));
        }
    }
    let goals = rec.elements.iter().find(|e| e.id == "goals");
    blocks.push(Block::Subheading(label(pb, "goals", "Goals").to_string()));
    match goals.filter(|g| !g.values.is_empty()) {
        Some(g) => blocks.push(Block::List(g.values.clone())),
        None => blocks.push(fill(w, pb, "goals", "Goals")),
    }
    (w.get("reception.overview").to_string(), blocks)
}

fn element_fields(w: &Words<'_>, pb: &Playbook, rec: &Reception, ids: &[&str], blocks: &mut Vec<Block>) {
    let sep = w.get("report.item_separator");
    let mut pairs = Vec::new();
    let mut prompts = Vec::new();
    for id in ids {
        let Some(e) = rec.elements.iter().find(|e| e.id == *id) else {
            continue;
        };
        if e.values.is_empty() {
            prompts.push(fill(w, pb, id, id));
        } else {
            pairs.push((e.label.clone(), e.values.join(sep)));
        }
    }
    if !pairs.is_empty() {
        blocks.push(Block::Fields(pairs));
    }
    blocks.extend(prompts);
}

fn plan(pb: &Playbook, w: &Words<'_>, r: &ReceptionReport, rec: &Reception) -> Part {
    let sep = w.get("report.list_separator");
    let cur = r.currency.as_str();
    let mut blocks = vec![Block::Subheading(w.get("reception.client").to_string())];
    element_fields(w, pb, rec, &["see", "hear", "tell", "meet"], &mut blocks);
    blocks.push(Block::Subheading(w.get("reception.technology").to_string()));
    element_fields(w, pb, rec, &["topics", "experts", "materials"], &mut blocks);
    match rec.materials_reviewed {
        Some(d) => blocks.push(Block::Para(
            w.fill("reception.reviewed_on", &[("date", &d.to_string())]),
        )),
        None => blocks.push(Block::Flag(w.get("reception.not_reviewed").to_string())),
    }
    blocks.push(Block::Subheading(w.get("reception.experience").to_string()));
    if rec.experience.is_empty() {
        blocks.push(fill(w, pb, "experience", "Experience"));
    } else {
        blocks.push(Block::Para(rec.experience.join(sep)));
    }
    blocks.push(Block::Subheading(w.get("reception.leaders").to_string()));
    match rec
        .elements
        .iter()
        .find(|e| e.id == "leaders")
        .filter(|e| !e.values.is_empty())
    {
        Some(e) => blocks.push(Block::List(e.values.clone())),
        None => blocks.push(fill(w, pb, "leaders", "Our leaders")),
    }
    blocks.push(Block::Subheading(w.get("reception.gifts").to_string()));
    if rec.gifts.is_empty() {
        blocks.push(fill(w, pb, "gifts", "Gifts"));
    } else {
        let g = |id: &str, fallback: &'static str| record_label(pb, "reception_gift", id, fallback).to_string();
        let headers = vec![
            g("gift", "Gift"),
            g("to", "For"),
            g("value", "Value per person"),
            g("moment", "When it is given"),
            g("giver", "Given by"),
        ];
        let rows = rec
            .gifts
            .iter()
            .map(|x| {
                vec![
                    x.gift.clone(),
                    x.to.join(sep),
                    x.value.as_ref().map(|v| money(v, cur)).unwrap_or_default(),
                    x.moment.clone().unwrap_or_default(),
                    x.giver.clone().unwrap_or_default(),
                ]
            })
            .collect();
        blocks.push(Block::Table { headers, rows });
        let unplaced: Vec<&str> = rec
            .gifts
            .iter()
            .filter(|x| x.moment.is_none() || x.giver.is_none())
            .map(|x| x.gift.as_str())
            .collect();
        if !unplaced.is_empty() {
            blocks.push(Block::Flag(
                w.fill("reception.gift_unplaced", &[("gifts", &unplaced.join(sep))]),
            ));
        }
        if let Some(limit) = r.gift_limit {
            let lt = format!("{} {cur}", amount(limit));
            for x in &rec.gifts {
                if let Some(v) = x.value.as_ref().filter(|v| v.value.is_some_and(|n| n > limit)) {
                    blocks.push(Block::Flag(w.fill(
                        "reception.gift_over",
                        &[("gift", &x.gift), ("value", &money(v, cur)), ("limit", &lt)],
                    )));
                }
            }
        }
    }
    blocks.push(Block::Subheading(w.get("reception.itinerary").to_string()));
    if rec.itinerary.is_empty() {
        blocks.push(fill(w, pb, "itinerary", "Itinerary"));
    } else {
        let i = |id: &str, fallback: &'static str| record_label(pb, "itinerary_item", id, fallback).to_string();
        let headers = vec![
            i("day", "Day"),
            i("time", "Time"),
            i("item", "What"),
            i("place", "Where"),
            i("owner", "Who arranges it"),
        ];
        let rows = rec
            .itinerary
            .iter()
            .map(|s| {
                let item = match &s.kind {
                    Some(k) => w.fill("report.aside", &[("main", &s.item), ("aside", k)]),
                    None => s.item.clone(),
                };
                vec![
                    s.day.map(|d| d.to_string()).unwrap_or_default(),
                    s.time.clone().unwrap_or_default(),
                    item,
                    s.place.clone().unwrap_or_default(),
                    s.owner.clone().unwrap_or_default(),
                ]
            })
            .collect();
        blocks.push(Block::Table { headers, rows });
    }
    blocks.extend(review(w, r.header.tier.as_ref(), rec, cur));
    (w.get("reception.plan").to_string(), blocks)
}

fn review(w: &Words<'_>, tier: Option<&String>, rec: &Reception, cur: &str) -> Vec<Block> {
    let mut blocks = vec![Block::Subheading(w.get("reception.review").to_string())];
    let level = rec
        .review
        .level
        .clone()
        .unwrap_or_else(|| w.get("reception.no_level").to_string());
    let mut pairs = vec![(w.get("reception.level").to_string(), level)];
    if let Some(t) = tier {
        pairs.push((w.get("report.tier").to_string(), t.clone()));
    }
    if let Some(budget) = &rec.review.budget {
        pairs.push((w.get("reception.budget").to_string(), money(budget, cur)));
    }
    if let Some(spent) = &rec.review.expenses {
        pairs.push((w.get("reception.expenses").to_string(), money(spent, cur)));
    }
    blocks.push(Block::Fields(pairs));
    if !rec.review.steps.is_empty() {
        let rows = rec
            .review
            .steps
            .iter()
            .map(|s| {
                let state = match (s.refused, s.date, &s.by) {
                    (true, _, _) => w.get("reception.refused").to_string(),
                    (false, Some(d), Some(by)) => w.fill("report.aside", &[("main", by), ("aside", &d.to_string())]),
                    (false, Some(d), None) => d.to_string(),
                    (false, None, Some(by)) => by.clone(),
                    (false, None, None) => w.get("reception.pending").to_string(),
                };
                vec![s.label.clone(), state]
            })
            .collect();
        blocks.push(Block::Table {
            headers: vec![
                w.get("reception.step").to_string(),
                w.get("reception.signed").to_string(),
            ],
            rows,
        });
        let missing: Vec<&str> = rec
            .review
            .steps
            .iter()
            .filter(|s| s.before && (s.refused || s.date.is_none()))
            .map(|s| s.label.as_str())
            .collect();
        if !missing.is_empty() && !rec.past {
            blocks.push(Block::Flag(w.fill(
                "reception.awaiting",
                &[("steps", &missing.join(w.get("report.list_separator")))],
            )));
        }
    }
    blocks
}

fn execution(w: &Words<'_>, rec: &Reception) -> Part {
    let sep = w.get("report.list_separator");
    let mut done = Vec::new();
    let mut todo = Vec::new();
    for c in &rec.checks {
        if c.done {
            let mut aside: Vec<String> = Vec::new();
            aside.extend(c.date.map(|d| d.to_string()));
            aside.extend(c.by.clone());
            let mut text = if aside.is_empty() {
                c.label.clone()
            } else {
                w.fill("report.aside", &[("main", &c.label), ("aside", &aside.join(sep))])
            };
            if let Some(n) = &c.note {
                text = format!("{text} — {n}");
            }
            done.push(text);
        } else if c.help.is_empty() {
            todo.push(c.label.clone());
        } else {
            todo.push(w.fill("report.fact", &[("label", &c.label), ("value", &c.help)]));
        }
    }
    let mut blocks = Vec::new();
    if !done.is_empty() {
        blocks.push(Block::Done(done));
    }
    if !todo.is_empty() {
        blocks.push(Block::Todo(todo));
    }
    (w.get("reception.execution").to_string(), blocks)
}
