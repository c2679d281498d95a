//! The layout of the project retrospective: where the account ended and why, the path through the
//! stages, the visits, the receptions, then the four parts point by point, every unwritten point a prompt.

use crate::domain::after_deal::retro::{RetroState, RetroStatus};
use crate::domain::playbook::Playbook;
use crate::domain::report::retro::{RetroReport, VisitLine};
use crate::render::report::common::{document, header_fields, slot};
use crate::render::report::words::Words;
use crate::render::report::{Block, Doc};
use crate::render::table::ABSENT;

type Part = (String, Vec<Block>);

/// The retrospective as a document.
pub fn retro_doc(pb: &Playbook, r: &RetroReport) -> Doc {
    let w = Words::new(pb);
    let mut intro = header_fields(pb, &w, &r.header);
    let mut flags = Vec::new();
    if let Some(reason) = &r.reason {
        intro.push((w.get("retro.reason").to_string(), reason.clone()));
    }
    if let Some(note) = &r.move_note {
        intro.push((w.get("retro.move_note").to_string(), note.clone()));
    }
    match &r.status {
        None => flags.push(Block::Para(w.fill("retro.not_owed", &[("stage", &r.header.stage)]))),
        Some(s) => {
            intro.push((w.get("retro.status").to_string(), status_line(&w, s)));
            if s.state == RetroState::Stale {
                let date = s.date.map(|d| d.to_string()).unwrap_or_default();
                flags.push(Block::Flag(w.fill("retro.stale", &[("date", &date)])));
            }
            if s.is_late(r.today)
                && let Some(d) = s.deadline
            {
                let days = pb.doc.retrospective.as_ref().map_or(0, |c| c.days);
                flags.push(Block::Flag(
                    w.fill("retro.late", &[("date", &d.to_string()), ("days", &days.to_string())]),
                ));
            }
        }
    }
    // The status line dates a written or scheduled retrospective; others show their own date.
    let dated = r
        .status
        .as_ref()
        .is_some_and(|s| matches!(s.state, RetroState::Written | RetroState::Scheduled));
    if let Some(d) = r.date.filter(|_| !dated) {
        intro.push((w.get("retro.held").to_string(), d.to_string()));
    }
    if !r.by.is_empty() {
        intro.push((w.get("retro.by").to_string(), r.by.join(w.get("report.list_separator"))));
    }
    if let Some(note) = &r.note {
        intro.push((w.get("retro.note").to_string(), note.clone()));
    }
    let mut blocks = vec![Block::Fields(intro)];
    blocks.extend(flags);
    let mut sections = vec![path(&w, r), visits(&w, r), receptions(&w, r)];
    let currency = pb.doc.policy.currency.as_str();
    for part in &r.parts {
        let fields = part
            .points
            .iter()
            .map(|p| (p.label.clone(), slot(&w, currency, p)))
            .collect();
        sections.push((part.label.clone(), vec![Block::Fields(fields)]));
    }
    let title = w.fill("retro.title", &[("client", &r.header.client)]);
    document(&w, title, &r.omitted, blocks, sections)
}

fn path(w: &Words<'_>, r: &RetroReport) -> Part {
    let date = |d: Option<chrono::NaiveDate>| d.map_or_else(|| ABSENT.to_string(), |d| d.to_string());
    let rows = r
        .path
        .iter()
        .map(|s| {
            vec![
                s.label.clone(),
                date(s.entered),
                date(s.left),
                s.days.map_or_else(String::new, |d| d.to_string()),
            ]
        })
        .collect();
    let headers = ["retro.stage", "retro.entered", "retro.left", "retro.days"]
        .iter()
        .map(|id| w.get(id).to_string())
        .collect();
    let mut blocks = vec![Block::Table { headers, rows }];
    if let (Some(days), Some(last)) = (r.total_days, r.path.last()) {
        blocks.push(Block::Para(w.fill(
            "retro.total_days",
            &[("days", &days.to_string()), ("stage", &last.label)],
        )));
    }
    (w.get("retro.path").to_string(), blocks)
}

/// Where the retrospective stands, in one line: written on, scheduled for, or due by its deadline.
/// The after-the-deal report says it the same way.
pub fn status_line(w: &Words<'_>, s: &RetroStatus) -> String {
    let deadline = s.deadline.map_or_else(|| ABSENT.to_string(), |d| d.to_string());
    match (s.state, s.date) {
        (RetroState::Written, Some(d)) => w.fill("retro.written", &[("date", &d.to_string())]),
        (RetroState::Scheduled, Some(d)) => {
            w.fill("retro.scheduled", &[("date", &d.to_string()), ("deadline", &deadline)])
        }
        _ => w.fill("retro.due_by", &[("date", &deadline)]),
    }
}

/// The visits as a table: date (`undated` when it has none), form, who attended, what was said.
/// The after-the-deal report lists the visits since the win with it.
pub fn visit_table(w: &Words<'_>, visits: &[VisitLine], undated: &str) -> Block {
    let rows = visits
        .iter()
        .map(|v| {
            let said: Vec<&str> = [v.points.as_deref(), v.report.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            vec![
                v.date.map_or_else(|| undated.to_string(), |d| d.to_string()),
                v.form.clone().unwrap_or_default(),
                v.who.join(w.get("report.list_separator")),
                said.join("\n"),
            ]
        })
        .collect();
    let headers = ["retro.date", "retro.form", "retro.who", "retro.points"]
        .iter()
        .map(|id| w.get(id).to_string())
        .collect();
    Block::Table { headers, rows }
}

fn visits(w: &Words<'_>, r: &RetroReport) -> Part {
    if r.visits.is_empty() {
        return (
            w.get("retro.visits").to_string(),
            vec![Block::Para(w.get("retro.no_visits").to_string())],
        );
    }
    (w.get("retro.visits").to_string(), vec![visit_table(w, &r.visits, "")])
}

/// The client's inspections of our company: when, where, who came, why and with what effect.
fn receptions(w: &Words<'_>, r: &RetroReport) -> Part {
    let title = w.get("retro.receptions").to_string();
    if r.receptions.is_empty() {
        return (title, vec![Block::Para(w.get("retro.no_receptions").to_string())]);
    }
    let rows = r
        .receptions
        .iter()
        .map(|x| {
            let said: Vec<&str> = [x.purpose.as_deref(), x.summary.as_deref(), x.report.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            vec![
                x.date.map(|d| d.to_string()).unwrap_or_default(),
                x.place.clone().unwrap_or_default(),
                x.who.join(w.get("report.list_separator")),
                said.join("\n"),
            ]
        })
        .collect();
    let headers = ["retro.date", "retro.place", "retro.delegation", "retro.effect"]
        .iter()
        .map(|id| w.get(id).to_string())
        .collect();
    (title, vec![Block::Table { headers, rows }])
}
