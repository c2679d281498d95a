//! kam: key-account management as code.
//!
//! The playbook (`kam.yaml`) says what an account holds, how the pipeline's stages are gated,
//! how value is scored and how often accounts are visited; each client is a TOML file under
//! `accounts/`. Data flows one way: files → model → computation → report data → text.
//!
//! - [`domain`]: the pure core, one folder per concept (playbook, account, score, gate, review,
//!   agenda, report, planning, stats, check, …); no files, processes or clock
//! - [`io`] and [`workspace`]: everything that touches files and git
//! - [`render`]: report data → text (tables, Markdown, JSON, CSV, diagnostics)
//! - [`command`]: one thin shell per subcommand: arguments → one core call → render → exit code
//! - [`cli`]: the command line; [`error`]: errors and exit codes; [`output`]: printing
//!
//! The arrows only point one way: `command` → `io`/`domain`/`render`, `render` → `domain`,
//! `io` → `domain`; `tests/cases/architecture.rs` holds them.

pub mod cli;
pub mod cli_daily;
pub mod cli_director;
pub mod cli_method;
pub mod cli_review;
pub mod command;
pub mod domain;
pub mod error;
pub mod harness;
pub mod io;
pub mod output;
pub mod render;
pub mod workspace;

use std::ffi::OsString;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Parser;

/// What every command gets besides its own arguments.
#[derive(Debug, Clone)]
pub struct Context {
    /// Where kam was started (`-C DIR` or the current folder).
    pub start: PathBuf,
    /// Whether to color stdout.
    pub color: bool,
    /// Today, from the clock or `--today`.
    pub today: NaiveDate,
}

/// Runs kam with these arguments (the first is the program name) and returns the exit code.
pub fn run(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> i32 {
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            if !e.use_stderr() {
                let _ = e.print();
                return error::OK;
            }
            // Arguments may carry control characters (a hostile file name from a glob).
            output::eprint(&e.render().to_string());
            return error::FAILURE;
        }
    };
    let start = match cli.chdir {
        Some(dir) => dir,
        None => match std::env::current_dir() {
            Ok(dir) => dir,
            Err(e) => {
                output::eprint(&format!("{}\n", error::Error::io(".", "read the current folder", e)));
                return error::FAILURE;
            }
        },
    };
    let color = output::use_color(cli.color);
    output::set_color(color);
    let ctx = Context {
        start,
        color,
        today: cli.today.unwrap_or_else(|| chrono::Local::now().date_naive()),
    };
    match command::run(cli.command, &ctx) {
        Ok(code) => code,
        Err(e) => {
            output::eprint(&format!("{e}\n"));
            e.exit_code()
        }
    }
}
