//! Approvals waiting: a planned visit or reception whose level of sign-off (the playbook's
//! `approvals`, by record, tier, form and budget) still lacks a step is due on its date — every
//! visit and reception is an application the director reviews and the general manager approves.

use crate::domain::agenda::{Facts, Item, Kind, Phrase};
use crate::domain::approval::{Pending, pending};

pub struct Approval;

impl Kind for Approval {
    fn id(&self) -> &'static str {
        "approval"
    }

    fn words(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("due.approval", "approval waiting"),
            (
                "due.approval.why",
                "the {what} of {date} needs the sign-off of the {level}; missing: {missing}",
            ),
            (
                "due.approval.do",
                "get it signed before it happens: record each step under `approvals` with who and when",
            ),
        ]
    }

    fn items(&self, f: &Facts<'_, '_>, out: &mut Vec<Item>) {
        for p in pending(f.pb, f.account, f.status.tier.as_deref(), f.today) {
            let Pending::Approval {
                event,
                what,
                level,
                missing,
            } = p
            else {
                continue;
            };
            let why = Phrase::new(
                "due.approval.why",
                &[
                    ("what", what),
                    ("date", event.to_string()),
                    ("level", level),
                    ("missing", missing.join(", ")),
                ],
            );
            out.push(f.item(
                event,
                self.id(),
                event.to_string(),
                why,
                Phrase::new("due.approval.do", &[]),
            ));
        }
    }
}
