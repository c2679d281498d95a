//! `--labels`: CSV in the playbook's words for people reading it in a spreadsheet. Every CSV
//! kam writes passes here on its way out, so every CSV command takes the option: a column
//! header that is an archive field or a stage gets its label, and a cell under a stage column
//! (`stage`, `next`, `from`, `to`), the `tier` column or an enumerated archive field gets the
//! label of its value. Ids without a label stay as they are; cells are written again through the
//! one cell writer ([`crate::render::csv`]).

use crate::domain::playbook::Playbook;
use crate::render::csv::{self, Cells};

/// Splits RFC 4180 text (as [`csv::line`] writes it) into rows of cells.
fn parse(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (_, c) => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// The label of `value` in the column `key`, when the playbook has one.
fn value_label<'a>(pb: &'a Playbook, key: &str, value: &'a str) -> &'a str {
    match key {
        "stage" | "next" | "from" | "to" => pb.stage_label(value),
        "tier" => pb
            .doc
            .scoring
            .tiers
            .iter()
            .find(|t| t.id == value)
            .map_or(value, |t| t.label.as_str()),
        _ => match pb.archive_field(key).and_then(|f| f.values.as_deref()) {
            Some(values) => pb.enum_label(values, value),
            None => value,
        },
    }
}

/// The label of a column header, when the playbook has one.
fn header_label<'a>(pb: &'a Playbook, key: &'a str) -> &'a str {
    if let Some(f) = pb.archive_field(key) {
        return &f.label;
    }
    if pb.stage(key).is_some() || pb.outcome(key).is_some() {
        return pb.stage_label(key);
    }
    key
}

/// The CSV `text` with labels for ids, written with `cells`.
pub fn relabel(pb: &Playbook, text: &str, cells: Cells) -> String {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rows = parse(body);
    let Some((header, rest)) = rows.split_first() else {
        return text.to_string();
    };
    // Cells already neutralised start with an apostrophe, so writing them again keeps them.
    let mut out = csv::header(header.iter().map(|k| Some(header_label(pb, k))), cells);
    for row in rest {
        let shown = row.iter().enumerate().map(|(i, v)| {
            let key = header.get(i).map_or("", String::as_str);
            (!v.is_empty()).then(|| value_label(pb, key, v))
        });
        out.push_str(&csv::line(shown, cells));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_the_cell_writer_writes() {
        let text = format!(
            "a,b\n{}",
            csv::line([Some("x, \"y\"\nz"), None, Some("w")], Cells::SAFE)
        );
        assert_eq!(parse(&text), vec![vec!["a", "b"], vec!["x, \"y\"\nz", "", "w"]]);
    }
}
