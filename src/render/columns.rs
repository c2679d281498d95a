//! Two aligned columns of plain text (a name and what it is), measured in display columns so a
//! Chinese name takes the room it takes on screen. For short hand-written listings such as the
//! summary of `kam init`; tables of data go through `table`.

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

#[cfg(test)]
mod tests {
    use super::*;

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
