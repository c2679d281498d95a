//! Expenses waiting for reimbursement: a visit or reception that has `expenses` and is not
//! reimbursed is due `cadence.followup_days` after it while its report is missing (no report, no
//! reimbursement) or not yet checked.

use crate::domain::agenda::{Facts, Item, Kind, Phrase};
use crate::domain::approval::{Pending, pending};

pub struct Reimbursement;

impl Kind for Reimbursement {
    fn id(&self) -> &'static str {
        "reimbursement"
    }

    fn words(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("due.reimbursement", "expenses waiting"),
            (
                "due.reimbursement.why",
                "the {what} of {date} has expenses and no report: no report, no reimbursement",
            ),
            (
                "due.reimbursement.why_check",
                "the {what} of {date} has expenses; its report waits to be checked",
            ),
            ("due.reimbursement.do", "write the report, then have it checked"),
            (
                "due.reimbursement.do_check",
                "check the report (`approvals.report_check`), then reimburse",
            ),
        ]
    }

    fn items(&self, f: &Facts<'_, '_>, out: &mut Vec<Item>) {
        for p in pending(f.pb, f.account, f.status.tier.as_deref(), f.today) {
            let Pending::Reimbursement {
                event,
                due,
                what,
                reported,
            } = p
            else {
                continue;
            };
            let (why, todo) = if reported {
                ("due.reimbursement.why_check", "due.reimbursement.do_check")
            } else {
                ("due.reimbursement.why", "due.reimbursement.do")
            };
            let why = Phrase::new(why, &[("what", what), ("date", event.to_string())]);
            out.push(f.item(due, self.id(), event.to_string(), why, Phrase::new(todo, &[])));
        }
    }
}
