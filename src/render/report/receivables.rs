//! The receivables aging report in four forms: tables for the terminal and Markdown (one per
//! currency, clients by owner, amounts by bucket, a total line; then the overdue items with the
//! cause's response under each), CSV (one line per client and currency) and JSON.

use std::fmt::Write;

use crate::domain::after_deal::money::group;
use crate::domain::after_deal::receivables::Bucket;
use crate::domain::playbook::Playbook;
use crate::domain::report::receivables::{AgingReport, Buckets, OverdueLine};
use crate::render::csv::Cells;
use crate::render::report::words::Words;
use crate::render::table::{Column, Fit, Grid, Tone, display_width};
use crate::render::visible::json_pretty;

fn bucket_word(b: Bucket) -> &'static str {
    match b {
        Bucket::Current => "receivables.current",
        Bucket::Days1To30 => "receivables.days_1_30",
        Bucket::Days31To60 => "receivables.days_31_60",
        Bucket::Days61To90 => "receivables.days_61_90",
        Bucket::Over90 => "receivables.days_over_90",
    }
}

/// An amount cell: empty for zero, so the eye finds what is owed.
fn cell(cents: i64) -> Option<String> {
    (cents != 0).then(|| group(cents))
}

fn amounts(b: &Buckets) -> impl Iterator<Item = Option<String>> + '_ {
    Bucket::ALL
        .iter()
        .map(|x| cell(b.get(*x)))
        .chain(std::iter::once(Some(group(b.total()))))
}

/// One table per currency: client, owner, the five buckets and the total.
fn currency_grid(w: &Words<'_>, r: &AgingReport, i: usize) -> Grid {
    let cur = &r.currencies[i];
    let mut columns = vec![
        Column::new("client", w.get("receivables.client")),
        Column::new("owner", w.get("receivables.owner")).fit(Fit::Truncate),
    ];
    for (b, key) in Bucket::ALL.iter().zip(["current", "1-30", "31-60", "61-90", "over-90"]) {
        columns.push(Column::new(key, w.get(bucket_word(*b))).right());
    }
    columns.push(Column::new("total", w.get("receivables.total")).right());
    let mut g = Grid::new(columns);
    for c in &cur.clients {
        let mut row = vec![Some(c.id.clone()), Some(c.owner.clone()).filter(|o| !o.is_empty())];
        row.extend(amounts(&c.buckets));
        g.push(row);
        for (k, b) in Bucket::ALL.iter().enumerate().skip(1) {
            if c.buckets.get(*b) != 0 {
                g.tone_last(
                    2 + k,
                    if *b >= Bucket::Days61To90 {
                        Tone::Bad
                    } else {
                        Tone::Warn
                    },
                );
            }
        }
    }
    let mut total = vec![Some(w.get("receivables.total").to_string()), Some(String::new())];
    total.extend(amounts(&cur.totals));
    g.push(total);
    g
}

/// The playbook's advice, one line each: the cause's response, the escalation, the note.
fn action(o: &OverdueLine) -> String {
    let lines: Vec<String> = o.advice.iter().map(|a| format!("→ {a}")).collect();
    lines.join("\n")
}

/// The overdue items; the cause and response under each row (text) or in a column (Markdown).
fn overdue_grid(w: &Words<'_>, r: &AgingReport, inline: bool) -> Grid {
    let mut columns = vec![
        Column::new("client", w.get("receivables.client")),
        Column::new("owner", w.get("receivables.owner")).fit(Fit::Truncate),
        // Never narrower than a contract number: the item wraps under it.
        Column::new("contract", w.get("receivables.contract"))
            .fit(Fit::Wrap)
            .min(r.overdue.iter().map(|o| display_width(&o.contract)).max().unwrap_or(0)),
        Column::new("due", w.get("receivables.due")),
        Column::new("days", w.get("receivables.days")).right(),
        Column::new("outstanding", w.get("receivables.outstanding")).right(),
    ];
    if inline {
        columns.push(Column::new("action", w.get("receivables.action")).fit(Fit::Wrap));
    }
    let mut g = Grid::new(columns);
    for o in &r.overdue {
        let what = match &o.item {
            Some(item) if inline => format!("{} {item}", o.contract),
            Some(item) => format!("{}\n{item}", o.contract),
            None => o.contract.clone(),
        };
        let mut row = vec![
            Some(o.id.clone()),
            Some(o.owner.clone()).filter(|x| !x.is_empty()),
            Some(what),
            o.due.map(|d| d.to_string()),
            Some(o.days_overdue.to_string()),
            Some(o.outstanding.to_string()),
        ];
        let detail = action(o);
        if inline {
            row.push(Some(detail));
            g.push(row);
        } else {
            g.push_with_detail(row, Some(detail));
        }
        g.tone_last(
            3,
            if o.bucket >= Bucket::Days61To90 {
                Tone::Bad
            } else {
                Tone::Warn
            },
        );
    }
    g
}

fn heading(w: &Words<'_>, r: &AgingReport) -> (String, String) {
    let clients: std::collections::BTreeSet<&str> = r
        .currencies
        .iter()
        .flat_map(|c| c.clients.iter().map(|x| x.id.as_str()))
        .collect();
    (
        w.fill("receivables.title", &[("date", &r.as_of.to_string())]),
        w.fill(
            "receivables.summary",
            &[
                ("clients", &clients.len().to_string()),
                ("items", &r.open_items.to_string()),
                ("overdue", &r.overdue.len().to_string()),
            ],
        ),
    )
}

fn unreadable(w: &Words<'_>, r: &AgingReport) -> Option<String> {
    (!r.unreadable.is_empty()).then(|| w.fill("receivables.unreadable", &[("files", &r.unreadable.join(", "))]))
}

/// How the terminal and Markdown forms differ: the marks before headings and the warning, and
/// how a grid is drawn (the overdue items' actions in a column in Markdown, under each row on a
/// terminal).
#[derive(Clone, Copy)]
enum Form {
    Text { width: usize, color: bool },
    Markdown,
}

impl Form {
    fn draw(self, g: &Grid) -> String {
        match self {
            Form::Text { width, color } => g.text_colored(width, color),
            Form::Markdown => g.markdown(),
        }
    }
}

/// The report in either form: heading, unreadable files, one table per currency, the overdue items.
fn layout(pb: &Playbook, r: &AgingReport, form: Form) -> String {
    let w = Words::new(pb);
    let md = matches!(form, Form::Markdown);
    let (title, summary) = heading(&w, r);
    let mut out = if md {
        format!("## {title}\n\n{summary}\n")
    } else {
        format!("{title}\n{summary}\n")
    };
    if let Some(u) = unreadable(&w, r) {
        let _ = if md {
            writeln!(out, "\n> ⚠ {u}")
        } else {
            writeln!(out, "⚠ {u}")
        };
    }
    if r.currencies.is_empty() {
        let _ = writeln!(out, "\n{}", w.get("receivables.nothing"));
        return out;
    }
    let sub = if md { "### " } else { "" };
    for (i, cur) in r.currencies.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n{sub}{}\n",
            w.fill("receivables.in_currency", &[("currency", &cur.currency)])
        );
        out.push_str(&form.draw(&currency_grid(&w, r, i)));
    }
    let _ = writeln!(out, "\n{sub}{}\n", w.get("receivables.overdue"));
    if r.overdue.is_empty() {
        let _ = writeln!(out, "{}", w.get("receivables.no_overdue"));
    } else {
        out.push_str(&form.draw(&overdue_grid(&w, r, md)));
    }
    out
}

/// The report for the terminal, `width` columns wide.
pub fn text(pb: &Playbook, r: &AgingReport, width: usize, color: bool) -> String {
    layout(pb, r, Form::Text { width, color })
}

/// The report as Markdown.
pub fn markdown(pb: &Playbook, r: &AgingReport) -> String {
    layout(pb, r, Form::Markdown)
}

/// One line per client and currency: `currency,id,name,owner,current,1-30,31-60,61-90,over-90,
/// total,oldest_days`, amounts in units with a decimal point and no separators; cells a
/// spreadsheet would run as a formula neutralised unless `cells` says raw.
pub fn csv(r: &AgingReport, cells: Cells) -> String {
    let keys = [
        "currency",
        "id",
        "name",
        "owner",
        "current",
        "1-30",
        "31-60",
        "61-90",
        "over-90",
        "total",
        "oldest_days",
    ];
    let mut g = Grid::new(keys.iter().map(|k| Column::new(k, *k)).collect());
    let plain = |cents: i64| {
        let sign = if cents < 0 { "-" } else { "" };
        format!("{sign}{}.{:02}", cents.unsigned_abs() / 100, cents.unsigned_abs() % 100)
    };
    for cur in &r.currencies {
        for c in &cur.clients {
            let mut row = vec![
                Some(cur.currency.clone()),
                Some(c.id.clone()),
                Some(c.name.clone()),
                Some(c.owner.clone()),
            ];
            row.extend(Bucket::ALL.iter().map(|b| Some(plain(c.buckets.get(*b)))));
            row.push(Some(plain(c.buckets.total())));
            row.push(Some(c.oldest_days.to_string()));
            g.push(row);
        }
    }
    g.csv(cells)
}

/// The report as JSON: `{as_of, currencies: [{currency, clients, totals}], overdue, unreadable}`.
pub fn json(r: &AgingReport) -> String {
    json_pretty(r, "{}")
}
