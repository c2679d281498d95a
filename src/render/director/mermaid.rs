//! Mermaid charts inside Markdown (GitHub and GitLab draw them in pull requests and wikis): a
//! quadrant chart of value × difficulty and bar charts (`xychart-beta`). Text that goes into a
//! chart is cleaned of everything Mermaid's grammar could read as syntax.

use std::fmt::Write;

/// Text safe inside a Mermaid chart: letters (any script), digits, spaces and `- . _ / ×`;
/// anything else becomes a space.
pub fn clean(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, ' ' | '-' | '.' | '_' | '/' | '×') {
                c
            } else {
                ' '
            }
        })
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One account in the quadrant chart.
#[derive(Debug, Clone)]
pub struct Point {
    pub label: String,
    /// 0–100.
    pub value: f64,
    /// 0–100.
    pub difficulty: f64,
}

/// The axis and quadrant words of a quadrant chart.
#[derive(Debug, Clone)]
pub struct QuadrantWords {
    pub title: String,
    /// x axis: low and high difficulty; y axis: low and high value.
    pub x: (String, String),
    pub y: (String, String),
    /// Top right, top left, bottom left, bottom right (Mermaid's quadrants 1 to 4).
    pub quadrants: [String; 4],
}

/// A quadrant chart: difficulty across, value up.
pub fn quadrant(words: &QuadrantWords, points: &[Point]) -> String {
    let mut out = String::from("```mermaid\nquadrantChart\n");
    let _ = writeln!(out, "    title {}", clean(&words.title));
    let _ = writeln!(out, "    x-axis {} --> {}", clean(&words.x.0), clean(&words.x.1));
    let _ = writeln!(out, "    y-axis {} --> {}", clean(&words.y.0), clean(&words.y.1));
    for (i, q) in words.quadrants.iter().enumerate() {
        let _ = writeln!(out, "    quadrant-{} {}", i + 1, clean(q));
    }
    for p in points {
        let _ = writeln!(
            out,
            "    {}: [{:.2}, {:.2}]",
            clean(&p.label),
            (p.difficulty / 100.0).clamp(0.0, 1.0),
            (p.value / 100.0).clamp(0.0, 1.0)
        );
    }
    out.push_str("```\n");
    out
}

/// A category label short enough not to run into its neighbours: at most 14 columns.
fn short(label: &str) -> String {
    let cleaned = clean(label);
    if crate::render::table::display_width(&cleaned) <= 14 {
        return cleaned;
    }
    let mut out = String::new();
    for c in cleaned.chars() {
        if crate::render::table::display_width(&format!("{out}{c}")) > 13 {
            break;
        }
        out.push(c);
    }
    format!("{}.", out.trim_end())
}

/// The colors of a bar chart's series, back to front: light behind, dark in front, as the
/// dashboard draws them; [`crate::render::director::bars_legend`] names them under the chart.
pub const BAR_COLORS: [&str; 2] = ["#90caf9", "#1565c0"];

/// A bar chart with categories across and one or two series of bars (drawn over each other, the
/// first behind, in [`BAR_COLORS`]), the value axis from 0 to a round number above the highest
/// bar. Mermaid draws no legend of its own: the caller writes one under the chart.
pub fn bars(title: &str, categories: &[String], y_label: &str, series: &[Vec<f64>]) -> String {
    let mut out = String::from("```mermaid\n");
    let _ = writeln!(
        out,
        "%%{{init: {{\"themeVariables\": {{\"xyChart\": {{\"plotColorPalette\": \"{}\"}}}}}}}}%%",
        BAR_COLORS.join(", ")
    );
    out.push_str("xychart-beta\n");
    let _ = writeln!(out, "    title \"{}\"", clean(title));
    let cats: Vec<String> = categories.iter().map(|c| format!("\"{}\"", short(c))).collect();
    let _ = writeln!(out, "    x-axis [{}]", cats.join(", "));
    let top = crate::render::dashboard::charts::nice_max(series.iter().flatten().copied().fold(0.0, f64::max));
    let _ = writeln!(out, "    y-axis \"{}\" 0 --> {top:.0}", clean(y_label));
    for s in series {
        let values: Vec<String> = s.iter().map(|v| format!("{v:.0}")).collect();
        let _ = writeln!(out, "    bar [{}]", values.join(", "));
    }
    out.push_str("```\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_text_cannot_break_the_grammar() {
        assert_eq!(clean("A — all-in: \"x\" [1]"), "A all-in x 1");
        assert_eq!(clean("江苏康源医药 (A)"), "江苏康源医药 A");
        assert_eq!(clean("a\n---\nb"), "a --- b");
    }

    #[test]
    fn a_quadrant_chart_puts_difficulty_across_and_value_up() {
        let words = QuadrantWords {
            title: "Value × difficulty".into(),
            x: ("Low difficulty".into(), "High difficulty".into()),
            y: ("Low value".into(), "High value".into()),
            quadrants: ["a".into(), "b".into(), "c".into(), "d".into()],
        };
        let chart = quadrant(
            &words,
            &[Point {
                label: "kangyuan-pharma A".into(),
                value: 72.5,
                difficulty: 40.0,
            }],
        );
        assert!(chart.starts_with("```mermaid\nquadrantChart\n"));
        assert!(chart.contains("    x-axis Low difficulty --> High difficulty\n"));
        assert!(chart.contains("    quadrant-4 d\n"));
        assert!(chart.contains("    kangyuan-pharma A: [0.40, 0.72]\n"), "{chart}");
        assert!(chart.ends_with("```\n"));
    }

    #[test]
    fn a_bar_chart_lists_categories_and_series() {
        let chart = bars(
            "Forecast (CNY)",
            &["2026-11".into(), "2026-12".into()],
            "CNY",
            &[vec![200_000.0, 1_400_000.0], vec![40_000.0, 880_000.0]],
        );
        assert!(chart.contains("    title \"Forecast CNY\"\n"));
        // The series' colors are fixed, so the legend under the chart can name them.
        assert!(
            chart.starts_with(
                "```mermaid\n%%{init: {\"themeVariables\": {\"xyChart\": {\"plotColorPalette\": \"#90caf9, #1565c0\"}}}}%%\nxychart-beta\n"
            ),
            "{chart}"
        );
        assert!(chart.contains("    x-axis [\"2026-11\", \"2026-12\"]\n"));
        assert!(chart.contains("    y-axis \"CNY\" 0 --> 2000000\n"), "{chart}");
        let long = bars(
            "t",
            &["Value assessment and development plan".into()],
            "n",
            &[vec![3.0]],
        );
        assert!(long.contains("    x-axis [\"Value assessm.\"]\n"), "{long}");
        assert!(chart.contains("    bar [200000, 1400000]\n    bar [40000, 880000]\n"));
    }
}
