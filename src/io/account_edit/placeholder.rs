//! The commented placeholders of a file written by `kam new` (`# industry = ""   # Industry …`
//! under `[company]`): a key set for the first time takes its placeholder's line, keeping the
//! explanation after it, instead of landing above it; a new table goes after a section's trailing
//! comment block, not between the section and its placeholders.

use std::ops::Range;

use toml_edit::{Document, Table};
use unicode_width::UnicodeWidthStr;

use super::text::line_end;

/// Whether a line is a comment (blank space, then `#`).
fn is_comment(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

/// Whether a line is a commented header (`# [[contacts]]`, `# [expectation]`).
fn is_commented_header(line: &str) -> bool {
    line.trim_start()
        .strip_prefix('#')
        .is_some_and(|rest| rest.trim_start().starts_with('['))
}

/// The lines from `from` on, with their start offsets (line breaks included in each line).
fn lines_from(text: &str, from: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut at = from.min(text.len());
    std::iter::from_fn(move || {
        if at >= text.len() {
            return None;
        }
        let end = line_end(text, at);
        let line = &text[at..end];
        let start = at;
        at = end;
        Some((start, line))
    })
}

/// Where a section's block of comment lines that follows `at` (the start of a line) ends, when
/// that block belongs to the section: it runs up to a blank line or the end of the file. A block
/// that runs into a header or a key is that line's comment and stays where it is.
pub fn after_trailing_comments(text: &str, at: usize) -> usize {
    let mut end = at;
    for (start, line) in lines_from(text, at) {
        if line.trim().is_empty() {
            return end;
        }
        if !is_comment(line) || is_commented_header(line) {
            return at;
        }
        end = start + line.len();
    }
    end
}

/// The placeholder line of `key` in the table `t` (written with a header): a comment
/// `# key = value   # explanation` in the comment block right under the table's keys. Returns
/// the line's range (without its line break) and the explanation with the blank space before it.
pub fn find<'a>(text: &'a str, t: &Table, key: &str) -> Option<(Range<usize>, &'a str, usize)> {
    let span = t.span().filter(|s| !s.is_empty())?;
    if t.is_dotted() || t.is_implicit() {
        return None;
    }
    // The table's header and keys, then the comment block under them.
    let keys_end = t
        .iter()
        .filter_map(|(_, item)| item.as_value().and_then(toml_edit::Value::span).map(|s| s.end))
        .max()
        .unwrap_or(span.end);
    let from = line_end(text, keys_end.max(span.end));
    for (start, line) in lines_from(text, from) {
        if line.trim().is_empty() || !is_comment(line) || is_commented_header(line) {
            return None;
        }
        let body = line.trim_end_matches(['\n', '\r']);
        let hash = body.find('#')?;
        let rest = &body[hash + 1..];
        let rest_at = start + hash + 1;
        let lead = rest.len() - rest.trim_start().len();
        let Ok(doc) = Document::parse(rest.trim_start()) else {
            continue;
        };
        let table = doc.as_table();
        if table.len() != 1 || table.get(key).and_then(|i| i.as_value()).is_none() {
            continue;
        }
        let value_end = table
            .get(key)
            .and_then(|i| i.as_value())
            .and_then(toml_edit::Value::span)?
            .end;
        let explanation = &rest[lead + value_end..];
        let column = UnicodeWidthStr::width(&text[start..rest_at + lead + value_end]);
        return Some((start..start + body.len(), explanation, column));
    }
    None
}

/// The placeholder's line with `pair` (`key = value`) in place of the commented one: the
/// explanation keeps its column when the new pair is not wider than the old one.
pub fn filled(indent: &str, pair: &str, explanation: &str, column: usize) -> String {
    let trimmed = explanation.trim_start();
    if trimmed.is_empty() {
        return format!("{indent}{pair}");
    }
    let written = UnicodeWidthStr::width(indent) + UnicodeWidthStr::width(pair);
    let old_gap = explanation.len() - trimmed.len();
    let gap = (column + old_gap).saturating_sub(written).max(2);
    format!("{indent}{pair}{}{trimmed}", " ".repeat(gap))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NEW: &str = "id = \"a\"\n\n[company]  # Company\n# industry = \"\"        # Industry — required from stage demo\n# employees = 0         # Employees\n\n# [[contacts]]  # Contacts\n# id = \"\"\n";

    #[test]
    fn a_placeholder_is_found_under_its_table_only() {
        let doc = Document::parse(NEW).unwrap();
        let company = doc.as_table().get("company").unwrap().as_table().unwrap();
        let (range, explanation, column) = find(NEW, company, "employees").unwrap();
        assert_eq!(&NEW[range], "# employees = 0         # Employees");
        assert_eq!(explanation, "         # Employees");
        assert_eq!(column, "# employees = 0".len());
        assert!(find(NEW, company, "main_business").is_none());
        // `id` is a placeholder of the commented [[contacts]], not of [company].
        assert!(find(NEW, company, "id").is_none());
        let line = filled("", "employees = 120", explanation, column);
        assert_eq!(line, "employees = 120         # Employees");
        let line = filled("", "employees = 1200000000000000000", explanation, column);
        assert_eq!(line, "employees = 1200000000000000000  # Employees");
    }

    #[test]
    fn a_trailing_comment_block_belongs_to_its_section_unless_it_runs_into_a_header() {
        let at = NEW.find("# industry").unwrap();
        assert_eq!(after_trailing_comments(NEW, at), NEW.find("\n# [[contacts]]").unwrap());
        let heading = "[a]\nx = 1\n# about b\n[b]\n";
        let at = heading.find("# about").unwrap();
        assert_eq!(after_trailing_comments(heading, at), at);
        let end = "[a]\nx = 1\n# note\n";
        assert_eq!(after_trailing_comments(end, end.find('#').unwrap()), end.len());
    }
}
