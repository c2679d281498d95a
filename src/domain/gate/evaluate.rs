//! Stage gates: evaluates a stage's exit checklist on an account. Each item is met or not, and an
//! unmet one says exactly what is missing and where in the account file to write it.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::account::Account;
use crate::domain::gate::rule::Rule;
use crate::domain::playbook::{ExitItem, Playbook, Stage};

pub use crate::domain::gate::as_of::with_planned;
pub use crate::domain::gate::pipeline::crossed_gate;

/// How an exit item is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    Auto,
    Evidence,
}

/// One exit item, evaluated.
#[derive(Debug, Clone, Serialize)]
pub struct ItemState {
    pub id: String,
    pub label: String,
    pub kind: ItemKind,
    pub met: bool,
    /// For a met item: what met it; for an unmet one: what is missing and where to write it.
    pub detail: String,
    /// For an unmet item that what is written would meet on a later day (a visit, a date or
    /// evidence dated after the day the gate is judged as of): the first such day. Filled in by
    /// [`crate::domain::gate::with_planned`]; `null` otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planned: Option<NaiveDate>,
}

/// A stage's checklist evaluated on an account.
#[derive(Debug, Clone, Serialize)]
pub struct GateState {
    pub stage: String,
    /// The stage (or `won`) the account moves to when the gate opens.
    pub next: String,
    pub ready: bool,
    pub items: Vec<ItemState>,
}

impl GateState {
    pub fn unmet(&self) -> impl Iterator<Item = &ItemState> {
        self.items.iter().filter(|i| !i.met)
    }
}

/// The id of the stage after `pos`, or `won` after the last.
pub fn next_stage(pb: &Playbook, pos: usize) -> &str {
    pb.stages().get(pos + 1).map_or("won", |s| s.id.as_str())
}

/// The gate of the account's current stage; `None` when it sits at an outcome or unknown stage.
pub fn gate(pb: &Playbook, account: &Account<'_>, today: NaiveDate) -> Option<GateState> {
    let pos = pb.stage_pos(account.stage_id())?;
    Some(gate_of(pb, pos, account, today))
}

/// Evaluates the exit checklist of the stage at `pos` on the account, as of `today`.
pub fn gate_of(pb: &Playbook, pos: usize, account: &Account<'_>, today: NaiveDate) -> GateState {
    let stage: &Stage = &pb.stages()[pos];
    let ctx = Ctx { pb, account, today };
    let items: Vec<ItemState> = stage.exit.iter().map(|item| ctx.item(item)).collect();
    GateState {
        stage: stage.id.clone(),
        next: next_stage(pb, pos).to_string(),
        ready: items.iter().all(|i| i.met),
        items,
    }
}

/// What every rule is evaluated against.
pub(crate) struct Ctx<'p, 'a, 't> {
    pub(crate) pb: &'p Playbook,
    pub(crate) account: &'a Account<'t>,
    pub(crate) today: NaiveDate,
}

impl Ctx<'_, '_, '_> {
    pub(crate) fn item(&self, item: &ExitItem) -> ItemState {
        let (kind, result) = match (&item.auto, &item.evidence) {
            (Some(rule), _) => (ItemKind::Auto, self.rule(rule)),
            (None, what) => (ItemKind::Evidence, self.evidence(item, what.as_deref().unwrap_or(""))),
        };
        let (met, detail) = match result {
            Ok(d) => (true, d),
            Err(d) => (false, d),
        };
        ItemState {
            id: item.id.clone(),
            label: item.label.clone(),
            kind,
            met,
            detail,
            planned: None,
        }
    }

    fn evidence(&self, item: &ExitItem, what: &str) -> Result<String, String> {
        let written = self.account.evidence(&item.id);
        if let Some(date) = written
            .filter(|e| !e.text.is_empty())
            .and_then(|e| e.date)
            .filter(|d| *d > self.today)
        {
            return Err(self.pb.fill(
                "gate.rule.evidence_later",
                "the evidence is dated {date}: planned, not done as of {today}",
                &[("date", &date), ("today", &self.today)],
            ));
        }
        if let Some(e) = written.filter(|e| !e.text.is_empty()) {
            let extra: Vec<String> = e
                .date
                .map(|d| d.to_string())
                .into_iter()
                .chain(e.link.map(str::to_string))
                .collect();
            return Ok(if extra.is_empty() {
                e.text.to_string()
            } else {
                format!("{} ({})", e.text, extra.join(", "))
            });
        }
        let how = self.pb.fill(
            "gate.rule.write_evidence",
            "under [checklist] write {item} = { evidence = \"…\", date = {today} }",
            &[("item", &item.id), ("today", &self.today)],
        );
        let how = if what.is_empty() {
            how
        } else {
            format!("{how} — {what}")
        };
        Err(match written {
            Some(_) => self.pb.fill(
                "gate.rule.no_evidence_text",
                "`{item}` holds no evidence text (`true` alone does not count); {how}",
                &[("item", &item.id), ("how", &how)],
            ),
            None => how,
        })
    }

    fn rule(&self, rule: &Rule) -> Result<String, String> {
        match rule {
            Rule::Filled(paths) => self.filled(paths),
            Rule::Records(r) => self.records(r),
            Rule::Keyed(k) => self.keyed(k),
            Rule::Scored(s) => self.scored(&s.tiers),
            Rule::Support(s) => self.support(s.layer.as_deref()),
            Rule::All(rules) => {
                let mut met = Vec::new();
                let mut unmet = Vec::new();
                for r in rules {
                    match self.rule(r) {
                        Ok(d) => met.push(d),
                        Err(d) => unmet.push(d),
                    }
                }
                if unmet.is_empty() {
                    Ok(met.join("; "))
                } else {
                    Err(unmet.join("; "))
                }
            }
            Rule::Any(rules) => {
                let mut unmet = Vec::new();
                for r in rules {
                    match self.rule(r) {
                        Ok(d) => return Ok(d),
                        Err(d) => unmet.push(d),
                    }
                }
                Err(self.pb.fill(
                    "gate.rule.one_of_rules",
                    "one of: {rules}",
                    &[("rules", &unmet.join(" | "))],
                ))
            }
        }
    }
}

#[cfg(test)]
#[path = "as_of_tests.rs"]
mod as_of_tests;
