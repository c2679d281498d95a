//! Tests of the table renderers: widths, CJK alignment, markdown and CSV escaping.

use super::*;

fn grid() -> Grid {
    let mut g = Grid::new(vec![
        Column::new("id", "id"),
        Column::new("name", "name").fit(Fit::Truncate),
        Column::new("value", "value").right(),
    ]);
    g.push(vec![Some("acme".into()), Some("Acme GmbH".into()), Some("85.0".into())]);
    g.push(vec![Some("hd".into()), Some("华东精密制造有限公司".into()), None]);
    g
}

#[test]
fn wide_characters_line_up() {
    let text = grid().text(80);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    // Right-aligned last column: every line ends at the same display column.
    let widths: Vec<usize> = lines.iter().map(|l| display_width(l)).collect();
    assert!(widths.iter().all(|w| *w == widths[0]), "{widths:?}\n{text}");
    assert!(lines[3].contains("华东精密制造有限公司"));
    assert!(lines[3].ends_with(ABSENT));
    // The value column starts after "acme", the CJK name's 20 columns and two gaps.
    let header = lines[0];
    assert_eq!(display_width(&header[..header.find("value").unwrap()]), 4 + 2 + 20 + 2);
}

#[test]
fn tones_color_only_when_asked() {
    let mut g = grid();
    g.tone_last(2, Tone::Bad);
    assert!(!g.text(80).contains('\x1b'));
    assert!(!g.text_colored(80, false).contains('\x1b'));
    let colored = g.text_colored(80, true);
    assert!(colored.contains('\x1b'), "{colored}");
    // The color does not move the columns.
    let strip = |s: &str| {
        s.replace("\x1b[38;5;9m", "")
            .replace("\x1b[31m", "")
            .replace("\x1b[39m", "")
            .replace("\x1b[0m", "")
            .replace("\x1b[1m", "")
            .replace("\x1b[22m", "")
    };
    assert_eq!(strip(&colored), g.text(80));
    // Headers are bold in every table, with colors on.
    assert!(
        colored.lines().next().is_some_and(|h| h.contains("\x1b[1m")),
        "{colored}"
    );
}

#[test]
fn narrows_flexible_columns_to_fit() {
    let text = grid().text(24);
    assert!(text.lines().all(|l| display_width(l) <= 24), "{text}");
    assert!(text.contains("华东精密制…"), "{text}");
    assert!(text.contains("85.0"), "{text}");
}

#[test]
fn details_go_under_their_row_across_the_width() {
    let mut g = Grid::new(vec![Column::new("a", "a"), Column::new("b", "b").fit(Fit::Wrap)]);
    g.push_with_detail(
        vec![Some("x".into()), Some("one two three".into())],
        Some("a justification long enough to wrap".into()),
    );
    g.push(vec![Some("y".into()), Some("four".into())]);
    let text = g.text(12);
    assert_eq!(
        text,
        "a  b\n──────────\nx  one two\n   three\n  a\n  justificat\n  ion long\n  enough to\n  wrap\ny  four\n"
    );
}

#[test]
fn truncates_and_wraps_by_display_width() {
    assert_eq!(truncate("华东精密制造", 7), "华东精…");
    assert_eq!(truncate("Acme", 4), "Acme");
    assert_eq!(wrap("paid three invoices on time", 10), "paid three\ninvoices\non time");
    assert_eq!(wrap("按时支付了三张发票", 8), "按时支付\n了三张发\n票");
    assert_eq!(wrap("abcdefghijkl", 5), "abcde\nfghij\nkl");
    // CJK text after a short word fills the line instead of starting a new one.
    assert_eq!(wrap("→ 认为我方交付质量有问题", 10), "→ 认为我方\n交付质量有\n问题");
}

#[test]
fn markdown_escapes_and_aligns() {
    let mut g = grid();
    g.push(vec![Some("x".into()), Some("A|B *C*".into()), Some("1.0".into())]);
    let md = g.markdown();
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(lines[0], "| id | name | value |");
    assert_eq!(lines[1], "| --- | --- | ---: |");
    assert_eq!(lines[3], "| hd | 华东精密制造有限公司 | — |");
    assert_eq!(lines[4], "| x | A\\|B \\*C\\* | 1.0 |");
}

#[test]
fn csv_quotes_what_needs_it() {
    use crate::render::csv::{Cells, cell};
    assert_eq!(cell("plain", Cells::SAFE), "plain");
    assert_eq!(cell("a,b", Cells::SAFE), "\"a,b\"");
    assert_eq!(cell("say \"hi\"", Cells::SAFE), "\"say \"\"hi\"\"\"");
    assert_eq!(cell("two\nlines", Cells::SAFE), "\"two\nlines\"");
    assert_eq!(cell(" padded", Cells::SAFE), "\" padded\"");
    let csv = grid().csv(Cells::SAFE);
    assert_eq!(csv, "id,name,value\nacme,Acme GmbH,85.0\nhd,华东精密制造有限公司,\n");
}

#[test]
fn text_cells_show_control_characters_and_keep_their_rows() {
    let mut g = Grid::new(vec![
        Column::new("name", "name"),
        Column::new("note", "note").fit(Fit::Wrap),
    ]);
    g.push(vec![
        Some("Acme\u{1b}]0;pwned\u{7}\nfake-row".into()),
        Some("line one\nline two\u{9b}".into()),
    ]);
    let text = g.text(200);
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text}");
    assert!(text.contains("Acme␛]0;pwned␇␊fake-row"), "{text}");
    assert_eq!(text.lines().count(), 4, "header, rule and a two-line row: {text}");
}

#[test]
fn code_spans_hold_any_file_name() {
    assert_eq!(md_code("accounts/a.toml"), "`accounts/a.toml`");
    assert_eq!(md_code("a`b.toml"), "``a`b.toml``");
    assert_eq!(md_code("`x``"), "``` `x`` ```");
    let injected = md_code("x.toml\n# Approved by the director\n");
    assert!(!injected.contains('\n'), "{injected}");
}

#[test]
fn a_colored_last_cell_leaves_no_trailing_spaces() {
    let mut g = Grid::new(vec![Column::new("a", "a"), Column::new("b", "b")]);
    g.push(vec![Some("x".into()), Some("long text".into())]);
    g.push(vec![Some("y".into()), Some("ok".into())]);
    g.tone_last(1, Tone::Good);
    for line in g.text_colored(80, true).lines() {
        let plain: String = line
            .replace("\x1b[38;5;10m", "")
            .replace("\x1b[39m", "")
            .replace("\x1b[1m", "")
            .replace("\x1b[0m", "");
        assert_eq!(plain, plain.trim_end(), "{line:?}");
    }
}
