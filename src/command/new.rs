//! `kam new NAME`: creates `accounts/<id>.toml` in the first stage. Refuses an id that exists or
//! that is not a safe ASCII slug.

use crate::Context;
use crate::cli::NewArgs;
use crate::command::writing::{people, refused};
use crate::domain::account::slug::{is_slug, short_id, slugify, unique};
use crate::domain::edit::people::check_person;
use crate::error::{Error, OK, Result};
use crate::io::git;
use crate::io::write::write_new;
use crate::output::print;
use crate::render::new_account::new_account;
use crate::workspace::Workspace;

pub fn run(args: &NewArgs, ctx: &Context) -> Result<i32> {
    let ws = Workspace::open(&ctx.start)?;
    let name = args.name.trim();
    if name.is_empty() {
        return Err(Error::usage("the client's name is empty"));
    }
    let taken: Vec<String> = ws
        .account_files()
        .unwrap_or_default()
        .iter()
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    // A made id is short (no legal form, at most 32 characters) and made unique with -2, -3 …;
    // an id given with --id is taken as it is or refused.
    let id = match &args.id {
        Some(id) => id.clone(),
        None => unique(&short_id(name, 32), |c| taken.iter().any(|t| t == c)),
    };
    if !is_slug(&id) {
        let help = if args.id.is_some() {
            format!(
                "ids are lowercase ASCII letters, digits and single dashes, e.g. `{}`",
                slugify(&id).chars().take(40).collect::<String>()
            )
        } else {
            "the name gives no usable id; pass one with --id".to_string()
        };
        return Err(Error::usage_with_help(
            format!("`{id}` is not a valid account id"),
            help,
        ));
    }
    if taken.contains(&id)
        && let Ok(existing) = ws.account_path(&id)
    {
        return Err(Error::usage_with_help(
            format!("an account with id `{id}` already exists: {}", ws.name_of(&existing)),
            "choose another id with --id",
        ));
    }
    let owner = match &args.owner {
        Some(o) if !o.trim().is_empty() => o.trim().to_string(),
        _ => git::user_name(&ws.root).ok_or_else(|| {
            Error::usage_with_help(
                "who owns the account?",
                "pass --owner NAME (or set git config user.name)",
            )
        })?,
    };
    if !args.new_person {
        let known = people(&ws).unwrap_or_default().everyone();
        check_person(&known, &owner, "an owner").map_err(refused)?;
    }
    let dir = ws.accounts_dir();
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, "create", e))?;
    let path = dir.join(format!("{id}.toml"));
    write_new(
        &path,
        new_account(&ws.playbook, &id, name, &owner, ctx.today).as_bytes(),
    )?;
    print(&format!("created {}\n", ws.name_of(&path)))?;
    Ok(OK)
}
