//! The checks of `kam check` over one account, beyond the template validation: id and file name,
//! stage, history, the gate the account crossed, gifts over the policy limit, idle accounts, dates
//! that contradict each other or the calendar ([`dates`]), the records after the deal
//! ([`crate::domain::after_deal::check`]), and characters that make the text read otherwise than
//! it is stored ([`crate::domain::account::invisible`]). Each
//! check is a small function returning diagnostics; all of them run.
//!
//! - this file: [`check_account`], which runs them all; the id, the stage and the idle time; and
//!   whether the stage is backed by the history and by gates met ([`stage_problems`],
//!   [`backed_stage`], which `kam advance` asks too)
//! - [`dates`]: dates that contradict each other or the calendar (KAM021–KAM024)
//! - [`gifts`]: a gift's value in the policy's currency, and gifts over the policy limit (KAM012)

pub mod dates;
pub mod gifts;

use chrono::NaiveDate;

use crate::domain::account::Account;
use crate::domain::account::slug::is_slug;
use crate::domain::account::validate::{unknown_stage, validate_at};
use crate::domain::account::value::{Spanned, Table};
use crate::domain::diagnostic::{Code, Diagnostic};
use crate::domain::gate::gate_of;
use crate::domain::gate::met::{gate_met, gate_was_met};
use crate::domain::gate::pipeline::{crossed_gate, crossings, entered_index, rank};
use crate::domain::playbook::{Playbook, StageAt};
use dates::check_dates;
use gifts::check_gifts;

pub use gifts::{GiftValue, gift_value, gift_value_of};

/// Everything `kam check` verifies inside one file. `text` is the file's text, `root` its parse
/// and `file_stem` the file name without `.toml`.
pub fn check_account(
    pb: &Playbook,
    text: &str,
    root: &Spanned<Table<'_>>,
    account: &Account<'_>,
    file_stem: &str,
    today: NaiveDate,
) -> Vec<Diagnostic> {
    let moved = stage_problems(pb, account);
    // A stage moved by hand is one error; the fields of the stages it skipped are not more.
    let at = if moved.is_empty() {
        None
    } else {
        backed_stage(pb, account)
    };
    let mut diags = validate_at(pb, root, account, at);
    diags.extend(check_id(pb, account, file_stem));
    diags.extend(check_stage(pb, account));
    diags.extend(moved);
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
    diags.extend(crate::domain::planning::classes::check(pb, account));
    diags.extend(check_dates(pb, account, today));
    diags.extend(crate::domain::after_deal::check::check(pb, account, today));
    diags.extend(crate::domain::account::invisible::check_invisible(pb, text, root));
    diags
}

/// Whether the account's stage is backed by its history and by a met gate (KAM017, KAM016).
/// `kam advance` refuses to move an account with such problems, so it never launders a hand edit.
pub fn stage_problems(pb: &Playbook, account: &Account<'_>) -> Vec<Diagnostic> {
    check_history(pb, account)
        .into_iter()
        .chain(check_history_chain(pb, account))
        .chain(check_crossed_gate(pb, account))
        .chain(check_earlier_crossings(pb, account))
        .collect()
}

fn check_id(pb: &Playbook, account: &Account<'_>, file_stem: &str) -> Vec<Diagnostic> {
    let Some(id) = account.id else { return Vec::new() };
    let mut out = Vec::new();
    if !is_slug(id.text) {
        out.push(
            Diagnostic::error(
                Code::BadId,
                id.span(),
                pb.fill("check.bad_id", "id `{id}` is not an ASCII slug", &[("id", &id.text)]),
            )
            .with_help(pb.fill(
                "check.bad_id_help",
                "use lowercase letters, digits and dashes, e.g. `{slug}`",
                &[("slug", &crate::domain::account::slug::slugify(id.text))],
            )),
        );
    }
    if id.text != file_stem {
        out.push(
            Diagnostic::error(
                Code::IdMismatch,
                id.span(),
                pb.fill(
                    "check.id_mismatch",
                    "id `{id}` does not match the file name `{file}.toml`",
                    &[("id", &id.text), ("file", &file_stem)],
                ),
            )
            .with_help(pb.fill(
                "check.id_mismatch_help",
                "rename the file to `{id}.toml` or set id = \"{file}\"",
                &[("id", &id.text), ("file", &file_stem)],
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
                pb.fill(
                    "check.history_mismatch",
                    "stage is `{stage}` but the last history record moves the account to `{to}`",
                    &[("stage", &stage.text), ("to", &to.text)],
                ),
            )
            .with_help(pb.text(
                "check.history_mismatch_help",
                "change stages with `kam advance`, which records the move",
            )),
        ),
        None if stage.text != first.id => Some(
            Diagnostic::error(
                Code::History,
                stage.span(),
                pb.fill(
                    "check.no_history",
                    "stage is `{stage}` but no [[history]] record shows how the account got there",
                    &[("stage", &stage.text)],
                ),
            )
            .with_help(pb.fill(
                "check.no_history_help",
                "accounts start in `{first}` and move with `kam advance`; for an imported account add [[history]] with to = \"{stage}\" and date",
                &[("first", &first.id), ("stage", &stage.text)],
            )),
        ),
        _ => None,
    }
}

/// Each history record starts where the one before it ended.
fn check_history_chain(pb: &Playbook, account: &Account<'_>) -> Vec<Diagnostic> {
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
                    pb.fill(
                        "check.history_chain",
                        "this history record moves from `{from}`, but the record before left the account in `{before}`",
                        &[("from", &from), ("before", &before.text)],
                    ),
                )
                .with_help(pb.text(
                    "check.history_chain_help",
                    "history records are written by `kam advance`; a record was edited or removed by hand",
                ))
            })
        })
        .collect()
}

/// Where an account whose stage was moved by hand legitimately stands: the stage its history
/// leads to, or the first stage on its way whose gate is not met, whichever comes first. `None`
/// when the stage is backed (or is lost, paused or unknown).
pub fn backed_stage(pb: &Playbook, account: &Account<'_>) -> Option<StageAt> {
    let stage = account.stage?;
    let pos = rank(pb, stage.text)?;
    let mut at: Option<usize> = None;
    match account.history.iter().rev().find_map(|m| m.to) {
        Some(to) if to.text != stage.text => at = rank(pb, to.text),
        None if pos > 0 => at = Some(0),
        _ => {}
    }
    if let Some((gate_pos, _)) = unmet_gate(pb, account) {
        at = Some(at.map_or(gate_pos, |a| a.min(gate_pos)));
    }
    at.filter(|a| *a < pos).map(StageAt::Stage)
}

/// The first gate not met on the account's way into its stage: from the stage it came from (the
/// history record that entered it), or from the first stage when no record did. Time-relative
/// rules are judged as of the day it crossed.
fn unmet_gate(pb: &Playbook, account: &Account<'_>) -> Option<(usize, crate::domain::gate::GateState)> {
    let (pos, crossed_on) = crossed_gate(pb, account)?;
    let day = crossed_on.or(account.created).unwrap_or(NaiveDate::MIN);
    let entered = entered_index(account);
    let origin = match entered {
        None => 0,
        Some(i) => account.history[i]
            .from
            .and_then(|f| rank(pb, f))
            .filter(|f| *f <= pos)
            .unwrap_or(pos),
    };
    // Met or not is answered without the words; only the gate found unmet is explained.
    let unmet = (origin..=pos).find(|p| !gate_met(pb, *p, account, day))?;
    Some((unmet, gate_of(pb, unmet, account, day)))
}

/// An account past a gate that is not met: someone moved `stage` without `kam advance`, or
/// wrote a history record by hand. The first unmet gate on its way is named, and the stage to go
/// back to is the one that gate closes.
fn check_crossed_gate(pb: &Playbook, account: &Account<'_>) -> Option<Diagnostic> {
    let stage = account.stage?;
    let (_, gate) = unmet_gate(pb, account)?;
    let unmet: Vec<String> = gate.unmet().map(|i| format!("{} ({})", i.id, i.label)).collect();
    Some(
        Diagnostic::error(
            Code::GateBypassed,
            stage.span(),
            pb.fill(
                "check.gate_bypassed",
                "stage `{stage}` lies past the gate of `{gate}`, which is not met: {items}",
                &[("stage", &stage.text), ("gate", &gate.stage), ("items", &unmet.join(", "))],
            ),
        )
        .with_help(pb.fill(
            "check.gate_bypassed_help",
            "meet those items, or go back: stage = \"{gate}\" and remove the [[history]] records after it; stages move forward only with `kam advance` (fields of later stages are checked once the account is there)",
            &[("gate", &gate.stage)],
        )),
    )
}

/// The gates an account crossed before the move into its current stage (that move is
/// [`check_crossed_gate`]'s), each judged as of the day its history record crossed it: what met
/// one and was later deleted or post-dated is a finding, one per crossing, at its record. A record
/// written since and still to be completed does not reopen a past gate ([`gate_was_met`]).
fn check_earlier_crossings(pb: &Playbook, account: &Account<'_>) -> Vec<Diagnostic> {
    let Some(stage) = account.stage else {
        return Vec::new();
    };
    let entered = entered_index(account);
    crossings(pb, account)
        .into_iter()
        .filter(|c| c.record.is_some() && c.record != entered)
        .filter_map(|c| {
            let m = account.history.get(c.record?)?;
            let day = c.day.or(account.created).unwrap_or(NaiveDate::MIN);
            if gate_was_met(pb, c.pos, account, day) {
                return None;
            }
            let gate = gate_of(pb, c.pos, account, day);
            let unmet: Vec<String> = gate.unmet().map(|i| format!("{} ({})", i.id, i.label)).collect();
            let shown_day = c.day.map_or_else(|| "—".to_string(), |d| d.to_string());
            Some(
                Diagnostic::error(
                    Code::GateBypassed,
                    m.record.span_of(if m.date.is_some() { "date" } else { "to" }),
                    pb.fill(
                        "check.gate_crossed_unmet",
                        "the gate of `{gate}` was crossed on {day} but was not met that day: {items}",
                        &[("gate", &gate.stage), ("day", &shown_day), ("items", &unmet.join(", "))],
                    ),
                )
                .with_help(pb.fill(
                    "check.gate_crossed_unmet_help",
                    "the account still lies past it (now in `{stage}`): what opens a gate must have happened by the day it was crossed — restore what met it, or correct the dates",
                    &[("stage", &stage.text)],
                )),
            )
        })
        .collect()
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
            pb.fill(
                "check.idle",
                "idle in stage `{stage}` for {days} days (limit {limit}, since {since})",
                &[
                    ("stage", &stage.text),
                    ("days", &days),
                    ("limit", &limit),
                    ("since", &since),
                ],
            ),
        )
        .with_help(pb.text(
            "check.idle_help",
            "move it on, or down to paused/lost with `kam advance --to … --reason …`",
        ))
    })
}
