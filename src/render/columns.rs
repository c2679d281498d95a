//! Two aligned columns of plain text (a name and what it is), measured in display columns so a
//! Chinese name takes the room it takes on screen. For short hand-written listings such as the
//! summary of `kam init`; tables of data go through `table`. [`hang`] wraps long lines of such
//! texts under where their text starts.

use unicode_width::UnicodeWidthStr;

/// `rows` as lines: `indent` spaces, the first column padded to the widest entry plus `gap`
/// spaces, the second column. Every line ends in a newline.
pub fn two_columns(rows: &[(&str, &str)], indent: usize, gap: usize) -> String {
    let widest = rows.iter().map(|(a, _)| a.width()).max().unwrap_or(0);
    let mut out = String::new();
    for (a, b) in rows {
        out.push_str(&" ".repeat(indent));
        out.push_str(a);
        if !b.is_empty() {
            out.push_str(&" ".repeat(widest - a.width() + gap));
            out.push_str(b);
        }
        out.push('\n');
    }
    out
}

/// Where the text of a line starts: after its indentation, a bullet (`✗ `, `• `, `▸ `, `→ `,
/// `- `) and a label padded by two or more spaces (`  stage      demo → assess`).
fn text_start(line: &str) -> usize {
    let body = line.trim_start_matches(' ');
    let mut start = line.len() - body.len();
    for bullet in ["✗ ", "✓ ", "• ", "▸ ", "→ ", "- ", "* "] {
        if body.starts_with(bullet) {
            return start + bullet.len();
        }
    }
    if let Some(gap) = body.find("  ")
        && !body[..gap].contains(' ')
        && gap > 0
    {
        let value = body[gap..].trim_start_matches(' ');
        start += body.len() - value.len();
    }
    start
}

/// Every line of `text` no wider than `width` display columns: a longer line is broken at
/// spaces (or between CJK characters), its continuation lines indented to where its text
/// starts. Lines that fit, and all of `text` when `width` is unlimited, stay as they are.
pub fn hang(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (line, end) = line.strip_suffix('\n').map_or((line, ""), |l| (l, "\n"));
        if line.width() <= width {
            out.push_str(line);
            out.push_str(end);
            continue;
        }
        let mut start = text_start(line);
        if line[..start].width() > width / 2 {
            start = line.len() - line.trim_start_matches(' ').len();
        }
        let pad = line[..start].width();
        let pieces = crate::render::report::text::wrap(&line[start..], width.saturating_sub(pad).max(10));
        for (i, piece) in pieces.iter().enumerate() {
            if i == 0 {
                out.push_str(&line[..start]);
            } else {
                out.push('\n');
                out.push_str(&" ".repeat(pad));
            }
            out.push_str(piece);
        }
        out.push_str(end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_hang_under_their_text() {
        let long = format!("  finding    ✗ {}", "很长的备注".repeat(20));
        let text = format!("title\n{long}\n  • short\n");
        let out = hang(&text, 40);
        for l in out.lines() {
            assert!(l.width() <= 40, "{l:?} is {} wide", l.width());
        }
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "title");
        assert!(lines[1].starts_with("  finding    ✗ 很长"));
        assert!(
            lines[2].starts_with("             ") && !lines[2][13..].starts_with(' '),
            "{:?}",
            lines[2]
        );
        assert_eq!(*lines.last().unwrap(), "  • short");
        assert_eq!(hang(&text, usize::MAX), text);
        let words = format!("  ✗ {}", "word ".repeat(30));
        assert!(hang(&words, 30).lines().skip(1).all(|l| l.starts_with("    word")));
    }

    #[test]
    fn the_second_column_starts_at_one_display_column() {
        let text = two_columns(
            &[
                ("kam.yaml", "the playbook"),
                ("华东精密", "a client"),
                ("accounts/", ""),
            ],
            2,
            3,
        );
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "  kam.yaml    the playbook");
        assert_eq!(lines[1], "  华东精密    a client");
        assert_eq!(lines[2], "  accounts/");
        assert_eq!(lines[0].find("the").unwrap(), 14);
        assert_eq!(UnicodeWidthStr::width(&lines[1][..lines[1].find('a').unwrap()]), 14);
    }
}
