//! The playbook's sections for what follows the pipeline: `after_deal` (return visits to won
//! accounts, the renewal horizon, the escalation of overdue receivables) and `retrospective` (the
//! four-part project review due after an account is won or lost). Both are optional: a playbook
//! without them gets no return-visit cadence, no renewal or escalation reminders and no
//! retrospective requirement.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::playbook::Group;

/// `after_deal:` in `kam.yaml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AfterDeal {
    /// Days between return visits to a won account, per tier id, plus `default` for accounts
    /// without a tier (大客户回访).
    #[serde(default)]
    pub return_visit_every_days: BTreeMap<String, u32>,
    /// A contract expiring within this many days is on the agenda for its renewal.
    pub renewal_days: Option<u32>,
    /// Steps to escalate an overdue receivable, in order.
    #[serde(default)]
    pub escalation: Vec<Escalation>,
}

/// One escalation step of an overdue receivable: from `after_days` days overdue on, for the
/// listed non-payment causes (every cause when none is listed).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Escalation {
    pub id: String,
    pub label: String,
    pub after_days: u32,
    #[serde(default)]
    pub causes: Vec<String>,
    #[serde(default)]
    pub help: String,
}

/// `retrospective:` in `kam.yaml`: which outcomes call for a project retrospective, within how
/// many days, and its parts (each a table of the account's `[retrospective]`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Retrospective {
    #[serde(default)]
    pub label: String,
    /// The outcomes whose entry calls for a retrospective (won, lost).
    pub outcomes: Vec<String>,
    /// Days after entering the outcome within which the retrospective is written.
    pub days: u32,
    /// The parts, in order; each part's fields are its points.
    pub parts: Vec<Group>,
}

impl Retrospective {
    pub fn part(&self, id: &str) -> Option<&Group> {
        self.parts.iter().find(|p| p.id == id)
    }
}

/// The enumeration of non-payment causes when the receivables' `cause` field names none.
pub const CAUSES: &str = "nonpayment_cause";

/// The keys of `[retrospective]` besides its parts.
pub const RETRO_KEYS: [&str; 3] = ["date", "by", "note"];
