//! One account on one screen (`kam show`): who and where (owner, stage and days in it, tier with
//! value and difficulty), the gate's progress and what it still needs, the people map (role,
//! stance, closeness, coach step, veto), the open tasks, the next step, the flags, and a timeline
//! merging stage moves, visits and finished tasks, newest first. Personal data is left out unless
//! asked for.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::account::Account;
use crate::domain::account::value::{Spanned, Table};
use crate::domain::edit::set::ASSESSED;
use crate::domain::edit::task::{DONE, TaskRow, tasks};
use crate::domain::gate::gate;
use crate::domain::gate::status::{Flag, NextStep, status};
use crate::domain::playbook::Playbook;
use crate::domain::privacy::{Scope, is_sensitive};

/// One person of the client.
#[derive(Debug, Clone, Serialize)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub title: Option<String>,
    /// Role labels.
    pub roles: Vec<String>,
    pub stance: Option<String>,
    pub closeness: Option<i64>,
    pub coach_step: Option<String>,
    /// Holds a veto through one of their roles.
    pub veto: bool,
    pub assessed: Option<NaiveDate>,
}

/// What a timeline entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    Stage,
    Visit,
    Planned,
    Task,
    /// The client's inspection of our company (`[[receptions]]`).
    Reception,
}

/// One entry of the timeline.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub date: NaiveDate,
    pub event: Event,
    /// What happened, in one line.
    pub text: String,
}

/// The account on one screen.
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    pub id: String,
    pub name: String,
    pub owner: String,
    pub team: Vec<String>,
    pub stage: String,
    pub stage_label: String,
    pub days_in_stage: Option<i64>,
    pub since: Option<NaiveDate>,
    pub tier: Option<String>,
    pub tier_label: Option<String>,
    pub value: Option<f64>,
    pub difficulty: Option<f64>,
    /// (met, total) of the current stage's exit checklist.
    pub gate: Option<(usize, usize)>,
    pub next_stage: Option<String>,
    /// Labels of the exit items still unmet.
    pub unmet: Vec<String>,
    pub people: Vec<Person>,
    pub open_tasks: Vec<TaskRow>,
    pub next_step: Option<NextStep>,
    pub flags: Vec<Flag>,
    /// Newest first.
    pub timeline: Vec<Entry>,
    /// How many personal values were left out.
    pub omitted: usize,
}

/// A visit or reception in the timeline: what it was, who of theirs came (by name where names may
/// be shown, else by id) and the first thing said, clipped: `Site visit — Wang Fang: summary`.
fn meeting(
    pb: &Playbook,
    account: &Account<'_>,
    include_sensitive: bool,
    what: &str,
    who: &[&str],
    said: Option<String>,
) -> String {
    let names: Vec<&str> = who
        .iter()
        .map(|id| {
            account
                .contact(id)
                .and_then(|c| c.str("name"))
                .filter(|_| include_sensitive || !is_sensitive(pb, Scope::Record("contacts"), "name"))
                .unwrap_or(id)
        })
        .collect();
    let mut text = what.to_string();
    if !names.is_empty() {
        text.push_str(" — ");
        text.push_str(&names.join(", "));
    }
    if let Some(said) = said {
        text.push_str(": ");
        text.push_str(&clip(&said, 70));
    }
    text
}

fn clip(s: &str, max: usize) -> String {
    let s = s.trim().replace('\n', " ");
    if s.chars().count() <= max {
        s
    } else {
        format!("{}…", s.chars().take(max).collect::<String>())
    }
}

/// The overview of one account as of `today`.
pub fn overview(
    pb: &Playbook,
    root: &Spanned<Table<'_>>,
    account: &Account<'_>,
    stem: &str,
    today: NaiveDate,
    include_sensitive: bool,
) -> Overview {
    let s = status(pb, account, stem, stem, today).shown(pb, include_sensitive);
    let g = gate(pb, account, today);
    let mut omitted = 0;
    let mut shown = |scope: Scope<'_>, key: &str, value: Option<String>| -> Option<String> {
        let value = value.filter(|v| !v.trim().is_empty())?;
        if !include_sensitive && is_sensitive(pb, scope, key) {
            omitted += 1;
            return None;
        }
        Some(value)
    };
    let contacts = Scope::Record("contacts");
    let people: Vec<Person> = account
        .contacts
        .iter()
        .map(|c| {
            let roles: Vec<&str> = c.list("roles");
            Person {
                id: c.str("id").unwrap_or("").to_string(),
                name: shown(contacts, "name", c.str("name").map(str::to_string)).unwrap_or_default(),
                title: shown(contacts, "title", c.str("title").map(str::to_string)),
                roles: roles.iter().map(|r| pb.enum_label("role", r).to_string()).collect(),
                stance: shown(
                    contacts,
                    "stance",
                    c.str("stance").map(|v| pb.enum_label("stance", v).to_string()),
                ),
                closeness: c
                    .int("closeness")
                    .filter(|_| include_sensitive || !is_sensitive(pb, contacts, "closeness")),
                coach_step: shown(
                    contacts,
                    "coach_step",
                    c.str("coach_step").map(|v| pb.enum_label("coach_step", v).to_string()),
                ),
                veto: roles.iter().any(|r| pb.enum_value("role", r).is_some_and(|v| v.veto)),
                assessed: c.date(ASSESSED),
            }
        })
        .collect();
    let all_tasks: Vec<TaskRow> = tasks(root, today)
        .into_iter()
        .map(|t| t.shown(pb, include_sensitive))
        .collect();
    let mut timeline: Vec<Entry> = Vec::new();
    for m in &account.history {
        let (Some(date), Some(to)) = (m.date, m.to) else {
            continue;
        };
        let mut text = match m.from {
            Some(from) => format!("{} → {}", pb.stage_label(from), pb.stage_label(to.text)),
            None => pb.stage_label(to.text).to_string(),
        };
        for key in ["reason", "note"] {
            if let Some(v) = m.record.str(key).filter(|v| !v.trim().is_empty()) {
                text.push_str(" — ");
                text.push_str(&clip(v, 60));
            }
        }
        timeline.push(Entry {
            date,
            event: Event::Stage,
            text,
        });
    }
    let visits = Scope::Record("visits");
    for v in &account.visits {
        let Some(date) = v.date("date") else { continue };
        let form = v.str("form").map_or("", |f| pb.enum_label("visit_form", f));
        let said = ["report", "client_view", "points", "goals"]
            .iter()
            .find_map(|k| shown(visits, k, v.list(k).first().map(|s| (*s).to_string())));
        let text = meeting(pb, account, include_sensitive, form, &v.list("attendees"), said);
        let planned = date > today;
        timeline.push(Entry {
            date,
            event: if planned { Event::Planned } else { Event::Visit },
            text,
        });
    }
    let receptions = Scope::Record("receptions");
    let site_visit = pb.enum_label("visit_form", "site_visit");
    for r in &account.receptions {
        let Some(date) = r.date("date") else { continue };
        let said = ["summary", "report", "purpose"]
            .iter()
            .find_map(|k| shown(receptions, k, r.str(k).map(str::to_string)));
        let text = meeting(pb, account, include_sensitive, site_visit, &r.list("delegation"), said);
        timeline.push(Entry {
            date,
            event: if date > today { Event::Planned } else { Event::Reception },
            text,
        });
    }
    for t in all_tasks.iter().filter(|t| t.status == DONE) {
        if let Some(done) = t.done {
            timeline.push(Entry {
                date: done,
                event: Event::Task,
                text: format!("{} {}: {}", t.n, DONE, clip(&t.task, 70)),
            });
        }
    }
    timeline.sort_by_key(|e| std::cmp::Reverse(e.date));
    Overview {
        id: s.id.clone(),
        name: s.name.clone(),
        owner: s.owner.clone(),
        team: if include_sensitive || !is_sensitive(pb, Scope::Account, "team") {
            account.root.list("team").iter().map(|t| (*t).to_string()).collect()
        } else {
            Vec::new()
        },
        stage_label: pb.stage_label(&s.stage).to_string(),
        stage: s.stage.clone(),
        days_in_stage: s.days_in_stage,
        since: s.since,
        tier_label: s
            .tier
            .as_deref()
            .and_then(|t| pb.doc.scoring.tiers.iter().find(|r| r.id == t))
            .map(|r| r.label.clone()),
        tier: s.tier.clone(),
        value: s.value,
        difficulty: s.difficulty,
        gate: g
            .as_ref()
            .map(|g| (g.items.iter().filter(|i| i.met).count(), g.items.len())),
        next_stage: g.as_ref().map(|g| pb.stage_label(&g.next).to_string()),
        unmet: g
            .map(|g| g.unmet().map(|i| i.label.clone()).collect())
            .unwrap_or_default(),
        people,
        open_tasks: all_tasks.into_iter().filter(TaskRow::is_open).collect(),
        next_step: s.next_step.clone(),
        flags: s.flags.clone(),
        timeline,
        omitted,
    }
}
