//! The value × difficulty matrix of the dashboard: the playbook's tier zones as rectangles, and
//! one point per assessed account — or, above [`DENSITY_FROM`] accounts, how many accounts lie in
//! each cell of a grid, since thousands of marks hide each other. An account that is won, lost or
//! paused is *closed*: its point is drawn apart from the pipeline's, and the density counts only
//! the pipeline (the closed ones are counted beside it), so a lost deal never sits in the A zone
//! looking like work to do.
//!
//! The zones are exact: the tier rules compare an axis with a number, so the numbers they name
//! cut each axis into intervals inside which every rule holds or fails throughout; the tier of
//! each cell is the tier of its midpoint.

use serde::Serialize;

use crate::domain::playbook::{Axis, Playbook};
use crate::domain::score::tier_for;

/// From this many assessed accounts on, the matrix shows density instead of points.
pub const DENSITY_FROM: usize = 2000;
/// Cells per axis of the density grid.
pub const DENSITY_CELLS: usize = 20;

/// A rectangle of the matrix where one tier holds (value and difficulty 0–100).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Zone {
    pub tier: String,
    pub difficulty: (f64, f64),
    pub value: (f64, f64),
}

/// One assessed account.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    pub id: String,
    /// The name shown on hover (the id when the playbook marks names as personal data).
    pub name: String,
    pub tier: String,
    pub value: f64,
    pub difficulty: f64,
    /// The stage id and its label in the playbook's words (shown on hover).
    pub stage: String,
    pub stage_label: String,
    /// Won, lost or paused: out of the pipeline.
    pub closed: bool,
}

/// One cell of the density grid with the accounts in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    /// Column (difficulty) and row (value), 0-based from the low end.
    pub column: usize,
    pub row: usize,
    pub count: usize,
}

/// The matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Matrix {
    pub zones: Vec<Zone>,
    /// Every assessed account (empty when `density` is given).
    pub points: Vec<Point>,
    pub density: Option<Vec<Cell>>,
    /// Accounts without both scores (not in the matrix).
    pub unscored: usize,
    /// Closed accounts left out of the density grid (none when points are shown).
    pub closed_left_out: usize,
}

/// The numbers the tier rules compare an axis with, with the ends of the scale, sorted.
fn cuts(pb: &Playbook, axis: Axis) -> Vec<f64> {
    let mut cuts: Vec<f64> = vec![0.0, 100.0];
    for t in &pb.doc.scoring.tiers {
        cuts.extend(
            t.when
                .all
                .iter()
                .filter(|c| c.axis == axis && c.bound > 0.0 && c.bound < 100.0)
                .map(|c| c.bound),
        );
    }
    cuts.sort_by(f64::total_cmp);
    cuts.dedup();
    cuts
}

/// The tier zones of the playbook.
pub fn zones(pb: &Playbook) -> Vec<Zone> {
    let (xs, ys) = (cuts(pb, Axis::Difficulty), cuts(pb, Axis::Value));
    let mut out = Vec::new();
    for x in xs.windows(2) {
        for y in ys.windows(2) {
            let mid = (f64::midpoint(x[0], x[1]), f64::midpoint(y[0], y[1]));
            if let Some(t) = tier_for(pb, mid.1, mid.0) {
                out.push(Zone {
                    tier: t.id.clone(),
                    difficulty: (x[0], x[1]),
                    value: (y[0], y[1]),
                });
            }
        }
    }
    out
}

/// The matrix of these points; `unscored` accounts lack a score.
pub fn matrix(pb: &Playbook, points: Vec<Point>, unscored: usize) -> Matrix {
    let zones = zones(pb);
    if points.len() < DENSITY_FROM {
        return Matrix {
            zones,
            points,
            density: None,
            unscored,
            closed_left_out: 0,
        };
    }
    let mut counts = vec![0usize; DENSITY_CELLS * DENSITY_CELLS];
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let cell = |v: f64| ((v.clamp(0.0, 100.0) / 100.0 * DENSITY_CELLS as f64) as usize).min(DENSITY_CELLS - 1);
    for p in points.iter().filter(|p| !p.closed) {
        counts[cell(p.value) * DENSITY_CELLS + cell(p.difficulty)] += 1;
    }
    let density = counts
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(i, n)| Cell {
            column: i % DENSITY_CELLS,
            row: i / DENSITY_CELLS,
            count: *n,
        })
        .collect();
    Matrix {
        zones,
        closed_left_out: points.iter().filter(|p| p.closed).count(),
        points: Vec::new(),
        density: Some(density),
        unscored,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::default_playbook;

    #[test]
    fn the_zones_cover_the_matrix_with_the_playbooks_tiers() {
        let pb = default_playbook().unwrap();
        let z = zones(&pb);
        let area: f64 = z
            .iter()
            .map(|z| (z.difficulty.1 - z.difficulty.0) * (z.value.1 - z.value.0))
            .sum();
        assert!((area - 10_000.0).abs() < 1e-9, "{area}");
        // value >= 70 and difficulty <= 60 is tier A: the cell from difficulty 0 to 60 and
        // value 70 to 100.
        assert!(
            z.iter()
                .any(|z| z.tier == "A" && z.difficulty == (0.0, 60.0) && z.value == (70.0, 100.0))
        );
        assert!(z.iter().any(|z| z.tier == "D" && z.value == (0.0, 30.0)));
        let tiers: std::collections::BTreeSet<&str> = z.iter().map(|z| z.tier.as_str()).collect();
        assert_eq!(tiers.into_iter().collect::<Vec<_>>(), vec!["A", "B", "C", "D"]);
    }

    #[test]
    fn many_accounts_become_a_density_grid() {
        let pb = default_playbook().unwrap();
        let point = |i: usize| Point {
            id: format!("a{i}"),
            name: String::new(),
            tier: "A".into(),
            value: if i.is_multiple_of(2) { 100.0 } else { 2.0 },
            difficulty: 50.0,
            stage: "qualify".into(),
            stage_label: "Qualify".into(),
            closed: false,
        };
        let few = matrix(&pb, (0..10).map(point).collect(), 3);
        assert_eq!((few.points.len(), few.density.is_none(), few.unscored), (10, true, 3));
        let many = matrix(&pb, (0..DENSITY_FROM).map(point).collect(), 0);
        let cells = many.density.unwrap();
        assert!(many.points.is_empty());
        assert_eq!(cells.iter().map(|c| c.count).sum::<usize>(), DENSITY_FROM);
        // Closed accounts are counted beside the grid, not in it.
        let lost = |i: usize| Point {
            stage: "lost".into(),
            closed: true,
            ..point(i)
        };
        let mixed = matrix(
            &pb,
            (0..DENSITY_FROM)
                .map(|i| if i < 10 { lost(i) } else { point(i) })
                .collect(),
            0,
        );
        assert_eq!(mixed.closed_left_out, 10);
        assert_eq!(
            mixed.density.unwrap().iter().map(|c| c.count).sum::<usize>(),
            DENSITY_FROM - 10
        );
        // value 100 falls in the top row, value 2 in the bottom one; difficulty 50 in column 10.
        assert_eq!(cells.len(), 2);
        assert!(
            cells
                .iter()
                .all(|c| c.column == 10 && (c.row == 0 || c.row == DENSITY_CELLS - 1))
        );
    }
}
