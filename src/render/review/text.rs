//! `kam diff` as terminal text: per account a header line and indented lines for the stage and
//! its gates, the score, the checklist, visits and contacts. Colors only when asked for.

use std::fmt::Write;

use crate::domain::playbook::Playbook;
use crate::domain::review::{AccountDiff, DiffReport, FileChange, Version};
use crate::render::review::phrases::{
    arrow, bypass_line, change_word, contact_change, contact_name, gate_verdict, playbook_note, stage_line, summary,
    tier_line, visit_cells,
};

const GREEN: &str = "\x1b[32m";
const RED: &str = "\x1b[31m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

fn paint(text: &str, style: &str, on: bool) -> String {
    if on {
        format!("{style}{text}{RESET}")
    } else {
        text.to_string()
    }
}

/// The whole report as text.
pub fn text(pb: &Playbook, r: &DiffReport, color: bool) -> String {
    let mut out = String::new();
    let head = r
        .head
        .clone()
        .unwrap_or_else(|| pb.text("diff.working_tree", "working tree").to_string());
    let _ = writeln!(out, "{} → {head}: {}", r.base, summary(pb, r));
    let _ = writeln!(out, "{}", playbook_note(pb, r));
    for a in &r.accounts {
        out.push('\n');
        account(pb, a, color, &mut out);
    }
    if let Some(b) = bypass_line(pb, r) {
        let _ = writeln!(out, "\n{}", paint(&format!("✗ {b}"), RED, color));
    }
    out
}

/// One account's part of the report: its header line and the indented lines of what changed.
pub fn account(pb: &Playbook, a: &AccountDiff, color: bool, out: &mut String) {
    let title = if a.name.is_empty() {
        a.id.clone()
    } else {
        format!("{} · {}", a.id, a.name)
    };
    let _ = writeln!(
        out,
        "{} — {} ({})",
        paint(&title, BOLD, color),
        change_word(pb, a),
        a.file
    );
    let row = |out: &mut String, label: &str, text: &str| {
        let _ = writeln!(out, "  {label:<10} {text}");
    };
    for p in &a.problems {
        let which = match p.version {
            Version::Base => pb.text("diff.base_version", "older version"),
            Version::Head => pb.text("diff.head_version", "newer version"),
        };
        row(out, "!", &paint(&format!("{which}: {}", p.message), RED, color));
    }
    if let Some(s) = &a.stage {
        row(out, pb.text("diff.stage_word", "stage"), &stage_line(pb, s, false));
        for g in &s.gates {
            let (mark, style) = if g.met { ("✓", GREEN) } else { ("✗", RED) };
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
            ("✓", pb.text("diff.newly_met", "newly met"), GREEN)
        } else {
            ("✗", pb.text("diff.no_longer_met", "no longer met"), RED)
        };
        let line = format!("{mark} {word}: {} — {}", i.id, i.label);
        row(
            out,
            pb.text("diff.checklist_word", "checklist"),
            &paint(&line, style, color),
        );
    }
    for v in &a.visits {
        let [date, form, next, report] = visit_cells(pb, v);
        let line = format!(
            "{date} {form}; {}: {next}; {}: {report}",
            pb.text("diff.next_step", "next step"),
            pb.text("diff.report", "report")
        );
        row(out, pb.text("diff.visit_word", "visit"), &line);
    }
    for c in &a.contacts {
        row(
            out,
            pb.text("diff.contact", "contact"),
            &format!("{}: {}", contact_name(c), contact_change(pb, c)),
        );
    }
    for n in &a.after_deal {
        let (label, text) = crate::render::review::after_deal::phrase(pb, n);
        row(out, &label, &text);
    }
    if a.is_quiet() && a.change == FileChange::Modified {
        row(
            out,
            "",
            pb.text(
                "diff.other_edits",
                "No change to stage, score, visits, checklist or contacts (other fields edited).",
            ),
        );
    }
}
