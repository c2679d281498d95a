//! One module per subcommand. Each is a thin shell: arguments → one core call → render → exit code.

mod accounts;
mod advance;
mod check;
mod complete;
mod dashboard;
mod diff;
mod due;
mod edit;
mod evidence;
mod expenses;
mod export;
mod forecast;
mod gate;
mod guide;
mod history;
mod hook;
mod init;
mod list;
mod log;
mod man;
mod new;
mod receivables;
pub mod report;
pub mod schema;
mod score;
mod set;
mod shell;
mod show;
mod stats;
mod task;
mod writing;

use crate::Context;
use crate::cli::Command;
use crate::error::Result;

/// Runs a subcommand and returns its exit code (0 or 1); errors mean exit code 2.
pub fn run(command: Command, ctx: &Context) -> Result<i32> {
    match command {
        Command::Init(args) => init::run(&args, ctx),
        Command::New(args) => new::run(&args, ctx),
        Command::Check(args) => check::run(&args, ctx),
        Command::Score(args) => score::run(&args, ctx),
        Command::Gate(args) => gate::run(&args, ctx),
        Command::Advance(args) => advance::run(&args, ctx),
        Command::Report(cmd) => report::run(&cmd, ctx),
        Command::Diff(args) => diff::run(&args, ctx),
        Command::Hook(args) => hook::run(&args, ctx),
        Command::List(args) => list::run(&args, ctx),
        Command::Due(args) => due::run(&args, ctx),
        Command::Schema(args) => schema::run(&args, ctx),
        Command::Export(args) => export::run(&args, ctx),
        Command::Completions(args) => shell::completions(&args, ctx),
        Command::Man(args) => man::run(&args, ctx),
        Command::Guide(args) => guide::run(&args, ctx),
        Command::Log(args) => log::run_log(&args, ctx),
        Command::Set(args) => set::set(&args, ctx),
        Command::Unset(args) => set::unset(&args, ctx),
        Command::Task(args) => task::run_task(&args, ctx),
        Command::Evidence(args) => evidence::evidence(&args, ctx),
        Command::Contact(args) => evidence::contact(&args, ctx),
        Command::Show(args) => show::run(&args, ctx),
        Command::Edit(args) => edit::run(&args, ctx),
        Command::Complete(args) => complete::run(&args, ctx),
        Command::Stats(args) => stats::run(&args, ctx),
        Command::Forecast(args) => forecast::run(&args, ctx),
        Command::History(args) => history::run(&args, ctx),
        Command::Dashboard(args) => dashboard::run(&args, ctx),
    }
}
