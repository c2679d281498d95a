//! Accounts going cold: an account in the pipeline is due a visit `cadence.visit_every_days`
//! (its tier's, else `default`) after its last visit, or after it entered its stage when it had
//! none. A visit planned by then keeps it warm; one planned later is named in the item.

use crate::domain::agenda::{Facts, Item, Kind, Phrase, add_days, cadence_days};

pub struct Cold;

impl Kind for Cold {
    fn id(&self) -> &'static str {
        "cold"
    }

    fn words(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("due.cold", "going cold"),
            (
                "due.cold.why",
                "last visit {last}; tier {tier} accounts are visited every {every} days",
            ),
            (
                "due.cold.why_untiered",
                "last visit {last}; accounts without a tier are visited every {every} days",
            ),
            (
                "due.cold.why_never",
                "no visit since it entered its stage on {last}; visit every {every} days",
            ),
            ("due.cold.do", "plan a visit or a call"),
            (
                "due.cold.planned_late",
                "the next visit is planned for {planned}: bring it forward or call before",
            ),
        ]
    }

    fn items(&self, f: &Facts<'_, '_>, out: &mut Vec<Item>) {
        if !f.in_pipeline() {
            return;
        }
        let s = f.status;
        let Some(every) = cadence_days(f.pb, s.tier.as_deref()) else {
            return;
        };
        let Some(last) = s.last_visit.or(s.since) else { return };
        let Some(due) = add_days(last, every) else { return };
        let planned = f.visits().into_iter().map(|(d, _, _)| d).filter(|d| *d > f.today).min();
        if planned.is_some_and(|p| p <= due) {
            return;
        }
        let args = [
            ("last", last.to_string()),
            ("tier", s.tier.clone().unwrap_or_default()),
            ("every", every.to_string()),
        ];
        let why = match (&s.last_visit, &s.tier) {
            (None, _) => "due.cold.why_never",
            (Some(_), Some(_)) => "due.cold.why",
            (Some(_), None) => "due.cold.why_untiered",
        };
        let action = match planned {
            Some(p) => Phrase::new("due.cold.planned_late", &[("planned", p.to_string())]),
            None => Phrase::new("due.cold.do", &[]),
        };
        let mut item = f.item(due, self.id(), "cadence".into(), Phrase::new(why, &args), action);
        item.command = Some(format!("kam log {} --date YYYY-MM-DD --form …", s.id));
        out.push(item);
    }
}
