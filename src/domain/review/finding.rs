//! What `kam diff --check` fails on besides a gate crossed unmet: a rewritten past, a file the
//! review cannot read, a stage the rules in force do not know. Each finding says what happened and
//! what to do, in one sentence a reviewer can act on.

use serde::Serialize;

/// The kind of a finding, stable for bots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// A past `[[history]]` record was changed.
    HistoryEdited,
    /// A past `[[history]]` record was removed.
    HistoryRemoved,
    /// A record was put before a past `[[history]]` record.
    HistoryInserted,
    /// A `[[history]]` record the change adds is dated after today (KAM024 of `kam check`).
    HistoryAfterToday,
    /// The stage changed with no history record that moves it there.
    StageWithoutRecord,
    /// Evidence of an exit item whose gate the account had already crossed was changed.
    EvidenceRewritten,
    /// A gate is met only under the playbook the same change brings.
    GateRelaxed,
    /// The account moved to a stage the playbook in force before the change does not have.
    UnknownStage,
    /// The newer version of a file cannot be read as an account.
    Unreadable,
    /// Something under `accounts/` is not a regular file (a link, a pipe, a submodule).
    NotRegular,
    /// The playbook in force before the change cannot be read.
    BasePlaybook,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub kind: FindingKind,
    /// The code `kam check` gives the same problem, where it has one (`KAM024`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
    pub message: String,
}

impl Finding {
    pub fn new(kind: FindingKind, message: impl Into<String>) -> Finding {
        Finding {
            kind,
            code: None,
            message: message.into(),
        }
    }

    /// The finding as the review prints it: its code first where it has one, as `kam check`
    /// shows it (`KAM024: this history record is dated …`).
    pub fn text(&self) -> String {
        match self.code {
            Some(code) => format!("{code}: {}", self.message),
            None => self.message.clone(),
        }
    }

    /// The finding with the code `kam check` gives the same problem.
    #[must_use]
    pub fn with_code(mut self, code: &'static str) -> Finding {
        self.code = Some(code);
        self
    }
}
