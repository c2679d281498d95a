//! The routine contact by layer of an organisation-level relationship: for an account with a
//! `programme`, each layer of `cadence.by_layer` (yearly executive, quarterly middle-management
//! contact) is due that many days after the last visit or reception with someone of it.

use crate::domain::agenda::{Facts, Item, Kind, Phrase};
use crate::domain::relationship::layer_due;

pub struct Layer;

impl Kind for Layer {
    fn id(&self) -> &'static str {
        "layer"
    }

    fn words(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("due.layer", "routine contact"),
            (
                "due.layer.why",
                "the {layer} was last met on {last}; the programme meets it every {every} days",
            ),
            (
                "due.layer.why_never",
                "nobody of the {layer} met yet; the programme meets it every {every} days",
            ),
            (
                "due.layer.do",
                "plan a contact at that level (executive visit, forum, exchange)",
            ),
        ]
    }

    fn items(&self, f: &Facts<'_, '_>, out: &mut Vec<Item>) {
        for l in layer_due(f.pb, f.account, f.status.since, f.today) {
            let (why, last) = match l.last {
                Some(d) => ("due.layer.why", d.to_string()),
                None => ("due.layer.why_never", String::new()),
            };
            let why = Phrase::new(
                why,
                &[
                    ("layer", l.layer.clone()),
                    ("last", last),
                    ("every", l.every.to_string()),
                ],
            );
            out.push(f.item(l.due, self.id(), l.layer, why, Phrase::new("due.layer.do", &[])));
        }
    }
}
