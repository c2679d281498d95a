//! Follow-ups: within `cadence.followup_days` after a visit, a call or another visit asks the
//! client's opinion. Due then, unless `followed_up` is recorded or a later contact already took
//! place (that contact was the follow-up).

use crate::domain::agenda::{Facts, Item, Kind, Phrase, add_days};

pub struct Followup;

impl Kind for Followup {
    fn id(&self) -> &'static str {
        "followup"
    }

    fn words(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("due.followup", "follow-up"),
            (
                "due.followup.why",
                "the {form} of {date} is not followed up; the client's opinion is asked within {days} days",
            ),
            (
                "due.followup.do",
                "call or visit for the client's opinion, then record the follow-up",
            ),
        ]
    }

    fn items(&self, f: &Facts<'_, '_>, out: &mut Vec<Item>) {
        let visits = f.visits();
        let days = f.pb.doc.cadence.followup_days;
        for (date, key, visit) in &visits {
            if *date > f.today || visit.is_filled("followed_up") {
                continue;
            }
            let later = visits.iter().any(|(d, _, _)| d > date && *d <= f.today);
            if later {
                continue;
            }
            let Some(due) = add_days(*date, days) else { continue };
            let why = Phrase::new(
                "due.followup.why",
                &[
                    ("form", f.form(visit)),
                    ("date", key.clone()),
                    ("days", days.to_string()),
                ],
            );
            let mut item = f.item(due, self.id(), key.clone(), why, Phrase::new("due.followup.do", &[]));
            item.command = Some(format!("kam log {} --visit {key} --followed-up today", f.status.id));
            out.push(item);
        }
    }
}
