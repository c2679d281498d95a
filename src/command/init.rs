//! `kam init [DIR]`: writes the commented default playbook, `accounts/`, `.gitignore` entries, and
//! editor support: `kam.schema.json` (the account schema) with a `.taplo.toml` that maps
//! `accounts/**/*.toml` to it. An existing `kam.yaml` is never overwritten without `--force`; an
//! existing `.taplo.toml` is left alone (it may hold the team's own formatting rules).

use std::path::Path;

use crate::Context;
use crate::cli::InitArgs;
use crate::command::schema::schema_text;
use crate::error::{Error, OK, Result};
use crate::io::playbook_file::DEFAULT_PLAYBOOK;
use crate::io::write::{write_atomic, write_new};
use crate::output::print;
use crate::render::columns::two_columns;
use crate::workspace::{ACCOUNTS_DIR, PLAYBOOK_FILE};

/// The schema file `kam init` writes (and `kam schema -o` refreshes).
pub const SCHEMA_FILE: &str = "kam.schema.json";

/// The taplo configuration: account files are checked against the schema as they are edited.
pub const TAPLO_CONFIG: &str = "\
# Editor support for kam account files (taplo / Even Better TOML): completion of keys and
# allowed values, and inline errors. kam.schema.json is made from kam.yaml; after changing the
# playbook, run: kam schema -o kam.schema.json
[[rule]]
include = [\"accounts/**/*.toml\"]

[rule.schema]
path = \"./kam.schema.json\"
";

/// Lines kam adds to `.gitignore`: lock and temporary files of safe writes.
pub const GITIGNORE_LINES: [&str; 2] = [".*.kam-lock", ".*.kam-tmp*"];

pub fn run(args: &InitArgs, ctx: &Context) -> Result<i32> {
    let dir = match &args.dir {
        Some(d) => ctx.start.join(d),
        None => ctx.start.clone(),
    };
    let playbook = dir.join(PLAYBOOK_FILE);
    if playbook.exists() && !args.force {
        return Err(Error::usage_with_help(
            format!("{} already exists; nothing was changed", playbook.display()),
            "use --force to replace it with the default playbook",
        ));
    }
    std::fs::create_dir_all(dir.join(ACCOUNTS_DIR)).map_err(|e| Error::io(dir.join(ACCOUNTS_DIR), "create", e))?;
    if playbook.exists() {
        write_atomic(&playbook, DEFAULT_PLAYBOOK.as_bytes())?;
    } else {
        write_new(&playbook, DEFAULT_PLAYBOOK.as_bytes())?;
    }
    let keep = dir.join(ACCOUNTS_DIR).join(".gitkeep");
    if !keep.exists() {
        write_new(&keep, b"")?;
    }
    update_gitignore(&dir.join(".gitignore"))?;
    let pb = crate::io::playbook_file::default_playbook()?;
    write_atomic(&dir.join(SCHEMA_FILE), schema_text(&pb).as_bytes())?;
    let taplo = dir.join(".taplo.toml");
    if !taplo.exists() {
        write_new(&taplo, TAPLO_CONFIG.as_bytes())?;
    }
    let accounts = format!("{ACCOUNTS_DIR}/");
    let files = two_columns(
        &[
            (
                PLAYBOOK_FILE,
                "the playbook: archive, stages and exit checklists, scoring",
            ),
            (&accounts, "one TOML file per client"),
            (SCHEMA_FILE, "the account schema for editors (.taplo.toml points to it)"),
        ],
        2,
        3,
    );
    print(&format!(
        "Started a kam workspace in {}\n{files}\nNext: kam new \"Client name\" --owner you, then kam check\n",
        dir.display()
    ))?;
    Ok(OK)
}

fn update_gitignore(path: &Path) -> Result<()> {
    let current = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(Error::io(path, "read", e)),
    };
    let missing: Vec<&str> = GITIGNORE_LINES
        .iter()
        .copied()
        .filter(|l| !current.lines().any(|c| c.trim() == *l))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let mut text = current.clone();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str("# kam: lock and temporary files of safe writes\n");
    for line in missing {
        text.push_str(line);
        text.push('\n');
    }
    write_atomic(path, text.as_bytes())
}
