//! Key-account classes (seed 002 §2.2 二.1) against the account's data: quality (cumulative
//! contracts over a threshold with a good payment record, or a referral that closed), high-value
//! (a single contract over a threshold with a good payment record), group (one buyer for related
//! units) and strategic (an example in its industry, contested) — the thresholds in the playbook's
//! `classes`. A class the recorded data contradicts is a `kam check` warning (KAM031); an account
//! without a class whose contracts or project budget come near a threshold is a **potential** key
//! account.
//!
//! The data lives in the archive group `standard` (`contracts_total`, `largest_contract`,
//! `referrals`, …) and `finance.payment_attitude`; the project budget is `finance.budget`.

use crate::domain::account::Account;
use crate::domain::after_deal::money::{group, to_cents};
use crate::domain::approval::amount;
use crate::domain::diagnostic::{Code, Diagnostic};
use crate::domain::playbook::Playbook;
use crate::domain::playbook::method::ClassRule;

/// The archive group that holds what the classes are judged by.
pub const GROUP: &str = "standard";

/// What the account's data says about one class rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// The data meets the rule.
    Meets,
    /// The data contradicts it, for these reasons.
    Contradicts(Vec<String>),
    /// Not enough data to judge.
    Unknown,
}

/// An amount as the other money diagnostics write it: `10,000,000`.
fn grouped(units: f64) -> String {
    to_cents(units.round()).map_or_else(|| format!("{units:.0}"), group)
}

/// An amount of the `standard` group (or any group: `path` is `group.field`) in the policy's
/// currency; `None` when absent or in a currency without a rate.
fn money(pb: &Playbook, account: &Account<'_>, path: &str) -> Option<f64> {
    let (group, field) = path.split_once('.')?;
    amount(pb, &account.group(group)?, field)?.value
}

fn referred(account: &Account<'_>) -> bool {
    account
        .group(GROUP)
        .is_some_and(|g| g.list("referrals").iter().any(|r| !r.trim().is_empty()))
}

/// The rule of a class judged on the account's data.
pub fn judge(pb: &Playbook, account: &Account<'_>, rule: &ClassRule) -> Verdict {
    let good = &pb
        .doc
        .classes
        .as_ref()
        .map(|c| c.good_payment.clone())
        .unwrap_or_default();
    let attitude = account.archive("finance.payment_attitude").and_then(|v| match v {
        crate::domain::account::value::Value::String(s) => Some(s.as_ref()),
        _ => None,
    });
    let currency = &pb.doc.policy.currency;
    let mut why = Vec::new();
    let mut known = false;
    let payment_ok = attitude.map(|a| good.is_empty() || good.iter().any(|g| g == a));
    // Values the playbook marks personal are judged, never quoted.
    let private = |path: &str| {
        let (group, id) = path.split_once('.').unwrap_or(("", path));
        crate::domain::privacy::is_sensitive(pb, crate::domain::privacy::Scope::Group(group), id)
    };
    if payment_ok == Some(false) {
        why.push(if private("finance.payment_attitude") {
            pb.text(
                "check.class_payment",
                "the payment attitude is not a good payment record",
            )
            .to_string()
        } else {
            pb.fill(
                "check.class_payment_of",
                "payment attitude `{attitude}` is not a good payment record",
                &[("attitude", &attitude.unwrap_or_default())],
            )
        });
    }
    let mut amounts_ok = None;
    for (limit, path, hidden, shown) in [
        (
            rule.cumulative_over,
            "standard.contracts_total",
            pb.text("check.class_cumulative", "cumulative contracts are not over {limit}"),
            pb.text(
                "check.class_cumulative_of",
                "cumulative contracts of {value} are not over {limit}",
            ),
        ),
        (
            rule.single_over,
            "standard.largest_contract",
            pb.text("check.class_single", "the largest single contract is not over {limit}"),
            pb.text(
                "check.class_single_of",
                "the largest single contract, {value}, is not over {limit}",
            ),
        ),
    ] {
        let Some(limit) = limit else { continue };
        if let Some(value) = money(pb, account, path) {
            known = true;
            let ok = value > limit;
            amounts_ok = Some(amounts_ok.unwrap_or(true) && ok);
            if !ok {
                let text = if private(path) { hidden } else { shown };
                why.push(
                    text.replace("{value}", &format!("{} {currency}", grouped(value)))
                        .replace("{limit}", &format!("{} {currency}", grouped(limit))),
                );
            }
        }
    }
    if rule.or_referrals && referred(account) {
        return Verdict::Meets;
    }
    if !why.is_empty() {
        if rule.or_referrals {
            why.push(
                pb.text("check.class_no_referral", "no referral that closed")
                    .to_string(),
            );
        }
        return Verdict::Contradicts(why);
    }
    if known && amounts_ok == Some(true) && payment_ok.is_some() {
        Verdict::Meets
    } else {
        Verdict::Unknown
    }
}

/// KAM031: every class of the account that its data contradicts (a warning: the class was set by
/// hand, the data may be the newer truth).
pub fn check(pb: &Playbook, account: &Account<'_>) -> Vec<Diagnostic> {
    let Some(classes) = &pb.doc.classes else {
        return Vec::new();
    };
    let set = account.root.list("class");
    classes
        .rules
        .iter()
        .filter(|r| set.contains(&r.class.as_str()))
        .filter_map(|rule| {
            let Verdict::Contradicts(why) = judge(pb, account, rule) else {
                return None;
            };
            let label = pb.enum_label("account_class", &rule.class);
            Some(
                Diagnostic::warning(
                    Code::ClassContradicted,
                    account.root.span_of("class"),
                    pb.fill(
                        "check.class_contradicted",
                        "class `{class}` ({label}) is contradicted by the data: {why}",
                        &[
                            ("class", &rule.class),
                            ("label", &label),
                            ("why", &why.join(pb.text("report.item_separator", "; "))),
                        ],
                    ),
                )
                .with_help(pb.fill(
                    "check.class_contradicted_help",
                    "correct the class or the data under [{group}] and [finance]; the playbook's `classes` say what `{class}` requires",
                    &[("group", &GROUP), ("class", &rule.class)],
                )),
            )
        })
        .collect()
}

/// Whether the account is a potential key account: it has no class, and its contracts or its
/// project budget reach `classes.potential_share` of the lowest threshold.
pub fn potential(pb: &Playbook, account: &Account<'_>) -> bool {
    let Some(classes) = &pb.doc.classes else { return false };
    let Some(share) = classes.potential_share else {
        return false;
    };
    if !account.root.list("class").is_empty() {
        return false;
    }
    let lowest = classes
        .rules
        .iter()
        .flat_map(|r| [r.cumulative_over, r.single_over])
        .flatten()
        .fold(f64::INFINITY, f64::min);
    if !lowest.is_finite() {
        return false;
    }
    [
        "standard.contracts_total",
        "standard.largest_contract",
        "finance.budget",
    ]
    .iter()
    .filter_map(|p| money(pb, account, p))
    .any(|v| v >= share * lowest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::value::Table;
    use crate::domain::test_support::default_playbook;

    fn with(text: &str, f: impl FnOnce(&Playbook, &Account<'_>)) {
        let pb = default_playbook().unwrap();
        let full = format!("id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"won\"\n{text}");
        let root = Table::parse(&full).unwrap();
        f(&pb, &Account::new(&root));
    }

    fn messages(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        with(text, |pb, a| {
            out = check(pb, a).into_iter().map(|d| d.message).collect();
        });
        out
    }

    #[test]
    fn a_class_the_data_contradicts_is_named_with_the_reasons() {
        let got = messages(
            "class = [\"high_value\", \"quality\", \"group\"]\n\
             [finance]\npayment_attitude = \"slow\"\n\
             [standard]\nlargest_contract = 3000000\ncontracts_total = 3000000\n",
        );
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(
            got[0].contains("class `quality`") && got[0].contains("no referral that closed"),
            "{got:?}"
        );
        assert!(got[1].contains("class `high_value`"), "{got:?}");
        assert!(got[1].contains("payment attitude `slow`"), "{got:?}");
        assert!(
            got[1].contains("the largest single contract, 3,000,000 CNY, is not over 10,000,000 CNY"),
            "{got:?}"
        );
    }

    #[test]
    fn data_that_meets_the_rule_or_is_missing_raises_nothing() {
        assert!(messages("class = [\"high_value\"]\n[finance]\npayment_attitude = \"prompt\"\n[standard]\nlargest_contract = 12000000\n").is_empty());
        assert!(
            messages("class = [\"high_value\"]\n").is_empty(),
            "no data, no contradiction"
        );
        // A referral that closed makes a quality client whatever the amounts.
        assert!(
            messages("class = [\"quality\"]\n[standard]\ncontracts_total = 100\nreferrals = [\"Acme\"]\n").is_empty()
        );
    }

    #[test]
    fn an_account_without_a_class_near_a_threshold_is_a_potential_key_account() {
        with("[finance]\nbudget = 2600000\n", |pb, a| assert!(potential(pb, a)));
        with("[finance]\nbudget = 2400000\n", |pb, a| assert!(!potential(pb, a)));
        with(
            "[finance]\nbudget = { amount = 400000, currency = \"USD\" }\n",
            |pb, a| {
                assert!(potential(pb, a), "400,000 USD ≈ 2,840,000 CNY");
            },
        );
        with("class = [\"strategic\"]\n[finance]\nbudget = 9000000\n", |pb, a| {
            assert!(!potential(pb, a), "already a key account");
        });
    }
}
