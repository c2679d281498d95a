//! `kam list` as a table, Markdown, CSV and JSON, with the summary line (count per stage and per
//! tier). With colors on, stages, tiers and flags take the tones of [`crate::render::style`].

use std::fmt::Write;

use serde::Serialize;

use crate::domain::gate::status::{Flag, Status};
use crate::domain::playbook::Playbook;
use crate::render::style;
use crate::render::table::{Column, Fit, Grid, Tone, display_width, wrap};

/// One line of the list: an account's status, or a file that could not be read.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Row {
    Account(Box<Status>),
    Unreadable { id: String, file: String },
}

/// The label of a flag, from the playbook's `text:` (`list.flag.<id>`), else in English.
pub fn flag_label(pb: &Playbook, f: Flag) -> &str {
    match f {
        Flag::Blocked => pb.text("list.flag.blocked", "blocked"),
        Flag::Idle => pb.text("list.flag.idle", "idle"),
        Flag::Overdue => pb.text("list.flag.overdue", "overdue"),
        Flag::ReportMissing => pb.text("list.flag.report-missing", "report-missing"),
        Flag::PaymentOverdue => pb.text("list.flag.payment-overdue", "payment-overdue"),
        Flag::ReturnVisitDue => pb.text("list.flag.return-visit-due", "return-visit-due"),
        Flag::RenewalDue => pb.text("list.flag.renewal-due", "renewal-due"),
        Flag::RetroMissing => pb.text("list.flag.retro-missing", "retro-missing"),
        Flag::TooOften => pb.text("list.flag.too-often", "too-often"),
    }
}

fn flags(pb: &Playbook, s: &Status) -> Option<String> {
    (!s.flags.is_empty()).then(|| {
        s.flags
            .iter()
            .map(|f| flag_label(pb, *f))
            .collect::<Vec<_>>()
            .join(", ")
    })
}

fn next(s: &Status) -> Option<String> {
    s.next_step.as_ref().map(|n| match &n.step {
        Some(step) => format!("{} {step}", n.date),
        None => n.date.to_string(),
    })
}

/// The key-account classes (or "potential") and the client level, in the playbook's words.
fn class(pb: &Playbook, s: &Status) -> Option<String> {
    let w = crate::render::report::words::Words::new(pb);
    let mut parts: Vec<String> = s
        .classes
        .iter()
        .map(|c| pb.enum_label("account_class", c).to_string())
        .collect();
    if s.potential {
        parts.push(w.get("list.potential").to_string());
    }
    let classes = parts.join(w.get("report.list_separator"));
    let level = s.level.as_deref().map(|l| pb.enum_label("client_level", l));
    match (classes.is_empty(), level) {
        (true, None) => None,
        (true, Some(l)) => Some(l.to_string()),
        (false, None) => Some(classes),
        (false, Some(l)) => Some(format!("{classes} · {l}")),
    }
}

/// The list's table. With `step_below`, the next step's column holds its date and the step's
/// text goes on a line of its own under the row (for narrow terminals).
pub(crate) fn grid(pb: &Playbook, rows: &[Row], step_below: bool, width: usize) -> Grid {
    // Names and owners keep more of themselves where the screen has room for it.
    let roomy = width >= 100;
    let col = |key: &'static str, text: &str| Column::new(key, text.to_string());
    // The widest single flag and its comma: a flags column is never narrower, so a flag is
    // never broken.
    let widest_flag = rows
        .iter()
        .filter_map(|r| match r {
            Row::Account(s) => s.flags.iter().map(|f| display_width(flag_label(pb, *f))).max(),
            Row::Unreadable { .. } => None,
        })
        .max()
        .map_or(0, |w| w + 1);
    // What gives way first when the terminal is narrow: the name, the owner, the flags (one
    // under the other), the stage, the next step's text down to a readable 24 columns, and
    // last the id (a prefix of an id still names the account). Then the class is left out; when
    // the step's text still has no room, it goes under its row, and the days in stage, then the
    // owner are left out.
    let mut g = Grid::new(vec![
        col("id", pb.text("list.id", "id")).fit(Fit::Truncate).min(12).give(6),
        col("name", pb.text("list.name", "name"))
            .fit(Fit::Truncate)
            .min(if roomy { 14 } else { 8 })
            .give(1),
        col("owner", pb.text("list.owner", "owner"))
            .fit(Fit::Truncate)
            .min(if roomy { 10 } else { 6 })
            .give(2)
            .drop(3),
        col("stage", pb.text("list.stage", "stage"))
            .fit(Fit::Truncate)
            .min(7)
            .give(4),
        col("days", pb.text("list.days", "days")).right().drop(2),
        col("tier", pb.text("list.tier", "tier")),
        col("value", pb.text("list.value", "value")).right(),
        col("class", pb.text("list.class", "class"))
            .fit(Fit::Truncate)
            .min(6)
            .give(1)
            .drop(1),
        // Wide enough for the date, which the step's text follows.
        col("next", pb.text("list.next", "next step"))
            .fit(Fit::Truncate)
            .min(if step_below { 10 } else { 24 })
            .give(5),
        col("flags", pb.text("list.flags", "flags"))
            .fit(Fit::Wrap)
            .min(widest_flag)
            .give(3),
    ]);
    for row in rows {
        match row {
            Row::Account(s) => {
                let cells = vec![
                    Some(s.id.clone()),
                    Some(s.name.clone()).filter(|n| !n.is_empty()),
                    Some(s.owner.clone()).filter(|n| !n.is_empty()),
                    Some(s.stage.clone()).filter(|n| !n.is_empty()),
                    s.days_in_stage.map(|d| d.to_string()),
                    s.tier.clone(),
                    s.value.map(|v| format!("{v:.1}")),
                    class(pb, s),
                    if step_below {
                        s.next_step.as_ref().map(|n| n.date.to_string())
                    } else {
                        next(s)
                    },
                    flags(pb, s),
                ];
                let below = s
                    .next_step
                    .as_ref()
                    .and_then(|n| n.step.as_ref())
                    .filter(|_| step_below)
                    .map(|step| format!("→ {step}"));
                g.push_with_detail(cells, below);
                g.tone_last_opt(3, style::stage(&s.stage));
                g.tone_last_opt(5, s.tier.as_deref().and_then(|t| style::tier(pb, t)));
                g.tone_last_opt(9, style::worst_flag(&s.flags));
                if s.next_step.as_ref().is_some_and(|n| n.overdue) {
                    g.tone_last(8, Tone::Bad);
                }
            }
            Row::Unreadable { id, file } => {
                g.push(vec![
                    Some(id.clone()),
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    Some(format!(
                        "{} — kam check {file}",
                        pb.text("list.unreadable", "unreadable")
                    )),
                ]);
                g.tone_last(9, Tone::Bad);
            }
        }
    }
    g
}

pub use crate::render::list_grouped::grouped;

/// "12 accounts · stage: qualify 2, demo 2 … · tier: A 3, B 4 … none 3".
pub fn summary(pb: &Playbook, rows: &[Row]) -> String {
    let statuses: Vec<&Status> = rows
        .iter()
        .filter_map(|r| match r {
            Row::Account(s) => Some(s.as_ref()),
            Row::Unreadable { .. } => None,
        })
        .collect();
    let count = |pred: &dyn Fn(&Status) -> bool| statuses.iter().filter(|s| pred(s)).count();
    let stage_ids = pb
        .stages()
        .iter()
        .map(|s| s.id.as_str())
        .chain(pb.doc.outcomes.iter().map(|o| o.id.as_str()));
    let stages: Vec<String> = stage_ids
        .filter_map(|id| {
            let n = count(&|s| s.stage == id);
            (n > 0).then(|| format!("{id} {n}"))
        })
        .collect();
    let mut tiers: Vec<String> = pb
        .doc
        .scoring
        .tiers
        .iter()
        .filter_map(|t| {
            let n = count(&|s| s.tier.as_deref() == Some(t.id.as_str()));
            (n > 0).then(|| format!("{} {n}", t.id))
        })
        .collect();
    let untiered = count(&|s| s.tier.is_none());
    if untiered > 0 {
        tiers.push(format!("{} {untiered}", pb.text("list.no_tier", "none")));
    }
    let n = rows.len();
    let mut line = format!(
        "{n} {}",
        if n == 1 {
            pb.text("list.account", "account")
        } else {
            pb.text("list.accounts", "accounts")
        }
    );
    if !stages.is_empty() {
        let _ = write!(line, " · {}: {}", pb.text("list.by_stage", "stage"), stages.join(", "));
    }
    if !tiers.is_empty() {
        let _ = write!(line, " · {}: {}", pb.text("list.by_tier", "tier"), tiers.join(", "));
    }
    let unreadable = n - statuses.len();
    if unreadable > 0 {
        let _ = write!(line, " · {unreadable} {}", pb.text("list.unreadable", "unreadable"));
    }
    line
}

/// The table no wider than `width` where it can be: the next step's text moves under its row
/// when the columns do not fit side by side; the summary wraps.
pub fn table(pb: &Playbook, rows: &[Row], width: usize, color: bool) -> String {
    let mut out = fitted(pb, rows, width, color);
    out.push('\n');
    out.push_str(&wrap_summary(&summary(pb, rows), width));
    out.push('\n');
    out
}

/// The rows as a table no wider than `width` where it can be, without the summary.
pub(crate) fn fitted(pb: &Playbook, rows: &[Row], width: usize, color: bool) -> String {
    let inline = grid(pb, rows, false, width);
    // The class may go to keep the step's text beside its date; the days and the owner may not.
    if inline.fits(width, 1) {
        inline.text_colored(width, color)
    } else {
        grid(pb, rows, true, width).text_colored(width, color)
    }
}

/// The summary line broken at its ` · ` parts where they fit, else inside a part, at a space.
fn wrap_summary(line: &str, width: usize) -> String {
    let mut out: Vec<String> = Vec::new();
    for part in line.split(" · ") {
        let joined = out.last().map(|last| format!("{last} · {part}"));
        match joined {
            Some(j) if display_width(&j) <= width => *out.last_mut().unwrap_or(&mut String::new()) = j,
            Some(j) if display_width(part) > width => {
                out.pop();
                out.extend(wrap(&j, width).lines().map(str::to_string));
            }
            _ => out.extend(wrap(part, width).lines().map(str::to_string)),
        }
    }
    out.join("\n")
}

pub fn markdown(pb: &Playbook, rows: &[Row]) -> String {
    let mut out = grid(pb, rows, false, usize::MAX).markdown();
    let _ = writeln!(out, "\n{}", crate::render::table::md_escape(&summary(pb, rows)));
    out
}

/// CSV with stable column keys; the next step's date and text in separate columns, flags joined
/// by `;`.
pub fn csv(rows: &[Row], cells: crate::render::csv::Cells) -> String {
    let mut g = Grid::new(
        [
            "id",
            "name",
            "owner",
            "stage",
            "days_in_stage",
            "tier",
            "value",
            "difficulty",
            "next_date",
            "next_step",
            "flags",
            "file",
            "class",
            "level",
            "region",
            "approach",
        ]
        .map(|k| Column::new(k, k))
        .to_vec(),
    );
    for row in rows {
        match row {
            Row::Account(s) => g.push(vec![
                Some(s.id.clone()),
                Some(s.name.clone()),
                Some(s.owner.clone()),
                Some(s.stage.clone()),
                s.days_in_stage.map(|d| d.to_string()),
                s.tier.clone(),
                s.value.map(|v| format!("{v:.1}")),
                s.difficulty.map(|v| format!("{v:.1}")),
                s.next_step.as_ref().map(|n| n.date.to_string()),
                s.next_step.as_ref().and_then(|n| n.step.clone()),
                Some(s.flags.iter().map(|f| f.id()).collect::<Vec<_>>().join(";")),
                Some(s.file.clone()),
                Some(
                    s.classes
                        .iter()
                        .cloned()
                        .chain(s.potential.then(|| "potential".to_string()))
                        .collect::<Vec<_>>()
                        .join(";"),
                ),
                s.level.clone(),
                s.region.clone(),
                s.approach.clone(),
            ]),
            Row::Unreadable { id, file } => {
                let mut cells = vec![None; 16];
                cells[0] = Some(id.clone());
                cells[10] = Some("unreadable".to_string());
                cells[11] = Some(file.clone());
                g.push(cells);
            }
        }
    }
    g.csv(cells)
}

/// An array of statuses; an unreadable file is `{id, file}`.
pub fn json(rows: &[Row]) -> String {
    crate::render::visible::json_pretty(rows, "[]")
}
