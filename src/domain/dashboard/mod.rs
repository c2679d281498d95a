//! The dashboard (`kam dashboard`) as data: the matrix, the funnel, the forecast, the agenda of
//! the next 14 days and a row per owner, all from one reading of the accounts. The figures are
//! those of `kam stats`, `kam forecast` and `kam due`: the same functions compute them.
//!
//! - [`matrix`]: the value × difficulty matrix with the tier zones, points or density
//!
//! Personal data: names, owners and next steps are shown only where the playbook does not mark
//! them sensitive ([`crate::domain::privacy`] decides); an account whose name is personal data
//! shows its id.

pub mod matrix;

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::agenda::{Item, sort};
use crate::domain::gate::status::{Status, in_pipeline};
use crate::domain::playbook::Playbook;
use crate::domain::privacy::{Scope, is_sensitive};
use crate::domain::stats::forecast::{Forecast, forecast};
use crate::domain::stats::{Facts, Funnel, GroupBy, Period, funnel, grouped};
use matrix::{Matrix, Point};

/// Days ahead the dashboard's agenda looks.
pub const AGENDA_DAYS: u64 = 14;
/// The agenda items a page shows; the rest are counted (`kam due` lists them all).
pub const AGENDA_ROWS: usize = 100;

/// One owner's line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OwnerRow {
    pub owner: String,
    /// Accounts in a pipeline stage now.
    pub in_pipeline: usize,
    /// Of those, per tier in the playbook's order (and without a tier last).
    pub tiers: Vec<(Option<String>, usize)>,
    /// Accounts with a flag (blocked, idle, overdue, report missing).
    pub flagged: usize,
    /// Agenda items of their accounts due within the window or late.
    pub due: usize,
    pub won: usize,
    pub lost: usize,
    pub win_rate: Option<f64>,
    /// Weighted forecast per currency.
    pub weighted: Vec<(String, f64)>,
}

/// Everything the dashboard shows.
#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    pub today: NaiveDate,
    pub period: Period,
    pub accounts: usize,
    pub matrix: Matrix,
    pub funnel: Funnel,
    pub forecast: Forecast,
    /// The first [`AGENDA_ROWS`] items due within the window or late, by date.
    pub agenda: Vec<Item>,
    /// Items due beyond those shown.
    pub agenda_more: usize,
    pub owners: Vec<OwnerRow>,
}

/// Builds the dashboard of these accounts (`facts[i]` and `statuses[i]` are the same account)
/// with their agenda items due within [`AGENDA_DAYS`] or late ([`crate::domain::agenda::agenda`]).
pub fn dashboard(
    pb: &Playbook,
    facts: &[Facts],
    statuses: &[Status],
    mut agenda: Vec<Item>,
    period: Period,
    today: NaiveDate,
) -> Dashboard {
    let names_private = is_sensitive(pb, Scope::Account, "name");
    let owners_private = is_sensitive(pb, Scope::Account, "owner");
    let mut unscored = 0;
    let points: Vec<Point> = statuses
        .iter()
        .filter_map(|s| {
            let (Some(v), Some(d), Some(t)) = (s.value, s.difficulty, s.tier.as_ref()) else {
                unscored += 1;
                return None;
            };
            Some(Point {
                id: s.id.clone(),
                name: if names_private { s.id.clone() } else { s.name.clone() },
                tier: t.clone(),
                value: v,
                difficulty: d,
                stage: s.stage.clone(),
                stage_label: pb.stage_label(&s.stage).to_string(),
                closed: !in_pipeline(pb, &s.stage),
            })
        })
        .collect();
    sort(&mut agenda);
    for item in &mut agenda {
        if names_private {
            item.name.clone_from(&item.id);
        }
        if owners_private {
            item.owner.clear();
            item.account_owner.clear();
        }
    }
    let all: Vec<&Facts> = facts.iter().collect();
    let fc = forecast(pb, facts, today);
    let owners = owners(pb, facts, statuses, &agenda, &fc, period, owners_private);
    let agenda_more = agenda.len().saturating_sub(AGENDA_ROWS);
    agenda.truncate(AGENDA_ROWS);
    Dashboard {
        today,
        period,
        accounts: facts.len(),
        matrix: matrix::matrix(pb, points, unscored),
        funnel: funnel(pb, &all, period),
        forecast: fc,
        agenda,
        agenda_more,
        owners,
    }
}

fn owners(
    pb: &Playbook,
    facts: &[Facts],
    statuses: &[Status],
    agenda: &[Item],
    fc: &Forecast,
    period: Period,
    private: bool,
) -> Vec<OwnerRow> {
    if private {
        return Vec::new();
    }
    grouped(pb, facts, GroupBy::Owner, period)
        .into_iter()
        .map(|g| {
            let owner = g.key.clone().unwrap_or_default();
            let mine: Vec<&Status> = statuses
                .iter()
                .filter(|s| s.owner == owner && in_pipeline(pb, &s.stage))
                .collect();
            let mut tiers: Vec<(Option<String>, usize)> = pb
                .doc
                .scoring
                .tiers
                .iter()
                .map(|t| {
                    (
                        Some(t.id.clone()),
                        mine.iter().filter(|s| s.tier.as_ref() == Some(&t.id)).count(),
                    )
                })
                .collect();
            tiers.push((None, mine.iter().filter(|s| s.tier.is_none()).count()));
            OwnerRow {
                in_pipeline: mine.len(),
                tiers,
                flagged: mine.iter().filter(|s| !s.flags.is_empty()).count(),
                due: agenda.iter().filter(|i| i.account_owner == owner).count(),
                won: g.funnel.outcomes.won,
                lost: g.funnel.outcomes.lost,
                win_rate: g.funnel.outcomes.win_rate,
                weighted: fc
                    .currencies
                    .iter()
                    .filter_map(|c| {
                        let b = c.by_owner.iter().find(|b| b.key.as_deref() == Some(owner.as_str()))?;
                        Some((c.currency.clone(), b.weighted))
                    })
                    .collect(),
                owner,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::Account;
    use crate::domain::account::value::Table;
    use crate::domain::gate::status::status;
    use crate::domain::stats::facts;
    use crate::domain::test_support::default_playbook;

    #[test]
    fn the_page_shows_a_hundred_agenda_items_and_counts_the_rest() {
        let pb = default_playbook().unwrap();
        let today: NaiveDate = "2026-11-25".parse().unwrap();
        let texts: Vec<String> = (0..AGENDA_ROWS + 5)
            .map(|i| {
                format!(
                    "id = \"a{i}\"\nname = \"A {i}\"\nowner = \"li.wei\"\nstage = \"qualify\"\ncreated = 2026-11-20\n\
                     [[visits]]\ndate = 2026-11-21\nform = \"phone\"\nreport = \"ok\"\nnext_step = \"call\"\nnext_date = 2026-11-28\n"
                )
            })
            .collect();
        let roots: Vec<_> = texts.iter().map(|t| Table::parse(t).unwrap()).collect();
        let accounts: Vec<Account<'_>> = roots.iter().map(Account::new).collect();
        let all_facts: Vec<Facts> = accounts.iter().map(|a| facts(&pb, a, "x", "accounts/x.toml")).collect();
        let statuses: Vec<Status> = accounts
            .iter()
            .map(|a| status(&pb, a, "x", "accounts/x.toml", today))
            .collect();
        let until = today + chrono::Days::new(AGENDA_DAYS);
        let items: Vec<Item> = accounts
            .iter()
            .zip(&roots)
            .zip(&statuses)
            .flat_map(|((account, root), status)| {
                let f = crate::domain::agenda::Facts {
                    pb: &pb,
                    account,
                    root,
                    status,
                    today,
                };
                crate::domain::agenda::agenda(&f, until)
            })
            .collect();
        assert_eq!(items.iter().filter(|i| i.kind == "step").count(), AGENDA_ROWS + 5);
        let total = items.len();
        let period = Period {
            since: None,
            until: today,
        };
        let d = dashboard(&pb, &all_facts, &statuses, items, period, today);
        assert_eq!(d.agenda.len(), AGENDA_ROWS);
        assert_eq!(d.agenda_more, total - AGENDA_ROWS);
        // The owner's count is of every item, shown or not.
        assert_eq!(d.owners[0].due, total);
        assert_eq!(d.owners[0].in_pipeline, AGENDA_ROWS + 5);
        assert_eq!(d.matrix.unscored, AGENDA_ROWS + 5);
    }
}
