//! `kam show`: one account on one screen, as text (80 columns), Markdown or JSON.

use std::fmt::Write;

use crate::domain::report::overview::{Event, Overview};
use crate::render::table::{Column, Fit, Grid};

/// Timeline entries shown without `--all`.
pub const RECENT: usize = 8;

fn score(o: &Overview) -> String {
    match (&o.tier, o.value, o.difficulty) {
        (Some(t), Some(v), Some(d)) => format!(
            "tier {} (value {v:.1}, difficulty {d:.1})",
            o.tier_label.as_deref().unwrap_or(t)
        ),
        _ => "not assessed: ratings missing".to_string(),
    }
}

fn event(e: Event) -> &'static str {
    match e {
        Event::Stage => "stage",
        Event::Visit => "visit",
        Event::Planned => "planned",
        Event::Task => "task",
        Event::Reception => "reception",
    }
}

fn people(o: &Overview) -> Grid {
    let mut g = Grid::new(vec![
        Column::new("name", "name"),
        Column::new("title", "title").fit(Fit::Truncate),
        Column::new("roles", "roles").fit(Fit::Wrap),
        Column::new("stance", "stance"),
        Column::new("closeness", "close"),
        Column::new("coach", "coach step"),
        Column::new("veto", "veto"),
    ]);
    for p in &o.people {
        g.push(vec![
            Some(if p.name.is_empty() {
                p.id.clone()
            } else {
                p.name.clone()
            }),
            p.title.clone(),
            Some(p.roles.join(", ")).filter(|r| !r.is_empty()),
            p.stance.clone(),
            p.closeness.map(|c| c.to_string()),
            p.coach_step.clone(),
            p.veto.then(|| "veto".to_string()),
        ]);
    }
    g
}

fn head(o: &Overview) -> Vec<String> {
    let mut lines = vec![format!("{} ({})", o.name, o.id)];
    let mut who = format!("owner {}", o.owner);
    if !o.team.is_empty() {
        let _ = write!(who, " · team {}", o.team.join(", "));
    }
    lines.push(who);
    let mut stage = format!("stage {}", o.stage_label);
    if let (Some(days), Some(since)) = (o.days_in_stage, o.since) {
        let _ = write!(stage, " — {days} days (since {since})");
    }
    lines.push(stage);
    lines.push(score(o));
    if let Some((met, total)) = o.gate {
        let mut gate = format!("gate {met} of {total} met");
        if let Some(next) = &o.next_stage {
            let _ = write!(gate, " → {next}");
        }
        if !o.unmet.is_empty() {
            let _ = write!(gate, "; missing: {}", o.unmet.join("; "));
        }
        lines.push(gate);
    }
    if !o.flags.is_empty() {
        let flags: Vec<&str> = o.flags.iter().map(|f| f.id()).collect();
        lines.push(format!("flags: {}", flags.join(", ")));
    }
    lines
}

fn tasks(o: &Overview) -> Vec<String> {
    o.open_tasks
        .iter()
        .map(|t| {
            let due = t.due.map_or_else(|| "no date".to_string(), |d| d.to_string());
            let late = if t.overdue { " overdue" } else { "" };
            let owner = t.owner.as_ref().map(|w| format!(" — {w}")).unwrap_or_default();
            format!("{}. {due}{late}  {}{owner} ({})", t.n, t.task, t.status)
        })
        .collect()
}

fn step(o: &Overview) -> Option<String> {
    o.next_step.as_ref().map(|s| {
        format!(
            "{}{}  {}",
            s.date,
            if s.overdue { " overdue" } else { "" },
            s.step.as_deref().unwrap_or("(no step written)")
        )
    })
}

fn omitted(o: &Overview) -> Option<String> {
    (o.omitted > 0).then(|| {
        format!(
            "Personal data left out: {} values. Add --include-sensitive to include them.",
            o.omitted
        )
    })
}

/// The text form, fitted to `width` columns.
pub fn text(o: &Overview, all: bool, width: usize) -> String {
    // Fitted to the terminal; on a pipe (no width known) to 80 columns.
    let width = if width == usize::MAX { 80 } else { width.clamp(40, 120) };
    let mut out = String::new();
    for line in head(o) {
        for (i, l) in crate::render::report::text::wrap(&line, width).iter().enumerate() {
            let _ = writeln!(out, "{}{l}", if i == 0 { "" } else { "  " });
        }
    }
    if !o.people.is_empty() {
        let _ = writeln!(out, "\nPeople");
        out.push_str(&people(o).text_colored(width, false));
    }
    let t = tasks(o);
    if !t.is_empty() {
        let _ = writeln!(out, "\nOpen tasks");
        for line in t {
            let _ = writeln!(out, "  {line}");
        }
    }
    if let Some(s) = step(o) {
        let _ = writeln!(out, "\nNext step\n  {s}");
    }
    if !o.timeline.is_empty() {
        let _ = writeln!(out, "\nTimeline (newest first)");
        let shown = if all {
            o.timeline.len()
        } else {
            RECENT.min(o.timeline.len())
        };
        // The event words line up; a reception's word is the longest.
        let pad = o.timeline[..shown]
            .iter()
            .map(|e| event(e.event).len())
            .max()
            .unwrap_or(0);
        for e in &o.timeline[..shown] {
            let lead = format!("  {}  {:<pad$}  ", e.date, event(e.event));
            let lines = crate::render::report::text::wrap(&e.text, width.saturating_sub(lead.len()).max(20));
            for (i, l) in lines.iter().enumerate() {
                if i == 0 {
                    let _ = writeln!(out, "{lead}{l}");
                } else {
                    let _ = writeln!(out, "{}{l}", " ".repeat(lead.len()));
                }
            }
        }
        if shown < o.timeline.len() {
            let _ = writeln!(
                out,
                "  ({} earlier entries: kam show {} --all)",
                o.timeline.len() - shown,
                o.id
            );
        }
    }
    if let Some(n) = omitted(o) {
        let _ = writeln!(out, "\n{n}");
    }
    out
}

/// The Markdown form.
pub fn markdown(o: &Overview, all: bool) -> String {
    let mut out = String::new();
    let mut head = head(o).into_iter();
    let _ = writeln!(out, "## {}\n", head.next().unwrap_or_default());
    for line in head {
        let _ = writeln!(out, "- {line}");
    }
    if !o.people.is_empty() {
        let _ = writeln!(out, "\n### People\n");
        out.push_str(&people(o).markdown());
    }
    let t = tasks(o);
    if !t.is_empty() {
        let _ = writeln!(out, "\n### Open tasks\n");
        for line in t {
            let _ = writeln!(out, "- {line}");
        }
    }
    if let Some(s) = step(o) {
        let _ = writeln!(out, "\n### Next step\n\n{s}");
    }
    if !o.timeline.is_empty() {
        let _ = writeln!(out, "\n### Timeline\n");
        let shown = if all {
            o.timeline.len()
        } else {
            RECENT.min(o.timeline.len())
        };
        for e in &o.timeline[..shown] {
            let _ = writeln!(out, "- {} {}: {}", e.date, event(e.event), e.text);
        }
        if shown < o.timeline.len() {
            let _ = writeln!(out, "- … {} earlier entries", o.timeline.len() - shown);
        }
    }
    if let Some(n) = omitted(o) {
        let _ = writeln!(out, "\n{n}");
    }
    out
}

/// The JSON form: the whole overview.
pub fn json(o: &Overview) -> String {
    crate::render::visible::json_pretty(o, "{}")
}
