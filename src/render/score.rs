//! `kam score` output: the ranked table (text, Markdown, CSV) with its notes, and the JSON
//! objects (`score_explain` renders `--explain`). Words come from the playbook's `text:` map
//! where it has them, English otherwise.

use serde::Serialize;

use crate::domain::playbook::Playbook;
use crate::domain::score::ranking::Entry;
use crate::domain::score::{FactorScore, Weights};
use crate::render::style::{self, Tone};
use crate::render::table::{Column, Fit, Grid};

/// A score as shown: one decimal.
pub fn one_decimal(x: Option<f64>) -> Option<String> {
    x.map(|v| format!("{v:.1}"))
}

/// A weight as written in a playbook: no trailing zeros.
pub(crate) fn weight(w: f64) -> String {
    let s = format!("{w:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The line saying which weights this run overrode, if any.
pub fn weights_note(pb: &Playbook, weights: &Weights) -> Option<String> {
    if weights.is_empty() {
        return None;
    }
    let changes: Vec<String> = pb
        .doc
        .scoring
        .factors
        .iter()
        .filter_map(|f| {
            Some(format!(
                "{} {} → {}",
                f.id,
                weight(f.weight),
                weight(*weights.get(&f.id)?)
            ))
        })
        .collect();
    Some(format!(
        "{}: {} ({})",
        pb.text("score.weights_overridden", "weights overridden for this run"),
        changes.join(", "),
        pb.text("score.files_unchanged", "no file changed")
    ))
}

fn grid(pb: &Playbook, entries: &[Entry], csv: bool) -> Grid {
    let marker = !csv && entries.iter().any(|e| !e.problems.is_empty());
    let mut columns = Vec::new();
    if marker {
        columns.push(Column::new("marker", ""));
    }
    columns.extend([
        Column::new("id", pb.text("score.id", "id")),
        Column::new("name", pb.text("score.name", "name")).fit(Fit::Truncate),
        Column::new("stage", pb.text("score.stage", "stage")),
        Column::new("value", pb.text("score.value", "value")).right(),
        Column::new("difficulty", pb.text("score.difficulty", "difficulty")).right(),
        Column::new("tier", pb.text("score.tier", "tier")),
        Column::new("missing", pb.text("score.missing", "missing")).right(),
    ]);
    if csv {
        columns.push(Column::new("problems", pb.text("score.problems", "problems")));
    }
    let mut g = Grid::new(columns);
    for e in entries {
        let mut row = Vec::new();
        if marker {
            row.push(Some(if e.problems.is_empty() { "" } else { "!" }.to_string()));
        }
        row.extend([
            Some(e.id.clone()),
            e.name.clone(),
            e.stage.clone(),
            one_decimal(e.value()),
            one_decimal(e.difficulty()),
            e.tier().map(str::to_string),
            // The table counts the unrated factors; CSV names them, as JSON does.
            if csv {
                Some(e.missing().join(";"))
            } else {
                e.score.as_ref().map(|s| s.missing.len().to_string())
            },
        ]);
        if csv {
            row.push(Some(e.problems.len().to_string()));
        }
        g.push(row);
        // The tones of every table: the marker of an account to fix, its stage and its tier.
        let at = usize::from(marker);
        if marker && !e.problems.is_empty() {
            g.tone_last(0, Tone::Bad);
        }
        g.tone_last_opt(at + 2, e.stage.as_deref().and_then(style::stage));
        g.tone_last_opt(at + 5, e.tier().and_then(|t| style::tier(pb, t)));
    }
    g
}

/// The lines under the table: accounts lacking ratings, and accounts that need `kam check`.
fn footer(pb: &Playbook, entries: &[Entry]) -> Vec<String> {
    let mut out = Vec::new();
    let unscored: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.problems.is_empty() && e.tier().is_none())
        .collect();
    if !unscored.is_empty() {
        out.push(format!(
            "{}:",
            pb.text("score.insufficient", "insufficient information — keep collecting")
        ));
        for e in unscored {
            out.push(format!("  {}: {}", e.id, e.missing().join(", ")));
        }
    }
    let troubled: Vec<&Entry> = entries.iter().filter(|e| !e.problems.is_empty()).collect();
    if !troubled.is_empty() {
        out.push(format!(
            "! {}:",
            pb.text(
                "score.needs_check",
                "cannot be trusted until fixed; `kam check` shows why"
            )
        ));
        for e in troubled {
            out.extend(problem_lines(e));
        }
    }
    out
}

/// Up to three problems of an entry, located, then how many more.
pub(crate) fn problem_lines(e: &Entry) -> Vec<String> {
    const SHOWN: usize = 3;
    let mut out: Vec<String> = e
        .problems
        .iter()
        .take(SHOWN)
        .map(|p| format!("  {}:{}:{}: {}", e.file, p.line, p.column, p.message))
        .collect();
    if e.problems.len() > SHOWN {
        out.push(format!("  {}: … {} more", e.file, e.problems.len() - SHOWN));
    }
    out
}

fn empty_note(pb: &Playbook, entries: &[Entry]) -> Option<String> {
    entries
        .is_empty()
        .then(|| format!("{}\n", pb.text("score.no_accounts", "no accounts to score")))
}

/// The ranked table as aligned text, at most `width` columns wide where possible, colored like
/// every table when `color` is on.
pub fn table(pb: &Playbook, entries: &[Entry], note: Option<&str>, width: usize, color: bool) -> String {
    let mut out = String::new();
    if let Some(note) = note {
        out.push_str(note);
        out.push('\n');
    }
    if let Some(empty) = empty_note(pb, entries) {
        out.push_str(&empty);
        return out;
    }
    out.push_str(&grid(pb, entries, false).text_colored(width, color));
    let footer = footer(pb, entries);
    if !footer.is_empty() {
        out.push('\n');
        for line in footer {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// The ranked table in Markdown, with the notes as paragraphs and lists.
pub fn markdown(pb: &Playbook, entries: &[Entry], note: Option<&str>) -> String {
    use crate::render::table::md_escape;
    let mut out = String::new();
    if let Some(note) = note {
        out.push('*');
        out.push_str(&md_escape(note));
        out.push_str("*\n\n");
    }
    if let Some(empty) = empty_note(pb, entries) {
        out.push_str(&empty);
        return out;
    }
    out.push_str(&grid(pb, entries, false).markdown());
    for line in footer(pb, entries) {
        // Footer headings become paragraphs, their indented lines list items.
        let (before, text, after) = match line.strip_prefix("  ") {
            Some(item) => ("- ", item, "\n"),
            None => ("\n", line.as_str(), "\n\n"),
        };
        out.push_str(before);
        out.push_str(&md_escape(text));
        out.push_str(after);
    }
    out
}

/// The ranked table as CSV: stable column keys, scores with one decimal, empty when absent.
pub fn csv(pb: &Playbook, entries: &[Entry], cells: crate::render::csv::Cells) -> String {
    grid(pb, entries, true).csv(cells)
}

#[derive(Serialize)]
struct JsonProblem<'a> {
    line: usize,
    column: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonEntry<'a> {
    id: &'a str,
    name: Option<&'a str>,
    file: &'a str,
    stage: Option<&'a str>,
    owner: Option<&'a str>,
    value: Option<f64>,
    difficulty: Option<f64>,
    tier: Option<&'a str>,
    missing: &'a [String],
    factors: &'a [FactorScore],
    problems: Vec<JsonProblem<'a>>,
}

/// One JSON object per entry, in ranking order; scores unrounded so they can be re-derived.
pub fn json(entries: &[Entry]) -> String {
    let items: Vec<JsonEntry<'_>> = entries
        .iter()
        .map(|e| JsonEntry {
            id: &e.id,
            name: e.name.as_deref(),
            file: &e.file,
            stage: e.stage.as_deref(),
            owner: e.owner.as_deref(),
            value: e.value(),
            difficulty: e.difficulty(),
            tier: e.tier(),
            missing: e.missing(),
            factors: e.score.as_ref().map_or(&[], |s| s.factors.as_slice()),
            problems: e
                .problems
                .iter()
                .map(|p| JsonProblem {
                    line: p.line,
                    column: p.column,
                    message: &p.message,
                })
                .collect(),
        })
        .collect();
    crate::render::visible::json_pretty(&items, "[]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_print_as_written() {
        assert_eq!(weight(3.0), "3");
        assert_eq!(weight(1.5), "1.5");
        assert_eq!(weight(0.125), "0.125");
    }
}
