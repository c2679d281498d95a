//! The review of a change as a whole: every account that changed, the playbook change in business
//! terms with the accounts it moves, and everything `kam diff --check` fails on.

use serde::Serialize;

use crate::domain::review::account::AccountDiff;
use crate::domain::review::finding::Finding;
use crate::domain::review::impact::Impact;
use crate::domain::review::playbook::PlaybookChange;

/// The two playbooks of a change.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PlaybookReview {
    /// The playbook in force before the change, which judges every gate crossed in it.
    pub base: String,
    /// The playbook of the newer version, which reads everything else.
    pub head: String,
    /// Whether the playbook's text changed (comments and layout included).
    pub edited: bool,
    /// What changed in its rules, in business terms.
    pub changes: Vec<PlaybookChange>,
    /// Accounts whose tier or gate state differs under the new rules, on the same data.
    pub accounts: Vec<Impact>,
}

/// The review of a change: every account that changed between two versions.
#[derive(Debug, Clone, Serialize)]
pub struct DiffReport {
    /// The older version (a revision).
    pub base: String,
    /// The newer version: a revision, or `null` for the working tree (or the index).
    pub head: Option<String>,
    /// Whether the newer version is what is staged for commit (the index).
    pub staged: bool,
    pub playbook: PlaybookReview,
    /// Stages moved forward past an unmet gate.
    pub bypassed: usize,
    /// Findings about the change as a whole (the older playbook unreadable, a link under
    /// `accounts/` that is no account file).
    pub findings: Vec<Finding>,
    pub accounts: Vec<AccountDiff>,
}

impl DiffReport {
    pub fn new(
        base: String,
        head: Option<String>,
        playbook: PlaybookReview,
        findings: Vec<Finding>,
        accounts: Vec<AccountDiff>,
    ) -> Self {
        DiffReport {
            bypassed: accounts.iter().filter(|a| a.bypassed()).count(),
            base,
            head,
            staged: false,
            playbook,
            findings,
            accounts,
        }
    }

    /// Every finding of the change, with the account it is about (`None` for the change).
    pub fn all_findings(&self) -> impl Iterator<Item = (Option<&AccountDiff>, &Finding)> {
        self.findings.iter().map(|f| (None, f)).chain(
            self.accounts
                .iter()
                .flat_map(|a| a.findings.iter().map(move |f| (Some(a), f))),
        )
    }

    /// Whether `kam diff --check` fails: a gate crossed unmet, or any finding.
    pub fn fails(&self) -> bool {
        self.bypassed > 0 || self.all_findings().next().is_some()
    }
}
