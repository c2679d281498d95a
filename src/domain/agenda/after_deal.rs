//! The agenda items after the deal, for `kam due`:
//!
//! - **collection**: an open receivable is due on its due date; once overdue, the item carries the
//!   non-payment cause's response from the playbook (or asks for the cause) and the escalation
//!   step reached. Money owed is followed at every stage, lost and paused included.
//! - **return visit**: a won account's next return visit, by its tier's cadence;
//! - **renewal**: a contract expiring within `after_deal.renewal_days`, dated on its expiry;
//! - **retrospective**: the retrospective a won or lost account owes, dated on its deadline (or on
//!   the review meeting, when one is set).

use chrono::NaiveDate;

use crate::domain::after_deal::receivables::Receivable;
use crate::domain::after_deal::retro::RetroState;
use crate::domain::agenda::{DueItem, DueKind};
use crate::domain::gate::status::Status;
use crate::domain::playbook::Playbook;

fn item(s: &Status, today: NaiveDate, date: NaiveDate, kind: DueKind, detail: String) -> DueItem {
    DueItem {
        date,
        late_days: (today - date).num_days(),
        kind,
        id: s.id.clone(),
        name: s.name.clone(),
        owner: s.owner.clone(),
        detail,
        since: None,
        advice: Vec::new(),
    }
}

/// What the playbook advises for an overdue receivable, one line each: the cause's response (or
/// a request to record the cause), the escalation step reached, and the receivable's note. The
/// phrases are the playbook's `after.cause_unknown` and `after.escalate`.
pub fn advice(pb: &Playbook, r: &Receivable) -> Vec<String> {
    let mut out = Vec::new();
    if !r.is_overdue() {
        return out;
    }
    let colon = pb.text("report.colon", ": ");
    out.push(match &r.cause {
        Some(c) if c.response.is_empty() => c.label.clone(),
        Some(c) => format!("{}{colon}{}", c.label, c.response),
        None => pb
            .text(
                "after.cause_unknown",
                "Cause not recorded: write the receivable's `cause` to get the playbook's response",
            )
            .to_string(),
    });
    if let Some(e) = &r.escalation {
        out.push(
            pb.text("after.escalate", "Escalate — {step} ({days}+ days overdue): {help}")
                .replace("{step}", &e.label)
                .replace("{days}", &e.after_days.to_string())
                .replace("{help}", &e.help),
        );
    }
    if let Some(note) = &r.note {
        out.push(note.clone());
    }
    out
}

/// "BF-2026-0917 second instalment: 986,000 CNY": on what, and what is outstanding.
pub fn collection_detail(r: &Receivable) -> String {
    let what = match &r.item {
        Some(item) => format!("{} {item}", r.contract),
        None => r.contract.clone(),
    };
    match &r.outstanding {
        Some(m) => format!("{what}: {m}"),
        None => what,
    }
}

/// The after-the-deal items of one account due on or before `until`.
pub fn items(pb: &Playbook, s: &Status, today: NaiveDate, until: NaiveDate) -> Vec<DueItem> {
    let w = &s.after_deal;
    let mut out = Vec::new();
    for r in &w.open {
        let Some(due) = r.due.filter(|d| *d <= until) else {
            continue;
        };
        let mut i = item(s, today, due, DueKind::Collection, collection_detail(r));
        i.advice = advice(pb, r);
        out.push(i);
    }
    if let Some(rv) = w.return_visit.as_ref().filter(|r| r.due <= until) {
        let from = if rv.last_visit == Some(rv.since) {
            pb.text("due.last_visit", "last visit")
        } else {
            pb.text("due.won_on", "won on")
        };
        let detail = format!(
            "{} {} {}; {from} {}",
            pb.text("due.every", "every"),
            rv.every,
            pb.text("due.days", "days"),
            rv.since
        );
        let mut i = item(s, today, rv.due, DueKind::ReturnVisit, detail);
        i.since = Some(rv.since);
        out.push(i);
    }
    for r in w.renewals.iter().filter(|r| r.from <= until) {
        let detail = match &r.title {
            Some(t) => format!("{} {t}", r.number),
            None => r.number.clone(),
        };
        out.push(item(s, today, r.expires, DueKind::Renewal, detail));
    }
    if let Some(retro) = w.retro.as_ref().filter(|r| !r.is_written()) {
        let scheduled = (retro.state == RetroState::Scheduled).then_some(retro.date).flatten();
        if let Some(date) = scheduled.or(retro.deadline).filter(|d| *d <= until) {
            let mut i = item(
                s,
                today,
                date,
                DueKind::Retrospective,
                pb.stage_label(&retro.outcome).to_string(),
            );
            i.since = retro.entered;
            i.advice = retro.missing.is_empty().then(Vec::new).unwrap_or_else(|| {
                vec![format!(
                    "{}{}",
                    pb.text("due.retro_parts", "Parts to write: "),
                    parts(pb, &retro.missing)
                )]
            });
            out.push(i);
        }
    }
    out
}

/// The labels of retrospective parts by id.
fn parts(pb: &Playbook, ids: &[String]) -> String {
    let labels: Vec<&str> = ids
        .iter()
        .map(|id| {
            pb.doc
                .retrospective
                .as_ref()
                .and_then(|r| r.part(id))
                .map_or(id.as_str(), |p| p.label.as_str())
        })
        .collect();
    labels.join(pb.text("report.list_separator", ", "))
}

#[cfg(test)]
mod tests {
    use chrono::Days;

    use super::*;
    use crate::domain::account::Account;
    use crate::domain::account::value::Table;
    use crate::domain::agenda::{due_items, sort};
    use crate::domain::gate::status::{Flag, status};
    use crate::domain::test_support::default_playbook;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn agenda(text: &str, within: u64) -> (Vec<DueItem>, Vec<Flag>) {
        let pb = default_playbook().unwrap();
        let root = Table::parse(text).unwrap();
        let today = day("2026-11-25");
        let s = status(&pb, &Account::new(&root), "a", "a.toml", today);
        let mut items = due_items(&pb, &s, today, today + Days::new(within));
        sort(&mut items);
        (items, s.flags)
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
        let (items, flags) = agenda(&text, 7);
        let collections: Vec<&DueItem> = items.iter().filter(|i| i.kind == DueKind::Collection).collect();
        assert_eq!(collections.len(), 2);
        assert_eq!(collections[0].late_days, 66);
        assert_eq!(collections[0].detail, "C-1 30 %: 200,000 CNY");
        assert!(collections[0].advice[0].starts_with("Malicious arrears: Try to settle it through a higher-level"));
        assert_eq!(
            collections[0].advice[1],
            "Escalate — Higher-level relationship (60+ days overdue): Take it up through a higher-level relationship with the client"
        );
        assert_eq!(collections[1].late_days, -5, "due in the window: a reminder");
        assert!(collections[1].advice.is_empty());
        assert!(flags.contains(&Flag::PaymentOverdue));
    }

    #[test]
    fn an_overdue_receivable_without_a_cause_asks_for_one() {
        let text = format!("{WON}[[receivables]]\ncontract = \"C-1\"\namount = 300000\ndue = 2026-11-01\n");
        let (items, _) = agenda(&text, 0);
        let c = items.iter().find(|i| i.kind == DueKind::Collection).unwrap();
        assert_eq!(
            c.advice,
            vec!["Cause not recorded: write the receivable's `cause` to get the playbook's response"]
        );
    }

    #[test]
    fn won_accounts_get_return_visits_and_renewals() {
        let (items, flags) = agenda(WON, 70);
        let kinds: Vec<(DueKind, NaiveDate)> = items.iter().map(|i| (i.kind, i.date)).collect();
        // Untiered: a return visit every 90 days after the visit of 2026-11-20; the contract
        // expiring 2027-01-31 is within the 90-day horizon already.
        assert_eq!(kinds, vec![(DueKind::Renewal, day("2027-01-31"))]);
        assert!(flags.contains(&Flag::RenewalDue));
        assert!(!flags.contains(&Flag::ReturnVisitDue));
        let (later, _) = agenda(WON, 90);
        assert!(
            later
                .iter()
                .any(|i| i.kind == DueKind::ReturnVisit && i.date == day("2027-02-18"))
        );
    }

    #[test]
    fn a_missing_retrospective_is_due_on_its_deadline() {
        let text = "id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"lost\"\ncreated = 2026-01-01\n\
            [[history]]\nfrom = \"demo\"\nto = \"lost\"\ndate = 2026-11-01\n";
        let (items, flags) = agenda(text, 0);
        assert!(items.is_empty(), "due 2026-12-01, outside today's window");
        assert!(!flags.contains(&Flag::RetroMissing));
        let (items, _) = agenda(text, 6);
        assert_eq!(items.len(), 1);
        assert_eq!(
            (items[0].kind, items[0].date),
            (DueKind::Retrospective, day("2026-12-01"))
        );
        assert_eq!(items[0].detail, "Lost");
        assert!(
            items[0].advice[0].contains("The project's background"),
            "{:?}",
            items[0].advice
        );
    }
}
