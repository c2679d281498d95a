//! `kam diff` as Markdown, for a pull request: the verdict and the business summary first
//! (stages and their gates, tiers, handovers, findings, the playbook change and the accounts it
//! moves), then each account's detail folded in a `<details>` block, so a pull request with fifty
//! accounts stays readable.

use std::fmt::Write;

use crate::domain::playbook::Playbook;
use crate::domain::review::{AccountDiff, DiffReport, FileChange, RecordEvent, Version};
use crate::render::review::phrases::{
    arrow, change_word, field_line, field_value, gate_verdict, impact_line, playbook_change, playbook_note,
    record_word, stage_line, summary, summary_lines, tier_line, title, verdict,
};
use crate::render::table::{Column, Grid, md_code, md_escape};

/// The pull request comment.
pub fn markdown(pb: &Playbook, r: &DiffReport) -> String {
    let mut out = String::new();
    let head = r
        .head
        .as_deref()
        .map_or_else(|| crate::render::review::newer_side(pb, r), md_code);
    let _ = writeln!(out, "## kam diff: {} → {head}\n", md_code(&r.base));
    let _ = write!(out, "**{}**.", summary(pb, r));
    match verdict(pb, r) {
        Some(v) => {
            let _ = writeln!(out, " ❌ **{v}.**");
        }
        None if r.accounts.iter().any(|a| a.stage.is_some()) => {
            let _ = writeln!(
                out,
                " ✅ {}.",
                pb.text("diff.all_gates_met", "Every gate crossed is met")
            );
        }
        None => out.push('\n'),
    }
    let _ = writeln!(out, "\n{}.", md_escape(&playbook_note(pb, r)));
    business_summary(pb, r, &mut out);
    playbook(pb, r, &mut out);
    if !r.accounts.is_empty() {
        let _ = writeln!(out, "\n### {}\n", pb.text("diff.accounts", "Accounts"));
    }
    for a in &r.accounts {
        out.push_str(&account_md(pb, a));
    }
    // Sections end in a blank line and headings start with one; keep one.
    while out.contains("\n\n\n") {
        out = out.replace("\n\n\n", "\n\n");
    }
    out
}

fn business_summary(pb: &Playbook, r: &DiffReport, out: &mut String) {
    let mut lines = Vec::new();
    for f in &r.findings {
        lines.push(format!("- ❌ {}", md_escape(&f.text())));
    }
    for a in &r.accounts {
        for (bad, line) in summary_lines(pb, a) {
            let mark = if bad { "❌ " } else { "" };
            lines.push(format!("- {mark}**{}**: {}", md_escape(&a.id), md_escape(&line)));
        }
    }
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n### {}\n", pb.text("diff.summary", "Summary"));
    for l in lines {
        let _ = writeln!(out, "{l}");
    }
}

fn playbook(pb: &Playbook, r: &DiffReport, out: &mut String) {
    let p = &r.playbook;
    if !p.edited && p.changes.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n### {}\n", pb.text("diff.playbook", "Playbook"));
    if p.changes.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            pb.text(
                "diff.playbook_layout_only",
                "kam.yaml was edited, but no rule changed: comments, layout or the order of keys only"
            )
        );
        return;
    }
    let _ = writeln!(
        out,
        "{} {}\n",
        p.changes.len(),
        pb.text(
            "diff.playbook_changes",
            "changes to the rules (in force before → this change):"
        )
    );
    for c in &p.changes {
        let _ = writeln!(out, "- {}", md_escape(&playbook_change(pb, c)));
    }
    out.push('\n');
    if p.accounts.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            pb.text(
                "diff.playbook_moves_none",
                "No account changes tier or gate state under the new rules."
            )
        );
    } else {
        let _ = writeln!(
            out,
            "{}\n",
            pb.text(
                "diff.playbook_moves",
                "Accounts the new rules move (same data, both playbooks):"
            )
        );
        for i in &p.accounts {
            let _ = writeln!(out, "- **{}**: {}", md_escape(&i.id), md_escape(&impact_line(pb, i)));
        }
    }
}

/// One account's section of the comment (a `<details>` block).
pub fn account_md(pb: &Playbook, a: &AccountDiff) -> String {
    let mut out = String::new();
    let mark = if a.fails() { "❌ " } else { "" };
    let _ = writeln!(
        out,
        "<details><summary>{mark}<b>{}</b> — {}</summary>\n",
        html(&title(a)),
        html(&change_word(pb, a))
    );
    let _ = writeln!(out, "{}\n", md_code(&a.file));
    for p in &a.problems {
        let which = match p.version {
            Version::Base => pb.text("diff.base_version", "older version"),
            Version::Head => pb.text("diff.head_version", "newer version"),
        };
        let _ = writeln!(out, "⚠️ {which}: {}\n", md_escape(&p.message));
    }
    for f in &a.findings {
        let _ = writeln!(out, "- ❌ {}", md_escape(&f.text()));
    }
    if !a.findings.is_empty() {
        out.push('\n');
    }
    if let Some(s) = &a.stage {
        let _ = writeln!(
            out,
            "**{}:** {}\n",
            pb.text("diff.stage", "Stage"),
            stage_line(pb, s, true)
        );
        if !s.gates.is_empty() {
            let mut g = Grid::new(vec![
                Column::new("gate", pb.text("diff.gate", "gate crossed")),
                Column::new("date", pb.text("diff.crossed_on", "crossed on")),
                Column::new("met", pb.text("diff.met_at_head", "met")),
            ]);
            for gate in &s.gates {
                let verdict = if gate.met { "✅" } else { "❌" };
                g.push(vec![
                    Some(format!("{} — {}", gate.stage, gate.label)),
                    gate.date.map(|d| d.to_string()),
                    Some(format!("{verdict} {}", gate_verdict(pb, gate))),
                ]);
            }
            out.push_str(&g.markdown());
            out.push('\n');
        }
    }
    if let Some(s) = &a.score {
        let _ = writeln!(
            out,
            "**{}:** {}\n",
            pb.text("diff.score", "Score"),
            md_escape(&tier_line(pb, s))
        );
        if !s.factors.is_empty() {
            let mut g = Grid::new(vec![
                Column::new("factor", pb.text("diff.factor", "factor")),
                Column::new("rating", pb.text("diff.rating", "rating")).right(),
                Column::new("why", pb.text("diff.why", "why")),
            ]);
            for f in &s.factors {
                let why = if f.why.from == f.why.to {
                    f.why.to.clone()
                } else {
                    Some(arrow(&f.why, Clone::clone))
                };
                g.push(vec![
                    Some(format!("{} ({})", f.label, f.id)),
                    Some(arrow(&f.rating, ToString::to_string)),
                    why,
                ]);
            }
            out.push_str(&g.markdown());
            out.push('\n');
        }
    }
    if let Some(first) = a.checklist.first() {
        let _ = writeln!(
            out,
            "**{}** ({} {}):\n",
            pb.text("diff.checklist", "Checklist"),
            pb.text("diff.gate_of", "gate of"),
            md_code(&first.stage)
        );
        for i in &a.checklist {
            let (mark, word) = if i.met {
                ("✅", pb.text("diff.newly_met", "newly met"))
            } else {
                ("❌", pb.text("diff.no_longer_met", "no longer met"))
            };
            let _ = writeln!(out, "- {mark} {word}: {} — {}", md_escape(&i.id), md_escape(&i.label));
        }
        out.push('\n');
    }
    if !a.fields.is_empty() {
        let _ = writeln!(out, "**{}:**\n", pb.text("diff.fields", "Fields"));
        for f in &a.fields {
            let _ = writeln!(out, "- {}", md_escape(&field_line(pb, f)));
        }
        out.push('\n');
    }
    if !a.records.is_empty() {
        let _ = writeln!(out, "**{}:**\n", pb.text("diff.records", "Records"));
        let mut g = Grid::new(vec![
            Column::new("kind", pb.text("diff.record_kind", "record")),
            Column::new("key", pb.text("diff.record_key", "which")),
            Column::new("event", pb.text("diff.change", "change")),
            Column::new("fields", pb.text("diff.record_fields", "fields")),
        ]);
        for r in &a.records {
            let fields: Vec<String> = match r.event {
                RecordEvent::Changed => r.fields.iter().map(|f| field_line(pb, f)).collect(),
                RecordEvent::Added => r.fields.iter().map(|f| field_value(pb, f, false)).collect(),
                RecordEvent::Removed => Vec::new(),
            };
            g.push(vec![
                Some(r.label.clone()),
                Some(r.key.clone()),
                Some(record_word(pb, r.event).to_string()),
                (!fields.is_empty()).then(|| fields.join("\n")),
            ]);
        }
        out.push_str(&g.markdown());
        out.push('\n');
    }
    if a.is_quiet() {
        let note = match a.change {
            FileChange::Renamed => pb.text("diff.renamed_only", "Renamed; its content is unchanged."),
            _ => pb.text(
                "diff.layout_only",
                "Only comments, blank lines or layout changed: every value is as it was.",
            ),
        };
        let _ = writeln!(out, "{note}\n");
    }
    out.push_str("</details>\n\n");
    out
}

/// Text inside an HTML element of the comment, on one line.
fn html(s: &str) -> String {
    crate::render::visible::line(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
