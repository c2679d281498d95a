//! The house rules, held by reading the sources: `src/domain/` is the pure core (no files, no
//! processes, no clock, no printing, no commands), and `src/render/` turns data into text without
//! touching files or calling commands. A failure names the file, the line and the rule broken.

use std::path::{Path, PathBuf};

/// One rule: sources under `folder` must not name any of `forbidden`, for `reason`.
struct Rule {
    folder: &'static str,
    forbidden: &'static [&'static str],
    reason: &'static str,
}

const RULES: &[Rule] = &[
    Rule {
        folder: "src/domain",
        forbidden: &[
            "crate::io",
            "crate::render",
            "crate::command",
            "crate::output",
            "crate::workspace",
            "crate::cli",
            "std::fs",
            "std::process",
            "std::env",
            "std::time::SystemTime",
            "SystemTime::now",
            "Instant::now",
            "Local::now",
            "Utc::now",
            "chrono::Local",
            "chrono::Utc",
            "println!",
            "eprintln!",
        ],
        reason: "domain/ is the pure core: no files, processes, clock, printing, rendering or commands \
                 (today's date is passed in; tests get the default playbook from domain::test_support)",
    },
    Rule {
        folder: "src/render",
        forbidden: &[
            "crate::io",
            "crate::command",
            "crate::workspace",
            "std::fs",
            "std::process",
            "println!",
            "eprintln!",
        ],
        reason: "render/ turns report data into text: it reads no files and calls no command; \
                 commands print what it returns",
    },
    Rule {
        folder: "src/command",
        forbidden: &[
            "fs::read(",
            "fs::read_to_string",
            "File::open",
            "File::create",
            "OpenOptions",
            "fs::write(",
            "fs::rename(",
            "fs::copy(",
            "println!",
            "eprintln!",
        ],
        reason: "commands open files only through the workspace (the one safe reader: regular files \
                 inside the workspace) and write only through io::write (regular files, atomic, \
                 umask and modes kept); they print only through output (the one sanitiser)",
    },
];

/// Files exempt from a rule's folder: test support may load the playbook the way the binary does.
const EXEMPT: &[&str] = &["src/domain/test_support.rs"];

/// The lines of `text` that break `rule`, as `(line number, what was named)`. Comments are skipped;
/// `use crate::{io, …}` groups are expanded so a grouped import cannot hide a path.
fn violations(text: &str, rule: &Rule) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut group: Option<(usize, String)> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split("//").next().unwrap_or("").trim();
        if let Some((start, mut acc)) = group.take() {
            acc.push_str(line);
            if line.contains('}') {
                check_group(&acc, start, rule, &mut found);
            } else {
                group = Some((start, acc));
            }
            continue;
        }
        let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        for name in rule.forbidden {
            if compact.contains(name) {
                found.push((i + 1, (*name).to_string()));
            }
        }
        if let Some(at) = compact.find("crate::{") {
            let rest = compact[at..].to_string();
            if rest.contains('}') {
                check_group(&rest, i + 1, rule, &mut found);
            } else {
                group = Some((i + 1, rest));
            }
        }
    }
    found
}

/// Checks the names of one `crate::{a, b::c, …}` group.
fn check_group(group: &str, line: usize, rule: &Rule, found: &mut Vec<(usize, String)>) {
    let inner = group.trim_start_matches("crate::{").split('}').next().unwrap_or("");
    for part in inner.split(',') {
        let path = format!("crate::{}", part.trim());
        for name in rule.forbidden.iter().filter(|n| n.starts_with("crate::")) {
            if path == *name || path.starts_with(&format!("{name}::")) {
                found.push((line, (*name).to_string()));
            }
        }
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a folder entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn domain_and_render_keep_the_house_rules() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut problems = Vec::new();
    let mut seen = 0;
    for rule in RULES {
        let mut files = Vec::new();
        rust_files(&root.join(rule.folder), &mut files);
        for file in files {
            let rel = file
                .strip_prefix(root)
                .expect("under the root")
                .to_string_lossy()
                .replace('\\', "/");
            if EXEMPT.contains(&rel.as_str()) {
                continue;
            }
            seen += 1;
            let text = std::fs::read_to_string(&file).expect("a source file");
            for (line, name) in violations(&text, rule) {
                problems.push(format!("{rel}:{line}: uses `{name}`: {}", rule.reason));
            }
        }
    }
    assert!(
        seen > 40,
        "the rules looked at only {seen} files: has the layout moved?"
    );
    assert!(
        problems.is_empty(),
        "architecture rules broken:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_rule_reader_sees_plain_grouped_and_multiline_imports_but_not_comments() {
    let rule = &RULES[0];
    let text = "use crate::domain::account::Account;\n\
                use crate::io::source::read_text;\n\
                // use crate::io::git; only a comment\n\
                use crate::{\n    domain::score,\n    io::write,\n};\n\
                use crate::{render, domain};\n\
                let today = chrono::Local::now();\n\
                let s = std :: fs :: read(\"x\");\n";
    let found = violations(text, rule);
    let lines: Vec<usize> = found.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, vec![2, 4, 8, 9, 9, 10], "{found:?}");
    assert_eq!(found[1].1, "crate::io");
    assert_eq!(found[2].1, "crate::render");
    assert!(violations("use crate::domain::gate::gate_of;\n", rule).is_empty());
}
