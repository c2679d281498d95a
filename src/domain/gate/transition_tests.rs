//! Unit tests of `transition::plan`: which moves are allowed, and why the others are refused.

use super::*;
use crate::domain::account::value::Table;
use crate::domain::test_support::default_playbook;

const READY_QUALIFY: &str = r#"id = "a"
name = "A"
owner = "o"
stage = "qualify"
created = 2026-11-01
[company]
industry = "Machining"
main_business = "Gearboxes"
current_condition = "Growing"
[procurement]
need = "A second supplier"
urgency = "high"
[[visits]]
date = 2026-11-02
form = "phone"
[checklist]
go = { evidence = "GM said go", date = 2026-11-03 }
"#;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn plan_on(text: &str, req: &Request<'_>) -> Result<Transition, Refusal> {
    let pb = default_playbook().unwrap();
    let root = Table::parse(text).unwrap();
    plan(&pb, &Account::new(&root), today(), req)
}

fn by(to: Option<&'static str>, reason: Option<&'static str>) -> Request<'static> {
    Request {
        to,
        by: "li.wei",
        note: None,
        reason,
    }
}

fn in_stage(stage: &str, history: &str) -> String {
    READY_QUALIFY.replace("stage = \"qualify\"", &format!("stage = \"{stage}\"")) + history
}

const TO_DEMO: &str = "[[history]]\nfrom = \"qualify\"\nto = \"demo\"\ndate = 2026-11-10\n";

fn refusal_message(r: Result<Transition, Refusal>) -> String {
    match r {
        Err(Refusal::NotAllowed { message, .. }) => message,
        other => panic!("expected a usage refusal, got {other:?}"),
    }
}

#[test]
fn a_ready_gate_moves_one_stage_forward() {
    let t = plan_on(
        READY_QUALIFY,
        &Request {
            note: Some("  first demo booked "),
            ..by(None, None)
        },
    )
    .unwrap();
    assert_eq!(
        (t.from.as_str(), t.to.as_str(), t.step),
        ("qualify", "demo", Step::Forward)
    );
    assert_eq!(t.note.as_deref(), Some("first demo booked"));
    assert!(t.gate.as_ref().is_some_and(|g| g.ready));
    let keys: Vec<&str> = t.record().iter().map(|(k, _)| *k).collect();
    assert_eq!(keys, ["from", "to", "date", "by", "note"]);
}

#[test]
fn an_unmet_gate_blocks_and_names_the_items() {
    let text = READY_QUALIFY.replace("go = { evidence = \"GM said go\", date = 2026-11-03 }", "go = true");
    match plan_on(&text, &by(None, None)) {
        Err(Refusal::Blocked(g)) => {
            let unmet: Vec<&str> = g.unmet().map(|i| i.id.as_str()).collect();
            assert_eq!(unmet, ["go"]);
        }
        other => panic!("expected blocked, got {other:?}"),
    }
}

#[test]
fn moving_back_or_out_needs_a_reason_and_records_it() {
    let text = in_stage("demo", TO_DEMO);
    let back = plan_on(&text, &by(Some("qualify"), Some("need unclear"))).unwrap();
    assert_eq!((back.to.as_str(), back.step), ("qualify", Step::Back));
    assert!(back.record().contains(&("reason", Entry::Text("need unclear".into()))));
    for outcome in ["paused", "lost"] {
        let t = plan_on(&text, &by(Some(outcome), Some("tier D"))).unwrap();
        assert_eq!((t.to.as_str(), t.step), (outcome, Step::Rest));
    }
    let msg = refusal_message(plan_on(&text, &by(Some("lost"), None)));
    assert!(msg.contains("needs a reason"), "{msg}");
    let msg = refusal_message(plan_on(&text, &by(Some("lost"), Some("   "))));
    assert!(msg.contains("needs a reason"), "{msg}");
}

#[test]
fn to_never_moves_forward() {
    let text = in_stage("demo", TO_DEMO);
    for target in ["assess", "close"] {
        let msg = refusal_message(plan_on(&text, &by(Some(target), Some("hurry"))));
        assert!(msg.contains("--to never moves forward"), "{msg}");
    }
    let msg = refusal_message(plan_on(&text, &by(Some("won"), Some("hurry"))));
    assert!(msg.contains("not a stage one can move to"), "{msg}");
    let msg = refusal_message(plan_on(&text, &by(Some("demo"), Some("again"))));
    assert!(msg.contains("already at"), "{msg}");
    let msg = refusal_message(plan_on(&text, &by(Some("nowhere"), Some("x"))));
    assert!(msg.contains("`nowhere` is not a stage"), "{msg}");
}

#[test]
fn a_reason_without_to_is_refused() {
    let msg = refusal_message(plan_on(READY_QUALIFY, &by(None, Some("why"))));
    assert!(msg.contains("--reason goes with --to"), "{msg}");
}

#[test]
fn a_rested_account_resumes_no_further_than_it_left() {
    let paused = in_stage(
        "paused",
        &format!("{TO_DEMO}[[history]]\nfrom = \"demo\"\nto = \"paused\"\ndate = 2026-11-12\nreason = \"tier D\"\n"),
    );
    for target in ["demo", "qualify"] {
        let t = plan_on(&paused, &by(Some(target), Some("budget approved"))).unwrap();
        assert_eq!(t.step, Step::Resume, "{target}");
    }
    let msg = refusal_message(plan_on(&paused, &by(Some("assess"), Some("budget approved"))));
    assert!(msg.contains("cannot resume further"), "{msg}");
    let msg = refusal_message(plan_on(&paused, &by(None, None)));
    assert!(msg.contains("no gate to pass"), "{msg}");
}

#[test]
fn a_hand_edited_stage_is_not_moved_on() {
    // `stage` moved to demo by hand: no history shows it, and the gate was never passed.
    let text = in_stage("demo", "").replace("go = { evidence = \"GM said go\", date = 2026-11-03 }", "");
    match plan_on(&text, &by(Some("lost"), Some("x"))) {
        Err(Refusal::Unsupported(diags)) => {
            let codes: Vec<&str> = diags.iter().map(|d| d.code.as_str()).collect();
            assert_eq!(codes, ["KAM017", "KAM016"]);
        }
        other => panic!("expected unsupported, got {other:?}"),
    }
}
