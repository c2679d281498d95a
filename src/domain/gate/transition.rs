//! The move `kam advance` intends, decided from the playbook, the account and today: the new
//! stage and the history record that explains it, as data. Writing it into the file is the io
//! layer's job; refusing it is decided here.
//!
//! The rules: forward only through the current stage's gate, one stage at a time (the last
//! stage's next is `won`); `--to` only backwards or to lost/paused, always with a reason; from
//! lost/paused back to the stage the account rested from, or an earlier one.

use chrono::NaiveDate;

use crate::domain::account::Account;
use crate::domain::check::stage_problems;
use crate::domain::diagnostic::Diagnostic;
use crate::domain::gate::pipeline::{LOST, PAUSED, WON, is_resting, rank, resume_limit};
use crate::domain::gate::{GateState, gate_of, with_planned};
use crate::domain::playbook::Playbook;

/// What was asked for.
#[derive(Debug, Clone, Default)]
pub struct Request<'r> {
    /// `--to`: a target stage or outcome; `None` to go through the gate to the next stage.
    pub to: Option<&'r str>,
    /// Who makes the move (already resolved: `--by`, the owner or git's user name).
    pub by: &'r str,
    pub note: Option<&'r str>,
    pub reason: Option<&'r str>,
}

/// The kind of move, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Through the gate to the next stage (or to won).
    Forward,
    /// Back to an earlier stage.
    Back,
    /// To lost or paused.
    Rest,
    /// From lost or paused back into the pipeline.
    Resume,
}

/// The intended edit: `stage` becomes `to`, and one history record is appended.
#[derive(Debug, Clone)]
pub struct Transition {
    pub from: String,
    pub to: String,
    pub date: NaiveDate,
    pub by: String,
    pub note: Option<String>,
    pub reason: Option<String>,
    pub step: Step,
    /// For a forward move: the gate that was met.
    pub gate: Option<GateState>,
}

/// A value of the history record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Text(String),
    Date(NaiveDate),
}

impl Transition {
    /// The history record, key by key in the order it is written.
    pub fn record(&self) -> Vec<(&'static str, Entry)> {
        let mut out = vec![
            ("from", Entry::Text(self.from.clone())),
            ("to", Entry::Text(self.to.clone())),
            ("date", Entry::Date(self.date)),
            ("by", Entry::Text(self.by.clone())),
        ];
        if let Some(reason) = &self.reason {
            out.push(("reason", Entry::Text(reason.clone())));
        }
        if let Some(note) = &self.note {
            out.push(("note", Entry::Text(note.clone())));
        }
        out
    }
}

/// Why a move is refused.
#[derive(Debug, Clone)]
pub enum Refusal {
    /// The gate of the current stage is not met (exit 1: the data is not ready).
    Blocked(GateState),
    /// The current stage is not backed by the history or by a met gate (exit 1: fix the file).
    Unsupported(Vec<Diagnostic>),
    /// The move is not allowed whatever the data (exit 2: a usage error).
    NotAllowed { message: String, help: String },
}

fn not_allowed(message: impl Into<String>, help: impl Into<String>) -> Refusal {
    Refusal::NotAllowed {
        message: message.into(),
        help: help.into(),
    }
}

fn text(s: Option<&str>) -> Option<String> {
    s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// Decides the move asked for, or why it is refused.
pub fn plan(pb: &Playbook, account: &Account<'_>, today: NaiveDate, req: &Request<'_>) -> Result<Transition, Refusal> {
    let current = account.stage_id();
    let id = account.id();
    let here = rank(pb, current);
    if here.is_none() && !is_resting(current) {
        return Err(not_allowed(
            pb.fill(
                "advance.unknown_stage",
                "the account's stage `{stage}` is not a stage of the playbook",
                &[("stage", &current)],
            ),
            pb.text("advance.unknown_stage_help", "run `kam check` and fix `stage` first"),
        ));
    }
    if req.by.trim().is_empty() {
        return Err(not_allowed(
            pb.text("advance.who", "who makes the move?"),
            pb.text("advance.who_help", "pass --by NAME, or set `owner` in the account"),
        ));
    }
    let problems = stage_problems(pb, account);
    if !problems.is_empty() {
        return Err(Refusal::Unsupported(problems));
    }
    let reason = text(req.reason);
    let mut t = Transition {
        from: current.to_string(),
        to: String::new(),
        date: today,
        by: req.by.trim().to_string(),
        note: text(req.note),
        reason: None,
        step: Step::Forward,
        gate: None,
    };
    let Some(target) = req.to.map(str::trim) else {
        if reason.is_some() {
            return Err(not_allowed(
                pb.text("advance.reason_without_to", "--reason goes with --to"),
                pb.fill(
                    "advance.reason_without_to_help",
                    "a forward move records --note; to move back or out use `kam advance {id} --to STAGE --reason …`",
                    &[("id", &id)],
                ),
            ));
        }
        let Some(pos) = pb.stage_pos(current) else {
            let help = if is_resting(current) {
                pb.fill(
                    "advance.resume_help",
                    "resume with `kam advance {id} --to STAGE --reason …`",
                    &[("id", &id)],
                )
            } else {
                pb.text("advance.won_help", "a won account has left the pipeline")
                    .to_string()
            };
            return Err(not_allowed(
                pb.fill(
                    "advance.at_outcome",
                    "`{id}` is at the outcome `{outcome}`; there is no gate to pass",
                    &[("id", &id), ("outcome", &current)],
                ),
                help,
            ));
        };
        let mut gate = gate_of(pb, pos, account, today);
        if !gate.ready {
            // Say for when what is planned would meet the items.
            with_planned(pb, pos, account, today, &mut gate);
            return Err(Refusal::Blocked(gate));
        }
        t.to.clone_from(&gate.next);
        t.gate = Some(gate);
        return Ok(t);
    };
    let Some(reason) = reason else {
        return Err(not_allowed(
            pb.fill(
                "advance.needs_reason",
                "moving `{id}` to `{to}` needs a reason",
                &[("id", &id), ("to", &target)],
            ),
            pb.text(
                "advance.needs_reason_help",
                "add --reason TEXT; it is recorded in the history",
            ),
        ));
    };
    t.reason = Some(reason);
    t.to = target.to_string();
    if target == current {
        return Err(not_allowed(
            pb.fill(
                "advance.already_at",
                "`{id}` is already at `{stage}`",
                &[("id", &id), ("stage", &current)],
            ),
            pb.text("advance.already_at_help", "nothing to do"),
        ));
    }
    if is_resting(target) {
        t.step = Step::Rest;
        return Ok(t);
    }
    let Some(to) = pb.stage_pos(target) else {
        let help = if target == WON {
            pb.fill(
                "advance.won_through_gate",
                "an account is won through the gate of the last stage: `kam advance {id}`",
                &[("id", &id)],
            )
        } else {
            let stages: Vec<String> = pb.stages().iter().map(|s| format!("`{}`", s.id)).collect();
            pb.fill(
                "advance.to_takes",
                "--to takes a stage ({stages}), `{paused}` or `{lost}`",
                &[("stages", &stages.join(", ")), ("paused", &PAUSED), ("lost", &LOST)],
            )
        };
        return Err(not_allowed(
            pb.fill(
                "advance.not_a_target",
                "`{to}` is not a stage one can move to",
                &[("to", &target)],
            ),
            help,
        ));
    };
    match here {
        Some(here) if to < here => t.step = Step::Back,
        Some(_) => {
            return Err(not_allowed(
                pb.fill(
                    "advance.ahead",
                    "`{to}` lies ahead of `{stage}`; --to never moves forward",
                    &[("to", &target), ("stage", &current)],
                ),
                pb.fill(
                    "advance.ahead_help",
                    "forward moves go one stage at a time through the gate: `kam gate {id}`, then `kam advance {id}`",
                    &[("id", &id)],
                ),
            ));
        }
        None => {
            let limit = resume_limit(pb, account);
            if to > limit {
                let left = &pb.stages()[limit].id;
                return Err(not_allowed(
                    pb.fill(
                        "advance.resume_limit",
                        "`{id}` rested at `{outcome}` from `{stage}`; it cannot resume further than that",
                        &[("id", &id), ("outcome", &current), ("stage", left)],
                    ),
                    pb.fill(
                        "advance.resume_limit_help",
                        "resume with --to {stage} (or earlier), then pass the gates with `kam advance {id}`",
                        &[("id", &id), ("stage", left)],
                    ),
                ));
            }
            t.step = Step::Resume;
        }
    }
    Ok(t)
}

#[cfg(test)]
#[path = "transition_tests.rs"]
mod tests;
