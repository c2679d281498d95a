//! `kam history` as text, Markdown and JSON: a heading, then per commit (newest first) its date,
//! author, subject and short id, and what changed, in the words of `kam diff`.

use std::fmt::Write;

use serde::Serialize;

use crate::domain::playbook::Playbook;
use crate::domain::review::commits::Event;
use crate::render::director::words::Words;
use crate::render::review::markdown::account_md;
use crate::render::review::text::account;
use crate::render::table::md_escape;

fn short(id: &str) -> &str {
    id.get(..10).unwrap_or(id)
}

fn title(pb: &Playbook, id: &str, file: &str, events: &[Event]) -> String {
    let w = Words::new(pb);
    format!(
        "{} ({file}) · {}",
        w.fill("history.title", &[("account", id)]),
        w.fill("history.commits", &[("n", &events.len().to_string())])
    )
}

fn day(date: &str) -> &str {
    date.get(..10).unwrap_or(date)
}

pub fn text(pb: &Playbook, id: &str, file: &str, events: &[Event], color: bool) -> String {
    let w = Words::new(pb);
    let mut out = format!("{}\n", title(pb, id, file, events));
    if events.is_empty() {
        let _ = writeln!(out, "{}", w.get("history.none"));
    }
    for e in events {
        let _ = writeln!(
            out,
            "\n{}  {}  {}  ({})",
            day(&e.date),
            e.author,
            e.subject,
            short(&e.commit)
        );
        if let Some(old) = &e.change.old_file {
            let _ = writeln!(out, "  {:<10} {old} → {}", w.get("history.file"), e.change.file);
        }
        if let Some((from, to)) = &e.handover {
            let _ = writeln!(out, "  {:<10} {from} → {to}", w.get("history.handover"));
        }
        let mut body = String::new();
        account(pb, &e.change, color, &mut body);
        // The account's own header line repeats the id: keep what changed, indented.
        for line in body.lines().skip(1) {
            let _ = writeln!(out, "{line}");
        }
    }
    out
}

pub fn markdown(pb: &Playbook, id: &str, file: &str, events: &[Event]) -> String {
    let w = Words::new(pb);
    let mut out = format!("# {}\n", md_escape(&title(pb, id, file, events)));
    if events.is_empty() {
        let _ = writeln!(out, "\n{}", md_escape(w.get("history.none")));
    }
    for e in events {
        let _ = writeln!(
            out,
            "\n## {} · {} · {} (`{}`)",
            day(&e.date),
            md_escape(&e.author),
            md_escape(&e.subject),
            short(&e.commit)
        );
        if let Some((from, to)) = &e.handover {
            let _ = writeln!(
                out,
                "\n- **{}**: {} → {}",
                md_escape(w.get("history.handover")),
                md_escape(from),
                md_escape(to)
            );
        }
        let section = account_md(pb, &e.change);
        // Drop the account's own heading and fold: the commit's heading stands for it.
        let body: Vec<&str> = section
            .lines()
            .filter(|l| !l.starts_with("### ") && !l.starts_with("<details>") && !l.starts_with("</details>"))
            .collect();
        let body = body.join("\n");
        let _ = writeln!(out, "{}", body.trim_end());
    }
    out
}

#[derive(Serialize)]
struct Json<'a> {
    account: &'a str,
    file: &'a str,
    commits: &'a [Event],
}

pub fn json(id: &str, file: &str, events: &[Event]) -> String {
    let mut out = serde_json::to_string_pretty(&Json {
        account: id,
        file,
        commits: events,
    })
    .unwrap_or_else(|_| "{}".to_string());
    out.push('\n');
    out
}
