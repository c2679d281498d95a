//! What changed in one account between two versions, in business terms: the stage and every gate
//! it crossed going forward — judged with the playbook in force *before* the change, as of the day
//! each was crossed — the tier, value and difficulty with the factors that moved, the exit items
//! of the current stage newly met or lost, every field and record that changed, what changed after
//! the deal in business terms, and the findings that fail `kam diff --check` (a rewritten past, an
//! unreadable or non-regular newer version, a gate met only under rules the same change brings).

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::account::Account;
use crate::domain::file_kind::FileKind;
use crate::domain::gate::pipeline::rank;
use crate::domain::review::after_deal::{MoneyNote, after_deal};
use crate::domain::review::fields::{Books, FieldChange, detail};
use crate::domain::review::finding::{Finding, FindingKind};
use crate::domain::review::history;
use crate::domain::review::record_diff::RecordChange;
use crate::domain::review::records::{ItemChange, checklist};
use crate::domain::review::score::{ScoreChange, score_change};
use crate::domain::review::stage::{StageMove, stage_move};
use crate::domain::score::{Weights, score};

/// One version of an account file.
#[derive(Debug, Clone, Copy)]
pub enum Side<'a, 't> {
    /// The file does not exist in this version.
    Absent,
    /// The file exists but could not be read or parsed; the message says why.
    Broken(&'a str),
    /// The path is not a regular file (a link, a pipe, a submodule): what it is.
    NotRegular(FileKind),
    Parsed(&'a Account<'t>),
}

impl<'a, 't> Side<'a, 't> {
    pub(crate) fn account(self) -> Option<&'a Account<'t>> {
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
    /// Contracts, receivables, payments, aftercare and the retrospective in business terms (a
    /// payment received, a receivable gone overdue): the summary of what `records` lists field by
    /// field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub after_deal: Vec<MoneyNote>,
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
            && self.after_deal.is_empty()
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
    let name = h
        .or(b)
        .map(|a| {
            // The client's name is shown unless either playbook marks it personal data.
            let scope = crate::domain::privacy::Scope::Account;
            let pb = if crate::domain::privacy::is_sensitive(books.base, scope, "name") {
                books.base
            } else {
                books.head
            };
            crate::domain::privacy::shown(pb, scope, "name", false, a.name()).to_string()
        })
        .unwrap_or_default();
    let change = match (files.base, files.head) {
        (None, _) => FileChange::Added,
        (_, None) => FileChange::Removed,
        (Some(x), Some(y)) if x != y => FileChange::Renamed,
        _ => FileChange::Modified,
    };
    let mut problems = Vec::new();
    let mut findings = Vec::new();
    // Messages in the newer playbook's words.
    let pb = books.head;
    for (version, side) in [(Version::Base, base), (Version::Head, head)] {
        let message = match side {
            Side::Broken(why) => why.to_string(),
            Side::NotRegular(what) => pb.fill(
                "diff.not_regular",
                "{kind}, not a regular file: kam reads no account through it, and what it points to is not part of this review",
                &[("kind", &what.words(pb.words()))],
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
                pb.fill(
                    "diff.newer_unreviewable",
                    "the newer version of {file} cannot be reviewed: {why}",
                    &[("file", &file), ("why", &message)],
                ),
            ));
        }
        problems.push(Problem { version, message });
    }
    let stage = stage_move(books, base, head, today);
    if let Some(s) = &stage {
        for g in s.gates.iter().filter(|g| !g.met && g.relaxed) {
            findings.push(Finding::new(
                FindingKind::GateRelaxed,
                pb.fill(
                    "diff.gate_relaxed_finding",
                    "the gate of `{stage}` is met only under the playbook this change brings: the change relaxes kam.yaml and uses the relaxed rule in the same step; land the playbook change on its own first",
                    &[("stage", &g.stage)],
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
        let past = history::review(books, b, h, today);
        records.extend(past.records);
        findings.extend(past.findings);
    } else if let Some(h) = h.filter(|_| comparable) {
        // An added account: its history and evidence are all new, and none of its moves may lie
        // after today.
        let none = crate::domain::account::value::Table::default();
        let root = toml::Spanned::new(0..0, none);
        let empty = Account::new(&root);
        let past = history::review(books, &empty, h, today);
        records.extend(past.records);
        findings.extend(
            past.findings
                .into_iter()
                .filter(|f| f.kind == FindingKind::HistoryAfterToday),
        );
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
        // Read from two readable versions; an added or removed account is summed up by its stage
        // and score, and its records are listed.
        after_deal: b
            .zip(h)
            .map(|(b, h)| after_deal(books, b, h, today))
            .unwrap_or_default(),
    }
}

/// A stage the newer version is in that the playbook in force before the change does not have.
fn unknown_to_base(books: Books<'_>, head: &Account<'_>) -> Option<Finding> {
    let stage = head.stage_id();
    let known = |pb: &crate::domain::playbook::Playbook| rank(pb, stage).is_some() || pb.outcome(stage).is_some();
    (!known(books.base) && known(books.head)).then(|| {
        Finding::new(
            FindingKind::UnknownStage,
            books.head.fill(
                "diff.unknown_to_base",
                "`{stage}` is not a stage of the playbook in force before this change, so no gate on the way to it can be judged: land the playbook change on its own first",
                &[("stage", &stage)],
            ),
        )
    })
}

#[cfg(test)]
#[path = "account_tests.rs"]
mod tests;
