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

/// The high bit of each byte of a word: set for a byte that is not ASCII.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Whether one of the eight bytes of `w` is `b` (the classic word-at-a-time test).
fn has_byte(w: u64, b: u8) -> bool {
    let x = w ^ (0x0101_0101_0101_0101 * u64::from(b));
    x.wrapping_sub(0x0101_0101_0101_0101) & !x & HIGH_BITS != 0
}

/// Every flagged character of an account file, located: those written as they are (in values,
/// keys and comments alike), then those written as escapes in strings (`"\u202E"`), at the escape.
/// A byte order mark at the very start of the file is an encoding mark, not text, and passes.
pub fn check_invisible(pb: &Playbook, text: &str, root: &Spanned<Table<'_>>) -> Vec<Diagnostic> {
    // One pass over the text: eight ASCII bytes at a time where there is no backslash (most of
    // a file), character by character elsewhere; an escape starts with `\u`, `\U`, `\x` or `\e`.
    let bytes = text.as_bytes();
    let mut out: Vec<Diagnostic> = Vec::new();
    let mut escapes = false;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(word) = bytes.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
            let w = u64::from_le_bytes(word);
            if w & HIGH_BITS == 0 && !has_byte(w, b'\\') {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        if b.is_ascii() {
            escapes |= b == b'\\' && matches!(bytes.get(i + 1), Some(b'u' | b'U' | b'x' | b'e'));
            i += 1;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            break;
        };
        if is_invisible(c) && !(i == 0 && c == '\u{feff}') {
            out.push(diagnostic(pb, c, i..i + c.len_utf8()));
        }
        i += c.len_utf8();
    }
    if !escapes {
        return out;
    }
    // The escapes of basic strings (values and quoted keys; a literal string has none) that
    // stand for a flagged character, each at itself.
    let mut strings: Vec<Range<usize>> = Vec::new();
    collect(root.get_ref(), &mut strings);
    for span in strings {
        let raw = text.get(span.clone()).unwrap_or_default();
        if !raw.starts_with('"') {
            continue;
        }
        for (at, c) in escapes_in(raw) {
            if is_flagged(c) {
                out.push(diagnostic(pb, c, span.start + at.start..span.start + at.end));
            }
        }
    }
    out.sort_by_key(|d| d.span.start);
    out
}

/// The spans of the keys and string values of a table, at any depth.
fn collect(table: &Table<'_>, out: &mut Vec<Range<usize>>) {
    for (k, v) in table {
        out.push(k.span());
        node(v, out);
    }
}

fn node(n: &Node<'_>, out: &mut Vec<Range<usize>>) {
    match n.get_ref() {
        Value::String(_) => out.push(n.span()),
        Value::Array(items) => items.iter().for_each(|i| node(i, out)),
        Value::Table(t) => collect(t, out),
        _ => {}
    }
}

/// The escapes of a basic string as written (`raw`, quotes included) that stand for one
/// character — `\uXXXX`, `\UXXXXXXXX`, `\xHH`, `\e` — with where they are and what they stand for.
fn escapes_in(raw: &str) -> Vec<(Range<usize>, char)> {
    let bytes = raw.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let digits = match bytes.get(i + 1) {
            Some(b'u') => 4,
            Some(b'U') => 8,
            Some(b'x') => 2,
            Some(b'e') => {
                out.push((i..i + 2, '\u{1b}'));
                i += 2;
                continue;
            }
            // Any other escape (`\\` among them) is two bytes.
            _ => {
                i += 2;
                continue;
            }
        };
        let c = raw
            .get(i + 2..i + 2 + digits)
            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
            .and_then(char::from_u32);
        if let Some(c) = c {
            out.push((i..i + 2 + digits, c));
            i += 2 + digits;
        } else {
            i += 2;
        }
    }
    out
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
    fn the_word_at_a_time_scan_misses_nothing() {
        // A character or a backslash at every offset of a word, after ASCII and after CJK.
        for lead in ["", "a", "华", "ab", "abc", "abcd", "abcde", "abcdef", "abcdefg"] {
            for (tail, count) in [("\u{202e}", 1), ("x\u{200b}yz", 1), ("\u{e0041}", 1), ("x", 0)] {
                let text = format!("# {lead}{tail} and more ascii text\nname = \"{lead}\\u2066\"\n");
                assert_eq!(found(&text).len(), count + 1, "{text:?}");
            }
        }
        assert!(has_byte(u64::from_le_bytes(*b"abcdefg\\"), b'\\'));
        assert!(!has_byte(u64::from_le_bytes(*b"abcdefgh"), b'\\'));
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
        // TOML 1.1's short escapes, each found at itself.
        let got = found("name = \"a\\e[2J\\x7f\"\n");
        assert_eq!(
            got.iter().map(|(at, _)| at.as_str()).collect::<Vec<_>>(),
            ["\\e", "\\x7f"]
        );
        // The same character twice: one finding for each place it is written; an escaped
        // backslash is no escape.
        assert_eq!(found("name = \"a\\u200Bb\\u200Bc\\\\u200B\"\n").len(), 2);
    }
}
