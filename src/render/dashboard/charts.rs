//! The dashboard's charts as inline SVG, written with maud templates (every text escaped; every
//! element closed, so each chart is well-formed XML as well as HTML): the value × difficulty
//! matrix, the funnel, the days in stage and the forecast by month. Geometry only: the words
//! come from the caller, in the playbook's language.

// Geometry: counts and positions of a few thousand marks at most, far inside f64's exact range.
#![allow(clippy::cast_precision_loss)]

use maud::{Markup, html};

use crate::domain::dashboard::matrix::{DENSITY_CELLS, Matrix};
use crate::domain::stats::Funnel;
use crate::domain::stats::forecast::CurrencyForecast;
use crate::render::director::{amount, days, pct};

/// The tiers' colors, in the playbook's tier order (a fifth tier starts again).
const PALETTE: [&str; 4] = ["#2e7d32", "#1565c0", "#e08a00", "#78909c"];

/// The color of the tier at `index` in the playbook's order.
pub fn tier_color(index: usize) -> &'static str {
    PALETTE[index % PALETTE.len()]
}

fn f(x: f64) -> String {
    format!("{x:.1}")
}

/// Where a point's label goes: its position and text anchor.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Label {
    pub x: f64,
    pub y: f64,
    pub anchor: &'static str,
}

/// Places a label beside each point (right, left, above or below it) where it overlaps no other
/// label and no other point and stays inside `bounds` (x0, y0, x1, y1); a point without such a
/// place gets none (its name still shows on hover). Points are `(x, y, text width)`.
pub fn place_labels(points: &[(f64, f64, f64)], bounds: (f64, f64, f64, f64)) -> Vec<Option<Label>> {
    const H: f64 = 11.0;
    const R: f64 = 6.0;
    let mut boxes: Vec<(f64, f64, f64, f64)> = Vec::new();
    let overlaps = |a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)| a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3;
    points
        .iter()
        .enumerate()
        .map(|(i, &(x, y, w))| {
            let candidates = [
                (x + 9.0, y - H / 2.0, "start"),
                (x - 9.0 - w, y - H / 2.0, "end"),
                (x - w / 2.0, y - R - 2.0 - H, "middle"),
                (x - w / 2.0, y + R + 2.0, "middle"),
            ];
            let found = candidates.into_iter().find(|&(left, top, _)| {
                let b = (left, top, left + w, top + H);
                b.0 >= bounds.0
                    && b.2 <= bounds.2
                    && b.1 >= bounds.1
                    && b.3 <= bounds.3
                    && !boxes.iter().any(|o| overlaps(b, *o))
                    && !points
                        .iter()
                        .enumerate()
                        .any(|(j, &(px, py, _))| j != i && overlaps(b, (px - R, py - R, px + R, py + R)))
            });
            found.map(|(left, top, anchor)| {
                boxes.push((left, top, left + w, top + H));
                let x = match anchor {
                    "start" => left,
                    "end" => left + w,
                    _ => left + w / 2.0,
                };
                Label {
                    x,
                    y: top + H - 2.5,
                    anchor,
                }
            })
        })
        .collect()
}

/// The words a chart needs.
pub struct MatrixWords<'a> {
    pub value: &'a str,
    pub difficulty: &'a str,
}

/// A point's hover text: "name (id) — tier · stage · Value 75.0 · Difficulty 37.5".
fn point_title(p: &crate::domain::dashboard::matrix::Point, words: &MatrixWords<'_>) -> String {
    format!(
        "{} ({}) — {} · {} · {} {:.1} · {} {:.1}",
        p.name, p.id, p.tier, p.stage_label, words.value, p.value, words.difficulty, p.difficulty
    )
}

/// The matrix: difficulty across (0 left), value up (0 at the bottom), the tier zones shaded and
/// labelled, then a mark per account with its name, tier and stage on hover — a dot in its tier's
/// color for the pipeline, a ring for a won, lost or paused account — or the density cells.
pub fn matrix(m: &Matrix, tier_index: &dyn Fn(&str) -> usize, words: &MatrixWords<'_>) -> Markup {
    const X0: f64 = 56.0;
    const Y0: f64 = 16.0;
    const SIDE: f64 = 340.0;
    let x = |d: f64| X0 + d.clamp(0.0, 100.0) / 100.0 * SIDE;
    let y = |v: f64| Y0 + SIDE - v.clamp(0.0, 100.0) / 100.0 * SIDE;
    // Label each tier once, in its largest zone.
    let mut labelled: Vec<(&str, usize)> = Vec::new();
    for (i, z) in m.zones.iter().enumerate() {
        let area =
            |z: &crate::domain::dashboard::matrix::Zone| (z.difficulty.1 - z.difficulty.0) * (z.value.1 - z.value.0);
        match labelled.iter_mut().find(|(t, _)| *t == z.tier) {
            Some(entry) if area(&m.zones[entry.1]) < area(z) => entry.1 = i,
            Some(_) => {}
            None => labelled.push((&z.tier, i)),
        }
    }
    let max_count = m
        .density
        .as_ref()
        .and_then(|cells| cells.iter().map(|c| c.count).max())
        .unwrap_or(1);
    let cell = SIDE / DENSITY_CELLS as f64;
    // Labels for a readable number of points; 5.3 px per character of the 9.5 px font.
    // Closed accounts (won, lost, paused) are drawn first, behind the pipeline's, as rings; the
    // pipeline's get the first choice of places for their labels.
    let order: Vec<usize> = (0..m.points.len())
        .filter(|&i| m.points[i].closed)
        .chain((0..m.points.len()).filter(|&i| !m.points[i].closed))
        .collect();
    let labels = if m.points.len() <= 40 {
        let first_choice: Vec<usize> = order.iter().rev().copied().collect();
        #[allow(clippy::cast_precision_loss)]
        let spots: Vec<(f64, f64, f64)> = first_choice
            .iter()
            .map(|&i| {
                let p = &m.points[i];
                (x(p.difficulty), y(p.value), 5.3 * p.id.chars().count() as f64)
            })
            .collect();
        let placed = place_labels(&spots, (X0 - 40.0, 2.0, 408.0, Y0 + SIDE));
        let mut by_point = vec![None; m.points.len()];
        for (k, &i) in first_choice.iter().enumerate() {
            by_point[i] = placed[k];
        }
        by_point
    } else {
        vec![None; m.points.len()]
    };
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="chart matrix" viewBox="0 0 410 410" role="img" aria-label=(format!("{} × {}", words.value, words.difficulty)) {
            @for z in &m.zones {
                rect class="zone" x=(f(x(z.difficulty.0))) y=(f(y(z.value.1)))
                    width=(f(x(z.difficulty.1) - x(z.difficulty.0))) height=(f(y(z.value.0) - y(z.value.1)))
                    fill=(tier_color(tier_index(&z.tier))) fill-opacity="0.12" {}
            }
            @for (tier, i) in &labelled {
                @let z = &m.zones[*i];
                // In the zone's top left corner, where no mark of the zone's middle hides it.
                text class="zone-label" x=(f(x(z.difficulty.0) + 7.0)) y=(f(y(z.value.1) + 21.0))
                    fill=(tier_color(tier_index(tier))) { (tier) }
            }
            rect class="frame" x=(X0) y=(Y0) width=(SIDE) height=(SIDE) fill="none" stroke="#9e9e9e" {}
            @for t in [0.0, 25.0, 50.0, 75.0, 100.0] {
                line class="grid" x1=(f(x(t))) y1=(f(y(0.0))) x2=(f(x(t))) y2=(f(y(0.0) + 4.0)) stroke="#9e9e9e" {}
                text class="tick" x=(f(x(t))) y=(f(y(0.0) + 16.0)) text-anchor="middle" { (t) }
                line class="grid" x1=(f(X0 - 4.0)) y1=(f(y(t))) x2=(X0) y2=(f(y(t))) stroke="#9e9e9e" {}
                text class="tick" x=(f(X0 - 7.0)) y=(f(y(t) + 4.0)) text-anchor="end" { (t) }
            }
            text class="axis" x=(f(X0 + SIDE / 2.0)) y="404" text-anchor="middle" { (words.difficulty) " →" }
            text class="axis" x="14" y=(f(Y0 + SIDE / 2.0)) text-anchor="middle" transform=(format!("rotate(-90 14 {})", f(Y0 + SIDE / 2.0))) { (words.value) " →" }
            @if let Some(cells) = &m.density {
                @for c in cells {
                    rect class="density" x=(f(X0 + c.column as f64 * cell)) y=(f(Y0 + SIDE - (c.row + 1) as f64 * cell))
                        width=(f(cell)) height=(f(cell)) fill="#37474f"
                        fill-opacity=(format!("{:.2}", 0.15 + 0.8 * c.count as f64 / max_count as f64)) {
                        title { (c.count) }
                    }
                }
            }
            @for &i in &order {
                @let p = &m.points[i];
                @let color = tier_color(tier_index(&p.tier));
                g class=(if p.closed { "point closed" } else { "point" }) data-id=(p.id) data-stage=(p.stage) {
                    @if p.closed {
                        circle cx=(f(x(p.difficulty))) cy=(f(y(p.value))) r="5" fill="#ffffff" fill-opacity="0.85" stroke=(color) stroke-width="2" {
                            title { (point_title(p, words)) }
                        }
                    } @else {
                        circle cx=(f(x(p.difficulty))) cy=(f(y(p.value))) r="6" fill=(color) stroke="#ffffff" stroke-width="1.5" {
                            title { (point_title(p, words)) }
                        }
                    }
                    @if let Some(l) = &labels[i] {
                        text class="point-label" x=(f(l.x)) y=(f(l.y)) text-anchor=(l.anchor) { (p.id) }
                    }
                }
            }
        }
    }
}

/// The funnel: a bar per stage as wide as the accounts that entered it in the period, the part
/// still there at the end darker, and the conversion to the next stage between the bars.
pub fn funnel(fun: &Funnel, now_word: &str, entered_word: &str, conversion_word: &str) -> Markup {
    const W: f64 = 420.0;
    const ROW: f64 = 58.0;
    let max = fun
        .stages
        .iter()
        .map(|s| s.entered.max(s.now))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let width = |n: usize| (n as f64 / max * (W - 110.0)).max(2.0);
    let height = ROW * fun.stages.len() as f64 + 8.0;
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="chart funnel" viewBox=(format!("0 0 {W} {height}")) role="img" {
            @for (i, s) in fun.stages.iter().enumerate() {
                @let top = i as f64 * ROW;
                @let we = width(s.entered.max(s.now));
                @let left = (W - 110.0 - we) / 2.0;
                g class="stage" data-stage=(s.id) {
                    text class="stage-label" x=(f((W - 110.0) / 2.0)) y=(f(top + 13.0)) text-anchor="middle" { (s.label) }
                    rect class="entered" x=(f(left)) y=(f(top + 18.0)) width=(f(we)) height="22" rx="3" fill="#90caf9" {
                        title { (entered_word) " " (s.entered) }
                    }
                    rect class="now" x=(f(left)) y=(f(top + 18.0)) width=(f(width(s.now).min(we))) height="22" rx="3" fill="#1565c0" {
                        title { (now_word) " " (s.now) }
                    }
                    text class="count" x=(f(W - 104.0)) y=(f(top + 28.0)) { (s.entered) " " (entered_word) }
                    text class="count now" x=(f(W - 104.0)) y=(f(top + 41.0)) { (s.now) " " (now_word) }
                    @if let Some(c) = s.conversion {
                        text class="conversion" x=(f((W - 110.0) / 2.0)) y=(f(top + 54.0)) text-anchor="middle" {
                            "↓ " (pct(Some(c))) " " (conversion_word)
                        }
                    }
                }
            }
        }
    }
}

/// Days in stage: per stage the 90th percentile (light) and the median (dark) on one scale.
pub fn days_in_stage(fun: &Funnel, median_word: &str, p90_word: &str) -> Markup {
    const W: f64 = 420.0;
    const ROW: f64 = 44.0;
    let max = fun
        .stages
        .iter()
        .filter_map(|s| s.p90_days.or(s.median_days))
        .fold(1.0_f64, f64::max);
    let width = |d: f64| (d / max * (W - 90.0)).max(1.0);
    let height = ROW * fun.stages.len() as f64 + 4.0;
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="chart days" viewBox=(format!("0 0 {W} {height}")) role="img" {
            @for (i, s) in fun.stages.iter().enumerate() {
                @let top = i as f64 * ROW;
                g class="stage" data-stage=(s.id) {
                    text class="stage-label" x="0" y=(f(top + 13.0)) { (s.label) }
                    @if let Some(p90) = s.p90_days {
                        rect class="p90" x="0" y=(f(top + 18.0)) width=(f(width(p90))) height="16" rx="2" fill="#ffcc80" {
                            title { (p90_word) " " (days(Some(p90)).unwrap_or_default()) }
                        }
                    }
                    @if let Some(m) = s.median_days {
                        rect class="median" x="0" y=(f(top + 18.0)) width=(f(width(m))) height="16" rx="2" fill="#e65100" {
                            title { (median_word) " " (days(Some(m)).unwrap_or_default()) }
                        }
                        text class="count" x=(f(width(s.p90_days.unwrap_or(m)) + 6.0)) y=(f(top + 31.0)) {
                            (days(Some(m)).unwrap_or_default()) " / " (days(s.p90_days).unwrap_or_default())
                        }
                    } @else {
                        text class="count muted" x="0" y=(f(top + 31.0)) { "—" }
                    }
                }
            }
        }
    }
}

/// A round upper bound for an axis: 1, 2, 2.5 or 5 × a power of ten.
pub fn nice_max(max: f64) -> f64 {
    if max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let magnitude = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|v| *v >= max)
        .unwrap_or(10.0 * magnitude)
}

/// The forecast of one currency by month: unweighted (light) and weighted (dark) bars.
pub fn forecast(c: &CurrencyForecast, no_date: &str, unweighted_word: &str, weighted_word: &str) -> Markup {
    const H: f64 = 200.0;
    const X0: f64 = 78.0;
    const TOP: f64 = 14.0;
    const BASE: f64 = 180.0;
    let n = c.by_month.len().max(1) as f64;
    let slot = (420.0 - X0) / n;
    let bar = (slot * 0.6).min(48.0);
    let top = nice_max(c.by_month.iter().map(|b| b.unweighted).fold(0.0, f64::max));
    let y = |v: f64| BASE - v / top * (BASE - TOP);
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="chart forecast" viewBox=(format!("0 0 420 {H}")) role="img" data-currency=(c.currency) {
            @for k in 0..=4 {
                @let v = top * f64::from(k) / 4.0;
                line class="grid" x1=(X0) y1=(f(y(v))) x2="420" y2=(f(y(v))) stroke="#e0e0e0" {}
                text class="tick" x=(f(X0 - 6.0)) y=(f(y(v) + 4.0)) text-anchor="end" { (amount(v)) }
            }
            @for (i, b) in c.by_month.iter().enumerate() {
                @let cx = X0 + slot * (i as f64 + 0.5);
                @let month = b.key.clone().unwrap_or_else(|| no_date.to_string());
                g class="month" data-month=(month) {
                    rect class="unweighted" x=(f(cx - bar / 2.0)) y=(f(y(b.unweighted))) width=(f(bar)) height=(f(BASE - y(b.unweighted))) fill="#c5cae9" {
                        title { (month) " · " (unweighted_word) " " (amount(b.unweighted)) " " (c.currency) " · " (b.accounts.join(", ")) }
                    }
                    rect class="weighted" x=(f(cx - bar / 2.0)) y=(f(y(b.weighted))) width=(f(bar)) height=(f(BASE - y(b.weighted))) fill="#3949ab" {
                        title { (month) " · " (weighted_word) " " (amount(b.weighted)) " " (c.currency) }
                    }
                    text class="tick" x=(f(cx)) y=(f(BASE + 16.0)) text-anchor="middle" { (month) }
                }
            }
            line x1=(X0) y1=(BASE) x2="420" y2=(BASE) stroke="#9e9e9e" {}
        }
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the values compared are exact
mod tests {
    use super::*;

    #[test]
    fn labels_go_where_they_overlap_nothing() {
        let bounds = (0.0, 0.0, 400.0, 400.0);
        // Two points side by side: the first label goes right of it, over the second point,
        // so it goes left; the second goes right.
        let placed = place_labels(&[(100.0, 100.0, 50.0), (130.0, 100.0, 50.0)], bounds);
        let first = placed[0].unwrap();
        assert_eq!(first.anchor, "end");
        assert_eq!(placed[1].unwrap().anchor, "start");
        // A point with no room anywhere gets no label.
        let crowded: Vec<(f64, f64, f64)> = (0..9)
            .map(|i| (200.0 + f64::from(i % 3) * 4.0, 200.0 + f64::from(i / 3) * 4.0, 80.0))
            .collect();
        assert!(place_labels(&crowded, bounds).iter().any(Option::is_none));
        // Near the right edge the label goes left.
        assert_eq!(place_labels(&[(390.0, 50.0, 60.0)], bounds)[0].unwrap().anchor, "end");
    }

    #[test]
    fn axes_end_on_round_numbers() {
        assert_eq!(nice_max(9_000_000.0), 10_000_000.0);
        assert_eq!(nice_max(2_860_000.0), 5_000_000.0);
        assert_eq!(nice_max(385_000.0), 500_000.0);
        assert_eq!(nice_max(2_400.0), 2_500.0);
        assert_eq!(nice_max(0.0), 1.0);
    }
}
