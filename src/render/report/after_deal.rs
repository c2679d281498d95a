//! The layout of the after-the-deal report: contracts and renewals, receivables and payments with
//! every overdue item's cause and response, the promotion plan, return visits, aftercare and the
//! retrospective — gaps flagged, empty parts a prompt saying what to write.

use chrono::NaiveDate;

use crate::domain::after_deal::money::{Money, group};
use crate::domain::after_deal::receivables::advice;
use crate::domain::playbook::Playbook;
use crate::domain::report::after_deal::AfterDealReport;
use crate::render::report::common::{document, header_fields};
use crate::render::report::retro::{status_line, visit_table};
use crate::render::report::words::Words;
use crate::render::report::{Block, Doc};
use crate::render::table::ABSENT;

type Part = (String, Vec<Block>);

fn date(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| ABSENT.to_string(), |d| d.to_string())
}

fn money(m: Option<&Money>) -> String {
    m.map_or_else(String::new, ToString::to_string)
}

/// The report as a document.
pub fn after_deal_doc(pb: &Playbook, r: &AfterDealReport) -> Doc {
    let w = Words::new(pb);
    let mut intro = header_fields(pb, &w, &r.header);
    if let Some(won) = r.won {
        intro.push((w.get("after.won").to_string(), won.to_string()));
    }
    let sections = vec![
        contracts(&w, r),
        receivables(pb, &w, r),
        promotion(&w, r),
        return_visits(&w, r),
        aftercare(&w, r),
        retro(pb, &w, r),
    ];
    let title = w.fill("after.title", &[("client", &r.header.client)]);
    document(&w, title, &r.omitted, vec![Block::Fields(intro)], sections)
}

fn contracts(w: &Words<'_>, report: &AfterDealReport) -> Part {
    let title = w.get("after.contracts").to_string();
    if report.contracts.is_empty() {
        return (title, vec![Block::Prompt(w.get("after.no_contracts").to_string())]);
    }
    let mut covers = Vec::new();
    let rows = report
        .contracts
        .iter()
        .map(|line| {
            let c = &line.contract;
            let number = if line.sub {
                w.fill("after.sub", &[("number", &c.number)])
            } else {
                c.number.clone()
            };
            let term = match (c.starts.or(c.signed), c.expires) {
                (_, None) => String::new(),
                (Some(a), Some(b)) => format!("{a} –\n{b}"),
                (None, Some(b)) => format!("– {b}"),
            };
            let what: Vec<&str> = [c.title.as_deref(), c.scope.as_deref()].into_iter().flatten().collect();
            if !what.is_empty() {
                covers.push(w.fill("report.fact", &[("label", &c.number), ("value", &what.join(" — "))]));
            }
            vec![
                number,
                c.kind_label.clone().unwrap_or_default(),
                date(c.signed),
                money(c.amount.as_ref()),
                term,
            ]
        })
        .collect();
    let headers = [
        "after.number",
        "after.kind",
        "after.signed",
        "after.amount",
        "after.term",
    ]
    .iter()
    .map(|id| w.get(id).to_string())
    .collect();
    let mut blocks = vec![Block::Table { headers, rows }];
    if !covers.is_empty() {
        blocks.push(Block::Subheading(w.get("after.covers").to_string()));
        blocks.push(Block::List(covers));
    }
    for renewal in &report.renewals {
        blocks.push(Block::Flag(w.fill(
            "after.renew",
            &[("number", &renewal.number), ("date", &renewal.expires.to_string())],
        )));
    }
    (title, blocks)
}

fn receivables(pb: &Playbook, w: &Words<'_>, r: &AfterDealReport) -> Part {
    let title = w.get("after.receivables").to_string();
    if r.receivables.is_empty() {
        return (title, vec![Block::Prompt(w.get("after.no_receivables").to_string())]);
    }
    let mut rows = Vec::new();
    let mut flags = Vec::new();
    for x in &r.receivables {
        let what = match &x.item {
            Some(item) => format!("{}\n{item}", x.contract),
            None => x.contract.clone(),
        };
        let currency = x.amount.as_ref().map_or("", |m| m.currency.as_str());
        let paid = if x.payments.is_empty() {
            String::new()
        } else {
            let mut s = format!("{} {currency}", group(x.paid));
            if let Some(d) = x.last_paid {
                s = w.fill("report.aside", &[("main", &s), ("aside", &d.to_string())]);
            }
            s
        };
        rows.push(vec![
            what.clone(),
            date(x.due),
            money(x.amount.as_ref()),
            paid,
            x.outstanding
                .as_ref()
                .filter(|m| m.cents > 0)
                .map(ToString::to_string)
                .unwrap_or_default(),
            if x.is_overdue() {
                x.days_overdue.to_string()
            } else {
                String::new()
            },
        ]);
        if x.is_overdue() {
            let head = w.fill(
                "after.overdue_item",
                &[
                    ("what", &what.replace('\n', " ")),
                    ("amount", &money(x.outstanding.as_ref())),
                    ("days", &x.days_overdue.to_string()),
                ],
            );
            let lines = advice(pb, x);
            flags.push(Block::Boxed { title: head, lines });
        }
    }
    let headers = [
        "after.item",
        "after.due",
        "after.amount",
        "after.paid",
        "after.outstanding",
        "after.overdue_days",
    ]
    .iter()
    .map(|id| w.get(id).to_string())
    .collect();
    let total = if r.outstanding.is_empty() {
        w.get("after.nothing_outstanding").to_string()
    } else {
        let amounts: Vec<String> = r.outstanding.amounts().iter().map(ToString::to_string).collect();
        w.fill(
            "after.outstanding_total",
            &[("amounts", &amounts.join(w.get("report.item_separator")))],
        )
    };
    let mut blocks = vec![Block::Table { headers, rows }, Block::Para(total)];
    blocks.extend(flags);
    (title, blocks)
}

fn promotion(w: &Words<'_>, r: &AfterDealReport) -> Part {
    let title = w.get("after.promotion").to_string();
    let Some(p) = &r.promotion else {
        return (title, vec![Block::Prompt(w.get("after.no_promotion").to_string())]);
    };
    let mut fields = Vec::new();
    for (id, value) in [("after.goal", p.goal.clone()), ("after.contract", p.contract.clone())] {
        if let Some(v) = value {
            fields.push((w.get(id).to_string(), v));
        }
    }
    let mut blocks = Vec::new();
    if let Some(d) = p.submitted {
        fields.push((w.get("after.submitted").to_string(), d.to_string()));
    }
    if let Some(d) = p.accepted {
        fields.push((w.get("after.accepted").to_string(), d.to_string()));
    }
    if !fields.is_empty() {
        blocks.push(Block::Fields(fields));
    }
    if p.submitted.is_none() {
        blocks.push(Block::Flag(w.get("after.not_submitted").to_string()));
    }
    if !p.tasks.is_empty() {
        let rows = p
            .tasks
            .iter()
            .map(|t| {
                vec![
                    t.task.clone(),
                    t.owner.clone().unwrap_or_default(),
                    date(t.due),
                    t.status.clone().unwrap_or_default(),
                ]
            })
            .collect();
        let headers = ["after.task", "after.owner", "after.due", "after.status"]
            .iter()
            .map(|id| w.get(id).to_string())
            .collect();
        blocks.push(Block::Table { headers, rows });
        let done = p.tasks.iter().filter(|t| t.done).count();
        blocks.push(Block::Para(w.fill(
            "after.progress",
            &[("done", &done.to_string()), ("total", &p.tasks.len().to_string())],
        )));
        for t in p.tasks.iter().filter(|t| t.late) {
            blocks.push(Block::Flag(
                w.fill("after.task_late", &[("task", &t.task), ("date", &date(t.due))]),
            ));
        }
    }
    (title, blocks)
}

fn return_visits(w: &Words<'_>, r: &AfterDealReport) -> Part {
    let title = w.get("after.return_visits").to_string();
    let Some(rv) = &r.return_visit else {
        return (title, vec![Block::Para(w.get("after.no_cadence").to_string())]);
    };
    let mut blocks = vec![Block::Para(w.fill("after.cadence", &[("days", &rv.every.to_string())]))];
    if rv.due < r.today {
        blocks.push(Block::Flag(
            w.fill("after.visit_late", &[("date", &rv.due.to_string())]),
        ));
    } else {
        blocks.push(Block::Para(
            w.fill("after.next_visit", &[("date", &rv.due.to_string())]),
        ));
    }
    if !r.visits.is_empty() {
        blocks.push(visit_table(w, &r.visits, ABSENT));
    }
    (title, blocks)
}

fn aftercare(w: &Words<'_>, r: &AfterDealReport) -> Part {
    let title = w.get("after.aftercare").to_string();
    if r.aftercare.is_empty() {
        return (title, vec![Block::Prompt(w.get("after.no_aftercare").to_string())]);
    }
    let mut blocks = Vec::new();
    let mut kinds: Vec<(Option<&str>, Option<&str>)> = Vec::new();
    for a in &r.aftercare {
        let k = (a.kind.as_deref(), a.kind_label.as_deref());
        if !kinds.contains(&k) {
            kinds.push(k);
        }
    }
    for (kind, label) in kinds {
        let label = label.filter(|l| !l.trim().is_empty()).unwrap_or(ABSENT);
        blocks.push(Block::Subheading(label.to_string()));
        let items = r
            .aftercare
            .iter()
            .filter(|a| a.kind.as_deref() == kind)
            .map(|a| {
                let mut s = format!("{} {}", date(a.date), a.summary.clone().unwrap_or_default());
                if a.estimate.is_some() || a.expected.is_some() {
                    let aside = w.fill(
                        "after.estimate",
                        &[("amount", &money(a.estimate.as_ref())), ("date", &date(a.expected))],
                    );
                    s = w.fill("report.aside", &[("main", &s), ("aside", &aside)]);
                }
                let people: Vec<&str> = a.who.iter().chain(&a.by).map(String::as_str).collect();
                if !people.is_empty() {
                    s = format!("{s} — {}", people.join(w.get("report.list_separator")));
                }
                s
            })
            .collect();
        blocks.push(Block::List(items));
    }
    (title, blocks)
}

fn retro(pb: &Playbook, w: &Words<'_>, r: &AfterDealReport) -> Part {
    let title = w.get("after.retro").to_string();
    let Some(s) = &r.retro else {
        return (
            title,
            vec![Block::Para(w.fill("retro.not_owed", &[("stage", &r.header.stage)]))],
        );
    };
    let mut blocks = vec![Block::Para(status_line(w, s))];
    if s.is_late(r.today) {
        blocks.push(Block::Flag(w.fill(
            "retro.late",
            &[
                ("date", &date(s.deadline)),
                ("days", &pb.doc.retrospective.as_ref().map_or(0, |c| c.days).to_string()),
            ],
        )));
    }
    (title, blocks)
}
