//! Tier conditions: `value >= 70 and difficulty <= 60`, or `otherwise`. A condition is a
//! conjunction of comparisons of one axis with a number; the list of tier rules must leave no
//! value/difficulty pair uncovered, which [`find_gap`] proves or refutes exactly.

use std::fmt;

use serde::Deserialize;

use crate::domain::playbook::Axis;
use crate::domain::score::exact::AxisScore;

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Ge,
    Gt,
    Le,
    Lt,
}

impl Op {
    pub(crate) fn holds(self, left: f64, right: f64) -> bool {
        match self {
            Op::Ge => left >= right,
            Op::Gt => left > right,
            Op::Le => left <= right,
            Op::Lt => left < right,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Op::Ge => ">=",
            Op::Gt => ">",
            Op::Le => "<=",
            Op::Lt => "<",
        }
    }
}

/// One comparison such as `value >= 70`.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub axis: Axis,
    pub op: Op,
    pub bound: f64,
}

impl Comparison {
    pub fn holds(&self, value: f64, difficulty: f64) -> bool {
        let left = match self.axis {
            Axis::Value => value,
            Axis::Difficulty => difficulty,
        };
        self.op.holds(left, self.bound)
    }

    /// Whether the comparison holds for exact axis scores (see [`AxisScore`]).
    pub fn holds_score(&self, value: AxisScore, difficulty: AxisScore) -> bool {
        let left = match self.axis {
            Axis::Value => value,
            Axis::Difficulty => difficulty,
        };
        left.compare(self.op, self.bound)
    }

    /// How far `score` on this comparison's axis is from satisfying it (0 when it holds).
    pub fn distance(&self, value: f64, difficulty: f64) -> f64 {
        let left = match self.axis {
            Axis::Value => value,
            Axis::Difficulty => difficulty,
        };
        if self.op.holds(left, self.bound) {
            0.0
        } else {
            (self.bound - left).abs()
        }
    }
}

/// The condition of a tier rule: every comparison holds (an empty list is `otherwise`).
#[derive(Debug, Clone, PartialEq)]
pub struct TierCond {
    pub all: Vec<Comparison>,
}

impl TierCond {
    pub fn holds(&self, value: f64, difficulty: f64) -> bool {
        self.all.iter().all(|c| c.holds(value, difficulty))
    }

    /// [`TierCond::holds`] on exact axis scores: the tier is decided on the exact number.
    pub fn holds_score(&self, value: AxisScore, difficulty: AxisScore) -> bool {
        self.all.iter().all(|c| c.holds_score(value, difficulty))
    }

    pub fn parse(text: &str) -> Result<TierCond, String> {
        let text = text.trim();
        if text == "otherwise" || text == "always" {
            return Ok(TierCond { all: Vec::new() });
        }
        let mut all = Vec::new();
        for part in text.split(" and ") {
            all.push(parse_comparison(part.trim())?);
        }
        Ok(TierCond { all })
    }
}

fn parse_comparison(part: &str) -> Result<Comparison, String> {
    let words: Vec<&str> = part.split_whitespace().collect();
    let [axis, op, bound] = words.as_slice() else {
        return Err(format!(
            "`{part}` is not a comparison; write e.g. `value >= 70` or `difficulty <= 60`"
        ));
    };
    let axis = match *axis {
        "value" => Axis::Value,
        "difficulty" => Axis::Difficulty,
        other => return Err(format!("unknown axis `{other}`; use `value` or `difficulty`")),
    };
    let op = match *op {
        ">=" => Op::Ge,
        ">" => Op::Gt,
        "<=" => Op::Le,
        "<" => Op::Lt,
        other => return Err(format!("unknown operator `{other}`; use >=, >, <= or <")),
    };
    let bound: f64 = bound
        .parse()
        .ok()
        .filter(|b: &f64| b.is_finite())
        .ok_or_else(|| format!("`{bound}` is not a number"))?;
    if !(0.0..=100.0).contains(&bound) {
        return Err(format!(
            "`{bound}` is outside 0–100; value and difficulty are scores from 0 to 100"
        ));
    }
    Ok(Comparison { axis, op, bound })
}

impl fmt::Display for TierCond {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.all.is_empty() {
            return f.write_str("otherwise");
        }
        for (i, c) in self.all.iter().enumerate() {
            if i > 0 {
                f.write_str(" and ")?;
            }
            write!(f, "{} {} {}", c.axis.id(), c.op.symbol(), c.bound)?;
        }
        Ok(())
    }
}

impl serde::Serialize for TierCond {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TierCond {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        TierCond::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A value/difficulty pair in [0, 100]² that no condition covers, if there is one.
///
/// Every condition is a box with open or closed sides, so the plane splits into cells between
/// consecutive bounds; probing each bound and each cell's midpoint on both axes decides coverage
/// exactly.
pub fn find_gap(conds: &[&TierCond]) -> Option<(f64, f64)> {
    let probes = |axis: Axis| {
        let mut bounds: Vec<f64> = vec![0.0, 100.0];
        for c in conds.iter().flat_map(|c| &c.all) {
            if c.axis == axis && (0.0..=100.0).contains(&c.bound) {
                bounds.push(c.bound);
            }
        }
        bounds.sort_by(f64::total_cmp);
        bounds.dedup();
        let mut points = bounds.clone();
        points.extend(bounds.windows(2).map(|w| f64::midpoint(w[0], w[1])));
        points
    };
    let values = probes(Axis::Value);
    let difficulties = probes(Axis::Difficulty);
    for &v in &values {
        for &d in &difficulties {
            if !conds.iter().any(|c| c.holds(v, d)) {
                return Some((v, d));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conds(texts: &[&str]) -> Vec<TierCond> {
        texts.iter().map(|t| TierCond::parse(t).unwrap()).collect()
    }

    #[test]
    fn parses_conjunctions_and_otherwise() {
        let c = TierCond::parse("value >= 70 and difficulty <= 60").unwrap();
        assert_eq!(c.all.len(), 2);
        assert!(c.holds(70.0, 60.0));
        assert!(!c.holds(69.9, 10.0));
        assert!(!c.holds(90.0, 60.1));
        assert!(TierCond::parse("otherwise").unwrap().holds(0.0, 100.0));
        assert_eq!(c.to_string(), "value >= 70 and difficulty <= 60");
    }

    #[test]
    fn rejects_malformed_conditions() {
        assert!(TierCond::parse("value => 70").is_err());
        assert!(TierCond::parse("worth >= 70").is_err());
        assert!(TierCond::parse("value >= lots").is_err());
        assert!(TierCond::parse("value >= 70 or difficulty < 3").is_err());
    }

    #[test]
    fn full_cover_has_no_gap() {
        let c = conds(&[
            "value >= 70 and difficulty <= 60",
            "value >= 50",
            "value >= 30",
            "otherwise",
        ]);
        let refs: Vec<&TierCond> = c.iter().collect();
        assert_eq!(find_gap(&refs), None);
    }

    #[test]
    fn finds_a_gap_below_the_last_threshold() {
        let c = conds(&["value >= 70", "value >= 30"]);
        let refs: Vec<&TierCond> = c.iter().collect();
        let (v, _) = find_gap(&refs).expect("values below 30 are uncovered");
        assert!(v < 30.0);
    }

    #[test]
    fn finds_a_gap_on_an_open_boundary() {
        // value exactly 50 is neither > 50 nor < 50.
        let c = conds(&["value > 50", "value < 50"]);
        let refs: Vec<&TierCond> = c.iter().collect();
        assert_eq!(find_gap(&refs).map(|g| g.0), Some(50.0));
    }

    #[test]
    fn finds_a_gap_in_a_corner() {
        let c = conds(&["value >= 50", "difficulty <= 50"]);
        let refs: Vec<&TierCond> = c.iter().collect();
        let (v, d) = find_gap(&refs).expect("low value with high difficulty is uncovered");
        assert!(v < 50.0 && d > 50.0);
    }
}
