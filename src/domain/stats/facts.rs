//! What the director's numbers need of one account, read once and owned: who owns it, where it is
//! filed, its classes, tier and scores, its journey through the pipeline and its expectation
//! (the archive's expected amount, date and success rate). Reading every account into these
//! facts in parallel, then counting, keeps the reports linear in the number of accounts.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::account::Account;
use crate::domain::playbook::Playbook;
use crate::domain::score::{Weights, score};
use crate::domain::stats::journey::{Stay, journey};

/// The archive's expectation (`[expectation]`): amount, target date, success rate.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Expectation {
    pub amount: Option<f64>,
    /// The amount's currency when written (`{ amount = …, currency = "USD" }`).
    pub currency: Option<String>,
    pub date: Option<NaiveDate>,
    /// Percent, 0–100.
    pub success_rate: Option<f64>,
}

/// One account as the director's reports see it.
#[derive(Debug, Clone, Serialize)]
pub struct Facts {
    pub id: String,
    pub name: String,
    pub owner: String,
    pub stage: String,
    /// The file, relative to the workspace.
    pub file: String,
    /// The folder under `accounts/` the file is filed in (teams file by region); `None` at the top.
    pub region: Option<String>,
    pub classes: Vec<String>,
    pub tier: Option<String>,
    pub value: Option<f64>,
    pub difficulty: Option<f64>,
    pub stays: Vec<Stay>,
    pub expectation: Expectation,
    /// The ratings as written, by factor (for scoring again under other weights).
    #[serde(skip)]
    pub ratings: Ratings,
}

/// An account's ratings: factor id and the rating written (`None` when not a whole number).
pub type Ratings = Vec<(String, Option<i64>)>;

/// The ratings of an account file.
pub fn ratings_of(account: &Account<'_>) -> Ratings {
    account
        .ratings
        .iter()
        .map(|r| (r.factor.text.to_string(), r.rating))
        .collect()
}

/// The folder an account file is filed in, under `accounts/`: `accounts/east/x.toml` → `east`.
pub fn region_of(file: &str) -> Option<String> {
    let rest = file.strip_prefix("accounts/")?;
    let (folder, _) = rest.split_once('/')?;
    Some(folder.to_string())
}

/// Reads the facts of one account. `fallback_id` names it when the file has no `id`.
pub fn facts(pb: &Playbook, account: &Account<'_>, fallback_id: &str, file: &str) -> Facts {
    let scored = score(pb, account, &Weights::new());
    let expectation = account.group("expectation").map_or_else(Expectation::default, |g| {
        let money = g.money("amount");
        Expectation {
            amount: money.map(|(a, _)| a).filter(|a| a.is_finite()),
            currency: money.and_then(|(_, c)| c).map(|c| c.trim().to_string()),
            date: g.date("target_date"),
            success_rate: g.number("success_rate").filter(|r| (0.0..=100.0).contains(r)),
        }
    });
    Facts {
        id: account.id.map_or(fallback_id, |t| t.text).to_string(),
        name: account.name().to_string(),
        owner: account.owner().to_string(),
        stage: account.stage_id().to_string(),
        file: file.to_string(),
        region: region_of(file),
        classes: account.root.list("class").into_iter().map(str::to_string).collect(),
        tier: scored.tier,
        value: scored.value,
        difficulty: scored.difficulty,
        stays: journey(account),
        expectation,
        ratings: ratings_of(account),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::value::Table;
    use crate::domain::test_support::default_playbook;

    #[test]
    fn regions_are_the_folders_accounts_are_filed_in() {
        assert_eq!(region_of("accounts/east/a.toml").as_deref(), Some("east"));
        assert_eq!(region_of("accounts/华北/x/a.toml").as_deref(), Some("华北"));
        assert_eq!(region_of("accounts/a.toml"), None);
    }

    #[test]
    fn the_expectation_is_read_with_its_currency() {
        let pb = default_playbook().unwrap();
        let text = "id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"demo\"\nclass = [\"group\"]\n\
                    [expectation]\namount = { amount = 120000, currency = \"USD\" }\n\
                    target_date = 2027-01-15\nsuccess_rate = 40\n";
        let root = Table::parse(text).unwrap();
        let f = facts(&pb, &Account::new(&root), "a", "accounts/intl/a.toml");
        assert_eq!(f.expectation.amount, Some(120_000.0));
        assert_eq!(f.expectation.currency.as_deref(), Some("USD"));
        assert_eq!(f.expectation.success_rate, Some(40.0));
        assert_eq!(f.classes, vec!["group"]);
        assert_eq!(f.region.as_deref(), Some("intl"));
        // A rate outside 0–100 is not a rate (`kam check` reports it).
        let bad = Table::parse("[expectation]\namount = 5\nsuccess_rate = 140\n").unwrap();
        let f = facts(&pb, &Account::new(&bad), "b", "accounts/b.toml");
        assert_eq!((f.expectation.amount, f.expectation.success_rate), (Some(5.0), None));
    }
}
