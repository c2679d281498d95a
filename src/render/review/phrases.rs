//! The phrases of `kam diff` that every form shares: the headline, the business summary (gates,
//! stages, tiers, handovers, what changed after the deal, findings), a stage move, a gate's
//! verdict, a tier line, a field and a record change, a playbook change. Labels come from the
//! playbooks; ids stay visible so a reviewer can find them in the file.

use std::fmt::Write;

use crate::domain::playbook::Playbook;
use crate::domain::review::impact::Impact;
use crate::domain::review::playbook::PlaybookChange;
use crate::domain::review::{
    AccountDiff, Change, CrossedGate, DiffReport, FieldChange, FileChange, RecordChange, RecordEvent, ScoreChange,
    StageMove,
};
use crate::render::table::ABSENT;

/// `from → to`, with "—" for an absent side.
pub fn arrow<T>(c: &Change<Option<T>>, show: impl Fn(&T) -> String) -> String {
    let side = |v: &Option<T>| v.as_ref().map_or_else(|| ABSENT.to_string(), &show);
    format!("{} → {}", side(&c.from), side(&c.to))
}

pub fn score_value(v: &f64) -> String {
    format!("{v:.1}")
}

/// What the change did to the file, in words.
pub fn change_word(pb: &Playbook, a: &AccountDiff) -> String {
    match a.change {
        FileChange::Added => pb.text("diff.added", "added").to_string(),
        FileChange::Removed => pb.text("diff.removed", "removed").to_string(),
        FileChange::Modified => pb.text("diff.modified", "changed").to_string(),
        FileChange::Renamed => format!(
            "{} {}",
            pb.text("diff.renamed_from", "renamed from"),
            a.old_file.as_deref().unwrap_or_default()
        ),
    }
}

/// The account as people name it: `id · name`.
pub fn title(a: &AccountDiff) -> String {
    if a.name.is_empty() {
        a.id.clone()
    } else {
        format!("{} · {}", a.id, a.name)
    }
}

/// The headline count: "3 accounts changed (1 added, 2 changed)".
pub fn summary(pb: &Playbook, r: &DiffReport) -> String {
    let n = r.accounts.len();
    if n == 0
        && r.findings
            .iter()
            .any(|f| f.kind == crate::domain::review::FindingKind::NotRegular)
    {
        // Something under accounts/ that kam cannot review changed: never "no account changed".
        return pb
            .text(
                "diff.no_readable_changes",
                "no account file kam can read changed, but accounts/ changed in a way it cannot review (see below)",
            )
            .to_string();
    }
    if n == 0 {
        return pb.text("diff.no_changes", "no account changed").to_string();
    }
    let mut parts = Vec::new();
    for (kind, word) in [
        (FileChange::Added, pb.text("diff.added", "added")),
        (FileChange::Modified, pb.text("diff.modified", "changed")),
        (FileChange::Renamed, pb.text("diff.renamed", "renamed")),
        (FileChange::Removed, pb.text("diff.removed", "removed")),
    ] {
        let count = r.accounts.iter().filter(|a| a.change == kind).count();
        if count > 0 {
            parts.push(format!("{count} {word}"));
        }
    }
    let accounts = if n == 1 {
        pb.text("diff.account_changed", "account changed")
    } else {
        pb.text("diff.accounts_changed", "accounts changed")
    };
    format!("{n} {accounts} ({})", parts.join(", "))
}

/// What fails `--check`, counted: "1 stage moved forward past an unmet gate; 2 findings".
pub fn verdict(pb: &Playbook, r: &DiffReport) -> Option<String> {
    let findings = r.all_findings().count();
    let mut parts = Vec::new();
    if r.bypassed > 0 {
        parts.push(format!(
            "{} {}",
            r.bypassed,
            if r.bypassed == 1 {
                pb.text("diff.bypassed_one", "stage moved forward past an unmet gate")
            } else {
                pb.text("diff.bypassed_many", "stages moved forward past an unmet gate")
            }
        ));
    }
    if findings > 0 {
        parts.push(format!(
            "{findings} {}",
            if findings == 1 {
                pb.text("diff.finding_one", "finding")
            } else {
                pb.text("diff.finding_many", "findings")
            }
        ));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// Which playbook judged what.
pub fn playbook_note(pb: &Playbook, r: &DiffReport) -> String {
    let p = &r.playbook;
    let mut note = format!(
        "{} {}",
        pb.text(
            "diff.judged_with",
            "Gates are judged with the playbook in force before the change:"
        ),
        p.base
    );
    if p.head != p.base {
        let _ = write!(
            note,
            "{}{} {}",
            pb.text("report.item_separator", "; "),
            pb.text("diff.read_with", "the newer version is read with"),
            p.head
        );
    }
    note
}

/// `from → to — label`, the ids in backquotes for Markdown (`code`).
pub fn stage_line(pb: &Playbook, s: &StageMove, code: bool) -> String {
    let q = if code { "`" } else { "" };
    let side = |v: &Option<String>| {
        v.as_deref()
            .map_or_else(|| ABSENT.to_string(), |s| format!("{q}{s}{q}"))
    };
    let mut line = format!("{} → {}", side(&s.from), side(&s.to));
    if let Some(to) = &s.to {
        let _ = write!(line, " — {}", pb.stage_label(to));
    }
    line
}

pub fn gate_verdict(pb: &Playbook, g: &CrossedGate) -> String {
    if g.met {
        return pb.text("diff.gate_met", "met").to_string();
    }
    let ids: Vec<String> = g.unmet.iter().map(|i| format!("{} ({})", i.id, i.label)).collect();
    let mut text = format!(
        "{}: {}",
        pb.text("diff.gate_not_met", "not met, missing"),
        ids.join(", ")
    );
    if g.relaxed {
        let _ = write!(
            text,
            " — {}",
            pb.text("diff.gate_relaxed", "met only under the playbook this change brings")
        );
    }
    text
}

/// Tier, value and difficulty: `from → to` where they moved, the value alone where not.
pub fn tier_line(pb: &Playbook, s: &ScoreChange) -> String {
    fn part<T: PartialEq>(c: &Change<Option<T>>, show: impl Fn(&T) -> String) -> String {
        if c.from == c.to {
            c.to.as_ref().map_or_else(|| ABSENT.to_string(), show)
        } else {
            arrow(c, show)
        }
    }
    format!(
        "{} {} · {} {} · {} {}",
        pb.text("diff.tier", "tier"),
        part(&s.tier, Clone::clone),
        pb.text("diff.value", "value"),
        part(&s.value, score_value),
        pb.text("diff.difficulty", "difficulty"),
        part(&s.difficulty, score_value)
    )
}

/// A field change: "Payment attitude (`finance.payment_attitude)`: Prompt → Slow"; personal data
/// only as "changed".
pub fn field_line(pb: &Playbook, f: &FieldChange) -> String {
    let name = if f.label == f.path {
        f.path.clone()
    } else {
        format!("{} ({})", f.label, f.path)
    };
    if f.sensitive {
        return format!(
            "{name}: {}",
            pb.text("diff.changed_personal", "changed (personal data)")
        );
    }
    let side = |v: &Option<String>| v.clone().unwrap_or_else(|| ABSENT.to_string());
    format!("{name}: {} → {}", side(&f.from), side(&f.to))
}

/// A field of an added record: "Next step: 约何总见面".
pub fn field_value(pb: &Playbook, f: &FieldChange, removed: bool) -> String {
    if f.sensitive {
        return format!("{}: {}", f.label, pb.text("diff.set_personal", "set (personal data)"));
    }
    let v = if removed { &f.from } else { &f.to };
    format!("{}: {}", f.label, v.as_deref().unwrap_or(ABSENT))
}

/// The mark of a record event: + added, − removed, ~ changed.
pub fn record_mark(e: RecordEvent) -> &'static str {
    match e {
        RecordEvent::Added => "+",
        RecordEvent::Removed => "−",
        RecordEvent::Changed => "~",
    }
}

pub fn record_word(pb: &Playbook, e: RecordEvent) -> &str {
    match e {
        RecordEvent::Added => pb.text("diff.record_added", "added"),
        RecordEvent::Removed => pb.text("diff.record_removed", "removed"),
        RecordEvent::Changed => pb.text("diff.record_changed", "changed"),
    }
}

/// What a record change holds: its changed fields, or the fields of an added record.
pub fn record_body(pb: &Playbook, r: &RecordChange) -> String {
    let parts: Vec<String> = match r.event {
        RecordEvent::Changed => r.fields.iter().map(|f| field_line(pb, f)).collect(),
        RecordEvent::Added => r.fields.iter().map(|f| field_value(pb, f, false)).collect(),
        RecordEvent::Removed => Vec::new(),
    };
    parts.join("; ")
}

/// One line of the business summary per fact: stage moves with their gates, tiers, handovers.
pub fn summary_lines(pb: &Playbook, a: &AccountDiff) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    if a.change == FileChange::Removed {
        let stage = a.stage.as_ref().and_then(|s| s.from.clone());
        let tier = a.score.as_ref().and_then(|s| s.tier.from.clone());
        out.push((
            false,
            format!(
                "{} ({} {}, {} {})",
                pb.text("diff.removed_account", "account file removed"),
                pb.text("diff.stage_word", "stage"),
                stage.as_deref().unwrap_or(ABSENT),
                pb.text("diff.tier", "tier"),
                tier.as_deref().unwrap_or(ABSENT)
            ),
        ));
        out.extend(a.findings.iter().map(|f| (true, f.text())));
        return out;
    }
    if let Some(s) = &a.stage {
        // Ids only: the detail names each item.
        let gates: Vec<String> = s
            .gates
            .iter()
            .map(|g| {
                let verdict = if g.met {
                    pb.text("diff.gate_met", "met").to_string()
                } else {
                    let ids: Vec<&str> = g.unmet.iter().map(|i| i.id.as_str()).collect();
                    let mut v = format!(
                        "{}: {}",
                        pb.text("diff.gate_not_met", "not met, missing"),
                        ids.join(", ")
                    );
                    if g.relaxed {
                        let _ = write!(
                            v,
                            " ({})",
                            pb.text("diff.gate_relaxed", "met only under the playbook this change brings")
                        );
                    }
                    v
                };
                format!("{} {}: {verdict}", pb.text("diff.gate_of", "gate of"), g.stage)
            })
            .collect();
        let mut line = match (a.change, &s.to) {
            (FileChange::Added, Some(to)) => format!(
                "{} {to} — {}",
                pb.text("diff.new_account_in", "new account in stage"),
                pb.stage_label(to)
            ),
            _ => format!("{} {}", pb.text("diff.stage_word", "stage"), stage_line(pb, s, false)),
        };
        if !gates.is_empty() {
            let _ = write!(line, "; {}", gates.join("; "));
        }
        out.push((s.bypassed(), line));
    }
    if let Some(s) = &a.score
        && s.tier.from != s.tier.to
    {
        out.push((
            false,
            format!("{} {}", pb.text("diff.tier", "tier"), arrow(&s.tier, Clone::clone)),
        ));
    }
    if let Some(h) = a.handover() {
        out.push((
            false,
            format!(
                "{} {} → {}",
                pb.text("diff.handover", "handed over:"),
                h.from.as_deref().unwrap_or(ABSENT),
                h.to.as_deref().unwrap_or(ABSENT)
            ),
        ));
    }
    // After the deal, in business terms: the detail lists the same records field by field.
    for n in &a.after_deal {
        let (label, text) = crate::render::review::after_deal::phrase(pb, n);
        out.push((false, format!("{label}: {text}")));
    }
    for f in &a.findings {
        out.push((true, f.text()));
    }
    out
}

/// A playbook change: "Rules — the rule of exit item `rated` …: { … } → { … }".
pub fn playbook_change(pb: &Playbook, c: &PlaybookChange) -> String {
    use crate::domain::review::playbook::Element;
    match c.element {
        Some(Element::Removed) => {
            return pb.fill("diff.pb.removed", "{what}: removed", &[("what", &c.what)]);
        }
        Some(Element::Added) => return pb.fill("diff.pb.added", "{what}: added", &[("what", &c.what)]),
        None => {}
    }
    let side = |v: &Option<String>| v.clone().unwrap_or_else(|| ABSENT.to_string());
    format!("{}: {} → {}", c.what, side(&c.from), side(&c.to))
}

/// What the new rules do to an account: "tier B → A; current gate blocked → ready".
pub fn impact_line(pb: &Playbook, i: &Impact) -> String {
    let mut parts = Vec::new();
    if let Some(t) = &i.tier {
        parts.push(format!("{} {}", pb.text("diff.tier", "tier"), arrow(t, Clone::clone)));
    }
    let state = |met: &bool| {
        if *met {
            pb.text("diff.ready", "ready").to_string()
        } else {
            pb.text("diff.blocked", "blocked").to_string()
        }
    };
    if let Some(g) = &i.gate {
        parts.push(format!(
            "{} {}",
            pb.text("diff.current_gate", "gate of the current stage"),
            arrow(g, state)
        ));
    }
    if let Some(c) = &i.crossed {
        let met = |m: &bool| {
            if *m {
                pb.text("diff.gate_met", "met").to_string()
            } else {
                pb.text("diff.unmet", "not met").to_string()
            }
        };
        parts.push(format!(
            "{} {}",
            pb.text("diff.crossed_gates", "gates its history crossed"),
            arrow(c, met)
        ));
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::review::playbook::{Area, Element};

    #[test]
    fn a_whole_element_of_the_playbook_reads_added_or_removed_never_dumped() {
        let mut c = PlaybookChange {
            area: Area::ExitItems,
            what: "exit item `go` (Go decision taken) of stage `qualify` (Qualify the target)".into(),
            path: "stages.qualify.exit.go".into(),
            from: Some("Go decision taken".into()),
            to: None,
            element: Some(Element::Removed),
        };
        let pb = crate::domain::test_support::default_playbook().unwrap();
        assert_eq!(
            playbook_change(&pb, &c),
            "exit item `go` (Go decision taken) of stage `qualify` (Qualify the target): removed"
        );
        c.element = Some(Element::Added);
        assert!(playbook_change(&pb, &c).ends_with(": added"));
        c.element = None;
        assert!(playbook_change(&pb, &c).ends_with(": Go decision taken → —"));
    }
}
