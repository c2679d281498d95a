//! The playbook: the company's key-account method as data.
//!
//! - `doc`: the shapes `kam.yaml` deserialises into (re-exported here)
//! - this file: the checked playbook and its lookups: stages by id, enum labels, fields by path,
//!   what is required where
//! - [`method`]: the shapes of the method beyond the pipeline: guidance topics, approval levels,
//!   key-account classes, the territory plan
//! - `after_deal`: the optional sections for after the deal: return visits, renewals,
//!   escalation of overdue receivables, the retrospective (re-exported here)
//! - [`check`]: the checks serde cannot do, which build a [`Playbook`] from a document

mod after_deal;
pub mod check;
mod doc;
pub mod method;

use std::collections::HashMap;

pub use after_deal::*;
pub use doc::*;

/// Where an account stands in the pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageAt {
    /// In the stage at this position.
    Stage(usize),
    /// Won: past every stage.
    Won,
    /// Lost, paused, unknown or no stage: held only to what is always required.
    Elsewhere,
}

/// The record arrays an account file may hold at its top level.
pub const TOP_RECORDS: [&str; 5] = ["contacts", "competitors", "visits", "plan", "receptions"];

/// The record arrays every playbook defines; the others (`receptions`) are optional, and an
/// account file may hold them only when its playbook defines them.
pub const CORE_RECORDS: [&str; 4] = ["contacts", "competitors", "visits", "plan"];

/// The record arrays of the account after the deal: an account file may hold them when the
/// playbook defines their record types (a playbook without them keeps working).
pub const AFTER_DEAL_RECORDS: [&str; 3] = ["contracts", "receivables", "aftercare"];

/// A checked playbook with its lookups. Build it with `check::build`.
#[derive(Debug, Clone)]
pub struct Playbook {
    pub doc: PlaybookDoc,
    pub(crate) stage_index: HashMap<String, usize>,
}

impl Playbook {
    pub fn stages(&self) -> &[Stage] {
        &self.doc.stages
    }

    /// Position of a stage in the pipeline; `None` for outcomes and unknown ids.
    pub fn stage_pos(&self, id: &str) -> Option<usize> {
        self.stage_index.get(id).copied()
    }

    pub fn stage(&self, id: &str) -> Option<&Stage> {
        self.stage_pos(id).map(|i| &self.doc.stages[i])
    }

    pub fn outcome(&self, id: &str) -> Option<&Outcome> {
        self.doc.outcomes.iter().find(|o| o.id == id)
    }

    /// The label of a stage or outcome id, or the id itself.
    pub fn stage_label<'a>(&'a self, id: &'a str) -> &'a str {
        self.stage(id)
            .map(|s| s.label.as_str())
            .or_else(|| self.outcome(id).map(|o| o.label.as_str()))
            .unwrap_or(id)
    }

    pub fn enum_values(&self, name: &str) -> Option<&[EnumValue]> {
        self.doc.enums.get(name).map(Vec::as_slice)
    }

    pub fn enum_value(&self, name: &str, id: &str) -> Option<&EnumValue> {
        self.enum_values(name)?.iter().find(|v| v.id == id)
    }

    /// The label of an enum value, or the id itself when unknown.
    pub fn enum_label<'a>(&'a self, name: &str, id: &'a str) -> &'a str {
        self.enum_value(name, id).map_or(id, |v| v.label.as_str())
    }

    pub fn group(&self, id: &str) -> Option<&Group> {
        self.doc.archive.iter().find(|g| g.id == id)
    }

    pub fn record_type(&self, id: &str) -> Option<&RecordType> {
        self.doc.records.get(id)
    }

    /// An archive field by its path `group.field`.
    pub fn archive_field(&self, path: &str) -> Option<&Field> {
        let (group, field) = path.split_once('.')?;
        self.group(group)?.field(field)
    }

    pub fn factor(&self, id: &str) -> Option<&Factor> {
        self.doc.scoring.factors.iter().find(|f| f.id == id)
    }

    /// A user-interface text by message id, or the English fallback. Every id used in the code
    /// has its English text in `assets/kam.yaml` and a translation in the Chinese playbook (a
    /// test reads the sources to hold this).
    pub fn text<'a>(&'a self, id: &str, fallback: &'a str) -> &'a str {
        self.doc.text.get(id).map_or(fallback, String::as_str)
    }

    /// How a kind of value reads in a message ("a date such as 2026-03-14"), in the playbook's
    /// words.
    pub fn kind_words(&self, kind: Kind) -> &str {
        match kind {
            Kind::Text => self.text("check.kind.text", "text (a string)"),
            Kind::Integer => self.text("check.kind.integer", "a whole number"),
            Kind::Number => self.text("check.kind.number", "a number"),
            Kind::Percent => self.text("check.kind.percent", "a percentage between 0 and 100"),
            Kind::Money => self.text(
                "check.kind.money",
                "an amount (a number, or { amount = …, currency = \"…\" })",
            ),
            Kind::Date => self.text("check.kind.date", "a date such as 2026-03-14"),
            Kind::Bool => self.text("check.kind.bool", "true or false"),
            Kind::Email => self.text("check.kind.email", "an e-mail address"),
            Kind::Url => self.text("check.kind.url", "a web address (https://…)"),
            Kind::Phone => self.text("check.kind.phone", "a phone number (a string)"),
            Kind::Rating => self.text("check.kind.rating", "a rating from 1 to 5"),
            Kind::Enum => self.text("check.kind.enum", "one of the allowed values"),
            Kind::EnumList => self.text("check.kind.enum_list", "a list of allowed values"),
            Kind::TextList => self.text("check.kind.text_list", "a list of strings"),
            Kind::Contact => self.text("check.kind.contact", "a contact id"),
            Kind::Contacts => self.text("check.kind.contacts", "a list of contact ids"),
            Kind::Records => self.text("check.kind.records", "an array of tables"),
            Kind::Keyed => self.text("check.kind.keyed", "a table keyed by the allowed values"),
        }
    }

    /// [`Playbook::text`] with its `{name}` arguments filled in.
    pub fn fill(&self, id: &str, fallback: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        fill_template(self.text(id, fallback), args)
    }

    /// The help for a misspelt name: "did you mean `owner`?", in the playbook's words.
    pub fn did_you_mean(&self, close: &str) -> String {
        self.fill("check.did_you_mean", "did you mean `{close}`?", &[("close", &close)])
    }

    /// Where an account stands, for deciding which fields it must have.
    pub fn stage_at(&self, stage: Option<&str>) -> StageAt {
        match stage {
            Some(s) => match self.stage_pos(s) {
                Some(p) => StageAt::Stage(p),
                None if s == "won" => StageAt::Won,
                None => StageAt::Elsewhere,
            },
            None => StageAt::Elsewhere,
        }
    }

    /// [`Playbook::is_required`] for a field of this playbook, without lookups by name.
    pub fn field_required(field: &Field, at: StageAt) -> bool {
        match field.required {
            Required::Never => false,
            Required::Always => true,
            Required::FromStage(_) => match (at, field.required_from) {
                (StageAt::Stage(p), Some(from)) => p >= from,
                (StageAt::Won, _) => true,
                _ => false,
            },
        }
    }

    /// Whether a field applies as required to an account at `stage` (a stage or outcome id).
    pub fn is_required(&self, required: &Required, stage: Option<&str>) -> bool {
        match required {
            Required::Never => false,
            Required::Always => true,
            Required::FromStage(from) => {
                let Some(stage) = stage else { return false };
                let Some(from) = self.stage_pos(from) else {
                    return false;
                };
                match self.stage_pos(stage) {
                    Some(pos) => pos >= from,
                    // A won account has passed every stage; lost and paused ones are held only
                    // to what is always required.
                    None => stage == "won",
                }
            }
        }
    }
}

/// The template with each `{name}` of `args` replaced by its value, in one pass: a value is
/// never searched for placeholders itself (account data that reads `{id}` stays as written), and
/// a `{word}` that names no argument is kept as written.
pub fn fill_template(template: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            args.iter()
                .find(|(name, _)| *name == &after[..close])
                .map(|(_, v)| (close, v))
        });
        if let Some((close, value)) = value {
            let _ = write!(out, "{value}");
            rest = &after[close + 1..];
        } else {
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod fill_tests {
    use super::fill_template;

    #[test]
    fn placeholders_are_replaced_once_and_values_are_not_searched() {
        let id: &dyn std::fmt::Display = &"{n}";
        let n: &dyn std::fmt::Display = &3;
        assert_eq!(
            fill_template("{id} has {n} of {n}", &[("id", id), ("n", n)]),
            "{n} has 3 of 3"
        );
        assert_eq!(fill_template("{unknown} {n}", &[("n", n)]), "{unknown} 3");
        assert_eq!(fill_template("{ {n}} {", &[("n", n)]), "{ 3} {");
        assert_eq!(fill_template("中文{n}：完", &[("n", n)]), "中文3：完");
    }
}
