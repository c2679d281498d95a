//! `kam forecast` as text, Markdown (with a Mermaid bar chart per currency), JSON and CSV. Every
//! currency has its own tables; no line adds two currencies.

use std::fmt::Write;

use crate::domain::playbook::Playbook;
use crate::domain::stats::forecast::{Bucket, CurrencyForecast, Forecast, Line, ProbabilityFrom};
use crate::render::director::words::Words;
use crate::render::director::{amount, bars_legend, mermaid, stage_label};
use crate::render::table::{Column, Fit, Grid, Tone, md_escape};

fn bucket_grid(pb: &Playbook, key_header: &str, buckets: &[Bucket], total: &Bucket) -> Grid {
    let w = Words::new(pb);
    let mut g = Grid::new(vec![
        Column::new("key", key_header).fit(Fit::Truncate),
        Column::new("unweighted", w.get("forecast.unweighted")).right(),
        Column::new("weighted", w.get("forecast.weighted")).right(),
        Column::new("accounts", w.get("forecast.accounts"))
            .fit(Fit::Wrap)
            .min(16),
    ]);
    for b in buckets.iter().chain([total]) {
        let key = if std::ptr::eq(b, total) {
            w.get("forecast.total").to_string()
        } else {
            b.key.clone().unwrap_or_else(|| w.get("forecast.no_date").to_string())
        };
        let accounts = if std::ptr::eq(b, total) {
            b.accounts.len().to_string()
        } else {
            b.accounts.join(", ")
        };
        g.push(vec![
            Some(key),
            Some(amount(b.unweighted)),
            Some(amount(b.weighted)),
            Some(accounts),
        ]);
    }
    g
}

/// The probability; one from the stage is marked `*` (a note under the table says so).
fn probability(l: &Line) -> Option<String> {
    let p = l.probability?;
    Some(match l.probability_from {
        ProbabilityFrom::Stage => format!("{p:.0}%*"),
        _ => format!("{p:.0}%"),
    })
}

fn line_grid(pb: &Playbook, lines: &[Line]) -> Grid {
    let w = Words::new(pb);
    let mut g = Grid::new(vec![
        Column::new("id", w.get("director.account")),
        Column::new("owner", w.get("director.owner")).fit(Fit::Truncate),
        Column::new("stage", w.get("director.stage")).fit(Fit::Truncate),
        Column::new("date", w.get("director.date")),
        Column::new("amount", w.get("forecast.amount")).right(),
        Column::new("probability", w.get("forecast.probability_short")).right(),
        Column::new("weighted", w.get("forecast.weighted")).right(),
    ]);
    for l in lines {
        let date = l.date.map(|d| {
            if l.late {
                format!("{d} ({})", w.get("forecast.late"))
            } else {
                d.to_string()
            }
        });
        g.push(vec![
            Some(l.id.clone()),
            Some(l.owner.clone()),
            Some(stage_label(pb, &l.stage).to_string()),
            date,
            Some(amount(l.amount)),
            probability(l),
            l.weighted.map(amount),
        ]);
        if l.late {
            g.tone_last(3, Tone::Bad);
        }
    }
    g
}

fn currency(pb: &Playbook, c: &CurrencyForecast, md: bool, width: usize, color: bool, out: &mut String) {
    let w = Words::new(pb);
    let title = w.fill("forecast.currency", &[("currency", &c.currency)]);
    let show = |g: &Grid| if md { g.markdown() } else { g.text_colored(width, color) };
    if md {
        let _ = writeln!(out, "## {}\n", md_escape(&title));
    } else {
        let _ = writeln!(out, "\n{title}\n");
    }
    out.push_str(&show(&bucket_grid(pb, w.get("forecast.month"), &c.by_month, &c.total)));
    if md {
        out.push('\n');
        let cats: Vec<String> = c
            .by_month
            .iter()
            .map(|b| b.key.clone().unwrap_or_else(|| w.get("forecast.no_date").to_string()))
            .collect();
        let unweighted: Vec<f64> = c.by_month.iter().map(|b| b.unweighted).collect();
        let weighted: Vec<f64> = c.by_month.iter().map(|b| b.weighted).collect();
        out.push_str(&mermaid::bars(
            &format!("{} {}", w.get("dashboard.forecast"), c.currency),
            &cats,
            &c.currency,
            &[unweighted, weighted],
        ));
        out.push_str(&bars_legend(
            pb,
            w.get("forecast.unweighted"),
            w.get("forecast.weighted"),
        ));
    }
    out.push('\n');
    out.push_str(&show(&bucket_grid(pb, w.get("director.owner"), &c.by_owner, &c.total)));
    out.push('\n');
    if md {
        let _ = writeln!(out, "### {}\n", md_escape(w.get("forecast.lines")));
    } else {
        let _ = writeln!(out, "{}\n", w.get("forecast.lines"));
    }
    out.push_str(&show(&line_grid(pb, &c.lines)));
    if c.lines.iter().any(|l| l.probability_from == ProbabilityFrom::Stage) {
        if md {
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "{}",
            if md {
                md_escape(w.get("forecast.stage_note"))
            } else {
                w.get("forecast.stage_note").to_string()
            }
        );
    }
}

fn render(pb: &Playbook, f: &Forecast, note: Option<&str>, md: bool, width: usize, color: bool) -> String {
    let w = Words::new(pb);
    let mut out = String::new();
    let title = w.fill("forecast.title", &[("date", &f.as_of.to_string())]);
    let para = |out: &mut String, text: &str| {
        if md {
            let _ = writeln!(out, "{}\n", md_escape(text));
        } else {
            let _ = writeln!(out, "{text}");
        }
    };
    if md {
        let _ = writeln!(out, "# {}\n", md_escape(&title));
    } else {
        let _ = writeln!(out, "{title}");
    }
    if let Some(note) = note {
        para(&mut out, note);
    }
    if f.withheld {
        para(&mut out, w.get("forecast.withheld"));
        return out;
    }
    if f.currencies.is_empty() {
        para(&mut out, w.get("forecast.empty"));
    }
    for c in &f.currencies {
        currency(pb, c, md, width, color, &mut out);
    }
    if !f.without_amount.is_empty() {
        out.push('\n');
        let ids = f.without_amount.join(", ");
        para(
            &mut out,
            &w.fill(
                "forecast.without_amount",
                &[("n", &f.without_amount.len().to_string()), ("ids", &ids)],
            ),
        );
    }
    out
}

/// Terminal text, tables fitted to `width` and colored like every table when `color` is on.
pub fn text(pb: &Playbook, f: &Forecast, note: Option<&str>, width: usize, color: bool) -> String {
    render(pb, f, note, false, width, color)
}

pub fn markdown(pb: &Playbook, f: &Forecast, note: Option<&str>) -> String {
    render(pb, f, note, true, 0, false)
}

pub fn json(f: &Forecast) -> String {
    let mut out = serde_json::to_string_pretty(f).unwrap_or_else(|_| "{}".to_string());
    out.push('\n');
    out
}

/// One row per account line, with its currency: a spreadsheet sums per currency and month.
pub fn csv(f: &Forecast, cells: crate::render::csv::Cells) -> String {
    let mut g = Grid::new(
        [
            "currency",
            "month",
            "id",
            "name",
            "owner",
            "stage",
            "target_date",
            "amount",
            "probability",
            "probability_from",
            "weighted",
        ]
        .map(|k| Column::new(k, k))
        .to_vec(),
    );
    for c in &f.currencies {
        for l in &c.lines {
            g.push(vec![
                Some(c.currency.clone()),
                l.month.clone(),
                Some(l.id.clone()),
                Some(l.name.clone()),
                Some(l.owner.clone()),
                Some(l.stage.clone()),
                l.date.map(|d| d.to_string()),
                Some(format!("{:.2}", l.amount)),
                l.probability.map(|p| format!("{p}")),
                Some(
                    match l.probability_from {
                        ProbabilityFrom::Account => "account",
                        ProbabilityFrom::Stage => "stage",
                        ProbabilityFrom::None => "",
                    }
                    .to_string(),
                ),
                l.weighted.map(|v| format!("{v:.2}")),
            ]);
        }
    }
    g.csv(cells)
}
