//! Characters that change how text reads without showing themselves: the direction controls
//! (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C) that reorder what follows them, and the
//! invisible format characters (zero-width spaces and joiners, the byte order mark inside text,
//! fillers, tags). In an account file they can make a reviewer read a name, an id or a stage other
//! than the one stored ("Trojan source"). `kam check` reports each one (KAM050) with its line,
//! column and code point, and every output of kam shows them as `\u{…}` instead of obeying them
//! ([`crate::render::visible`] asks [`is_invisible`]).
//!
//! Control characters written as escapes inside strings (`"\u001b[2J"`) are reported too; raw
//! ones are syntax errors already.

use std::ops::Range;

use crate::domain::account::value::{Node, Spanned, Table, Value};
use crate::domain::diagnostic::{Code, Diagnostic};
use crate::domain::playbook::Playbook;

/// Whether `c` is a direction control or an invisible format character (see the module doc).
/// Variation selectors are not: they choose the look of a visible character (emoji, CJK).
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}'
        | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206f}' | '\u{3164}' | '\u{feff}' | '\u{ffa0}' | '\u{fff9}'..='\u{fffb}'
        | '\u{1d173}'..='\u{1d17a}' | '\u{e0000}'..='\u{e007f}')
}

/// Whether `c` changes the direction of the text around it.
fn is_direction(c: char) -> bool {
    matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// What a string may not hold: an invisible character, or a control character other than the tab
/// and the line breaks of free text.
fn is_flagged(c: char) -> bool {
    is_invisible(c) || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// The Unicode name of a flagged character, where it has a well-known one.
fn name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{ad}' => "SOFT HYPHEN",
        '\u{61c}' => "ARABIC LETTER MARK",
        '\u{200b}' => "ZERO WIDTH SPACE",
        '\u{200c}' => "ZERO WIDTH NON-JOINER",
        '\u{200d}' => "ZERO WIDTH JOINER",
        '\u{200e}' => "LEFT-TO-RIGHT MARK",
        '\u{200f}' => "RIGHT-TO-LEFT MARK",
        '\u{2028}' => "LINE SEPARATOR",
        '\u{2029}' => "PARAGRAPH SEPARATOR",
        '\u{202a}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202b}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202c}' => "POP DIRECTIONAL FORMATTING",
        '\u{202d}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202e}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2060}' => "WORD JOINER",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{3164}' => "HANGUL FILLER",
        '\u{feff}' => "ZERO WIDTH NO-BREAK SPACE",
        '\u{1b}' => "ESCAPE",
        _ => return None,
    })
}

/// "U+202E (RIGHT-TO-LEFT OVERRIDE)".
pub fn code_point(c: char) -> String {
    match name(c) {
        Some(n) => format!("U+{:04X} ({n})", u32::from(c)),
        None => format!("U+{:04X}", u32::from(c)),
    }
}

fn diagnostic(pb: &Playbook, c: char, span: Range<usize>) -> Diagnostic {
    let message = if is_direction(c) {
        pb.fill(
            "check.direction_control",
            "the invisible direction control {char} changes how the text around it reads",
            &[("char", &code_point(c))],
        )
    } else if c.is_control() {
        pb.fill(
            "check.control_character",
            "the control character {char} is written into a string",
            &[("char", &code_point(c))],
        )
    } else {
        pb.fill(
            "check.invisible_character",
            "the invisible character {char} hides in the text",
            &[("char", &code_point(c))],
        )
    };
    Diagnostic::error(Code::Invisible, span, message).with_help(pb.text(
        "check.invisible_help",
        "remove it: a reviewer cannot see it, and it can make a name or id read as another",
    ))
}

/// Every flagged character of an account file, located: those written as they are (in values,
/// keys and comments alike), then those written as escapes in strings (`"\u202E"`), at the escape.
/// A byte order mark at the very start of the file is an encoding mark, not text, and passes.
pub fn check_invisible(pb: &Playbook, text: &str, root: &Spanned<Table<'_>>) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = text
        .char_indices()
        .filter(|&(i, c)| is_invisible(c) && !(i == 0 && c == '\u{feff}'))
        .map(|(i, c)| diagnostic(pb, c, i..i + c.len_utf8()))
        .collect();
    // Strings whose decoded text holds a flagged character that the file does not hold as such:
    // it was written as an escape.
    let mut strings: Vec<(Range<usize>, &str)> = Vec::new();
    collect(root.get_ref(), &mut strings);
    for (span, s) in strings {
        let raw = text.get(span.clone()).unwrap_or_default();
        for c in s.chars().filter(|c| is_flagged(*c) && !raw.contains(*c)) {
            let at = escape_of(raw, c).map_or(span.clone(), |r| span.start + r.start..span.start + r.end);
            if !out.iter().any(|d| d.span == at) {
                out.push(diagnostic(pb, c, at));
            }
        }
    }
    out.sort_by_key(|d| d.span.start);
    out
}

/// The keys and string values of a table, at any depth, with their spans.
fn collect<'t>(table: &'t Table<'_>, out: &mut Vec<(Range<usize>, &'t str)>) {
    for (k, v) in table {
        out.push((k.span(), k.get_ref().as_ref()));
        node(v, out);
    }
}

fn node<'t>(n: &'t Node<'_>, out: &mut Vec<(Range<usize>, &'t str)>) {
    match n.get_ref() {
        Value::String(s) => out.push((n.span(), s.as_ref())),
        Value::Array(items) => items.iter().for_each(|i| node(i, out)),
        Value::Table(t) => collect(t, out),
        _ => {}
    }
}

/// Where in `raw` (a string as written) the escape `\uXXXX` or `\UXXXXXXXX` of `c` is.
fn escape_of(raw: &str, c: char) -> Option<Range<usize>> {
    let mut from = 0;
    while let Some(i) = raw[from..].find('\\').map(|i| from + i) {
        let rest = &raw[i + 1..];
        let digits = match rest.chars().next() {
            Some('u') => 4,
            Some('U') => 8,
            // `\\` is an escaped backslash: skip both.
            _ => {
                from = i + 2;
                if from >= raw.len() {
                    return None;
                }
                continue;
            }
        };
        let hex = rest.get(1..=digits)?;
        if u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) == Some(c) {
            return Some(i..i + 2 + digits);
        }
        from = i + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::default_playbook;

    fn found(text: &str) -> Vec<(String, String)> {
        let pb = default_playbook().unwrap();
        let root = crate::domain::account::value::Table::parse(text).unwrap();
        check_invisible(&pb, text, &root)
            .into_iter()
            .map(|d| (text[d.span].to_string(), d.message))
            .collect()
    }

    #[test]
    fn direction_controls_and_invisible_characters_are_found_where_they_are() {
        let text =
            "id = \"acme\"\nname = \"Acme \u{202e}dtL\u{202c}\" # \u{200b}\n[[contacts]]\nname = \"Li\\u2066 Wei\"\n";
        let got = found(text);
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(got[0].0, "\u{202e}");
        assert!(got[0].1.contains("U+202E (RIGHT-TO-LEFT OVERRIDE)"), "{got:?}");
        assert!(got[1].1.contains("U+202C (POP DIRECTIONAL FORMATTING)"), "{got:?}");
        // In a comment too.
        assert!(got[2].1.contains("U+200B (ZERO WIDTH SPACE)"), "{got:?}");
        // Written as an escape: found at the escape.
        assert_eq!(got[3].0, "\\u2066");
        assert!(got[3].1.contains("U+2066 (LEFT-TO-RIGHT ISOLATE)"), "{got:?}");
    }

    #[test]
    fn escaped_controls_are_found_and_plain_text_passes() {
        let got = found(
            "name = \"Acme\\u001B[2J\"\nnote = 'a \\u202e stays literal'\nreport = \"\"\"two\nlines\\tand a tab\"\"\"\n",
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "\\u001B");
        assert!(got[0].1.contains("U+001B (ESCAPE)"), "{got:?}");
        assert!(found("\u{feff}name = \"华东精密 👍🏽 ❤\u{fe0f}\"\n").is_empty());
    }
}
