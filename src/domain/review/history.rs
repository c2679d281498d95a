//! The past of an account is append-only. A change may add `[[history]]` records at the end; it
//! may not edit, remove or insert before a record that is already there, nor move the stage with
//! no record that moves it, nor rewrite the evidence of an exit item whose gate the account had
//! already crossed. A record the change adds may not be dated after today: a move that has not
//! happened yet (`kam check` reports the same as KAM024, in the same words). Each of these is a
//! finding that `kam diff --check` fails on. New history records and every change to
//! `[checklist]` evidence are listed with the other records.

use chrono::NaiveDate;

use crate::domain::account::value::{Table, Value, as_table};
use crate::domain::account::{Account, Move};
use crate::domain::gate::pipeline::{is_resting, rank, resume_limit};
use crate::domain::playbook::Playbook;
use crate::domain::review::fields::Books;
use crate::domain::review::finding::{Finding, FindingKind};
use crate::domain::review::record_diff::{RecordChange, single};
use crate::domain::review::values::{one_line, same};

/// The keys of a history record in the order `kam advance` writes them, with the text ids and
/// English of their labels.
const ORDER: &[(&str, &str, &str)] = &[
    ("from", "diff.history.from", "From"),
    ("to", "diff.history.to", "To"),
    ("date", "diff.history.date", "Date"),
    ("by", "diff.history.by", "By"),
    ("reason", "diff.history.reason", "Reason"),
    ("note", "diff.history.note", "Note"),
];

/// The keys of checklist evidence, with the text ids and English of their labels.
const EVIDENCE: &[(&str, &str, &str)] = &[
    ("evidence", "diff.evidence.evidence", "Evidence"),
    ("date", "diff.evidence.date", "Date"),
    ("link", "diff.evidence.link", "Link"),
];

/// Keys with their labels in the playbook's words.
fn labels<'a>(pb: &'a Playbook, keys: &[(&'static str, &str, &'static str)]) -> Vec<(&'static str, &'a str)> {
    keys.iter()
        .map(|(key, id, english)| (*key, pb.text(id, english)))
        .collect()
}

/// What the review found in the history and the evidence of one account.
#[derive(Debug, Default)]
pub struct Past {
    /// History records added and checklist evidence added, changed or removed.
    pub records: Vec<RecordChange>,
    pub findings: Vec<Finding>,
}

/// "the history record of 2026-04-22 (qualify → demo)".
fn describe(pb: &Playbook, m: &Move<'_>) -> String {
    let date = m.date.map_or_else(
        || pb.text("diff.history.no_date", "no date").to_string(),
        |d| d.to_string(),
    );
    pb.fill(
        "diff.history.record_of",
        "the history record of {date} ({from} → {to})",
        &[
            ("date", &date),
            ("from", &m.from.unwrap_or("—")),
            ("to", &m.to.map_or("—", |t| t.text)),
        ],
    )
}

fn key(m: &Move<'_>) -> String {
    let date = m.date.map_or_else(|| "—".to_string(), |d| d.to_string());
    format!("{date} · {} → {}", m.from.unwrap_or("—"), m.to.map_or("—", |t| t.text))
}

fn same_record(a: &Move<'_>, b: &Move<'_>) -> bool {
    let (x, y) = (a.record.table, b.record.table);
    x.len() == y.len()
        && x.iter().all(|(k, v)| {
            y.get(k.get_ref().as_ref())
                .is_some_and(|w| same(v.get_ref(), w.get_ref()))
        })
}

/// Reviews the history and the evidence between two readable versions of an account, as of
/// `today`.
pub fn review(books: Books<'_>, base: &Account<'_>, head: &Account<'_>, today: NaiveDate) -> Past {
    let pb = books.head;
    let order = labels(pb, ORDER);
    let record_label = pb.text("diff.history.record", "Stage history");
    let mut past = Past::default();
    let (old, new) = (&base.history, &head.history);
    let mut j = 0;
    for b in old {
        if j < new.len() && same_record(b, &new[j]) {
            j += 1;
            continue;
        }
        if let Some(k) = (j + 1..new.len()).find(|k| same_record(b, &new[*k])) {
            for inserted in &new[j..k] {
                past.findings.push(Finding::new(
                    FindingKind::HistoryInserted,
                    pb.fill(
                        "diff.history.inserted",
                        "{record} was put before {before}: history is appended at the end, by `kam advance`",
                        &[("record", &describe(pb, inserted)), ("before", &describe(pb, b))],
                    ),
                ));
            }
            j = k + 1;
            continue;
        }
        let edited = new
            .get(j)
            .filter(|n| n.from == b.from && n.to.map(|t| t.text) == b.to.map(|t| t.text));
        if let Some(n) = edited {
            let what = single(
                books,
                "history",
                record_label,
                key(b),
                Some(b.record.table),
                Some(n.record.table),
                &order,
            )
            .map(|c| {
                c.fields
                    .iter()
                    .map(|f| {
                        format!(
                            "{} {} → {}",
                            f.label,
                            f.from.as_deref().unwrap_or("—"),
                            f.to.as_deref().unwrap_or("—")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(pb.text("report.item_separator", "; "))
            })
            .unwrap_or_default();
            past.findings.push(Finding::new(
                FindingKind::HistoryEdited,
                pb.fill(
                    "diff.history.edited",
                    "{record} was edited ({what}): the past is not rewritten; a new move is a new record",
                    &[("record", &describe(pb, b)), ("what", &what)],
                ),
            ));
            j += 1;
        } else {
            past.findings.push(Finding::new(
                FindingKind::HistoryRemoved,
                pb.fill(
                    "diff.history.removed",
                    "{record} was removed: the past is not rewritten; move back with `kam advance --to … --reason …`",
                    &[("record", &describe(pb, b))],
                ),
            ));
        }
    }
    for added in &new[j.min(new.len())..] {
        past.records.extend(single(
            books,
            "history",
            record_label,
            key(added),
            None,
            Some(added.record.table),
            &order,
        ));
    }
    let added = &new[j.min(new.len())..];
    after_today(books, added, today, &mut past);
    stage_without_record(books, base, head, added, &mut past);
    evidence(books, base, head, &mut past);
    past
}

/// A history record the change adds, dated after today: the words and code of `kam check`'s
/// KAM024, read with the newer playbook (whose words the reviewer reads).
fn after_today(books: Books<'_>, added: &[Move<'_>], today: NaiveDate, past: &mut Past) {
    let pb = books.head;
    for m in added {
        let Some(date) = m.date.filter(|d| *d > today) else {
            continue;
        };
        let what = pb.fill(
            "check.history_after_today",
            "this history record is dated {date}, after today ({today})",
            &[("date", &date), ("today", &today)],
        );
        let why = pb.text(
            "check.history_after_today_help",
            "a stage moves on the day `kam advance` records it; a later date is not a move that happened",
        );
        let from = m.from.unwrap_or("—");
        let to = m.to.map_or("—", |t| t.text);
        past.findings.push(
            Finding::new(FindingKind::HistoryAfterToday, format!("{what} ({from} → {to}): {why}")).with_code("KAM024"),
        );
    }
}

/// The stage changed, but no record added by this change moves the account there.
fn stage_without_record(books: Books<'_>, base: &Account<'_>, head: &Account<'_>, added: &[Move<'_>], past: &mut Past) {
    let (from, to) = (base.stage_id(), head.stage_id());
    if from == to || to.is_empty() {
        return;
    }
    if added.last().and_then(|m| m.to).is_some_and(|t| t.text == to) {
        return;
    }
    let pb = books.base;
    let back = match (rank(pb, from), rank(pb, to)) {
        (Some(f), Some(t)) => t < f,
        _ => false,
    };
    let words = books.head;
    let message = if back {
        words.fill(
            "diff.history.moved_back_unrecorded",
            "the stage moved back from `{from}` to `{to}` without a history record: stages move with `kam advance`, which records the move (`--to STAGE --reason …` for a step back)",
            &[("from", &from), ("to", &to)],
        )
    } else {
        words.fill(
            "diff.history.moved_unrecorded",
            "the stage moved from `{from}` to `{to}` without a history record: stages move with `kam advance`, which records the move",
            &[("from", &from), ("to", &to)],
        )
    };
    past.findings
        .push(Finding::new(FindingKind::StageWithoutRecord, message));
}

/// The checklist table of an account, if any.
fn checklist<'t, 'a>(account: &Account<'a>) -> Option<&'t Table<'a>>
where
    'a: 't,
{
    account.root.table.get("checklist").and_then(|n| as_table(n.get_ref()))
}

/// Evidence changes, and findings for evidence of a gate the account had already crossed.
fn evidence(books: Books<'_>, base: &Account<'_>, head: &Account<'_>, past: &mut Past) {
    let (b, h) = (checklist(base), checklist(head));
    let pb = books.base;
    // The gates the older version had crossed: those of every stage before the one it was in
    // (the stage it rested from, at lost or paused).
    let crossed_before = match rank(pb, base.stage_id()) {
        Some(r) => r,
        None if is_resting(base.stage_id()) => resume_limit(pb, base),
        None => 0,
    };
    let mut keys: Vec<&str> = Vec::new();
    for k in h.into_iter().chain(b).flat_map(|t| t.keys()) {
        let k = k.get_ref().as_ref();
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    for item in keys {
        let (bv, hv) = (b.and_then(|t| t.get(item)), h.and_then(|t| t.get(item)));
        if bv.zip(hv).is_some_and(|(x, y)| same(x.get_ref(), y.get_ref())) {
            continue;
        }
        let stage = pb.stages().iter().position(|s| s.exit.iter().any(|e| e.id == item));
        let label = stage
            .and_then(|p| pb.stages()[p].exit.iter().find(|e| e.id == item))
            .map_or_else(|| item.to_string(), |e| format!("{item} · {}", e.label));
        let (bval, hval) = (bv.map(toml::Spanned::get_ref), hv.map(toml::Spanned::get_ref));
        past.records.extend(evidence_record(books, &label, bval, hval));
        if let (Some(pos), Some(old)) = (stage, bval)
            && pos < crossed_before
        {
            let words = books.head;
            let no_text = || words.text("diff.evidence.no_text", "(no text)").to_string();
            let text = |v: Option<&Value<'_>>| -> String {
                match v {
                    None => words.text("diff.evidence.gone", "removed").to_string(),
                    Some(Value::Table(t)) => t
                        .get("evidence")
                        .and_then(|e| crate::domain::account::value::as_str(e.get_ref()))
                        .map_or_else(no_text, |s| format!("“{}”", one_line(s))),
                    Some(Value::String(s)) => format!("“{}”", one_line(s)),
                    Some(_) => no_text(),
                }
            };
            past.findings.push(Finding::new(
                FindingKind::EvidenceRewritten,
                words.fill(
                    "diff.evidence.rewritten",
                    "the evidence for `{item}` of the gate of `{stage}`, which the account had already crossed, was rewritten: {old} → {new}; evidence of a crossed gate is the record of why it opened",
                    &[
                        ("item", &item),
                        ("stage", &pb.stages()[pos].id),
                        ("old", &text(Some(old))),
                        ("new", &text(hval)),
                    ],
                ),
            ));
        }
    }
}

fn evidence_record(
    books: Books<'_>,
    label: &str,
    b: Option<&Value<'_>>,
    h: Option<&Value<'_>>,
) -> Option<RecordChange> {
    // `go = "text"` is read as `{ evidence = "text" }` for the comparison of its fields.
    let wrap = |v: Option<&Value<'_>>| -> Option<Table<'static>> {
        let v = v?;
        let mut t = Table::default();
        match v {
            Value::Table(_) => return None,
            other => {
                let text = crate::domain::review::values::shown(books.head, None, other);
                t.insert(
                    toml::Spanned::new(0..0, std::borrow::Cow::Borrowed("evidence")),
                    toml::Spanned::new(0..0, Value::String(std::borrow::Cow::Owned(text))),
                );
            }
        }
        Some(t)
    };
    let (wb, wh) = (wrap(b), wrap(h));
    let bt = b.and_then(as_table).or(wb.as_ref());
    let ht = h.and_then(as_table).or(wh.as_ref());
    single(
        books,
        "checklist",
        books.head.text("diff.evidence.record", "Checklist evidence"),
        label.to_string(),
        bt,
        ht,
        &labels(books.head, EVIDENCE),
    )
}
