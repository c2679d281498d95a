//! `kam score ID --explain`: every factor with its label, rating, weight, direction, points and
//! justification; the axis scores; the tier rule that matched and the way to the next tier up.

use std::fmt::{self, Write};

use crate::domain::playbook::{Axis, Playbook};
use crate::domain::score::ranking::Entry;
use crate::domain::score::{Gap, Score, next_tier_up};
use crate::render::score::{one_decimal, problem_lines, weight};
use crate::render::table::{ABSENT, Column, Fit, Grid};

/// The change a gap needs, from the score as shown (so the two add up to the bound), and never
/// shown as 0.0 while the bound is still unmet.
fn gap_text(pb: &Playbook, g: &Gap) -> String {
    let shown = (g.now * 10.0).round() / 10.0;
    let bound = g.now + g.delta;
    let tenths = ((bound - shown).abs() * 10.0).round();
    let amount = if g.strict { tenths } else { tenths.max(1.0) } / 10.0;
    let sign = if g.delta >= 0.0 { "+" } else { "−" };
    let change = format!("{sign}{amount:.1}");
    let change = if g.strict {
        pb.fill("score.more_than", "more than {change}", &[("change", &change)])
    } else {
        change
    };
    format!("{} {shown:.1}: {change}", axis_name(pb, g.axis))
}

fn axis_name(pb: &Playbook, axis: Axis) -> &str {
    match axis {
        Axis::Value => pb.text("score.value", "value"),
        Axis::Difficulty => pb.text("score.difficulty", "difficulty"),
    }
}

/// Every factor in one grid, grouped by axis under a heading row with the axis score, so both
/// axes share one column layout. Justifications go under their factor across the full width.
fn factor_grid(pb: &Playbook, score: &Score) -> Grid {
    let mut g = Grid::new(vec![
        Column::new("factor", pb.text("score.factor", "factor")).fit(Fit::Wrap),
        Column::new("id", pb.text("score.id", "id")),
        Column::new("rating", pb.text("score.rating", "rating")).right(),
        Column::new("weight", pb.text("score.weight", "weight")).right(),
        Column::new("direction", pb.text("score.direction", "direction")),
        Column::new("points", pb.text("score.points", "points")).right(),
    ]);
    let blank = |first: String| {
        let mut row = vec![Some(first)];
        row.resize(6, Some(String::new()));
        row
    };
    for (i, axis) in [Axis::Value, Axis::Difficulty].into_iter().enumerate() {
        if i > 0 {
            g.push(blank(String::new()));
        }
        let total = one_decimal(score.axis_score(axis)).unwrap_or_else(|| ABSENT.into());
        g.push(blank(format!("{} {total}", axis_name(pb, axis).to_uppercase())));
        for f in score.axis(axis) {
            // A weight changed by --weights is starred; the note above says from what.
            let overridden = if f.playbook_weight.is_some() { "*" } else { "" };
            let direction = if f.higher_is_better {
                pb.text("score.direct", "direct")
            } else {
                pb.text("score.inverted", "inverted")
            };
            g.push_with_detail(
                vec![
                    Some(f.label.clone()),
                    Some(f.id.clone()),
                    f.rating.map(|r| r.to_string()),
                    Some(format!("{}{overridden}", weight(f.weight))),
                    Some(direction.to_string()),
                    one_decimal(f.points),
                ],
                f.why.as_ref().map(|why| format!("“{why}”")),
            );
        }
    }
    g
}

fn problems(pb: &Playbook, e: &Entry, out: &mut String, heading: (&str, &str)) -> fmt::Result {
    writeln!(out, "\n! {}", pb.text(heading.0, heading.1))?;
    for line in problem_lines(e) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The tier, the rule that gave it and the gap to the next tier up; or what is missing.
fn tier_section(pb: &Playbook, score: &Score, out: &mut String) -> fmt::Result {
    let tiers = &pb.doc.scoring.tiers;
    let tier_word = pb.text("score.tier", "tier");
    let Some(rule) = score.tier.as_deref().and_then(|t| tiers.iter().find(|r| r.id == t)) else {
        writeln!(
            out,
            "{tier_word}: {ABSENT}  {}",
            pb.text("score.insufficient", "insufficient information — keep collecting")
        )?;
        writeln!(out, "  {}:", pb.text("score.missing", "missing"))?;
        for id in &score.missing {
            let label = pb.factor(id).map_or(id.as_str(), |f| f.label.as_str());
            writeln!(out, "    {id}: {label}")?;
        }
        return Ok(());
    };
    let colon = pb.text("report.colon", ": ");
    writeln!(out, "{tier_word}{colon}{}", rule.label)?;
    writeln!(out, "  {}{colon}`{}`", pb.text("score.rule", "rule"), rule.when)?;
    if !rule.action.is_empty() {
        writeln!(out, "  {}{colon}{}", pb.text("score.action", "action"), rule.action)?;
    }
    let Some(next) = next_tier_up(pb, score) else {
        return writeln!(out, "  {}", pb.text("score.top_tier", "already in the top tier"));
    };
    let when = tiers.iter().find(|r| r.id == next.tier).map(|r| r.when.to_string());
    writeln!(
        out,
        "  {}{colon}{} (`{}`)",
        pb.text("score.next_tier", "next tier up"),
        next.tier,
        when.unwrap_or_default()
    )?;
    for g in &next.gaps {
        let line = pb.fill(
            "score.gap_for",
            "{gap} for tier {tier}",
            &[("gap", &gap_text(pb, g)), ("tier", &next.tier)],
        );
        writeln!(out, "    {line}")?;
    }
    Ok(())
}

fn write_explain(pb: &Playbook, e: &Entry, width: usize, color: bool, out: &mut String) -> fmt::Result {
    writeln!(out, "{} ({})  {}", e.name.as_deref().unwrap_or(ABSENT), e.id, e.file)?;
    if let Some(stage) = &e.stage {
        write!(
            out,
            "{}: {} ({stage})",
            pb.text("score.stage", "stage"),
            pb.stage_label(stage)
        )?;
        if let Some(owner) = &e.owner {
            write!(out, "   {}: {owner}", pb.text("score.owner", "owner"))?;
        }
        writeln!(out)?;
    }
    let Some(score) = &e.score else {
        return problems(
            pb,
            e,
            out,
            ("score.cannot_score", "cannot be scored; `kam check` shows why"),
        );
    };
    writeln!(out)?;
    out.push_str(&factor_grid(pb, score).text_colored(width, color));
    writeln!(
        out,
        "\n{}\n",
        pb.text(
            "score.formula",
            "n = (r − 1) / 4 for rating r, or 1 − (r − 1) / 4 when inverted (a higher rating\n\
             lowers the score); points = 100 × weight × n / the sum of the axis's weights"
        )
    )?;
    tier_section(pb, score, out)?;
    if !e.problems.is_empty() {
        problems(
            pb,
            e,
            out,
            (
                "score.needs_check",
                "cannot be trusted until fixed; `kam check` shows why",
            ),
        )?;
    }
    Ok(())
}

/// The factor-by-factor explanation of one account, at most `width` columns wide where possible,
/// its table colored like every table when `color` is on.
pub fn explain(pb: &Playbook, e: &Entry, width: usize, color: bool) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_explain(pb, e, width, color, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gap(axis: Axis, now: f64, bound: f64, strict: bool) -> String {
        let pb = crate::domain::test_support::default_playbook().unwrap();
        gap_text(
            &pb,
            &Gap {
                axis,
                now,
                delta: bound - now,
                strict,
            },
        )
    }

    #[test]
    fn gaps_add_up_with_the_shown_score() {
        assert_eq!(gap(Axis::Value, 64.2, 70.0, false), "value 64.2: +5.8");
        assert_eq!(gap(Axis::Value, 200.0 / 3.0, 70.0, false), "value 66.7: +3.3");
        assert_eq!(gap(Axis::Difficulty, 67.5, 60.0, false), "difficulty 67.5: −7.5");
        assert_eq!(gap(Axis::Value, 50.0, 50.0, true), "value 50.0: more than +0.0");
        // Just under the bound but shown on it: still a visible step to take.
        assert_eq!(gap(Axis::Value, 69.96, 70.0, false), "value 70.0: +0.1");
    }
}
