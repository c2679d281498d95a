//! One test per kind of agenda item, on small accounts, as of 2026-11-25.

use chrono::{Days, NaiveDate};

use super::*;
use crate::domain::account::value::Table;
use crate::domain::gate::status::{Flag, status};
use crate::domain::test_support::default_playbook;

pub(super) fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const TODAY: &str = "2026-11-25";

fn agenda_of(text: &str, within: u64) -> Vec<Item> {
    agenda_with_flags(text, within).0
}

/// The agenda of a small account for the `within` days from [`TODAY`], sorted, and the account's
/// flags (the after-the-deal tests check both).
pub(super) fn agenda_with_flags(text: &str, within: u64) -> (Vec<Item>, Vec<Flag>) {
    let pb = default_playbook().unwrap();
    let root = Table::parse(text).unwrap();
    let today = day(TODAY);
    let account = Account::new(&root);
    let s = status(&pb, &account, "a", "a.toml", today);
    let facts = Facts {
        pb: &pb,
        account: &account,
        root: &root,
        status: &s,
        today,
    };
    let mut items = agenda(&facts, today + Days::new(within));
    sort(&mut items);
    (items, s.flags)
}

fn of_kind<'a>(items: &'a [Item], kind: &str) -> Vec<&'a Item> {
    items.iter().filter(|i| i.kind == kind).collect()
}

const HEAD: &str = "id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"qualify\"\ncreated = 2026-11-01\n";

fn visit(date: &str, extra: &str) -> String {
    format!("[[visits]]\ndate = {date}\nform = \"phone\"\n{extra}")
}

#[test]
fn a_planned_visit_is_due_on_its_date_with_place_and_people() {
    let text = format!(
        "{HEAD}[[contacts]]\nid = \"xu\"\nname = \"徐青\"\n{}",
        visit("2026-11-28", "place = \"南京\"\nattendees = [\"xu\"]\n")
    );
    let items = agenda_of(&text, 7);
    let planned = of_kind(&items, "planned");
    assert_eq!(planned.len(), 1, "{items:#?}");
    assert_eq!((planned[0].date, planned[0].late_days), (day("2026-11-28"), -3));
    assert_eq!(planned[0].details[0].args, [("place", "南京".to_string())]);
    assert_eq!(planned[0].details[1].args, [("people", "徐青".to_string())]);
    // A planned visit needs no report and no follow-up yet.
    assert!(of_kind(&items, "report").is_empty() && of_kind(&items, "followup").is_empty());
    // Beyond the window it is not on the agenda.
    assert!(of_kind(&agenda_of(&text, 2), "planned").is_empty());
}

#[test]
fn a_visit_without_report_is_due_after_the_followup_days() {
    let items = agenda_of(
        &format!("{HEAD}{}", visit("2026-11-06", "followed_up = 2026-11-08\n")),
        7,
    );
    let report = of_kind(&items, "report");
    assert_eq!(report.len(), 1);
    assert_eq!((report[0].date, report[0].late_days), (day("2026-11-13"), 12));
    assert_eq!(report[0].subject, "2026-11-06");
    assert_eq!(
        report[0].command.as_deref(),
        Some("kam log a --visit 2026-11-06 --report \"…\"")
    );
    let done = agenda_of(
        &format!(
            "{HEAD}{}",
            visit("2026-11-06", "report = \"r\"\nfollowed_up = 2026-11-08\n")
        ),
        7,
    );
    assert!(of_kind(&done, "report").is_empty());
}

#[test]
fn a_followup_is_due_unless_recorded_or_a_later_contact_took_place() {
    let items = agenda_of(&format!("{HEAD}{}", visit("2026-11-20", "report = \"r\"\n")), 7);
    let f = of_kind(&items, "followup");
    assert_eq!(f.len(), 1, "{items:#?}");
    assert_eq!((f[0].date, f[0].late_days), (day("2026-11-27"), -2));
    let recorded = agenda_of(
        &format!(
            "{HEAD}{}",
            visit("2026-11-20", "report = \"r\"\nfollowed_up = 2026-11-22\n")
        ),
        7,
    );
    assert!(of_kind(&recorded, "followup").is_empty());
    let later = agenda_of(
        &format!(
            "{HEAD}{}{}",
            visit("2026-11-10", "report = \"r\"\n"),
            visit("2026-11-14", "report = \"r\"\nfollowed_up = 2026-11-15\n")
        ),
        7,
    );
    assert!(of_kind(&later, "followup").is_empty(), "{later:#?}");
}

#[test]
fn open_tasks_are_due_on_their_date_for_their_owner() {
    let text = format!(
        "{HEAD}[[plan]]\ntask = \"quote\"\nowner = \"sun.hao\"\ndue = 2026-11-20\nstatus = \"doing\"\n\
         [[plan]]\ntask = \"done one\"\ndue = 2026-11-21\nstatus = \"done\"\n\
         [[plan]]\ntask = \"later\"\ndue = 2027-01-10\n"
    );
    let items = agenda_of(&text, 7);
    let tasks = of_kind(&items, "task");
    assert_eq!(tasks.len(), 1, "{items:#?}");
    assert_eq!((tasks[0].late_days, tasks[0].subject.as_str()), (5, "1"));
    assert_eq!(
        (tasks[0].owner.as_str(), tasks[0].account_owner.as_str()),
        ("sun.hao", "o")
    );
    assert_eq!(tasks[0].command.as_deref(), Some("kam task a done 1"));
}

#[test]
fn the_next_step_is_due_on_its_date_unless_a_visit_is_planned_then() {
    let text = format!(
        "{HEAD}{}",
        visit(
            "2026-11-20",
            "report = \"r\"\nfollowed_up = 2026-11-21\nnext_step = \"demo\"\nnext_date = 2026-11-30\n"
        )
    );
    let steps = agenda_of(&text, 7);
    let s = of_kind(&steps, "step");
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].why.args[1], ("step", "demo".to_string()));
    let planned = format!("{text}{}", visit("2026-11-30", ""));
    let items = agenda_of(&planned, 7);
    assert!(of_kind(&items, "step").is_empty(), "the planned visit is the item");
    assert_eq!(of_kind(&items, "planned").len(), 1);
}

#[test]
fn an_account_goes_cold_after_its_tier_cadence_unless_a_visit_is_planned_in_time() {
    // No tier: the default cadence of 60 days after the last visit.
    let text = format!(
        "{HEAD}{}",
        visit("2026-09-20", "report = \"r\"\nfollowed_up = 2026-09-21\n")
    );
    let items = agenda_of(&text, 7);
    let cold = of_kind(&items, "cold");
    assert_eq!(cold.len(), 1, "{items:#?}");
    assert_eq!(
        (cold[0].date, cold[0].why.id),
        (day("2026-11-19"), "due.cold.why_untiered")
    );
    // A visit planned after the due date is named; one planned before it keeps the account warm.
    let late = agenda_of(&format!("{text}{}", visit("2026-12-20", "")), 7);
    assert_eq!(of_kind(&late, "cold")[0].action.id, "due.cold.planned_late");
    let warm = agenda_of(
        &format!(
            "{HEAD}{}{}",
            visit("2026-10-20", "report = \"r\"\n"),
            visit("2026-12-01", "")
        ),
        60,
    );
    assert!(of_kind(&warm, "cold").is_empty(), "{warm:#?}");
}

#[test]
fn a_stance_is_due_a_new_assessment_after_the_reassess_days() {
    let text = format!(
        "{HEAD}[[contacts]]\nid = \"jiang\"\nname = \"江华\"\nstance = \"supporter\"\nassessed = 2026-08-01\n\
         [[contacts]]\nid = \"tang\"\nname = \"唐磊\"\nstance = \"neutral\"\n{}",
        visit(
            "2026-09-01",
            "attendees = [\"tang\"]\nreport = \"r\"\nfollowed_up = 2026-09-02\n"
        )
    );
    let items = agenda_of(&text, 7);
    let stances = of_kind(&items, "stance");
    assert_eq!(stances.len(), 2, "{items:#?}");
    assert_eq!(
        (stances[0].subject.as_str(), stances[0].date),
        ("jiang", day("2026-10-30"))
    );
    assert_eq!(stances[0].why.id, "due.stance.why");
    assert_eq!(
        (stances[1].subject.as_str(), stances[1].date),
        ("tang", day("2026-11-30"))
    );
    assert_eq!(stances[1].why.id, "due.stance.why_undated");
    assert_eq!(
        stances[1].command.as_deref(),
        Some("kam set a contacts.tang.stance=neutral")
    );
}

#[test]
fn an_idle_account_is_due_to_move_on_when_its_stage_limit_runs_out() {
    let text = "id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"qualify\"\ncreated = 2026-09-01\n";
    let items = agenda_of(text, 7);
    let idle = of_kind(&items, "idle");
    assert_eq!(idle.len(), 1);
    assert_eq!((idle[0].date, idle[0].late_days), (day("2026-10-31"), 25));
}

#[test]
fn lost_accounts_are_not_on_the_agenda_won_ones_keep_visits_and_tasks() {
    // Both wrote their retrospective, which the items after the deal would otherwise ask for.
    let retro = "[retrospective]\ndate = 2026-02-01\n[retrospective.background]\npains = \"p\"\n\
        [retrospective.planning]\ngoals_strategy = \"g\"\n[retrospective.execution]\nrelationship = \"r\"\n\
        [retrospective.results]\nwon_lost = \"w\"\n";
    let body = format!(
        "{retro}{}[[plan]]\ntask = \"return visit\"\ndue = 2026-11-28\n",
        visit("2026-11-20", "next_step = \"x\"\nnext_date = 2026-11-29\n")
    );
    let lost = format!("id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"lost\"\ncreated = 2026-01-01\n{body}");
    assert!(agenda_of(&lost, 365).is_empty());
    let won = format!("id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"won\"\ncreated = 2026-01-01\n{body}");
    let kinds: Vec<&str> = agenda_of(&won, 7).iter().map(|i| i.kind).collect();
    assert_eq!(kinds, ["report", "followup", "task", "step"]);
}

#[test]
fn every_kind_has_its_words_and_cadence_follows_the_tier() {
    for k in KINDS {
        assert!(!k.words().is_empty(), "{}", k.id());
        assert!(k.words().iter().all(|(id, _)| id.starts_with("due.")), "{}", k.id());
    }
    let ids: Vec<&str> = words().iter().map(|(id, _)| *id).collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "message ids are unique");
    let pb = default_playbook().unwrap();
    assert_eq!(cadence_days(&pb, Some("A")), Some(14));
    assert_eq!(cadence_days(&pb, None), Some(60));
}

#[test]
fn tasks_and_issues_keep_their_keys_when_an_earlier_one_goes() {
    use std::fmt::Write;
    let plan = |tasks: &[&str]| {
        let mut text = HEAD.to_string();
        for t in tasks {
            let _ = write!(text, "[[plan]]\ntask = \"{t}\"\nowner = \"o\"\ndue = 2026-11-20\n");
        }
        text
    };
    let keys = |text: &str, kind: &str| -> Vec<(String, String)> {
        of_kind(&agenda_of(text, 7), kind)
            .iter()
            .map(|i| (i.why.args[1].1.clone(), i.key.clone()))
            .collect()
    };
    let before = keys(&plan(&["Call", "Quote", "Visit"]), "task");
    let after = keys(&plan(&["Quote", "Visit"]), "task");
    assert_eq!(before[1..], after[..], "{before:?} {after:?}");
    // Issues of a reception, by their text within the reception.
    let reception = |issues: &[&str]| {
        let mut text = format!("{HEAD}[[receptions]]\ndate = 2026-11-10\n");
        for i in issues {
            let _ = write!(text, "[[receptions.issues]]\nissue = \"{i}\"\n");
        }
        text
    };
    let before = keys(&reception(&["Payment terms", "Delivery date"]), "issue");
    let after = keys(&reception(&["Delivery date"]), "issue");
    assert_eq!(before.len(), 2, "{before:?}");
    assert_eq!(before[1..], after[..], "{before:?} {after:?}");
    assert!(after[0].1.starts_with("2026-11-10#"), "{after:?}");
}
