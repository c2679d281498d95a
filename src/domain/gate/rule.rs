//! The declarative rule vocabulary of automatic exit items. A rule is data in the playbook
//! (`auto: { records: { of: contacts, where: { roles: coach }, min: 1 } }`); `gate` evaluates it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One automatic check over an account's data.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    /// Every listed archive field (`group.field`) is given and not empty.
    Filled(Vec<String>),
    /// At least `min` records match `where`, and each matching one has the `has` fields.
    Records(RecordsRule),
    /// A `keyed` field has every key of its enumeration, each with the `has` fields.
    Keyed(KeyedRule),
    /// Every factor is rated and the tier is one of `tiers`.
    Scored(ScoredRule),
    /// No contact holding a veto stands against us, and the stance weights of every contact
    /// (of one layer, when `layer` is given) add up to more than zero.
    Support(SupportRule),
    /// Every rule holds.
    All(Vec<Rule>),
    /// At least one rule holds.
    Any(Vec<Rule>),
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RecordsRule {
    /// contacts, competitors, visits or plan.
    pub of: String,
    #[serde(default = "one")]
    pub min: usize,
    #[serde(default, rename = "where")]
    pub filter: BTreeMap<String, Cond>,
    #[serde(default)]
    pub has: Vec<String>,
}

fn one() -> usize {
    1
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct KeyedRule {
    pub field: String,
    #[serde(default)]
    pub has: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScoredRule {
    #[serde(default)]
    pub tiers: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SupportRule {
    /// Only this layer's contacts count in the balance; a veto holder against us blocks the
    /// gate whatever their layer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer: Option<String>,
}

/// A condition on one field of a record.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Cond {
    /// Equal to (or, for lists, containing) the value.
    Is(Scalar),
    /// Equal to (or containing) any of the values.
    AnyOf(Vec<Scalar>),
    /// A list containing every one of the values (`{ all: [a, b] }`).
    AllOf { all: Vec<Scalar> },
    /// A date within the last N days up to today.
    PastDays { past_days: u32 },
    /// A date today or later (`future: true`) or before today (`future: false`).
    Future { future: bool },
}

/// A plain value in a condition.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Scalar {
    Bool(bool),
    Int(i64),
    Text(String),
}

impl std::fmt::Display for Scalar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Scalar::Bool(b) => write!(f, "{b}"),
            Scalar::Int(i) => write!(f, "{i}"),
            Scalar::Text(s) => write!(f, "{s}"),
        }
    }
}

impl Rule {
    /// The rule's name as written in the playbook.
    pub fn name(&self) -> &'static str {
        match self {
            Rule::Filled(_) => "filled",
            Rule::Records(_) => "records",
            Rule::Keyed(_) => "keyed",
            Rule::Scored(_) => "scored",
            Rule::Support(_) => "support",
            Rule::All(_) => "all",
            Rule::Any(_) => "any",
        }
    }
}
