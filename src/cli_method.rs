//! The command line of the playbook's method (`guide`, `report reception`, `report expenses`):
//! clap types only, no logic.

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use crate::cli::ReportOptions;

pub const GUIDE_HELP: &str = "\
Examples:
  kam guide                               every topic of the playbook's guidance, and where it shows
  kam guide discount_request              one topic in full: its points, cases and answers
  kam guide tender --format md -o tender.md

The topics come from the playbook's `guidance:` section, in its language. Reports show the topics
that apply to them (the visit plan, the negotiation brief, the reception plan), and `kam gate`
names the topics that help with an unmet exit item. Exit code 0; 2 for an unknown topic.";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GuideFormat {
    Text,
    Md,
}

#[derive(Debug, Args)]
pub struct GuideArgs {
    /// The topic's id; without one, every topic is listed
    pub topic: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = GuideFormat::Text)]
    pub format: GuideFormat,
    /// Write to this file instead of printing
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

pub const RECEPTION_HELP: &str = "\
The reception is the account's [[receptions]] entry starting on --date, else the next one from today,
else the latest. Before it, the plan shows the seven elements, the review and the execution checks;
after it, the summary and the issues to close. What is missing is prompted.

Examples:
  kam report reception kangyuan-pharma
  kam report reception beifang-dairy --date 2026-09-03 --format md -o reception.md";

#[derive(Debug, Args)]
pub struct ReceptionArgs {
    /// The account's id
    pub id: String,
    /// The reception that starts on this day (default: the next one from today, else the latest)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<NaiveDate>,
    #[command(flatten)]
    pub options: ReportOptions,
}

pub const EXPENSES_HELP: &str = "\
Sums what each owner spent per account on visits and receptions with a budget or expenses: the
budget applied for, the actual expenses, the difference, and the events whose missing report
blocks reimbursement. Amounts are in the playbook's currency (others converted with
policy.exchange_rates; an amount without a rate is counted apart).

Examples:
  kam report expenses
  kam report expenses --month 2026-11 --owner wang.fang
  kam report expenses --format csv -o expenses.csv";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExpensesFormat {
    Text,
    Md,
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct ExpensesArgs {
    /// Only visits and receptions dated in this month
    #[arg(long, value_name = "YYYY-MM")]
    pub month: Option<String>,
    /// Only accounts of these owners (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "OWNERS")]
    pub owner: Vec<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ExpensesFormat::Text)]
    pub format: ExpensesFormat,
    /// Write to this file instead of printing
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub csv: crate::cli::CsvOptions,
}
