//! Gifts against the policy: a gift's value per person as written and in the policy's currency
//! (converted with `policy.exchange_rates`; also what approvals and the reports show), and the
//! gifts of visits and receptions over `policy.gift_limit` (KAM012). A value the playbook marks
//! sensitive is judged, never quoted.

use crate::domain::account::Account;
use crate::domain::account::value::Record;
use crate::domain::diagnostic::{Code, Diagnostic};
use crate::domain::playbook::Playbook;

/// A visit's gift value per person, as written and in the policy's currency.
#[derive(Debug, Clone, PartialEq)]
pub struct GiftValue {
    pub amount: f64,
    /// The currency it is written in, when not the policy's.
    pub foreign: Option<String>,
    /// The value in the policy's currency; `None` when `policy.exchange_rates` lacks the rate.
    pub value: Option<f64>,
}

/// The gift value of a visit record, converted with the policy's exchange rates.
pub fn gift_value(pb: &Playbook, visit: &Record<'_, '_>) -> Option<GiftValue> {
    gift_value_of(pb, visit, "gift_value")
}

/// A money field of a record as a gift value, converted with the policy's exchange rates.
pub fn gift_value_of(pb: &Playbook, record: &Record<'_, '_>, key: &str) -> Option<GiftValue> {
    let (amount, written_in) = record.money(key)?;
    let currency = &pb.doc.policy.currency;
    Some(match written_in.filter(|c| !c.eq_ignore_ascii_case(currency)) {
        None => GiftValue {
            amount,
            foreign: None,
            value: Some(amount),
        },
        Some(other) => GiftValue {
            amount,
            foreign: Some(other.to_string()),
            value: pb.doc.policy.exchange_rates.get(other).map(|rate| amount * rate),
        },
    })
}

/// KAM012 for the gift value per person in `key` of a record.
fn gift_over_limit(
    pb: &Playbook,
    record: &Record<'_, '_>,
    key: &str,
    limit: f64,
    private: Option<&str>,
) -> Option<Diagnostic> {
    let currency = &pb.doc.policy.currency;
    let gift = gift_value_of(pb, record, key)?;
    let span = record.span_of(key);
    let amount = gift.amount;
    let (value, shown) = match (&gift.foreign, gift.value) {
        (_, Some(value)) if private.is_some() => (value, private.unwrap_or_default().to_string()),
        (None, _) => (amount, format!("{amount} {currency}")),
        (Some(other), Some(value)) => (value, format!("{amount} {other} (≈ {value:.0} {currency})")),
        (Some(other), None) => {
            return Some(
                Diagnostic::warning(
                    Code::GiftOverLimit,
                    span,
                    pb.fill(
                        "check.gift_no_rate",
                        "gift value in {other} cannot be checked against the limit of {limit} {currency}",
                        &[("other", &other), ("limit", &limit), ("currency", &currency)],
                    ),
                )
                .with_help(pb.fill(
                    "check.gift_no_rate_help",
                    "add `{other}: <value of 1 {other} in {currency}>` under policy.exchange_rates in kam.yaml",
                    &[("other", &other), ("currency", &currency)],
                )),
            );
        }
    };
    (value > limit).then(|| {
        Diagnostic::warning(
            Code::GiftOverLimit,
            span,
            pb.fill(
                "check.gift_over",
                "gift value {shown} is over the policy limit of {limit} {currency}",
                &[("shown", &shown), ("limit", &limit), ("currency", &currency)],
            ),
        )
        .with_help(pb.text(
            "check.gift_over_help",
            "gifts stay within law and custom; get the director's approval or lower the value",
        ))
    })
}

/// Gifts of visits (`gift_value`) and of receptions (each gift's `value`) over the policy limit.
pub fn check_gifts(pb: &Playbook, account: &Account<'_>) -> Vec<Diagnostic> {
    let Some(limit) = pb.doc.policy.gift_limit else {
        return Vec::new();
    };
    // Personal data: a gift value the playbook marks sensitive is judged, never quoted.
    let visits_private =
        crate::domain::privacy::is_sensitive(pb, crate::domain::privacy::Scope::Record("visits"), "gift_value")
            .then_some(pb.text("check.gift_of_this_visit", "of this visit"));
    let receptions_private =
        crate::domain::privacy::is_sensitive(pb, crate::domain::privacy::Scope::Record("reception_gift"), "value")
            .then_some(pb.text("check.gift_of_this_gift", "of this gift"));
    let visits = account
        .visits
        .iter()
        .filter_map(|v| gift_over_limit(pb, v, "gift_value", limit, visits_private));
    let receptions = account
        .receptions
        .iter()
        .flat_map(|r| r.nested("gifts"))
        .filter_map(|g| gift_over_limit(pb, &g, "value", limit, receptions_private));
    visits.chain(receptions).collect()
}
