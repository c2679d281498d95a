//! Approvals and expenses of visits and receptions. Every visit and reception with a budget is an
//! application: the director reviews it, the general manager approves it, finance funds it — as
//! the playbook's `approvals` levels say for it (by tier, form, budget, record) — and after it the
//! report is checked and the expenses reimbursed. No report, no reimbursement.
//!
//! - this file: one application read from a visit or reception record (its level, each step given
//!   or not, budget and expenses in the policy's currency)
//! - [`check`]: what `kam check` reports (held without the approvals the level needs, reimbursed
//!   without a report)
//! - [`expenses`]: `kam report expenses`: what each owner spent per account against budgets
//!
//! The agenda's items (approvals waiting, reports blocking reimbursement) are in
//! `agenda::approvals`.

pub mod check;
pub mod expenses;

use chrono::NaiveDate;

use crate::domain::account::Account;
use crate::domain::account::value::{Record, as_table};
use crate::domain::playbook::Playbook;
use crate::domain::playbook::method::Level;

/// The record arrays that hold applications.
pub const OF: [&str; 2] = ["visits", "receptions"];

/// The step that reimburses the expenses, and the one that checks the report: the playbook's
/// `approval_step` values kam gives meaning to.
pub const REIMBURSEMENT: &str = "reimbursement";
pub const REPORT_CHECK: &str = "report_check";

/// An amount converted to the policy's currency (the same shape as a gift's value).
pub type Amount = crate::domain::check::GiftValue;

/// A money field of a record, converted with the policy's exchange rates.
pub fn amount(pb: &Playbook, record: &Record<'_, '_>, key: &str) -> Option<Amount> {
    crate::domain::check::gift_value_of(pb, record, key)
}

/// One step of an application as recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct Step<'t> {
    pub id: String,
    pub label: String,
    pub by: Option<&'t str>,
    pub date: Option<NaiveDate>,
    pub refused: bool,
    /// Where it is written, for diagnostics.
    pub span: (usize, usize),
}

impl Step<'_> {
    /// Given and not refused.
    pub fn granted(&self) -> bool {
        !self.refused
    }
}

/// A visit or reception seen as an application.
#[derive(Debug, Clone)]
pub struct Application<'p, 't> {
    /// `visits` or `receptions`.
    pub of: &'static str,
    pub record: Record<'t, 't>,
    pub date: NaiveDate,
    /// The level of sign-off it needs; `None` when no rule holds.
    pub level: Option<&'p Level>,
    /// The steps written under `approvals`, in the order of the `approval_step` enumeration.
    pub steps: Vec<Step<'t>>,
    pub budget: Option<Amount>,
    pub expenses: Option<Amount>,
    pub reported: bool,
}

impl<'t> Application<'_, 't> {
    pub fn step(&self, id: &str) -> Option<&Step<'t>> {
        self.steps.iter().find(|s| s.id == id)
    }

    /// The steps the level needs before the event that are missing, refused or dated after it.
    pub fn unmet(&self) -> Vec<&str> {
        let Some(level) = self.level else { return Vec::new() };
        level
            .needs
            .iter()
            .filter(|need| {
                self.step(need)
                    .is_none_or(|s| !s.granted() || s.date.is_some_and(|d| d > self.date))
            })
            .map(String::as_str)
            .collect()
    }

    /// Whether the expenses are reimbursed.
    pub fn reimbursed(&self) -> bool {
        self.step(REIMBURSEMENT).is_some_and(Step::granted)
    }

    /// Whether the report was checked (or the playbook has no such step).
    pub fn report_checked(&self, pb: &Playbook) -> bool {
        let wanted = pb
            .doc
            .approvals
            .as_ref()
            .is_some_and(|a| a.after.iter().any(|s| s == REPORT_CHECK));
        !wanted || self.step(REPORT_CHECK).is_some_and(Step::granted)
    }

    /// What the event is, in the playbook's words: a visit's form; a reception is the client's
    /// site visit to our company (the form `site_visit`, when the playbook has it); else the
    /// record type's label.
    pub fn what(&self, pb: &Playbook) -> String {
        let form = self.record.str("form").or_else(|| {
            (self.of == "receptions" && pb.enum_value("visit_form", "site_visit").is_some()).then_some("site_visit")
        });
        match form {
            Some(form) => pb.enum_label("visit_form", form).to_string(),
            None => pb
                .record_type(self.of)
                .map_or(self.of, |r| r.label.as_str())
                .to_string(),
        }
    }

    /// "Site visit to our company 2026-11-12", for messages.
    pub fn label(&self, pb: &Playbook) -> String {
        format!("{} {}", self.what(pb), self.date)
    }
}

fn steps<'t>(pb: &Playbook, record: &Record<'t, 't>) -> Vec<Step<'t>> {
    let Some(table) = record.value("approvals").and_then(as_table) else {
        return Vec::new();
    };
    let order = pb.enum_values("approval_step").unwrap_or_default();
    let mut out: Vec<Step<'t>> = table
        .iter()
        .filter_map(|(key, node)| {
            let t = as_table(node.get_ref())?;
            let r = Record::new(t, node.span());
            let id = key.get_ref().as_ref();
            Some(Step {
                id: id.to_string(),
                label: pb.enum_label("approval_step", id).to_string(),
                by: r.str("by"),
                date: r.date("date"),
                refused: r.str("decision") == Some("refused"),
                span: r.span,
            })
        })
        .collect();
    out.sort_by_key(|s| order.iter().position(|v| v.id == s.id).unwrap_or(usize::MAX));
    out
}

/// The level an application needs: the first rule of the playbook that holds.
pub fn level_of<'p>(
    pb: &'p Playbook,
    of: &str,
    record: &Record<'_, '_>,
    tier: Option<&str>,
    budget: Option<&Amount>,
) -> Option<&'p Level> {
    let approvals = pb.doc.approvals.as_ref()?;
    let form = record.str("form");
    let rule = approvals.rules.iter().find(|r| {
        let w = &r.when;
        w.of.as_deref().is_none_or(|o| o == of)
            && (w.tiers.is_empty() || tier.is_some_and(|t| w.tiers.iter().any(|x| x == t)))
            && (w.forms.is_empty() || form.is_some_and(|f| w.forms.iter().any(|x| x == f)))
            && w.budget_over
                .is_none_or(|limit| budget.and_then(|b| b.value).is_some_and(|b| b > limit))
    })?;
    approvals.levels.iter().find(|l| l.id == rule.level)
}

/// Every dated visit and reception of the account as an application. `tier` is the account's.
pub fn applications<'p, 't>(pb: &'p Playbook, account: &Account<'t>, tier: Option<&str>) -> Vec<Application<'p, 't>> {
    let mut out = Vec::new();
    for of in OF {
        for record in account.records(of) {
            let Some(date) = record.date("date") else { continue };
            let budget = amount(pb, record, "budget");
            out.push(Application {
                of,
                record: *record,
                date,
                level: level_of(pb, of, record, tier, budget.as_ref()),
                steps: steps(pb, record),
                budget,
                expenses: amount(pb, record, "expenses"),
                reported: record.is_filled("report"),
            });
        }
    }
    out
}

/// Something an application waits for, for the agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// A planned visit or reception whose level needs steps not given yet; due on its date.
    Approval {
        event: NaiveDate,
        what: String,
        level: String,
        missing: Vec<String>,
    },
    /// Expenses of a past visit or reception not reimbursed because the report is missing
    /// (`reported: false`) or not checked yet; due the follow-up days after it.
    Reimbursement {
        event: NaiveDate,
        due: NaiveDate,
        what: String,
        reported: bool,
    },
}

/// What the account's applications wait for, as of `today`.
pub fn pending(pb: &Playbook, account: &Account<'_>, tier: Option<&str>, today: NaiveDate) -> Vec<Pending> {
    let mut out = Vec::new();
    let followup = u64::from(pb.doc.cadence.followup_days);
    for a in applications(pb, account, tier) {
        let what = a.what(pb);
        if a.date >= today {
            let missing = a.unmet();
            if let (Some(level), false) = (a.level, missing.is_empty()) {
                out.push(Pending::Approval {
                    event: a.date,
                    what,
                    level: level.label.clone(),
                    missing: missing
                        .iter()
                        .map(|s| pb.enum_label("approval_step", s).to_string())
                        .collect(),
                });
            }
        } else if a.expenses.is_some() && !a.reimbursed() && (!a.reported || !a.report_checked(pb)) {
            let due = a.date.checked_add_days(chrono::Days::new(followup)).unwrap_or(a.date);
            out.push(Pending::Reimbursement {
                event: a.date,
                due,
                what,
                reported: a.reported,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::value::Table;
    use crate::domain::test_support::default_playbook;

    const HEAD: &str = "id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"qualify\"\n";

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// The level and the unmet steps of each visit, with the account at `tier`.
    fn levels(visits: &str, tier: Option<&str>) -> Vec<(Option<String>, Vec<String>)> {
        let pb = default_playbook().unwrap();
        let text = format!("{HEAD}{visits}");
        let root = Table::parse(&text).unwrap();
        let account = Account::new(&root);
        applications(&pb, &account, tier)
            .iter()
            .map(|a| {
                (
                    a.level.map(|l| l.id.clone()),
                    a.unmet().into_iter().map(str::to_string).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn the_level_follows_form_budget_and_the_policy_currency() {
        let got = levels(
            "[[visits]]\ndate = 2026-11-01\nform = \"phone\"\n\
             [[visits]]\ndate = 2026-11-02\nform = \"office_meeting\"\nbudget = 800\n\
             [[visits]]\ndate = 2026-11-03\nform = \"office_meeting\"\nbudget = 5001\n\
             [[visits]]\ndate = 2026-11-04\nform = \"executive_meeting\"\n\
             [[visits]]\ndate = 2026-11-05\nform = \"office_meeting\"\nbudget = { amount = 1000, currency = \"USD\" }\n\
             [[visits]]\ndate = 2026-11-06\nform = \"office_meeting\"\nbudget = { amount = 1000, currency = \"XYZ\" }\n",
            None,
        );
        let ids: Vec<Option<&str>> = got.iter().map(|(l, _)| l.as_deref()).collect();
        // No budget: no application; 800: the director; over 5,000 (also 1,000 USD ≈ 7,100 CNY)
        // and any executive meeting: the general manager; an amount without a rate cannot be
        // compared, so only the rule without a budget limit could hold — none does.
        assert_eq!(
            ids,
            vec![
                None,
                Some("director"),
                Some("general_manager"),
                Some("general_manager"),
                Some("general_manager"),
                None
            ]
        );
        assert_eq!(got[1].1, vec!["review", "funding"]);
        assert_eq!(got[2].1, vec!["review", "approval", "funding"]);
    }

    #[test]
    fn refused_and_late_steps_are_not_met() {
        let got = levels(
            "[[visits]]\ndate = 2026-11-10\nform = \"office_meeting\"\nbudget = 600\n\
             [visits.approvals]\nreview = { by = \"d\", date = 2026-11-09 }\nfunding = { by = \"f\", date = 2026-11-11 }\n\
             [[visits]]\ndate = 2026-11-20\nform = \"office_meeting\"\nbudget = 600\n\
             [visits.approvals]\nreview = { by = \"d\", date = 2026-11-09, decision = \"refused\" }\nfunding = { by = \"f\", date = 2026-11-11 }\n\
             [[visits]]\ndate = 2026-11-30\nform = \"office_meeting\"\nbudget = 600\n\
             [visits.approvals]\nreview = { by = \"d\", date = 2026-11-09 }\nfunding = { by = \"f\", date = 2026-11-11 }\n",
            None,
        );
        assert_eq!(got[0].1, vec!["funding"], "funded a day after the visit");
        assert_eq!(got[1].1, vec!["review"], "the director refused");
        assert!(got[2].1.is_empty());
    }

    #[test]
    fn the_agenda_waits_for_approvals_and_reports() {
        let pb = default_playbook().unwrap();
        let text = format!(
            "{HEAD}[[visits]]\ndate = 2026-12-08\nform = \"executive_meeting\"\n\
             [visits.approvals]\nreview = {{ by = \"d\", date = 2026-11-20 }}\n\
             [[visits]]\ndate = 2026-11-10\nform = \"office_meeting\"\nexpenses = 300\n\
             [[visits]]\ndate = 2026-11-12\nform = \"office_meeting\"\nexpenses = 300\nreport = \"done\"\n\
             [[visits]]\ndate = 2026-11-14\nform = \"office_meeting\"\nexpenses = 300\nreport = \"done\"\n\
             [visits.approvals]\nreport_check = {{ by = \"d\", date = 2026-11-15 }}\nreimbursement = {{ by = \"f\", date = 2026-11-16 }}\n"
        );
        let root = Table::parse(&text).unwrap();
        let got = pending(&pb, &Account::new(&root), None, day("2026-11-25"));
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(matches!(&got[0], Pending::Approval { event, missing, .. }
            if *event == day("2026-12-08") && missing == &vec!["GM approval".to_string(), "Funding".to_string()]));
        assert!(matches!(&got[1], Pending::Reimbursement { reported: false, due, .. } if *due == day("2026-11-17")));
        assert!(matches!(&got[2], Pending::Reimbursement { reported: true, .. }));
    }
}
