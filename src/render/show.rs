//! `kam show`: one account on one screen, as text (80 columns), Markdown or JSON.

use std::fmt::Write;

use crate::domain::playbook::Playbook;
use crate::domain::report::overview::{Event, Overview};
use crate::render::style::{Tone, paint};
use crate::render::table::{Column, Fit, Grid};

/// Timeline entries shown without `--all`.
pub const RECENT: usize = 8;

fn score(pb: &Playbook, o: &Overview) -> String {
    match (&o.tier, o.value, o.difficulty) {
        (Some(t), Some(v), Some(d)) => pb.fill(
            "show.tier",
            "tier {tier} (value {value}, difficulty {difficulty})",
            &[
                ("tier", &o.tier_label.as_deref().unwrap_or(t)),
                ("value", &format!("{v:.1}")),
                ("difficulty", &format!("{d:.1}")),
            ],
        ),
        _ => pb
            .text("show.not_assessed", "not assessed: ratings missing")
            .to_string(),
    }
}

fn event(pb: &Playbook, e: Event) -> &str {
    match e {
        Event::Stage => pb.text("show.event.stage", "stage"),
        Event::Visit => pb.text("show.event.visit", "visit"),
        Event::Planned => pb.text("show.event.planned", "planned"),
        Event::Task => pb.text("show.event.task", "task"),
        Event::Reception => pb.text("show.event.reception", "reception"),
    }
}

fn people(pb: &Playbook, o: &Overview) -> Grid {
    let mut g = Grid::new(vec![
        Column::new("name", pb.text("show.people.name", "name")),
        Column::new("title", pb.text("show.people.title", "title")).fit(Fit::Truncate),
        Column::new("roles", pb.text("show.people.roles", "roles")).fit(Fit::Wrap),
        Column::new("stance", pb.text("show.people.stance", "stance")),
        Column::new("closeness", pb.text("show.people.closeness", "close")),
        Column::new("coach", pb.text("show.people.coach", "coach step")),
        Column::new("veto", pb.text("show.people.veto", "veto")),
    ]);
    for p in &o.people {
        g.push(vec![
            Some(if p.name.is_empty() {
                p.id.clone()
            } else {
                p.name.clone()
            }),
            p.title.clone(),
            Some(p.roles.join(pb.text("report.list_separator", ", "))).filter(|r| !r.is_empty()),
            p.stance.clone(),
            p.closeness.map(|c| c.to_string()),
            p.coach_step.clone(),
            p.veto.then(|| pb.text("show.people.veto", "veto").to_string()),
        ]);
    }
    g
}

fn head(pb: &Playbook, o: &Overview) -> Vec<String> {
    let mut lines = vec![format!("{} ({})", o.name, o.id)];
    let mut who = pb.fill("show.owner", "owner {owner}", &[("owner", &o.owner)]);
    if !o.team.is_empty() {
        who.push_str(&pb.fill("show.team", " · team {team}", &[("team", &o.team.join(", "))]));
    }
    lines.push(who);
    let mut stage = pb.fill("show.stage", "stage {stage}", &[("stage", &o.stage_label)]);
    if let (Some(days), Some(since)) = (o.days_in_stage, o.since) {
        stage.push_str(&pb.fill(
            "show.days_since",
            " — {days} days (since {since})",
            &[("days", &days), ("since", &since)],
        ));
    }
    lines.push(stage);
    lines.push(score(pb, o));
    if let Some((met, total)) = o.gate {
        let mut gate = pb.fill(
            "show.gate",
            "gate {met} of {total} met",
            &[("met", &met), ("total", &total)],
        );
        if let Some(next) = &o.next_stage {
            let _ = write!(gate, " → {next}");
        }
        if !o.unmet.is_empty() {
            gate.push_str(&pb.fill(
                "show.gate_missing",
                "; missing: {items}",
                &[("items", &o.unmet.join("; "))],
            ));
        }
        lines.push(gate);
    }
    if !o.flags.is_empty() {
        let flags: Vec<&str> = o
            .flags
            .iter()
            .map(|f| crate::render::list::flag_label(pb, *f))
            .collect();
        lines.push(pb.fill("show.flags", "flags: {flags}", &[("flags", &flags.join(", "))]));
    }
    lines
}

fn tasks(pb: &Playbook, o: &Overview, color: bool) -> Vec<String> {
    o.open_tasks
        .iter()
        .map(|t| {
            let due = t
                .due
                .map_or_else(|| pb.text("show.no_date", "no date").to_string(), |d| d.to_string());
            let late = if t.overdue {
                format!(" {}", paint(pb.text("show.overdue", "overdue"), Tone::Bad, color))
            } else {
                String::new()
            };
            let owner = t.owner.as_ref().map(|w| format!(" — {w}")).unwrap_or_default();
            format!("{}. {due}{late}  {}{owner} ({})", t.n, t.task, t.status)
        })
        .collect()
}

fn step(pb: &Playbook, o: &Overview, color: bool) -> Option<String> {
    o.next_step.as_ref().map(|s| {
        format!(
            "{}{}  {}",
            s.date,
            if s.overdue {
                format!(" {}", paint(pb.text("show.overdue", "overdue"), Tone::Bad, color))
            } else {
                String::new()
            },
            s.step
                .as_deref()
                .unwrap_or(pb.text("show.no_step", "(no step written)"))
        )
    })
}

fn omitted(pb: &Playbook, o: &Overview) -> Option<String> {
    (o.omitted > 0).then(|| {
        pb.fill(
            "show.omitted",
            "Personal data left out: {n} values. Add --include-sensitive to include them.",
            &[("n", &o.omitted)],
        )
    })
}

/// A word padded with spaces to `width` display columns.
fn pad(word: &str, width: usize) -> String {
    let w = crate::render::table::display_width(word);
    format!("{word}{}", " ".repeat(width.saturating_sub(w)))
}

/// The text form, fitted to `width` columns, colored like every table and the agenda when `color`
/// is on.
pub fn text(pb: &Playbook, o: &Overview, all: bool, width: usize, color: bool) -> String {
    // Fitted to the terminal; on a pipe (no width known) to 80 columns.
    let width = if width == usize::MAX { 80 } else { width.clamp(40, 120) };
    let mut out = String::new();
    for line in head(pb, o) {
        for (i, l) in crate::render::report::text::wrap(&line, width).iter().enumerate() {
            let _ = writeln!(out, "{}{l}", if i == 0 { "" } else { "  " });
        }
    }
    if !o.people.is_empty() {
        let _ = writeln!(out, "\n{}", pb.text("show.people", "People"));
        out.push_str(&people(pb, o).text_colored(width, color));
    }
    let t = tasks(pb, o, color);
    if !t.is_empty() {
        let _ = writeln!(out, "\n{}", pb.text("show.open_tasks", "Open tasks"));
        for line in t {
            let _ = writeln!(out, "  {line}");
        }
    }
    if let Some(s) = step(pb, o, color) {
        let _ = writeln!(out, "\n{}\n  {s}", pb.text("show.next_step", "Next step"));
    }
    if !o.timeline.is_empty() {
        let _ = writeln!(out, "\n{}", pb.text("show.timeline_newest", "Timeline (newest first)"));
        let shown = if all {
            o.timeline.len()
        } else {
            RECENT.min(o.timeline.len())
        };
        // The event words line up; a reception's word is the longest.
        let width_of_events = o.timeline[..shown]
            .iter()
            .map(|e| crate::render::table::display_width(event(pb, e.event)))
            .max()
            .unwrap_or(0);
        for e in &o.timeline[..shown] {
            let lead = format!("  {}  {}  ", e.date, pad(event(pb, e.event), width_of_events));
            let lead_width = crate::render::table::display_width(&lead);
            let lines = crate::render::report::text::wrap(&e.text, width.saturating_sub(lead_width).max(20));
            for (i, l) in lines.iter().enumerate() {
                if i == 0 {
                    let _ = writeln!(out, "{lead}{l}");
                } else {
                    let _ = writeln!(out, "{}{l}", " ".repeat(lead_width));
                }
            }
        }
        if shown < o.timeline.len() {
            let more = pb.fill(
                "show.earlier",
                "({n} earlier entries: kam show {id} --all)",
                &[("n", &(o.timeline.len() - shown)), ("id", &o.id)],
            );
            let _ = writeln!(out, "  {more}");
        }
    }
    if let Some(n) = omitted(pb, o) {
        let _ = writeln!(out, "\n{n}");
    }
    out
}

/// The Markdown form.
pub fn markdown(pb: &Playbook, o: &Overview, all: bool) -> String {
    let mut out = String::new();
    let mut head = head(pb, o).into_iter();
    let _ = writeln!(out, "## {}\n", head.next().unwrap_or_default());
    for line in head {
        let _ = writeln!(out, "- {line}");
    }
    if !o.people.is_empty() {
        let _ = writeln!(out, "\n### {}\n", pb.text("show.people", "People"));
        out.push_str(&people(pb, o).markdown());
    }
    let t = tasks(pb, o, false);
    if !t.is_empty() {
        let _ = writeln!(out, "\n### {}\n", pb.text("show.open_tasks", "Open tasks"));
        for line in t {
            let _ = writeln!(out, "- {line}");
        }
    }
    if let Some(s) = step(pb, o, false) {
        let _ = writeln!(out, "\n### {}\n\n{s}", pb.text("show.next_step", "Next step"));
    }
    if !o.timeline.is_empty() {
        let _ = writeln!(out, "\n### {}\n", pb.text("show.timeline", "Timeline"));
        let shown = if all {
            o.timeline.len()
        } else {
            RECENT.min(o.timeline.len())
        };
        for e in &o.timeline[..shown] {
            let _ = writeln!(out, "- {} {}: {}", e.date, event(pb, e.event), e.text);
        }
        if shown < o.timeline.len() {
            let more = pb.fill(
                "show.earlier_md",
                "… {n} earlier entries",
                &[("n", &(o.timeline.len() - shown))],
            );
            let _ = writeln!(out, "- {more}");
        }
    }
    if let Some(n) = omitted(pb, o) {
        let _ = writeln!(out, "\n{n}");
    }
    out
}

/// The JSON form: the whole overview.
pub fn json(o: &Overview) -> String {
    crate::render::visible::json_pretty(o, "{}")
}
