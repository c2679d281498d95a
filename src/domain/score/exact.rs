//! Axis scores as exact fractions, so a tier is decided on the number the formula gives and not
//! on a floating-point neighbour of it. Weights are read as the decimals they were written as
//! (`0.1` is one tenth, not the binary number nearest to it); a rating r counts k/4 with
//! k = r − 1 (or 4 − k when a higher rating means less), so an axis score is
//! 100 · Σ(w·k/4) / Σw = 25 · Σ(w·k) / Σw, a fraction of whole numbers once every weight is
//! scaled to the same power of ten. A tier bound b is compared as 25 · Σ(w·k) · 10ᵗ against
//! b · 10ᵗ · Σw. When a number is too long for 128-bit arithmetic (a weight of 1e300, say) the
//! comparison falls back to floating point without rounding.

use crate::domain::score::tier::Op;

/// A fraction `num / den` with `den > 0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fraction {
    pub num: i128,
    pub den: i128,
}

/// An axis score: exact when every number fit, else the floating-point value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AxisScore {
    Exact(Fraction),
    Float(f64),
}

impl AxisScore {
    /// The score as a number to show and to put in JSON: the fraction divided once (correctly
    /// rounded), so a score exactly on 70 shows as 70.
    #[allow(clippy::cast_precision_loss)]
    pub fn to_f64(self) -> f64 {
        match self {
            AxisScore::Exact(f) => f.num as f64 / f.den as f64,
            AxisScore::Float(x) => x,
        }
    }

    /// Whether `self op bound` holds, decided exactly where possible.
    pub fn compare(self, op: Op, bound: f64) -> bool {
        if let AxisScore::Exact(f) = self
            && let Some(holds) = exact_compare(f, op, bound)
        {
            return holds;
        }
        op.holds(self.to_f64(), bound)
    }
}

fn exact_compare(f: Fraction, op: Op, bound: f64) -> Option<bool> {
    let (p, t) = decimal(bound)?;
    let scale = 10i128.checked_pow(t)?;
    // num/den op p/10ᵗ ⇔ num·10ᵗ op p·den, den > 0.
    let left = f.num.checked_mul(scale)?;
    let right = p.checked_mul(f.den)?;
    Some(match op {
        Op::Ge => left >= right,
        Op::Gt => left > right,
        Op::Le => left <= right,
        Op::Lt => left < right,
    })
}

/// A finite number as the shortest decimal that reads back as it: `(mantissa, t)` with the value
/// `mantissa / 10ᵗ`. `None` when it does not fit in 128 bits.
pub fn decimal(x: f64) -> Option<(i128, u32)> {
    if !x.is_finite() {
        return None;
    }
    // Whole numbers, the usual weights and bounds, need no text.
    if x.fract() == 0.0 && x.abs() < 1e15 {
        #[allow(clippy::cast_possible_truncation)]
        return Some((x as i128, 0));
    }
    // Rust prints the shortest representation that round-trips, without an exponent.
    let text = x.to_string();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let mut mantissa: i128 = 0;
    for c in whole.chars().chain(fraction.chars()) {
        let d = i128::from(c.to_digit(10)?);
        mantissa = mantissa.checked_mul(10)?.checked_add(d)?;
    }
    let t = u32::try_from(fraction.len()).ok()?;
    Some((if negative { -mantissa } else { mantissa }, t))
}

/// The exact axis score of `(weight, k)` pairs, k in 0..=4 (quarters of the rating scale).
/// `None` when a number does not fit or the weights sum to zero.
pub fn axis_fraction(parts: &[(f64, i64)]) -> Option<Fraction> {
    let decimals: Vec<(i128, u32)> = parts.iter().map(|(w, _)| decimal(*w)).collect::<Option<_>>()?;
    let t = decimals.iter().map(|(_, t)| *t).max().unwrap_or(0);
    let mut num: i128 = 0;
    let mut den: i128 = 0;
    for ((m, s), (_, k)) in decimals.iter().zip(parts) {
        let w = m.checked_mul(10i128.checked_pow(t - s)?)?;
        num = num.checked_add(w.checked_mul(i128::from(*k))?)?;
        den = den.checked_add(w)?;
    }
    num = num.checked_mul(25)?;
    if den == 0 {
        return None;
    }
    if den < 0 {
        num = num.checked_neg()?;
        den = den.checked_neg()?;
    }
    Some(Fraction { num, den })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_read_as_written() {
        assert_eq!(decimal(0.1), Some((1, 1)));
        assert_eq!(decimal(3.999_999_999_99), Some((399_999_999_999, 11)));
        assert_eq!(decimal(70.0), Some((70, 0)));
        assert_eq!(decimal(-2.5), Some((-25, 1)));
        assert_eq!(decimal(1e300), None);
        assert_eq!(decimal(f64::NAN), None);
    }

    #[test]
    fn a_score_just_below_a_bound_stays_below_it() {
        // Value factors share 3 (rated 4: k 3), business_value 3.99999999999 (k 3), payment_risk
        // 3 (k 3): 25·3·(3 + 3.99999999999 + 3)/(9.99999999999) = 75, exactly.
        let f = axis_fraction(&[(3.0, 3), (3.999_999_999_99, 3), (3.0, 3)]).unwrap();
        assert!(AxisScore::Exact(f).compare(Op::Ge, 75.0));
        // k 3, 4, 1: 25·(9 + 15.99999999996 + 3)/9.99999999999 = 69.99999999997…
        let f = axis_fraction(&[(3.0, 3), (3.999_999_999_99, 4), (3.0, 1)]).unwrap();
        let s = AxisScore::Exact(f);
        assert!(!s.compare(Op::Ge, 70.0), "{}", s.to_f64());
        assert!(s.compare(Op::Lt, 70.0));
        assert!(s.to_f64() < 70.0);
    }

    #[test]
    fn a_score_exactly_on_a_bound_is_on_it() {
        // Weights in tenths are not exact in binary: 0.1 + 0.2 + 0.7 sums to 1.0000000000000002
        // in floating point. 25·(0.7·4)/1.0 = 70 exactly.
        let f = axis_fraction(&[(0.1, 0), (0.2, 0), (0.7, 4)]).unwrap();
        assert_eq!(f, Fraction { num: 25 * 28, den: 10 });
        let s = AxisScore::Exact(f);
        assert!(s.compare(Op::Ge, 70.0) && s.compare(Op::Le, 70.0) && !s.compare(Op::Gt, 70.0));
        assert!((s.to_f64() - 70.0).abs() < f64::EPSILON);
    }

    #[test]
    fn numbers_too_long_fall_back_to_floating_point() {
        assert_eq!(axis_fraction(&[(1e300, 4), (1.0, 0)]), None);
        assert!(AxisScore::Float(70.0).compare(Op::Ge, 70.0));
    }
}
