//! Stage gates: evaluates a stage's exit checklist on an account. Each item is met or not, and an
//! unmet one says exactly what is missing and where in the account file to write it.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::account::Account;
use crate::domain::playbook::{ExitItem, Playbook, Stage};
use crate::domain::rule::{Cond, KeyedRule, RecordsRule, Rule, Scalar};
use crate::domain::score::{Weights, score};
use crate::domain::value::{Record, Value, as_table, is_filled};

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

struct Ctx<'p, 'a, 't> {
    pb: &'p Playbook,
    account: &'a Account<'t>,
    today: NaiveDate,
}

impl Ctx<'_, '_, '_> {
    fn item(&self, item: &ExitItem) -> ItemState {
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
        }
    }

    fn evidence(&self, item: &ExitItem, what: &str) -> Result<String, String> {
        match self.account.evidence(&item.id) {
            Some(e) if !e.text.is_empty() => {
                let mut d = e.text.to_string();
                if let Some(date) = e.date {
                    d = format!("{d} ({date})");
                }
                Ok(d)
            }
            _ => Err(format!(
                "write evidence under [checklist]: {} = {{ evidence = \"…\", date = {} }} — {what}",
                item.id, self.today
            )),
        }
    }

    fn rule(&self, rule: &Rule) -> Result<String, String> {
        match rule {
            Rule::Filled(paths) => self.filled(paths),
            Rule::Records(r) => self.records(r),
            Rule::Keyed(k) => self.keyed(k),
            Rule::Scored(s) => self.scored(&s.tiers),
            Rule::Support(s) => self.support(&s.layer),
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
                Err(format!("one of: {}", unmet.join(" | ")))
            }
        }
    }

    fn filled(&self, paths: &[String]) -> Result<String, String> {
        let missing: Vec<String> = paths
            .iter()
            .filter(|p| !self.account.archive(p).is_some_and(is_filled))
            .map(|p| {
                let label = self.pb.archive_field(p).map_or(p.as_str(), |f| f.label.as_str());
                let (group, field) = p.split_once('.').unwrap_or((p, ""));
                format!("[{group}] {field} ({label})")
            })
            .collect();
        if missing.is_empty() {
            Ok(format!("{} filled", paths.join(", ")))
        } else {
            Err(format!("write {}", missing.join(", ")))
        }
    }

    fn matches(&self, of: &str, record: &Record<'_, '_>, field: &str, cond: &Cond) -> bool {
        match cond {
            Cond::Is(s) => self.field_is(of, record, field, s),
            Cond::AnyOf(values) => values.iter().any(|s| self.field_is(of, record, field, s)),
            Cond::PastDays { past_days } => record
                .date(field)
                .is_some_and(|d| d <= self.today && (self.today - d).num_days() <= i64::from(*past_days)),
            Cond::Future { future } => record.date(field).is_some_and(|d| (d >= self.today) == *future),
        }
    }

    fn field_is(&self, of: &str, record: &Record<'_, '_>, field: &str, want: &Scalar) -> bool {
        if of == "contacts" && field == "layer" {
            let layer = self.account.contact_layer(self.pb, record);
            return matches!(want, Scalar::Text(t) if Some(t.as_str()) == layer);
        }
        match (record.value(field), want) {
            (Some(Value::String(s)), Scalar::Text(t)) => s.as_ref() == t,
            (Some(Value::Array(_)), Scalar::Text(t)) => record.list(field).contains(&t.as_str()),
            (Some(Value::Boolean(b)), Scalar::Bool(w)) => b == w,
            (Some(v @ Value::Integer(_)), Scalar::Int(w)) => crate::domain::value::as_int(v) == Some(*w),
            (None, Scalar::Bool(false)) => true,
            _ => false,
        }
    }

    fn record_name(record: &Record<'_, '_>, index: usize) -> String {
        record
            .str("id")
            .or_else(|| record.str("name"))
            .or_else(|| record.str("task"))
            .map(|s| format!("`{s}`"))
            .or_else(|| record.date("date").map(|d| format!("of {d}")))
            .unwrap_or_else(|| format!("#{}", index + 1))
    }

    fn records(&self, r: &RecordsRule) -> Result<String, String> {
        let all = self.account.records(&r.of);
        let matching: Vec<(usize, &Record<'_, '_>)> = all
            .iter()
            .enumerate()
            .filter(|(_, rec)| r.filter.iter().all(|(f, c)| self.matches(&r.of, rec, f, c)))
            .collect();
        let filter = describe_filter(r);
        let label = self.pb.record_type(&r.of).map_or(r.of.as_str(), |t| t.label.as_str());
        if matching.len() < r.min {
            return Err(format!(
                "needs at least {} of {label}{filter}, found {} — add under [[{}]]",
                r.min,
                matching.len(),
                r.of
            ));
        }
        let lacking: Vec<String> = matching
            .iter()
            .filter_map(|(i, rec)| {
                let missing: Vec<&str> = r.has.iter().filter(|h| !rec.is_filled(h)).map(String::as_str).collect();
                (!missing.is_empty())
                    .then(|| format!("{} {} lacks {}", r.of, Self::record_name(rec, *i), missing.join(", ")))
            })
            .collect();
        if lacking.is_empty() {
            Ok(format!("{} of {label}{filter}", matching.len()))
        } else {
            Err(lacking.join("; "))
        }
    }

    fn keyed(&self, k: &KeyedRule) -> Result<String, String> {
        let field = self.pb.archive_field(&k.field);
        let keys = field
            .and_then(|f| f.keys.as_deref())
            .and_then(|n| self.pb.enum_values(n))
            .unwrap_or_default();
        let table = self.account.archive(&k.field).and_then(as_table);
        let (group, name) = k.field.split_once('.').unwrap_or((&k.field, ""));
        let mut problems = Vec::new();
        for key in keys {
            let entry = table
                .and_then(|t| t.get(key.id.as_str()))
                .and_then(|n| as_table(n.get_ref()));
            match entry {
                None => problems.push(format!("{} ({})", key.id, key.label)),
                Some(t) => {
                    let rec = Record::new(t, 0..0);
                    let missing: Vec<&str> = k.has.iter().filter(|h| !rec.is_filled(h)).map(String::as_str).collect();
                    if !missing.is_empty() {
                        problems.push(format!("{} lacks {}", key.id, missing.join(", ")));
                    }
                }
            }
        }
        if problems.is_empty() {
            Ok(format!("all {} steps mapped", keys.len()))
        } else {
            Err(format!("in [{group}.{name}] write {}", problems.join("; ")))
        }
    }

    fn scored(&self, tiers: &[String]) -> Result<String, String> {
        let s = score(self.pb, self.account, &Weights::new());
        if !s.missing.is_empty() {
            return Err(format!(
                "insufficient information — rate {} under [ratings]",
                s.missing.join(", ")
            ));
        }
        let tier = s.tier.unwrap_or_default();
        let summary = format!(
            "tier {tier} (value {:.1}, difficulty {:.1})",
            s.value.unwrap_or_default(),
            s.difficulty.unwrap_or_default()
        );
        if tiers.is_empty() || tiers.contains(&tier) {
            Ok(summary)
        } else {
            Err(format!("{summary}; needs tier {}", tiers.join(" or ")))
        }
    }

    fn support(&self, layer: &str) -> Result<String, String> {
        let stance_enum = self
            .pb
            .record_type("contacts")
            .and_then(|c| c.field("stance"))
            .and_then(|f| f.values.as_deref())
            .unwrap_or("stance");
        let mut sum = 0.0;
        let (mut pro, mut contra, mut unknown) = (0, 0, 0);
        for c in &self.account.contacts {
            if self.account.contact_layer(self.pb, c) != Some(layer) {
                continue;
            }
            let weight = c
                .str("stance")
                .and_then(|s| self.pb.enum_value(stance_enum, s))
                .and_then(|v| v.weight);
            match weight {
                Some(w) if w > 0.0 => pro += 1,
                Some(w) if w < 0.0 => contra += 1,
                Some(_) => {}
                None => unknown += 1,
            }
            sum += weight.unwrap_or(0.0);
        }
        let layer_label = self.pb.enum_label("layer", layer);
        let text = format!("{layer_label}: {pro} for, {contra} against, balance {sum:+}");
        if sum > 0.0 {
            Ok(text)
        } else if unknown > 0 {
            Err(format!(
                "{text}; {unknown} without a stance — assess `stance` in [[contacts]]"
            ))
        } else {
            Err(format!("{text} — raise support or defuse opposition"))
        }
    }
}

fn describe_filter(r: &RecordsRule) -> String {
    if r.filter.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = r
        .filter
        .iter()
        .map(|(field, cond)| match cond {
            Cond::Is(s) => format!("{field} = {s}"),
            Cond::AnyOf(v) => format!(
                "{field} in [{}]",
                v.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
            ),
            Cond::PastDays { past_days } => format!("{field} within the last {past_days} days"),
            Cond::Future { future: true } => format!("{field} today or later"),
            Cond::Future { future: false } => format!("{field} in the past"),
        })
        .collect();
    format!(" with {}", parts.join(", "))
}

/// The gate the account most recently crossed going forward, with the date it was crossed.
/// `None` at the first stage, at lost/paused, or when the current stage was entered backwards.
pub fn crossed_gate(pb: &Playbook, account: &Account<'_>) -> Option<(usize, Option<NaiveDate>)> {
    let stage = account.stage_id();
    let pos = match pb.stage_pos(stage) {
        Some(p) => p,
        None if stage == "won" => pb.stages().len(),
        None => return None,
    };
    let prev = pos.checked_sub(1)?;
    let entered = account.entered_current_stage();
    if let Some(from) = entered.and_then(|m| m.from) {
        // Entered from a later stage or an outcome: a step back, no gate crossed.
        if pb.stage_pos(from).is_none_or(|f| f > prev) {
            return None;
        }
    }
    Some((prev, entered.and_then(|m| m.date)))
}
