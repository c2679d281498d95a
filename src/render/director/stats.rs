//! `kam stats` as text, Markdown (with a Mermaid bar chart of the funnel), JSON and CSV.

use std::fmt::Write;

use crate::domain::playbook::Playbook;
use crate::domain::stats::calibration::{Calibration, TierRow};
use crate::domain::stats::{Funnel, GroupBy, Stats};
use crate::render::director::words::Words;
use crate::render::director::{bars_legend, days, mermaid, pct, period, stage_label};
use crate::render::style;
use crate::render::table::{Column, Fit, Grid, md_escape};

/// Text and Markdown share their tables; they differ in headings and notes. Text has a width
/// and colors on or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Text(usize, bool),
    Md,
}

fn table(g: &Grid, form: Form) -> String {
    match form {
        Form::Text(width, color) => g.text_colored(width, color),
        Form::Md => g.markdown(),
    }
}

fn heading(out: &mut String, form: Form, level: usize, text: &str) {
    match form {
        Form::Text(..) => {
            let _ = writeln!(out, "{text}");
        }
        Form::Md => {
            let _ = writeln!(out, "{} {}\n", "#".repeat(level), md_escape(text));
        }
    }
}

fn para(out: &mut String, form: Form, text: &str) {
    match form {
        Form::Text(width, _) => {
            let _ = writeln!(out, "{}", crate::render::table::wrap(text, width.max(20)));
        }
        Form::Md => {
            let _ = writeln!(out, "{}\n", md_escape(text));
        }
    }
}

/// The per-stage table of a funnel.
pub fn funnel_grid(pb: &Playbook, f: &Funnel) -> Grid {
    let w = Words::new(pb);
    let mut g = Grid::new(vec![
        Column::new("stage", w.get("director.stage")).fit(Fit::Truncate).min(12),
        Column::new("now", w.get("director.now")).right(),
        Column::new("entered", w.get("director.entered")).right(),
        Column::new("left", w.get("director.left")).right(),
        Column::new("advanced", w.get("director.advanced")).right(),
        Column::new("conversion", w.get("director.conversion")).right(),
        Column::new("median_days", w.get("director.median_short")).right(),
        Column::new("p90_days", w.get("director.p90_short")).right(),
    ]);
    for s in &f.stages {
        g.push(vec![
            Some(s.label.clone()),
            Some(s.now.to_string()),
            Some(s.entered.to_string()),
            Some(s.left.to_string()),
            Some(s.advanced.to_string()),
            s.conversion.map(|c| pct(Some(c))),
            days(s.median_days),
            days(s.p90_days),
        ]);
    }
    g
}

/// "Won 1 (now 1) · Lost 1 · Paused 1" and the win rate line.
fn outcomes(pb: &Playbook, f: &Funnel, form: Form, out: &mut String) {
    let w = Words::new(pb);
    let o = &f.outcomes;
    let mut g = Grid::new(vec![
        Column::new("outcome", w.get("stats.outcomes")).fit(Fit::Truncate),
        Column::new("reached", w.get("stats.reached")).right(),
        Column::new("at_end", w.get("stats.at_end")).right(),
    ]);
    for (id, reached, now) in [
        ("won", o.won, o.won_now),
        ("lost", o.lost, o.lost_now),
        ("paused", o.paused, o.paused_now),
    ] {
        g.push(vec![
            Some(stage_label(pb, id).to_string()),
            Some(reached.to_string()),
            Some(now.to_string()),
        ]);
        g.tone_last_opt(0, style::stage(id));
    }
    out.push_str(&table(&g, form));
    if matches!(form, Form::Md) {
        out.push('\n');
    }
    let line = match o.win_rate {
        Some(rate) => w.fill(
            "stats.win_rate_line",
            &[
                ("rate", &pct(Some(rate))),
                ("won", &o.won.to_string()),
                ("decided", &(o.won + o.lost).to_string()),
            ],
        ),
        None => w.get("stats.no_decided").to_string(),
    };
    para(out, form, &line);
}

fn reasons(pb: &Playbook, f: &Funnel, form: Form, out: &mut String) {
    let w = Words::new(pb);
    if f.outcomes.endings.is_empty() {
        return;
    }
    out.push('\n');
    heading(out, form, 3, w.get("stats.reasons"));
    for e in &f.outcomes.endings {
        let date = e.date.map_or_else(|| "—".to_string(), |d| d.to_string());
        let reason = e.reason.as_deref().unwrap_or(w.get("stats.no_reason"));
        let line = format!(
            "{date}  {} ← {}  {} ({}): {reason}",
            stage_label(pb, &e.outcome),
            stage_label(pb, &e.from),
            e.id,
            e.owner
        );
        match form {
            Form::Text(width, _) => {
                let wrapped = crate::render::table::wrap(&line, width.saturating_sub(4).max(20));
                for (i, l) in wrapped.lines().enumerate() {
                    let _ = writeln!(out, "{}{l}", if i == 0 { "  " } else { "    " });
                }
            }
            Form::Md => {
                let _ = writeln!(out, "- {}", md_escape(&line));
            }
        }
    }
    if matches!(form, Form::Md) {
        out.push('\n');
    }
}

fn group_word(pb: &Playbook, by: GroupBy) -> &str {
    let w = Words::new(pb);
    w.get(match by {
        GroupBy::Owner => "director.owner",
        GroupBy::Tier => "director.tier",
        GroupBy::Class => "director.class",
        GroupBy::Region => "director.region",
    })
}

/// The label of a group key: a tier's or class's label from the playbook, else the key.
fn group_label(pb: &Playbook, by: GroupBy, key: Option<&str>) -> String {
    let Some(key) = key else {
        return Words::new(pb).get("director.none").to_string();
    };
    match by {
        GroupBy::Class => pb
            .enum_value("account_class", key)
            .map_or_else(|| key.to_string(), |v| v.label.clone()),
        _ => key.to_string(),
    }
}

fn groups(pb: &Playbook, s: &Stats, form: Form, out: &mut String) {
    let Some(by) = s.by else { return };
    let w = Words::new(pb);
    let word = group_word(pb, by);
    out.push('\n');
    heading(out, form, 2, &w.fill("stats.by", &[("key", word)]));
    let mut g = Grid::new(vec![
        Column::new("group", word).fit(Fit::Truncate),
        Column::new("in_pipeline", w.get("stats.in_pipeline")).right(),
        Column::new("new", w.get("stats.new")).right(),
        Column::new("won", stage_label(pb, "won")).right(),
        Column::new("lost", stage_label(pb, "lost")).right(),
        Column::new("paused", stage_label(pb, "paused")).right(),
        Column::new("win_rate", w.get("stats.win_rate")).right(),
    ]);
    for grp in &s.groups {
        let f = &grp.funnel;
        g.push(vec![
            Some(group_label(pb, by, grp.key.as_deref())),
            Some(f.stages.iter().map(|st| st.now).sum::<usize>().to_string()),
            Some(f.stages.first().map_or(0, |st| st.entered).to_string()),
            Some(f.outcomes.won.to_string()),
            Some(f.outcomes.lost.to_string()),
            Some(f.outcomes.paused.to_string()),
            Some(pct(f.outcomes.win_rate)),
        ]);
        if by == GroupBy::Tier {
            g.tone_last_opt(0, grp.key.as_deref().and_then(|t| style::tier(pb, t)));
        }
    }
    out.push_str(&table(&g, form));
    for grp in &s.groups {
        out.push('\n');
        let title = format!(
            "{word}: {} · {}",
            group_label(pb, by, grp.key.as_deref()),
            w.fill("director.accounts", &[("n", &grp.funnel.accounts.to_string())])
        );
        heading(out, form, 3, &title);
        out.push_str(&table(&funnel_grid(pb, &grp.funnel), form));
    }
}

fn tier_grid(pb: &Playbook, rows: &[TierRow]) -> Grid {
    let w = Words::new(pb);
    let mut g = Grid::new(vec![
        Column::new("tier", w.get("director.tier")),
        Column::new("left", w.get("director.left")).right(),
        Column::new("won", stage_label(pb, "won")).right(),
        Column::new("lost", stage_label(pb, "lost")).right(),
        Column::new("paused", stage_label(pb, "paused")).right(),
        Column::new("open", w.get("stats.open")).right(),
        Column::new("win_rate", w.get("stats.win_rate")).right(),
    ]);
    for r in rows {
        g.push(vec![
            Some(
                r.tier
                    .clone()
                    .unwrap_or_else(|| w.get("stats.not_assessed").to_string()),
            ),
            Some(r.left.to_string()),
            Some(r.won.to_string()),
            Some(r.lost.to_string()),
            Some(r.paused.to_string()),
            Some(r.open.to_string()),
            Some(pct(r.win_rate)),
        ]);
        g.tone_last_opt(0, r.tier.as_deref().and_then(|t| style::tier(pb, t)));
    }
    g
}

fn calibration(pb: &Playbook, c: &Calibration, weights: Option<&str>, form: Form, out: &mut String) {
    let w = Words::new(pb);
    let Some(stage) = c.stage.as_deref() else { return };
    let label = stage_label(pb, stage);
    out.push('\n');
    heading(out, form, 2, &w.fill("stats.calibration", &[("stage", label)]));
    if c.cases.is_empty() {
        para(out, form, &w.fill("stats.calibration_none", &[("stage", label)]));
        return;
    }
    out.push_str(&table(&tier_grid(pb, &c.rows), form));
    if let (Some(rows), Some(weights)) = (&c.what_if, weights) {
        out.push('\n');
        heading(out, form, 3, &w.fill("stats.what_if", &[("weights", weights)]));
        out.push_str(&table(&tier_grid(pb, rows), form));
        let total = c.cases.len().to_string();
        if matches!(form, Form::Md) {
            out.push('\n');
        }
        para(
            out,
            form,
            &w.fill("stats.moved", &[("n", &c.moved.to_string()), ("total", &total)]),
        );
    }
    if c.from_today > 0 {
        if matches!(form, Form::Md) {
            out.push('\n');
        }
        let total = c.cases.len().to_string();
        para(
            out,
            form,
            &w.fill(
                "stats.from_today",
                &[("n", &c.from_today.to_string()), ("total", &total)],
            ),
        );
    }
}

fn render(pb: &Playbook, s: &Stats, note: Option<&str>, weights: Option<&str>, form: Form) -> String {
    let w = Words::new(pb);
    let mut out = String::new();
    let title = format!(
        "{} · {}",
        w.fill("stats.title", &[("period", &period(pb, s.period))]),
        w.fill("director.accounts", &[("n", &s.total.accounts.to_string())])
    );
    heading(&mut out, form, 1, &title);
    if let Some(note) = note {
        para(&mut out, form, note);
    }
    if matches!(form, Form::Text(..)) {
        out.push('\n');
    }
    out.push_str(&table(&funnel_grid(pb, &s.total), form));
    if form == Form::Md {
        out.push('\n');
    }
    para(&mut out, form, w.get("stats.days_note"));
    if form == Form::Md {
        out.push('\n');
        let cats: Vec<String> = s.total.stages.iter().map(|st| st.label.clone()).collect();
        #[allow(clippy::cast_precision_loss)]
        let count = |n: usize| n as f64;
        let now: Vec<f64> = s.total.stages.iter().map(|st| count(st.now)).collect();
        let entered: Vec<f64> = s.total.stages.iter().map(|st| count(st.entered)).collect();
        out.push_str(&mermaid::bars(
            w.get("stats.chart_title"),
            &cats,
            w.get("forecast.accounts"),
            &[entered, now],
        ));
        out.push_str(&bars_legend(pb, w.get("director.entered"), w.get("director.now")));
    }
    out.push('\n');
    outcomes(pb, &s.total, form, &mut out);
    reasons(pb, &s.total, form, &mut out);
    groups(pb, s, form, &mut out);
    calibration(pb, &s.calibration, weights, form, &mut out);
    out
}

/// Terminal text, tables fitted to `width` and colored like every table when `color` is on.
pub fn text(pb: &Playbook, s: &Stats, note: Option<&str>, weights: Option<&str>, width: usize, color: bool) -> String {
    render(pb, s, note, weights, Form::Text(width, color))
}

/// Markdown with a Mermaid chart of the funnel.
pub fn markdown(pb: &Playbook, s: &Stats, note: Option<&str>, weights: Option<&str>) -> String {
    render(pb, s, note, weights, Form::Md)
}

/// The whole of the stats as JSON.
pub fn json(s: &Stats) -> String {
    let mut out = serde_json::to_string_pretty(s).unwrap_or_else(|_| "{}".to_string());
    out.push('\n');
    out
}

/// One row per group and stage (and outcome): the figures a spreadsheet pivots on. The total is
/// the group `all`.
pub fn csv(s: &Stats, cells: crate::render::csv::Cells) -> String {
    let mut g = Grid::new(
        [
            "group_by",
            "group",
            "stage",
            "now",
            "entered",
            "left",
            "advanced",
            "back",
            "lost",
            "paused",
            "conversion",
            "median_days",
            "p90_days",
            "win_rate",
        ]
        .map(|k| Column::new(k, k))
        .to_vec(),
    );
    let num = |x: Option<f64>| x.map(|v| format!("{v:.4}"));
    let mut add = |by: &str, key: Option<&str>, f: &Funnel| {
        for st in &f.stages {
            g.push(vec![
                Some(by.to_string()),
                key.map(str::to_string),
                Some(st.id.clone()),
                Some(st.now.to_string()),
                Some(st.entered.to_string()),
                Some(st.left.to_string()),
                Some(st.advanced.to_string()),
                Some(st.back.to_string()),
                Some(st.lost.to_string()),
                Some(st.paused.to_string()),
                num(st.conversion),
                num(st.median_days),
                num(st.p90_days),
                None,
            ]);
        }
        let o = &f.outcomes;
        for (id, reached, now) in [
            ("won", o.won, o.won_now),
            ("lost", o.lost, o.lost_now),
            ("paused", o.paused, o.paused_now),
        ] {
            let mut row = vec![None; 14];
            row[0] = Some(by.to_string());
            row[1] = key.map(str::to_string);
            row[2] = Some(id.to_string());
            row[3] = Some(now.to_string());
            row[4] = Some(reached.to_string());
            if id == "won" {
                row[13] = num(o.win_rate);
            }
            g.push(row);
        }
    };
    add("all", None, &s.total);
    if let Some(by) = s.by {
        for grp in &s.groups {
            add(by.id(), Some(grp.key.as_deref().unwrap_or("")), &grp.funnel);
        }
    }
    g.csv(cells)
}
