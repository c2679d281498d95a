//! `kam completions SHELL` and `kam man`: shell completions and the roff manual page, both made
//! from the clap definitions, so they never drift from the real command line.

use clap::CommandFactory;

use crate::Context;
use crate::cli::Cli;
use crate::cli_review::{CompletionsArgs, Shell};
use crate::error::{Error, OK, Result};
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

pub fn man(_ctx: &Context) -> Result<i32> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(|e| Error::io("<man page>", "render", e))?;
    print(&String::from_utf8_lossy(&out))?;
    Ok(OK)
}
