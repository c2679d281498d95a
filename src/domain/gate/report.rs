//! What `kam gate` reports for one account: its stage, the next stage, the days spent in the
//! stage and the current stage's exit items. Accounts at an outcome (won, lost, paused) have no
//! gate to show.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::account::Account;
use crate::domain::gate::pipeline::days_in_stage;
use crate::domain::gate::{ItemState, gate, with_planned};
use crate::domain::playbook::Playbook;

/// Where the account stands with its gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Every exit item of the current stage is met: `kam advance` will move it.
    Ready,
    /// Some exit items are unmet.
    Blocked { unmet: usize, total: usize },
    /// At won, lost or paused: no gate.
    Outcome,
    /// `stage` is neither a stage nor an outcome (`kam check` reports it).
    UnknownStage,
}

/// One account's gate, as `kam gate` shows it. The JSON shape is
/// `{id, stage, next, ready, days_in_stage, items: [{id, label, kind, met, detail}]}`.
#[derive(Debug, Clone, Serialize)]
pub struct AccountGate {
    pub id: String,
    #[serde(skip)]
    pub name: String,
    pub stage: String,
    /// The stage (or `won`) the gate opens to; `null` at an outcome.
    pub next: Option<String>,
    /// `null` at an outcome or unknown stage.
    pub ready: Option<bool>,
    pub days_in_stage: Option<i64>,
    #[serde(skip)]
    pub since: Option<NaiveDate>,
    /// The stage's idle limit, for the "over the limit" note.
    #[serde(skip)]
    pub idle_days: Option<u32>,
    #[serde(skip)]
    pub status: Status,
    pub items: Vec<ItemState>,
    /// Stance and closeness assessments older than the playbook allows (a hint under the
    /// checklist: penetration is re-assessed regularly).
    #[serde(skip)]
    pub stale: Vec<crate::domain::relationship::Stale>,
}

/// The gate report of one account. `id` names the account when the file has no `id`.
pub fn account_gate(pb: &Playbook, account: &Account<'_>, id: &str, today: NaiveDate) -> AccountGate {
    let stage = account.stage_id();
    let mut evaluated = gate(pb, account, today);
    if let (Some(g), Some(pos)) = (evaluated.as_mut(), pb.stage_pos(stage)) {
        with_planned(pb, pos, account, today, g);
    }
    let status = match &evaluated {
        Some(g) if g.ready => Status::Ready,
        Some(g) => Status::Blocked {
            unmet: g.unmet().count(),
            total: g.items.len(),
        },
        None if pb.outcome(stage).is_some() => Status::Outcome,
        None => Status::UnknownStage,
    };
    AccountGate {
        id: account.id.map_or(id, |t| t.text).to_string(),
        name: crate::domain::privacy::shown(
            pb,
            crate::domain::privacy::Scope::Account,
            "name",
            false,
            account.name(),
        )
        .to_string(),
        stage: stage.to_string(),
        next: evaluated.as_ref().map(|g| g.next.clone()),
        ready: evaluated.as_ref().map(|g| g.ready),
        days_in_stage: days_in_stage(account, today),
        since: account.stage_since(),
        idle_days: pb.stage(stage).and_then(|s| s.idle_days),
        status,
        stale: if evaluated.is_some() {
            crate::domain::relationship::stale(pb, account, today, false)
        } else {
            Vec::new()
        },
        items: evaluated.map(|g| g.items).unwrap_or_default(),
    }
}

impl AccountGate {
    /// Whether the account has been in its stage longer than the stage allows.
    pub fn is_idle(&self) -> bool {
        matches!((self.days_in_stage, self.idle_days), (Some(d), Some(limit)) if d > i64::from(limit))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::value::Table;
    use crate::domain::test_support::default_playbook;

    fn report_with(pb: &Playbook, text: &str) -> AccountGate {
        let root = Table::parse(text).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        account_gate(pb, &Account::new(&root), "file-stem", today)
    }

    fn report(text: &str) -> AccountGate {
        report_with(&default_playbook().unwrap(), text)
    }

    #[test]
    fn a_new_account_is_blocked_on_every_qualify_item() {
        let r = report("id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"qualify\"\ncreated = 2026-11-20\n");
        assert_eq!(r.status, Status::Blocked { unmet: 4, total: 4 });
        assert_eq!(r.next.as_deref(), Some("demo"));
        assert_eq!(r.days_in_stage, Some(5));
        assert!(!r.is_idle());
        let go = r.items.iter().find(|i| i.id == "go").unwrap();
        assert!(
            go.detail
                .contains("under [checklist] write go = { evidence = \"…\", date = 2026-11-25 }")
        );
        let need = r.items.iter().find(|i| i.id == "need").unwrap();
        assert!(
            need.detail.contains(
                "under [procurement] write need (Potential need), urgency (Urgency: one of high, medium, low)"
            ),
            "{}",
            need.detail
        );
    }

    #[test]
    fn an_outcome_has_no_gate() {
        let r = report("id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"won\"\n");
        assert_eq!(r.status, Status::Outcome);
        assert!(r.items.is_empty() && r.next.is_none() && r.ready.is_none());
        assert_eq!(r.id, "a");
    }

    #[test]
    fn near_misses_say_what_keeps_a_record_out() {
        let r = report(concat!(
            "id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"demo\"\n",
            "[[contacts]]\nid = \"wang\"\nname = \"Wang\"\nroles = [\"coach\"]\ncoach_step = \"acquaintance\"\n",
            "[[history]]\nfrom = \"qualify\"\nto = \"demo\"\ndate = 2026-11-01\n",
        ));
        let coach = r.items.iter().find(|i| i.id == "coach").unwrap();
        assert!(!coach.met);
        assert!(
            coach.detail.contains("close: `wang`: ") && coach.detail.contains("coach_step is `acquaintance`"),
            "{}",
            coach.detail
        );
        let dm = r.items.iter().find(|i| i.id == "decision_makers").unwrap();
        assert!(
            dm.detail.contains("add under [[contacts]] with title, interests"),
            "{}",
            dm.detail
        );
    }

    #[test]
    fn near_misses_never_show_personal_data() {
        let yaml = crate::domain::test_support::DEFAULT_PLAYBOOK.replace(
            "where: { roles: coach, coach_step: [trust, alliance], coach_conditions: { all: [private_contact, believes_product, trusts_manager, knows_reward, invested, next_plan] } }",
            "where: { roles: coach, birthday: { future: true } }",
        );
        let pb = crate::domain::test_support::load("kam.yaml", &yaml).unwrap();
        let r = report_with(
            &pb,
            concat!(
                "id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"demo\"\n",
                "[[contacts]]\nid = \"wang\"\nname = \"Wang\"\nroles = [\"coach\"]\nbirthday = 1980-05-01\n",
            ),
        );
        let coach = r.items.iter().find(|i| i.id == "coach").unwrap();
        assert!(coach.detail.contains("`wang`: birthday is set"), "{}", coach.detail);
        assert!(!coach.detail.contains("1980"), "{}", coach.detail);
    }

    #[test]
    fn evidence_true_alone_is_named() {
        let r = report("id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"qualify\"\n[checklist]\ngo = true\n");
        let go = r.items.iter().find(|i| i.id == "go").unwrap();
        assert!(go.detail.starts_with("`go` holds no evidence text"), "{}", go.detail);
    }
}
