//! The agenda items after the deal, on small accounts, as of 2026-11-25.

use chrono::NaiveDate;

use crate::domain::agenda::Item;
use crate::domain::agenda::tests::{agenda_with_flags, day};
use crate::domain::gate::status::Flag;

fn arg<'a>(item: &'a Item, name: &str) -> &'a str {
    item.why
        .args
        .iter()
        .find(|(n, _)| *n == name)
        .map_or("", |(_, v)| v.as_str())
}

const WON: &str = "id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"won\"\ncreated = 2026-01-01\n\
    [[history]]\nfrom = \"close\"\nto = \"won\"\ndate = 2026-10-28\n\
    [retrospective]\ndate = 2026-11-10\n[retrospective.background]\npains = \"p\"\n[retrospective.planning]\ngoals_strategy = \"g\"\n\
    [retrospective.execution]\nrelationship = \"r\"\n[retrospective.results]\nwon_lost = \"w\"\n\
    [[visits]]\ndate = 2026-11-20\nform = \"return_visit\"\n\
    [[contracts]]\nnumber = \"C-1\"\nkind = \"sales\"\nsigned = 2026-10-28\namount = 1000000\nexpires = 2027-01-31\n";

#[test]
fn an_overdue_receivable_carries_the_response_and_the_escalation() {
    let text = format!(
        "{WON}[[receivables]]\ncontract = \"C-1\"\nitem = \"30 %\"\namount = 300000\ndue = 2026-09-20\ncause = \"malicious_arrears\"\n\
         [[receivables.payments]]\ndate = 2026-10-01\namount = 100000\n\
         [[receivables]]\ncontract = \"C-1\"\nitem = \"40 %\"\namount = 400000\ndue = 2026-11-30\n"
    );
    let (items, flags) = agenda_with_flags(&text, 7);
    let collections: Vec<&Item> = items.iter().filter(|i| i.kind == "collection").collect();
    assert_eq!(collections.len(), 2);
    let late = collections[0];
    assert_eq!(late.late_days, 66);
    assert_eq!((arg(late, "what"), arg(late, "amount")), ("C-1 30 %", "200,000 CNY"));
    let action = &late.action.args[0].1;
    assert!(
        action.starts_with("Malicious arrears: Try to settle it through a higher-level"),
        "{action}"
    );
    assert!(
        action.ends_with(
            "legal means. Escalate — Higher-level relationship (60+ days overdue): Take it up through a higher-level relationship with the client"
        ),
        "{action}"
    );
    let soon = collections[1];
    assert_eq!(soon.late_days, -5, "due in the window: a reminder");
    assert_eq!(soon.action.id, "due.collection.remind");
    assert!(flags.contains(&Flag::PaymentOverdue));
}

#[test]
fn an_overdue_receivable_without_a_cause_asks_for_one() {
    let text = format!("{WON}[[receivables]]\ncontract = \"C-1\"\namount = 300000\ndue = 2026-11-01\n");
    let (items, _) = agenda_with_flags(&text, 0);
    let c = items.iter().find(|i| i.kind == "collection").unwrap();
    assert_eq!(
        c.action.args[0].1,
        "Cause not recorded: write the receivable's `cause` to get the playbook's response"
    );
}

#[test]
fn won_accounts_get_return_visits_and_renewals() {
    let (items, flags) = agenda_with_flags(WON, 10);
    // Untiered: a return visit every 90 days after the visit of 2026-11-20; the contract expiring
    // 2027-01-31 is due for renewal from 90 days before, 2026-11-02.
    // (The visit of 2026-11-20 has no report: the pipeline's kinds list it too.)
    let kinds: Vec<(&str, NaiveDate)> = items
        .iter()
        .filter(|i| !matches!(i.kind, "report" | "followup"))
        .map(|i| (i.kind, i.date))
        .collect();
    assert_eq!(kinds, vec![("renewal", day("2026-11-02"))]);
    let renewal = items.iter().find(|i| i.kind == "renewal").unwrap();
    assert_eq!(arg(renewal, "expires"), "2027-01-31");
    assert!(flags.contains(&Flag::RenewalDue));
    assert!(!flags.contains(&Flag::ReturnVisitDue));
    let (later, _) = agenda_with_flags(WON, 90);
    let rv = later.iter().find(|i| i.kind == "return_visit").unwrap();
    assert_eq!(rv.date, day("2027-02-18"));
    assert_eq!(
        (arg(rv, "won"), arg(rv, "last"), arg(rv, "every")),
        ("2026-10-28", "2026-11-20", "90")
    );
}

#[test]
fn lost_accounts_keep_what_they_owe_after_the_deal() {
    let text = "id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"lost\"\ncreated = 2026-01-01\n\
        [[history]]\nfrom = \"demo\"\nto = \"lost\"\ndate = 2026-11-01\n\
        [[contracts]]\nnumber = \"P\"\nkind = \"service\"\nsigned = 2026-02-01\namount = 50000\nexpires = 2026-12-31\n\
        [[receivables]]\ncontract = \"P\"\namount = 50000\ndue = 2026-10-31\n\
        [[visits]]\ndate = 2026-06-01\nform = \"phone\"\nnext_date = 2026-06-10\n";
    let (items, flags) = agenda_with_flags(text, 0);
    let kinds: Vec<&str> = items.iter().map(|i| i.kind).collect();
    assert_eq!(
        kinds,
        ["collection"],
        "no next step, no renewal, retrospective not due yet"
    );
    assert!(flags.contains(&Flag::PaymentOverdue));
    let (items, _) = agenda_with_flags(text, 6);
    let retro = items.iter().find(|i| i.kind == "retrospective").unwrap();
    assert_eq!(retro.date, day("2026-12-01"));
    assert_eq!(arg(retro, "outcome"), "Lost");
    assert!(
        retro.action.args[0].1.contains("The project's background"),
        "{:?}",
        retro.action
    );
}
