//! The command line of the director's commands (`stats`, `forecast`, `history`, `dashboard`):
//! clap types only, no logic.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

pub const STATS_HELP: &str = "\
Examples:
  kam stats                                   the whole history up to today
  kam stats --since 2026-07-01 --until 2026-09-30 --by owner
  kam stats --by tier --weights share=5,payment_risk=1   would other weights have picked the winners?
  kam stats --as-of 2026-06-30                the pipeline as committed at the end of June
  kam stats --format md > pipeline.md         with Mermaid charts for a pull request or wiki

Per stage: accounts in it at the end of the period (now), stays that began (entered) and ended
(left) in the period, the share of those that left going forward (conversion), and the median and
90th percentile of the days those stays lasted. Outcomes: won, lost and paused reached in the
period, the win rate won ÷ (won + lost), and the reasons given. Calibration: the accounts that
left the value-assessment stage in the period, by the tier they had when they left (read from
git where committed), with where they ended. Regions are the folders under accounts/.";

pub const FORECAST_HELP: &str = "\
Examples:
  kam forecast                                by month and by owner, per currency
  kam forecast --format csv > forecast.csv    one line per account
  kam forecast --as-of 2026-09-30             the forecast as the pipeline stood then

Each open account's [expectation] amount counts in the month of its target_date, weighted by its
success_rate, else by the playbook's probability for its stage. Amounts in different currencies
are never added together. Open accounts without an amount are listed.";

pub const HISTORY_HELP: &str = "\
Examples:
  kam history kangyuan-pharma                 every commit that changed the account, newest first
  kam history kangyuan-pharma --format md

Each commit shows its date, author and what changed in business terms (stage moves, gates
crossed, tier and score, visits, checklist items, contacts), as `kam diff` shows it. Renames of
the file are followed.";

pub const DASHBOARD_HELP: &str = "\
Examples:
  kam dashboard -o pipeline.html              one self-contained page: open it offline or mail it
  kam dashboard --since 2026-01-01 -o pipeline.html
  kam dashboard --as-of 2026-09-30 -o q3.html

The page holds the value × difficulty matrix with the playbook's tier zones (one mark per account,
its name on hover; density above 2000 accounts), the funnel with conversion, days in stage, the
forecast by month, the next 14 days of the agenda and a table per owner. It loads nothing from the
network and holds no field the playbook marks sensitive.";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    Text,
    Md,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    Owner,
    Tier,
    Class,
    /// The folder under accounts/ a file is filed in
    Region,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// First day of the period (default: the start of the history)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<NaiveDate>,
    /// Last day of the period (default: today, or the --as-of day)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<NaiveDate>,
    /// Split the figures by owner, tier, class or region
    #[arg(long, value_enum, value_name = "KEY")]
    pub by: Option<ByArg>,
    /// Calibration under other weights, e.g. share=5,effort=1
    #[arg(long, value_delimiter = ',', value_name = "FACTOR=WEIGHT")]
    pub weights: Vec<String>,
    /// Read the workspace as committed at the end of this day (from git)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<NaiveDate>,
    /// Output format
    #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
    pub format: StatsFormat,
    #[command(flatten)]
    pub csv: crate::cli::CsvOptions,
}

#[derive(Debug, Args)]
pub struct ForecastArgs {
    /// Read the workspace as committed at the end of this day (from git)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<NaiveDate>,
    /// Output format
    #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
    pub format: StatsFormat,
    #[command(flatten)]
    pub csv: crate::cli::CsvOptions,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    Text,
    Md,
    Json,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The account id
    pub id: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = HistoryFormat::Text)]
    pub format: HistoryFormat,
}

#[derive(Debug, Args)]
pub struct DashboardArgs {
    /// Write the page to FILE (replaced atomically) instead of printing it
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// First day of the period of the funnel (default: the start of the history)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<NaiveDate>,
    /// Read the workspace as committed at the end of this day (from git)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<NaiveDate>,
}
