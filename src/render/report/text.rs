//! Plain text for an 80-column terminal. Widths are display widths (a Chinese character takes two
//! columns), so tables of Chinese names line up; long text wraps at spaces, or between
//! characters where a script has no spaces.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::render::report::{Block, Doc};
use crate::render::style::{Tone, paint};

/// The width every line fits in.
pub const WIDTH: usize = 80;
/// The indent of a section's content.
const INDENT: usize = 2;
/// The space between table columns.
const GAP: usize = 2;

fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Punctuation that must not start a line (it stays with the character before it).
fn sticks_left(c: char) -> bool {
    "，。、；：？！）》」』】,.;:?!)%".contains(c)
}

/// The units wrapping may not split: runs of narrow non-space characters, and single wide
/// characters (with any punctuation that follows them); spaces are `None`.
fn units(text: &str) -> Vec<Option<String>> {
    let mut out: Vec<Option<String>> = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<Option<String>>| {
        if !word.is_empty() {
            out.push(Some(std::mem::take(word)));
        }
    };
    for c in text.chars() {
        if c.is_whitespace() {
            flush(&mut word, &mut out);
            if out.last().is_some_and(Option::is_some) {
                out.push(None);
            }
        } else if sticks_left(c) {
            if word.is_empty() {
                match out.last_mut() {
                    Some(Some(prev)) => prev.push(c),
                    _ => word.push(c),
                }
            } else {
                word.push(c);
            }
            // Wide punctuation (，、。) ends a unit: a line may break after it.
            if c.width().unwrap_or(0) > 1 {
                flush(&mut word, &mut out);
            }
        } else if c.width().unwrap_or(0) > 1 {
            flush(&mut word, &mut out);
            out.push(Some(c.to_string()));
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Splits a unit wider than `max` into pieces that fit.
fn split_long(unit: &str, max: usize) -> Vec<String> {
    let mut pieces = vec![String::new()];
    for c in unit.chars() {
        let last = pieces.last_mut().expect("pieces is never empty");
        if !last.is_empty() && width(last) + c.width().unwrap_or(0) > max {
            pieces.push(String::new());
        }
        pieces.last_mut().expect("pieces is never empty").push(c);
    }
    pieces
}

/// Wraps text into lines of at most `max` columns (at least one line, possibly empty).
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(2);
    let mut lines = Vec::new();
    for para in text.lines() {
        let mut line = String::new();
        let mut space = false;
        for unit in units(para) {
            let Some(unit) = unit else {
                space = !line.is_empty();
                continue;
            };
            let needed = width(&unit) + usize::from(space);
            if width(&line) + needed <= max {
                if space {
                    line.push(' ');
                }
                line.push_str(&unit);
            } else {
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                let mut pieces = split_long(&unit, max);
                line = pieces.pop().unwrap_or_default();
                lines.extend(pieces);
            }
            space = false;
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Pads to a display width.
fn pad(s: &str, to: usize) -> String {
    format!("{s}{}", " ".repeat(to.saturating_sub(width(s))))
}

/// Column widths that fit `avail`. Each column first gets its longest word (so words break
/// only when they must), then the space left goes in equal shares to the columns that want more.
fn column_widths(natural: &[usize], longest_word: &[usize], avail: usize) -> Vec<usize> {
    let n = natural.len();
    let avail = avail.saturating_sub(GAP * n.saturating_sub(1)).max(n * 4);
    if natural.iter().sum::<usize>() <= avail {
        return natural.to_vec();
    }
    let mut widths: Vec<usize> = (0..n).map(|i| longest_word[i].min(natural[i]).clamp(4, 24)).collect();
    while widths.iter().sum::<usize>() > avail {
        // Even the words do not fit: shrink the widest column.
        let (i, _) = widths.iter().enumerate().max_by_key(|(_, w)| **w).unwrap_or((0, &0));
        widths[i] -= 1;
    }
    loop {
        let left = avail - widths.iter().sum::<usize>();
        let wanting: Vec<usize> = (0..n).filter(|&i| widths[i] < natural[i]).collect();
        if left == 0 || wanting.is_empty() {
            return widths;
        }
        let share = (left / wanting.len()).max(1);
        let mut given = 0;
        for i in wanting {
            let add = share.min(natural[i] - widths[i]).min(left - given);
            widths[i] += add;
            given += add;
        }
    }
}

/// A table with an underlined header, rows wrapped within columns; without headers, a list of
/// label–value pairs. The header's lines are added to `marks` (bold with colors on).
fn table(out: &mut Vec<String>, headers: &[String], rows: &[Vec<String>], indent: usize, marks: &mut Vec<usize>) {
    let n = headers.len().max(rows.iter().map(Vec::len).max().unwrap_or(0));
    let cell_width = |c: &str| c.lines().map(width).max().unwrap_or(0);
    let word_width = |c: &str| units(c).into_iter().flatten().map(|u| width(&u)).max().unwrap_or(0);
    let column = |i: usize, measure: &dyn Fn(&str) -> usize| {
        let head = headers.get(i).map_or(0, |h| measure(h));
        rows.iter()
            .filter_map(|r| r.get(i))
            .map(|c| measure(c))
            .max()
            .unwrap_or(0)
            .max(head)
    };
    let natural: Vec<usize> = (0..n).map(|i| column(i, &cell_width)).collect();
    let words: Vec<usize> = (0..n).map(|i| column(i, &word_width)).collect();
    let widths = column_widths(&natural, &words, WIDTH - indent);
    let body: Vec<Vec<String>> = rows.iter().map(|r| row(r, &widths, indent)).collect();
    if !headers.is_empty() {
        let first = out.len();
        out.extend(row(headers, &widths, indent));
        marks.extend(first..out.len());
        let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
        out.push(format!("{}{}", " ".repeat(indent), rule.join(&" ".repeat(GAP))));
    }
    // Rows that wrap are set apart by a blank line, so a reader sees where each one ends.
    let spaced = !headers.is_empty() && body.iter().any(|lines| lines.len() > 1);
    for (i, lines) in body.into_iter().enumerate() {
        if spaced && i > 0 {
            out.push(String::new());
        }
        out.extend(lines);
    }
}

/// The lines of one table row, its cells wrapped within their columns.
fn row(cells: &[String], widths: &[usize], indent: usize) -> Vec<String> {
    let wrapped: Vec<Vec<String>> = widths
        .iter()
        .enumerate()
        .map(|(i, w)| wrap(cells.get(i).map_or("", String::as_str), *w))
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    (0..height)
        .map(|line| {
            let parts: Vec<String> = widths
                .iter()
                .enumerate()
                .map(|(i, w)| pad(wrapped[i].get(line).map_or("", String::as_str), *w))
                .collect();
            let text = parts.join(&" ".repeat(GAP));
            format!("{}{}", " ".repeat(indent), text.trim_end())
        })
        .collect()
}

/// A wrapped item with a marker (`• `, `[ ] `, `1. `) and a hanging indent.
fn item(out: &mut Vec<String>, marker: &str, text: &str, indent: usize) {
    let hang = indent + width(marker);
    for (i, line) in wrap(text, WIDTH - hang).into_iter().enumerate() {
        if i == 0 {
            out.push(format!("{}{marker}{line}", " ".repeat(indent)).trim_end().to_string());
        } else {
            out.push(format!("{}{line}", " ".repeat(hang)).trim_end().to_string());
        }
    }
}

fn boxed(out: &mut Vec<String>, title: &str, lines: &[String]) {
    let inner = WIDTH - INDENT - 4;
    let top = format!("┌─ {title} ");
    out.push(format!(
        "{}{top}{}┐",
        " ".repeat(INDENT),
        "─".repeat((WIDTH - INDENT - 1).saturating_sub(width(&top)))
    ));
    for l in lines {
        let marker = "• ";
        for (i, w) in wrap(l, inner - width(marker)).into_iter().enumerate() {
            let text = if i == 0 {
                format!("{marker}{w}")
            } else {
                format!("  {w}")
            };
            out.push(format!("{}│ {} │", " ".repeat(INDENT), pad(&text, inner)));
        }
    }
    out.push(format!("{}└{}┘", " ".repeat(INDENT), "─".repeat(WIDTH - INDENT - 2)));
}

fn block(out: &mut Vec<String>, b: &Block, marks: &mut Vec<usize>) {
    match b {
        Block::Subheading(s) => {
            item(out, "", s, INDENT);
            let under = out.last().map_or(0, |l| width(l).saturating_sub(INDENT));
            out.push(format!("{}{}", " ".repeat(INDENT), "-".repeat(under)));
        }
        Block::Fields(pairs) => {
            let rows: Vec<Vec<String>> = pairs.iter().map(|(l, v)| vec![l.clone(), v.clone()]).collect();
            table(out, &[], &rows, INDENT, marks);
        }
        Block::Table { headers, rows } => table(out, headers, rows, INDENT, marks),
        Block::List(items) => items.iter().for_each(|i| item(out, "• ", i, INDENT)),
        Block::Steps(steps) => {
            for (n, (title, details)) in steps.iter().enumerate() {
                let marker = format!("{}. ", n + 1);
                item(out, &marker, title, INDENT);
                for d in details {
                    item(out, "– ", d, INDENT + width(&marker));
                }
            }
        }
        Block::Todo(items) => items.iter().for_each(|i| item(out, "[ ] ", i, INDENT)),
        Block::Done(items) => items.iter().for_each(|i| item(out, "[x] ", i, INDENT)),
        Block::Prompt(s) => item(out, "[ ] ✎ ", s, INDENT),
        Block::Flag(s) => item(out, "⚠ ", s, INDENT),
        Block::Para(s) => item(out, "", s, INDENT),
        Block::Boxed { title, lines } => boxed(out, title, lines),
    }
}

/// Whether two blocks in a row print without a blank line between them.
fn close_together(a: &Block, b: &Block) -> bool {
    let listy = |b: &Block| matches!(b, Block::Prompt(_) | Block::Flag(_) | Block::Todo(_) | Block::Done(_));
    (listy(a) && listy(b)) || matches!(a, Block::Subheading(_))
}

/// The document as text lines of at most [`WIDTH`] columns.
pub fn render(doc: &Doc) -> String {
    render_colored(doc, false)
}

/// [`render`], with the title, the section headings and the tables' headers bold when `color` is
/// on, as in every table of kam ([`crate::render::style`]).
pub fn render_colored(doc: &Doc, color: bool) -> String {
    let mut out: Vec<String> = Vec::new();
    // The lines shown bold: marked while the text is laid out, painted at the end (painting
    // earlier would throw the measuring off).
    let mut marks: Vec<usize> = Vec::new();
    for line in wrap(&doc.title, WIDTH) {
        marks.push(out.len());
        out.push(line);
    }
    let underline = out.iter().map(|l| width(l)).max().unwrap_or(0);
    out.push("═".repeat(underline));
    for n in &doc.notes {
        item(&mut out, "", n, 0);
    }
    for b in &doc.intro {
        out.push(String::new());
        block(&mut out, b, &mut marks);
    }
    for s in &doc.sections {
        out.push(String::new());
        let first = out.len();
        item(&mut out, "", &s.heading, 0);
        marks.extend(first..out.len());
        out.push("─".repeat(width(out.last().map_or("", String::as_str))));
        for (i, b) in s.blocks.iter().enumerate() {
            block(&mut out, b, &mut marks);
            if s.blocks.get(i + 1).is_some_and(|next| !close_together(b, next)) {
                out.push(String::new());
            }
        }
    }
    if color {
        for i in marks {
            let line = &out[i];
            let indent = line.len() - line.trim_start().len();
            out[i] = format!("{}{}", &line[..indent], paint(line.trim_start(), Tone::Strong, true));
        }
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_latin_at_spaces_and_cjk_anywhere() {
        assert_eq!(wrap("one two three", 8), vec!["one two", "three"]);
        assert_eq!(wrap("江苏康源医药物流", 6), vec!["江苏康", "源医药", "物流"]);
        // Punctuation stays with the character before it.
        assert_eq!(wrap("一二，三四", 6), vec!["一二，", "三四"]);
        assert_eq!(wrap("一二三，四", 6), vec!["一二", "三，四"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 10), vec![""]);
        assert_eq!(wrap("300 万以下项目", 8), vec!["300 万以", "下项目"]);
        assert_eq!(wrap("date、form、place", 12), vec!["date、form、", "place"]);
    }

    #[test]
    fn tables_align_cjk_and_fit_the_width() {
        let mut out = Vec::new();
        let rows = vec![
            vec!["江华".to_string(), "Supporter".to_string()],
            vec!["Laura Castillo".to_string(), "Champion".to_string()],
        ];
        table(&mut out, &["Name".into(), "Stance".into()], &rows, 2, &mut Vec::new());
        assert_eq!(out[0], "  Name            Stance");
        assert_eq!(out[2], "  江华            Supporter");
        assert_eq!(out[3], "  Laura Castillo  Champion");
        let long = vec![vec!["x".repeat(60), "长".repeat(40)]];
        let mut out = Vec::new();
        table(&mut out, &["A".into(), "B".into()], &long, 2, &mut Vec::new());
        assert!(out.iter().all(|l| width(l) <= WIDTH), "{out:#?}");
    }

    #[test]
    fn an_empty_subheading_is_no_panic() {
        let mut out = Vec::new();
        block(&mut out, &Block::Subheading(String::new()), &mut Vec::new());
        assert!(out.iter().all(|l| width(l) <= WIDTH), "{out:#?}");
    }

    #[test]
    fn boxes_fit_the_width() {
        let mut out = Vec::new();
        boxed(&mut out, "原则", &["把人和问题分开".repeat(8)]);
        assert!(out.iter().all(|l| width(l) == WIDTH), "{out:#?}");
    }
}
