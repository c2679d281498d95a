//! Unit tests of account diffs: crossed gates, scores, visits, checklist and contacts.

use chrono::NaiveDate;

use super::*;
use crate::domain::account::value::Table;
use crate::domain::review::records::{ContactEvent, VisitEvent};
use crate::domain::test_support::default_playbook;

const HEAD: &str = "id = \"a\"\nname = \"A\"\nowner = \"o\"\ncreated = 2026-01-01\n";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn diff(base: Option<&str>, head: Option<&str>) -> AccountDiff {
    let pb = default_playbook().unwrap();
    let b = base.map(|t| Table::parse(t).unwrap());
    let h = head.map(|t| Table::parse(t).unwrap());
    let ba = b.as_ref().map(Account::new);
    let ha = h.as_ref().map(Account::new);
    let files = Files {
        base: base.map(|_| "accounts/a.toml"),
        head: head.map(|_| "accounts/a.toml"),
    };
    compare(&pb, &files, side(ba.as_ref()), side(ha.as_ref()), today())
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
    assert!(fresh.visits.is_empty() && fresh.contacts.is_empty());
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
    let events: Vec<VisitEvent> = d.visits.iter().map(|v| v.event).collect();
    assert_eq!(events, vec![VisitEvent::Reported, VisitEvent::New]);
    assert_eq!(d.visits[1].next_step.as_deref(), Some("demo"));
    let contacts: Vec<(&str, ContactEvent)> = d.contacts.iter().map(|c| (c.id.as_str(), c.event)).collect();
    assert_eq!(
        contacts,
        vec![
            ("wang", ContactEvent::Changed),
            ("zhao", ContactEvent::Added),
            ("li", ContactEvent::Removed)
        ]
    );
    let wang = &d.contacts[0];
    assert_eq!(wang.stance.as_ref().unwrap().to.as_deref(), Some("supporter"));
    assert!(wang.roles.is_none());
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
        &pb,
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
