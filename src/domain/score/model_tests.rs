//! Tests of the scoring formula, the tier rules and the next-tier gaps, including property checks
//! over every combination of ratings of the default playbook.

use super::*;
use crate::domain::test_support::default_playbook;

/// Ratings in playbook factor order; 0 means unrated.
fn score_of(pb: &Playbook, ratings: &[i64], weights: &Weights) -> Score {
    let ids: Vec<&str> = pb.doc.scoring.factors.iter().map(|f| f.id.as_str()).collect();
    score_ratings(
        pb,
        |id| {
            let i = ids.iter().position(|f| *f == id)?;
            (ratings[i] != 0).then_some((Some(ratings[i]), None))
        },
        weights,
    )
}

/// Every combination of ratings 1–5 for `n` factors, in odometer order.
fn all_ratings(n: usize) -> impl Iterator<Item = Vec<i64>> {
    let count = 5usize.pow(u32::try_from(n).unwrap());
    (0..count).map(move |mut k| {
        (0..n)
            .map(|_| {
                let r = i64::try_from(k % 5).unwrap() + 1;
                k /= 5;
                r
            })
            .collect()
    })
}

/// A deterministic pseudo-random sequence (a 64-bit LCG), so sampled tests are reproducible.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

#[test]
fn normalises_both_directions() {
    assert!((normalise(1, true) - 0.0).abs() < 1e-12);
    assert!((normalise(5, true) - 1.0).abs() < 1e-12);
    assert!((normalise(3, true) - 0.5).abs() < 1e-12);
    assert!((normalise(2, false) - 0.75).abs() < 1e-12);
    assert!((normalise(5, false) - 0.0).abs() < 1e-12);
}

#[test]
fn worked_example_of_the_default_weights() {
    // share 4, business_value 5, payment_risk 2 (weights 3, 4, 3):
    // value = 100 × (3·0.75 + 4·1 + 3·0.75) / 10 = 85
    // effort 3, deal_risk 2, complexity 3, capability 4 (weights 2, 3, 2, 3):
    // difficulty = 100 × (2·0.5 + 3·0.25 + 2·0.5 + 3·0.25) / 10 = 35
    let pb = default_playbook().unwrap();
    let s = score_of(&pb, &[4, 5, 2, 3, 2, 3, 4], &Weights::new());
    assert_eq!(s.value, Some(85.0));
    assert_eq!(s.difficulty, Some(35.0));
    assert_eq!(s.tier.as_deref(), Some("A"));
    let share = &s.factors[0];
    assert_eq!((share.id.as_str(), share.points), ("share", Some(22.5)));
    let sum: f64 = s.axis(Axis::Value).filter_map(|f| f.points).sum();
    assert!((sum - 85.0).abs() < 1e-9);
}

#[test]
fn a_missing_rating_removes_its_axis_and_the_tier() {
    let pb = default_playbook().unwrap();
    let s = score_of(&pb, &[4, 5, 2, 0, 2, 3, 0], &Weights::new());
    assert_eq!(s.value, Some(85.0));
    assert_eq!(s.difficulty, None);
    assert_eq!(s.tier, None);
    assert_eq!(s.missing, ["effort", "capability"]);
    assert_eq!(s.factors[3].points, None);
}

#[test]
fn out_of_range_ratings_count_as_missing() {
    let pb = default_playbook().unwrap();
    let s = score_of(&pb, &[6, 5, 2, 3, 2, 3, 4], &Weights::new());
    assert_eq!((s.value, s.factors[0].rating), (None, None));
    assert_eq!(s.missing, ["share"]);
}

#[test]
fn overridden_weights_apply_and_are_marked() {
    let pb = default_playbook().unwrap();
    let weights = Weights::from([("share".to_string(), 6.0)]);
    let s = score_of(&pb, &[4, 5, 2, 3, 2, 3, 4], &weights);
    // 100 × (6·0.75 + 4·1 + 3·0.75) / 13
    let expected = 100.0 * (4.5 + 4.0 + 2.25) / 13.0;
    assert!((s.value.unwrap() - expected).abs() < 1e-9);
    assert_eq!(s.factors[0].playbook_weight, Some(3.0));
    assert_eq!(s.factors[1].playbook_weight, None);
    assert!((s.factors[0].weight - 6.0).abs() < 1e-12);
}

/// Raising a rating moves its own axis only, in the factor's direction: up when a higher rating
/// is better (more value, more difficulty), down when it is inverted (payment risk, capability).
#[test]
fn raising_a_rating_moves_its_axis_in_its_direction_for_every_combination() {
    let pb = default_playbook().unwrap();
    let factors = pb.doc.scoring.factors.clone();
    let none = Weights::new();
    let mut checked = 0;
    for ratings in all_ratings(factors.len()) {
        let base = score_of(&pb, &ratings, &none);
        for (i, f) in factors.iter().enumerate().filter(|(i, _)| ratings[*i] < 5) {
            let mut raised = ratings.clone();
            raised[i] += 1;
            let after = score_of(&pb, &raised, &none);
            let (before_axis, after_axis) = (base.axis_score(f.axis).unwrap(), after.axis_score(f.axis).unwrap());
            if f.higher_is_better {
                assert!(after_axis > before_axis, "{} {ratings:?}", f.id);
            } else {
                assert!(after_axis < before_axis, "{} {ratings:?}", f.id);
            }
            let other = if f.axis == Axis::Value {
                Axis::Difficulty
            } else {
                Axis::Value
            };
            assert_eq!(base.axis_score(other), after.axis_score(other));
            checked += 1;
        }
    }
    assert_eq!(checked, 7 * 4 * 5usize.pow(6));
}

/// The same property under random positive weights, on a sample of rating combinations.
#[test]
fn raising_a_rating_never_goes_against_its_direction_under_random_weights() {
    let mut rng = Lcg(42);
    // One load: every iteration sets every factor's weight, so nothing carries over.
    let mut pb = default_playbook().unwrap();
    for _ in 0..200 {
        let weights: Weights = pb
            .doc
            .scoring
            .factors
            .iter()
            .map(|f| (f.id.clone(), f64::from(u32::try_from(rng.below(20)).unwrap() + 1) / 4.0))
            .collect();
        pb.doc
            .scoring
            .factors
            .iter_mut()
            .for_each(|f| f.weight = weights[&f.id]);
        let ratings: Vec<i64> = (0..7).map(|_| i64::try_from(rng.below(4)).unwrap() + 1).collect();
        let base = score_of(&pb, &ratings, &Weights::new());
        for (i, f) in pb.doc.scoring.factors.iter().enumerate() {
            let mut raised = ratings.clone();
            raised[i] += 1;
            let after = score_of(&pb, &raised, &Weights::new());
            let delta = after.axis_score(f.axis).unwrap() - base.axis_score(f.axis).unwrap();
            assert!(if f.higher_is_better { delta > 0.0 } else { delta < 0.0 }, "{}", f.id);
        }
    }
}

/// The tier kam computes in floating point equals the tier of exact integer arithmetic, for
/// every combination of ratings, with weights in tenths (0.3, 0.7, …: not exact in binary) and
/// axis sums that do not divide evenly, so no score that the formula puts exactly on a bound
/// (70, say) is read as 69.999… and falls into the tier below.
#[test]
fn tiers_agree_with_exact_arithmetic() {
    for tenths in [
        [3, 4, 3, 2, 3, 2, 3],
        [7, 1, 3, 3, 11, 1, 7],
        [1, 1, 3, 1, 1, 1, 1],
        [1, 6, 3, 7, 1, 1, 1],
    ] {
        let mut pb = default_playbook().unwrap();
        for (f, w) in pb.doc.scoring.factors.iter_mut().zip(tenths) {
            f.weight = f64::from(w) / 10.0;
        }
        let factors = pb.doc.scoring.factors.clone();
        for ratings in all_ratings(7) {
            // 100·Σ(w·k/4)/Σw compared with bound b ⇔ 25·Σ(w·k) compared with b·Σw.
            let exact = |axis: Axis| -> (i64, i64) {
                let mut num = 0;
                let mut den = 0;
                for ((f, w), r) in factors.iter().zip(tenths).zip(&ratings) {
                    if f.axis == axis {
                        let k = if f.higher_is_better { r - 1 } else { 5 - r };
                        num += 25 * i64::from(w) * k;
                        den += i64::from(w);
                    }
                }
                (num, den)
            };
            let (v, d) = (exact(Axis::Value), exact(Axis::Difficulty));
            let holds = |c: &crate::domain::score::tier::Comparison| {
                let (num, den) = if c.axis == Axis::Value { v } else { d };
                #[allow(clippy::cast_possible_truncation)]
                let bound = c.bound as i64 * den;
                match c.op {
                    Op::Ge => num >= bound,
                    Op::Gt => num > bound,
                    Op::Le => num <= bound,
                    Op::Lt => num < bound,
                }
            };
            let expected = pb.doc.scoring.tiers.iter().find(|t| t.when.all.iter().all(holds));
            let got = score_of(&pb, &ratings, &Weights::new());
            assert_eq!(
                got.tier.as_deref(),
                expected.map(|t| t.id.as_str()),
                "{tenths:?} {ratings:?}"
            );
        }
    }
}

#[test]
fn first_matching_rule_wins() {
    let pb = default_playbook().unwrap();
    let tier = |v, d| tier_for(&pb, v, d).map(|t| t.id.as_str());
    assert_eq!(tier(70.0, 60.0), Some("A"));
    assert_eq!(tier(90.0, 60.1), Some("B"));
    assert_eq!(tier(90.0, 80.1), Some("C"));
    assert_eq!(tier(50.0, 0.0), Some("B"));
    assert_eq!(tier(49.9, 0.0), Some("C"));
    assert_eq!(tier(29.9, 0.0), Some("D"));
}

#[test]
fn next_tier_up_names_each_unmet_bound() {
    let pb = default_playbook().unwrap();
    // value 62.5 (B), difficulty 65: tier A needs +7.5 value and −5 difficulty.
    let mut s = score_of(&pb, &[3, 4, 3, 3, 2, 3, 4], &Weights::new());
    s.value = Some(62.5);
    s.difficulty = Some(65.0);
    s.tier = Some("B".into());
    let next = next_tier_up(&pb, &s).unwrap();
    assert_eq!(next.tier, "A");
    assert_eq!(
        next.gaps,
        [
            Gap {
                axis: Axis::Value,
                now: 62.5,
                delta: 7.5,
                strict: false
            },
            Gap {
                axis: Axis::Difficulty,
                now: 65.0,
                delta: -5.0,
                strict: false
            },
        ]
    );
    s.tier = Some("A".into());
    assert!(next_tier_up(&pb, &s).is_none(), "A is the top tier");
    s.tier = None;
    assert!(next_tier_up(&pb, &s).is_none(), "no tier, no next tier");
}
