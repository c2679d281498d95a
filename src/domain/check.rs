//! The checks of `kam check` over one account, beyond the template validation: id and file name,
//! stage, history, every gate the account crossed, gifts over the policy limit, idle accounts, dates
//! that contradict each other or the calendar ([`crate::domain::dates`]), and the records after
//! the deal ([`crate::domain::after_deal::check`]). Each
//! check is a small function returning diagnostics; all of them run.

use chrono::NaiveDate;

use crate::domain::account::Account;
use crate::domain::account::slug::is_slug;
use crate::domain::account::validate::{unknown_stage, validate};
use crate::domain::account::value::{Record, Spanned, Table};
use crate::domain::dates::check_dates;
use crate::domain::diagnostic::{Code, Diagnostic};
use crate::domain::gate::gate_of;
use crate::domain::gate::met::{gate_met, gate_was_met};
use crate::domain::gate::pipeline::{crossings, entered_index, rank};
use crate::domain::playbook::Playbook;

/// Everything `kam check` verifies inside one file. `file_stem` is the file name without `.toml`.
pub fn check_account(
    pb: &Playbook,
    root: &Spanned<Table<'_>>,
    account: &Account<'_>,
    file_stem: &str,
    today: NaiveDate,
) -> Vec<Diagnostic> {
    let mut diags = validate(pb, root, account);
    diags.extend(check_id(account, file_stem));
    diags.extend(check_stage(pb, account));
    diags.extend(stage_problems(pb, account));
    diags.extend(check_gifts(pb, account));
    diags.extend(check_idle(pb, account, today));
    diags.extend(crate::domain::guide::check_reasons(pb, account));
    let tier = crate::domain::score::score(pb, account, &crate::domain::score::Weights::new()).tier;
    diags.extend(crate::domain::approval::check::check(
        pb,
        account,
        tier.as_deref(),
        today,
    ));
    diags.extend(crate::domain::classes::check(pb, account));
    diags.extend(check_dates(pb, account, today));
    diags.extend(crate::domain::after_deal::check::check(pb, account, today));
    diags
}

/// Whether the account's stage is backed by its history and by a met gate (KAM017, KAM016).
/// `kam advance` refuses to move an account with such problems, so it never launders a hand edit.
pub fn stage_problems(pb: &Playbook, account: &Account<'_>) -> Vec<Diagnostic> {
    check_history(pb, account)
        .into_iter()
        .chain(check_history_chain(account))
        .chain(check_crossed_gates(pb, account))
        .collect()
}

fn check_id(account: &Account<'_>, file_stem: &str) -> Vec<Diagnostic> {
    let Some(id) = account.id else { return Vec::new() };
    let mut out = Vec::new();
    if !is_slug(id.text) {
        out.push(
            Diagnostic::error(Code::BadId, id.span(), format!("id `{}` is not an ASCII slug", id.text)).with_help(
                format!(
                    "use lowercase letters, digits and dashes, e.g. `{}`",
                    crate::domain::account::slug::slugify(id.text)
                ),
            ),
        );
    }
    if id.text != file_stem {
        out.push(
            Diagnostic::error(
                Code::IdMismatch,
                id.span(),
                format!("id `{}` does not match the file name `{file_stem}.toml`", id.text),
            )
            .with_help(format!(
                "rename the file to `{}.toml` or set id = \"{file_stem}\"",
                id.text
            )),
        );
    }
    out
}

fn check_stage(pb: &Playbook, account: &Account<'_>) -> Option<Diagnostic> {
    let stage = account.stage?;
    if pb.stage_pos(stage.text).is_some() || pb.outcome(stage.text).is_some() {
        return None;
    }
    Some(unknown_stage(pb, stage.text, stage.span()))
}

/// The last history record must lead to the current stage; otherwise `stage` was edited by hand.
fn check_history(pb: &Playbook, account: &Account<'_>) -> Option<Diagnostic> {
    let stage = account.stage?;
    let first = pb.stages().first()?;
    if pb.stage_pos(stage.text).is_none() && pb.outcome(stage.text).is_none() {
        return None; // reported as an unknown stage
    }
    let last_to = account.history.iter().rev().find_map(|m| m.to);
    match last_to {
        Some(to) if to.text != stage.text => Some(
            Diagnostic::error(
                Code::History,
                stage.span(),
                format!("stage is `{}` but the last history record moves the account to `{}`", stage.text, to.text),
            )
            .with_help("change stages with `kam advance`, which records the move"),
        ),
        None if stage.text != first.id => Some(
            Diagnostic::error(
                Code::History,
                stage.span(),
                format!("stage is `{}` but no [[history]] record shows how the account got there", stage.text),
            )
            .with_help(format!(
                "accounts start in `{}` and move with `kam advance`; for an imported account add [[history]] with to = \"{}\" and date",
                first.id, stage.text
            )),
        ),
        _ => None,
    }
}

/// Each history record starts where the one before it ended.
fn check_history_chain(account: &Account<'_>) -> Vec<Diagnostic> {
    account
        .history
        .windows(2)
        .filter_map(|pair| {
            let before = pair[0].to?;
            let from = pair[1].from?;
            (from != before.text).then(|| {
                Diagnostic::error(
                    Code::History,
                    pair[1].record.span_of("from"),
                    format!(
                        "this history record moves from `{from}`, but the record before left the account in `{}`",
                        before.text
                    ),
                )
                .with_help("history records are written by `kam advance`; a record was edited or removed by hand")
            })
        })
        .collect()
}

/// An account past a gate that was not met: someone moved `stage` without `kam advance`, wrote a
/// history record by hand, or later deleted or post-dated what opened a gate. Every gate the
/// history crossed is judged as of the day it was crossed, one finding per unmet crossing; the
/// crossing that entered the current stage points at `stage`, earlier ones at their record.
fn check_crossed_gates(pb: &Playbook, account: &Account<'_>) -> Vec<Diagnostic> {
    let Some(stage) = account.stage else {
        return Vec::new();
    };
    let entered = entered_index(account);
    crossings(pb, account)
        .into_iter()
        .filter_map(|c| {
            let day = c.day.or(account.created).unwrap_or(NaiveDate::MIN);
            // The crossing into the current stage is judged as `kam gate` judges; an earlier one
            // is not reopened by a record written since and still to be completed.
            let current = c.record == entered && rank(pb, stage.text) == Some(c.pos + 1);
            let met = if current {
                gate_met(pb, c.pos, account, day)
            } else {
                gate_was_met(pb, c.pos, account, day)
            };
            if met {
                return None;
            }
            let gate = gate_of(pb, c.pos, account, day);
            let unmet: Vec<String> = gate.unmet().map(|i| format!("{} ({})", i.id, i.label)).collect();
            let unmet = unmet.join(", ");
            let record = c.record.and_then(|i| account.history.get(i));
            Some(match (current, record) {
                (false, Some(m)) => Diagnostic::error(
                    Code::GateBypassed,
                    m.record.span_of(if m.date.is_some() { "date" } else { "to" }),
                    match c.day {
                        Some(day) => format!(
                            "the gate of `{}` was crossed on {day} but was not met that day: {unmet}",
                            gate.stage
                        ),
                        None => format!("the gate of `{}` was crossed but is not met: {unmet}", gate.stage),
                    },
                )
                .with_help(format!(
                    "the account still lies past it (now in `{}`): what opens a gate must have happened by the day it was crossed — restore what met it, or correct the dates",
                    stage.text
                )),
                _ => Diagnostic::error(
                    Code::GateBypassed,
                    stage.span(),
                    match c.day {
                        Some(day) => format!(
                            "stage `{}` lies past the gate of `{}`, which was not met on {day}, the day it was crossed: {unmet}",
                            stage.text, gate.stage
                        ),
                        None => format!(
                            "stage `{}` lies past the gate of `{}`, which is not met: {unmet}",
                            stage.text, gate.stage
                        ),
                    },
                )
                .with_help(format!(
                    "meet those items, or undo the move (stage = \"{}\" and its [[history]] record); stages move forward only with `kam advance`",
                    gate.stage
                )),
            })
        })
        .collect()
}

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
                    format!("gift value in {other} cannot be checked against the limit of {limit} {currency}"),
                )
                .with_help(format!(
                    "add `{other}: <value of 1 {other} in {currency}>` under policy.exchange_rates in kam.yaml"
                )),
            );
        }
    };
    (value > limit).then(|| {
        Diagnostic::warning(
            Code::GiftOverLimit,
            span,
            format!("gift value {shown} is over the policy limit of {limit} {currency}"),
        )
        .with_help("gifts stay within law and custom; get the director's approval or lower the value")
    })
}

/// Gifts of visits (`gift_value`) and of receptions (each gift's `value`) over the policy limit.
fn check_gifts(pb: &Playbook, account: &Account<'_>) -> Vec<Diagnostic> {
    let Some(limit) = pb.doc.policy.gift_limit else {
        return Vec::new();
    };
    // Personal data: a gift value the playbook marks sensitive is judged, never quoted.
    let visits_private =
        crate::domain::privacy::is_sensitive(pb, crate::domain::privacy::Scope::Record("visits"), "gift_value")
            .then_some("of this visit");
    let receptions_private =
        crate::domain::privacy::is_sensitive(pb, crate::domain::privacy::Scope::Record("reception_gift"), "value")
            .then_some("of this gift");
    let visits = account
        .visits
        .iter()
        .filter_map(|v| gift_over_limit(pb, v, "gift_value", limit, visits_private));
    let receptions = account
        .receptions
        .iter()
        .flat_map(|r| crate::domain::guide::nested(r, "gifts"))
        .filter_map(|g| gift_over_limit(pb, &g, "value", limit, receptions_private));
    visits.chain(receptions).collect()
}

fn check_idle(pb: &Playbook, account: &Account<'_>, today: NaiveDate) -> Option<Diagnostic> {
    let stage = account.stage?;
    let limit = pb.stage(stage.text)?.idle_days?;
    let since = account.stage_since()?;
    let days = (today - since).num_days();
    (days > i64::from(limit)).then(|| {
        Diagnostic::warning(
            Code::Idle,
            stage.span(),
            format!(
                "idle in stage `{}` for {days} days (limit {limit}, since {since})",
                stage.text
            ),
        )
        .with_help("move it on, or down to paused/lost with `kam advance --to … --reason …`")
    })
}
