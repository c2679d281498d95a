//! The visit plan's materials and resources: the playbook's checklist and the visit's own
//! materials, the resource table (who brings what, how many, by when), the quote sent with the
//! strengths it shows, and the gifts with their value against the policy limit.

use crate::domain::playbook::Playbook;
use crate::domain::report::visit::VisitReport;
use crate::render::report::Block;
use crate::render::report::common::{amount, record_label};
use crate::render::report::visit::{Part, prompt_or, visit_label};
use crate::render::report::words::Words;

/// The resource table: item (and how many), people, ready by, department, remarks; a resource
/// ready only after the visit is flagged.
fn resources(pb: &Playbook, w: &Words<'_>, r: &VisitReport) -> Vec<Block> {
    let l = |id: &str, fallback: &'static str| record_label(pb, "visit_resource", id, fallback).to_string();
    let headers = vec![
        l("item", "Item"),
        l("people", "People"),
        l("due", "Ready by"),
        l("department", "Responsible department"),
        l("note", "Remarks"),
    ];
    let mut flags = Vec::new();
    let rows = r
        .resources
        .iter()
        .map(|res| {
            let item = match res.quantity {
                Some(n) => w.fill("report.aside", &[("main", &res.item), ("aside", &n.to_string())]),
                None => res.item.clone(),
            };
            if let (Some(due), Some(date)) = (res.due, r.date)
                && due > date
            {
                flags.push(Block::Flag(w.fill(
                    "visit.resource_late",
                    &[("item", &res.item), ("due", &due.to_string())],
                )));
            }
            vec![
                item,
                res.people.clone().unwrap_or_default(),
                res.due.map(|d| d.to_string()).unwrap_or_default(),
                res.department.clone().unwrap_or_default(),
                res.note.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let mut out = vec![Block::Table { headers, rows }];
    out.extend(flags);
    out
}

/// The materials section: checklist, resource table, quote, gifts and their value.
pub(super) fn materials(pb: &Playbook, w: &Words<'_>, r: &VisitReport) -> Part {
    let mut blocks = Vec::new();
    if r.materials.is_empty() && r.resources.is_empty() {
        blocks.push(prompt_or(w, pb, "materials", "Materials", None));
    } else if !r.materials.is_empty() {
        blocks.push(Block::Todo(r.materials.clone()));
    }
    if !r.resources.is_empty() {
        blocks.extend(resources(pb, w, r));
    }
    let mut pairs = Vec::new();
    if let Some((date, summary)) = &r.quote {
        let text = match (summary, date) {
            (Some(s), Some(d)) => w.fill("visit.quote_sent", &[("quote", s), ("date", &d.to_string())]),
            (Some(s), None) => s.clone(),
            (None, Some(d)) => w.fill("visit.quote_sent", &[("quote", ""), ("date", &d.to_string())]),
            (None, None) => String::new(),
        };
        let mut text = text.trim().to_string();
        if let Some((shows, _)) = &r.quote_strengths
            && !shows.is_empty()
        {
            let sep = w.get("report.list_separator");
            let shows = w.fill("visit.quote_shows", &[("strengths", &shows.join(sep))]);
            text = w.fill("report.aside", &[("main", &text), ("aside", &shows)]);
        }
        pairs.push((w.get("visit.quote").to_string(), text));
    }
    if let Some(g) = &r.gifts {
        pairs.push((visit_label(pb, "gifts", "Gifts").to_string(), g.clone()));
    }
    let limit = r.gift_limit.map(|l| format!("{} {}", amount(l), r.currency));
    let mut flag = None;
    if let Some(gv) = &r.gift_value {
        let written = format!("{} {}", amount(gv.amount), gv.foreign.as_deref().unwrap_or(&r.currency));
        let shown = match (&gv.foreign, gv.value) {
            (Some(_), Some(v)) => format!("{written} (≈ {} {})", amount(v), r.currency),
            _ => written,
        };
        let verdict = match (r.gift_limit, gv.value, &limit) {
            (Some(l), Some(v), Some(lt)) if v > l => {
                flag = Some(w.fill("visit.gift_over", &[("value", &shown), ("limit", lt)]));
                String::new()
            }
            (Some(_), Some(_), Some(lt)) => w.fill("visit.gift_within", &[("limit", lt)]),
            (Some(_), None, _) => w.get("visit.gift_no_rate").to_string(),
            _ => String::new(),
        };
        let text = if verdict.is_empty() {
            shown
        } else {
            format!("{shown} — {verdict}")
        };
        pairs.push((visit_label(pb, "gift_value", "Gift value").to_string(), text));
    } else if let Some(lt) = &limit {
        pairs.push((w.get("visit.gift_limit").to_string(), lt.clone()));
    }
    if !pairs.is_empty() {
        blocks.push(Block::Fields(pairs));
    }
    if let Some(f) = flag {
        blocks.push(Block::Flag(f));
    }
    if let Some((_, lacks)) = &r.quote_strengths
        && !lacks.is_empty()
    {
        let sep = w.get("report.list_separator");
        blocks.push(Block::Flag(
            w.fill("visit.quote_lacks", &[("strengths", &lacks.join(sep))]),
        ));
    }
    (w.get("visit.materials").to_string(), blocks)
}
