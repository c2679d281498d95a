//! The reception plan's last part: after the reception, the summary and the issues tracked to
//! closure, the sales leads, the return visit, thanks and the report; before it, the close-out as
//! a to-do list.

use chrono::NaiveDate;

use crate::domain::playbook::Playbook;
use crate::domain::report::reception::{Reception, ReceptionReport};
use crate::render::report::Block;
use crate::render::report::common::record_label;
use crate::render::report::reception::{Part, fill, label};
use crate::render::report::words::Words;

pub(super) fn closure(pb: &Playbook, w: &Words<'_>, r: &ReceptionReport, rec: &Reception) -> Part {
    let sep = w.get("report.list_separator");
    if !rec.past {
        let todo = [
            "reception.todo_effect",
            "reception.todo_minutes",
            "reception.todo_issues",
            "reception.todo_leads",
            "reception.todo_return",
            "reception.todo_thanks",
            "reception.todo_report",
        ]
        .iter()
        .map(|id| w.get(id).to_string())
        .collect();
        let mut blocks = vec![Block::Todo(todo)];
        if !r.reimbursement.is_empty() {
            blocks.push(Block::Flag(w.get("reception.no_report_rule").to_string()));
        }
        return (w.get("reception.closeout").to_string(), blocks);
    }
    let mut blocks = Vec::new();
    let mut pairs = Vec::new();
    let mut prompts = Vec::new();
    let date_or = |d: Option<NaiveDate>,
                   id: &str,
                   fallback: &str,
                   pairs: &mut Vec<(String, String)>,
                   prompts: &mut Vec<Block>| match d {
        Some(d) => pairs.push((label(pb, id, fallback).to_string(), d.to_string())),
        None => prompts.push(fill(w, pb, id, fallback)),
    };
    match &rec.summary {
        Some(s) => pairs.push((label(pb, "summary", "Effect against the goals").to_string(), s.clone())),
        None => prompts.push(fill(w, pb, "summary", "Effect against the goals")),
    }
    date_or(
        rec.minutes_sent,
        "minutes_sent",
        "Minutes of the executive meeting sent",
        &mut pairs,
        &mut prompts,
    );
    date_or(
        rec.return_visit,
        "return_visit",
        "Return visit planned for",
        &mut pairs,
        &mut prompts,
    );
    let thanks: Vec<String> = rec
        .thanks
        .iter()
        .map(|(who, sent)| {
            let state = w.get(if *sent { "reception.sent" } else { "reception.not_sent" });
            w.fill("report.fact", &[("label", who), ("value", state)])
        })
        .collect();
    if !thanks.is_empty() {
        pairs.push((
            label(pb, "thanked", "Thanks sent").to_string(),
            thanks.join(w.get("report.item_separator")),
        ));
    }
    if let Some(report) = &rec.report {
        pairs.push((label(pb, "report", "Reception report").to_string(), report.clone()));
    }
    if !pairs.is_empty() {
        blocks.push(Block::Fields(pairs));
    }
    blocks.extend(prompts);
    if rec.report.is_none() {
        blocks.push(Block::Flag(w.get("reception.no_report_rule").to_string()));
    }
    blocks.push(Block::Subheading(label(pb, "issues", "Issues they raised").to_string()));
    if rec.issues.is_empty() {
        blocks.push(fill(w, pb, "issues", "Issues they raised"));
    } else {
        let i = |id: &str, fallback: &'static str| record_label(pb, "reception_issue", id, fallback).to_string();
        let rows = rec
            .issues
            .iter()
            .map(|x| {
                let state = match x.closed {
                    Some(d) => w.fill("reception.issue_closed", &[("date", &d.to_string())]),
                    None if x.overdue => format!("{} — {}", w.get("reception.issue_open"), w.get("report.overdue")),
                    None => w.get("reception.issue_open").to_string(),
                };
                vec![
                    x.issue.clone(),
                    x.by.clone().unwrap_or_default(),
                    x.owner.clone().unwrap_or_default(),
                    x.due.map(|d| d.to_string()).unwrap_or_default(),
                    state,
                ]
            })
            .collect();
        blocks.push(Block::Table {
            headers: vec![
                i("issue", "Issue"),
                i("by", "Raised by"),
                i("owner", "Owner"),
                i("due", "Due"),
                w.get("reception.state").to_string(),
            ],
            rows,
        });
        let open = rec.issues.iter().filter(|x| x.closed.is_none()).count();
        if open > 0 {
            blocks.push(Block::Flag(
                w.fill("reception.issues_open", &[("n", &open.to_string())]),
            ));
        }
    }
    blocks.push(Block::Subheading(label(pb, "leads", "Sales leads").to_string()));
    if rec.leads.is_empty() {
        blocks.push(fill(w, pb, "leads", "Sales leads"));
    } else {
        let items = rec
            .leads
            .iter()
            .map(|l| {
                let mut aside: Vec<String> = Vec::new();
                aside.extend(l.owner.clone());
                match (l.done, l.due) {
                    (Some(d), _) => aside.push(w.fill("reception.lead_done", &[("date", &d.to_string())])),
                    (None, Some(d)) => aside.push(w.fill("report.due", &[("date", &d.to_string())])),
                    (None, None) => {}
                }
                if aside.is_empty() {
                    l.lead.clone()
                } else {
                    w.fill("report.aside", &[("main", &l.lead), ("aside", &aside.join(sep))])
                }
            })
            .collect();
        blocks.push(Block::List(items));
    }
    (w.get("reception.summary").to_string(), blocks)
}
