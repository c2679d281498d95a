//! The agenda of `kam due`: what is due, by date. Every item has a due date, and the agenda holds
//! the items due within the window or already late:
//!
//! - **report**: a visit without a report is due `cadence.followup_days` after the visit;
//! - **step**: the next step (see [`crate::domain::gate::status`]) is due on its date, unless a visit
//!   already took it;
//! - **visit**: an account is due a visit `cadence.visit_every_days` (its tier's, else `default`)
//!   after its last visit (else after it entered its stage);
//! - **idle**: an account is due to move on when its stage's `idle_days` run out.
//!
//! Lost and paused accounts are not on the agenda; won accounts only with their next steps. The
//! items after the deal (collection, return visits, renewals, the retrospective) come from
//! [`super::after_deal`].

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::domain::gate::status::{Status, in_pipeline, watches_steps};
use crate::domain::playbook::Playbook;

/// What kind of thing is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DueKind {
    Report,
    Step,
    Visit,
    Idle,
    Collection,
    ReturnVisit,
    Renewal,
    Retrospective,
}

impl DueKind {
    pub fn id(self) -> &'static str {
        match self {
            DueKind::Report => "report",
            DueKind::Step => "step",
            DueKind::Visit => "visit",
            DueKind::Idle => "idle",
            DueKind::Collection => "collection",
            DueKind::ReturnVisit => "return_visit",
            DueKind::Renewal => "renewal",
            DueKind::Retrospective => "retrospective",
        }
    }
}

/// One item of the agenda.
#[derive(Debug, Clone, Serialize)]
pub struct DueItem {
    pub date: NaiveDate,
    /// Days past the date (positive: late; zero: due today; negative: days left).
    pub late_days: i64,
    pub kind: DueKind,
    pub id: String,
    pub name: String,
    pub owner: String,
    /// The visit (report), the step's text (step), the days allowed (visit, idle).
    pub detail: String,
    /// The date the item refers to: the visit, the last visit, the day the stage was entered.
    pub since: Option<NaiveDate>,
    /// What the playbook advises for the item (a non-payment cause's response, the escalation).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub advice: Vec<String>,
}

fn add_days(date: NaiveDate, days: u32) -> Option<NaiveDate> {
    date.checked_add_days(Days::new(u64::from(days)))
}

/// Days between visits for an account of this tier: the tier's, else `default`.
pub fn cadence_days(pb: &Playbook, tier: Option<&str>) -> Option<u32> {
    let every = &pb.doc.cadence.visit_every_days;
    tier.and_then(|t| every.get(t))
        .or_else(|| every.get("default"))
        .copied()
}

/// The items of one account due on or before `until`.
pub fn due_items(pb: &Playbook, s: &Status, today: NaiveDate, until: NaiveDate) -> Vec<DueItem> {
    let mut out = super::after_deal::items(pb, s, today, until);
    let mut push = |date: NaiveDate, kind: DueKind, detail: String, since: Option<NaiveDate>| {
        if date <= until {
            out.push(DueItem {
                date,
                late_days: (today - date).num_days(),
                kind,
                id: s.id.clone(),
                name: s.name.clone(),
                owner: s.owner.clone(),
                detail,
                since,
                advice: Vec::new(),
            });
        }
    };
    if watches_steps(pb, &s.stage)
        && let Some(step) = &s.next_step
        && (step.date >= today || step.overdue)
    {
        push(step.date, DueKind::Step, step.step.clone().unwrap_or_default(), None);
    }
    if !in_pipeline(pb, &s.stage) {
        return out;
    }
    for visit in &s.unreported {
        if let Some(due) = add_days(*visit, pb.doc.cadence.followup_days) {
            push(due, DueKind::Report, visit.to_string(), Some(*visit));
        }
    }
    if let Some(every) = cadence_days(pb, s.tier.as_deref())
        && let Some(last) = s.last_visit.or(s.since)
        && let Some(due) = add_days(last, every)
    {
        push(due, DueKind::Visit, every.to_string(), Some(last));
    }
    if let (Some(limit), Some(since)) = (s.idle_days, s.since)
        && let Some(due) = add_days(since, limit)
    {
        push(due, DueKind::Idle, limit.to_string(), Some(since));
    }
    out
}

/// Sorts the agenda: by date, then kind, then account id.
pub fn sort(items: &mut [DueItem]) {
    items.sort_by(|a, b| (a.date, a.kind, &a.id).cmp(&(b.date, b.kind, &b.id)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::Account;
    use crate::domain::account::value::Table;
    use crate::domain::gate::status::status;
    use crate::domain::test_support::default_playbook;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn agenda(text: &str, within: u64) -> Vec<DueItem> {
        let pb = default_playbook().unwrap();
        let root = Table::parse(text).unwrap();
        let today = day("2026-11-25");
        let s = status(&pb, &Account::new(&root), "a", "a.toml", today);
        let mut items = due_items(&pb, &s, today, today + Days::new(within));
        sort(&mut items);
        items
    }

    const HEAD: &str = "id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"qualify\"\ncreated = 2026-11-01\n";

    #[test]
    fn items_are_due_within_the_window_or_late() {
        let text = format!(
            "{HEAD}[[visits]]\ndate = 2026-11-06\nform = \"phone\"\nnext_step = \"call\"\nnext_date = 2026-11-30\n"
        );
        let items = agenda(&text, 7);
        let kinds: Vec<(DueKind, NaiveDate, i64)> = items.iter().map(|i| (i.kind, i.date, i.late_days)).collect();
        assert_eq!(
            kinds,
            vec![
                (DueKind::Report, day("2026-11-13"), 12),
                (DueKind::Step, day("2026-11-30"), -5),
            ]
        );
        // Without a tier the default cadence (60 days) applies: due 2027-01-05, outside 7 days.
        let later = agenda(&text, 45);
        assert!(
            later
                .iter()
                .any(|i| i.kind == DueKind::Visit && i.date == day("2027-01-05"))
        );
        assert!(
            later
                .iter()
                .any(|i| i.kind == DueKind::Idle && i.date == day("2026-12-31"))
        );
    }

    /// A retrospective with every part written, so that it is not on the agenda.
    const RETRO: &str = "[retrospective]\ndate = 2026-06-05\n[retrospective.background]\npains = \"p\"\n\
        [retrospective.planning]\ngoals_strategy = \"g\"\n[retrospective.execution]\nrelationship = \"r\"\n\
        [retrospective.results]\nwon_lost = \"w\"\n";

    #[test]
    fn a_won_account_keeps_its_next_steps_and_the_work_after_the_deal() {
        let text = format!(
            "id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"won\"\ncreated = 2026-01-01\n{RETRO}\
            [[visits]]\ndate = 2026-06-01\nform = \"phone\"\nnext_step = \"return visit\"\nnext_date = 2026-11-28\n"
        );
        let items = agenda(&text, 7);
        let kinds: Vec<DueKind> = items.iter().map(|i| i.kind).collect();
        // No pipeline items (report, visit, idle): the return visit after the deal instead.
        assert_eq!(kinds, vec![DueKind::ReturnVisit, DueKind::Step], "{items:?}");
        assert_eq!(items[1].detail, "return visit");
    }

    #[test]
    fn lost_accounts_are_on_the_agenda_only_for_what_follows_the_deal() {
        let text = format!(
            "id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"lost\"\ncreated = 2026-01-01\n{RETRO}\
            [[visits]]\ndate = 2026-06-01\nform = \"phone\"\nnext_date = 2026-06-10\n"
        );
        assert!(agenda(&text, 365).is_empty());
        let owing = text.replace(RETRO, "");
        let items = agenda(&owing, 0);
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].kind, DueKind::Retrospective);
    }

    #[test]
    fn cadence_follows_the_tier() {
        let pb = default_playbook().unwrap();
        assert_eq!(cadence_days(&pb, Some("A")), Some(14));
        assert_eq!(cadence_days(&pb, Some("C")), Some(90));
        assert_eq!(cadence_days(&pb, None), Some(60));
    }
}
