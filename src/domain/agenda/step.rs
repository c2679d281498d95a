//! Next steps: the step a visit set up (`next_step`, `next_date`; see
//! [`crate::domain::gate::status`]) is due on its date, unless a visit already took it.

use crate::domain::agenda::{Facts, Item, Kind, Phrase};

pub struct Step;

impl Kind for Step {
    fn id(&self) -> &'static str {
        "step"
    }

    fn words(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("due.step", "next step"),
            ("due.step.why", "next step agreed for {date}: {step}"),
            (
                "due.step.do",
                "take the step and log it, or agree a new date with the client",
            ),
            ("due.step.plan", "plan it: log it as a visit on its date"),
        ]
    }

    fn items(&self, f: &Facts<'_, '_>, out: &mut Vec<Item>) {
        let Some(step) = &f.status.next_step else { return };
        if step.date < f.today && !step.overdue {
            return;
        }
        // The step's own visit, when one is already planned on its date, is the planned item.
        if step.date >= f.today && f.visits().iter().any(|(d, _, _)| *d == step.date) {
            return;
        }
        let text = step.step.clone().unwrap_or_default();
        let why = Phrase::new("due.step.why", &[("date", step.date.to_string()), ("step", text)]);
        let action = if step.date >= f.today {
            "due.step.plan"
        } else {
            "due.step.do"
        };
        let mut item = f.item(
            step.date,
            self.id(),
            step.date.to_string(),
            why,
            Phrase::new(action, &[]),
        );
        item.command = Some(format!("kam log {} --date {} --form …", f.status.id, step.date));
        out.push(item);
    }
}
