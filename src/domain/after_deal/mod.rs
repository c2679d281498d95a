//! After the deal: what a won account still needs — its contracts (the strategic cooperation
//! agreement and the sub-contracts under it), the receivables and payments under them, the
//! non-payment causes and the playbook's response to each, return visits, renewals — and the
//! project retrospective every won or lost account owes.
//!
//! - [`money`]: exact amounts per currency; totals never mix currencies
//! - [`contracts`]: contracts read, their expiry, the renewals due
//! - [`receivables`]: outstanding amounts, days overdue, aging buckets, causes and escalation
//! - [`return_visits`]: the return-visit cadence of won accounts
//! - [`retro`]: whether the retrospective is owed, written, scheduled or late
//! - [`check`]: what `kam check` reports about these records
//!
//! [`watch`] gathers what `kam list` and `kam due` follow for one account.

pub mod check;
pub mod contracts;
pub mod money;
pub mod receivables;
pub mod retro;
pub mod return_visits;

use chrono::NaiveDate;

use crate::domain::account::Account;
use crate::domain::after_deal::contracts::{Renewal, contracts, renewals};
use crate::domain::after_deal::receivables::{Receivable, receivables};
use crate::domain::after_deal::retro::{RetroStatus, retro_status};
use crate::domain::after_deal::return_visits::{ReturnVisit, return_visit};
use crate::domain::gate::pipeline::is_resting;
use crate::domain::playbook::Playbook;

/// What the agenda and the pipeline follow for one account after the deal.
#[derive(Debug, Clone, Default)]
pub struct Watch {
    /// Receivables with something outstanding, as written (every stage: money owed is owed).
    pub open: Vec<Receivable>,
    /// A won account's next return visit.
    pub return_visit: Option<ReturnVisit>,
    /// Contracts to renew (not for lost or paused accounts).
    pub renewals: Vec<Renewal>,
    /// The retrospective a won or lost account owes.
    pub retro: Option<RetroStatus>,
}

impl Watch {
    /// Whether a receivable is overdue.
    pub fn payment_overdue(&self) -> bool {
        self.open.iter().any(Receivable::is_overdue)
    }

    /// Whether the return visit is due today or late.
    pub fn return_visit_due(&self, today: NaiveDate) -> bool {
        self.return_visit.as_ref().is_some_and(|r| r.due <= today)
    }

    /// Whether a contract's renewal has entered the agenda.
    pub fn renewal_due(&self, today: NaiveDate) -> bool {
        self.renewals.iter().any(|r| r.from <= today)
    }

    /// Whether the retrospective is past its deadline.
    pub fn retro_late(&self, today: NaiveDate) -> bool {
        self.retro.as_ref().is_some_and(|r| r.is_late(today))
    }
}

/// What to follow for one account as of `today`; `tier` sets the return-visit cadence.
pub fn watch(pb: &Playbook, account: &Account<'_>, tier: Option<&str>, today: NaiveDate) -> Watch {
    let all = contracts(pb, account);
    let open: Vec<Receivable> = receivables(pb, account, &all, today)
        .into_iter()
        .filter(Receivable::is_open)
        .collect();
    Watch {
        open,
        return_visit: return_visit(pb, account, tier, today),
        renewals: if is_resting(account.stage_id()) {
            Vec::new()
        } else {
            renewals(pb, &all)
        },
        retro: retro_status(pb, account, today),
    }
}
