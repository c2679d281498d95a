//! The pure core of kam. Nothing here touches files, processes or the clock; today's date is
//! passed in. One folder per concept a key account manager would name:
//!
//! - [`playbook`]: the playbook model (archive, stages, scoring, cadence, policy) and its checks
//! - [`account`]: an account file parsed, viewed and validated against the playbook
//! - [`after_deal`]: contracts, receivables, return visits, renewals and the retrospective
//! - [`score`]: the value assessment: value, difficulty, tiers, what-if weights, the ranking
//! - [`gate`]: stage gates, the pipeline path, transitions, where an account stands today
//! - [`review`]: what changed between two versions of an account, and commit by commit over its
//!   life (`kam history`)
//! - [`agenda`]: what is due, by date
//! - [`edit`]: changes to an account as data (what `kam set`, `log`, `task` … intend)
//! - [`report`]: the visit plan and the negotiation brief as data
//! - [`guide`]: the playbook's guidance topics, matched to where they apply
//! - [`approval`]: visits and receptions as applications: sign-off levels, budgets, expenses
//! - [`relationship`]: the people game over time: stale assessments, influence, rhythm, connection
//! - [`planning`]: key-account classes and potential key accounts, the accounts grouped against
//!   the year's plan, the first-contact sequence (direct mail first) and whether it works
//! - [`stats`]: the director's numbers: the funnel replayed from history, win rates, calibration,
//!   and the forecast of the open pipeline by month and owner, per currency
//! - [`dashboard`]: the dashboard's data: matrix with tier zones, funnel, forecast, agenda, owners
//!
//! and a few that cut across them: [`diagnostic`] (what `kam check` reports), [`check`]
//! (the checks of one account beyond its template: stage and history, dates that contradict each
//! other or the calendar, gifts over the limit), [`privacy`] (what may be shown), [`schema`]
//! (a JSON Schema for editors) and [`export`] (one record per account).

pub mod account;
pub mod after_deal;
pub mod agenda;
pub mod approval;
pub mod check;
pub mod dashboard;
pub mod diagnostic;
pub mod edit;
pub mod export;
pub mod gate;
pub mod guide;
pub mod planning;
pub mod playbook;
pub mod privacy;
pub mod relationship;
pub mod report;
pub mod review;
pub mod schema;
pub mod score;
pub mod stats;
#[cfg(test)]
pub mod test_support;
