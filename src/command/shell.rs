//! `kam completions SHELL`: shell completions made from the clap definitions, so they never drift
//! from the real command line.

use clap::CommandFactory;

use crate::Context;
use crate::cli::Cli;
use crate::cli_review::{CompletionsArgs, Shell};
use crate::error::{OK, Result};
use crate::output::print;

pub fn completions(args: &CompletionsArgs, _ctx: &Context) -> Result<i32> {
    let shell = match args.shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::Powershell => clap_complete::Shell::PowerShell,
    };
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "kam", &mut out);
    print(&String::from_utf8_lossy(&out))?;
    Ok(OK)
}
