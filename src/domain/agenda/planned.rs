//! Planned visits: a visit dated today or later is on the agenda on its date, to be prepared
//! (the visit plan, its approval, the materials).

use crate::domain::agenda::{Facts, Item, Kind, Phrase};
use crate::domain::privacy::Scope;

pub struct Planned;

impl Kind for Planned {
    fn id(&self) -> &'static str {
        "planned"
    }

    fn words(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("due.planned", "visit planned"),
            ("due.planned.why", "{form} planned for {date}"),
            ("due.planned.do", "prepare the visit plan and have it approved"),
        ]
    }

    fn items(&self, f: &Facts<'_, '_>, out: &mut Vec<Item>) {
        for (date, key, visit) in f.visits() {
            if date < f.today || visit.is_filled("report") {
                continue;
            }
            let why = Phrase::new(
                "due.planned.why",
                &[("form", f.form(&visit)), ("date", date.to_string())],
            );
            let mut item = f.item(date, self.id(), key.clone(), why, Phrase::new("due.planned.do", &[]));
            if let Some(place) = f.shown(Scope::Record("visits"), &visit, "place") {
                item.details.push(Phrase::new("due.at", &[("place", place)]));
            }
            let people: Vec<String> = visit.list("attendees").iter().map(|id| f.person(id)).collect();
            if !people.is_empty() {
                item.details
                    .push(Phrase::new("due.with", &[("people", people.join(", "))]));
            }
            item.command = Some(format!("kam report visit {} --date {date}", f.status.id));
            out.push(item);
        }
    }
}
