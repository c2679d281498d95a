//! The director's views as text, Markdown (with Mermaid charts), JSON and CSV.
//!
//! - [`words`]: the views' words, from the playbook's `text:` (English fallback)
//! - [`stats`]: `kam stats` — the funnel, outcomes, groups and calibration
//! - [`forecast`]: `kam forecast` — by month and owner per currency, and the accounts behind
//! - [`history`]: `kam history` — an account's commits in business terms
//! - [`matrix`]: the value × difficulty quadrant chart of `kam list --matrix`
//! - [`mermaid`]: Mermaid charts for Markdown (quadrant chart, bar charts)

pub mod forecast;
pub mod history;
pub mod matrix;
pub mod mermaid;
pub mod stats;
pub mod words;

use crate::domain::playbook::Playbook;
use crate::domain::stats::Period;
use crate::render::director::words::Words;

/// A share as a whole percentage ("67%"), "—" when there is none.
pub fn pct(share: Option<f64>) -> String {
    share.map_or_else(|| "—".to_string(), |s| format!("{:.0}%", s * 100.0))
}

/// A number of days: whole when whole, else one decimal.
pub fn days(d: Option<f64>) -> Option<String> {
    d.map(|d| {
        if (d - d.round()).abs() < 0.05 {
            format!("{d:.0}")
        } else {
            format!("{d:.1}")
        }
    })
}

/// An amount with thousands separators and no decimals: "1,600,000".
pub fn amount(a: f64) -> String {
    let whole = format!("{:.0}", a.abs());
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if a < -0.5 { format!("-{out}") } else { out }
}

/// "2026-01-01 to 2026-11-25", or "all history up to 2026-11-25".
pub fn period(pb: &Playbook, p: Period) -> String {
    let w = Words::new(pb);
    let until = p.until.to_string();
    match p.since {
        Some(since) => w.fill("director.period", &[("since", &since.to_string()), ("until", &until)]),
        None => w.fill("director.period_all", &[("until", &until)]),
    }
}

/// The legend of a two-series bar chart in Markdown ([`mermaid::bars`] draws no legend): "Light
/// bars, behind: Entered · dark bars, in front: Now", in the playbook's words, as a paragraph.
pub fn bars_legend(pb: &Playbook, back: &str, front: &str) -> String {
    let w = Words::new(pb);
    let line = w.fill("director.bars_legend", &[("back", back), ("front", front)]);
    format!("*{}*\n", crate::render::table::md_escape(&line))
}

/// The label of a stage or outcome id, from the playbook; the id itself when unknown.
pub fn stage_label<'p>(pb: &'p Playbook, id: &'p str) -> &'p str {
    pb.stage(id)
        .map(|s| s.label.as_str())
        .or_else(|| pb.doc.outcomes.iter().find(|o| o.id == id).map(|o| o.label.as_str()))
        .unwrap_or(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_a_director_writes_them() {
        assert_eq!(pct(Some(2.0 / 3.0)), "67%");
        assert_eq!(pct(None), "—");
        assert_eq!(days(Some(20.0)).as_deref(), Some("20"));
        assert_eq!(days(Some(9.14)).as_deref(), Some("9.1"));
        assert_eq!(amount(1_600_000.0), "1,600,000");
        assert_eq!(amount(999.4), "999");
        assert_eq!(amount(-12_345.0), "-12,345");
        assert_eq!(amount(0.0), "0");
    }
}
