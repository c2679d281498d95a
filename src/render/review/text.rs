//! `kam diff` as terminal text: the headline and which playbook judged the gates, the business
//! summary (stages and their gates, tiers, handovers, findings), the playbook change, then each
//! account's detail: stage and gates, score, checklist, findings, fields and records. Colors only
//! when asked for.

use std::fmt::Write;

use crate::domain::playbook::Playbook;
use crate::domain::review::{AccountDiff, DiffReport, FileChange, RecordEvent, Version};
use crate::render::review::phrases::{
    arrow, change_word, field_line, gate_verdict, impact_line, playbook_change, playbook_note, record_body,
    record_mark, stage_line, summary, summary_lines, tier_line, title, verdict,
};

use crate::render::style::{Tone, paint};
use crate::render::visible::line;

/// The whole report as text.
pub fn text(pb: &Playbook, r: &DiffReport, color: bool) -> String {
    let mut out = String::new();
    let head = r
        .head
        .clone()
        .unwrap_or_else(|| crate::render::review::newer_side(pb, r));
    let _ = writeln!(
        out,
        "{} → {}{}{}",
        line(&r.base),
        line(&head),
        pb.text("report.colon", ": "),
        summary(pb, r)
    );
    let _ = writeln!(out, "{}", line(&playbook_note(pb, r)));
    business_summary(pb, r, color, &mut out);
    playbook(pb, r, &mut out);
    for a in &r.accounts {
        out.push('\n');
        account(pb, a, color, &mut out);
    }
    if let Some(v) = verdict(pb, r) {
        let _ = writeln!(out, "\n{}", paint(&format!("✗ {v}"), Tone::Bad, color));
    }
    out
}

fn business_summary(pb: &Playbook, r: &DiffReport, color: bool, out: &mut String) {
    let mut lines = Vec::new();
    for f in &r.findings {
        lines.push(paint(&format!("✗ {}", line(&f.text())), Tone::Bad, color));
    }
    for a in &r.accounts {
        for (bad, text) in summary_lines(pb, a) {
            let mark = if bad { "✗" } else { "•" };
            let text = format!("{mark} {}: {}", line(&a.id), line(&text));
            lines.push(if bad { paint(&text, Tone::Bad, color) } else { text });
        }
    }
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{}", pb.text("diff.summary", "Summary"));
    for l in lines {
        let _ = writeln!(out, "  {l}");
    }
}

fn playbook(pb: &Playbook, r: &DiffReport, out: &mut String) {
    let p = &r.playbook;
    if !p.edited && p.changes.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{}", pb.text("diff.playbook", "Playbook"));
    if p.changes.is_empty() {
        let _ = writeln!(
            out,
            "  {}",
            pb.text(
                "diff.playbook_layout_only",
                "kam.yaml was edited, but no rule changed: comments, layout or the order of keys only"
            )
        );
        return;
    }
    let _ = writeln!(
        out,
        "  {} {}",
        p.changes.len(),
        pb.text(
            "diff.playbook_changes",
            "changes to the rules (in force before → this change):"
        )
    );
    for c in &p.changes {
        let _ = writeln!(out, "  • {}", line(&playbook_change(pb, c)));
    }
    if p.accounts.is_empty() {
        let _ = writeln!(
            out,
            "  {}",
            pb.text(
                "diff.playbook_moves_none",
                "No account changes tier or gate state under the new rules."
            )
        );
    } else {
        let _ = writeln!(
            out,
            "  {}",
            pb.text(
                "diff.playbook_moves",
                "Accounts the new rules move (same data, both playbooks):"
            )
        );
        for i in &p.accounts {
            let _ = writeln!(out, "    {}: {}", line(&i.id), impact_line(pb, i));
        }
    }
}

/// One account's part of the report: its header line and the indented lines of what changed.
pub fn account(pb: &Playbook, a: &AccountDiff, color: bool, out: &mut String) {
    let _ = writeln!(
        out,
        "{} — {} ({})",
        paint(&line(&title(a)), Tone::Strong, color),
        line(&change_word(pb, a)),
        line(&a.file)
    );
    let row = |out: &mut String, label: &str, text: &str| {
        let _ = writeln!(out, "  {label:<10} {text}");
    };
    for p in &a.problems {
        let which = match p.version {
            Version::Base => pb.text("diff.base_version", "older version"),
            Version::Head => pb.text("diff.head_version", "newer version"),
        };
        row(
            out,
            "!",
            &paint(&format!("{which}: {}", line(&p.message)), Tone::Bad, color),
        );
    }
    if let Some(s) = &a.stage {
        row(out, pb.text("diff.stage_word", "stage"), &stage_line(pb, s, false));
        for g in &s.gates {
            let (mark, style) = if g.met { ("✓", Tone::Good) } else { ("✗", Tone::Bad) };
            let when = g.date.map(|d| format!(", {d}")).unwrap_or_default();
            let line = format!(
                "{mark} {} {}{when}: {}",
                pb.text("diff.gate_of", "gate of"),
                g.stage,
                gate_verdict(pb, g)
            );
            row(out, "", &paint(&line, style, color));
        }
    }
    if let Some(s) = &a.score {
        row(out, pb.text("diff.score_word", "score"), &tier_line(pb, s));
        for f in &s.factors {
            let why = f.why.to.as_deref().map(|w| format!(" — {w}")).unwrap_or_default();
            row(
                out,
                "",
                &format!("{} ({}): {}{why}", f.label, f.id, arrow(&f.rating, ToString::to_string)),
            );
        }
    }
    for i in &a.checklist {
        let (mark, word, style) = if i.met {
            ("✓", pb.text("diff.newly_met", "newly met"), Tone::Good)
        } else {
            ("✗", pb.text("diff.no_longer_met", "no longer met"), Tone::Bad)
        };
        let line = format!("{mark} {word}: {} — {}", i.id, i.label);
        row(
            out,
            pb.text("diff.checklist_word", "checklist"),
            &paint(&line, style, color),
        );
    }
    for f in &a.findings {
        row(
            out,
            pb.text("diff.finding_word", "finding"),
            &paint(&format!("✗ {}", line(&f.text())), Tone::Bad, color),
        );
    }
    for f in &a.fields {
        row(out, pb.text("diff.field_word", "field"), &line(&field_line(pb, f)));
    }
    for r in &a.records {
        let body = record_body(pb, r);
        let sep = if body.is_empty() { "" } else { ": " };
        let word = if r.event == RecordEvent::Removed {
            format!(" ({})", pb.text("diff.record_removed", "removed"))
        } else {
            String::new()
        };
        row(
            out,
            &line(&r.label),
            &line(&format!("{} {}{word}{sep}{body}", record_mark(r.event), r.key)),
        );
    }
    if a.is_quiet() {
        let note = match a.change {
            FileChange::Renamed => pb.text("diff.renamed_only", "Renamed; its content is unchanged."),
            _ => pb.text(
                "diff.layout_only",
                "Only comments, blank lines or layout changed: every value is as it was.",
            ),
        };
        row(out, "", note);
    }
}
