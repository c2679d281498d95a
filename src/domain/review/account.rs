//! What changed in one account between two versions, in business terms: the stage and every gate
//! it crossed going forward — judged with the playbook in force *before* the change, as of the day
//! each was crossed — the tier, value and difficulty with the factors that moved, the exit items
//! of the current stage newly met or lost, every field and record that changed, and the findings
//! that fail `kam diff --check` (a rewritten past, an unreadable or non-regular newer version, a
//! gate met only under rules the same change brings).

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::account::Account;
use crate::domain::gate::pipeline::{is_resting, rank, resume_limit};
use crate::domain::gate::{gate_of, next_stage};
use crate::domain::review::fields::{Books, FieldChange, RecordChange, detail};
use crate::domain::review::finding::{Finding, FindingKind};
use crate::domain::review::history;
use crate::domain::review::records::{Change, ItemChange, checklist};
use crate::domain::score::{Score, Weights, score};

/// One version of an account file.
#[derive(Debug, Clone, Copy)]
pub enum Side<'a, 't> {
    /// The file does not exist in this version.
    Absent,
    /// The file exists but could not be read or parsed; the message says why.
    Broken(&'a str),
    /// The path is not a regular file (a link, a pipe, a submodule): what it is.
    NotRegular(&'a str),
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

/// A gate crossed going forward.
#[derive(Debug, Clone, Serialize)]
pub struct CrossedGate {
    /// The stage whose exit checklist is the gate.
    pub stage: String,
    pub label: String,
    /// The day it was crossed, from the history record (the day its items are judged as of).
    pub date: Option<NaiveDate>,
    /// Met under the playbook in force before the change.
    pub met: bool,
    pub unmet: Vec<ItemRef>,
    /// Not met under the rules in force, but met under the playbook this change brings.
    pub relaxed: bool,
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

/// Which version a problem is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Version {
    Base,
    Head,
}

/// A version of the file that could not be read as an account.
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
    /// Exit items of the current stage newly met or no longer met.
    pub checklist: Vec<ItemChange>,
    /// Fields that changed, with their labels.
    pub fields: Vec<FieldChange>,
    /// Records added, removed or changed, of every kind.
    pub records: Vec<RecordChange>,
    /// What `kam diff --check` fails on besides an unmet gate.
    pub findings: Vec<Finding>,
}

impl AccountDiff {
    pub fn bypassed(&self) -> bool {
        self.stage.as_ref().is_some_and(StageMove::bypassed)
    }

    /// Whether `kam diff --check` fails on this account.
    pub fn fails(&self) -> bool {
        self.bypassed() || !self.findings.is_empty()
    }

    /// The owner before and after, when the account was handed over.
    pub fn handover(&self) -> Option<&FieldChange> {
        self.fields
            .iter()
            .find(|f| f.path == "owner" && f.from.is_some() && f.to.is_some())
    }

    /// Whether the review shows nothing for a modified file: its text changed, its values not.
    pub fn is_quiet(&self) -> bool {
        self.problems.is_empty()
            && self.stage.is_none()
            && self.score.is_none()
            && self.checklist.is_empty()
            && self.fields.is_empty()
            && self.records.is_empty()
            && self.findings.is_empty()
    }
}

/// The files of the two versions: `None` where absent.
#[derive(Debug, Clone)]
pub struct Files<'a> {
    pub base: Option<&'a str>,
    pub head: Option<&'a str>,
}

/// Compares two versions of one account file. Gates crossed are judged with `books.base`, the
/// rest is read with `books.head`; `today` is the day the current stage's checklist is judged.
pub fn compare(
    books: Books<'_>,
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
    let mut findings = Vec::new();
    for (version, side) in [(Version::Base, base), (Version::Head, head)] {
        let message = match side {
            Side::Broken(why) => why.to_string(),
            Side::NotRegular(what) => format!(
                "{what}, not a regular file: kam reads no account through it, and what it points to is not part of this review"
            ),
            _ => continue,
        };
        if version == Version::Head {
            let kind = if matches!(side, Side::NotRegular(_)) {
                FindingKind::NotRegular
            } else {
                FindingKind::Unreadable
            };
            findings.push(Finding::new(
                kind,
                format!("the newer version of {file} cannot be reviewed: {message}"),
            ));
        }
        problems.push(Problem { version, message });
    }
    let stage = stage_move(books, base, head);
    if let Some(s) = &stage {
        for g in s.gates.iter().filter(|g| !g.met && g.relaxed) {
            findings.push(Finding::new(
                FindingKind::GateRelaxed,
                format!(
                    "the gate of `{}` is met only under the playbook this change brings: the change relaxes kam.yaml and uses the relaxed rule in the same step; land the playbook change on its own first",
                    g.stage
                ),
            ));
        }
    }
    if let Some(h) = h
        && let Some(f) = unknown_to_base(books, h)
    {
        findings.push(f);
    }
    // A version that cannot be read says nothing about the score or the fields: the finding
    // above is all there is to say.
    let readable = |s: Side<'_, '_>| matches!(s, Side::Absent | Side::Parsed(_));
    let comparable = readable(base) && readable(head);
    let scores = if comparable {
        (
            b.map(|a| score(books.base, a, &Weights::new())),
            h.map(|a| score(books.head, a, &Weights::new())),
        )
    } else {
        (None, None)
    };
    let (mut fields, mut records) = (Vec::new(), Vec::new());
    // A removed account is summed up by its stage and tier: every value of it is gone.
    if comparable && h.is_some() {
        let empty = crate::domain::account::value::Table::default();
        let (bt, ht) = (b.map_or(&empty, |a| a.root.table), h.map_or(&empty, |a| a.root.table));
        (fields, records) = detail(books, bt, ht);
    }
    if let (Some(b), Some(h)) = (b, h) {
        let past = history::review(books, b, h);
        records.extend(past.records);
        findings.extend(past.findings);
    } else if let Some(h) = h.filter(|_| comparable) {
        // An added account: its history and evidence are all new.
        let none = crate::domain::account::value::Table::default();
        let root = toml::Spanned::new(0..0, none);
        let empty = Account::new(&root);
        records.extend(history::review(books, &empty, h).records);
    }
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
        score: score_change(books, scores.0.as_ref(), scores.1.as_ref()),
        checklist: b
            .zip(h)
            .map(|(b, h)| checklist(books.head, b, h, today))
            .unwrap_or_default(),
        fields,
        records,
        findings,
    }
}

/// A stage the newer version is in that the playbook in force before the change does not have.
fn unknown_to_base(books: Books<'_>, head: &Account<'_>) -> Option<Finding> {
    let stage = head.stage_id();
    let known = |pb: &crate::domain::playbook::Playbook| rank(pb, stage).is_some() || pb.outcome(stage).is_some();
    (!known(books.base) && known(books.head)).then(|| {
        Finding::new(
            FindingKind::UnknownStage,
            format!(
                "`{stage}` is not a stage of the playbook in force before this change, so no gate on the way to it can be judged: land the playbook change on its own first"
            ),
        )
    })
}

fn stage_move(books: Books<'_>, base: Side<'_, '_>, head: Side<'_, '_>) -> Option<StageMove> {
    // A version that cannot be read says nothing about the stage.
    if !matches!(base, Side::Absent | Side::Parsed(_)) || !matches!(head, Side::Absent | Side::Parsed(_)) {
        return None;
    }
    let from = base.account().map(|a| a.stage_id().to_string());
    let to = head.account().map(|a| a.stage_id().to_string());
    if from == to {
        return None;
    }
    let gates = head
        .account()
        .map(|h| crossed(books, base.account(), h))
        .unwrap_or_default();
    Some(StageMove { from, to, gates })
}

/// The gates crossed going forward from the older version's stage to the newer one's, by the
/// stages of the playbook in force before the change. An added account is judged as having come
/// from the first stage; one resumed from lost or paused, from the stage it rested from.
pub fn crossed(books: Books<'_>, base: Option<&Account<'_>>, head: &Account<'_>) -> Vec<CrossedGate> {
    let pb = books.base;
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
            // The same gate under the newer playbook: met there only means relaxed.
            let relaxed = !gate.ready
                && books
                    .head
                    .stage_pos(&stage.id)
                    .is_some_and(|p| gate_of(books.head, p, head, day).ready);
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
                relaxed,
            }
        })
        .collect()
}

fn score_change(books: Books<'_>, base: Option<&Score>, head: Option<&Score>) -> Option<ScoreChange> {
    let factor = |s: Option<&Score>, id: &str| {
        s.and_then(|s| s.factors.iter().find(|f| f.id == id))
            .map_or((None, None), |f| (f.rating, f.why.clone()))
    };
    // Factor by factor only when both versions are scored; an added or removed account is
    // summed up by its tier.
    let both = base.is_some() && head.is_some();
    let mut ids: Vec<(&str, &str)> = books
        .head
        .doc
        .scoring
        .factors
        .iter()
        .map(|f| (f.id.as_str(), f.label.as_str()))
        .collect();
    for f in &books.base.doc.scoring.factors {
        if !ids.iter().any(|(id, _)| *id == f.id) {
            ids.push((&f.id, &f.label));
        }
    }
    let factors: Vec<FactorChange> = ids
        .into_iter()
        .filter(|_| both)
        .filter_map(|(id, label)| {
            let (r0, w0) = factor(base, id);
            let (r1, w1) = factor(head, id);
            (r0 != r1 || w0 != w1).then(|| FactorChange {
                id: id.to_string(),
                label: label.to_string(),
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
