//! Diagnostics as text (`path:line:col`, the source line with a caret, the message and a help
//! line, via annotate-snippets) and as JSON for tools.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::domain::diagnostic::line_col;
use crate::domain::diagnostic::{Diagnostic, Severity};

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

/// Renders one problem the way compilers do.
pub fn render(shown: &Shown<'_>, color: bool) -> String {
    let level = match shown.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let span = clamp(shown.text, &shown.span);
    let (line, col) = line_col(shown.text, span.start);
    let origin = format!("{}:{line}:{col}", shown.file);
    let mut group = Group::with_title(level.primary_title(shown.message).id(shown.code));
    if shown.text.is_empty() {
        group = group.element(Level::NOTE.message(format!("in {origin}")));
    } else {
        // annotate-snippets prints `path:line:col` from the annotation itself.
        let snippet = Snippet::source(shown.text)
            .path(shown.file)
            .annotation(AnnotationKind::Primary.span(span));
        group = group.element(snippet);
    }
    if let Some(help) = shown.help.filter(|h| !h.is_empty()) {
        group = group.element(Level::HELP.message(help));
    }
    let report: [Group<'_>; 1] = [group];
    let mut out = renderer.render(&report);
    out.push('\n');
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
}

impl<'a> JsonDiagnostic<'a> {
    pub fn of(shown: &Shown<'a>) -> JsonDiagnostic<'a> {
        let span = clamp(shown.text, &shown.span);
        let (line, column) = line_col(shown.text, span.start);
        let (end_line, end_column) = line_col(shown.text, span.end);
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
        let out = render(&shown(text, 20..23), false);
        assert!(out.contains("error[KAM004]: `x` is not allowed"), "{out}");
        assert!(out.contains("accounts/acme.toml:2:9"), "{out}");
        assert!(out.contains("^^^"), "{out}");
        assert!(out.contains("help: allowed: a, b"), "{out}");
    }

    #[test]
    fn survives_empty_files_and_wild_spans() {
        assert!(render(&shown("", 0..0), false).contains("accounts/acme.toml:1:1"));
        let text = "名字 = 1";
        let out = render(&shown(text, 1..500), false);
        assert!(out.contains("accounts/acme.toml:1:1"), "{out}");
    }
}
