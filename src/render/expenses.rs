//! `kam report expenses` as a table (text, Markdown), CSV and JSON: one row per account, a total
//! row per owner and a grand total; budget, expenses, the difference, and the reports that block
//! reimbursement. Words come from the playbook.

use crate::domain::approval::expenses::{ExpenseReport, Sums};
use crate::domain::playbook::Playbook;
use crate::render::report::common::amount;
use crate::render::report::words::Words;
use crate::render::table::{Column, Fit, Grid, Tone};

fn columns(w: &Words<'_>) -> Vec<Column> {
    let col = |key: &'static str| Column::new(key, w.get(&format!("expenses.{key}")).to_string());
    vec![
        col("owner").fit(Fit::Truncate),
        col("account").fit(Fit::Truncate),
        col("events").right(),
        col("budget").right(),
        col("expenses").right(),
        col("over_budget").right(),
        col("no_report").right(),
        col("not_reimbursed").right(),
    ]
}

fn signed(n: f64) -> String {
    if n > 0.0 { format!("+{}", amount(n)) } else { amount(n) }
}

fn cells(owner: &str, account: &str, s: &Sums) -> Vec<Option<String>> {
    let count = |n: usize| Some(n.to_string()).filter(|_| n > 0);
    vec![
        Some(owner.to_string()),
        Some(account.to_string()),
        Some(s.events.to_string()),
        Some(amount(s.budget)),
        Some(amount(s.expenses)),
        Some(signed(s.over_budget)),
        count(s.no_report),
        count(s.not_reimbursed),
    ]
}

fn grid(w: &Words<'_>, r: &ExpenseReport, machine: bool) -> Grid {
    let mut g = Grid::new(columns(w));
    let total_word = w.get("expenses.total");
    for o in &r.owners {
        for a in &o.accounts {
            g.push(cells(&o.owner, &a.id, &a.sums));
            if a.sums.no_report > 0 {
                g.tone_last(6, Tone::Bad);
            }
            if a.sums.over_budget > 0.0 {
                g.tone_last(5, Tone::Warn);
            }
        }
        // Machine formats carry the accounts only; people get the subtotals too.
        if !machine && o.accounts.len() > 1 {
            g.push(cells(&o.owner, total_word, &o.total));
        }
    }
    if !machine {
        g.push(cells(total_word, "", &r.total));
    }
    g
}

fn heading(w: &Words<'_>, r: &ExpenseReport) -> String {
    let title = match &r.month {
        Some(m) => w.fill("expenses.title_month", &[("month", m)]),
        None => w.get("expenses.title").to_string(),
    };
    w.fill("report.aside", &[("main", &title), ("aside", &r.currency)])
}

fn notes(w: &Words<'_>, r: &ExpenseReport) -> Vec<String> {
    let mut out = Vec::new();
    if r.total.unconverted > 0 {
        out.push(w.fill("expenses.unconverted", &[("n", &r.total.unconverted.to_string())]));
    }
    if r.total.no_report > 0 {
        out.push(w.fill("expenses.blocked", &[("n", &r.total.no_report.to_string())]));
    }
    out
}

/// The report for a terminal of `width` columns.
pub fn table(pb: &Playbook, r: &ExpenseReport, width: usize, color: bool) -> String {
    let w = Words::new(pb);
    if r.owners.is_empty() {
        return format!("{}\n", w.get("expenses.none"));
    }
    let mut out = format!("{}\n\n", heading(&w, r));
    out.push_str(&grid(&w, r, false).text_colored(width, color));
    for n in notes(&w, r) {
        out.push('\n');
        out.push_str(&n);
    }
    out.push('\n');
    out
}

pub fn markdown(pb: &Playbook, r: &ExpenseReport) -> String {
    let w = Words::new(pb);
    if r.owners.is_empty() {
        return format!("{}\n", w.get("expenses.none"));
    }
    let mut out = format!("## {}\n\n", heading(&w, r));
    out.push_str(&grid(&w, r, false).markdown());
    for n in notes(&w, r) {
        out.push('\n');
        out.push_str(&n);
        out.push('\n');
    }
    out
}

/// One row per account; columns by stable machine names; amounts unformatted.
/// An amount for machines: rounded to cents, no thousands separators or trailing zeros.
fn plain(n: f64) -> String {
    let text = format!("{:.2}", (n * 100.0).round() / 100.0);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

pub fn csv(r: &ExpenseReport, cells: crate::render::csv::Cells) -> String {
    let mut g = Grid::new(
        [
            "owner",
            "id",
            "name",
            "events",
            "budget",
            "expenses",
            "over_budget",
            "no_report",
            "not_reimbursed",
            "unconverted",
            "currency",
        ]
        .map(|k| Column::new(k, k))
        .to_vec(),
    );
    for o in &r.owners {
        for a in &o.accounts {
            let s = &a.sums;
            g.push(vec![
                Some(a.owner.clone()),
                Some(a.id.clone()),
                Some(a.name.clone()),
                Some(s.events.to_string()),
                Some(plain(s.budget)),
                Some(plain(s.expenses)),
                Some(plain(s.over_budget)),
                Some(s.no_report.to_string()),
                Some(s.not_reimbursed.to_string()),
                Some(s.unconverted.to_string()),
                Some(r.currency.clone()),
            ]);
        }
    }
    g.csv(cells)
}

pub fn json(r: &ExpenseReport) -> String {
    serde_json::to_string_pretty(r).unwrap_or_default() + "\n"
}
