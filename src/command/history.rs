//! `kam history ID`: every commit that changed the account's file (renames followed), newest
//! first, each read as a business change. git lists the commits (`git log --follow`); both
//! versions of every commit come from one `git cat-file --batch-check` and one `--batch`, blobs
//! over the size limit left unread.

use rayon::prelude::*;

use crate::Context;
use crate::cli_director::{HistoryArgs, HistoryFormat};
use crate::domain::review::commits::{Event, Step, Text, event};
use crate::error::{Error, OK, Result};
use crate::io::snapshot::prefix;
use crate::io::source::MAX_FILE_BYTES;
use crate::io::{git, git_log};
use crate::output::print;
use crate::render::director::history as render;
use crate::workspace::Workspace;

/// The texts of `commit:path` for each spec (`None`: no path), size-limited.
fn texts(root: &std::path::Path, specs: &[Option<String>]) -> Result<Vec<Text>> {
    let asked: Vec<String> = specs.iter().flatten().cloned().collect();
    let sizes = git_log::blob_sizes(root, &asked)?;
    let oids: Vec<String> = sizes
        .iter()
        .flatten()
        .filter(|(_, size)| *size <= MAX_FILE_BYTES)
        .map(|(oid, _)| oid.clone())
        .collect();
    let mut blobs = git_log::blobs(root, &oids)?.into_iter();
    let mut sizes = sizes.into_iter();
    Ok(specs
        .iter()
        .map(|spec| {
            if spec.is_none() {
                return Text::Absent;
            }
            match sizes.next().flatten() {
                None => Text::Absent,
                Some((_, size)) if size > MAX_FILE_BYTES => Text::Unreadable(format!(
                    "the file is {size} bytes; kam refuses files over {MAX_FILE_BYTES} bytes"
                )),
                Some(_) => match blobs.next().flatten().map(String::from_utf8) {
                    Some(Ok(t)) => Text::Readable(t),
                    Some(Err(_)) => Text::Unreadable("the file is not UTF-8 text".into()),
                    None => Text::Absent,
                },
            }
        })
        .collect())
}

pub fn run(args: &HistoryArgs, ctx: &Context) -> Result<i32> {
    let ws = Workspace::open(&ctx.start)?;
    let prefix = prefix(&ws, "kam history")?;
    let path = ws.account_path(&args.id)?;
    let name = ws.name_of(&path);
    // The account as resolved from what was typed (a prefix names it in full).
    let id = path
        .file_stem()
        .map_or_else(|| args.id.clone(), |s| s.to_string_lossy().into_owned());
    let root = ws.root.as_path();
    if git::resolve(root, "HEAD").is_err() {
        return Err(Error::usage_with_help(
            "the repository has no commits yet, so the account has no history",
            "commit the accounts first (git add accounts && git commit)",
        ));
    }
    let log = git_log::file_log(root, "HEAD", &format!("{prefix}{name}"))?;
    let local = |p: &Option<String>| {
        p.as_deref()
            .and_then(|p| p.strip_prefix(prefix.as_str()))
            .map(str::to_string)
    };
    let specs: Vec<Option<String>> = log
        .iter()
        .flat_map(|c| {
            [
                c.old.as_ref().map(|p| format!("{}^:{p}", c.id)),
                c.new.as_ref().map(|p| format!("{}:{p}", c.id)),
            ]
        })
        .collect();
    let texts = texts(root, &specs)?;
    let paths: Vec<(Option<String>, Option<String>)> = log.iter().map(|c| (local(&c.old), local(&c.new))).collect();
    let events: Vec<Event> = log
        .par_iter()
        .zip(texts.par_chunks(2))
        .zip(paths.par_iter())
        .map(|((c, pair), (old, new))| {
            event(
                &ws.playbook,
                &Step {
                    commit: &c.id,
                    date: &c.date,
                    author: &c.author,
                    subject: &c.subject,
                    before: (old.as_deref(), &pair[0]),
                    after: (new.as_deref(), &pair[1]),
                },
            )
        })
        .collect();
    let pb = &ws.playbook;
    let out = match args.format {
        HistoryFormat::Text => render::text(pb, &id, &name, &events, ctx.color),
        HistoryFormat::Md => render::markdown(pb, &id, &name, &events),
        HistoryFormat::Json => render::json(&id, &name, &events),
    };
    print(&out)?;
    Ok(OK)
}
