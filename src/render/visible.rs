//! Control characters made visible. Account data, file names, refs and playbook words reach a
//! terminal, a CI log or a pull request; a raw ESC in a client's name could retitle the terminal,
//! clear the screen, plant a hyperlink or hide a line. Every text kam prints or writes passes
//! through [`visible`] (the printing layer applies it to whole outputs; renderers apply it to
//! cells and messages before measuring them), and JSON goes through [`json_escape`].
//!
//! The rule: C0 controls (U+0000–U+001F) except a line feed where line breaks are meant, DEL and
//! the C1 controls (U+0080–U+009F) are shown as visible symbols, as are the invisible direction
//! controls that make text read differently from its bytes (U+202A–U+202E, U+2066–U+2069,
//! U+200E, U+200F, U+061C) and the other invisible format characters (zero-width spaces and
//! joiners, fillers, tags: [`crate::domain::account::invisible::is_invisible`], which `kam check`
//! reports as KAM050). A CR directly before a LF is part of the line break and dropped.
//! C0 and DEL become their Unicode control pictures (ESC → `␛`, NUL → `␀`, TAB → `␉`), the
//! way compilers show them in source excerpts; the others become `\u{…}`.

use std::borrow::Cow;

/// Where line feeds are meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// Free text and whole outputs: a line feed stays a line break.
    Keep,
    /// A single line (a name, an id, a file name, a table cell): a line feed is shown as `␊`.
    Show,
}

/// Whether `c` is shown by a visible symbol (everything but the line feed, which depends).
fn is_hidden(c: char) -> bool {
    if c < '\u{a0}' {
        return matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}');
    }
    crate::domain::account::invisible::is_invisible(c)
}

/// The visible form of one hidden character.
fn push_visible(out: &mut String, c: char) {
    match c {
        '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + u32::from(c)).unwrap_or('?')),
        '\u{7f}' => out.push('␡'),
        _ => {
            use std::fmt::Write;
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
    }
}

/// `s` with its control characters made visible (see the module documentation).
pub fn visible(s: &str, lines: Lines) -> Cow<'_, str> {
    if !s.chars().any(|c| is_hidden(c) && !(c == '\n' && lines == Lines::Keep)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' if lines == Lines::Keep => out.push('\n'),
            '\r' if lines == Lines::Keep && chars.peek() == Some(&'\n') => {}
            c if is_hidden(c) => push_visible(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A single line: [`visible`] with line feeds shown too.
pub fn line(s: &str) -> Cow<'_, str> {
    visible(s, Lines::Show)
}

/// A machine format whose layout is made of tabs and line breaks (the iCalendar feed's CRLF, the
/// tab-separated candidates of shell completion): those stay; every other control character is
/// shown as in [`visible`]. The format itself escapes its values.
pub fn framed(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_hidden(c) && !matches!(c, '\n' | '\r' | '\t')) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' if chars.peek() == Some(&'\n') => out.push(c),
            c if is_hidden(c) => push_visible(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The parameters of a color sequence (SGR) kam's own renderers emit: colors and bold, never a
/// background, concealed or blinking text. With colors on, only these pass the printing layer.
fn is_own_style(params: &str) -> bool {
    if params.is_empty() {
        return true;
    }
    let parts: Vec<&str> = params.split(';').collect();
    if let ["38", "5", n] = parts.as_slice() {
        return n.parse::<u8>().is_ok();
    }
    parts.iter().all(|p| {
        p.parse::<u8>()
            .is_ok_and(|n| matches!(n, 0..=4 | 22..=24 | 30..=37 | 39 | 90..=97))
    })
}

/// A whole output made safe for a terminal: [`visible`] keeping line breaks, except that with
/// `color` on, kam's own color sequences (`ESC [ … m` with the parameters of [`is_own_style`])
/// are kept. Anything else that starts with ESC — cursor moves, screen clears, titles, links —
/// is shown as text.
pub fn output(s: &str, color: bool) -> Cow<'_, str> {
    if !color {
        return visible(s, Lines::Keep);
    }
    if !s.chars().any(|c| is_hidden(c) && c != '\n') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '\u{1b}'
            && let Some(body) = rest.strip_prefix("\u{1b}[")
            && let Some(end) = body.find(|ch: char| !(ch.is_ascii_digit() || ch == ';'))
            && body[end..].starts_with('m')
            && is_own_style(&body[..end])
        {
            let len = 2 + end + 1;
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        match c {
            '\n' => out.push('\n'),
            '\r' if rest[1..].starts_with('\n') => {}
            c if is_hidden(c) => push_visible(&mut out, c),
            c => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// JSON text with DEL, the C1 controls and the direction overrides escaped (`\u0085`), as
/// serde escapes the C0 controls. Outside strings JSON is ASCII, so every such character sits in
/// a string, where the escape means the same character.
pub fn json_escape(json: String) -> String {
    if !json.chars().any(|c| is_hidden(c) && !matches!(c, '\u{0}'..='\u{1f}')) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_hidden(c) && !matches!(c, '\u{0}'..='\u{1f}') {
            use std::fmt::Write;
            // Beyond U+FFFF (the tag characters) JSON escapes a surrogate pair.
            for unit in c.encode_utf16(&mut [0; 2]) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Serialises `value` as pretty JSON ending in a line break, with [`json_escape`] applied: the
/// one way kam writes JSON.
pub fn json_pretty<T: serde::Serialize + ?Sized>(value: &T, empty: &str) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_else(|_| empty.to_string());
    text.push('\n');
    json_escape(text)
}

/// Serialises `value` as compact JSON on one line, with [`json_escape`] applied.
pub fn json_line<T: serde::Serialize + ?Sized>(value: &T) -> String {
    json_escape(serde_json::to_string(value).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_controls_are_shown_not_obeyed() {
        let hostile = "Acme\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{7f}\tend";
        let shown = visible(hostile, Lines::Keep);
        assert_eq!(shown, "Acme␛]0;pwned␇␛[2J\\u{9b}31m␡␉end");
        assert!(!shown.chars().any(char::is_control), "{shown}");
    }

    #[test]
    fn line_breaks_stay_where_meant() {
        assert_eq!(visible("a\r\nb\nc\rd", Lines::Keep), "a\nb\nc␍d");
        assert_eq!(line("a\nb"), "a␊b");
        assert!(matches!(visible("plain 华东 text\n", Lines::Keep), Cow::Borrowed(_)));
    }

    #[test]
    fn direction_overrides_are_shown() {
        assert_eq!(line("abc\u{202e}fed"), "abc\\u{202e}fed");
    }

    #[test]
    fn invisible_characters_are_shown_and_variation_selectors_kept() {
        assert_eq!(
            line("Ac\u{200b}me\u{2066}\u{feff}\u{e0041}"),
            "Ac\\u{200b}me\\u{2066}\\u{feff}\\u{e0041}"
        );
        assert_eq!(line("❤\u{fe0f} 華\u{e0100}"), "❤\u{fe0f} 華\u{e0100}");
        let json = json_pretty(&serde_json::json!({"name": "a\u{200b}b\u{e0041}"}), "{}");
        assert!(json.contains(r#""a\u200bb\udb40\udc41""#), "{json}");
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["name"], "a\u{200b}b\u{e0041}");
    }

    #[test]
    fn with_colors_only_kams_own_styles_pass() {
        let ours = "\u{1b}[31m✗\u{1b}[0m \u{1b}[1m\u{1b}[38;5;12mx\u{1b}[39m";
        assert_eq!(output(ours, true), ours);
        assert_eq!(output(ours, false), "␛[31m✗␛[0m ␛[1m␛[38;5;12mx␛[39m");
        let hostile = "\u{1b}[8mhidden\u{1b}[2J\u{1b}]8;;http://x\u{7}link\u{1b}[41m";
        assert_eq!(output(hostile, true), "␛[8mhidden␛[2J␛]8;;http://x␇link␛[41m");
    }

    #[test]
    fn machine_formats_keep_their_tabs_and_crlf() {
        assert_eq!(framed("a\tb\r\nc\n"), "a\tb\r\nc\n");
        assert_eq!(framed("a\u{1b}[2J\rb"), "a␛[2J␍b");
    }

    #[test]
    fn json_escapes_c1_and_del() {
        let text = json_pretty(&serde_json::json!({"name": "a\u{1b}b\u{9b}c\u{7f}"}), "{}");
        assert!(text.contains(r#""a\u001bb\u009bc\u007f""#), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], "a\u{1b}b\u{9b}c\u{7f}");
    }
}
