//! The command line: clap types only, no logic.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  kam init myteam                         start a workspace (kam.yaml + accounts/)
  kam new \"华东精密制造有限公司\" --owner li.wei   add an account in stage 1
  kam check                               every problem in every account
  kam check accounts/acme.toml --format json
  kam report visit acme --format md -o visit.md   the plan for the next visit

Without a kam.yaml in this folder or above, kam uses its embedded default playbook on ./accounts.";

/// Key-account management as code: a playbook in YAML, one TOML file per client.
#[derive(Debug, Parser)]
#[command(name = "kam", version, about, after_help = EXAMPLES, propagate_version = true)]
pub struct Cli {
    /// Run as if started in DIR
    #[arg(short = 'C', global = true, value_name = "DIR")]
    pub chdir: Option<PathBuf>,

    /// When to color the output (`NO_COLOR` is respected with auto)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// The date to treat as today, for reproducible runs
    #[arg(long, global = true, value_name = "YYYY-MM-DD")]
    pub today: Option<NaiveDate>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a workspace: the commented default playbook, accounts/ and .gitignore entries
    #[command(after_help = "Example:\n  kam init myteam && cd myteam")]
    Init(InitArgs),
    /// Add an account in the first stage, with the required fields and commented placeholders
    #[command(
        after_help = "Examples:\n  kam new \"华东精密制造有限公司\" --owner li.wei\n  kam new \"Acme GmbH\" --id acme"
    )]
    New(NewArgs),
    /// Check every account against the playbook and report every problem
    #[command(
        after_help = "Examples:\n  kam check\n  kam check accounts/acme.toml --deny-warnings\n  kam check --format json"
    )]
    Check(CheckArgs),
    /// Print a report on one account: the visit plan or the negotiation brief
    #[command(
        subcommand,
        after_help = "Examples:\n  kam report visit kangyuan-pharma\n  kam report negotiation kangyuan-pharma --format md -o brief.md"
    )]
    Report(ReportCommand),
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// The plan of a visit: background, goals, people, team, questions, materials, follow-up
    #[command(
        after_help = "The visit is the one dated --date, else the next one dated today or later; without one,\nthe plan shows what to fill in.\n\nExamples:\n  kam report visit ningzhou-battery\n  kam report visit ningzhou-battery --date 2026-12-03 --format md -o visit.md"
    )]
    Visit(VisitArgs),
    /// The negotiation brief: readiness, three parties, goal, disagreements, packages, team, agenda
    #[command(
        after_help = "The plan is the account's [negotiation] group (see docs/account-format.md).\n\nExamples:\n  kam report negotiation kangyuan-pharma\n  kam report negotiation la-huerta-bajio --format md -o negociacion.md"
    )]
    Negotiation(NegotiationArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Plain text for an 80-column terminal
    Text,
    /// Markdown for a git forge
    Md,
}

/// Options every report takes.
#[derive(Debug, Args)]
pub struct ReportOptions {
    /// Output format
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Write the report to FILE (replaced atomically) instead of printing it
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Include personal data (fields marked `sensitive` in the playbook: birthday, family …)
    #[arg(long)]
    pub include_sensitive: bool,
}

#[derive(Debug, Args)]
pub struct VisitArgs {
    /// The account id
    pub id: String,
    /// The date of the visit (default: the next visit dated today or later)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<NaiveDate>,
    #[command(flatten)]
    pub options: ReportOptions,
}

#[derive(Debug, Args)]
pub struct NegotiationArgs {
    /// The account id
    pub id: String,
    #[command(flatten)]
    pub options: ReportOptions,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to create or fill (default: the current folder)
    pub dir: Option<PathBuf>,
    /// Overwrite an existing kam.yaml
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The client's name, as they write it
    pub name: String,
    /// The account id (an ASCII slug; default: made from the name)
    #[arg(long)]
    pub id: Option<String>,
    /// The key account manager who owns it (default: git config user.name)
    #[arg(long)]
    pub owner: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Check only these files (default: every account)
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Fail (exit 1) on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
}
