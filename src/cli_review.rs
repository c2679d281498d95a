//! The command line of the review and pipeline commands (`list`, `due`, `diff`, `schema`,
//! `export`, `completions`): clap types only, no logic.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

pub const LIST_HELP: &str = "\
Examples:
  kam list                                every account by stage
  kam list --owner li.wei --flag overdue  one manager's accounts with an overdue next step
  kam list --stage assess,relationship --sort value
  kam list --format csv > pipeline.csv
  kam list --class potential              potential key accounts (near a class's threshold)
  kam list --group-by region              per region, against the year's plan
  kam list --as-of 2026-09-30             the pipeline as committed at the end of that day
  kam list --format md --matrix           with a Mermaid value × difficulty chart

Flags: blocked (the stage's exit checklist is not met), idle (longer in the stage than its
idle_days), overdue (the next step's date passed and no visit took it), report-missing (a visit
older than cadence.followup_days has no report), too-often (more visits in one cadence period than
cadence.too_often: pushing too hard); after the deal: payment-overdue (a receivable
is past its due date with something outstanding), return-visit-due (a won account's return
visit, every after_deal.return_visit_every_days of its tier), renewal-due (a contract expires
within after_deal.renewal_days), retro-missing (a won or lost account's retrospective is past
retrospective.days). The class column shows the key-account classes, or \"potential\" for an
account near a class's threshold, and the client level. The next step is the earliest next_date
of a visit that is today or later, else the latest one.";

pub const DUE_HELP: &str = "\
Examples:
  kam due                                 what is due in the next 7 days or late
  kam due --within 30 --owner li.wei      one person's accounts and tasks
  kam due --kind report,followup          the visit paperwork
  kam due --format md > agenda.md
  kam due --within 30 --format ics > kam.ics   import into Outlook, Google or Apple Calendar

Items (--kind): planned (a visit planned, on its date), reception (a reception of the client
planned, on its date: prepare its plan), report (a visit without a report, cadence.followup_days
after it), reception_report (a reception held without its report or summary,
cadence.followup_days after it), followup (a visit nobody followed up, cadence.followup_days
after it), task (a plan task not done, on its due date), step (the next step a visit set up, on
its date), cold (an account not visited for its tier's visit_every_days), stance (a contact's
stance not re-assessed for cadence.reassess_days), idle (longer in the stage than its idle_days),
approval (a planned visit or reception waiting for its sign-off), reimbursement (expenses waiting
for the report or its check), issue (an issue raised at a reception, not closed), layer (the
routine contact by layer of an organisation-level programme).
After the deal: collection (a receivable on its due date; once overdue, with the non-payment
cause's response and the escalation step), return_visit (a won account's return visit, every
after_deal.return_visit_every_days of its tier), renewal (a contract on its expiry, listed from
after_deal.renewal_days before), retrospective (retrospective.days after the account was won or
lost). Each says why it is there and what to do. Lost and paused accounts are skipped except for
money still owed and their retrospective; won accounts keep their visits, tasks and next steps.
Exit code 0; 2 for an --owner no account knows.";

pub const DIFF_HELP: &str = "\
Examples:
  kam diff                                the working tree against HEAD
  kam diff origin/main                    origin/main against the working tree
  kam diff origin/main HEAD --format md   a pull request comment
  kam diff --check origin/main HEAD       CI: exit 1 on a skipped gate
  kam diff --since 7d                     the weekly review, since a week ago

Gates crossed are judged with the playbook of BASE, the rules in force before the
change. Only the files git reports as changed are read. Exit code: 0; 1 with --check
when a stage moved forward past an unmet gate, a past history record or the evidence
of a crossed gate was rewritten, a stage moved without a record, or a changed account
cannot be reviewed; 2 outside a git repository, for an unknown revision, or when
accounts/ is a link or a submodule.";

pub const SCHEMA_HELP: &str = "\
Examples:
  kam schema -o kam.schema.json
  kam schema | jq '.properties.stage'

Point taplo (Even Better TOML) at it with a .taplo.toml rule; `kam init` writes both.";

pub const EXPORT_HELP: &str = "\
Examples:
  kam export --format csv -o accounts.csv
  kam export --format json | jq '.[] | select(.tier == \"A\")'
  kam export --format json --include-sensitive -o full.json

Fields marked `sensitive: true` in the playbook (birthdays, mobiles, family, bank accounts) are
left out unless --include-sensitive is given.";

pub const COMPLETIONS_HELP: &str = "\
Examples:
  kam completions bash > ~/.local/share/bash-completion/completions/kam
  kam completions zsh > \"${fpath[1]}/_kam\"
  kam completions fish > ~/.config/fish/completions/kam.fish
  kam completions powershell >> $PROFILE";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Csv,
    Md,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListSort {
    /// Pipeline order (outcomes last), then id
    Stage,
    /// Days in the stage, longest first
    Days,
    /// Tier order, then value
    Tier,
    /// Value, highest first
    Value,
    /// Next step date, soonest first
    Next,
    Owner,
    Name,
    Id,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FlagArg {
    Blocked,
    Idle,
    Overdue,
    ReportMissing,
    TooOften,
    PaymentOverdue,
    ReturnVisitDue,
    RenewalDue,
    RetroMissing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GroupArg {
    /// By region, against the clients and people the plan counts on
    Region,
    /// By owner
    Owner,
    /// By client level (first, second)
    Level,
    /// By development approach
    Approach,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only accounts of these owners (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "OWNERS")]
    pub owner: Vec<String>,
    /// Only accounts in these stages or outcomes (comma-separated ids)
    #[arg(long, value_delimiter = ',', value_name = "STAGES")]
    pub stage: Vec<String>,
    /// Only these tiers (comma-separated; `none` for accounts without a tier)
    #[arg(long, value_delimiter = ',', value_name = "TIERS")]
    pub tier: Vec<String>,
    /// Only accounts with any of these flags (comma-separated)
    #[arg(long, value_enum, value_delimiter = ',', value_name = "FLAGS")]
    pub flag: Vec<FlagArg>,
    /// Only accounts of these key-account classes (comma-separated; `potential` for potential
    /// key accounts, `none` for accounts without a class)
    #[arg(long, value_delimiter = ',', value_name = "CLASSES")]
    pub class: Vec<String>,
    /// Only clients of these levels (comma-separated: first, second)
    #[arg(long, value_delimiter = ',', value_name = "LEVELS")]
    pub level: Vec<String>,
    /// Only accounts of these regions (comma-separated region ids)
    #[arg(long, value_delimiter = ',', value_name = "REGIONS")]
    pub region: Vec<String>,
    /// Only accounts developed by these approaches (comma-separated approach ids)
    #[arg(long, value_delimiter = ',', value_name = "APPROACHES")]
    pub approach: Vec<String>,
    /// Group the accounts, each group counted against the year's plan
    #[arg(long, value_enum, value_name = "BY")]
    pub group_by: Option<GroupArg>,
    /// Order of the list
    #[arg(long, value_enum, default_value_t = ListSort::Stage)]
    pub sort: ListSort,
    /// Read the workspace as committed at the end of this day (from git)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<chrono::NaiveDate>,
    /// With --format md: add the value × difficulty matrix as a Mermaid quadrant chart
    #[arg(long)]
    pub matrix: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// CSV: write cells as they are, without neutralising those a spreadsheet would run as a
    /// formula (=, +, -, @)
    #[arg(long)]
    pub raw_cells: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DueFormat {
    Table,
    Json,
    Md,
    /// An iCalendar feed (RFC 5545): one all-day event per item
    Ics,
}

#[derive(Debug, Args)]
pub struct DueArgs {
    /// Show what is due within this many days (and everything late)
    #[arg(long, default_value_t = 7, value_name = "DAYS")]
    pub within: u32,
    /// Only what these people do: their accounts, and tasks they own (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "OWNERS")]
    pub owner: Vec<String>,
    /// Only these kinds of item (comma-separated ids, or the words the agenda shows; the kinds
    /// are listed below)
    #[arg(long, value_delimiter = ',', value_name = "KINDS")]
    pub kind: Vec<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = DueFormat::Table)]
    pub format: DueFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Text,
    Md,
    Json,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The older version (default: HEAD)
    #[arg(value_name = "BASE")]
    pub base: Option<String>,
    /// The newer version (default: the working tree)
    #[arg(value_name = "HEAD")]
    pub head: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Exit 1 when the change skips a gate or rewrites the past (see below)
    #[arg(long)]
    pub check: bool,
    /// Compare the last commit of this branch before a day (7d, 2w or 2026-11-24) with the working
    /// tree (or with the one revision given)
    #[arg(long, value_name = "7d|DATE")]
    pub since: Option<String>,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Write the schema to FILE instead of stdout (`-` for stdout)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Write to FILE instead of stdout (`-` for stdout)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Include fields the playbook marks sensitive (personal data)
    #[arg(long)]
    pub include_sensitive: bool,
    /// CSV: write cells as they are, without neutralising those a spreadsheet would run as a
    /// formula (=, +, -, @)
    #[arg(long)]
    pub raw_cells: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: Shell,
}

pub const MAN_HELP: &str = "\
Examples:
  kam man > kam.1 && man ./kam.1          the main page
  kam man report visit | man -l -         the page of one command
  kam man --dir man/man1                  every page, for packaging

Pages are named kam.1, kam-init.1, kam-report-visit.1, …; each one's SEE ALSO names only pages
that --dir writes.";

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print (`report visit`); none for the main page
    #[arg(value_name = "COMMAND")]
    pub command: Vec<String>,
    /// Write every page into this folder (created if missing) instead of printing one
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub dir: Option<PathBuf>,
}
