//! The agenda items after the deal (see [`crate::domain::after_deal`]):
//!
//! - [`Collection`]: an open receivable is due on its due date; once overdue, the item's action is
//!   the playbook's response to its non-payment cause (or a request to record the cause), with
//!   the escalation step reached and the receivable's note. Money owed is followed at every
//!   stage, lost and paused included.
//! - [`ReturnVisit`]: a won account's next return visit, by its tier's cadence;
//! - [`Renewal`]: a contract expiring within `after_deal.renewal_days`, due from that horizon on;
//! - [`Retrospective`]: the retrospective a won or lost account owes, dated on its deadline (or on
//!   the review meeting, when one is set).

use crate::domain::after_deal::receivables::advice;
use crate::domain::after_deal::retro::RetroState;
use crate::domain::agenda::{Facts, Item, Kind, Phrase};

pub struct Collection;

impl Kind for Collection {
    fn id(&self) -> &'static str {
        "collection"
    }

    fn words(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("due.collection", "payment"),
            ("due.collection.why", "{what}: {amount} outstanding, due {due}"),
            (
                "due.collection.remind",
                "remind the client before the due date; record the payment when it comes",
            ),
            ("due.collection.advice", "{advice}"),
            ("due.collection.note", "{note}"),
        ]
    }

    fn every_stage(&self) -> bool {
        true
    }

    fn items(&self, f: &Facts<'_, '_>, out: &mut Vec<Item>) {
        for r in &f.status.after_deal.open {
            let (Some(due), Some(amount)) = (r.due, r.outstanding.as_ref()) else {
                continue;
            };
            let what = match &r.item {
                Some(item) => format!("{} {item}", r.contract),
                None => r.contract.clone(),
            };
            let why = Phrase::new(
                "due.collection.why",
                &[("what", what), ("amount", amount.to_string()), ("due", due.to_string())],
            );
            // The response to the cause and the escalation are what to do; the note is context.
            let mut lines = advice(f.pb, r);
            let note = r.note.as_ref().and_then(|_| lines.pop());
            let action = if lines.is_empty() {
                Phrase::new("due.collection.remind", &[])
            } else {
                let sep = f.pb.text("report.item_separator", "; ");
                let mut text = String::new();
                for line in &lines {
                    if !text.is_empty() {
                        // A sentence already ends; otherwise the list separator.
                        let ended = text.ends_with(['.', '。', '!', '！', '?', '？']);
                        text.push_str(if ended && !sep.starts_with(['；', '，']) {
                            " "
                        } else if ended {
                            ""
                        } else {
                            sep
                        });
                    }
                    text.push_str(line);
                }
                Phrase::new("due.collection.advice", &[("advice", text)])
            };
            // Stable from one day to the next (the calendar feed's UID): the contract and due date.
            let subject = format!("{}@{due}", r.contract);
            let mut item = f.item(due, self.id(), subject, why, action);
            if let Some(note) = note {
                item.details.push(Phrase::new("due.collection.note", &[("note", note)]));
            }
            item.command = Some(format!("kam report after-deal {}", f.status.id));
            out.push(item);
        }
    }
}

pub struct ReturnVisit;

impl Kind for ReturnVisit {
    fn id(&self) -> &'static str {
        "return_visit"
    }

    fn words(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("due.return_visit", "return visit"),
            (
                "due.return_visit.why",
                "won on {won}, last visit {last}; a return visit every {every} days",
            ),
            (
                "due.return_visit.why_none",
                "won on {won}, no visit since; a return visit every {every} days",
            ),
            (
                "due.return_visit.do",
                "visit: how the cooperation goes, practical feedback, new projects; record them as aftercare",
            ),
        ]
    }

    fn items(&self, f: &Facts<'_, '_>, out: &mut Vec<Item>) {
        let Some(rv) = &f.status.after_deal.return_visit else {
            return;
        };
        let won = rv.won.map(|d| d.to_string()).unwrap_or_default();
        let every = rv.every.to_string();
        let why = match rv.last_visit.filter(|v| rv.won.is_none_or(|w| *v >= w)) {
            Some(last) => Phrase::new(
                "due.return_visit.why",
                &[("won", won), ("last", last.to_string()), ("every", every)],
            ),
            None => Phrase::new("due.return_visit.why_none", &[("won", won), ("every", every)]),
        };
        let mut item = f.item(
            rv.due,
            self.id(),
            "return-visit".into(),
            why,
            Phrase::new("due.return_visit.do", &[]),
        );
        item.command = Some(format!("kam log {} --date YYYY-MM-DD --form return_visit", f.status.id));
        out.push(item);
    }
}

pub struct Renewal;

impl Kind for Renewal {
    fn id(&self) -> &'static str {
        "renewal"
    }

    fn words(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("due.renewal", "contract renewal"),
            ("due.renewal.why", "contract {contract} expires on {expires}"),
            (
                "due.renewal.do",
                "agree the renewal (a new contract with renews = the number), or record no_renewal",
            ),
        ]
    }

    fn every_stage(&self) -> bool {
        // The renewals are worked out already: none for lost or paused accounts.
        false
    }

    fn items(&self, f: &Facts<'_, '_>, out: &mut Vec<Item>) {
        for r in &f.status.after_deal.renewals {
            let contract = match &r.title {
                Some(t) => format!("{} {t}", r.number),
                None => r.number.clone(),
            };
            let why = Phrase::new(
                "due.renewal.why",
                &[("contract", contract), ("expires", r.expires.to_string())],
            );
            // Due when the horizon before the expiry begins: time to work out the renewal.
            let mut item = f.item(
                r.from,
                self.id(),
                r.number.clone(),
                why,
                Phrase::new("due.renewal.do", &[]),
            );
            item.command = Some(format!("kam report after-deal {}", f.status.id));
            out.push(item);
        }
    }
}

pub struct Retrospective;

impl Kind for Retrospective {
    fn id(&self) -> &'static str {
        "retrospective"
    }

    fn words(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("due.retrospective", "project retrospective"),
            (
                "due.retrospective.why",
                "“{outcome}” since {since}: the retrospective is due within {days} days",
            ),
            ("due.retrospective.meeting", "the review meeting is set for {date}"),
            (
                "due.retrospective.do",
                "hold the review and write [retrospective]: {parts}",
            ),
        ]
    }

    fn every_stage(&self) -> bool {
        // Lost accounts owe it too.
        true
    }

    fn items(&self, f: &Facts<'_, '_>, out: &mut Vec<Item>) {
        let Some(retro) = f.status.after_deal.retro.as_ref().filter(|r| !r.is_written()) else {
            return;
        };
        let scheduled = (retro.state == RetroState::Scheduled).then_some(retro.date).flatten();
        let Some(date) = scheduled.or(retro.deadline) else {
            return;
        };
        let days = f.pb.doc.retrospective.as_ref().map_or(0, |r| r.days);
        let why = Phrase::new(
            "due.retrospective.why",
            &[
                ("outcome", f.pb.stage_label(&retro.outcome).to_string()),
                ("since", retro.entered.map(|d| d.to_string()).unwrap_or_default()),
                ("days", days.to_string()),
            ],
        );
        let labels: Vec<&str> = retro
            .missing
            .iter()
            .map(|id| {
                f.pb.doc
                    .retrospective
                    .as_ref()
                    .and_then(|r| r.part(id))
                    .map_or(id.as_str(), |p| p.label.as_str())
            })
            .collect();
        let action = Phrase::new(
            "due.retrospective.do",
            &[("parts", labels.join(f.pb.text("report.list_separator", ", ")))],
        );
        let mut item = f.item(date, self.id(), "retrospective".into(), why, action);
        if let Some(d) = scheduled {
            item.details
                .push(Phrase::new("due.retrospective.meeting", &[("date", d.to_string())]));
        }
        item.command = Some(format!("kam report retro {}", f.status.id));
        out.push(item);
    }
}

#[cfg(test)]
#[path = "after_deal_tests.rs"]
mod tests;
