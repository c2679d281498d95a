//! `kam hook install`: the git pre-commit hook that checks what is staged (see
//! [`crate::io::hook`]), written where git looks for it (`core.hooksPath` honoured), never over
//! another program's hook.

use crate::Context;
use crate::cli_review::{HookArgs, HookCommand};
use crate::error::{OK, Result};
use crate::io::git;
use crate::io::hook::{Installed, install, script};
use crate::output::print;
use crate::workspace::Workspace;

pub fn run(args: &HookArgs, ctx: &Context) -> Result<i32> {
    match args.command {
        HookCommand::Install => {
            let ws = Workspace::open(&ctx.start)?;
            let prefix = git::prefix(&ws.root)?;
            let dir = git::hooks_dir(&ws.root)?;
            let exe = std::env::current_exe()
                .ok()
                .and_then(|p| p.to_str().map(str::to_string))
                .unwrap_or_else(|| "kam".to_string());
            let pb = &ws.playbook;
            let said = match install(&dir, &script(&prefix, &exe))? {
                Installed::Written(p) => pb.fill(
                    "hook.written",
                    "wrote the pre-commit hook {file}",
                    &[("file", &p.display())],
                ),
                Installed::Updated(p) => pb.fill(
                    "hook.updated",
                    "updated the pre-commit hook {file}",
                    &[("file", &p.display())],
                ),
                Installed::Unchanged(p) => pb.fill(
                    "hook.unchanged",
                    "the pre-commit hook {file} is installed already",
                    &[("file", &p.display())],
                ),
            };
            print(&format!("{said}\n"))?;
            Ok(OK)
        }
    }
}
