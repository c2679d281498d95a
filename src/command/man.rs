//! `kam man [COMMAND…] [--dir DIR]`: the manual pages made from the clap definitions — the main
//! page or one command's page on stdout, or every page written into a folder.

use clap::CommandFactory;

use crate::Context;
use crate::cli::Cli;
use crate::cli_review::ManArgs;
use crate::error::{Error, OK, Result};
use crate::io::write::{Within, write_file};
use crate::output::print;
use crate::render::man;

pub fn run(args: &ManArgs, ctx: &Context) -> Result<i32> {
    let mut cmd = Cli::command();
    cmd.build();
    let date = ctx.today.format("%Y-%m-%d").to_string();
    if let Some(dir) = &args.dir {
        let dir = ctx.start.join(dir);
        std::fs::create_dir_all(&dir)
            .map_err(|e| Error::io(&dir, "io.create_folder", "cannot create the folder {path}: {error}", e))?;
        for page in man::pages(&cmd, &date) {
            write_file(&dir.join(&page.name), page.text.as_bytes(), Within::Anywhere)?;
        }
        return Ok(OK);
    }
    let path: Vec<&str> = args.command.iter().map(String::as_str).collect();
    let page = man::page(&cmd, &path, &date).ok_or_else(|| {
        Error::usage(format!(
            "no manual page for `kam {}`; `kam --help` lists the commands",
            path.join(" ")
        ))
    })?;
    print(&page.text)?;
    Ok(OK)
}
