//! Diagnostics as text (`path:line:col`, the source line with a caret, the message and a help
//! line, via annotate-snippets) and as JSON for tools.
//!
//! A hostile file can hold a million problems on one line of megabytes; what it costs to show
//! them stays linear: lines are indexed once per file ([`LineIndex`]), an excerpt shows only the
//! lines of its span (a window of a very long line), and one file shows at most
//! [`MAX_PER_FILE`] problems, then one line counting the rest by code ([`file_report`]).
//! Messages, helps and file names are shown with their control characters made visible.

use std::collections::BTreeMap;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;

use crate::domain::diagnostic::{Diagnostic, LineIndex, Severity};
use crate::domain::playbook::Words;
use crate::render::table::md_escape;
use crate::render::visible::line as one_line;

/// The most problems one file shows; the rest are counted by code.
pub const MAX_PER_FILE: usize = 100;
/// An excerpt line longer than this (in bytes) is shown as a window around the span.
const MAX_EXCERPT: usize = 400;
/// An excerpt shows at most this many lines of a span that covers more.
const MAX_EXCERPT_LINES: usize = 12;

/// One problem to show, from an account file or from the playbook.
pub struct Shown<'a> {
    pub code: &'a str,
    pub severity: Severity,
    pub file: &'a str,
    pub text: &'a str,
    pub span: Range<usize>,
    pub message: &'a str,
    pub help: Option<&'a str>,
}

impl<'a> Shown<'a> {
    pub fn of(d: &'a Diagnostic, file: &'a str, text: &'a str) -> Shown<'a> {
        Shown {
            code: d.code.as_str(),
            severity: d.severity,
            file,
            text,
            span: d.span.clone(),
            message: &d.message,
            help: d.help.as_deref(),
        }
    }
}

/// A span that lies on char boundaries inside the text and covers at least one character when
/// the text has one (an empty span renders no caret).
fn clamp(text: &str, span: &Range<usize>) -> Range<usize> {
    let fix = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = fix(span.start);
    let mut end = fix(span.end.max(start));
    if end == start && start < text.len() {
        end = start + text[start..].chars().next().map_or(0, char::len_utf8);
        // Never stretch a caret across a line break.
        if &text[start..end] == "\n" || &text[start..end] == "\r" {
            end = start;
        }
    }
    start..end
}

/// `i` moved back onto a character boundary of `text`.
fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The part of the text an excerpt shows for `span`: the lines it covers (at most
/// [`MAX_EXCERPT_LINES`]), or a window of a line too long to show whole. Returns the excerpt's
/// text (with `…` where a line was cut), the span inside it, and whether a line was cut.
fn excerpt(index: &LineIndex<'_>, text: &str, span: &Range<usize>, line: usize) -> (String, Range<usize>, bool) {
    let (end_line, _) = index.line_col(span.end);
    let last = end_line.min(line + MAX_EXCERPT_LINES - 1);
    let mut start = index.line_range(line).start;
    let mut end = index.line_range(last).end;
    let (mut before, mut after) = ("", "");
    if end - start > MAX_EXCERPT {
        end = end.min(index.line_range(line).end);
        if span.start - start > MAX_EXCERPT / 4 {
            start = floor(text, span.start - MAX_EXCERPT / 4);
            before = "…";
        }
        let shown_end = span.end.max(span.start).min(start + MAX_EXCERPT);
        let cut = floor(text, shown_end + MAX_EXCERPT / 4).max(span.start);
        if cut < end {
            end = cut;
            after = "…";
        }
    }
    let local = (span.start - start + before.len())..(span.end.min(end).max(span.start) - start + before.len());
    let cut = !before.is_empty() || !after.is_empty();
    (format!("{before}{}{after}", &text[start..end]), local, cut)
}

/// Renders one problem the way compilers do; `w` words what kam adds (the place of a file
/// without text, the window of a long line).
pub fn render(shown: &Shown<'_>, w: Words<'_>, color: bool) -> String {
    render_at(shown, &LineIndex::new(shown.text), w, color)
}

/// [`render`] with the file's lines already indexed.
pub fn render_at(shown: &Shown<'_>, index: &LineIndex<'_>, w: Words<'_>, color: bool) -> String {
    let level = match shown.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let span = clamp(shown.text, &shown.span);
    let (line, col) = index.line_col(span.start);
    let file = one_line(shown.file);
    let message = one_line(shown.message);
    let help = shown.help.map(one_line);
    let mut group = Group::with_title(level.primary_title(message.as_ref()).id(shown.code));
    let excerpt_text;
    if shown.text.is_empty() {
        let at = format!("{file}:{line}:{col}");
        group = group.element(Level::NOTE.message(w.fill("check.note_in", "in {at}", &[("at", &at)])));
    } else {
        let (source, local, cut) = excerpt(index, shown.text, &span, line);
        excerpt_text = source;
        if cut {
            // A window of a very long line: annotate-snippets would count the column from the
            // window, so the position is given as an origin and the window shown as a note.
            group = group
                .element(Origin::path(file.as_ref()).line(line).char_column(col))
                .element(Level::NOTE.message(w.fill(
                    "check.note_near",
                    "near: {excerpt}",
                    &[("excerpt", &one_line(&excerpt_text))],
                )));
        } else {
            // annotate-snippets prints `path:line:col` from the annotation itself.
            let snippet = Snippet::source(excerpt_text.as_str())
                .path(file.as_ref())
                .line_start(line)
                .annotation(AnnotationKind::Primary.span(local));
            group = group.element(snippet);
        }
    }
    if let Some(help) = help.as_deref().filter(|h| !h.is_empty()) {
        group = group.element(Level::HELP.message(help));
    }
    let report: [Group<'_>; 1] = [group];
    let mut out = renderer.render(&report);
    out.push('\n');
    out
}

/// How one file's problems are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// As compilers show them; `true` with colors.
    Text(bool),
    /// One JSON object each.
    Json,
    /// One Markdown table row each: code, line:col, message, help (for CI job summaries).
    Md,
}

/// Every problem of one file, in file order, each rendered on its own: the first
/// [`MAX_PER_FILE`], then one entry counting the rest by code (“… 11,900 more of KAM004”). `text`
/// is what the excerpts show (personal data already masked).
pub fn file_report(file: &str, text: &str, diags: &mut [Diagnostic], w: Words<'_>, form: Form) -> Vec<String> {
    if diags.is_empty() {
        return Vec::new();
    }
    diags.sort_by_key(|d| (d.span.start, d.code));
    let index = LineIndex::new(text);
    let (shown, rest) = diags.split_at(diags.len().min(MAX_PER_FILE));
    let mut out: Vec<String> = shown
        .iter()
        .map(|d| {
            let shown = Shown::of(d, file, text);
            match form {
                Form::Text(color) => render_at(&shown, &index, w, color),
                Form::Json => crate::render::visible::json_line(&JsonDiagnostic::at(&shown, &index)),
                Form::Md => md_row(&JsonDiagnostic::at(&shown, &index)),
            }
        })
        .collect();
    if let Some(first) = rest.first() {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for d in rest {
            *counts.entry(d.code.as_str()).or_default() += 1;
        }
        let what: Vec<String> = counts
            .iter()
            .map(|(code, n)| {
                w.fill(
                    "check.more_of",
                    "{n} more of {code}",
                    &[("n", &thousands(*n)), ("code", code)],
                )
            })
            .collect();
        let message = w.fill(
            "check.more_problems",
            "… {what} (kam shows the first {max} problems of a file)",
            &[
                ("what", &what.join(w.text("report.list_separator", ", "))),
                ("max", &MAX_PER_FILE),
            ],
        );
        out.push(match form {
            Form::Text(_) => format!("{}: {message}\n", one_line(file)),
            Form::Md => format!("| | | {} | |\n", md_escape(&message)),
            Form::Json => {
                let shown = Shown {
                    message: &message,
                    help: Some(w.text(
                        "check.more_problems_help",
                        "fix the problems shown and run kam check again",
                    )),
                    ..Shown::of(first, file, text)
                };
                let mut json = JsonDiagnostic::at(&shown, &index);
                json.omitted = Some(rest.len());
                crate::render::visible::json_line(&json)
            }
        });
    }
    out
}

/// `n` with commas between thousands: 11,900.
/// One problem as a Markdown table row: code (with its severity), line:col, message, help.
fn md_row(d: &JsonDiagnostic<'_>) -> String {
    // A sign, not a word: the message itself is the sentence.
    let severity = match d.severity {
        Severity::Error => "⛔",
        Severity::Warning => "⚠️",
    };
    format!(
        "| {severity} {} | {}:{} | {} | {} |\n",
        md_escape(d.code),
        d.line,
        d.column,
        md_escape(&one_line(d.message)),
        d.help.map(|h| md_escape(&one_line(h))).unwrap_or_default()
    )
}

pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One diagnostic as JSON for `--format json`.
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub severity: Severity,
    pub code: &'a str,
    pub message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<&'a str>,
    /// On the last entry of a file that has more than [`MAX_PER_FILE`] problems: how many more
    /// there are (the entry sits at the first of them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub omitted: Option<usize>,
}

impl<'a> JsonDiagnostic<'a> {
    pub fn of(shown: &Shown<'a>) -> JsonDiagnostic<'a> {
        JsonDiagnostic::at(shown, &LineIndex::new(shown.text))
    }

    /// [`JsonDiagnostic::of`] with the file's lines already indexed.
    pub fn at(shown: &Shown<'a>, index: &LineIndex<'_>) -> JsonDiagnostic<'a> {
        let span = clamp(shown.text, &shown.span);
        let (line, column) = index.line_col(span.start);
        let (end_line, end_column) = index.line_col(span.end);
        JsonDiagnostic {
            file: shown.file,
            line,
            column,
            end_line,
            end_column,
            severity: shown.severity,
            code: shown.code,
            message: shown.message,
            help: shown.help,
            omitted: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str, span: Range<usize>) -> Shown<'_> {
        Shown {
            code: "KAM004",
            severity: Severity::Error,
            file: "accounts/acme.toml",
            text,
            span,
            message: "`x` is not allowed",
            help: Some("allowed: a, b"),
        }
    }

    #[test]
    fn renders_path_line_column_caret_and_help() {
        let text = "id = \"acme\"\nstage = \"x\"\n";
        let out = render(&shown(text, 20..23), Words::ENGLISH, false);
        assert!(out.contains("error[KAM004]: `x` is not allowed"), "{out}");
        assert!(out.contains("accounts/acme.toml:2:9"), "{out}");
        assert!(out.contains("^^^"), "{out}");
        assert!(out.contains("help: allowed: a, b"), "{out}");
    }

    #[test]
    fn survives_empty_files_and_wild_spans() {
        assert!(render(&shown("", 0..0), Words::ENGLISH, false).contains("accounts/acme.toml:1:1"));
        let text = "名字 = 1";
        let out = render(&shown(text, 1..500), Words::ENGLISH, false);
        assert!(out.contains("accounts/acme.toml:1:1"), "{out}");
    }

    #[test]
    fn a_long_line_shows_a_window_and_the_true_column() {
        let text = format!("{}x = 1\n", "a = 1, ".repeat(10_000));
        let at = text.find('x').unwrap();
        let out = render(&shown(&text, at..at + 1), Words::ENGLISH, false);
        assert!(out.contains(&format!("accounts/acme.toml:1:{}", at + 1)), "{out}");
        assert!(out.len() < 2_000, "{out}");
        assert!(out.contains("near: …, a = 1") && out.contains("x = 1"), "{out}");
    }

    #[test]
    fn a_file_shows_its_first_problems_and_counts_the_rest() {
        let text = "x\n".repeat(250);
        let mut diags: Vec<Diagnostic> = (0..250)
            .map(|i| {
                let code = if i < 240 {
                    crate::domain::diagnostic::Code::NotAllowed
                } else {
                    crate::domain::diagnostic::Code::Syntax
                };
                Diagnostic::error(code, i * 2..i * 2 + 1, "bad")
            })
            .collect();
        let out = file_report(
            "accounts/big.toml",
            &text,
            &mut diags,
            Words::ENGLISH,
            Form::Text(false),
        );
        assert_eq!(out.len(), MAX_PER_FILE + 1);
        assert_eq!(
            out.last().unwrap(),
            "accounts/big.toml: … 10 more of KAM001, 140 more of KAM004 (kam shows the first 100 problems of a file)\n"
        );
        let json = file_report("accounts/big.toml", &text, &mut diags, Words::ENGLISH, Form::Json);
        let last: serde_json::Value = serde_json::from_str(json.last().unwrap()).unwrap();
        assert_eq!(last["omitted"], 150);
        assert_eq!(thousands(11_900), "11,900");
    }

    #[test]
    fn messages_and_file_names_show_control_characters() {
        let mut s = shown("id = 1\n", 0..2);
        s.message = "bad \u{1b}]0;title\u{7}";
        s.file = "accounts/\u{1b}[2J.toml";
        let out = render(&s, Words::ENGLISH, false);
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out}");
    }
}
