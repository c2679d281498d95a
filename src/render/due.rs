//! `kam due` as a table, Markdown and JSON: one line per item, by date, with how late it is.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::domain::agenda::{DueItem, DueKind};
use crate::domain::playbook::Playbook;
use crate::render::table::{Column, Fit, Grid, Tone};

/// "12d late", "today", "in 3d".
pub fn when(pb: &Playbook, late_days: i64) -> String {
    match late_days {
        0 => pb.text("due.today", "today").to_string(),
        d if d > 0 => format!("{d}{} {}", pb.text("due.d", "d"), pb.text("due.late", "late")),
        d => format!("{} {}{}", pb.text("due.in", "in"), -d, pb.text("due.d", "d")),
    }
}

/// What the item asks for, and the detail behind it.
pub fn describe(pb: &Playbook, item: &DueItem) -> (String, String) {
    if let Some(after_deal) = crate::render::due_after_deal::describe(pb, item) {
        return after_deal;
    }
    let since = item.since.map(|d| d.to_string()).unwrap_or_default();
    match item.kind {
        DueKind::Report => (
            pb.text("due.report", "report missing").to_string(),
            format!("{} {since}", pb.text("due.visit_of", "visit of")),
        ),
        DueKind::Step => (pb.text("due.step", "next step").to_string(), item.detail.clone()),
        DueKind::Visit => (
            days(
                pb,
                pb.text("due.visit", "visit due"),
                pb.text("due.every", "every"),
                &item.detail,
            ),
            format!("{} {since}", pb.text("due.last_visit", "last visit")),
        ),
        DueKind::Idle => (
            days(
                pb,
                pb.text("due.idle", "idle in stage"),
                pb.text("due.limit", "limit"),
                &item.detail,
            ),
            format!("{} {since}", pb.text("due.in_stage_since", "in the stage since")),
        ),
        // Described above.
        _ => (String::new(), item.detail.clone()),
    }
}

/// The table of items; the playbook's advice goes under its row (`inline`: into the detail cell,
/// for Markdown, which has no room under a row).
fn grid(pb: &Playbook, items: &[DueItem], inline: bool) -> Grid {
    let col = |key: &'static str, en: &str| Column::new(key, pb.text(&format!("due.{key}"), en).to_string());
    let mut g = Grid::new(vec![
        col("date", "date"),
        col("when", "when"),
        col("account", "account"),
        col("owner", "owner").fit(Fit::Truncate),
        col("item", "due").fit(Fit::Wrap),
        col("detail", "detail").fit(Fit::Wrap),
    ]);
    for item in items {
        let (what, mut detail) = describe(pb, item);
        let advice = (!item.advice.is_empty()).then(|| {
            let lines: Vec<String> = item.advice.iter().map(|a| format!("→ {a}")).collect();
            lines.join("\n")
        });
        if inline && let Some(a) = &advice {
            detail = format!("{detail}\n{a}");
        }
        g.push_with_detail(
            vec![
                Some(item.date.to_string()),
                Some(when(pb, item.late_days)),
                Some(item.id.clone()),
                Some(item.owner.clone()).filter(|o| !o.is_empty()),
                Some(what),
                Some(detail).filter(|d| !d.trim().is_empty()),
            ],
            advice.filter(|_| !inline),
        );
        if item.late_days > 0 {
            g.tone_last(1, Tone::Bad);
        } else if item.late_days == 0 {
            g.tone_last(1, Tone::Warn);
        }
    }
    g
}

fn heading(pb: &Playbook, items: &[DueItem], today: NaiveDate, until: NaiveDate) -> String {
    let late = items.iter().filter(|i| i.late_days > 0).count();
    format!(
        "{} {} {today} – {until}: {} {}, {late} {}",
        pb.text("due.agenda", "Agenda"),
        pb.text("due.from", "for"),
        items.len(),
        if items.len() == 1 {
            pb.text("due.item", "item")
        } else {
            pb.text("due.items", "items")
        },
        pb.text("due.late_word", "late")
    )
}

pub fn table(
    pb: &Playbook,
    items: &[DueItem],
    today: NaiveDate,
    until: NaiveDate,
    width: usize,
    color: bool,
) -> String {
    let mut out = heading(pb, items, today, until);
    out.push_str("\n\n");
    if items.is_empty() {
        out.push_str(pb.text("due.nothing", "Nothing due."));
        out.push('\n');
    } else {
        out.push_str(&grid(pb, items, false).text_colored(width, color));
    }
    out
}

pub fn markdown(pb: &Playbook, items: &[DueItem], today: NaiveDate, until: NaiveDate) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## {}\n", heading(pb, items, today, until));
    if items.is_empty() {
        let _ = writeln!(out, "{}", pb.text("due.nothing", "Nothing due."));
    } else {
        out.push_str(&grid(pb, items, true).markdown());
    }
    out
}

/// An array of items: `{date, late_days, kind, id, name, owner, detail, since}`, and `advice`
/// when the playbook has some (a non-payment cause's response, an escalation).
pub fn json(items: &[DueItem]) -> String {
    let mut s = serde_json::to_string_pretty(items).unwrap_or_else(|_| "[]".to_string());
    s.push('\n');
    s
}

/// "visit due (every 14 days)": what is due, and its period in days.
fn days(pb: &Playbook, what: &str, qualifier: &str, n: &str) -> String {
    format!("{what} ({qualifier} {n} {})", pb.text("due.days", "days"))
}
