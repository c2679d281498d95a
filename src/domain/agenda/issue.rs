//! The client's issues from a reception, tracked to closure: an issue raised during the client's
//! inspection of our company and not closed is due on its `due` date (else the follow-up days
//! after the reception); its owner is the one who has to act.

use crate::domain::agenda::identity::{Parts, keys};
use crate::domain::agenda::{Facts, Item, Kind, Phrase, add_days};
use crate::domain::privacy::{Scope, is_sensitive};

pub struct Issue;

impl Kind for Issue {
    fn id(&self) -> &'static str {
        "issue"
    }

    fn words(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("due.issue", "client's issue to close"),
            ("due.issue.why", "raised at the reception of {date}: {issue}"),
            (
                "due.issue.do",
                "resolve it and tell the client, then write `closed` with the date",
            ),
        ]
    }

    fn items(&self, f: &Facts<'_, '_>, out: &mut Vec<Item>) {
        let hidden = |k: &str| is_sensitive(f.pb, Scope::Record("reception_issue"), k);
        for r in &f.account.receptions {
            let Some(held) = r.date("date").filter(|d| *d <= f.today) else {
                continue;
            };
            let issues = r.nested("issues");
            let parts: Vec<Parts<'_>> = issues
                .iter()
                .map(|i| Parts {
                    id: i.str("id"),
                    // A text the playbook marks personal gives no fingerprint.
                    text: if hidden("issue") {
                        ""
                    } else {
                        i.str("issue").unwrap_or_default()
                    },
                    date: i.date("due"),
                })
                .collect();
            let keys = keys(&parts);
            for ((n, i), key) in issues.iter().enumerate().zip(keys) {
                let (Some(text), None) = (i.str("issue"), i.date("closed")) else {
                    continue;
                };
                let Some(due) = i.date("due").or_else(|| add_days(held, f.pb.doc.cadence.followup_days)) else {
                    continue;
                };
                let shown = if hidden("issue") {
                    String::new()
                } else {
                    text.trim().to_string()
                };
                let why = Phrase::new("due.issue.why", &[("date", held.to_string()), ("issue", shown)]);
                let mut item = f.item(
                    due,
                    self.id(),
                    format!("{held}#{}", n + 1),
                    why,
                    Phrase::new("due.issue.do", &[]),
                );
                // Known by id or text within its reception, not by its position in the list.
                item.key = format!("{held}#{key}");
                if let Some(owner) = i.str("owner").filter(|_| !hidden("owner")) {
                    item.owner = owner.to_string();
                    item.details
                        .push(Phrase::new("due.owner", &[("owner", owner.to_string())]));
                }
                out.push(item);
            }
        }
    }
}
