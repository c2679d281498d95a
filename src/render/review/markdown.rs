//! `kam diff` as Markdown (a pull request comment: a heading per account, short tables, ✅/❌).

use std::fmt::Write;

use crate::domain::playbook::Playbook;
use crate::domain::review::{AccountDiff, DiffReport, FileChange};
use crate::render::review::phrases::{
    arrow, bypass_line, change_word, contact_change, contact_name, gate_verdict, playbook_note, stage_line, summary,
    tier_line, visit_cells,
};
use crate::render::table::{Column, Grid, md_escape};

/// The pull request comment.
pub fn markdown(pb: &Playbook, r: &DiffReport) -> String {
    let mut out = String::new();
    let head = r.head.as_deref().map_or_else(
        || pb.text("diff.working_tree", "working tree").to_string(),
        |h| format!("`{h}`"),
    );
    let _ = writeln!(out, "## kam diff: `{}` → {head}\n", r.base);
    let _ = write!(out, "**{}**.", summary(pb, r));
    match bypass_line(pb, r) {
        Some(b) => {
            let _ = writeln!(out, " ❌ **{b}.**");
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
    for a in &r.accounts {
        out.push_str(&account_md(pb, a));
    }
    // Sections end in a blank line and headings start with one; keep one.
    while out.contains("\n\n\n") {
        out = out.replace("\n\n\n", "\n\n");
    }
    out
}

/// One account's section of the comment.
pub fn account_md(pb: &Playbook, a: &AccountDiff) -> String {
    let mut out = String::new();
    let title = if a.name.is_empty() {
        md_escape(&a.id)
    } else {
        format!("{} · {}", md_escape(&a.id), md_escape(&a.name))
    };
    let mark = if a.bypassed() { "❌ " } else { "" };
    let _ = writeln!(out, "\n### {mark}{title}\n");
    let _ = writeln!(out, "`{}` · {}\n", a.file, md_escape(&change_word(pb, a)));
    for p in &a.problems {
        let which = match p.version {
            crate::domain::review::Version::Base => pb.text("diff.base_version", "older version"),
            crate::domain::review::Version::Head => pb.text("diff.head_version", "newer version"),
        };
        let _ = writeln!(out, "⚠️ {which}: {}\n", md_escape(&p.message));
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
            "**{}** ({} `{}`):\n",
            pb.text("diff.checklist", "Checklist"),
            pb.text("diff.gate_of", "gate of"),
            first.stage
        );
        for i in &a.checklist {
            let (mark, word) = if i.met {
                ("✅", pb.text("diff.newly_met", "newly met"))
            } else {
                ("❌", pb.text("diff.no_longer_met", "no longer met"))
            };
            let _ = writeln!(out, "- {mark} {word}: {} — {}", i.id, md_escape(&i.label));
        }
        out.push('\n');
    }
    if !a.visits.is_empty() {
        let _ = writeln!(out, "**{}:**\n", pb.text("diff.visits", "Visits"));
        let mut g = Grid::new(vec![
            Column::new("date", pb.text("diff.date", "date")),
            Column::new("form", pb.text("diff.form", "form")),
            Column::new("next", pb.text("diff.next_step", "next step")),
            Column::new("report", pb.text("diff.report", "report")),
        ]);
        for v in &a.visits {
            g.push(visit_cells(pb, v).map(Some).to_vec());
        }
        out.push_str(&g.markdown());
        out.push('\n');
    }
    if !a.contacts.is_empty() {
        let _ = writeln!(out, "**{}:**\n", pb.text("diff.contacts", "Contacts"));
        let mut g = Grid::new(vec![
            Column::new("contact", pb.text("diff.contact", "contact")),
            Column::new("change", pb.text("diff.change", "change")),
        ]);
        for c in &a.contacts {
            g.push(vec![Some(contact_name(c)), Some(contact_change(pb, c))]);
        }
        out.push_str(&g.markdown());
        out.push('\n');
    }
    if !a.after_deal.is_empty() {
        let _ = writeln!(out, "**{}:**\n", pb.text("diff.after_deal", "After the deal"));
        for n in &a.after_deal {
            let (label, text) = crate::render::review::after_deal::phrase(pb, n);
            let _ = writeln!(out, "- {}: {}", md_escape(&label), md_escape(&text));
        }
        out.push('\n');
    }
    if a.is_quiet() && a.change == FileChange::Modified {
        let _ = writeln!(
            out,
            "{}\n",
            pb.text(
                "diff.other_edits",
                "No change to stage, score, visits, checklist or contacts (other fields edited)."
            )
        );
    }
    out
}
