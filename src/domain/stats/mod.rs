//! The director's numbers: the pipeline replayed from the accounts' `[[history]]` (`kam stats`)
//! and what the open pipeline is expected to bring (`kam forecast`).
//!
//! - [`journey`]: one account's stays in stages and outcomes, with the days it entered and left
//! - [`facts`]: what the reports need of one account, read once (owner, region, classes, tier,
//!   journey, expectation)
//! - [`funnel`]: per stage, now / entered / left / conversion / days in stage; outcomes, win rate
//!   and reasons, over a period
//! - [`groups`]: the funnel by owner, tier, class or region
//! - [`calibration`]: the win rate by the tier accounts had when they left the assessment stage,
//!   and under other weights
//! - [`forecast`]: the deals the open pipeline is expected to bring (`kam forecast`), by month
//!   and owner, weighted and unweighted, per currency

pub mod calibration;
pub mod facts;
pub mod forecast;
pub mod funnel;
pub mod groups;
pub mod journey;

use serde::Serialize;

pub use calibration::Calibration;
pub use facts::{Expectation, Facts, facts};
pub use funnel::{Funnel, Period, funnel};
pub use groups::{Group, GroupBy, grouped};

use crate::domain::playbook::Playbook;

/// Everything `kam stats` shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub period: Period,
    pub total: Funnel,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<GroupBy>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
    pub calibration: Calibration,
}

/// The stats of these accounts over `period`, split by `by` when given.
pub fn stats(
    pb: &Playbook,
    accounts: &[Facts],
    period: Period,
    by: Option<GroupBy>,
    calibration: Calibration,
) -> Stats {
    let all: Vec<&Facts> = accounts.iter().collect();
    Stats {
        period,
        total: funnel(pb, &all, period),
        by,
        groups: by.map(|b| grouped(pb, accounts, b, period)).unwrap_or_default(),
        calibration,
    }
}
