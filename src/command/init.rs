//! `kam init [DIR]`: writes the commented default playbook, `accounts/`, `.gitignore` entries, and
//! editor support: `kam.schema.json` (the account schema) with a `.taplo.toml` that maps
//! `accounts/**/*.toml` to it. An existing `kam.yaml` is never overwritten without `--force`; an
//! existing `.taplo.toml` is left alone (it may hold the team's own formatting rules).
//!
//! Before anything is written, every file init would read or write is looked at: one that is a
//! symbolic link, a FIFO or anything but a regular file (a `.gitignore` linked to a private key,
//! say) stops init with nothing changed, and so does an `accounts/` that leads out of the folder.

use std::path::Path;

use crate::Context;
use crate::cli::InitArgs;
use crate::command::schema::schema_text;
use crate::domain::playbook::Playbook;
use crate::error::{Error, OK, Result, Said};
use crate::io::playbook_file::{PLAYBOOKS, embedded};
use crate::io::source::kind_of;
use crate::io::write::{Within, write_file, write_new};
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
    let text = embedded(&args.playbook).ok_or_else(|| {
        let names: Vec<&str> = PLAYBOOKS.iter().map(|(n, _)| *n).collect();
        Error::usage_with_help(
            Said::new("init.no_playbook", "no playbook is called `{name}`").arg("name", &args.playbook),
            Said::new("init.no_playbook_help", "choose one of: {names}").arg("names", names.join(", ")),
        )
    })?;
    let pb = crate::io::playbook_file::load(PLAYBOOK_FILE, text)?;
    // Whatever stops init speaks the language of the playbook chosen.
    start(args, ctx, text, &pb).map_err(|e| e.worded(pb.words()))
}

fn start(args: &InitArgs, ctx: &Context, text: &str, pb: &Playbook) -> Result<i32> {
    let dir = match &args.dir {
        Some(d) => ctx.start.join(d),
        None => ctx.start.clone(),
    };
    let playbook = dir.join(PLAYBOOK_FILE);
    if exists(&playbook) && !args.force {
        return Err(Error::usage_with_help(
            pb.fill(
                "init.exists",
                "{file} already exists; nothing was changed",
                &[("file", &playbook.display())],
            ),
            pb.text("init.exists_help", "use --force to replace it with the chosen playbook"),
        ));
    }
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, "io.create", "cannot create {path}: {error}", e))?;
    let root =
        std::fs::canonicalize(&dir).map_err(|e| Error::io(&dir, "io.resolve", "cannot resolve {path}: {error}", e))?;
    let accounts = dir.join(ACCOUNTS_DIR);
    preflight(pb, &dir, &root)?;
    std::fs::create_dir_all(&accounts)
        .map_err(|e| Error::io(&accounts, "io.create", "cannot create {path}: {error}", e))?;
    let within = Within::Workspace(&root);
    if exists(&playbook) {
        write_file(&playbook, text.as_bytes(), within)?;
    } else {
        write_new(&playbook, text.as_bytes(), within)?;
    }
    let keep = accounts.join(".gitkeep");
    if !exists(&keep) {
        write_new(&keep, b"", within)?;
    }
    update_gitignore(pb, &dir.join(".gitignore"), &root)?;
    write_file(&dir.join(SCHEMA_FILE), schema_text(pb).as_bytes(), within)?;
    let taplo = dir.join(".taplo.toml");
    if !exists(&taplo) {
        write_new(&taplo, TAPLO_CONFIG.as_bytes(), within)?;
    }
    let accounts = format!("{ACCOUNTS_DIR}/");
    let files = two_columns(
        &[
            (
                PLAYBOOK_FILE,
                pb.text(
                    "init.playbook",
                    "the playbook: archive, stages and exit checklists, scoring",
                ),
            ),
            (&accounts, pb.text("init.accounts", "one TOML file per client")),
            (
                SCHEMA_FILE,
                pb.text(
                    "init.schema",
                    "the account schema for editors (.taplo.toml points to it)",
                ),
            ),
        ],
        2,
        3,
    );
    let started = pb.fill(
        "init.started",
        "Started a kam workspace in {dir}",
        &[("dir", &dir.display())],
    );
    let next = pb.text("init.next", "Next: kam new \"Client name\" --owner you, then kam check");
    print(&format!("{started}\n{files}\n{next}\n"))?;
    Ok(OK)
}

/// Whether anything (a link too) has this name.
fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Refuses, before anything is written, a file init would touch that is not a regular file, and
/// an `accounts/` that is not a folder inside `root`.
fn preflight(pb: &Playbook, dir: &Path, root: &Path) -> Result<()> {
    for name in [
        PLAYBOOK_FILE,
        ".gitignore",
        SCHEMA_FILE,
        ".taplo.toml",
        "accounts/.gitkeep",
    ] {
        let path = dir.join(name);
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if let Some(kind) = kind_of(&meta) {
            return Err(Error::usage_with_help(
                pb.fill(
                    "init.not_regular",
                    "{file} is {kind}; kam init reads and writes only regular files, so nothing was changed",
                    &[("file", &path.display()), ("kind", &kind.words(pb.words()))],
                ),
                pb.text(
                    "init.not_regular_help",
                    "replace it with a regular file (or remove it) and run kam init again",
                ),
            ));
        }
    }
    let accounts = dir.join(ACCOUNTS_DIR);
    if let Ok(meta) = std::fs::symlink_metadata(&accounts) {
        let inside = std::fs::canonicalize(&accounts).is_ok_and(|real| real.starts_with(root) && real.is_dir());
        if meta.file_type().is_symlink() && !inside || !meta.file_type().is_symlink() && !meta.is_dir() {
            return Err(Error::usage_with_help(
                pb.fill(
                    "init.accounts_outside",
                    "{accounts} is not a folder inside {dir}; nothing was changed",
                    &[("accounts", &accounts.display()), ("dir", &dir.display())],
                ),
                pb.text(
                    "init.accounts_outside_help",
                    "kam keeps the account files in a folder of the workspace itself",
                ),
            ));
        }
    }
    Ok(())
}

fn update_gitignore(pb: &Playbook, path: &Path, root: &Path) -> Result<()> {
    let current = match crate::io::source::read(path, root) {
        Ok((text, _, _)) => text,
        Err(crate::io::source::ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(crate::io::source::ReadError::Io(e)) => {
            return Err(Error::io(path, "io.read", "cannot read {path}: {error}", e));
        }
        Err(other) => {
            return Err(Error::usage_with_help(
                format!("{}: {}", path.display(), other.message_in(pb)),
                other.help_in(pb),
            ));
        }
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
    write_file(path, text.as_bytes(), Within::Workspace(root))
}
