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
