//! Unit tests of the report data: which visit a plan is for, what is due after it, the gaps among
//! the people, gifts against the limit, readiness to negotiate, and personal data left out.

use chrono::NaiveDate;

use crate::domain::account::Account;
use crate::domain::account::parse::parse;
use crate::domain::playbook::Playbook;
use crate::domain::report::negotiation::{Readiness, negotiation_report};
use crate::domain::report::people::Gap;
use crate::domain::report::visit::visit_report;
use crate::domain::test_support::default_playbook;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const ACCOUNT: &str = r#"
id = "acme"
name = "Acme"
owner = "li.wei"
stage = "relationship"

[simulation]
quote_date = 2026-10-20

[negotiation]
client_commitment = "Two instalments"

[negotiation.packages.best]
offer = "All in"

[[contacts]]
id = "boss"
name = "Boss"
roles = ["decision_maker"]
stance = "supporter"
birthday = 1970-01-02
family = "Two children"

[[contacts]]
id = "cto"
name = "CTO"
roles = ["technical"]
stance = "neutral"
closeness = 2

[[contacts]]
id = "cfo"
name = "CFO"
roles = ["finance"]
stance = "opponent"

[[visits]]
date = 2026-11-01
form = "phone"
attendees = ["boss"]

[[visits]]
date = 2026-12-10
form = "office_meeting"
attendees = ["boss", "cto"]
gift_value = { amount = 1500, currency = "MXN" }

[[visits]]
date = 2026-12-01
form = "office_meeting"
goals = ["Meet finance"]
"#;

fn with_account<T>(f: impl FnOnce(&Playbook, &Account<'_>) -> T) -> T {
    let pb = default_playbook().unwrap();
    let root = parse(ACCOUNT).unwrap();
    let account = Account::new(&root);
    f(&pb, &account)
}

#[test]
fn the_plan_is_for_the_next_visit_or_the_one_asked_for() {
    with_account(|pb, a| {
        let r = visit_report(pb, a, None, day("2026-11-25"), false);
        assert_eq!(r.date, Some(day("2026-12-01")));
        assert_eq!(r.goals, vec!["Meet finance".to_string()]);
        assert_eq!(r.report_due, Some(day("2026-12-08")));
        let r = visit_report(pb, a, Some(day("2026-12-10")), day("2026-11-25"), false);
        assert!(r.visit.is_some());
        assert_eq!(r.history.len(), 2);
        let r = visit_report(pb, a, Some(day("2026-12-24")), day("2026-11-25"), false);
        assert!(r.visit.is_none());
        assert_eq!(r.date, Some(day("2026-12-24")));
    });
}

#[test]
fn gifts_in_another_currency_are_converted_for_the_limit() {
    with_account(|pb, a| {
        let r = visit_report(pb, a, Some(day("2026-12-10")), day("2026-11-25"), false);
        let gift = r.gift_value.unwrap();
        assert_eq!(gift.foreign.as_deref(), Some("MXN"));
        assert!((gift.value.unwrap() - 585.0).abs() < 1e-9);
        assert_eq!(r.gift_limit, Some(500.0));
    });
}

#[test]
fn gaps_name_the_missing_coach_the_unmet_veto_and_the_unassessed() {
    with_account(|pb, a| {
        let r = visit_report(pb, a, Some(day("2026-12-10")), day("2026-11-25"), false);
        assert!(r.gaps.contains(&Gap::NoCoach));
        // The veto is technical / operations' (seed 002); finance proposes and recommends, so
        // an opposed CFO is not a veto.
        assert!(r.gaps.contains(&Gap::VetoNotMet {
            role: "Technical / operations".into(),
            names: vec!["CTO".into()],
            attends: true,
        }));
        assert!(!r.gaps.iter().any(|g| matches!(g, Gap::VetoAgainst { .. })));
        assert!(r.gaps.contains(&Gap::Unassessed {
            name: "Boss".into(),
            missing: vec!["Closeness".into()],
        }));
        assert!(!r.gaps.contains(&Gap::NoDecisionMaker));
    });
}

#[test]
fn personal_data_is_counted_and_left_out_unless_included() {
    with_account(|pb, a| {
        let r = visit_report(pb, a, None, day("2026-11-25"), false);
        assert_eq!(r.omitted.total(), 2);
        assert_eq!(
            r.omitted.fields,
            vec![("Birthday".to_string(), 1), ("Family".to_string(), 1)]
        );
        let boss = &r.people[0];
        assert!(boss.profile.iter().all(|i| i.label != "Birthday"));
        let r = visit_report(pb, a, None, day("2026-11-25"), true);
        assert_eq!(r.omitted.total(), 0);
        assert!(r.people[0].profile.iter().any(|i| i.label == "Family"));
    });
}

#[test]
fn readiness_packages_and_team_come_from_the_data() {
    with_account(|pb, a| {
        let r = negotiation_report(pb, a, day("2026-11-25"), false);
        let met: Vec<(Readiness, bool)> = r.readiness.iter().map(|c| (c.which, c.met)).collect();
        assert_eq!(
            met,
            vec![
                (Readiness::Commitment, true),
                // A quote alone is not the preliminary proposal.
                (Readiness::Proposal, false),
                (Readiness::Objections, false),
                (Readiness::AllOnTable, false),
            ]
        );
        assert_eq!(r.readiness[1].date, None);
        assert!(
            r.readiness[1]
                .fill
                .contains("proposal_commercial, proposal_solution, proposal_service, proposal_date")
        );
        let packages: Vec<(&str, bool)> = r.packages.iter().map(|k| (k.key.as_str(), k.value.is_some())).collect();
        assert_eq!(
            packages,
            vec![("best", true), ("compromise", false), ("bottom_line", false)]
        );
        assert_eq!(r.team.len(), 5);
        assert!(r.team.iter().all(|k| k.value.is_none()));
        assert!(r.disagreements.is_empty());
        assert_eq!(r.goal.len(), 5);
        assert!(r.goal.iter().all(|(_, s)| s.value.is_none()));
    });
}

#[test]
fn the_proposal_is_out_with_commercial_solution_and_service_terms_sent() {
    let with = |extra: &str, today: &str| {
        let text = format!("id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"close\"\n[negotiation]\n{extra}");
        let pb = default_playbook().unwrap();
        let root = parse(&text).unwrap();
        let r = negotiation_report(&pb, &Account::new(&root), day(today), false);
        (r.readiness[1].met, r.readiness[1].fill.clone())
    };
    let all = "proposal_commercial = \"30-day terms\"\nproposal_solution = \"Cold chain\"\nproposal_service = \"24h support\"\nproposal_date = 2026-11-20\n";
    assert!(with(all, "2026-11-25").0);
    // Sent later than today: planned, not out.
    let (met, fill) = with(all, "2026-11-19");
    assert!(!met);
    assert!(fill.contains("proposal_date") && fill.contains("planned"), "{fill}");
    // Without the service terms it is not a preliminary proposal in the seed's sense.
    let (met, fill) = with(&all.replace("proposal_service = \"24h support\"\n", ""), "2026-11-25");
    assert!(!met);
    assert!(fill.ends_with("proposal_service"), "{fill}");
}

#[test]
fn a_veto_holder_against_us_is_a_gap() {
    let text = "id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"relationship\"\n[[contacts]]\nid = \"li\"\nname = \"Li Gong\"\nroles = [\"technical\"]\nstance = \"blocker\"\n";
    let pb = default_playbook().unwrap();
    let root = parse(text).unwrap();
    let r = visit_report(&pb, &Account::new(&root), None, day("2026-11-25"), false);
    assert!(r.gaps.contains(&Gap::VetoAgainst {
        role: "Technical / operations".into(),
        name: "Li Gong".into(),
        stance: "Blocker".into(),
    }));
}
