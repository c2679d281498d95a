//! Where an account stands in the pipeline, read from its `stage` and `[[history]]`: which gate it
//! crossed to get where it is, which stage it left for an outcome, how long it has been there.
//! `kam check` (KAM016) and `kam advance` both decide with these functions, so what advance writes
//! is exactly what check accepts.

use chrono::NaiveDate;

use crate::domain::account::Account;
use crate::domain::playbook::Playbook;

/// The outcome reached through the last stage's gate.
pub const WON: &str = "won";
/// Outcomes an account can be moved to by hand (`kam advance --to … --reason …`).
pub const LOST: &str = "lost";
pub const PAUSED: &str = "paused";

/// The position of a stage id, with `won` after the last stage. Lost and paused have none.
pub fn rank(pb: &Playbook, id: &str) -> Option<usize> {
    pb.stage_pos(id).or_else(|| (id == WON).then(|| pb.stages().len()))
}

/// Whether `id` is an outcome an account waits in and can come back from (lost, paused).
pub fn is_resting(id: &str) -> bool {
    id == LOST || id == PAUSED
}

/// For an account resting at lost or paused after the history record `entered` (an index into
/// its history): the rank of the stage it left. A chain such as demo → paused → lost is followed
/// back to `demo`. `None` when the history does not say.
pub fn left_rank(pb: &Playbook, account: &Account<'_>, entered: usize) -> Option<usize> {
    let mut index = entered;
    loop {
        let from = account.history.get(index)?.from?;
        if let Some(r) = rank(pb, from) {
            return Some(r);
        }
        if !is_resting(from) {
            return None;
        }
        // Find the record that moved the account into `from`, earlier than this one.
        index = account.history[..index]
            .iter()
            .rposition(|m| m.to.is_some_and(|t| t.text == from))?;
    }
}

/// The index of the history record that entered the current stage.
pub fn entered_index(account: &Account<'_>) -> Option<usize> {
    let stage = account.stage_id();
    account
        .history
        .iter()
        .rposition(|m| m.to.is_some_and(|t| t.text == stage))
}

/// The highest stage rank the account may return to from lost or paused without crossing a
/// gate: the stage it left, or the first stage when its history does not say.
pub fn resume_limit(pb: &Playbook, account: &Account<'_>) -> usize {
    entered_index(account)
        .and_then(|i| left_rank(pb, account, i))
        .unwrap_or(0)
}

/// The gate the account most recently crossed going forward (its stage position), with the date
/// it was crossed. `None` at the first stage, at lost/paused, when the current stage was entered
/// backwards, and when it was entered from lost/paused no further than the stage it left there.
pub fn crossed_gate(pb: &Playbook, account: &Account<'_>) -> Option<(usize, Option<NaiveDate>)> {
    let pos = rank(pb, account.stage_id())?;
    let prev = pos.checked_sub(1)?;
    let index = entered_index(account);
    let entered = index.map(|i| &account.history[i]);
    if let (Some(i), Some(from)) = (index, entered.and_then(|m| m.from)) {
        let back = match rank(pb, from) {
            // Entered from a later stage (or from won): a step back, no gate crossed.
            Some(f) => f > prev,
            // Resumed from lost/paused: a gate is crossed only beyond the stage it rested from.
            None if is_resting(from) => left_rank(pb, account, i).is_some_and(|left| pos <= left),
            // An unknown stage is reported by validation.
            None => true,
        };
        if back {
            return None;
        }
    }
    Some((prev, entered.and_then(|m| m.date)))
}

/// One gate an account crossed going forward: the stage whose exit checklist it passed, the day
/// (the history record's date) and the history record that says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Crossing {
    /// The position of the stage whose gate was crossed.
    pub pos: usize,
    /// The day it was crossed; `None` when the record carries no date or the current stage was
    /// set without a record.
    pub day: Option<NaiveDate>,
    /// The index of the history record; `None` when `stage` was set without one.
    pub record: Option<usize>,
}

/// Every gate the account's history crossed going forward and still lies past, oldest first (a
/// step back to a stage undoes the crossings of its gate and later ones): a record from a stage
/// to a later one crosses the gate of each stage in between (a jump of two stages, two gates); a
/// resume from lost or paused beyond the stage it rested from crosses the gates from that stage
/// on; a record without `from` (an imported account) crosses every gate before the stage it
/// enters. A current stage that no record entered (set by hand) crosses the gates from the stage
/// the history left the account in, else the gate just before it. Moving back,
/// to an outcome other than won, and from or to an unknown stage cross nothing.
pub fn crossings(pb: &Playbook, account: &Account<'_>) -> Vec<Crossing> {
    let mut out: Vec<Crossing> = Vec::new();
    for (i, m) in account.history.iter().enumerate() {
        let Some(to) = m.to.and_then(|t| rank(pb, t.text)) else {
            continue;
        };
        // A step back to a stage undoes the crossings of its gate and the gates after it: the
        // account crosses them again, judged then, with what it has by then.
        out.retain(|c| c.pos < to);
        let start = match m.from {
            None => 0,
            Some(from) => match rank(pb, from) {
                Some(f) => f,
                None if is_resting(from) => left_rank(pb, account, i).unwrap_or(0),
                None => continue,
            },
        };
        out.extend((start..to).map(|pos| Crossing {
            pos,
            day: m.date,
            record: Some(i),
        }));
    }
    // A stage set by hand: from where the history left the account, else the gate just before.
    if entered_index(account).is_none()
        && let Some(pos) = rank(pb, account.stage_id()).filter(|p| *p > 0)
    {
        let left = account.history.iter().rev().find_map(|m| m.to);
        let start = left
            .and_then(|t| rank(pb, t.text))
            .filter(|l| *l < pos)
            .unwrap_or(pos - 1);
        out.extend((start..pos).map(|pos| Crossing {
            pos,
            day: None,
            record: None,
        }));
    }
    // Only the gates the account still lies past, by its stage (or, at lost or paused, by the
    // stage it left): a history that disagrees with `stage` is KAM017's finding, not this one's.
    let stage = account.stage_id();
    let past = rank(pb, stage).or_else(|| {
        is_resting(stage)
            .then(|| entered_index(account).and_then(|i| left_rank(pb, account, i)))
            .flatten()
    });
    if let Some(past) = past {
        out.retain(|c| c.pos < past);
    }
    out
}

/// Whole days since the account entered its current stage (history record, else `created`).
pub fn days_in_stage(account: &Account<'_>, today: NaiveDate) -> Option<i64> {
    account.stage_since().map(|since| (today - since).num_days())
}

#[cfg(test)]
mod tests {
    use std::fmt::Write;

    use super::*;
    use crate::domain::account::value::Table;
    use crate::domain::test_support::default_playbook;

    fn with_account<T>(text: &str, f: impl FnOnce(&Playbook, &Account<'_>) -> T) -> T {
        let pb = default_playbook().unwrap();
        let root = Table::parse(text).unwrap();
        let account = Account::new(&root);
        f(&pb, &account)
    }

    const HEAD: &str = "id = \"a\"\nname = \"A\"\nowner = \"o\"\n";

    fn moves(stage: &str, history: &[(&str, &str)]) -> String {
        let mut s = format!("{HEAD}stage = \"{stage}\"\n");
        for (i, (from, to)) in history.iter().enumerate() {
            let _ = write!(
                s,
                "[[history]]\nfrom = \"{from}\"\nto = \"{to}\"\ndate = 2026-01-{:02}\n",
                i + 1
            );
        }
        s
    }

    #[test]
    fn a_forward_move_crosses_the_previous_gate() {
        let text = moves("demo", &[("qualify", "demo")]);
        let crossed = with_account(&text, crossed_gate);
        assert_eq!(crossed, Some((0, NaiveDate::from_ymd_opt(2026, 1, 1))));
    }

    #[test]
    fn won_crosses_the_last_gate() {
        let text = moves("won", &[("close", "won")]);
        assert_eq!(with_account(&text, crossed_gate).map(|c| c.0), Some(4));
    }

    #[test]
    fn a_step_back_crosses_nothing() {
        let text = moves("demo", &[("qualify", "demo"), ("demo", "assess"), ("assess", "demo")]);
        assert_eq!(with_account(&text, crossed_gate), None);
    }

    #[test]
    fn resuming_up_to_the_stage_it_rested_in_crosses_nothing() {
        for resumed in ["qualify", "demo"] {
            let text = moves(resumed, &[("qualify", "demo"), ("demo", "paused"), ("paused", resumed)]);
            assert_eq!(with_account(&text, crossed_gate), None, "{resumed}");
        }
    }

    #[test]
    fn resuming_beyond_the_stage_it_rested_in_crosses_the_gate_before() {
        let text = moves(
            "relationship",
            &[("qualify", "demo"), ("demo", "paused"), ("paused", "relationship")],
        );
        let crossed = with_account(&text, crossed_gate);
        assert_eq!(crossed.map(|c| c.0), Some(2), "the gate of assess");
    }

    #[test]
    fn a_chain_of_outcomes_is_followed_back_to_the_stage() {
        let text = moves(
            "lost",
            &[
                ("qualify", "demo"),
                ("demo", "assess"),
                ("assess", "paused"),
                ("paused", "lost"),
            ],
        );
        with_account(&text, |pb, a| assert_eq!(resume_limit(pb, a), 2));
        let resumed = moves(
            "assess",
            &[
                ("qualify", "demo"),
                ("demo", "assess"),
                ("assess", "paused"),
                ("paused", "lost"),
                ("lost", "assess"),
            ],
        );
        assert_eq!(with_account(&resumed, crossed_gate), None);
    }

    #[test]
    fn without_history_a_rested_account_resumes_only_to_the_first_stage() {
        let text = moves("paused", &[]);
        with_account(&text, |pb, a| assert_eq!(resume_limit(pb, a), 0));
        // Resumed with no record of where it rested: the gate before is crossed.
        let resumed = moves("demo", &[("paused", "demo")]);
        assert_eq!(with_account(&resumed, crossed_gate).map(|c| c.0), Some(0));
    }

    #[test]
    fn a_hand_edited_stage_without_history_crosses_the_gate_before() {
        let text = moves("assess", &[]);
        assert_eq!(with_account(&text, crossed_gate), Some((1, None)));
        assert_eq!(with_account(&moves("qualify", &[]), crossed_gate), None);
    }

    fn positions(text: &str) -> Vec<(usize, Option<usize>)> {
        with_account(text, |pb, a| {
            crossings(pb, a).iter().map(|c| (c.pos, c.record)).collect()
        })
    }

    #[test]
    fn every_forward_record_is_a_crossing_oldest_first() {
        let text = moves(
            "relationship",
            &[("qualify", "demo"), ("demo", "assess"), ("assess", "relationship")],
        );
        assert_eq!(positions(&text), [(0, Some(0)), (1, Some(1)), (2, Some(2))]);
        let day = with_account(&text, |pb, a| crossings(pb, a)[1].day);
        assert_eq!(day, NaiveDate::from_ymd_opt(2026, 1, 2));
    }

    #[test]
    fn a_jump_crosses_every_gate_in_between() {
        let text = moves("relationship", &[("qualify", "relationship")]);
        assert_eq!(positions(&text), [(0, Some(0)), (1, Some(0)), (2, Some(0))]);
    }

    #[test]
    fn steps_back_undo_the_crossings_they_return_behind_and_outcomes_cross_nothing() {
        let text = moves(
            "lost",
            &[
                ("qualify", "demo"),
                ("demo", "assess"),
                ("assess", "demo"),
                ("demo", "lost"),
            ],
        );
        assert_eq!(
            positions(&text),
            [(0, Some(0))],
            "the step back to demo undid the demo gate"
        );
        let again = moves(
            "assess",
            &[
                ("qualify", "demo"),
                ("demo", "assess"),
                ("assess", "demo"),
                ("demo", "assess"),
            ],
        );
        assert_eq!(
            positions(&again),
            [(0, Some(0)), (1, Some(3))],
            "judged when crossed again"
        );
        let won = moves("won", &[("close", "won")]);
        assert_eq!(positions(&won), [(4, Some(0))]);
    }

    #[test]
    fn only_the_gates_the_stage_lies_past_count() {
        // The history moved the account on, but `stage` says qualify (KAM017's finding).
        assert_eq!(positions(&moves("qualify", &[("qualify", "demo")])), []);
        // At lost, the gates before the stage it left still stand.
        let lost = moves("lost", &[("qualify", "demo"), ("demo", "assess"), ("assess", "lost")]);
        assert_eq!(positions(&lost), [(0, Some(0)), (1, Some(1))]);
    }

    #[test]
    fn a_resume_crosses_the_gates_beyond_the_stage_it_rested_from() {
        let text = moves(
            "relationship",
            &[("qualify", "demo"), ("demo", "paused"), ("paused", "relationship")],
        );
        assert_eq!(positions(&text), [(0, Some(0)), (1, Some(2)), (2, Some(2))]);
        let back = moves("demo", &[("qualify", "demo"), ("demo", "paused"), ("paused", "demo")]);
        assert_eq!(positions(&back), [(0, Some(0))]);
    }

    #[test]
    fn an_imported_record_crosses_every_gate_before_its_stage_and_a_hand_set_stage_the_one_before() {
        let imported = format!("{HEAD}stage = \"assess\"\n[[history]]\nto = \"assess\"\ndate = 2026-01-05\n");
        assert_eq!(positions(&imported), [(0, Some(0)), (1, Some(0))]);
        assert_eq!(positions(&moves("assess", &[])), [(1, None)]);
        let hand = moves("relationship", &[("qualify", "demo")]);
        assert_eq!(positions(&hand), [(0, Some(0)), (1, None), (2, None)]);
    }

    #[test]
    fn days_count_from_the_entering_record_else_created() {
        let today = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
        let text = moves("demo", &[("qualify", "demo")]);
        assert_eq!(with_account(&text, |_, a| days_in_stage(a, today)), Some(30));
        let created = format!("{HEAD}stage = \"qualify\"\ncreated = 2026-01-21\n");
        assert_eq!(with_account(&created, |_, a| days_in_stage(a, today)), Some(10));
        assert_eq!(
            with_account(&moves("qualify", &[]), |_, a| days_in_stage(a, today)),
            None
        );
    }
}
