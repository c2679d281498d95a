//! The agenda of `kam due`: what a key account manager has to do, by date, each item saying why
//! it is there and what to do. Every kind of item is one file here implementing [`Kind`], listed
//! once in [`KINDS`]; a new kind (receivables, return visits, reception plans, approvals …) is a
//! new file and one more line in that list, with its words (English here, translated in the
//! playbook's `text:`).
//!
//! - [`planned`]: a visit planned for the coming days — prepare it
//! - [`report`]: a visit without a report, due `cadence.followup_days` after it
//! - [`reception`]: a reception planned (prepare its plan), or held without its report or
//!   summary (due `cadence.followup_days` after it)
//! - [`followup`]: a visit nobody followed up, due `cadence.followup_days` after it
//! - [`task`]: a task of the development plan due or overdue
//! - [`step`]: the next step a visit set up, due on its date
//! - [`cold`]: an account going cold: its tier's `cadence.visit_every_days` since the last visit
//! - [`stance`]: a stance not re-assessed for `cadence.reassess_days`
//! - [`idle`]: an account longer in its stage than the stage's `idle_days`
//! - [`approval`]: a planned visit or reception waiting for its sign-off
//! - [`reimbursement`]: expenses waiting for the report, or for its check
//! - [`issue`]: an issue the client raised at a reception, not closed yet
//! - [`layer`]: the routine contact by layer of an organisation-level programme
//! - [`after_deal`]: collection of receivables, return visits, renewals, the retrospective
//!
//! Lost and paused accounts are not on the agenda, except for the kinds that follow every stage
//! (money still owed, the retrospective a lost account owes). Won accounts keep their visits
//! (planned, reports, follow-ups), tasks and next steps; cadence, stances and idleness are for
//! the pipeline.

pub mod after_deal;
pub mod approval;
pub mod cold;
pub mod followup;
pub mod identity;
pub mod idle;
pub mod issue;
pub mod layer;
pub mod planned;
pub mod reception;
pub mod reimbursement;
pub mod report;
pub mod stance;
pub mod step;
pub mod task;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::domain::account::Account;
use crate::domain::account::value::{Record, Spanned, Table};
use crate::domain::gate::pipeline::WON;
use crate::domain::gate::status::Status;
use crate::domain::playbook::Playbook;
use crate::domain::privacy::{Scope, is_sensitive};

/// A sentence with arguments, by message id: rendered in the playbook's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Phrase {
    pub id: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Phrase {
    pub fn new(id: &'static str, args: &[(&'static str, String)]) -> Phrase {
        Phrase {
            id,
            args: args.to_vec(),
        }
    }
}

/// One item of the agenda.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// When it is due.
    pub date: NaiveDate,
    /// Days past the date (positive: late; zero: due today; negative: days left).
    pub late_days: i64,
    /// The kind's id (`report`, `task`, …).
    pub kind: &'static str,
    /// The account.
    pub id: String,
    pub name: String,
    /// Who has to act: a task's owner, else the account's owner.
    pub owner: String,
    pub account_owner: String,
    /// What the item is about within the account, stable from one day to the next (a visit's
    /// date, a task's number, a contact's id): the order of items of one kind and account.
    pub subject: String,
    /// What identifies the item within its account and kind, stable under edits of other
    /// records too ([`identity`]): the subject, or for a record known by its position (a plan
    /// task, an issue of a reception) its id or a fingerprint of its text. The calendar's UIDs.
    #[serde(skip)]
    pub key: String,
    /// Why it is on the agenda.
    pub why: Phrase,
    /// Details of the why (where, with whom, who owns it).
    pub details: Vec<Phrase>,
    /// What to do.
    pub action: Phrase,
    /// A kam command that does it or prepares it.
    pub command: Option<String>,
}

/// What every kind reads about one account.
pub struct Facts<'a, 't> {
    pub pb: &'a Playbook,
    pub account: &'a Account<'t>,
    pub root: &'a Spanned<Table<'t>>,
    pub status: &'a Status,
    pub today: NaiveDate,
}

impl<'t> Facts<'_, 't> {
    /// Whether the account is in a pipeline stage (not won, lost or paused).
    pub fn in_pipeline(&self) -> bool {
        self.pb.stage_pos(&self.status.stage).is_some()
    }

    /// Whether the account is watched at all: in the pipeline, or won.
    pub fn watched(&self) -> bool {
        self.in_pipeline() || self.status.stage == WON
    }

    /// An item of this account due on `date`.
    pub fn item(&self, date: NaiveDate, kind: &'static str, subject: String, why: Phrase, action: Phrase) -> Item {
        Item {
            date,
            late_days: (self.today - date).num_days(),
            kind,
            id: self.status.id.clone(),
            name: self.status.name.clone(),
            owner: self.status.owner.clone(),
            account_owner: self.status.owner.clone(),
            key: subject.clone(),
            subject,
            why,
            details: Vec::new(),
            action,
            command: None,
        }
    }

    /// A record's value for an item's text, unless the playbook marks the field personal.
    pub fn shown(&self, scope: Scope<'_>, record: &Record<'_, '_>, key: &str) -> Option<String> {
        if is_sensitive(self.pb, scope, key) {
            return None;
        }
        record
            .str(key)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    }

    /// A contact's name for an item's text (its id when the name is personal data or missing).
    pub fn person(&self, id: &str) -> String {
        self.account
            .contact(id)
            .and_then(|c| self.shown(Scope::Record("contacts"), &c, "name"))
            .unwrap_or_else(|| id.to_string())
    }

    /// The visits with their dates and a key unique in the account (`2026-11-20`, `2026-11-20#2`).
    pub fn visits(&self) -> Vec<(NaiveDate, String, Record<'t, 't>)> {
        let dated: Vec<(NaiveDate, Record<'t, 't>)> = self
            .account
            .visits
            .iter()
            .filter_map(|v| Some((v.date("date")?, *v)))
            .collect();
        dated
            .iter()
            .map(|(d, v)| {
                let same: Vec<usize> = dated
                    .iter()
                    .enumerate()
                    .filter(|(_, (o, _))| o == d)
                    .map(|(i, _)| i)
                    .collect();
                let key = if same.len() > 1 {
                    let n = same
                        .iter()
                        .position(|&i| std::ptr::eq(dated[i].1.table, v.table))
                        .unwrap_or(0);
                    format!("{d}#{}", n + 1)
                } else {
                    d.to_string()
                };
                (*d, key, *v)
            })
            .collect()
    }

    /// A visit form's label.
    pub fn form(&self, visit: &Record<'_, '_>) -> String {
        visit
            .str("form")
            .map_or_else(String::new, |f| self.pb.enum_label("visit_form", f).to_string())
    }
}

/// A kind of agenda item.
pub trait Kind: Sync {
    /// Its id, as written in JSON and in `--kind`.
    fn id(&self) -> &'static str;
    /// Its words: (message id, English text); a playbook's `text:` translates them.
    fn words(&self) -> &'static [(&'static str, &'static str)];
    /// The items of one account (all of them: the caller keeps those in the window).
    fn items(&self, facts: &Facts<'_, '_>, out: &mut Vec<Item>);
    /// Whether it follows accounts at every stage, lost and paused included.
    fn every_stage(&self) -> bool {
        false
    }
}

/// Every kind of item, in the order items of the same day are listed.
pub const KINDS: &[&dyn Kind] = &[
    &planned::Planned,
    &reception::Planned,
    &report::Report,
    &reception::Report,
    &followup::Followup,
    &task::Task,
    &step::Step,
    &cold::Cold,
    &stance::Stance,
    &idle::Idle,
    &approval::Approval,
    &reimbursement::Reimbursement,
    &issue::Issue,
    &layer::Layer,
    &after_deal::Collection,
    &after_deal::ReturnVisit,
    &after_deal::Renewal,
    &after_deal::Retrospective,
];

/// Words every kind shares.
pub const COMMON_WORDS: &[(&str, &str)] = &[
    ("due.agenda", "Agenda for {from} – {until}: {items}, {late} late"),
    ("due.item", "1 item"),
    ("due.items", "{n} items"),
    ("due.nothing", "Nothing due."),
    ("due.today", "today"),
    ("due.late", "{days}d late"),
    ("due.in", "in {days}d"),
    ("due.at", "at {place}"),
    ("due.with", "with {people}"),
    ("due.owner", "owner {owner}"),
    ("due.do", "do"),
    ("due.date", "date"),
    ("due.when", "when"),
    ("due.account", "account"),
    ("due.who", "owner"),
    ("due.what", "due"),
    ("due.why", "why"),
    ("due.summary", "{kind}: {what} — {account}"),
];

/// The English text of an agenda message id (empty when unknown).
pub fn english(id: &str) -> &'static str {
    COMMON_WORDS
        .iter()
        .copied()
        .chain(KINDS.iter().flat_map(|k| k.words().iter().copied()))
        .find(|(k, _)| *k == id)
        .map_or("", |(_, v)| v)
}

/// Every agenda message id with its English text.
pub fn words() -> Vec<(&'static str, &'static str)> {
    COMMON_WORDS
        .iter()
        .copied()
        .chain(KINDS.iter().flat_map(|k| k.words().iter().copied()))
        .collect()
}

/// The kind with this id.
pub fn kind(id: &str) -> Option<&'static dyn Kind> {
    KINDS.iter().copied().find(|k| k.id() == id)
}

/// The kind a user names on the command line: its id, or the word the agenda shows for it (the
/// playbook's `text:` for `due.<id>`, else the English), case aside. `Err` carries the id closest
/// to the word, if one is close.
pub fn kind_named(pb: &Playbook, word: &str) -> Result<&'static str, Option<&'static str>> {
    let word = word.trim();
    if let Some(k) = kind(word) {
        return Ok(k.id());
    }
    let shown = |k: &&dyn Kind| {
        let key = format!("due.{}", k.id());
        pb.text(&key, english(&key)).to_lowercase()
    };
    let lower = word.to_lowercase();
    if let Some(k) = KINDS.iter().find(|k| shown(k) == lower) {
        return Ok(k.id());
    }
    let names: Vec<(String, &'static str)> = KINDS
        .iter()
        .flat_map(|k| [(k.id().to_string(), k.id()), (shown(k), k.id())])
        .collect();
    let close = crate::domain::diagnostic::did_you_mean(&lower, names.iter().map(|(n, _)| n.as_str()));
    Err(close.and_then(|c| names.iter().find(|(n, _)| n == c).map(|(_, id)| *id)))
}

/// The account's items due on or before `until`. Lost and paused accounts have only those of the
/// kinds that follow every stage.
pub fn agenda(facts: &Facts<'_, '_>, until: NaiveDate) -> Vec<Item> {
    let mut out = Vec::new();
    let watched = facts.watched();
    for kind in KINDS.iter().filter(|k| watched || k.every_stage()) {
        kind.items(facts, &mut out);
    }
    out.retain(|i| i.date <= until);
    out
}

/// `date` plus `days`.
pub fn add_days(date: NaiveDate, days: u32) -> Option<NaiveDate> {
    date.checked_add_days(Days::new(u64::from(days)))
}

/// Sorts the agenda: by date, then kind (in [`KINDS`] order), then account, then subject.
pub fn sort(items: &mut [Item]) {
    let rank = |k: &str| KINDS.iter().position(|x| x.id() == k).unwrap_or(usize::MAX);
    items.sort_by(|a, b| (a.date, rank(a.kind), &a.id, &a.subject).cmp(&(b.date, rank(b.kind), &b.id, &b.subject)));
}

/// Days between visits for an account of this tier: the tier's, else `default`.
pub fn cadence_days(pb: &Playbook, tier: Option<&str>) -> Option<u32> {
    let every = &pb.doc.cadence.visit_every_days;
    tier.and_then(|t| every.get(t))
        .or_else(|| every.get("default"))
        .copied()
}

#[cfg(test)]
mod tests;
