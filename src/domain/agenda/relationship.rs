//! The agenda items of the people game: a stance and closeness assessment falling due again
//! (`cadence.reassess_days` after it was made; the detail names the person), and, for an account
//! with an organisation-level programme, the routine contact with each layer of the client's
//! people (`cadence.by_layer`; the detail names the layer).

use chrono::NaiveDate;

use crate::domain::agenda::{DueItem, DueKind};
use crate::domain::gate::status::Status;

/// The relationship items of one account due on or before `until`.
pub fn items(s: &Status, today: NaiveDate, until: NaiveDate) -> Vec<DueItem> {
    let item = |date: NaiveDate, kind: DueKind, detail: String, since: Option<NaiveDate>| DueItem {
        date,
        late_days: (today - date).num_days(),
        kind,
        id: s.id.clone(),
        name: s.name.clone(),
        owner: s.owner.clone(),
        detail,
        since,
    };
    let reassess = s
        .reassess
        .iter()
        .filter(|r| r.due <= until)
        .map(|r| item(r.due, DueKind::Reassess, r.name.clone(), Some(r.assessed)));
    let layers = s
        .layers
        .iter()
        .filter(|l| l.due <= until)
        .map(|l| item(l.due, DueKind::LayerContact, l.layer.clone(), l.last));
    reassess.chain(layers).collect()
}
