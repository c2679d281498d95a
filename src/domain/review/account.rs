//! What changed in one account between two versions, in business terms: the stage and every gate
//! it crossed going forward (met or not at the newer version), the tier, value and difficulty with
//! the factors that moved, new visits, checklist items newly met or lost, and contacts added,
//! removed or with a changed stance, closeness or roles. Both versions are judged with the same
//! playbook.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::account::Account;
use crate::domain::gate::pipeline::{is_resting, rank, resume_limit};
use crate::domain::gate::{gate_of, next_stage};
use crate::domain::playbook::Playbook;
use crate::domain::review::records::{Change, ContactChange, ItemChange, VisitNote, checklist, contacts, visits};
use crate::domain::score::{Score, Weights, score};

/// One version of an account file.
#[derive(Debug, Clone, Copy)]
pub enum Side<'a, 't> {
    /// The file does not exist in this version.
    Absent,
    /// The file exists but could not be read or parsed; the message says why.
    Broken(&'a str),
    Parsed(&'a Account<'t>),
}

impl<'a, 't> Side<'a, 't> {
    fn account(self) -> Option<&'a Account<'t>> {
        match self {
            Side::Parsed(a) => Some(a),
            _ => None,
        }
    }
}

/// How the file changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileChange {
    Added,
    Removed,
    Modified,
    Renamed,
}

/// A gate crossed going forward, judged on the newer version.
#[derive(Debug, Clone, Serialize)]
pub struct CrossedGate {
    /// The stage whose exit checklist is the gate.
    pub stage: String,
    pub label: String,
    /// The day it was crossed, from the history record (the day its rules are judged as of).
    pub date: Option<NaiveDate>,
    pub met: bool,
    pub unmet: Vec<ItemRef>,
}

/// An exit item by id and label.
#[derive(Debug, Clone, Serialize)]
pub struct ItemRef {
    pub id: String,
    pub label: String,
}

/// The stage before and after, with the gates crossed forward.
#[derive(Debug, Clone, Serialize)]
pub struct StageMove {
    pub from: Option<String>,
    pub to: Option<String>,
    pub gates: Vec<CrossedGate>,
}

impl StageMove {
    /// Whether a gate was crossed without being met.
    pub fn bypassed(&self) -> bool {
        self.gates.iter().any(|g| !g.met)
    }
}

/// A factor whose rating or justification moved.
#[derive(Debug, Clone, Serialize)]
pub struct FactorChange {
    pub id: String,
    pub label: String,
    pub rating: Change<Option<i64>>,
    pub why: Change<Option<String>>,
}

/// Tier, value and difficulty before and after, with the factors that moved.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreChange {
    pub tier: Change<Option<String>>,
    pub value: Change<Option<f64>>,
    pub difficulty: Change<Option<f64>>,
    pub factors: Vec<FactorChange>,
}

/// Which version could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Version {
    Base,
    Head,
}

/// A version of the file that could not be read or parsed.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    pub version: Version,
    pub message: String,
}

/// Everything that changed in one account.
#[derive(Debug, Clone, Serialize)]
pub struct AccountDiff {
    pub id: String,
    pub name: String,
    pub change: FileChange,
    /// The file in the newer version (the older one's when removed).
    pub file: String,
    /// The file's name in the older version, when it was renamed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_file: Option<String>,
    pub problems: Vec<Problem>,
    pub stage: Option<StageMove>,
    pub score: Option<ScoreChange>,
    pub visits: Vec<VisitNote>,
    pub checklist: Vec<ItemChange>,
    pub contacts: Vec<ContactChange>,
    /// Contracts, receivables, payments, aftercare and the retrospective, in business terms.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub after_deal: Vec<crate::domain::review::after_deal::MoneyNote>,
}

impl AccountDiff {
    pub fn bypassed(&self) -> bool {
        self.stage.as_ref().is_some_and(StageMove::bypassed)
    }

    /// Whether anything the review view shows changed (other edits are text and details).
    pub fn is_quiet(&self) -> bool {
        self.problems.is_empty()
            && self.stage.is_none()
            && self.score.is_none()
            && self.visits.is_empty()
            && self.checklist.is_empty()
            && self.contacts.is_empty()
            && self.after_deal.is_empty()
    }
}

/// The review of a change: every account that changed between two versions.
#[derive(Debug, Clone, Serialize)]
pub struct DiffReport {
    /// The older version (a revision).
    pub base: String,
    /// The newer version: a revision, or `null` for the working tree.
    pub head: Option<String>,
    /// The playbook both versions are judged with.
    pub playbook: String,
    /// Whether the playbook file itself changed between the versions.
    pub playbook_changed: bool,
    /// Stages moved forward past an unmet gate.
    pub bypassed: usize,
    pub accounts: Vec<AccountDiff>,
}

impl DiffReport {
    pub fn new(
        base: String,
        head: Option<String>,
        playbook: String,
        playbook_changed: bool,
        accounts: Vec<AccountDiff>,
    ) -> Self {
        DiffReport {
            bypassed: accounts.iter().filter(|a| a.bypassed()).count(),
            base,
            head,
            playbook,
            playbook_changed,
            accounts,
        }
    }
}

/// The files of the two versions: `None` where absent.
#[derive(Debug, Clone)]
pub struct Files<'a> {
    pub base: Option<&'a str>,
    pub head: Option<&'a str>,
}

/// Compares two versions of one account file as of `today` (for the current stage's checklist).
pub fn compare(
    pb: &Playbook,
    files: &Files<'_>,
    base: Side<'_, '_>,
    head: Side<'_, '_>,
    today: NaiveDate,
) -> AccountDiff {
    let (b, h) = (base.account(), head.account());
    let stem = |f: &str| {
        std::path::Path::new(f)
            .file_stem()
            .map_or_else(|| f.to_string(), |s| s.to_string_lossy().into_owned())
    };
    let file = files.head.or(files.base).unwrap_or_default().to_string();
    let id = h
        .or(b)
        .and_then(|a| a.id)
        .map_or_else(|| stem(&file), |t| t.text.to_string());
    let name = h.or(b).map(|a| a.name().to_string()).unwrap_or_default();
    let change = match (files.base, files.head) {
        (None, _) => FileChange::Added,
        (_, None) => FileChange::Removed,
        (Some(x), Some(y)) if x != y => FileChange::Renamed,
        _ => FileChange::Modified,
    };
    let mut problems = Vec::new();
    for (version, side) in [(Version::Base, base), (Version::Head, head)] {
        if let Side::Broken(message) = side {
            problems.push(Problem {
                version,
                message: message.to_string(),
            });
        }
    }
    let stage = stage_move(pb, base, head);
    let scores = (
        b.map(|a| score(pb, a, &Weights::new())),
        h.map(|a| score(pb, a, &Weights::new())),
    );
    let both = b.zip(h);
    AccountDiff {
        id,
        name,
        change,
        old_file: (change == FileChange::Renamed)
            .then(|| files.base.map(str::to_string))
            .flatten(),
        file,
        problems,
        stage,
        score: score_change(pb, scores.0.as_ref(), scores.1.as_ref()),
        // Visits, checklist and contacts compare two readable versions; an added or removed
        // account is summed up by its stage and score.
        visits: both.map(|(b, h)| visits(pb, b, h)).unwrap_or_default(),
        checklist: both.map(|(b, h)| checklist(pb, b, h, today)).unwrap_or_default(),
        contacts: both.map(|(b, h)| contacts(pb, b, h)).unwrap_or_default(),
        after_deal: both
            .map(|(b, h)| crate::domain::review::after_deal::after_deal(pb, b, h, today))
            .unwrap_or_default(),
    }
}

fn stage_move(pb: &Playbook, base: Side<'_, '_>, head: Side<'_, '_>) -> Option<StageMove> {
    // A version that cannot be read says nothing about the stage.
    if matches!(base, Side::Broken(_)) || matches!(head, Side::Broken(_)) {
        return None;
    }
    let from = base.account().map(|a| a.stage_id().to_string());
    let to = head.account().map(|a| a.stage_id().to_string());
    if from == to {
        return None;
    }
    let gates = head
        .account()
        .map(|h| crossed(pb, base.account(), h))
        .unwrap_or_default();
    Some(StageMove { from, to, gates })
}

/// The gates crossed going forward from the older version's stage to the newer one's. An added
/// account is judged as having come from the first stage; one resumed from lost or paused, from
/// the stage it rested from.
pub fn crossed(pb: &Playbook, base: Option<&Account<'_>>, head: &Account<'_>) -> Vec<CrossedGate> {
    let Some(to) = rank(pb, head.stage_id()) else {
        return Vec::new();
    };
    let from = match base {
        None => 0,
        Some(b) => match rank(pb, b.stage_id()) {
            Some(r) => r,
            None if is_resting(b.stage_id()) => resume_limit(pb, b),
            None => return Vec::new(),
        },
    };
    let entered = head.entered_current_stage().and_then(|m| m.date);
    (from..to)
        .map(|pos| {
            let stage = &pb.stages()[pos];
            let next = next_stage(pb, pos);
            let record = head
                .history
                .iter()
                .rev()
                .find(|m| m.from == Some(stage.id.as_str()) && m.to.is_some_and(|t| t.text == next))
                .and_then(|m| m.date);
            let date = record.or(entered);
            let day = date.or(head.created).unwrap_or(NaiveDate::MIN);
            let gate = gate_of(pb, pos, head, day);
            CrossedGate {
                stage: stage.id.clone(),
                label: stage.label.clone(),
                date,
                met: gate.ready,
                unmet: gate
                    .unmet()
                    .map(|i| ItemRef {
                        id: i.id.clone(),
                        label: i.label.clone(),
                    })
                    .collect(),
            }
        })
        .collect()
}

fn score_change(pb: &Playbook, base: Option<&Score>, head: Option<&Score>) -> Option<ScoreChange> {
    let factor = |s: Option<&Score>, id: &str| {
        s.and_then(|s| s.factors.iter().find(|f| f.id == id))
            .map_or((None, None), |f| (f.rating, f.why.clone()))
    };
    // Factor by factor only when both versions are scored; an added or removed account is
    // summed up by its tier.
    let both = base.is_some() && head.is_some();
    let factors: Vec<FactorChange> = pb
        .doc
        .scoring
        .factors
        .iter()
        .filter(|_| both)
        .filter_map(|f| {
            let (r0, w0) = factor(base, &f.id);
            let (r1, w1) = factor(head, &f.id);
            (r0 != r1 || w0 != w1).then(|| FactorChange {
                id: f.id.clone(),
                label: f.label.clone(),
                rating: Change { from: r0, to: r1 },
                why: Change { from: w0, to: w1 },
            })
        })
        .collect();
    let out = ScoreChange {
        tier: Change {
            from: base.and_then(|s| s.tier.clone()),
            to: head.and_then(|s| s.tier.clone()),
        },
        value: Change {
            from: base.and_then(|s| s.value),
            to: head.and_then(|s| s.value),
        },
        difficulty: Change {
            from: base.and_then(|s| s.difficulty),
            to: head.and_then(|s| s.difficulty),
        },
        factors,
    };
    let moved = out.tier.from != out.tier.to
        || out.value.from != out.value.to
        || out.difficulty.from != out.difficulty.to
        || !out.factors.is_empty();
    moved.then_some(out)
}

#[cfg(test)]
#[path = "account_tests.rs"]
mod tests;
