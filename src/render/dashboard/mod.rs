//! The dashboard as one self-contained HTML page: its style inline, its charts inline SVG, no
//! script, no font or image from anywhere, so it opens offline and from an e-mail attachment.
//! Written with maud templates, which escape every value they insert.
//!
//! - [`charts`]: the SVG charts (matrix, funnel, days in stage, forecast)
//!
//! Every chart has a table beside it with the same figures, for reading, printing and copying;
//! the tables carry `data-` attributes with the raw numbers.

pub mod charts;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::domain::dashboard::{Dashboard, OwnerRow};
use crate::domain::playbook::Playbook;
use crate::domain::stats::Funnel;
use crate::render::director::words::Words;
use crate::render::director::{amount, days, pct, period, stage_label};
use charts::{MatrixWords, tier_color};

const STYLE: &str = include_str!("style.css");

/// The page's language, for the browser's choice of fonts: Chinese when the playbook's words
/// are written in Han characters.
fn lang(pb: &Playbook) -> &'static str {
    let title = Words::new(pb).get("dashboard.title");
    if title.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        "zh-CN"
    } else {
        "en"
    }
}

fn tier_index(pb: &Playbook, tier: &str) -> usize {
    pb.doc.scoring.tiers.iter().position(|t| t.id == tier).unwrap_or(0)
}

fn num(x: Option<f64>) -> String {
    x.map_or_else(String::new, |v| format!("{v}"))
}

fn funnel_table(pb: &Playbook, fun: &Funnel) -> Markup {
    let w = Words::new(pb);
    html! {
        table class="funnel" {
            thead { tr {
                th { (w.get("director.stage")) }
                th class="n" { (w.get("director.now")) }
                th class="n" { (w.get("director.entered")) }
                th class="n" { (w.get("director.left")) }
                th class="n" { (w.get("director.advanced")) }
                th class="n" { (w.get("director.conversion")) }
                th class="n" { (w.get("director.median_days")) }
                th class="n" { (w.get("director.p90_days")) }
            } }
            tbody {
                @for s in &fun.stages {
                    tr data-stage=(s.id) {
                        td { (s.label) }
                        td class="n" data-key="now" data-value=(s.now) { (s.now) }
                        td class="n" data-key="entered" data-value=(s.entered) { (s.entered) }
                        td class="n" data-key="left" data-value=(s.left) { (s.left) }
                        td class="n" data-key="advanced" data-value=(s.advanced) { (s.advanced) }
                        td class="n" data-key="conversion" data-value=(num(s.conversion)) { (pct(s.conversion)) }
                        td class="n" data-key="median_days" data-value=(num(s.median_days)) { (days(s.median_days).unwrap_or_else(|| "—".into())) }
                        td class="n" data-key="p90_days" data-value=(num(s.p90_days)) { (days(s.p90_days).unwrap_or_else(|| "—".into())) }
                    }
                }
            }
        }
    }
}

fn outcomes(pb: &Playbook, fun: &Funnel) -> Markup {
    let w = Words::new(pb);
    let o = &fun.outcomes;
    let rate = match o.win_rate {
        Some(r) => w.fill(
            "stats.win_rate_line",
            &[
                ("rate", &pct(Some(r))),
                ("won", &o.won.to_string()),
                ("decided", &(o.won + o.lost).to_string()),
            ],
        ),
        None => w.get("stats.no_decided").to_string(),
    };
    html! {
        p class="outcomes" data-won=(o.won) data-lost=(o.lost) data-paused=(o.paused) data-win-rate=(num(o.win_rate)) {
            (w.get("stats.outcomes")) ": "
            (stage_label(pb, "won")) " " (o.won) " · "
            (stage_label(pb, "lost")) " " (o.lost) " · "
            (stage_label(pb, "paused")) " " (o.paused) ". "
            strong { (rate) }
        }
    }
}

fn matrix_section(pb: &Playbook, d: &Dashboard) -> Markup {
    let w = Words::new(pb);
    let words = MatrixWords {
        value: w.get("dashboard.value"),
        difficulty: w.get("dashboard.difficulty"),
    };
    let index = |t: &str| tier_index(pb, t);
    let m = &d.matrix;
    html! {
        section id="matrix" {
            h2 { (w.get("dashboard.matrix")) }
            (charts::matrix(m, &index, &words))
            p class="legend" {
                @for (i, t) in pb.doc.scoring.tiers.iter().enumerate() {
                    span class="item" {
                        span class="key" style=(format!("background:{}", tier_color(i))) {}
                        (t.label)
                    }
                    " "
                }
            }
            @if m.density.is_none() {
                p class="legend shapes" {
                    span class="item" { span class="key dot" {} (w.get("dashboard.open_accounts")) }
                    " "
                    span class="item" { span class="key ring" {} (w.get("dashboard.closed_accounts")) }
                }
            }
            @if let Some(cells) = &m.density {
                p class="note" { (w.fill("dashboard.density", &[("n", &cells.iter().map(|c| c.count).sum::<usize>().to_string())])) }
                @if m.closed_left_out > 0 {
                    p class="note" { (w.fill("dashboard.closed_left_out", &[("n", &m.closed_left_out.to_string())])) }
                }
            }
            @if m.unscored > 0 {
                p class="note" { (w.fill("dashboard.unscored", &[("n", &m.unscored.to_string())])) }
            }
        }
    }
}

fn forecast_section(pb: &Playbook, d: &Dashboard) -> Markup {
    let w = Words::new(pb);
    let f = &d.forecast;
    html! {
        section id="forecast" class="wide" {
            h2 { (w.get("dashboard.forecast")) }
            @if f.withheld {
                p class="note" { (w.get("forecast.withheld")) }
            } @else if f.currencies.is_empty() {
                p class="note" { (w.get("forecast.empty")) }
            }
            div class="currencies" {
            @for c in &f.currencies {
                div class="currency" {
                h3 { (w.fill("forecast.currency", &[("currency", &c.currency)])) }
                (charts::forecast(c, w.get("forecast.no_date"), w.get("forecast.unweighted"), w.get("forecast.weighted")))
                p class="legend" {
                    span class="key" style="background:#c5cae9" {} (w.get("forecast.unweighted"))
                    span class="key" style="background:#3949ab" {} (w.get("forecast.weighted"))
                }
                table class="forecast" data-currency=(c.currency) {
                    thead { tr {
                        th { (w.get("forecast.month")) }
                        th class="n" { (w.get("forecast.unweighted")) }
                        th class="n" { (w.get("forecast.weighted")) }
                        th { (w.get("forecast.accounts")) }
                    } }
                    tbody {
                        @for b in &c.by_month {
                            tr data-month=(b.key.clone().unwrap_or_default()) {
                                td { (b.key.clone().unwrap_or_else(|| w.get("forecast.no_date").to_string())) }
                                td class="n" data-value=(b.unweighted) { (amount(b.unweighted)) }
                                td class="n" data-value=(b.weighted) { (amount(b.weighted)) }
                                td { (b.accounts.join(", ")) }
                            }
                        }
                        tr class="total" {
                            th { (w.get("forecast.total")) }
                            th class="n" data-value=(c.total.unweighted) { (amount(c.total.unweighted)) }
                            th class="n" data-value=(c.total.weighted) { (amount(c.total.weighted)) }
                            th { (c.total.accounts.len()) }
                        }
                    }
                }
                }
            }
            }
            @if !f.without_amount.is_empty() {
                p class="note" { (w.fill("forecast.without_amount", &[("n", &f.without_amount.len().to_string()), ("ids", &f.without_amount.join(", "))])) }
            }
        }
    }
}

fn agenda_section(pb: &Playbook, d: &Dashboard) -> Markup {
    let w = Words::new(pb);
    html! {
        section id="agenda" class="wide" {
            h2 { (w.get("dashboard.agenda")) }
            @if d.agenda.is_empty() {
                p class="note" { (w.get("dashboard.agenda_empty")) }
            } @else {
                table class="agenda" {
                    thead { tr {
                        th { (w.get("director.date")) }
                        th { (w.get("dashboard.due")) }
                        th { (w.get("director.account")) }
                        th { (w.get("director.owner")) }
                        th { "" }
                    } }
                    tbody {
                        @for item in &d.agenda {
                            tr class=(if item.late_days > 0 { "late" } else { "" }) data-id=(item.id) data-kind=(item.kind) {
                                td class="when" { (item.date) br; small { (crate::render::due::when(pb, item.late_days)) } }
                                td { (crate::render::due::kind_label(pb, item)) }
                                td { (item.name) br; small { (item.id) } }
                                td { (item.owner) }
                                td { (crate::render::due::why(pb, item)) br; small { (crate::render::due::say(pb, &item.action)) } }
                            }
                        }
                    }
                }
                @if d.agenda_more > 0 {
                    p class="note" { (w.fill("dashboard.more", &[("n", &d.agenda_more.to_string())])) }
                }
            }
        }
    }
}

fn owners_section(pb: &Playbook, owners: &[OwnerRow]) -> Markup {
    let w = Words::new(pb);
    html! {
        section id="owners" class="wide" {
            h2 { (w.get("dashboard.owners")) }
            table class="owners" {
                thead { tr {
                    th { (w.get("director.owner")) }
                    th class="n" { (w.get("stats.in_pipeline")) }
                    @for (i, t) in pb.doc.scoring.tiers.iter().enumerate() {
                        th class="n" { span class="tier" style=(format!("background:{}", tier_color(i))) { (t.id) } }
                    }
                    th class="n" { "—" }
                    th class="n" { (w.get("dashboard.flagged")) }
                    th class="n" { (w.get("dashboard.due")) }
                    th class="n" { (stage_label(pb, "won")) }
                    th class="n" { (stage_label(pb, "lost")) }
                    th class="n" { (w.get("stats.win_rate")) }
                    th class="n" { (w.get("forecast.weighted")) }
                } }
                tbody {
                    @for o in owners {
                        tr data-owner=(o.owner) {
                            td { (o.owner) }
                            td class="n" data-key="in_pipeline" { (o.in_pipeline) }
                            @for (_, n) in &o.tiers { td class="n" { (n) } }
                            td class="n" data-key="flagged" { (o.flagged) }
                            td class="n" data-key="due" { (o.due) }
                            td class="n" data-key="won" { (o.won) }
                            td class="n" data-key="lost" { (o.lost) }
                            td class="n" data-key="win_rate" { (pct(o.win_rate)) }
                            td class="n" {
                                @for (i, (cur, v)) in o.weighted.iter().enumerate() {
                                    @if i > 0 { br; }
                                    (amount(*v)) " " (cur)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The whole page.
pub fn page(pb: &Playbook, d: &Dashboard, note: Option<&str>) -> String {
    let w = Words::new(pb);
    let generated = w.fill(
        "dashboard.generated",
        &[
            ("date", &d.today.to_string()),
            ("n", &d.accounts.to_string()),
            ("period", &period(pb, d.period)),
        ],
    );
    let fun = &d.funnel;
    let markup = html! {
        (DOCTYPE)
        html lang=(lang(pb)) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (w.get("dashboard.title")) " — " (pb.doc.name) " — " (d.today) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    h1 { (w.get("dashboard.title")) " · " (pb.doc.name) }
                    p class="meta" { (generated) }
                    @if let Some(note) = note { p class="meta" { (note) } }
                }
                main {
                    (matrix_section(pb, d))
                    section id="funnel" {
                        h2 { (w.get("dashboard.funnel")) }
                        (charts::funnel(fun, w.get("director.now"), w.get("director.entered"), w.get("director.advanced")))
                        p class="legend" {
                            span class="key" style="background:#90caf9" {} (w.get("director.entered"))
                            span class="key" style="background:#1565c0" {} (w.get("director.now"))
                        }
                        (outcomes(pb, fun))
                        h3 id="days" { (w.get("dashboard.days")) }
                        (charts::days_in_stage(fun, w.get("director.median_days"), w.get("director.p90_days")))
                        p class="legend" {
                            span class="key" style="background:#e65100" {} (w.get("director.median_days"))
                            span class="key" style="background:#ffcc80" {} (w.get("director.p90_days"))
                        }
                    }
                    section id="pipeline" class="wide" {
                        h2 { (w.get("dashboard.funnel")) " — " (period(pb, d.period)) }
                        (funnel_table(pb, fun))
                    }
                    (forecast_section(pb, d))
                    (agenda_section(pb, d))
                    @if !d.owners.is_empty() { (owners_section(pb, &d.owners)) }
                }
                footer { (w.get("dashboard.footer")) }
            }
        }
    };
    markup.into_string()
}
