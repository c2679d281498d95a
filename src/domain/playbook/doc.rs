//! The playbook as data: archive template, record types, stages with exit checklists, scoring
//! model, cadence and policy — the shapes `kam.yaml` deserialises into. The lookups the rest of
//! kam uses live on `Playbook`, built (and validated) by `playbook::check`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::gate::rule::Rule;
use crate::domain::playbook::method::{Approvals, Classes, Planning, Topic};
use crate::domain::score::tier::TierCond;

/// `kam.yaml` exactly as written.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PlaybookDoc {
    /// Format version of the playbook; kam reads version 1.
    pub kam: u32,
    pub name: String,
    #[serde(default)]
    pub enums: BTreeMap<String, Vec<EnumValue>>,
    pub account: RecordType,
    pub archive: Vec<Group>,
    pub records: BTreeMap<String, RecordType>,
    pub stages: Vec<Stage>,
    pub outcomes: Vec<Outcome>,
    pub scoring: Scoring,
    #[serde(default)]
    pub cadence: Cadence,
    #[serde(default)]
    pub policy: Policy,
    /// Method the playbook teaches, shown where it applies (`kam guide`).
    #[serde(default)]
    pub guidance: Vec<Topic>,
    /// Who signs visit and reception applications.
    pub approvals: Option<Approvals>,
    /// What the key-account classes require.
    pub classes: Option<Classes>,
    /// The team's plan for the year.
    pub planning: Option<Planning>,
    /// Return visits, renewals and collection after the deal.
    #[serde(default)]
    pub after_deal: crate::domain::playbook::AfterDeal,
    /// The project retrospective due after an outcome.
    #[serde(default)]
    pub retrospective: Option<crate::domain::playbook::Retrospective>,
    /// Words of the user interface (report headings and the like), keyed by message id.
    /// Anything missing falls back to English.
    #[serde(default)]
    pub text: BTreeMap<String, String>,
}

/// One allowed value of an enumeration.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(from = "EnumValueRepr")]
pub struct EnumValue {
    pub id: String,
    pub label: String,
    pub help: String,
    /// Numeric weight, e.g. +2 … −2 for stances.
    pub weight: Option<f64>,
    /// The layer a buying role belongs to.
    pub layer: Option<String>,
    /// A buying role that can veto (technical / operations in the seeds).
    pub veto: bool,
}

/// An enum value as written: its id alone, or a mapping. Read by hand rather than as an untagged
/// enum, so that a mistake inside the mapping is reported at its key, not as "no form matched".
enum EnumValueRepr {
    Short(String),
    Full(FullEnumValue),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FullEnumValue {
    id: String,
    label: Option<String>,
    #[serde(default)]
    help: String,
    weight: Option<f64>,
    layer: Option<String>,
    #[serde(default)]
    veto: bool,
}

impl<'de> Deserialize<'de> for EnumValueRepr {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = EnumValueRepr;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an id, or a mapping with `id`, `label` …")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(EnumValueRepr::Short(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                FullEnumValue::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(EnumValueRepr::Full)
            }
        }
        d.deserialize_any(Visit)
    }
}

impl From<EnumValueRepr> for EnumValue {
    fn from(repr: EnumValueRepr) -> Self {
        match repr {
            EnumValueRepr::Short(id) => EnumValue {
                label: id.clone(),
                id,
                help: String::new(),
                weight: None,
                layer: None,
                veto: false,
            },
            EnumValueRepr::Full(FullEnumValue {
                id,
                label,
                help,
                weight,
                layer,
                veto,
            }) => EnumValue {
                label: label.unwrap_or_else(|| id.clone()),
                id,
                help,
                weight,
                layer,
                veto,
            },
        }
    }
}

/// A group of the client archive: one table in the account file.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub help: String,
    pub fields: Vec<Field>,
}

/// A record type: the fields of one table in an array of tables (contacts, visits, …).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RecordType {
    pub label: String,
    #[serde(default)]
    pub help: String,
    /// The fields that name one record of this type in a review, when neither `id` nor the
    /// fields it always requires do (a receivable is its contract and item, whatever its amount
    /// and due date become).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<Vec<String>>,
    pub fields: Vec<Field>,
}

impl RecordType {
    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.id == id)
    }
}

impl Group {
    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.id == id)
    }
}

/// One typed field of the archive or of a record type.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub help: String,
    pub kind: Kind,
    /// The enumeration of an `enum` or `enum_list` field.
    pub values: Option<String>,
    /// The enumeration whose values key a `keyed` field.
    pub keys: Option<String>,
    /// The record type of a `records` or `keyed` field.
    pub record: Option<String>,
    #[serde(default)]
    pub required: Required,
    #[serde(default)]
    pub sensitive: bool,
    /// For a date field: the date names a day ahead by nature (a due date, a target, a next
    /// step), so a later date counts as written. Any other date records when something happened:
    /// a gate judged before that day reads it as planned, not done.
    #[serde(default)]
    pub schedule: bool,
    /// Default value (shown in new accounts and templates); must be allowed by the kind.
    pub default: Option<String>,
    /// Resolved when the playbook is built: the position of the stage `required` names.
    #[serde(skip)]
    pub required_from: Option<usize>,
    /// Resolved when the playbook is built: the values of `values` (`enum`, `enum_list`) or of
    /// `keys` (keyed), so checking a value needs no lookup by name.
    #[serde(skip)]
    pub allowed: Option<std::sync::Arc<[EnumValue]>>,
}

/// The kinds of value a field can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Text,
    Integer,
    Number,
    Percent,
    Money,
    Date,
    Bool,
    Email,
    Url,
    Phone,
    Rating,
    Enum,
    EnumList,
    TextList,
    Contact,
    Contacts,
    Records,
    Keyed,
}

impl Kind {
    /// How the kind reads in a message ("expected a date").
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Text => "text (a string)",
            Kind::Integer => "a whole number",
            Kind::Number => "a number",
            Kind::Percent => "a percentage between 0 and 100",
            Kind::Money => "an amount (a number, or { amount = …, currency = \"…\" })",
            Kind::Date => "a date such as 2026-03-14",
            Kind::Bool => "true or false",
            Kind::Email => "an e-mail address",
            Kind::Url => "a web address (https://…)",
            Kind::Phone => "a phone number (a string)",
            Kind::Rating => "a rating from 1 to 5",
            Kind::Enum => "one of the allowed values",
            Kind::EnumList => "a list of allowed values",
            Kind::TextList => "a list of strings",
            Kind::Contact => "a contact id",
            Kind::Contacts => "a list of contact ids",
            Kind::Records => "an array of tables",
            Kind::Keyed => "a table keyed by the allowed values",
        }
    }
}

/// From which stage on a field must be filled.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Required {
    #[default]
    Never,
    Always,
    /// Required once the account has reached this stage.
    FromStage(String),
}

impl Serialize for Required {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Required::Never => s.serialize_str("never"),
            Required::Always => s.serialize_str("always"),
            Required::FromStage(stage) => s.serialize_str(stage),
        }
    }
}

impl<'de> Deserialize<'de> for Required {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Repr {
            Flag(bool),
            Name(String),
        }
        Ok(match Repr::deserialize(d)? {
            Repr::Flag(true) => Required::Always,
            Repr::Flag(false) => Required::Never,
            Repr::Name(s) if s == "never" => Required::Never,
            Repr::Name(s) if s == "always" => Required::Always,
            Repr::Name(s) => Required::FromStage(s),
        })
    }
}

/// One stage of the development pipeline.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub participants: Vec<String>,
    /// How far the company gets involved (low, medium, high).
    #[serde(default)]
    pub involvement: String,
    /// What the company provides in this stage.
    #[serde(default)]
    pub support: String,
    /// An account idle longer than this in the stage gets a warning.
    pub idle_days: Option<u32>,
    /// The chance, in percent, that an account in this stage is won: the forecast's weight for
    /// an account whose archive gives no success rate of its own.
    pub probability: Option<f64>,
    #[serde(default)]
    pub guidance: String,
    #[serde(default)]
    pub exit: Vec<ExitItem>,
}

/// One item of a stage's exit checklist.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ExitItem {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub help: String,
    /// A rule kam evaluates on the account's data, written `{ rule: arguments }`.
    #[serde(default, deserialize_with = "serde_yaml::with::singleton_map_recursive::deserialize")]
    pub auto: Option<Rule>,
    /// What the evidence must show, for items met by written evidence in `[checklist]`.
    pub evidence: Option<String>,
}

/// Where an account can end besides the pipeline (won, lost, paused).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub id: String,
    pub label: String,
}

/// The value assessment model.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    pub factors: Vec<Factor>,
    pub tiers: Vec<TierRule>,
}

/// The two axes of the assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Axis {
    Value,
    Difficulty,
}

impl Axis {
    pub fn id(self) -> &'static str {
        match self {
            Axis::Value => "value",
            Axis::Difficulty => "difficulty",
        }
    }
}

/// One rated factor of the value assessment.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Factor {
    pub id: String,
    pub label: String,
    pub axis: Axis,
    pub weight: f64,
    pub higher_is_better: bool,
    #[serde(default)]
    pub help: String,
}

/// One tier rule: the first whose condition holds gives the tier.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TierRule {
    pub id: String,
    pub label: String,
    pub when: TierCond,
    #[serde(default)]
    pub action: String,
}

/// How often accounts are visited and followed up.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cadence {
    /// Days between visits, per tier id, plus `default` for accounts without a tier.
    #[serde(default)]
    pub visit_every_days: BTreeMap<String, u32>,
    #[serde(default = "default_followup_days")]
    pub followup_days: u32,
    /// Days after which a contact's stance and closeness are due a new assessment (0: never).
    #[serde(default = "default_reassess_days")]
    pub reassess_days: u32,
    /// More visits than this within one cadence period pushes too hard.
    pub too_often: Option<u32>,
    /// Days between contacts per layer of the client's people, for accounts that run an
    /// organisation-level programme (yearly executive, quarterly middle-management contact).
    #[serde(default)]
    pub by_layer: BTreeMap<String, u32>,
}

fn default_followup_days() -> u32 {
    7
}

fn default_reassess_days() -> u32 {
    90
}

impl Default for Cadence {
    fn default() -> Self {
        Cadence {
            visit_every_days: BTreeMap::new(),
            followup_days: default_followup_days(),
            reassess_days: default_reassess_days(),
            too_often: None,
            by_layer: BTreeMap::new(),
        }
    }
}

/// Company policies that checks and reports apply.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    #[serde(default)]
    pub currency: String,
    /// Gift value per person above which a visit is flagged.
    pub gift_limit: Option<f64>,
    #[serde(default)]
    pub reimbursement: String,
    #[serde(default)]
    pub visit_materials: Vec<String>,
    /// Value of one unit of another currency in `currency`, for amounts written in it
    /// (`{ amount = 1500, currency = "MXN" }`).
    #[serde(default)]
    pub exchange_rates: BTreeMap<String, f64>,
}
