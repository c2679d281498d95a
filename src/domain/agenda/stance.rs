//! Stances not re-assessed: "re-assess the forces for and against us regularly". A contact's
//! stance is due a new assessment `cadence.reassess_days` after it was last assessed (the
//! contact's `assessed` date, which `kam set … stance=` writes); without one, after the last
//! visit the contact attended, else after the account entered its stage.

use crate::domain::agenda::{Facts, Item, Kind, Phrase, add_days};
use crate::domain::edit::set::ASSESSED;

pub struct Stance;

impl Kind for Stance {
    fn id(&self) -> &'static str {
        "stance"
    }

    fn words(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("due.stance", "re-assess stance"),
            (
                "due.stance.why",
                "{name} ({stance}) was last assessed on {since}; re-assess every {every} days",
            ),
            (
                "due.stance.why_undated",
                "{name} ({stance}) has no assessment date; last met {since}, re-assess every {every} days",
            ),
            (
                "due.stance.do",
                "re-assess stance and closeness (with the coach), and set them to date the assessment",
            ),
        ]
    }

    fn items(&self, f: &Facts<'_, '_>, out: &mut Vec<Item>) {
        if !f.in_pipeline() {
            return;
        }
        let every = f.pb.doc.cadence.reassess_days;
        if every == 0 {
            return;
        }
        let visits = f.visits();
        for c in &f.account.contacts {
            let (Some(id), Some(stance)) = (c.str("id"), c.str("stance")) else {
                continue;
            };
            let assessed = c.date(ASSESSED);
            let met = visits
                .iter()
                .filter(|(d, _, v)| *d <= f.today && v.list("attendees").contains(&id))
                .map(|(d, _, _)| *d)
                .max();
            let Some(since) = assessed.or(met).or(f.status.since) else {
                continue;
            };
            let Some(due) = add_days(since, every) else { continue };
            let args = [
                ("name", f.person(id)),
                ("stance", f.pb.enum_label("stance", stance).to_string()),
                ("since", since.to_string()),
                ("every", every.to_string()),
            ];
            let why = if assessed.is_some() {
                "due.stance.why"
            } else {
                "due.stance.why_undated"
            };
            let mut item = f.item(
                due,
                self.id(),
                id.to_string(),
                Phrase::new(why, &args),
                Phrase::new("due.stance.do", &[]),
            );
            item.command = Some(format!("kam set {} contacts.{id}.stance={stance}", f.status.id));
            out.push(item);
        }
    }
}
