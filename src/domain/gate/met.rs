//! Whether a gate was met, and nothing more: `kam check` judges every gate an account's history
//! crossed as of the day it was crossed, and most of them were met. This answer skips the
//! explanations [`crate::domain::gate::gate_of`] writes for a person (what met an item, what is
//! missing and where to write it); only a crossing found unmet is then explained in full. Both
//! decide with the same helpers, and a test holds them to the same answer.

use chrono::NaiveDate;

use crate::domain::account::Account;
use crate::domain::account::value::is_filled;
use crate::domain::gate::as_of::DATE;
use crate::domain::gate::evaluate::Ctx;
use crate::domain::gate::rule::{RecordsRule, Rule};
use crate::domain::playbook::{ExitItem, Playbook};

/// Whether every exit item of the stage at `pos` is met on the account as of `day`: the same
/// answer as `gate_of(pb, pos, account, day).ready`, without the words.
pub fn gate_met(pb: &Playbook, pos: usize, account: &Account<'_>, day: NaiveDate) -> bool {
    met_with(pb, pos, account, day, true)
}

/// Whether the gate of the stage at `pos` was met on `day`, a day in the account's past: like
/// [`gate_met`], except that a record that lacks a field a rule asks of every record (`has`)
/// does not close the gate as long as enough complete records are there. Records carry no day
/// they were written on, and a task or contact added since — still to be completed — says
/// nothing about the day the gate was crossed; records missing, or dated after that day, do.
pub fn gate_was_met(pb: &Playbook, pos: usize, account: &Account<'_>, day: NaiveDate) -> bool {
    met_with(pb, pos, account, day, false)
}

fn met_with(pb: &Playbook, pos: usize, account: &Account<'_>, day: NaiveDate, every: bool) -> bool {
    let ctx = Ctx {
        pb,
        account,
        today: day,
    };
    pb.stages()[pos].exit.iter().all(|item| ctx.item_met(item, every))
}

impl Ctx<'_, '_, '_> {
    fn item_met(&self, item: &ExitItem, every: bool) -> bool {
        match &item.auto {
            Some(rule) => self.rule_met(rule, every),
            None => self
                .account
                .evidence(&item.id)
                .is_some_and(|e| !e.text.is_empty() && e.date.is_none_or(|d| d <= self.today)),
        }
    }

    fn rule_met(&self, rule: &Rule, every: bool) -> bool {
        match rule {
            Rule::Filled(paths) => paths.iter().all(|p| {
                self.account
                    .archive(p)
                    .is_some_and(|v| is_filled(v) && self.archive_later(p, v).is_none())
            }),
            Rule::Records(r) => self.records_met(r, every),
            Rule::All(rules) => rules.iter().all(|r| self.rule_met(r, every)),
            Rule::Any(rules) => rules.iter().any(|r| self.rule_met(r, every)),
            // Rare and cheap enough to decide with their explanation.
            Rule::Keyed(_) | Rule::Scored(_) | Rule::Support(_) => self.rule(rule).is_ok(),
        }
    }

    /// `every`: each matching record must hold the `has` fields (the gate judged today); else
    /// only `min` of them must (a past day, see [`gate_was_met`]).
    fn records_met(&self, r: &RecordsRule, every: bool) -> bool {
        let asks_date = r.filter.contains_key(DATE);
        let mut found = 0;
        for rec in self.account.records(&r.of) {
            let passes = r.filter.iter().all(|(f, c)| self.matches(&r.of, rec, f, c));
            if !passes || !(asks_date || self.record_later(&r.of, rec).is_none()) {
                continue;
            }
            if r.has.iter().any(|h| self.lacks(&r.of, rec, h)) {
                if every {
                    return false;
                }
                continue;
            }
            found += 1;
        }
        found >= r.min
    }
}
