//! Unit tests of gates judged as of a day (planned is not done), of the support rule with its
//! veto, and of tier A alone entering the key selling process.

use chrono::NaiveDate;

use super::*;
use crate::domain::account::value::Table;
use crate::domain::test_support::default_playbook;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The gate of the stage at `pos`, with planned days, judged as of `as_of`.
fn judged(text: &str, pos: usize, as_of: &str) -> GateState {
    let pb = default_playbook().unwrap();
    let root = Table::parse(text).unwrap();
    let account = Account::new(&root);
    let mut g = gate_of(&pb, pos, &account, day(as_of));
    crate::domain::gate::with_planned(&pb, pos, &account, day(as_of), &mut g);
    g
}

fn item<'g>(g: &'g GateState, id: &str) -> &'g ItemState {
    g.items.iter().find(|i| i.id == id).unwrap()
}

const HEAD: &str = "id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"qualify\"\n";

#[test]
fn a_visit_dated_later_is_planned_not_a_first_contact() {
    let text = format!("{HEAD}[[visits]]\ndate = 2026-12-10\nform = \"office_meeting\"\n");
    let g = judged(&text, 0, "2026-11-25");
    let first = item(&g, "first_contact");
    assert!(!first.met, "{}", first.detail);
    assert_eq!(first.planned, Some(day("2026-12-10")));
    assert!(
        first
            .detail
            .contains("planned, not done as of 2026-11-25: visits dated 2026-12-10"),
        "{}",
        first.detail
    );
    // On the day itself it has happened.
    assert!(item(&judged(&text, 0, "2026-12-10"), "first_contact").met);
}

#[test]
fn a_date_field_dated_later_is_planned() {
    let text = format!("{HEAD}[procurement]\ndemo = \"Pilot line\"\ndemo_date = 2026-12-10\n");
    let g = judged(&text, 1, "2026-11-25");
    let demo = item(&g, "demo_done");
    assert!(!demo.met);
    assert_eq!(demo.planned, Some(day("2026-12-10")));
    assert!(
        demo.detail.contains("procurement.demo_date is 2026-12-10"),
        "{}",
        demo.detail
    );
    assert!(item(&judged(&text, 1, "2026-12-11"), "demo_done").met);
}

#[test]
fn evidence_dated_later_is_planned() {
    let text = format!("{HEAD}[checklist]\ngo = {{ evidence = \"Director agreed\", date = 2026-12-01 }}\n");
    let g = judged(&text, 0, "2026-11-25");
    let go = item(&g, "go");
    assert!(!go.met);
    assert_eq!(go.planned, Some(day("2026-12-01")));
    assert!(go.detail.contains("dated 2026-12-01: planned"), "{}", go.detail);
    // Evidence without a date cannot be judged later than anything: it counts.
    let undated = format!("{HEAD}[checklist]\ngo = {{ evidence = \"Director agreed\" }}\n");
    assert!(item(&judged(&undated, 0, "2026-11-25"), "go").met);
}

#[test]
fn a_later_date_in_a_field_a_rule_asks_for_is_planned() {
    // The client's inspection held and reported, but the minutes sent only later: not yet sent.
    let text = format!(
        "{HEAD}[[receptions]]\ndate = 2026-11-20\nreport = \"Toured the plant\"\nsummary = \"Goals met\"\nminutes_sent = 2026-11-28\n"
    );
    let g = judged(&text, 4, "2026-11-25");
    let site = item(&g, "site_visit");
    assert!(!site.met);
    assert!(
        site.detail.contains("dated 2026-11-28: planned, not done"),
        "{}",
        site.detail
    );
    assert_eq!(site.planned, Some(day("2026-11-28")));
}

#[test]
fn schedule_dates_count_as_written() {
    // A plan task due later is a plan, as it should be.
    let text = format!(
        "{HEAD}[[plan]]\ntask = \"Demo\"\nowner = \"li\"\ndue = 2027-01-10\n[[plan]]\ntask = \"Tender\"\nowner = \"li\"\ndue = 2027-03-01\n"
    );
    assert!(item(&judged(&text, 2, "2026-11-25"), "plan").met);
}

#[test]
fn a_next_step_set_by_a_planned_visit_is_not_scheduled_yet() {
    let text = format!(
        "{HEAD}[[visits]]\ndate = 2026-12-01\nform = \"phone\"\nnext_step = \"Meet the GM\"\nnext_date = 2026-12-15\n"
    );
    let g = judged(&text, 3, "2026-11-25");
    assert!(!item(&g, "next_step").met);
    assert_eq!(item(&g, "next_step").planned, Some(day("2026-12-01")));
}

const CONTACTS: &str = "[[contacts]]\nid = \"he\"\nname = \"He Zong\"\nroles = [\"decision_maker\"]\nstance = \"champion\"\ncloseness = 4\n\
[[contacts]]\nid = \"qian\"\nname = \"Qian\"\nroles = [\"purchasing\"]\nstance = \"supporter\"\ncloseness = 3\n";

#[test]
fn a_veto_holder_against_us_blocks_support_whatever_the_balance() {
    let text = format!(
        "{HEAD}{CONTACTS}[[contacts]]\nid = \"li\"\nname = \"Li Gong\"\nroles = [\"technical\"]\nstance = \"opponent\"\n"
    );
    let g = judged(&text, 3, "2026-11-25");
    let support = item(&g, "support");
    assert!(!support.met);
    assert!(
        support
            .detail
            .starts_with("vetoed: `li` (Li Gong), Technical / operations, is Opponent"),
        "{}",
        support.detail
    );
}

#[test]
fn finance_holds_no_veto_and_every_layer_counts() {
    // Finance against us is opposition, not a veto: +2 +1 −1 −2 = 0 is not support.
    let text = format!(
        "{HEAD}{CONTACTS}[[contacts]]\nid = \"cfo\"\nname = \"CFO\"\nroles = [\"finance\"]\nstance = \"opponent\"\n\
         [[contacts]]\nid = \"user\"\nname = \"User\"\nroles = [\"user\"]\nstance = \"blocker\"\n"
    );
    let support = item(&judged(&text, 3, "2026-11-25"), "support").clone();
    assert!(!support.met);
    assert!(
        support
            .detail
            .starts_with("Every contact: 2 for, 2 against, balance +0"),
        "{}",
        support.detail
    );
    // With the management layer's blocker gone the balance is +2.
    let text = text.replace("stance = \"blocker\"", "stance = \"neutral\"");
    let support = item(&judged(&text, 3, "2026-11-25"), "support").clone();
    assert!(support.met, "{}", support.detail);
    assert!(support.detail.contains("balance +2"), "{}", support.detail);
}

#[test]
fn only_tier_a_enters_the_key_selling_process() {
    let ratings = |share: u8| {
        format!(
            "{HEAD}[ratings]\nshare = {share}\nbusiness_value = 4\npayment_risk = 2\neffort = 2\ndeal_risk = 2\ncomplexity = 2\ncapability = 4\n"
        )
    };
    // share 4: value 100·(3·.75+4·.75+3·.75)/10 = 75, difficulty 25 → A.
    assert!(item(&judged(&ratings(4), 2, "2026-11-25"), "rated").met);
    // share 1: value 52.5 → B, which stays.
    let b = judged(&ratings(1), 2, "2026-11-25");
    let rated = item(&b, "rated");
    assert!(!rated.met);
    assert!(
        rated.detail.contains("tier B") && rated.detail.ends_with("needs tier A"),
        "{}",
        rated.detail
    );
}
