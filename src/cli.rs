//! The command line: clap types only, no logic.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  kam init myteam                     start a workspace (kam.yaml + accounts/)
  kam new \"华东精密制造有限公司\"      add an account in stage 1
  kam check                           every problem in every account
  kam check --format json             the same, for tools
  kam score                           rank every account by tier and value
  kam score acme --explain            why acme scores as it does
  kam gate                            every account: ready or blocked
  kam gate acme                       what the exit checklist still needs
  kam advance acme --dry-run          the edit that moving acme on would make
  kam report visit acme -o visit.md   the plan for the next visit
  kam report receivables              what every client owes, by aging bucket
  kam report retro acme               the retrospective for the review meeting
  kam list --flag overdue             the pipeline, with what needs attention
  kam due --within 14                 the agenda: reports, next steps, visits
  kam diff origin/main --format md    a pull request in business terms
  kam stats --by owner                funnel, conversion, win rates
  kam forecast                        expected deals by month and owner
  kam dashboard -o pipeline.html      the pipeline on one offline page

Without a kam.yaml in this folder or above, kam uses its embedded default playbook on ./accounts.";

/// Key-account management as code: a playbook in YAML, one TOML file per client.
#[derive(Debug, Parser)]
#[command(name = "kam", version, about, after_help = EXAMPLES, propagate_version = true)]
pub struct Cli {
    /// Run as if started in DIR
    #[arg(short = 'C', global = true, value_name = "DIR")]
    pub chdir: Option<PathBuf>,

    /// When to color the output: auto colors a terminal unless `NO_COLOR` is set; always wins
    /// over `NO_COLOR`
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
    /// Rank accounts by value and difficulty into tiers, or explain one account's score
    #[command(after_help = SCORE_HELP)]
    Score(ScoreArgs),
    /// Show stage gates: every account ready or blocked, or one account's exit checklist item by item
    #[command(after_help = GATE_HELP)]
    Gate(GateArgs),
    /// Move an account to its next stage when the gate is met; back or out with --to and --reason
    #[command(after_help = ADVANCE_HELP)]
    Advance(AdvanceArgs),
    /// One account on one screen: stage, tier, gate, people, tasks, next step, timeline
    #[command(after_help = "Examples:\n  kam show kangyuan\n  kam show kangyuan --all --format md")]
    Show(crate::cli_daily::ShowArgs),
    /// Log a visit (or plan one), or complete a logged visit with its report and follow-up
    #[command(after_help = crate::cli_daily::LOG_HELP)]
    Log(crate::cli_daily::LogArgs),
    /// Set archive fields, ratings, contacts' stances … typed by the playbook
    #[command(after_help = crate::cli_daily::SET_HELP)]
    Set(crate::cli_daily::SetArgs),
    /// Remove fields from an account
    #[command(
        after_help = "Examples:\n  kam unset kangyuan finance.funding\n  kam unset kangyuan contacts.tang-lei.notes --dry-run"
    )]
    Unset(crate::cli_daily::UnsetArgs),
    /// The development plan's tasks: add, done, list
    #[command(after_help = crate::cli_daily::TASK_HELP)]
    Task(crate::cli_daily::TaskArgs),
    /// Write evidence for a manual exit item of the current stage
    #[command(
        after_help = "Examples:\n  kam evidence kangyuan contract \"合同 KY-2026-118 已签\" --date 2026-12-10\n  kam evidence acme go \"Director said go: budget approved\""
    )]
    Evidence(crate::cli_daily::EvidenceArgs),
    /// Add a person of the client to an account
    #[command(
        after_help = "Examples:\n  kam contact kangyuan add 周敏 --role user --title \"仓储部经理\"\n  kam contact acme add \"Ana Ruiz\" --role coach,purchasing --id ana"
    )]
    Contact(crate::cli_daily::ContactArgs),
    /// Edit an account in $VISUAL/$EDITOR; only a copy that passes the checks replaces it
    #[command(after_help = "Example:\n  EDITOR=nano kam edit kangyuan")]
    Edit(crate::cli_daily::EditArgs),
    /// The pipeline: every account's stage, days in it, tier, value, next step and flags
    #[command(after_help = crate::cli_review::LIST_HELP)]
    List(crate::cli_review::ListArgs),
    /// The agenda: visit reports, next steps, visits and idle accounts due, by date
    #[command(after_help = crate::cli_review::DUE_HELP)]
    Due(crate::cli_review::DueArgs),
    /// What changed in the accounts between two versions, in business terms, for code review
    #[command(after_help = crate::cli_review::DIFF_HELP)]
    Diff(crate::cli_review::DiffArgs),
    /// Print a JSON Schema for account files, made from the playbook, for editors (taplo)
    #[command(after_help = crate::cli_review::SCHEMA_HELP)]
    Schema(crate::cli_review::SchemaArgs),
    /// Every account's archive, score, tier, stage and days in stage, as CSV or JSON
    #[command(after_help = crate::cli_review::EXPORT_HELP)]
    Export(crate::cli_review::ExportArgs),
    /// Install the git pre-commit hook that checks what is staged, in a fraction of a second
    #[command(after_help = crate::cli_review::HOOK_HELP)]
    Hook(crate::cli_review::HookArgs),
    /// Print shell completions for bash, zsh, fish or PowerShell
    #[command(after_help = crate::cli_review::COMPLETIONS_HELP)]
    Completions(crate::cli_review::CompletionsArgs),
    /// Print a manual page (roff), or write every page with --dir
    #[command(after_help = crate::cli_review::MAN_HELP)]
    Man(crate::cli_review::ManArgs),
    /// The playbook's guidance: every topic, or one in full
    #[command(after_help = crate::cli_method::GUIDE_HELP)]
    Guide(crate::cli_method::GuideArgs),
    /// The pipeline's numbers: funnel, conversion, days in stage, win rates, scoring calibration
    #[command(after_help = crate::cli_director::STATS_HELP)]
    Stats(crate::cli_director::StatsArgs),
    /// The expected deals of the open pipeline by month and owner, weighted and unweighted
    #[command(after_help = crate::cli_director::FORECAST_HELP)]
    Forecast(crate::cli_director::ForecastArgs),
    /// An account's life from git: every commit that changed it, in business terms
    #[command(after_help = crate::cli_director::HISTORY_HELP)]
    History(crate::cli_director::HistoryArgs),
    /// One self-contained HTML page of the pipeline: matrix, funnel, forecast, agenda, owners
    #[command(after_help = crate::cli_director::DASHBOARD_HELP)]
    Dashboard(crate::cli_director::DashboardArgs),
    /// Print a report: a visit plan, a negotiation brief, the receivables aging, a retrospective
    #[command(
        subcommand,
        after_help = "Examples:\n  kam report visit kangyuan-pharma\n  kam report negotiation kangyuan-pharma --format md -o brief.md\n  kam report receivables --format csv -o aging.csv\n  kam report retro xinghe-electronics\n  kam report after-deal beifang-dairy"
    )]
    Report(ReportCommand),
    /// Completion candidates for the shell scripts of `kam completions`
    #[command(name = "__complete", hide = true)]
    Complete(crate::cli_daily::CompleteArgs),
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
    /// The plan of the client's inspection of our company, from its review to its closure
    #[command(after_help = crate::cli_method::RECEPTION_HELP)]
    Reception(crate::cli_method::ReceptionArgs),
    /// What each owner spent per account on visits and receptions, against budgets
    #[command(after_help = crate::cli_method::EXPENSES_HELP)]
    Expenses(crate::cli_method::ExpensesArgs),
    /// The receivables aging report: what every client owes, by aging bucket and currency
    #[command(
        after_help = "Outstanding amounts by owner and client, in the buckets current, 1–30, 31–60, 61–90 and over\n90 days overdue, with totals per currency; then every overdue item with its cause, the\nplaybook's response and the escalation. Amounts of different currencies are never added up:\neach currency has its own table.\n\nExit code: 0, and 1 when an account file cannot be read (the report says which).\n\nExamples:\n  kam report receivables\n  kam report receivables --owner chen.jie --format md\n  kam report receivables --format csv -o aging.csv"
    )]
    Receivables(ReceivablesArgs),
    /// The project retrospective: the path through the stages, the visits, the four parts
    #[command(
        after_help = "The retrospective is the account's [retrospective] table (see docs/after-the-deal.md): its\nfour parts background, planning, execution and results, owed within the playbook's days after\nthe account was won or lost.\n\nExamples:\n  kam report retro xinghe-electronics\n  kam report retro beifang-dairy --format md -o retro.md"
    )]
    Retro(OneAccountArgs),
    /// After the deal: contracts, receivables, promotion plan, return visits, aftercare
    #[command(
        after_help = "Examples:\n  kam report after-deal beifang-dairy\n  kam report after-deal beifang-dairy --format md"
    )]
    AfterDeal(OneAccountArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReceivablesFormat {
    /// Tables for an 80-column terminal
    Text,
    /// Markdown for a git forge
    Md,
    Json,
    /// One line per client and currency, for a spreadsheet
    Csv,
}

#[derive(Debug, Args)]
pub struct ReceivablesArgs {
    /// Only accounts of these owners (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "OWNERS")]
    pub owner: Vec<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ReceivablesFormat::Text)]
    pub format: ReceivablesFormat,
    /// Write the report to FILE (a regular file, replaced atomically; `-` for stdout)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub csv: CsvOptions,
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
    /// Write the report to FILE (a regular file, replaced atomically; `-` for stdout)
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

/// A report on one account with the options every report takes.
#[derive(Debug, Args)]
pub struct OneAccountArgs {
    /// The account id
    pub id: String,
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

const SCORE_HELP: &str = "\
Examples:
  kam score                               every account, ranked by tier, then value
  kam score --tier A,B --owner li.wei     one manager's A and B accounts
  kam score --tier none                   accounts that still lack ratings
  kam score acme --explain                factor by factor, and the gap to the next tier
  kam score --weights share=5,effort=1    what-if: other weights, no file changed
  kam score --format md > ranking.md

Exit status: 0 when every listed account could be read and its ratings are valid (unrated factors
are fine: such accounts show \"insufficient information\"); 1 when a listed account has an
unreadable file or invalid ratings, since its row cannot be trusted (`kam check` says why);
2 on a usage error.";

const GATE_HELP: &str = "\
Examples:
  kam gate
  kam gate acme
  kam gate --format json

Exit code: 0, and 1 when a single account asked for is blocked (`kam gate ID`).
Accounts at an outcome (won, lost, paused) have no gate.";

const ADVANCE_HELP: &str = "\
Examples:
  kam advance acme                           through the gate to the next stage
  kam advance acme --note \"demo accepted\" --dry-run
  kam advance acme --to demo --reason \"need unclear again\"
  kam advance acme --to paused --reason \"tier D: observe\"
  kam advance acme --to demo --reason \"budget approved\"   resume a paused account

Exit code: 0 moved, 1 gate not met (the file is unchanged), 2 move not allowed or file busy.";

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to create or fill (default: the current folder)
    pub dir: Option<PathBuf>,
    /// Overwrite an existing kam.yaml
    #[arg(long)]
    pub force: bool,
    /// The playbook to start from: the English default (`en`) or an example in another language
    #[arg(long, value_name = "NAME", default_value = "en", ignore_case = true,
          value_parser = clap::builder::PossibleValuesParser::new(crate::io::playbook_file::PLAYBOOKS.map(|(n, _)| n)))]
    pub playbook: String,
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
    /// Accept an owner kam has not seen in any account yet
    #[arg(long)]
    pub new_person: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
    /// Markdown for a CI job summary (`$GITHUB_STEP_SUMMARY`)
    Md,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Check only these files (default: every account)
    pub paths: Vec<PathBuf>,
    /// Check the accounts staged for commit, as the index holds them, and that their ids stay
    /// unique; the other accounts are not read (for a pre-commit hook)
    #[arg(long, conflicts_with = "paths")]
    pub staged: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Fail (exit 1) on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScoreFormat {
    Table,
    Json,
    Csv,
    Md,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScoreSort {
    /// Tier order, then value (highest first), then id
    Tier,
    /// Value, highest first
    Value,
    /// Difficulty, easiest first
    Difficulty,
    Name,
    Id,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Score only this account (its file alone is read)
    pub id: Option<String>,
    /// Factor by factor: rating, weight, points and why; the tier rule and the next tier's gap
    #[arg(long)]
    pub explain: bool,
    /// Only these tiers (comma-separated; `none` for accounts without a tier)
    #[arg(long, value_delimiter = ',', value_name = "TIERS", conflicts_with = "id")]
    pub tier: Vec<String>,
    /// Only accounts in these stages or outcomes (comma-separated ids)
    #[arg(long, value_delimiter = ',', value_name = "STAGES", conflicts_with = "id")]
    pub stage: Vec<String>,
    /// Only accounts of these owners (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "OWNERS", conflicts_with = "id")]
    pub owner: Vec<String>,
    /// Order of the ranking
    #[arg(long, value_enum, default_value_t = ScoreSort::Tier, conflicts_with = "id")]
    pub sort: ScoreSort,
    /// Override weights for this run only, e.g. share=5,effort=1
    #[arg(long, value_delimiter = ',', value_name = "FACTOR=WEIGHT")]
    pub weights: Vec<String>,
    /// Read the workspace as committed at the end of this day (from git)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<NaiveDate>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ScoreFormat::Table)]
    pub format: ScoreFormat,
    #[command(flatten)]
    pub csv: crate::cli::CsvOptions,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GateFormat {
    Table,
    Json,
    /// One line per account, for a spreadsheet
    Csv,
    /// Markdown for a git forge
    Md,
}

#[derive(Debug, Args)]
pub struct GateArgs {
    /// One account's id (default: every account)
    pub id: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = GateFormat::Table)]
    pub format: GateFormat,
    #[command(flatten)]
    pub csv: CsvOptions,
}

#[derive(Debug, Args)]
pub struct AdvanceArgs {
    /// The account's id
    pub id: String,
    /// Move back to an earlier STAGE, or to `paused` or `lost` (needs --reason)
    #[arg(long, value_name = "STAGE")]
    pub to: Option<String>,
    /// Why the account moves back or out; recorded in its history
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// Who makes the move (default: the account's owner, then git config user.name)
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// A note for the history record
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Print the change as a unified diff and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// How CSV is written, for every command that writes it.
#[derive(Debug, Clone, Default, Args)]
pub struct CsvOptions {
    /// CSV: write cells as they are, without neutralising those a spreadsheet would run as a
    /// formula (=, +, -, @)
    #[arg(long)]
    pub raw_cells: bool,
    /// CSV for Excel on Windows: UTF-8 with a byte order mark and CRLF line ends, so Chinese
    /// text opens ungarbled
    #[arg(long, alias = "bom")]
    pub excel: bool,
    /// CSV: the playbook's labels instead of ids (stages, tiers, enumerated fields, headers)
    #[arg(long)]
    pub labels: bool,
}
