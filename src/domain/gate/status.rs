//! Where one account stands today, for `kam list` and `kam due`: stage and days in it, tier and
//! value, the gate, the next step, the last visit, the visits without a report, and the flags that
//! call for attention. One function reads all of it from an account, so the pipeline view and the
//! agenda never disagree.
//!
//! Definitions:
//! - **next step**: among the visits' `next_date`s, the earliest that is today or later; when all
//!   lie in the past, the latest of them. Its text is that visit's `next_step`.
//! - **overdue**: the next step's date has passed and no visit is dated on or after it (up to
//!   today): the step was set up and nobody took it.
//! - **report missing**: a visit dated more than `cadence.followup_days` ago without a `report`.
//! - **idle**: longer in the stage than the stage's `idle_days`.
//! - **blocked**: the current stage's exit checklist is not met.
//! - after the deal ([`crate::domain::after_deal`]): **payment-overdue** (a receivable is past its
//!   due date with something outstanding, at any stage), **return-visit-due** (a won account's
//!   return visit is due), **renewal-due** (a contract's renewal has entered the agenda),
//!   **retro-missing** (a won or lost account's retrospective is past its deadline).
//!
//! Which accounts are watched: accounts in a pipeline stage, for everything; won accounts, for
//! their next steps only (return visits after the deal); lost and paused accounts, for nothing.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::domain::account::Account;
use crate::domain::after_deal::{Watch, watch};
use crate::domain::gate::gate;
use crate::domain::gate::pipeline::{WON, days_in_stage};
use crate::domain::playbook::Playbook;
use crate::domain::privacy::{self, Scope};
use crate::domain::score::{Weights, score};

/// Something about an account that calls for attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flag {
    Blocked,
    Idle,
    Overdue,
    ReportMissing,
    /// More visits in one cadence period than `cadence.too_often`: pushing too hard.
    TooOften,
    PaymentOverdue,
    ReturnVisitDue,
    RenewalDue,
    RetroMissing,
}

impl Flag {
    pub const ALL: [Flag; 9] = [
        Flag::Blocked,
        Flag::Idle,
        Flag::Overdue,
        Flag::ReportMissing,
        Flag::TooOften,
        Flag::PaymentOverdue,
        Flag::ReturnVisitDue,
        Flag::RenewalDue,
        Flag::RetroMissing,
    ];

    /// The flag's id, as written in `--flag` and in JSON.
    pub fn id(self) -> &'static str {
        match self {
            Flag::Blocked => "blocked",
            Flag::Idle => "idle",
            Flag::Overdue => "overdue",
            Flag::ReportMissing => "report-missing",
            Flag::TooOften => "too-often",
            Flag::PaymentOverdue => "payment-overdue",
            Flag::ReturnVisitDue => "return-visit-due",
            Flag::RenewalDue => "renewal-due",
            Flag::RetroMissing => "retro-missing",
        }
    }
}

/// A next step set up by a visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextStep {
    pub date: NaiveDate,
    /// The visit's `next_step`, if written.
    pub step: Option<String>,
    pub overdue: bool,
}

/// How far down its checklist the account's gate is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct GateCount {
    pub met: usize,
    pub total: usize,
}

/// One account today.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    pub id: String,
    pub name: String,
    pub owner: String,
    pub stage: String,
    /// The file, relative to the workspace.
    pub file: String,
    pub days_in_stage: Option<i64>,
    /// The stage's `idle_days`.
    pub idle_days: Option<u32>,
    /// The date the account entered its stage (history record, else `created`).
    #[serde(skip)]
    pub since: Option<NaiveDate>,
    pub tier: Option<String>,
    pub value: Option<f64>,
    pub difficulty: Option<f64>,
    /// The current stage's gate; `null` at an outcome or unknown stage.
    pub gate: Option<GateCount>,
    pub next_step: Option<NextStep>,
    /// The latest visit dated today or earlier.
    pub last_visit: Option<NaiveDate>,
    /// Dates of visits older than the follow-up days without a report (watched accounts only).
    pub reports_missing: Vec<NaiveDate>,
    /// Dates of every visit without a report, up to today (for the agenda's window).
    #[serde(skip)]
    pub unreported: Vec<NaiveDate>,
    pub flags: Vec<Flag>,
    /// The key-account classes written on the account (ids).
    pub classes: Vec<String>,
    /// No class, but near the standard of one: a potential key account.
    pub potential: bool,
    /// The client level (`first`, `second`), the region and the development approach (ids).
    pub level: Option<String>,
    pub region: Option<String>,
    pub approach: Option<String>,
    /// Visits and receptions held in the last 365 days, for planning.
    pub contacts_year: usize,
    /// What is followed after the deal: receivables, return visits, renewals, retrospective.
    #[serde(skip)]
    pub after_deal: Watch,
}

/// Whether an account at `stage` is watched for reports, cadence and idleness: it is in the
/// pipeline, not at an outcome.
pub fn in_pipeline(pb: &Playbook, stage: &str) -> bool {
    pb.stage_pos(stage).is_some()
}

/// Whether an account at `stage` is watched for next steps: in the pipeline, or won.
pub fn watches_steps(pb: &Playbook, stage: &str) -> bool {
    in_pipeline(pb, stage) || stage == WON
}

/// The next step, as defined in the module documentation.
pub fn next_step(account: &Account<'_>, today: NaiveDate) -> Option<NextStep> {
    let steps = account
        .visits
        .iter()
        .filter_map(|v| Some((v.date("next_date")?, v.str("next_step"))));
    let mut future: Option<(NaiveDate, Option<&str>)> = None;
    let mut past: Option<(NaiveDate, Option<&str>)> = None;
    for (date, step) in steps {
        if date >= today {
            if future.is_none_or(|(d, _)| date < d) {
                future = Some((date, step));
            }
        } else if past.is_none_or(|(d, _)| date >= d) {
            past = Some((date, step));
        }
    }
    let (date, step) = future.or(past)?;
    let taken = account
        .visits
        .iter()
        .filter_map(|v| v.date("date"))
        .any(|d| d >= date && d <= today);
    Some(NextStep {
        date,
        step: step.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()),
        overdue: date < today && !taken,
    })
}

impl Status {
    /// The status as outputs show it: the client's name, the owner and the next step's text
    /// are replaced by [`privacy::hidden`] where the playbook marks them sensitive. Filtering
    /// and sorting use the status as read; printing uses this.
    #[must_use]
    pub fn shown(mut self, pb: &Playbook, include: bool) -> Status {
        let hidden = || privacy::hidden(pb).to_string();
        if !privacy::may_show(pb, Scope::Account, "name", include) {
            self.name = hidden();
        }
        if !privacy::may_show(pb, Scope::Account, "owner", include) {
            self.owner = hidden();
        }
        if let Some(step) = &mut self.next_step
            && step.step.is_some()
            && !privacy::may_show(pb, Scope::Record("visits"), "next_step", include)
        {
            step.step = Some(hidden());
        }
        self
    }
}

/// Reads an account's status as of `today`. `fallback_id` names it when the file has no `id`.
pub fn status(pb: &Playbook, account: &Account<'_>, fallback_id: &str, file: &str, today: NaiveDate) -> Status {
    let stage = account.stage_id();
    let scored = score(pb, account, &Weights::new());
    let gate = gate(pb, account, today).map(|g| GateCount {
        met: g.items.iter().filter(|i| i.met).count(),
        total: g.items.len(),
    });
    let idle_days = pb.stage(stage).and_then(|s| s.idle_days);
    let days = days_in_stage(account, today);
    let followup = u64::from(pb.doc.cadence.followup_days);
    let visited: Vec<(NaiveDate, bool)> = account
        .visits
        .iter()
        .filter_map(|v| Some((v.date("date")?, v.is_filled("report"))))
        .filter(|(d, _)| *d <= today)
        .collect();
    let unreported: Vec<NaiveDate> = if in_pipeline(pb, stage) {
        let mut dates: Vec<NaiveDate> = visited.iter().filter(|(_, r)| !r).map(|(d, _)| *d).collect();
        dates.sort_unstable();
        dates
    } else {
        Vec::new()
    };
    let reports_missing: Vec<NaiveDate> = unreported
        .iter()
        .copied()
        .filter(|d| d.checked_add_days(Days::new(followup)).is_some_and(|due| due < today))
        .collect();
    let next = next_step(account, today);
    let mut flags = Vec::new();
    if gate.is_some_and(|g| g.met < g.total) {
        flags.push(Flag::Blocked);
    }
    if matches!((days, idle_days), (Some(d), Some(limit)) if d > i64::from(limit)) {
        flags.push(Flag::Idle);
    }
    if watches_steps(pb, stage) && next.as_ref().is_some_and(|n| n.overdue) {
        flags.push(Flag::Overdue);
    }
    if !reports_missing.is_empty() {
        flags.push(Flag::ReportMissing);
    }
    if in_pipeline(pb, stage)
        && crate::domain::relationship::rhythm(pb, account, scored.tier.as_deref(), today)
            .is_some_and(|r| r.too_often())
    {
        flags.push(Flag::TooOften);
    }
    let after_deal = watch(pb, account, scored.tier.as_deref(), today);
    for (flag, on) in [
        (Flag::PaymentOverdue, after_deal.payment_overdue()),
        (Flag::ReturnVisitDue, after_deal.return_visit_due(today)),
        (Flag::RenewalDue, after_deal.renewal_due(today)),
        (Flag::RetroMissing, after_deal.retro_late(today)),
    ] {
        if on {
            flags.push(flag);
        }
    }
    Status {
        id: account.id.map_or(fallback_id, |t| t.text).to_string(),
        name: account.name().to_string(),
        owner: account.owner().to_string(),
        stage: stage.to_string(),
        file: file.to_string(),
        days_in_stage: days,
        idle_days,
        since: account.stage_since(),
        tier: scored.tier,
        value: scored.value,
        difficulty: scored.difficulty,
        gate,
        next_step: next,
        // A reception at our company is a contact too.
        last_visit: visited
            .iter()
            .map(|(d, _)| *d)
            .chain(
                account
                    .receptions
                    .iter()
                    .filter_map(|r| r.date("date"))
                    .filter(|d| *d <= today),
            )
            .max(),
        reports_missing,
        unreported,
        flags,
        classes: account.root.list("class").into_iter().map(str::to_string).collect(),
        potential: crate::domain::planning::classes::potential(pb, account),
        level: account.root.str("level").map(str::to_string),
        region: account.root.str("region").map(str::to_string),
        approach: account.root.str("approach").map(str::to_string),
        contacts_year: account
            .visits
            .iter()
            .chain(account.receptions.iter())
            .filter_map(|r| r.date("date"))
            .filter(|d| *d <= today && (today - *d).num_days() < 365)
            .count(),
        after_deal,
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write;

    use super::*;
    use crate::domain::account::value::Table;
    use crate::domain::test_support::default_playbook;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn status_of(text: &str) -> Status {
        let pb = default_playbook().unwrap();
        let root = Table::parse(text).unwrap();
        status(
            &pb,
            &Account::new(&root),
            "stem",
            "accounts/stem.toml",
            day("2026-11-25"),
        )
    }

    const HEAD: &str = "id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"qualify\"\ncreated = 2026-11-01\n";

    fn visit(date: &str, next: Option<&str>, report: bool) -> String {
        let mut s = format!("[[visits]]\ndate = {date}\nform = \"phone\"\n");
        if let Some(n) = next {
            let _ = write!(s, "next_step = \"step after {date}\"\nnext_date = {n}\n");
        }
        if report {
            s.push_str("report = \"done\"\n");
        }
        s
    }

    #[test]
    fn the_next_step_is_the_earliest_future_date() {
        let s = status_of(&format!(
            "{HEAD}{}{}{}",
            visit("2026-11-02", Some("2026-11-10"), true),
            visit("2026-11-10", Some("2026-12-20"), true),
            visit("2026-11-20", Some("2026-12-01"), true)
        ));
        let next = s.next_step.unwrap();
        assert_eq!(next.date, day("2026-12-01"));
        assert_eq!(next.step.as_deref(), Some("step after 2026-11-20"));
        assert!(!next.overdue);
        assert!(!s.flags.contains(&Flag::Overdue));
    }

    #[test]
    fn a_past_step_nobody_took_is_overdue() {
        let s = status_of(&format!("{HEAD}{}", visit("2026-11-04", Some("2026-11-18"), true)));
        let next = s.next_step.unwrap();
        assert_eq!(next.date, day("2026-11-18"));
        assert!(next.overdue);
        assert!(s.flags.contains(&Flag::Overdue));
        // A visit on or after the step's date takes it.
        let taken = status_of(&format!(
            "{HEAD}{}{}",
            visit("2026-11-04", Some("2026-11-18"), true),
            visit("2026-11-18", None, true)
        ));
        assert!(!taken.next_step.unwrap().overdue);
    }

    #[test]
    fn a_report_is_missing_after_the_followup_days() {
        let s = status_of(&format!(
            "{HEAD}{}{}",
            visit("2026-11-06", None, false),
            visit("2026-11-20", None, false)
        ));
        assert_eq!(s.reports_missing, vec![day("2026-11-06")]);
        assert_eq!(s.unreported.len(), 2);
        assert!(s.flags.contains(&Flag::ReportMissing));
        assert_eq!(s.last_visit, Some(day("2026-11-20")));
    }

    #[test]
    fn planned_visits_are_not_last_visits_and_need_no_report() {
        let s = status_of(&format!("{HEAD}{}", visit("2026-12-03", None, false)));
        assert_eq!(s.last_visit, None);
        assert!(s.unreported.is_empty());
    }

    #[test]
    fn lost_and_paused_accounts_raise_no_flags() {
        let text = format!(
            "id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"paused\"\ncreated = 2026-01-01\n{}",
            visit("2026-11-01", Some("2026-11-10"), false)
        );
        let s = status_of(&text);
        assert!(s.flags.is_empty(), "{:?}", s.flags);
        assert!(s.gate.is_none());
    }

    #[test]
    fn a_new_account_is_blocked_and_idle_after_its_limit() {
        let s = status_of("id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"qualify\"\ncreated = 2026-09-01\n");
        assert_eq!(s.flags, vec![Flag::Blocked, Flag::Idle]);
        assert_eq!(s.gate, Some(GateCount { met: 0, total: 4 }));
        assert_eq!(s.days_in_stage, Some(85));
    }
}
