//! `kam list --group-by`: the pipeline group by group (region, owner, level, approach), each
//! headed by its counts against the year's plan — accounts against the clients planned, people
//! against the headcount planned, contacts of the last 12 months against what the cadence asks —
//! and, after the groups, the plan's forecast, turnover and how a salesperson's day divides.

use std::fmt::Write;

use crate::domain::gate::status::Status;
use crate::domain::planning::{GroupBy, group_key, groups};
use crate::domain::playbook::Playbook;
use crate::render::list::{Row, fitted, grid, summary};
use crate::render::report::common::amount;
use crate::render::report::words::Words;
use crate::render::table::md_escape;

/// The heading of one group.
fn heading(w: &Words<'_>, g: &crate::domain::planning::Group) -> String {
    let accounts = match g.plan_clients {
        Some(plan) => w.fill(
            "plan.accounts_of",
            &[("n", &g.accounts.to_string()), ("plan", &plan.to_string())],
        ),
        None => w.fill("plan.accounts", &[("n", &g.accounts.to_string())]),
    };
    let people = match g.plan_people {
        Some(plan) => w.fill(
            "plan.people_of",
            &[("n", &g.people.to_string()), ("plan", &plan.to_string())],
        ),
        None => w.fill("plan.people", &[("n", &g.people.to_string())]),
    };
    let contacts = if g.contacts_planned > 0 {
        w.fill(
            "plan.contacts_of",
            &[
                ("contacts", &g.contacts.to_string()),
                ("planned", &g.contacts_planned.to_string()),
            ],
        )
    } else {
        w.fill("plan.contacts", &[("contacts", &g.contacts.to_string())])
    };
    w.fill(
        "plan.group",
        &[
            ("label", &g.label),
            ("accounts", &accounts),
            ("people", &people),
            ("contacts", &contacts),
        ],
    )
}

/// The plan's figures for the year, when the playbook has them.
fn plan_lines(pb: &Playbook, w: &Words<'_>) -> Vec<String> {
    let Some(plan) = &pb.doc.planning else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(forecast) = plan.forecast {
        let people: u32 = plan.regions.values().filter_map(|r| r.people).sum();
        let cur = &pb.doc.policy.currency;
        let per = if people > 0 {
            forecast / f64::from(people)
        } else {
            forecast
        };
        out.push(w.fill(
            "plan.forecast",
            &[
                ("forecast", &format!("{} {cur}", amount(forecast))),
                ("per", &format!("{} {cur}", amount(per))),
                ("people", &people.to_string()),
                ("turnover", &plan.turnover.map_or_else(|| "—".to_string(), amount)),
            ],
        ));
    }
    if !plan.day.is_empty() {
        let shares: Vec<String> = plan
            .day
            .iter()
            .map(|d| format!("{} {} %", d.label, amount(d.percent)))
            .collect();
        out.push(w.fill("plan.day", &[("shares", &shares.join(w.get("report.list_separator")))]));
    }
    if !out.is_empty() {
        out.push(w.get("plan.more").to_string());
    }
    out
}

/// The grouped list as text (or Markdown with `md`).
pub fn grouped(pb: &Playbook, rows: &[Row], by: GroupBy, width: usize, color: bool, md: bool) -> String {
    let w = Words::new(pb);
    let statuses: Vec<&Status> = rows
        .iter()
        .filter_map(|r| match r {
            Row::Account(s) => Some(s.as_ref()),
            Row::Unreadable { .. } => None,
        })
        .collect();
    let mut out = String::new();
    for g in groups(pb, &statuses, by) {
        let members: Vec<Row> = rows
            .iter()
            .filter(|r| matches!(r, Row::Account(s) if group_key(s, by) == g.key))
            .cloned()
            .collect();
        let head = heading(&w, &g);
        if md {
            let _ = writeln!(out, "### {}\n", md_escape(&head));
            if !members.is_empty() {
                let _ = writeln!(out, "{}", grid(pb, &members, false, usize::MAX).markdown());
            }
        } else {
            let _ = writeln!(out, "{head}");
            if !members.is_empty() {
                out.push_str(&fitted(pb, &members, width, color));
            }
            out.push('\n');
        }
    }
    let unreadable: Vec<Row> = rows
        .iter()
        .filter(|r| matches!(r, Row::Unreadable { .. }))
        .cloned()
        .collect();
    if !unreadable.is_empty() {
        let table = grid(pb, &unreadable, false, width);
        let _ = writeln!(
            out,
            "{}",
            if md {
                table.markdown()
            } else {
                table.text_colored(width, color)
            }
        );
    }
    let mut tail = vec![summary(pb, rows)];
    if matches!(by, GroupBy::Region | GroupBy::Owner) {
        tail.extend(plan_lines(pb, &w));
    }
    for line in tail {
        let _ = writeln!(out, "{}", if md { md_escape(&line) } else { line });
    }
    out
}
