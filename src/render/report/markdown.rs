//! Markdown for a git forge: headings, label lists, GitHub-flavoured tables, `- [ ]` to-dos.
//! Every piece of text from the account is escaped, so a `*` or `|` in a note stays a character.

use std::fmt::Write;

use crate::render::report::{Block, Doc};

/// The prefix of a prompt to fill in (after the checkbox).
const PROMPT: &str = "✎";
/// The prefix of a flag.
const FLAG: &str = "⚠";

/// Escapes Markdown's inline syntax; line breaks become spaces.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '<' | '>' | '[' | ']' | '|' | '~' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A table cell: escaped, its lines joined with `<br>`.
fn cell(s: &str) -> String {
    let lines: Vec<String> = s.lines().map(esc).collect();
    if lines.is_empty() {
        " ".to_string()
    } else {
        lines.join("<br>")
    }
}

fn table(out: &mut String, headers: &[String], rows: &[Vec<String>]) {
    let row = |cells: &[String]| -> String {
        let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        format!("| {} |", cells.join(" | "))
    };
    let _ = writeln!(out, "{}", row(headers));
    let _ = writeln!(out, "|{}", "---|".repeat(headers.len()));
    for r in rows {
        let mut r = r.clone();
        r.resize(headers.len(), String::new());
        let _ = writeln!(out, "{}", row(&r));
    }
}

fn block(out: &mut String, b: &Block, colon: &str) {
    match b {
        Block::Subheading(s) => {
            let _ = writeln!(out, "### {}", esc(s));
        }
        Block::Fields(pairs) => {
            for (label, value) in pairs {
                let _ = writeln!(out, "- **{}{}** {}", esc(label), colon.trim_end(), esc(value));
            }
        }
        Block::Table { headers, rows } => table(out, headers, rows),
        Block::List(items) => {
            for i in items {
                let _ = writeln!(out, "- {}", esc(i));
            }
        }
        Block::Steps(steps) => {
            for (n, (title, details)) in steps.iter().enumerate() {
                let _ = writeln!(out, "{}. **{}**", n + 1, esc(title));
                for d in details {
                    let _ = writeln!(out, "   - {}", esc(d));
                }
            }
        }
        Block::Todo(items) => {
            for i in items {
                let _ = writeln!(out, "- [ ] {}", esc(i));
            }
        }
        Block::Done(items) => {
            for i in items {
                let _ = writeln!(out, "- [x] {}", esc(i));
            }
        }
        Block::Prompt(s) => {
            let _ = writeln!(out, "- [ ] {PROMPT} *{}*", esc(s));
        }
        Block::Flag(s) => {
            let _ = writeln!(out, "- {FLAG} **{}**", esc(s));
        }
        Block::Para(s) => {
            let _ = writeln!(out, "{}", esc(s));
        }
        Block::Boxed { title, lines } => {
            let _ = writeln!(out, "> **{}**\n>", esc(title));
            for l in lines {
                let _ = writeln!(out, "> - {}", esc(l));
            }
        }
    }
}

/// Whether two blocks in a row can share a list without a blank line between them.
fn same_list(a: &Block, b: &Block) -> bool {
    let listy = |b: &Block| matches!(b, Block::Prompt(_) | Block::Flag(_) | Block::Todo(_) | Block::Done(_));
    listy(a) && listy(b)
}

/// The document as Markdown.
pub fn render(doc: &Doc) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", esc(&doc.title));
    for n in &doc.notes {
        let _ = writeln!(out, "> {}\n", esc(n));
    }
    for b in &doc.intro {
        block(&mut out, b, &doc.colon);
        out.push('\n');
    }
    for s in &doc.sections {
        let _ = writeln!(out, "## {}\n", esc(&s.heading));
        for (i, b) in s.blocks.iter().enumerate() {
            block(&mut out, b, &doc.colon);
            if s.blocks.get(i + 1).is_none_or(|next| !same_list(b, next)) {
                out.push('\n');
            }
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::report::Section;

    #[test]
    fn escapes_markup_in_account_text() {
        assert_eq!(esc("a*b_c|d [x] <y>"), "a\\*b\\_c\\|d \\[x\\] \\<y\\>");
        assert_eq!(cell("江华\n总经理"), "江华<br>总经理");
    }

    #[test]
    fn tables_and_todos() {
        let doc = Doc {
            title: "T".into(),
            colon: ": ".into(),
            notes: vec![],
            intro: vec![],
            sections: vec![Section {
                heading: "1. S".into(),
                blocks: vec![
                    Block::Table {
                        headers: vec!["A".into(), "B".into()],
                        rows: vec![vec!["1".into()]],
                    },
                    Block::Todo(vec!["x".into()]),
                    Block::Prompt("y".into()),
                ],
            }],
        };
        assert_eq!(
            render(&doc),
            "# T\n\n## 1. S\n\n| A | B |\n|---|---|\n| 1 |   |\n\n- [ ] x\n- [ ] ✎ *y*\n"
        );
    }
}
