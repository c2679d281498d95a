//! The playbook's method beyond the pipeline, as `kam.yaml` writes it: guidance topics shown where
//! they apply, the sign-off levels of visit and reception applications, the thresholds of the
//! key-account classes and the team's territory plan. Lookups and checks live with `Playbook`.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};

/// One topic of guidance: method the playbook teaches (how to answer a discount request, how to
/// make first contact by phone), shown in the reports and gate hints where it applies, and in
/// full by `kam guide`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    pub label: String,
    /// One line that says what the topic is for.
    #[serde(default)]
    pub summary: String,
    /// Short points, one line each.
    #[serde(default)]
    pub points: Vec<String>,
    /// Situations and the answer to each (the reasons a client asks for a discount …). An
    /// objection or a competitor's move names one by id in its `reason`.
    #[serde(default)]
    pub cases: Vec<Case>,
    /// Where the topic is shown: any of these conditions (each holds when all its keys hold).
    /// A topic without one is shown only by `kam guide`.
    #[serde(default, rename = "where", deserialize_with = "one_or_many")]
    pub applies: Vec<Where>,
}

/// One case of a topic: a situation and what to do about it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub answer: String,
}

/// Where a topic applies. Every key given must match; an empty list matches anything.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Where {
    /// Reports: `visit`, `negotiation`, `reception`.
    #[serde(default)]
    pub reports: Vec<String>,
    /// Stages or outcomes the account is at.
    #[serde(default)]
    pub stages: Vec<String>,
    /// Forms (`visit_form`) of the planned visit.
    #[serde(default)]
    pub forms: Vec<String>,
    /// Kinds (`situation`) of the objections and competitor moves recorded on the account.
    #[serde(default)]
    pub situations: Vec<String>,
    /// Procurement steps (`procurement_step`) the account's procurement map holds.
    #[serde(default)]
    pub steps: Vec<String>,
    /// The account's development approach (`approach`).
    #[serde(default)]
    pub approaches: Vec<String>,
    /// Exit items: the topic is a hint in `kam gate` when the item is not met.
    #[serde(default)]
    pub items: Vec<String>,
}

fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Where>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Repr {
        One(Where),
        Many(Vec<Where>),
    }
    Ok(match Repr::deserialize(d)? {
        Repr::One(w) => vec![w],
        Repr::Many(v) => v,
    })
}

/// The sign-off of visit and reception applications: who has to approve what, before the event
/// and after it. Steps are values of the enumeration `approval_step`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Approvals {
    pub levels: Vec<Level>,
    /// The first rule that holds gives an application's level; when none holds, no application
    /// is needed.
    pub rules: Vec<LevelRule>,
    /// The steps after the event, in order (the report checked, the expenses reimbursed).
    #[serde(default)]
    pub after: Vec<String>,
}

/// A level of sign-off and the steps it needs before the event.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub id: String,
    pub label: String,
    pub needs: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LevelRule {
    pub level: String,
    #[serde(default)]
    pub when: LevelWhen,
}

/// When a level applies. Every key given must hold.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LevelWhen {
    /// `visits` or `receptions`.
    pub of: Option<String>,
    /// The account's tier.
    #[serde(default)]
    pub tiers: Vec<String>,
    /// The visit's form.
    #[serde(default)]
    pub forms: Vec<String>,
    /// The budget applied for is above this amount (in the policy's currency).
    pub budget_over: Option<f64>,
}

/// What the key-account classes (`account_class`) require of an account's data.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Classes {
    #[serde(default)]
    pub rules: Vec<ClassRule>,
    /// Payment attitudes (`payment_attitude`) that count as a good payment record.
    #[serde(default)]
    pub good_payment: Vec<String>,
    /// An account without a class whose contracts or budget reach this share of a threshold is a
    /// potential key account.
    pub potential_share: Option<f64>,
}

/// The rule of one class. Thresholds are amounts in the policy's currency.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ClassRule {
    pub class: String,
    /// Cumulative contract value above this, with a good payment record.
    pub cumulative_over: Option<f64>,
    /// A single contract above this, with a good payment record.
    pub single_over: Option<f64>,
    /// A referral that closed also qualifies.
    #[serde(default)]
    pub or_referrals: bool,
}

/// The team's plan for the year: territory, clients and people per region, the forecast.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Planning {
    /// Per region (`region` enumeration): how many clients and people the plan counts on.
    #[serde(default)]
    pub regions: BTreeMap<String, RegionPlan>,
    /// The year's sales forecast, in the policy's currency.
    pub forecast: Option<f64>,
    /// Expected staff turnover in a year, in percent.
    pub turnover: Option<f64>,
    /// How a salesperson's day divides (office work, travel, waiting, talking), in percent.
    #[serde(default)]
    pub day: Vec<DayShare>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RegionPlan {
    pub clients: Option<u32>,
    pub people: Option<u32>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DayShare {
    pub label: String,
    pub percent: f64,
}
