//! Missing visit reports: a visit that took place without a `report` is due one
//! `cadence.followup_days` after it ("no visit report, no expense reimbursement").

use crate::domain::agenda::{Facts, Item, Kind, Phrase, add_days};

pub struct Report;

impl Kind for Report {
    fn id(&self) -> &'static str {
        "report"
    }

    fn words(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("due.report", "report missing"),
            ("due.report.why", "the {form} of {date} has no visit report"),
            (
                "due.report.do",
                "write the report: time, place, form, key points, the client's view, the next step",
            ),
            ("due.policy", "{policy}"),
        ]
    }

    fn items(&self, f: &Facts<'_, '_>, out: &mut Vec<Item>) {
        for (date, key, visit) in f.visits() {
            if date > f.today || visit.is_filled("report") {
                continue;
            }
            let Some(due) = add_days(date, f.pb.doc.cadence.followup_days) else {
                continue;
            };
            let why = Phrase::new("due.report.why", &[("form", f.form(&visit)), ("date", key.clone())]);
            let mut item = f.item(due, self.id(), key.clone(), why, Phrase::new("due.report.do", &[]));
            let policy = f.pb.doc.policy.reimbursement.trim();
            if !policy.is_empty() {
                item.details
                    .push(Phrase::new("due.policy", &[("policy", policy.to_string())]));
            }
            item.command = Some(format!("kam log {} --visit {key} --report \"…\"", f.status.id));
            out.push(item);
        }
    }
}
