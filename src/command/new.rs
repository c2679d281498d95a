//! `kam new NAME`: creates `accounts/<id>.toml` in the first stage. Refuses an id that exists,
//! that is not a safe ASCII slug or that Windows reserves (`con`, `nul`, `com1` …), and a name or
//! owner with a line break or another control character; the text is parsed again before it is
//! written, so nothing but the intended keys can get in.

use crate::Context;
use crate::cli::NewArgs;
use crate::command::writing::{people, refused};
use crate::domain::account::invisible::{code_point, is_invisible};
use crate::domain::account::slug::{is_one_line, is_reserved, is_slug, short_id, slugify, unique};
use crate::domain::edit::people::check_person;
use crate::domain::playbook::Playbook;
use crate::error::{Error, OK, Result};
use crate::io::git;
use crate::io::write::{Within, write_new};
use crate::output::print;
use crate::render::new_account::{new_account, verify};
use crate::render::visible::line;
use crate::workspace::Workspace;

/// Refuses a name or owner that would not stay on its line, or that holds an invisible character
/// (which `kam check` reports as KAM050: it can make the name read as another).
fn one_line(pb: &Playbook, what: &str, value: &str) -> Result<()> {
    if let Some(c) = value.chars().find(|c| is_invisible(*c)) {
        return Err(Error::usage_with_help(
            pb.fill(
                "new.invisible",
                "the {what} `{value}` holds the invisible character {char}; nothing was written",
                &[("what", &what), ("value", &line(value)), ("char", &code_point(c))],
            ),
            pb.text(
                "new.invisible_help",
                "type it again without that character: a reader cannot see it, and it can make the text read as another",
            ),
        ));
    }
    if is_one_line(value) {
        return Ok(());
    }
    Err(Error::usage_with_help(
        pb.fill(
            "new.not_one_line",
            "the {what} `{value}` holds a line break or a control character; nothing was written",
            &[("what", &what), ("value", &line(value))],
        ),
        pb.fill(
            "new.not_one_line_help",
            "give the {what} on one line, as plain text",
            &[("what", &what)],
        ),
    ))
}

pub fn run(args: &NewArgs, ctx: &Context) -> Result<i32> {
    let ws = Workspace::open(&ctx.start)?;
    let pb = &ws.playbook;
    let name = args.name.trim();
    if name.is_empty() {
        return Err(Error::usage(pb.text("new.name_empty", "the client's name is empty")));
    }
    // The words of the account's own fields: "name", "owner".
    let field = |id: &str| {
        pb.doc
            .account
            .fields
            .iter()
            .find(|f| f.id == id)
            .map_or_else(|| id.to_string(), |f| f.label.clone())
    };
    one_line(pb, &field("name"), &args.name)?;
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
    if is_reserved(&id) {
        return Err(Error::usage_with_help(
            pb.fill(
                "new.reserved_id",
                "`{id}` is a file name Windows keeps for a device; it cannot be an account id",
                &[("id", &id)],
            ),
            pb.text(
                "new.reserved_id_help",
                "choose another id with --id, e.g. the name with a word more",
            ),
        ));
    }
    if !is_slug(&id) {
        let help = if args.id.is_some() {
            pb.fill(
                "new.bad_id_help",
                "ids are lowercase ASCII letters, digits and single dashes, e.g. `{example}`",
                &[("example", &slugify(&id).chars().take(40).collect::<String>())],
            )
        } else {
            pb.text(
                "new.no_usable_id_help",
                "the name gives no usable id; pass one with --id",
            )
            .to_string()
        };
        return Err(Error::usage_with_help(
            pb.fill("new.bad_id", "`{id}` is not a valid account id", &[("id", &line(&id))]),
            help,
        ));
    }
    if taken.contains(&id)
        && let Ok(existing) = ws.account_path(&id)
    {
        return Err(Error::usage_with_help(
            pb.fill(
                "new.id_taken",
                "an account with id `{id}` already exists: {file}",
                &[("id", &id), ("file", &ws.name_of(&existing))],
            ),
            pb.text("new.id_taken_help", "choose another id with --id"),
        ));
    }
    let owner = match &args.owner {
        Some(o) if !o.trim().is_empty() => o.trim().to_string(),
        _ => git::user_name(&ws.root).ok_or_else(|| {
            Error::usage_with_help(
                pb.text("new.who_owns", "who owns the account?"),
                pb.text("new.who_owns_help", "pass --owner NAME (or set git config user.name)"),
            )
        })?,
    };
    one_line(pb, &field("owner"), &owner)?;
    if !args.new_person {
        let known = people(&ws).unwrap_or_default().everyone();
        check_person(
            &known,
            &owner,
            crate::domain::playbook::Said::new("edit.role.owner", "an owner"),
        )
        .map_err(refused)?;
    }
    let text = new_account(&ws.playbook, &id, name, &owner, ctx.today);
    verify(&ws.playbook, &text, &id, name, &owner).map_err(|why| {
        Error::usage_with_help(
            pb.fill(
                "new.not_as_meant",
                "kam would not write the new account as meant: {why}; nothing was written",
                &[("why", &why)],
            ),
            pb.text(
                "new.not_as_meant_help",
                "a name, owner or playbook label holds something that is not plain text",
            ),
        )
    })?;
    let dir = ws.accounts_dir();
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, "io.create", "cannot create {path}: {error}", e))?;
    ws.check_inside(&dir)?;
    let path = dir.join(format!("{id}.toml"));
    write_new(&path, text.as_bytes(), Within::Workspace(&ws.real_root))?;
    print(&format!(
        "{}\n",
        pb.fill("new.created", "created {file}", &[("file", &ws.name_of(&path))])
    ))?;
    Ok(OK)
}
