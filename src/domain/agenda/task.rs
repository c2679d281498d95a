//! Plan tasks: a task of `[[plan]]` that is not done or dropped is due on its `due` date; its
//! owner is the one who has to act.

use crate::domain::account::value::as_str;
use crate::domain::agenda::identity::{Parts, keys};
use crate::domain::agenda::{Facts, Item, Kind, Phrase};
use crate::domain::edit::entries;
use crate::domain::edit::task::tasks;
use crate::domain::privacy::{Scope, is_sensitive};

pub struct Task;

impl Kind for Task {
    fn id(&self) -> &'static str {
        "task"
    }

    fn words(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("due.task", "plan task"),
            ("due.task.why", "task {n} of the plan: {task}"),
            ("due.task.support", "company support: {support}"),
            ("due.task.do", "do it and mark it done, or agree a new date"),
        ]
    }

    fn items(&self, f: &Facts<'_, '_>, out: &mut Vec<Item>) {
        let hidden = |k: &str| is_sensitive(f.pb, Scope::Record("plan"), k);
        let all = tasks(f.root, f.today);
        // Known by id or text, not by number: removing an earlier task changes the numbers. A
        // text the playbook marks personal gives no fingerprint (it could be guessed back).
        let records = entries(f.root, "plan");
        let parts: Vec<Parts<'_>> = all
            .iter()
            .zip(&records)
            .map(|(t, (_, r))| Parts {
                id: r.get("id").and_then(|v| as_str(v.get_ref())),
                text: if hidden("task") { "" } else { &t.task },
                date: t.due,
            })
            .collect();
        let keys = keys(&parts);
        for (t, key) in all.iter().zip(keys) {
            let Some(due) = t.due.filter(|_| t.is_open()) else {
                continue;
            };
            let text = if hidden("task") { String::new() } else { t.task.clone() };
            let why = Phrase::new("due.task.why", &[("n", t.n.to_string()), ("task", text)]);
            let mut item = f.item(due, self.id(), t.n.to_string(), why, Phrase::new("due.task.do", &[]));
            item.key = key;
            if let Some(owner) = t.owner.as_ref().filter(|_| !hidden("owner")) {
                item.owner.clone_from(owner);
                item.details.push(Phrase::new("due.owner", &[("owner", owner.clone())]));
            }
            if let Some(support) = t.support.as_ref().filter(|s| !s.is_empty() && !hidden("support")) {
                item.details
                    .push(Phrase::new("due.task.support", &[("support", support.clone())]));
            }
            item.command = Some(format!("kam task {} done {}", f.status.id, t.n));
            out.push(item);
        }
    }
}
