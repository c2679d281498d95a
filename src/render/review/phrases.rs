//! The phrases of `kam diff` that every form shares: the summary, a stage move, a gate's verdict,
//! a tier line, a visit's cells, a contact's change. Labels come from the playbook; ids stay
//! visible so a reviewer can find them in the file.

use std::fmt::Write;

use crate::domain::playbook::Playbook;
use crate::domain::review::records::{ContactChange, ContactEvent, VisitEvent, VisitNote};
use crate::domain::review::{AccountDiff, Change, CrossedGate, DiffReport, FileChange, ScoreChange, StageMove};
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

/// The headline count: "3 accounts changed (1 added, 2 changed)".
pub fn summary(pb: &Playbook, r: &DiffReport) -> String {
    let n = r.accounts.len();
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

/// "1 stage moved forward past an unmet gate", or `None`.
pub fn bypass_line(pb: &Playbook, r: &DiffReport) -> Option<String> {
    (r.bypassed > 0).then(|| {
        format!(
            "{} {}",
            r.bypassed,
            if r.bypassed == 1 {
                pb.text("diff.bypassed_one", "stage moved forward past an unmet gate")
            } else {
                pb.text("diff.bypassed_many", "stages moved forward past an unmet gate")
            }
        )
    })
}

/// Which playbook judged both versions, and a warning when it changed too.
pub fn playbook_note(pb: &Playbook, r: &DiffReport) -> String {
    let mut note = format!(
        "{} {}",
        pb.text(
            "diff.judged_with",
            "Both versions are judged with the workspace's playbook:"
        ),
        r.playbook
    );
    if r.playbook_changed {
        let _ = write!(
            note,
            ". {}",
            pb.text(
                "diff.playbook_changed",
                "kam.yaml changed in this diff as well: review its changes, which may move gates and scores of accounts not listed here"
            )
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
        pb.text("diff.gate_met", "met").to_string()
    } else {
        let ids: Vec<String> = g.unmet.iter().map(|i| format!("{} ({})", i.id, i.label)).collect();
        format!(
            "{}: {}",
            pb.text("diff.gate_not_met", "not met, missing"),
            ids.join(", ")
        )
    }
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

pub fn visit_cells(pb: &Playbook, v: &VisitNote) -> [String; 4] {
    let when = v.date.map_or_else(|| ABSENT.to_string(), |d| d.to_string());
    let form = v
        .form
        .as_deref()
        .map_or_else(|| ABSENT.to_string(), |f| pb.enum_label("visit_form", f).to_string());
    let next = match (&v.next_step, v.next_date) {
        (Some(s), Some(d)) => format!("{s} ({d})"),
        (Some(s), None) => s.clone(),
        (None, Some(d)) => d.to_string(),
        (None, None) => ABSENT.to_string(),
    };
    let report = match (v.event, v.report) {
        (VisitEvent::Reported, _) => pb.text("diff.report_added", "✅ report added").to_string(),
        (_, true) => "✅".to_string(),
        (_, false) => "❌".to_string(),
    };
    [when, form, next, report]
}

pub fn contact_name(c: &ContactChange) -> String {
    match &c.name {
        Some(n) => format!("{} · {n}", c.id),
        None => c.id.clone(),
    }
}

/// What changed about a contact: "added: stance Supporter, closeness 3".
pub fn contact_change(pb: &Playbook, c: &ContactChange) -> String {
    let stance = |s: &String| pb.enum_label("stance", s).to_string();
    let roles = |r: &Vec<String>| {
        if r.is_empty() {
            ABSENT.to_string()
        } else {
            r.iter()
                .map(|x| pb.enum_label("role", x))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let mut parts = Vec::new();
    let word = |id: &str, en: &'static str| pb.text(id, en).to_string();
    if let Some(s) = &c.stance {
        parts.push(format!("{} {}", word("diff.stance", "stance"), arrow(s, stance)));
    }
    if let Some(s) = &c.closeness {
        parts.push(format!(
            "{} {}",
            word("diff.closeness", "closeness"),
            arrow(s, ToString::to_string)
        ));
    }
    if let Some(r) = &c.roles {
        parts.push(format!(
            "{} {} → {}",
            word("diff.roles", "roles"),
            roles(&r.from),
            roles(&r.to)
        ));
    }
    let event = match c.event {
        ContactEvent::Added => Some(word("diff.contact_added", "added")),
        ContactEvent::Removed => Some(word("diff.contact_removed", "removed")),
        ContactEvent::Changed => None,
    };
    match (event, parts.is_empty()) {
        (Some(e), true) => e,
        (Some(e), false) => format!("{e}: {}", parts.join("; ")),
        (None, _) => parts.join("; "),
    }
}
