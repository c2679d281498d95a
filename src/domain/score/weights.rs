//! Weight overrides for a what-if run (`--weights share=5,effort=1`): parsed and checked against
//! the playbook's factors, so a typo is refused instead of silently changing nothing.

use crate::domain::playbook::Playbook;
use crate::domain::score::Weights;

/// A command-line value the playbook refuses: the message and a hint.
#[derive(Debug, Clone, PartialEq)]
pub struct BadArgument {
    pub message: String,
    pub help: String,
}

/// Parses `factor=weight` items. Every factor must exist, appear once, and get a finite
/// weight above 0 (the playbook's own weights obey the same rule).
pub fn parse_weights(pb: &Playbook, items: &[String]) -> Result<Weights, BadArgument> {
    let factors = || {
        pb.doc
            .scoring
            .factors
            .iter()
            .map(|f| format!("{} ({})", f.id, f.weight))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let fail = |message: String| BadArgument {
        message,
        help: pb.fill(
            "score.weights_help",
            "write factor=weight, e.g. --weights share=5; factors (playbook weight): {factors}",
            &[("factors", &factors())],
        ),
    };
    let mut out = Weights::new();
    for item in items.iter().map(|i| i.trim()).filter(|i| !i.is_empty()) {
        let Some((id, weight)) = item.split_once('=') else {
            return Err(fail(pb.fill(
                "score.not_factor_weight",
                "`{item}` is not factor=weight",
                &[("item", &item)],
            )));
        };
        let (id, weight) = (id.trim(), weight.trim());
        if pb.factor(id).is_none() {
            return Err(fail(pb.fill(
                "score.unknown_factor",
                "unknown factor `{factor}` in --weights",
                &[("factor", &id)],
            )));
        }
        let w: f64 = weight.parse().map_err(|_| {
            fail(pb.fill(
                "score.weight_not_number",
                "the weight of `{factor}` must be a number, not `{weight}`",
                &[("factor", &id), ("weight", &weight)],
            ))
        })?;
        let max = crate::domain::playbook::check::MAX_WEIGHT;
        if !(w.is_finite() && w > 0.0 && w <= max) {
            return Err(fail(pb.fill(
                "score.weight_range",
                "the weight of `{factor}` must be above 0 and at most {max}, not `{weight}`",
                &[("factor", &id), ("max", &max), ("weight", &weight)],
            )));
        }
        if out.insert(id.to_string(), w).is_some() {
            return Err(fail(pb.fill(
                "score.weight_twice",
                "`{factor}` is given twice in --weights",
                &[("factor", &id)],
            )));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::default_playbook;

    fn parse(items: &[&str]) -> Result<Weights, BadArgument> {
        let items: Vec<String> = items.iter().map(ToString::to_string).collect();
        parse_weights(&default_playbook().unwrap(), &items)
    }

    #[test]
    fn parses_overrides() {
        let w = parse(&["share=5", " effort = 1.5 "]).unwrap();
        assert_eq!(w.len(), 2);
        assert!((w["share"] - 5.0).abs() < 1e-12);
        assert!((w["effort"] - 1.5).abs() < 1e-12);
    }

    #[test]
    fn refuses_bad_items_with_the_factor_list() {
        for (items, needle) in [
            (&["shares=5"][..], "unknown factor `shares`"),
            (&["share=0"][..], "above 0"),
            (&["share=-2"][..], "above 0"),
            (&["share=inf"][..], "above 0"),
            (&["share=NaN"][..], "above 0"),
            (&["share=1e308"][..], "at most 1000"),
            (&["share=lots"][..], "must be a number, not `lots`"),
            (&["share"][..], "not factor=weight"),
            (&["share=1", "share=2"][..], "given twice"),
        ] {
            let e = parse(items).unwrap_err();
            assert!(e.message.contains(needle), "{items:?}: {}", e.message);
            assert!(e.help.contains("business_value (4)"), "{}", e.help);
        }
    }
}
