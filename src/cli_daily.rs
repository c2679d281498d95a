//! The command line of daily work (`log`, `set`, `unset`, `task`, `evidence`, `contact`, `edit`,
//! `show`) and the hidden completion helper: clap types only, no logic.

use clap::{Args, Subcommand, ValueEnum};

pub const LOG_HELP: &str = "\
A visit dated today or earlier is a visit that took place; a later date logs a planned visit
(it cannot have a report, the client's view or key points yet). On a terminal, kam asks for what
is missing; elsewhere it says which option to add. Exit code: 0 written, 1 a value the playbook
refuses (the file is unchanged), 2 usage error.

Examples:
  kam log kangyuan --form phone --with xu-qing --points \"模板已确认\" --next-date 2026-12-02
  kam log kangyuan --date 2026-12-02 --form negotiation --with jiang-hua,tang-lei
  kam log kangyuan --visit 2026-12-02 --report \"价格谈定\" --client-view \"同意三期付款\"
  kam log kangyuan --visit 2026-11-20 --followed-up today
  kam log kangyuan --form 电话 --dry-run    a label, under the Chinese playbook";

pub const SET_HELP: &str = "\
PATH is group.field as in the playbook (ids, or labels where unambiguous); records are picked by
their key: contacts by id, visits by date, tasks and competitors by number from 1. Lists take
comma-separated values; += adds to a list and -= takes from it. A contact's stance or
closeness set today is also dated: `assessed` becomes today. Exit code: 0 written, 1 a value the
playbook refuses (the file is unchanged), 2 usage error.

Examples:
  kam set kangyuan finance.payment_attitude=slow
  kam set kangyuan ratings.deal_risk=4 --why \"冷眼物联降价 15%\"
  kam set kangyuan contacts.xu-qing.stance=champion contacts.xu-qing.closeness=5
  kam set kangyuan tags+=医药冷链 visits.2026-11-20.client_view=\"同意谈判\"
  kam set kangyuan plan.2.due=2026-12-09 --dry-run";

pub const TASK_HELP: &str = "\
Examples:
  kam task kangyuan add \"准备合同草案\" --owner zhao.lei --due 2026-11-30
  kam task kangyuan list
  kam task kangyuan done 2";

#[derive(Debug, Clone, Args)]
pub struct WriteOptions {
    /// Print the change as a unified diff and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// The account's id (or a unique prefix)
    pub id: String,
    /// Complete the visit of this date instead of logging a new one (2026-11-20#2: the second)
    #[arg(long, value_name = "DATE")]
    pub visit: Option<String>,
    /// The date of the visit (default: today; a later date plans a visit)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// How it took place: phone, `office_meeting`, … (the playbook's visit forms, or their labels)
    #[arg(long, value_name = "FORM")]
    pub form: Option<String>,
    /// Their people who took part (contact ids, comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "CONTACTS")]
    pub with: Vec<String>,
    /// Where
    #[arg(long, value_name = "TEXT")]
    pub place: Option<String>,
    /// Our people, in speaking order (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "NAMES")]
    pub team: Vec<String>,
    /// A goal of a planned visit (repeat for several)
    #[arg(long, value_name = "TEXT")]
    pub goal: Vec<String>,
    /// The key points said
    #[arg(long, value_name = "TEXT")]
    pub points: Option<String>,
    /// The client's view
    #[arg(long, value_name = "TEXT")]
    pub client_view: Option<String>,
    /// The next step this visit set up
    #[arg(long, value_name = "TEXT")]
    pub next_step: Option<String>,
    /// The date of the next step
    #[arg(long, value_name = "DATE")]
    pub next_date: Option<String>,
    /// Gifts given
    #[arg(long, value_name = "TEXT")]
    pub gift: Option<String>,
    /// Gift value per person (an amount, e.g. 150 or 1500 MXN)
    #[arg(long, value_name = "AMOUNT")]
    pub gift_value: Option<String>,
    /// The visit report (no report, no reimbursement)
    #[arg(long, value_name = "TEXT")]
    pub report: Option<String>,
    /// The date of the follow-up call or visit (with --visit, or for the latest visit awaiting one)
    #[arg(long, value_name = "DATE")]
    pub followed_up: Option<String>,
    #[command(flatten)]
    pub write: WriteOptions,
}

#[derive(Debug, Args)]
pub struct SetArgs {
    /// The account's id (or a unique prefix)
    pub id: String,
    /// PATH=VALUE, PATH+=VALUE or PATH-=VALUE
    #[arg(required = true, value_name = "PATH=VALUE")]
    pub assignments: Vec<String>,
    /// Why a rating is what it is (with ratings.FACTOR=N)
    #[arg(long, value_name = "TEXT")]
    pub why: Option<String>,
    #[command(flatten)]
    pub write: WriteOptions,
}

#[derive(Debug, Args)]
pub struct UnsetArgs {
    /// The account's id (or a unique prefix)
    pub id: String,
    /// The fields to remove (group.field, contacts.ID.field, …)
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
    #[command(flatten)]
    pub write: WriteOptions,
}

#[derive(Debug, Args)]
pub struct TaskArgs {
    /// The account's id (or a unique prefix)
    pub id: String,
    #[command(subcommand)]
    pub action: TaskAction,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum TaskAction {
    /// Add a task to the development plan
    Add {
        /// What to do
        text: String,
        /// Who does it (default: the account's owner)
        #[arg(long, value_name = "NAME")]
        owner: Option<String>,
        /// When it is due
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        /// The company support it needs
        #[arg(long, value_name = "TEXT")]
        support: Option<String>,
        /// The step of the plan it belongs to
        #[arg(long, value_name = "TEXT")]
        step: Option<String>,
        /// Accept an owner kam has not seen in any account yet
        #[arg(long)]
        new_person: bool,
        #[command(flatten)]
        write: WriteOptions,
    },
    /// Mark task N done (today, or --date)
    Done {
        /// The task's number (`kam task ID list`)
        n: usize,
        /// When it was done (default: today)
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        #[command(flatten)]
        write: WriteOptions,
    },
    /// The plan's tasks, numbered, open ones with their due dates
    List {
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
}

#[derive(Debug, Args)]
pub struct EvidenceArgs {
    /// The account's id (or a unique prefix)
    pub id: String,
    /// A manual exit item of the current stage (its id or label)
    pub item: String,
    /// What shows it: who, what, when
    pub text: String,
    /// When (default: today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Where the proof is (a document, a ticket)
    #[arg(long, value_name = "URL")]
    pub link: Option<String>,
    #[command(flatten)]
    pub write: WriteOptions,
}

#[derive(Debug, Args)]
pub struct ContactArgs {
    /// The account's id (or a unique prefix)
    pub id: String,
    #[command(subcommand)]
    pub action: ContactAction,
}

#[derive(Debug, Subcommand)]
pub enum ContactAction {
    /// Add a person of the client
    Add {
        /// Their name, as they write it
        name: String,
        /// Their buying roles (`decision_maker`, purchasing, finance, technical, user, contact, coach, …)
        #[arg(long, value_delimiter = ',', value_name = "ROLES")]
        role: Vec<String>,
        /// Their title
        #[arg(long, value_name = "TEXT")]
        title: Option<String>,
        /// Their department
        #[arg(long, value_name = "TEXT")]
        department: Option<String>,
        /// Their stance towards us
        #[arg(long, value_name = "STANCE")]
        stance: Option<String>,
        /// Closeness to us, 1–5
        #[arg(long, value_name = "N")]
        closeness: Option<i64>,
        /// The contact's id (default: made from the name)
        #[arg(long = "id", value_name = "ID")]
        contact_id: Option<String>,
        #[command(flatten)]
        write: WriteOptions,
    },
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The account's id (or a unique prefix)
    pub id: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Md,
    Json,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The account's id (or a unique prefix)
    pub id: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
    /// The whole timeline (default: the latest entries)
    #[arg(long)]
    pub all: bool,
    /// Include personal data (fields marked `sensitive` in the playbook)
    #[arg(long)]
    pub include_sensitive: bool,
}

#[derive(Debug, Args)]
pub struct CompleteArgs {
    /// The shell asking: bash, zsh or fish
    pub shell: String,
    /// The words of the command line up to the cursor, the program name first
    #[arg(allow_hyphen_values = true, trailing_var_arg = true, num_args = 0..)]
    pub words: Vec<String>,
}
