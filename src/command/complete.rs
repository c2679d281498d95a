//! `kam __complete SHELL -- WORDS…`: the candidates the shell scripts of `kam completions` ask
//! for. Subcommands, options and their fixed values come from the clap definitions; account ids,
//! contact ids, stages, fields, visit forms, owners and the like from the workspace the shell is
//! in (or `-C DIR`). Bash passes the line up to the cursor (kam splits it, quotes and all); zsh
//! and fish pass the words, the current one last. Each line is `candidate` or
//! `candidate<TAB>description`; for bash, candidates start after the last `=` or `:` of the word,
//! where bash splits words.

use std::fmt::Write;
use std::path::PathBuf;

use clap::CommandFactory;

use crate::Context;
use crate::cli::Cli;
use crate::cli_daily::CompleteArgs;
use crate::domain::account::Account;
use crate::domain::agenda::KINDS;
use crate::domain::edit::complete::{contacts, paths, record_keys};
use crate::domain::edit::people::People;
use crate::domain::edit::task::tasks;
use crate::domain::playbook::Playbook;
use crate::error::{OK, Result};
use crate::io::account_file;
use crate::output::print_framed;
use crate::workspace::Workspace;

/// A candidate and its description.
type Cand = (String, String);

/// What the command line says so far.
struct Line {
    /// Subcommand path (`task`, `add`).
    path: Vec<String>,
    /// Positional values given so far.
    positionals: Vec<String>,
    /// The option whose value is being completed, if any.
    option: Option<String>,
    start: Option<PathBuf>,
}

fn words_of(args: &CompleteArgs) -> Vec<String> {
    if args.shell == "bash" && args.words.len() == 1 {
        let line = &args.words[0];
        let mut words =
            shell_words::split(line).unwrap_or_else(|_| line.split_whitespace().map(str::to_string).collect());
        if line.ends_with(' ') || words.is_empty() {
            words.push(String::new());
        }
        return words;
    }
    args.words.clone()
}

fn takes_value(cmd: &clap::Command, flag: &str) -> Option<String> {
    let arg = cmd.get_arguments().find(|a| {
        flag.strip_prefix("--").is_some_and(|l| a.get_long() == Some(l))
            || (flag.len() == 2 && flag.starts_with('-') && a.get_short() == flag.chars().nth(1))
    })?;
    let takes = arg.get_action().takes_values();
    takes.then(|| arg.get_id().to_string())
}

fn walk(words: &[String]) -> (Line, clap::Command) {
    let mut cmd = Cli::command();
    let mut line = Line {
        path: Vec::new(),
        positionals: Vec::new(),
        option: None,
        start: None,
    };
    let mut i = 1;
    let last = words.len().saturating_sub(1);
    while i < last {
        let w = &words[i];
        if w.starts_with('-') && w.len() > 1 {
            let flag = w.split('=').next().unwrap_or(w);
            if !w.contains('=')
                && let Some(id) = takes_value(&cmd, flag)
            {
                if i + 1 == last {
                    line.option = Some(id);
                } else if id == "chdir" {
                    line.start = words.get(i + 1).map(PathBuf::from);
                }
                i += 2;
                continue;
            }
        } else if let Some(sub) = cmd.find_subcommand(w).cloned() {
            line.path.push(w.clone());
            cmd = sub;
            line.positionals.clear();
        } else {
            line.positionals.push(w.clone());
        }
        i += 1;
    }
    (line, cmd)
}

/// A parsed account file (its text kept alive by the caller).
fn account_text(ws: &Workspace, id: &str) -> Option<String> {
    let path = ws.account_path(id).ok()?;
    ws.load(&path).ok().map(|s| s.text)
}

fn ids(ws: &Workspace) -> Vec<Cand> {
    ws.account_files()
        .unwrap_or_default()
        .iter()
        .filter_map(|p| p.file_stem().map(|s| (s.to_string_lossy().into_owned(), String::new())))
        .collect()
}

fn people(ws: &Workspace) -> Vec<Cand> {
    let mut all = People::default();
    for p in ws.account_files().unwrap_or_default() {
        if let Ok(src) = ws.load(&p)
            && let Ok(root) = account_file::parse(&src.text)
        {
            all.add(&Account::new(&root));
        }
    }
    all.everyone.into_iter().map(|p| (p, String::new())).collect()
}

fn values(pb: &Playbook, name: &str) -> Vec<Cand> {
    pb.enum_values(name)
        .unwrap_or_default()
        .iter()
        .map(|v| (v.id.clone(), v.label.clone()))
        .collect()
}

fn stages(pb: &Playbook) -> Vec<Cand> {
    pb.stages()
        .iter()
        .map(|s| (s.id.clone(), s.label.clone()))
        .chain(pb.doc.outcomes.iter().map(|o| (o.id.clone(), o.label.clone())))
        .collect()
}

fn candidates(ws: &Workspace, line: &Line, cmd: &clap::Command, cur: &str, today: chrono::NaiveDate) -> Vec<Cand> {
    let pb = &ws.playbook;
    let account = line.positionals.first().cloned().unwrap_or_default();
    let root_text = if account.is_empty() {
        None
    } else {
        account_text(ws, &account)
    };
    let parsed = root_text.as_deref().and_then(|t| account_file::parse(t).ok());
    if let Some(option) = &line.option {
        return match option.as_str() {
            "owner" => people(ws),
            "stage" | "to" => stages(pb),
            "form" => values(pb, "visit_form"),
            "role" => values(pb, "role"),
            "stance" => values(pb, "stance"),
            "kind" => KINDS.iter().map(|k| (k.id().to_string(), String::new())).collect(),
            "tier" => pb
                .doc
                .scoring
                .tiers
                .iter()
                .map(|t| (t.id.clone(), t.label.clone()))
                .collect(),
            "with" => parsed.as_ref().map(contacts).unwrap_or_default(),
            "visit" => parsed.as_ref().map(|r| record_keys(r, "visits")).unwrap_or_default(),
            "chdir" => Vec::new(),
            id => cmd
                .get_arguments()
                .find(|a| a.get_id() == id)
                .map(|a| {
                    a.get_possible_values()
                        .iter()
                        .map(|v| {
                            (
                                v.get_name().to_string(),
                                v.get_help().map(ToString::to_string).unwrap_or_default(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default(),
        };
    }
    if cur.starts_with('-') {
        return cmd
            .get_arguments()
            .chain(Cli::command().get_arguments().filter(|a| a.is_global_set()))
            .filter(|a| !a.is_hide_set())
            .filter_map(|a| {
                a.get_long().map(|l| {
                    (
                        format!("--{l}"),
                        a.get_help().map(ToString::to_string).unwrap_or_default(),
                    )
                })
            })
            .collect();
    }
    let subs: Vec<Cand> = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .map(|s| {
            (
                s.get_name().to_string(),
                s.get_about().map(ToString::to_string).unwrap_or_default(),
            )
        })
        .collect();
    let path: Vec<&str> = line.path.iter().map(String::as_str).collect();
    let n = line.positionals.len();
    match (path.as_slice(), n) {
        ([] | ["report"], _) | (["task" | "contact"], 1) => subs,
        (["check"], _)
        | (
            [
                "gate" | "score" | "advance" | "show" | "log" | "set" | "unset" | "task" | "evidence" | "contact"
                | "edit",
            ]
            | ["report", _],
            0,
        ) => ids(ws),
        (["set"], _) => parsed.as_ref().map(|r| paths(pb, r, cur, true)).unwrap_or_default(),
        (["unset"], _) => parsed.as_ref().map(|r| paths(pb, r, cur, false)).unwrap_or_default(),
        (["evidence"], 1) => {
            let stage = parsed
                .as_ref()
                .map(|r| Account::new(r).stage_id().to_string())
                .unwrap_or_default();
            pb.stage(&stage)
                .map(|s| {
                    s.exit
                        .iter()
                        .filter(|i| i.evidence.is_some())
                        .map(|i| (i.id.clone(), i.label.clone()))
                        .collect()
                })
                .unwrap_or_default()
        }
        (["task", "done"], _) => parsed
            .as_ref()
            .map(|r| {
                tasks(r, today)
                    .into_iter()
                    .filter(super::super::domain::edit::task::TaskRow::is_open)
                    .map(|t| (t.n.to_string(), t.task))
                    .collect()
            })
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

pub fn run(args: &CompleteArgs, ctx: &Context) -> Result<i32> {
    let words = words_of(args);
    let cur = words.last().cloned().unwrap_or_default();
    let (mut line, cmd) = walk(&words);
    if line.path.first().is_some_and(|p| p == "task" || p == "contact") && line.path.len() > 1 {
        // `kam task ID done N`: the id is the parent's positional.
        line.positionals.clear();
    }
    let start = line
        .start
        .clone()
        .map_or_else(|| ctx.start.clone(), |d| ctx.start.join(d));
    let Ok(ws) = Workspace::open(&start) else { return Ok(OK) };
    if line.path.first().is_some_and(|p| p == "task" || p == "contact") && line.path.len() > 1 {
        let all = walk_parent_id(&words);
        line.positionals = all.into_iter().collect();
    }
    let (prefix, value_cur) = match cur.split_once('=') {
        Some((flag, v)) if flag.starts_with("--") && line.option.is_none() => {
            line.option = takes_value(&cmd, flag);
            (format!("{flag}="), v.to_string())
        }
        _ => (String::new(), cur.clone()),
    };
    // Lists: complete the item after the last comma.
    let (list_head, item) = match (&line.option, value_cur.rsplit_once(',')) {
        (Some(_), Some((head, item))) => (format!("{head},"), item.to_string()),
        _ => (String::new(), value_cur.clone()),
    };
    let mut out = String::new();
    for (cand, desc) in candidates(&ws, &line, &cmd, &item, ctx.today) {
        let full = format!("{prefix}{list_head}{cand}");
        if !full.starts_with(&cur) {
            continue;
        }
        let shown = if args.shell == "bash" {
            let cut = cur.rfind(['=', ':']).map_or(0, |i| i + 1);
            full[cut.min(full.len())..].to_string()
        } else {
            full
        };
        let desc = desc.replace(['\t', '\n'], " ");
        if args.shell == "bash" || desc.is_empty() {
            out.push_str(&shown);
        } else {
            let _ = write!(out, "{shown}\t{desc}");
        }
        out.push('\n');
    }
    print_framed(&out)?;
    Ok(OK)
}

/// The account id of `kam task ID …` / `kam contact ID …`: the first positional after the command.
fn walk_parent_id(words: &[String]) -> Option<String> {
    words.iter().skip(2).find(|w| !w.starts_with('-')).cloned()
}
