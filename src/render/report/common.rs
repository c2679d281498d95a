//! Layout pieces both reports share: values formatted in the playbook's words, the header's
//! fields, the note on left-out personal data, prompts to fill in.

use crate::domain::playbook::Playbook;
use crate::domain::report::{Header, Item, Omitted, Shown, Slot};
use crate::render::report::words::Words;
use crate::render::report::{Block, Doc, Section};

/// An amount with thousands separators and at most two decimals: `3,200,000`, `0.5`.
pub fn amount(n: f64) -> String {
    let rounded = (n * 100.0).round() / 100.0;
    let text = format!("{rounded:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    let (sign, text) = text.strip_prefix('-').map_or(("", text), |t| ("-", t));
    let (int, frac) = text.split_once('.').map_or((text, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A value in the report's words.
pub fn value(w: &Words<'_>, currency: &str, v: &Shown) -> String {
    match v {
        Shown::Text(s) => s.clone(),
        Shown::List(items) => items.join(w.get("report.list_separator")),
        Shown::Texts(items) => items.join(w.get("report.item_separator")),
        Shown::Date(d) => d.to_string(),
        Shown::Bool(true) => w.get("report.yes").to_string(),
        Shown::Bool(false) => w.get("report.no").to_string(),
        Shown::Int(i) => i.to_string(),
        Shown::Number(n) => amount(*n),
        Shown::Percent(p) => format!("{} %", amount(*p)),
        Shown::Money { amount: a, currency: c } => {
            format!("{} {}", amount(*a), c.as_deref().unwrap_or(currency))
        }
        Shown::Rating(r) => format!("{r}/5"),
    }
}

/// Label–value pairs of items.
pub fn fields(w: &Words<'_>, currency: &str, items: &[Item]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|i| (i.label.clone(), value(w, currency, &i.value)))
        .collect()
}

/// A slot's value, or the marked prompt to fill it in.
pub fn slot(w: &Words<'_>, currency: &str, s: &Slot) -> String {
    match &s.value {
        Some(v) => value(w, currency, v),
        None => to_fill(w, &s.path),
    }
}

/// The inline marker of something to fill in, and where.
pub fn to_fill(w: &Words<'_>, path: &str) -> String {
    format!("✎ {}", w.fill("report.to_fill", &[("where", path)]))
}

/// The label of an account field (`name`, `owner` …), or the fallback.
pub fn account_label<'p>(pb: &'p Playbook, id: &str, fallback: &'p str) -> &'p str {
    pb.doc.account.field(id).map_or(fallback, |f| f.label.as_str())
}

/// The label of a record type's field, or the fallback.
pub fn record_label<'p>(pb: &'p Playbook, record: &str, id: &str, fallback: &'p str) -> &'p str {
    pb.record_type(record)
        .and_then(|r| r.field(id))
        .map_or(fallback, |f| f.label.as_str())
}

/// The fields every report opens with: client, stage and days in it, tier, owner, team.
pub fn header_fields(pb: &Playbook, w: &Words<'_>, h: &Header) -> Vec<(String, String)> {
    let mut out = vec![(
        account_label(pb, "name", "Client").to_string(),
        w.fill("report.aside", &[("main", &h.client), ("aside", &h.id)]),
    )];
    let stage = match (h.days_in_stage, h.stage_since) {
        (Some(days), Some(since)) => w.fill(
            "report.stage_days",
            &[
                ("stage", &h.stage),
                ("days", &days.to_string()),
                ("since", &since.to_string()),
            ],
        ),
        _ => h.stage.clone(),
    };
    out.push((account_label(pb, "stage", "Stage").to_string(), stage));
    let tier = match (&h.tier, h.value, h.difficulty) {
        (Some(tier), Some(value), Some(difficulty)) => w.fill(
            "report.tier_scores",
            &[
                ("tier", tier),
                ("value", &format!("{value:.0}")),
                ("difficulty", &format!("{difficulty:.0}")),
            ],
        ),
        _ => w.fill("report.tier_unrated", &[("n", &h.unrated.to_string())]),
    };
    out.push((w.get("report.tier").to_string(), tier));
    out.push((account_label(pb, "owner", "Owner").to_string(), h.owner.clone()));
    if !h.team.is_empty() {
        out.push((
            account_label(pb, "team", "Our team").to_string(),
            h.team.join(w.get("report.list_separator")),
        ));
    }
    out
}

/// The note saying which personal data the report left out, if any.
pub fn omitted_note(w: &Words<'_>, o: &Omitted) -> Option<String> {
    if o.total() == 0 {
        return None;
    }
    let kinds: Vec<String> = o
        .fields
        .iter()
        .map(|(label, n)| {
            if *n == 1 {
                label.clone()
            } else {
                format!("{label} ×{n}")
            }
        })
        .collect();
    Some(w.fill(
        "report.omitted",
        &[
            ("n", &o.total().to_string()),
            ("kinds", &kinds.join(w.get("report.list_separator"))),
        ],
    ))
}

/// A numbered section heading.
pub fn heading(n: usize, title: &str) -> String {
    format!("{n}. {title}")
}

/// A report document: its title, the note on personal data left out, and the numbered sections.
pub fn document(
    w: &Words<'_>,
    title: String,
    omitted: &Omitted,
    intro: Vec<Block>,
    sections: Vec<(String, Vec<Block>)>,
) -> Doc {
    Doc {
        title,
        colon: w.get("report.colon").to_string(),
        notes: omitted_note(w, omitted).into_iter().collect(),
        intro,
        sections: sections
            .into_iter()
            .enumerate()
            .map(|(i, (title, blocks))| Section {
                heading: heading(i + 1, &title),
                blocks,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_group_thousands() {
        assert_eq!(amount(3_200_000.0), "3,200,000");
        assert_eq!(amount(420_000.0), "420,000");
        assert_eq!(amount(150.0), "150");
        assert_eq!(amount(3.2), "3.2");
        assert_eq!(amount(-1234.5), "-1,234.5");
        assert_eq!(amount(0.0), "0");
    }
}
