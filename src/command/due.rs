//! `kam due`: the agenda — what is due within `--within` days or late, by date, each item with
//! why and what to do. Every account file is read once, in parallel; files that cannot be read
//! are named on stderr for `kam check`. `--owner` must name someone the accounts know.

use chrono::Days;

use crate::Context;
use crate::cli_review::{DueArgs, DueFormat};
use crate::command::accounts;
use crate::command::writing::refused;
use crate::domain::account::Account;
use crate::domain::agenda::{Facts, Item, agenda, kind_named, sort};
use crate::domain::edit::people::{OwnerFilter, People};
use crate::domain::gate::status::status;
use crate::error::{Error, OK, Result};
use crate::io::account_file;
use crate::output::{print, print_framed, table_width};
use crate::render::due as render;
use crate::render::ics;
use crate::workspace::Workspace;

/// One file's items and people, or the name of a file that cannot be read.
enum Read {
    Items(Vec<Item>, People),
    Unreadable(String),
}

pub fn run(args: &DueArgs, ctx: &Context) -> Result<i32> {
    let ws = Workspace::open(&ctx.start)?;
    let pb = &ws.playbook;
    let mut kinds: Vec<&str> = Vec::new();
    for k in &args.kind {
        match kind_named(pb, k) {
            Ok(id) => kinds.push(id),
            Err(close) => {
                // Each kind by its id and, where the playbook words it, its label (both are taken).
                let kinds: Vec<String> = crate::domain::agenda::KINDS
                    .iter()
                    .map(|k| {
                        let id = format!("`{}`", k.id());
                        let key = format!("due.{}", k.id());
                        match pb.doc.text.get(&key) {
                            Some(label) => {
                                pb.fill("report.aside", "{main} ({aside})", &[("main", &id), ("aside", label)])
                            }
                            None => id,
                        }
                    })
                    .collect();
                let all = pb.fill(
                    "due.kinds",
                    "kinds: {kinds}",
                    &[("kinds", &kinds.join(pb.text("report.list_separator", ", ")))],
                );
                return Err(Error::usage_with_help(
                    pb.fill(
                        "due.not_a_kind",
                        "`{kind}` is not a kind of agenda item",
                        &[("kind", k)],
                    ),
                    match close {
                        Some(id) => format!("{} {all}", pb.did_you_mean(id)),
                        None => all,
                    },
                ));
            }
        }
    }
    let until = ctx
        .today
        .checked_add_days(Days::new(u64::from(args.within)))
        .unwrap_or(ctx.today);
    let files = ws.account_files()?;
    let read = ws.map_files(&files, |loaded| {
        let src = match loaded {
            Ok(src) => src,
            Err((name, _)) => return Read::Unreadable(name),
        };
        let Ok(root) = account_file::parse(&src.text) else {
            return Read::Unreadable(src.name);
        };
        let account = Account::new(&root);
        let stem = std::path::Path::new(&src.name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let s = status(pb, &account, &stem, &src.name, ctx.today);
        let facts = Facts {
            pb,
            account: &account,
            root: &root,
            status: &s,
            today: ctx.today,
        };
        let mut people = People::default();
        people.add(&account);
        Read::Items(agenda(&facts, until), people)
    });
    let mut people = People::default();
    let mut items: Vec<Item> = Vec::new();
    for r in read {
        match r {
            Read::Items(i, p) => {
                items.extend(i);
                people.merge(p);
            }
            Read::Unreadable(file) => accounts::warn_unreadable(pb, &file),
        }
    }
    // Who acts on an item: a task's owner as well as the account's.
    let owners = OwnerFilter::checked(people.everyone.iter().map(String::as_str), &args.owner).map_err(refused)?;
    items.retain(|i| owners.admits(&i.owner) || owners.admits(&i.account_owner));
    if !kinds.is_empty() {
        items.retain(|i| kinds.contains(&i.kind));
    }
    sort(&mut items);
    let out = match args.format {
        DueFormat::Table => render::text(pb, &items, ctx.today, until, table_width(), ctx.color),
        DueFormat::Md => render::markdown(pb, &items, ctx.today, until),
        DueFormat::Json => render::json(pb, &items),
        DueFormat::Ics => ics::calendar(pb, &items, ctx.today),
    };
    if args.format == DueFormat::Ics {
        print_framed(&out)?;
    } else {
        print(&out)?;
    }
    Ok(OK)
}
