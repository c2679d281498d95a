//! `kam due` as text (one block per item: when, account, owner, what; why; what to do; the
//! command), Markdown, JSON and iCalendar ([`crate::render::ics`]). Every sentence is in the
//! playbook's words.

use std::fmt::Write;

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::agenda::{Item, Phrase, english, kind};
use crate::domain::playbook::Playbook;
use crate::render::report::text::wrap;
use crate::render::style;
use crate::render::table::{Column, Fit, Grid};

/// A phrase in the playbook's words, its `{arguments}` filled in.
pub fn say(pb: &Playbook, p: &Phrase) -> String {
    let mut text = pb.text(p.id, english(p.id)).to_string();
    for (name, value) in &p.args {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

fn word(pb: &Playbook, id: &'static str) -> String {
    say(pb, &Phrase::new(id, &[]))
}

/// "12d late", "today", "in 3d".
pub fn when(pb: &Playbook, late_days: i64) -> String {
    match late_days {
        0 => word(pb, "due.today"),
        d if d > 0 => say(pb, &Phrase::new("due.late", &[("days", d.to_string())])),
        d => say(pb, &Phrase::new("due.in", &[("days", (-d).to_string())])),
    }
}

/// The short name of an item's kind ("report missing").
pub fn kind_label(pb: &Playbook, item: &Item) -> String {
    let id = kind(item.kind)
        .and_then(|k| k.words().first().map(|(id, _)| *id))
        .unwrap_or("");
    pb.text(id, english(id)).to_string()
}

/// Why the item is there, with its details.
pub fn why(pb: &Playbook, item: &Item) -> String {
    let mut out = say(pb, &item.why);
    for d in &item.details {
        out.push_str("; ");
        out.push_str(&say(pb, d));
    }
    out
}

fn heading(pb: &Playbook, items: &[Item], today: NaiveDate, until: NaiveDate) -> String {
    let late = items.iter().filter(|i| i.late_days > 0).count();
    let n = if items.len() == 1 {
        word(pb, "due.item")
    } else {
        say(pb, &Phrase::new("due.items", &[("n", items.len().to_string())]))
    };
    say(
        pb,
        &Phrase::new(
            "due.agenda",
            &[
                ("from", today.to_string()),
                ("until", until.to_string()),
                ("items", n),
                ("late", late.to_string()),
            ],
        ),
    )
}

/// The agenda as text: one block per item, wrapped to `width`.
pub fn text(pb: &Playbook, items: &[Item], today: NaiveDate, until: NaiveDate, width: usize, color: bool) -> String {
    // Prose is wrapped to the terminal; on a pipe (no width known) to 80 columns.
    let width = if width == usize::MAX { 80 } else { width.clamp(40, 100) };
    let mut out = heading(pb, items, today, until);
    out.push_str("\n\n");
    if items.is_empty() {
        out.push_str(&word(pb, "due.nothing"));
        out.push('\n');
        return out;
    }
    for item in items {
        let w = when(pb, item.late_days);
        let owner = if item.owner.is_empty() {
            String::new()
        } else {
            format!(" · {}", item.owner)
        };
        let _ = writeln!(
            out,
            "{}  {}  {}{owner} · {}",
            item.date,
            style::paint_opt(&w, style::late(item.late_days), color),
            item.id,
            kind_label(pb, item)
        );
        for (i, line) in wrap(&why(pb, item), width - 4).iter().enumerate() {
            let _ = writeln!(out, "{}{line}", if i == 0 { "  ▸ " } else { "    " });
        }
        for (i, line) in wrap(&say(pb, &item.action), width - 4).iter().enumerate() {
            let _ = writeln!(out, "{}{line}", if i == 0 { "  → " } else { "    " });
        }
        if let Some(cmd) = &item.command {
            let _ = writeln!(out, "    {cmd}");
        }
        out.push('\n');
    }
    out
}

pub fn markdown(pb: &Playbook, items: &[Item], today: NaiveDate, until: NaiveDate) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## {}\n", heading(pb, items, today, until));
    if items.is_empty() {
        let _ = writeln!(out, "{}", word(pb, "due.nothing"));
        return out;
    }
    let col = |key: &'static str, id: &'static str| Column::new(key, word(pb, id));
    let mut g = Grid::new(vec![
        col("date", "due.date"),
        col("when", "due.when"),
        col("account", "due.account"),
        col("owner", "due.who").fit(Fit::Truncate),
        col("item", "due.what"),
        col("why", "due.why").fit(Fit::Wrap),
        col("do", "due.do").fit(Fit::Wrap),
    ]);
    for item in items {
        let mut action = say(pb, &item.action);
        if let Some(cmd) = &item.command {
            let _ = write!(action, " (`{cmd}`)");
        }
        g.push(vec![
            Some(item.date.to_string()),
            Some(when(pb, item.late_days)),
            Some(item.id.clone()),
            Some(item.owner.clone()).filter(|o| !o.is_empty()),
            Some(kind_label(pb, item)),
            Some(why(pb, item)),
            Some(action),
        ]);
    }
    out.push_str(&g.markdown());
    out
}

#[derive(Serialize)]
struct JsonItem<'a> {
    date: NaiveDate,
    late_days: i64,
    kind: &'a str,
    id: &'a str,
    name: &'a str,
    owner: &'a str,
    account_owner: &'a str,
    subject: &'a str,
    why: String,
    action: String,
    command: Option<&'a str>,
}

/// An array of items: `{date, late_days, kind, id, name, owner, account_owner, subject, why,
/// action, command}`.
pub fn json(pb: &Playbook, items: &[Item]) -> String {
    let out: Vec<JsonItem<'_>> = items
        .iter()
        .map(|i| JsonItem {
            date: i.date,
            late_days: i.late_days,
            kind: i.kind,
            id: &i.id,
            name: &i.name,
            owner: &i.owner,
            account_owner: &i.account_owner,
            subject: &i.subject,
            why: why(pb, i),
            action: say(pb, &i.action),
            command: i.command.as_deref(),
        })
        .collect();
    crate::render::visible::json_pretty(&out, "[]")
}
