//! `kam gate` as text and JSON: the overview table of every account's gate, and one account's
//! exit checklist item by item with what is missing and where to write it.

use std::fmt::Write;

use serde::Serialize;

use crate::domain::gate::report::{AccountGate, Status};
use crate::domain::gate::status::Flag;
use crate::domain::gate::{ItemKind, ItemState};
use crate::domain::guide::hints;
use crate::domain::playbook::Playbook;
use crate::render::csv::Cells;
use crate::render::report::words::Words;
use crate::render::style::{self, paint};
use crate::render::table::{Column, Fit, Grid, Tone, md_escape};

/// A row of the overview: an account's gate, or the file that could not be read as one.
pub enum Row {
    Gate(AccountGate),
    Unreadable { id: String, file: String },
}

fn days(pb: &Playbook, g: &AccountGate) -> String {
    match (g.days_in_stage, g.idle_days) {
        (Some(d), Some(limit)) if g.is_idle() => format!("{d} ({} {limit})", pb.text("gate.over", "over")),
        (Some(d), _) => d.to_string(),
        (None, _) => "—".into(),
    }
}

/// The overview's grid: one row per account. CSV gets machine columns (the status as an id, the
/// unmet and total counts, the idle limit) where text and Markdown show one sentence.
fn grid(pb: &Playbook, rows: &[Row], csv: bool) -> Grid {
    let header = |key: &'static str, id: &str, en: &str| Column::new(key, pb.text(id, en));
    let mut columns = vec![
        header("id", "gate.account", "account"),
        header("stage", "gate.stage", "stage"),
        header("next", "gate.next", "next"),
        header("days", "gate.days", "days").right(),
    ];
    if csv {
        columns.extend([
            Column::new("idle_days", "idle_days"),
            Column::new("status", "status"),
            Column::new("unmet", "unmet"),
            Column::new("total", "total"),
        ]);
    } else {
        columns.push(header("gate", "gate.gate", "gate").fit(Fit::Wrap));
    }
    let mut g = Grid::new(columns);
    for row in rows {
        match row {
            Row::Gate(g0) => {
                let (status, unmet, total) = match g0.status {
                    Status::Ready => ("ready", None, None),
                    Status::Blocked { unmet, total } => ("blocked", Some(unmet), Some(total)),
                    Status::Outcome => ("outcome", None, None),
                    Status::UnknownStage => ("unknown_stage", None, None),
                };
                let mut cells = vec![Some(g0.id.clone()), Some(g0.stage.clone()), g0.next.clone()];
                if csv {
                    cells.extend([
                        g0.days_in_stage.map(|d| d.to_string()),
                        g0.idle_days.map(|d| d.to_string()),
                        Some(status.to_string()),
                        unmet.map(|n| n.to_string()),
                        total.map(|n| n.to_string()),
                    ]);
                    g.push(cells);
                    continue;
                }
                let gate = match g0.status {
                    Status::Ready => pb.text("gate.ready", "ready").to_string(),
                    Status::Blocked { unmet, total } => pb.fill(
                        "gate.blocked_count",
                        "blocked: {unmet} of {total} unmet",
                        &[("unmet", &unmet), ("total", &total)],
                    ),
                    Status::Outcome => pb.stage_label(&g0.stage).to_string(),
                    Status::UnknownStage => pb
                        .text("gate.unknown_stage", "unknown stage — see kam check")
                        .to_string(),
                };
                cells.extend([g0.days_in_stage.map(|_| days(pb, g0)), Some(gate)]);
                g.push(cells);
                // The tones of every table: the stage, idle days and a blocked gate as in
                // `kam list` (a warning), what is ready as met.
                g.tone_last_opt(1, style::stage(&g0.stage));
                if g0.is_idle() {
                    g.tone_last(3, style::flag(Flag::Idle));
                }
                match g0.status {
                    Status::Ready => g.tone_last(4, Tone::Good),
                    Status::Blocked { .. } => g.tone_last(4, style::flag(Flag::Blocked)),
                    Status::UnknownStage => g.tone_last(4, Tone::Bad),
                    Status::Outcome => g.tone_last_opt(4, style::stage(&g0.stage)),
                }
            }
            Row::Unreadable { id, file } => {
                if csv {
                    g.push(vec![
                        Some(id.clone()),
                        None,
                        None,
                        None,
                        None,
                        Some("unreadable".into()),
                        None,
                        None,
                    ]);
                    continue;
                }
                let what = pb.fill(
                    "gate.unreadable_file",
                    "unreadable — kam check {file}",
                    &[("file", file)],
                );
                g.push(vec![Some(id.clone()), None, None, None, Some(what)]);
                g.tone_last(4, Tone::Bad);
            }
        }
    }
    g
}

/// The summary line: how many accounts are ready, blocked, at an outcome and to fix.
fn summary(pb: &Playbook, rows: &[Row]) -> String {
    let (mut ready, mut blocked, mut outcome, mut other) = (0, 0, 0, 0);
    for row in rows {
        match row {
            Row::Gate(g) => match g.status {
                Status::Ready => ready += 1,
                Status::Blocked { .. } => blocked += 1,
                Status::Outcome => outcome += 1,
                Status::UnknownStage => other += 1,
            },
            Row::Unreadable { .. } => other += 1,
        }
    }
    let n = rows.len();
    let (id, en) = if n == 1 {
        (
            "gate.summary_one",
            "1 account: {ready} ready, {blocked} blocked, {outcome} at an outcome",
        )
    } else {
        (
            "gate.summary",
            "{n} accounts: {ready} ready, {blocked} blocked, {outcome} at an outcome",
        )
    };
    let args: [(&str, &dyn std::fmt::Display); 5] = [
        ("n", &n),
        ("ready", &ready),
        ("blocked", &blocked),
        ("outcome", &outcome),
        ("other", &other),
    ];
    let mut out = pb.fill(id, en, &args);
    if other > 0 {
        out.push_str(&pb.fill("gate.summary_to_fix", ", {other} to fix (kam check)", &args));
    }
    out
}

/// The overview of every account, with a summary line, at most `width` columns wide where it
/// can be, colored like the other tables when `color` is on.
pub fn table(pb: &Playbook, rows: &[Row], width: usize, color: bool) -> String {
    let mut out = String::new();
    if !rows.is_empty() {
        out.push_str(&grid(pb, rows, false).text_colored(width, color));
        out.push('\n');
    }
    out.push_str(&summary(pb, rows));
    out.push('\n');
    out
}

/// The overview as a Markdown table and the summary line.
pub fn markdown(pb: &Playbook, rows: &[Row]) -> String {
    let mut out = String::new();
    if !rows.is_empty() {
        out.push_str(&grid(pb, rows, false).markdown());
        out.push('\n');
    }
    out.push_str(&md_escape(&summary(pb, rows)));
    out.push('\n');
    out
}

/// The overview as CSV, one line per account, through the one cell writer.
pub fn csv(pb: &Playbook, rows: &[Row], cells: Cells) -> String {
    grid(pb, rows, true).csv(cells)
}

/// The items of a checklist, unmet ones with what is missing; only the unmet ones if `unmet_only`.
pub fn items(pb: &Playbook, items: &[ItemState], unmet_only: bool, color: bool) -> String {
    let mut out = String::new();
    for item in items.iter().filter(|i| !unmet_only || !i.met) {
        let mark = if item.met {
            paint("✓", Tone::Good, color)
        } else {
            paint("✗", Tone::Bad, color)
        };
        let kind = if item.kind == ItemKind::Evidence {
            format!(" ({})", pb.text("gate.evidence", "evidence"))
        } else {
            String::new()
        };
        let planned = item
            .planned
            .map(|d| {
                format!(
                    " — {}",
                    pb.text("gate.planned_for", "planned for {date}")
                        .replace("{date}", &d.to_string())
                )
            })
            .unwrap_or_default();
        let _ = writeln!(out, "  {mark} {} — {}{kind}{planned}", item.id, item.label);
        if !item.detail.is_empty() {
            let _ = writeln!(out, "      {}", item.detail);
        }
    }
    // The guidance for the unmet items, each topic once, after the checklist.
    let mut topics: Vec<&crate::domain::playbook::method::Topic> = Vec::new();
    for item in items.iter().filter(|i| !i.met) {
        for topic in hints(pb, &item.id) {
            if !topics.iter().any(|t| t.id == topic.id) {
                topics.push(topic);
            }
        }
    }
    if !topics.is_empty() {
        out.push('\n');
    }
    for topic in topics {
        let hint = Words::new(pb).fill("guide.hint", &[("topic", &topic.id), ("label", &topic.label)]);
        let _ = writeln!(out, "  {}", paint(&hint, Tone::Warn, color));
    }
    out
}

/// One account's gate in full.
pub fn detail(pb: &Playbook, g: &AccountGate, color: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} · {}", g.id, g.name);
    let days_text = match (g.days_in_stage, g.since) {
        (Some(d), Some(since)) => pb.fill(
            "gate.days_since",
            ", {days} days (since {since})",
            &[("days", &d), ("since", &since)],
        ),
        (Some(d), None) => pb.fill("gate.days_in", ", {days} days", &[("days", &d)]),
        _ => String::new(),
    };
    let words = [("gate.stage", "stage"), ("gate.next", "next"), ("gate.gate", "gate")]
        .map(|(id, en)| pb.text(id, en).to_lowercase());
    // Padded to one display width: translated words may be wider than the English ones.
    let width = words
        .iter()
        .map(|w| crate::render::table::display_width(w))
        .max()
        .unwrap_or(0)
        .max(6);
    let [stage_word, next_word, gate_word] = words.map(|w| {
        let pad = width - crate::render::table::display_width(&w);
        format!("{w}{}", " ".repeat(pad))
    });
    let indent = " ".repeat(width + 1);
    let _ = writeln!(
        out,
        "{stage_word} {} — {}{days_text}",
        g.stage,
        pb.stage_label(&g.stage)
    );
    if g.is_idle() {
        let limit = g.idle_days.unwrap_or_default();
        let note = pb.fill(
            "gate.idle_note",
            "idle: over the stage's limit of {limit} days",
            &[("limit", &limit)],
        );
        let _ = writeln!(out, "{indent}{}", paint(&note, Tone::Warn, color));
    }
    match (&g.status, &g.next) {
        (Status::Outcome, _) => {
            let _ = writeln!(
                out,
                "{gate_word} {}",
                pb.text("gate.at_outcome", "none: the account is at an outcome")
            );
            if crate::domain::gate::pipeline::is_resting(&g.stage) {
                let resume = pb.fill(
                    "gate.resume",
                    "resume with `kam advance {id} --to STAGE --reason …`",
                    &[("id", &g.id)],
                );
                let _ = writeln!(out, "{indent}{resume}");
            }
        }
        (Status::UnknownStage, _) | (_, None) => {
            let none = pb.fill(
                "gate.not_a_stage",
                "none: `{stage}` is not a stage of the playbook; see `kam check`",
                &[("stage", &g.stage)],
            );
            let _ = writeln!(out, "{gate_word} {none}");
        }
        (status, Some(next)) => {
            let _ = writeln!(out, "{next_word} {next} — {}", pb.stage_label(next));
            let verdict = match status {
                Status::Blocked { unmet, total } => {
                    let text = pb.fill(
                        "gate.blocked_items",
                        "blocked: {unmet} of {total} exit items unmet",
                        &[("unmet", unmet), ("total", total)],
                    );
                    paint(&text, style::flag(Flag::Blocked), color)
                }
                _ => format!(
                    "{} — {}",
                    paint(pb.text("gate.ready", "ready"), Tone::Good, color),
                    pb.fill(
                        "gate.advance_hint",
                        "`kam advance {id}` moves it to {next}",
                        &[("id", &g.id), ("next", next)],
                    )
                ),
            };
            let _ = writeln!(out, "{gate_word} {verdict}\n");
            out.push_str(&items(pb, &g.items, false, color));
            for s in &g.stale {
                let days = (s.due - s.assessed).num_days();
                let hint = Words::new(pb).fill(
                    "gate.stale",
                    &[
                        ("name", &s.name),
                        ("date", &s.assessed.to_string()),
                        ("days", &days.to_string()),
                    ],
                );
                let _ = writeln!(out, "  {}", paint(&hint, Tone::Warn, color));
            }
        }
    }
    out
}

/// JSON of one account's gate.
pub fn json_one(g: &AccountGate) -> String {
    crate::render::visible::json_pretty(g, "{}")
}

/// JSON of every account's gate; unreadable files as `{id, file, error}`.
pub fn json_all(rows: &[Row]) -> String {
    #[derive(Serialize)]
    #[serde(untagged)]
    enum Json<'a> {
        Gate(&'a AccountGate),
        Unreadable { id: &'a str, file: &'a str, error: &'a str },
    }
    let values: Vec<Json<'_>> = rows
        .iter()
        .map(|row| match row {
            Row::Gate(g) => Json::Gate(g),
            Row::Unreadable { id, file } => Json::Unreadable {
                id,
                file,
                error: "the file cannot be read as an account; run `kam check`",
            },
        })
        .collect();
    crate::render::visible::json_pretty(&values, "[]")
}
