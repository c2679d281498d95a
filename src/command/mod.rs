//! One module per subcommand. Each is a thin shell: arguments → one core call → render → exit code.

mod advance;
mod check;
mod gate;
mod init;
mod new;
mod report;
mod score;

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
    }
}
