//! Unit tests of account diffs: crossed gates, scores, visits, checklist and contacts.

use chrono::NaiveDate;

use super::*;
use crate::domain::account::value::Table;
use crate::domain::review::fields::Books;
use crate::domain::review::finding::FindingKind;
use crate::domain::review::record_diff::RecordEvent;
use crate::domain::test_support::{DEFAULT_PLAYBOOK, default_playbook, load};

const HEAD: &str = "id = \"a\"\nname = \"A\"\nowner = \"o\"\ncreated = 2026-01-01\n";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn diff(base: Option<&str>, head: Option<&str>) -> AccountDiff {
    let pb = default_playbook().unwrap();
    diff_with(&pb, &pb, base, head)
}

/// The diff judged with `base_pb` (the rules in force before) and read with `head_pb`.
fn diff_with(
    base_pb: &crate::domain::playbook::Playbook,
    head_pb: &crate::domain::playbook::Playbook,
    base: Option<&str>,
    head: Option<&str>,
) -> AccountDiff {
    let b = base.map(|t| Table::parse(t).unwrap());
    let h = head.map(|t| Table::parse(t).unwrap());
    let ba = b.as_ref().map(Account::new);
    let ha = h.as_ref().map(Account::new);
    let files = Files {
        base: base.map(|_| "accounts/a.toml"),
        head: head.map(|_| "accounts/a.toml"),
    };
    let books = Books {
        base: base_pb,
        head: head_pb,
    };
    compare(books, &files, side(ba.as_ref()), side(ha.as_ref()), today())
}

fn side<'a, 't>(a: Option<&'a Account<'t>>) -> Side<'a, 't> {
    a.map_or(Side::Absent, Side::Parsed)
}

fn at(stage: &str, history: &str) -> String {
    format!("{HEAD}stage = \"{stage}\"\n{history}")
}

fn moved(from: &str, to: &str, date: &str) -> String {
    format!("[[history]]\nfrom = \"{from}\"\nto = \"{to}\"\ndate = {date}\n")
}

#[test]
fn a_forward_move_crosses_every_gate_on_the_way() {
    let base = at("qualify", "");
    let head = at(
        "assess",
        &(moved("qualify", "demo", "2026-11-01") + &moved("demo", "assess", "2026-11-20")),
    );
    let d = diff(Some(&base), Some(&head));
    let stage = d.stage.as_ref().unwrap();
    let gates: Vec<(&str, Option<NaiveDate>)> = stage.gates.iter().map(|g| (g.stage.as_str(), g.date)).collect();
    assert_eq!(
        gates,
        vec![
            ("qualify", NaiveDate::from_ymd_opt(2026, 11, 1)),
            ("demo", NaiveDate::from_ymd_opt(2026, 11, 20)),
        ]
    );
    assert!(d.bypassed());
    assert!(stage.gates[0].unmet.iter().any(|i| i.id == "go"));
}

#[test]
fn moving_back_or_out_crosses_nothing() {
    let base = at("assess", &moved("demo", "assess", "2026-10-01"));
    let back = at("assess", &moved("demo", "assess", "2026-10-01")).replace("stage = \"assess\"", "stage = \"demo\"")
        + &moved("assess", "demo", "2026-11-01");
    let d = diff(Some(&base), Some(&back));
    assert!(d.stage.as_ref().unwrap().gates.is_empty());
    assert!(!d.bypassed());
    let paused = at(
        "paused",
        &(moved("demo", "assess", "2026-10-01") + &moved("assess", "paused", "2026-11-01")),
    );
    assert!(diff(Some(&base), Some(&paused)).stage.unwrap().gates.is_empty());
}

#[test]
fn resuming_crosses_only_the_gates_beyond_the_stage_it_rested_in() {
    let rested = moved("qualify", "demo", "2026-09-01") + &moved("demo", "paused", "2026-10-01");
    let base = at("paused", &rested);
    let same = at("demo", &(rested.clone() + &moved("paused", "demo", "2026-11-01")));
    assert!(diff(Some(&base), Some(&same)).stage.unwrap().gates.is_empty());
    let beyond = at("assess", &(rested + &moved("paused", "assess", "2026-11-01")));
    let gates = diff(Some(&base), Some(&beyond)).stage.unwrap().gates;
    assert_eq!(gates.len(), 1);
    assert_eq!(gates[0].stage, "demo");
    // No record of demo → assess: judged as of the day the current stage was entered.
    assert_eq!(gates[0].date, NaiveDate::from_ymd_opt(2026, 11, 1));
}

#[test]
fn an_added_account_is_judged_from_the_first_stage() {
    let d = diff(None, Some(&at("demo", &moved("qualify", "demo", "2026-11-01"))));
    assert_eq!(d.change, FileChange::Added);
    let stage = d.stage.unwrap();
    assert_eq!(stage.from, None);
    assert_eq!(stage.gates.len(), 1);
    assert!(!stage.gates[0].met);
    let fresh = diff(None, Some(&at("qualify", "")));
    assert!(fresh.stage.unwrap().gates.is_empty());
    assert!(fresh.records.is_empty());
    // An added account's fields are all new.
    assert!(
        fresh
            .fields
            .iter()
            .any(|f| f.path == "owner" && f.to.as_deref() == Some("o"))
    );
}

#[test]
fn ratings_that_move_are_listed_with_the_tier() {
    let ratings = "[ratings]\nshare = 4\nbusiness_value = 5\npayment_risk = 2\neffort = 2\ndeal_risk = 2\ncomplexity = 2\ncapability = 4\n";
    let base = at("qualify", ratings);
    let head = at(
        "qualify",
        &ratings.replace("deal_risk = 2", "deal_risk = { rating = 5, why = \"new rival\" }"),
    );
    let s = diff(Some(&base), Some(&head)).score.unwrap();
    assert_eq!(s.factors.len(), 1);
    assert_eq!(s.factors[0].id, "deal_risk");
    assert_eq!((s.factors[0].rating.from, s.factors[0].rating.to), (Some(2), Some(5)));
    assert_eq!(s.factors[0].why.to.as_deref(), Some("new rival"));
    assert_ne!(s.difficulty.from, s.difficulty.to);
    assert!(diff(Some(&base), Some(&base)).score.is_none());
}

#[test]
fn visits_contacts_and_checklist() {
    let visit = "[[visits]]\ndate = 2026-11-01\nform = \"phone\"\n";
    let contact = |stance: &str| {
        format!("[[contacts]]\nid = \"wang\"\nname = \"Wang\"\nstance = \"{stance}\"\nbirthday = 1980-01-01\n")
    };
    let base = at(
        "qualify",
        &format!(
            "{}{visit}[[contacts]]\nid = \"li\"\nname = \"Li\"\n",
            contact("neutral")
        ),
    );
    let head = at(
        "qualify",
        &format!(
            "[checklist]\ngo = {{ evidence = \"decided\" }}\n{}{visit}report = \"done\"\n[[visits]]\ndate = 2026-11-20\nform = \"office_meeting\"\nnext_step = \"demo\"\nnext_date = 2026-12-01\n[[contacts]]\nid = \"zhao\"\nname = \"Zhao\"\nroles = [\"coach\"]\n",
            contact("supporter")
        ),
    );
    let d = diff(Some(&base), Some(&head));
    let records: Vec<(&str, &str, RecordEvent)> = d
        .records
        .iter()
        .map(|r| (r.list.as_str(), r.key.as_str(), r.event))
        .collect();
    assert_eq!(
        records,
        vec![
            ("contacts", "wang · Wang", RecordEvent::Changed),
            ("contacts", "zhao · Zhao", RecordEvent::Added),
            ("contacts", "li · Li", RecordEvent::Removed),
            ("visits", "2026-11-01 · Phone call", RecordEvent::Changed),
            ("visits", "2026-11-20 · Office meeting", RecordEvent::Added),
            ("checklist", "go · Go decision taken", RecordEvent::Added),
        ]
    );
    let wang = &d.records[0];
    assert_eq!(wang.fields.len(), 1, "{:?}", wang.fields);
    assert_eq!(
        (wang.fields[0].path.as_str(), wang.fields[0].to.as_deref()),
        ("stance", Some("Supporter"))
    );
    let reported = &d.records[3].fields[0];
    assert_eq!(
        (reported.path.as_str(), reported.from.as_deref(), reported.to.as_deref()),
        ("report", None, Some("done"))
    );
    // Personal data never shows, even though the birthday is there on both sides.
    assert!(!serde_json::to_string(&d).unwrap().contains("1980"));
    let items: Vec<(&str, bool)> = d.checklist.iter().map(|i| (i.id.as_str(), i.met)).collect();
    assert_eq!(items, vec![("go", true)]);
    let lost = diff(Some(&head), Some(&base));
    assert_eq!(lost.checklist.iter().map(|i| i.met).collect::<Vec<_>>(), vec![false]);
}

#[test]
fn a_broken_version_is_a_problem_not_a_stage_move() {
    let pb = default_playbook().unwrap();
    let text = at("demo", "");
    let head = Table::parse(&text).unwrap();
    let account = Account::new(&head);
    let files = Files {
        base: Some("accounts/a.toml"),
        head: Some("accounts/a.toml"),
    };
    let d = compare(
        Books { base: &pb, head: &pb },
        &files,
        Side::Broken("line 1: invalid TOML"),
        Side::Parsed(&account),
        today(),
    );
    assert_eq!(d.problems.len(), 1);
    assert_eq!(d.problems[0].version, Version::Base);
    assert!(d.stage.is_none());
    assert!(!d.bypassed());
}

#[test]
fn personal_data_changes_only_as_changed() {
    let base = at(
        "qualify",
        "[finance]\nbank_account = \"6222 0000\"\n[[contacts]]\nid = \"wang\"\nname = \"Wang\"\nbirthday = 1980-01-01\n",
    );
    let head = base
        .replace("6222 0000", "6222 9999")
        .replace("1980-01-01", "1981-02-02");
    let d = diff(Some(&base), Some(&head));
    let json = serde_json::to_string(&d).unwrap();
    for secret in ["6222", "1980", "1981"] {
        assert!(!json.contains(secret), "{secret} in {json}");
    }
    let account = &d.fields[0];
    assert!(account.sensitive && account.from.is_none() && account.to.is_none());
    assert_eq!(account.path, "finance.bank_account");
    assert!(d.records[0].fields[0].sensitive);
    // A playbook that drops the flag in the same change does not show the values either.
    let unflagged = load(
        "kam.yaml",
        &DEFAULT_PLAYBOOK.replace(
            "{ id: bank_account, label: Bank account, kind: text, sensitive: true }",
            "{ id: bank_account, label: Bank account, kind: text }",
        ),
    )
    .unwrap();
    let pb = default_playbook().unwrap();
    let d = diff_with(&pb, &unflagged, Some(&base), Some(&head));
    assert!(!serde_json::to_string(&d).unwrap().contains("6222"));
}

#[test]
fn a_gate_opened_by_the_new_playbook_is_relaxed_and_a_finding() {
    let ratings = "[ratings]\nshare = 1\nbusiness_value = 4\npayment_risk = 2\neffort = 2\ndeal_risk = 2\ncomplexity = 2\ncapability = 4\n\
                   [checklist]\ncoach_endorsed = { evidence = \"ok\", date = 2026-10-01 }\n\
                   [[plan]]\ntask = \"a\"\nowner = \"o\"\ndue = 2026-12-01\n[[plan]]\ntask = \"b\"\nowner = \"o\"\ndue = 2026-12-02\n";
    let base = at("assess", &format!("{ratings}{}", moved("demo", "assess", "2026-10-01")));
    let head = at(
        "relationship",
        &format!(
            "{ratings}{}{}",
            moved("demo", "assess", "2026-10-01"),
            moved("assess", "relationship", "2026-11-20")
        ),
    );
    let old = default_playbook().unwrap();
    let relaxed = load(
        "kam.yaml",
        &DEFAULT_PLAYBOOK.replace(
            "auto: { scored: { tiers: [A] } }",
            "auto: { scored: { tiers: [A, B] } }",
        ),
    )
    .unwrap();
    let d = diff_with(&old, &relaxed, Some(&base), Some(&head));
    let gate = &d.stage.as_ref().unwrap().gates[0];
    assert!(!gate.met && gate.relaxed, "{gate:?}");
    assert!(d.findings.iter().any(|f| f.kind == FindingKind::GateRelaxed));
    assert!(d.fails());
    // Judged by the relaxed rules alone (the playbook change landed before), it is met.
    let d = diff_with(&relaxed, &relaxed, Some(&base), Some(&head));
    assert!(!d.fails(), "{:?}", d.findings);
}

#[test]
fn history_is_append_only() {
    let two = moved("qualify", "demo", "2026-09-01") + &moved("demo", "assess", "2026-10-01");
    let base = at("assess", &two);
    let kinds =
        |head: &str| -> Vec<FindingKind> { diff(Some(&base), Some(head)).findings.iter().map(|f| f.kind).collect() };
    // Appended: fine.
    let appended = at(
        "relationship",
        &(two.clone() + &moved("assess", "relationship", "2026-11-20")),
    );
    assert!(!kinds(&appended).contains(&FindingKind::HistoryEdited));
    // Edited, removed, inserted.
    let edited = at("assess", &two.replace("2026-10-01", "2026-09-20"));
    assert_eq!(kinds(&edited), vec![FindingKind::HistoryEdited]);
    let removed = at("assess", &moved("demo", "assess", "2026-10-01"));
    assert_eq!(kinds(&removed), vec![FindingKind::HistoryRemoved]);
    let inserted = at(
        "assess",
        &(moved("qualify", "demo", "2026-09-01")
            + &moved("demo", "paused", "2026-09-15")
            + &moved("demo", "assess", "2026-10-01")),
    );
    assert_eq!(kinds(&inserted), vec![FindingKind::HistoryInserted]);
    // Moved back with no record.
    let back = at("demo", &two);
    assert_eq!(kinds(&back), vec![FindingKind::StageWithoutRecord]);
}

#[test]
fn evidence_of_a_crossed_gate_is_not_rewritten() {
    let history = moved("qualify", "demo", "2026-09-01");
    let with = |go: &str| {
        at(
            "demo",
            &format!("[checklist]\ngo = {{ evidence = \"{go}\", date = 2026-08-30 }}\n{history}"),
        )
    };
    let d = diff(Some(&with("Director agreed")), Some(&with("I decided")));
    assert_eq!(d.findings.len(), 1, "{:?}", d.findings);
    assert_eq!(d.findings[0].kind, FindingKind::EvidenceRewritten);
    assert!(
        d.findings[0].message.contains("“Director agreed” → “I decided”"),
        "{}",
        d.findings[0].message
    );
    // Evidence of the current stage's own gate may change.
    let current = |c: &str| {
        at(
            "demo",
            &format!(
                "[checklist]\ngo = {{ evidence = \"x\", date = 2026-08-30 }}\n{history}[procurement]\ndemo = \"{c}\"\n"
            ),
        )
    };
    assert!(diff(Some(&current("a")), Some(&current("b"))).findings.is_empty());
}
