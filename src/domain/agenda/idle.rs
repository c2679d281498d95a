//! Idle accounts: an account is due to move on when its stage's `idle_days` run out.

use crate::domain::agenda::{Facts, Item, Kind, Phrase, add_days};

pub struct Idle;

impl Kind for Idle {
    fn id(&self) -> &'static str {
        "idle"
    }

    fn words(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("due.idle", "idle in stage"),
            (
                "due.idle.why",
                "in “{stage}” since {since}; the stage allows {limit} days",
            ),
            (
                "due.idle.do",
                "move it on (the gate says what is missing), back, or pause it",
            ),
        ]
    }

    fn items(&self, f: &Facts<'_, '_>, out: &mut Vec<Item>) {
        if !f.in_pipeline() {
            return;
        }
        let s = f.status;
        let (Some(limit), Some(since)) = (s.idle_days, s.since) else {
            return;
        };
        let Some(due) = add_days(since, limit) else { return };
        let args = [
            ("stage", f.pb.stage_label(&s.stage).to_string()),
            ("since", since.to_string()),
            ("limit", limit.to_string()),
        ];
        let mut item = f.item(
            due,
            self.id(),
            s.stage.clone(),
            Phrase::new("due.idle.why", &args),
            Phrase::new("due.idle.do", &[]),
        );
        item.command = Some(format!("kam gate {}", s.id));
        out.push(item);
    }
}
