//! The playbook's language, everywhere: every sentence kam prints about accounts comes from the
//! playbook's `text:`, with its English in the default playbook and a translation in the Chinese
//! one; and under the Chinese playbook, the main commands print no English word beyond ids,
//! values and the commands to type.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::support::{Test, repo};

/// The namespaces of text ids (`gate.ready`, `due.cold.why`).
const NAMESPACES: &[&str] = &[
    "advance",
    "after",
    "check",
    "dashboard",
    "diff",
    "director",
    "due",
    "edit",
    "forecast",
    "git",
    "gate",
    "guide",
    "history",
    "hook",
    "init",
    "io",
    "list",
    "lock",
    "matrix",
    "negotiation",
    "new",
    "privacy",
    "prompt",
    "receivables",
    "report",
    "retro",
    "schema",
    "score",
    "show",
    "stats",
    "usage",
    "visit",
    "write",
];

/// A Rust string literal starting at `s` (just after its opening quote): its value and length.
fn literal(s: &str) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, i + 1)),
            '\\' => match chars.next()?.1 {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                '"' => out.push('"'),
                '\\' => out.push('\\'),
                '\'' => out.push('\''),
                '\n' => {
                    // A line continuation: the next line's leading blanks are skipped.
                    let rest = &s[i + 2..];
                    let skip = rest.len() - rest.trim_start().len();
                    for _ in 0..rest[..skip].chars().count() {
                        chars.next();
                    }
                }
                other => {
                    out.push('\\');
                    out.push(other);
                }
            },
            c => out.push(c),
        }
    }
    None
}

/// Every `"namespace.id", "English"` pair in the sources outside tests: the calls of
/// `Playbook::text`/`fill` and the word tables.
fn ids_in_code() -> BTreeMap<String, BTreeSet<String>> {
    // The namespaces named here, and every namespace the default playbook's `text:` uses.
    let mut namespaces: BTreeSet<String> = NAMESPACES.iter().map(|n| (*n).to_string()).collect();
    namespaces.extend(
        text_of("assets/kam.yaml")
            .keys()
            .filter_map(|k| k.split_once('.'))
            .map(|(n, _)| n.to_string()),
    );
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut files = Vec::new();
    collect(&repo().join("src"), &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let text = text.split("#[cfg(test)]").next().unwrap();
        let mut at = 0;
        while let Some(q) = text[at..].find('"') {
            let start = at + q + 1;
            let before = &text[..start - 1];
            // A quote character ('"'), not a string.
            if before.ends_with('\'') && text[start..].starts_with('\'') {
                at = start + 1;
                continue;
            }
            // A raw string: skipped whole.
            if before.ends_with("r#") {
                at = text[start..].find("\"#").map_or(text.len(), |e| start + e + 2);
                continue;
            }
            let Some((id, len)) = literal(&text[start..]) else {
                break;
            };
            at = start + len;
            if !is_id(&id, &namespaces) {
                continue;
            }
            let rest = text[at..].trim_start();
            let Some(rest) = rest.strip_prefix(',') else { continue };
            let rest2 = rest.trim_start();
            let Some(body) = rest2.strip_prefix('"') else { continue };
            let (english, len) = literal(body).unwrap();
            if is_id(&english, &namespaces) {
                continue; // a list of ids
            }
            at = text.len() - body.len() + len;
            out.entry(id).or_default().insert(english);
        }
    }
    out
}

fn is_id(text: &str, namespaces: &BTreeSet<String>) -> bool {
    text.split_once('.').is_some_and(|(ns, rest)| {
        namespaces.contains(ns)
            && !rest.is_empty()
            && rest
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c))
    })
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn text_of(playbook: &str) -> BTreeMap<String, String> {
    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(repo().join(playbook)).unwrap()).unwrap();
    serde_yaml::from_value(yaml["text"].clone()).unwrap()
}

/// The `{name}` arguments of a text (not the braces of a TOML example such as `{ amount = … }`).
fn args_of(text: &str) -> BTreeSet<String> {
    text.split('{')
        .skip(1)
        .filter_map(|a| a.split_once('}'))
        .map(|(a, _)| a.to_string())
        .filter(|a| !a.is_empty() && a.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .collect()
}

#[test]
fn every_text_id_in_the_code_has_english_and_chinese() {
    let ids = ids_in_code();
    assert!(ids.len() > 300, "the scan found only {} ids", ids.len());
    let en = text_of("assets/kam.yaml");
    let zh = text_of("examples/playbooks/zh-CN.yaml");
    let mut problems = Vec::new();
    for (id, english) in &ids {
        // An id may sit next to other literals (an argument's name); the text is the one the
        // default playbook holds, and it must be one of them.
        let english = match en.get(id) {
            Some(t) if english.contains(t) => t,
            _ if english.len() > 1 => {
                problems.push(format!(
                    "{id} has {} English texts, none in assets/kam.yaml: {english:?}",
                    english.len()
                ));
                continue;
            }
            _ => english.iter().next().unwrap(),
        };
        match en.get(id) {
            Some(t) if t == english => {}
            Some(t) => problems.push(format!("assets/kam.yaml text.{id} is {t:?}, the code says {english:?}")),
            None => problems.push(format!("assets/kam.yaml lacks text.{id}: {english:?}")),
        }
        match zh.get(id) {
            // These may name the record type by its label (`{label}`) instead of its id.
            Some(_) if ["check.record_by_id", "check.record_by_number"].contains(&id.as_str()) => {}
            Some(t) => {
                let missing: Vec<_> = args_of(english).difference(&args_of(t)).cloned().collect();
                if !missing.is_empty() {
                    problems.push(format!("zh-CN text.{id} lacks {missing:?}"));
                }
            }
            None => problems.push(format!("zh-CN lacks text.{id} ({english:?})")),
        }
    }
    for id in en.keys().chain(zh.keys()) {
        if !ids.contains_key(id) {
            problems.push(format!("text.{id} is in a playbook but no code uses it"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The ASCII words of a text (runs of two letters or more).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() >= 2)
}

#[test]
fn the_chinese_playbook_speaks_chinese_in_every_main_command() {
    let zh_yaml = std::fs::read_to_string(repo().join("examples/playbooks/zh-CN.yaml")).unwrap();
    // Ids and keys of the playbook, and everything the accounts hold, may show as they are.
    let mut allowed: BTreeSet<String> = BTreeSet::new();
    let head = zh_yaml.split("\ntext:").next().unwrap();
    allowed.extend(words(head).map(str::to_string));
    let mut t = Test::samples().file("kam.yaml", &zh_yaml);
    // Accounts with mistakes, so that `kam check` speaks too: wrong types, missing fields, records
    // named and counted, a stage moved by hand.
    for name in ["records.toml", "bypass.toml"] {
        let text = std::fs::read_to_string(repo().join("tests/fixtures/messages").join(name)).unwrap();
        t = t.file(&format!("accounts/zz/{name}"), &text);
    }
    // The catalogue's fixtures of the codes whose messages the playbook words, so that every one
    // of them is produced under the Chinese playbook.
    for dir in crate::support::fixture_cases("diagnostics") {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        if WORDED_CODES.iter().any(|c| name.starts_with(&c.to_lowercase())) {
            copy_dir(&dir, &t.path().join("accounts/zz/diag").join(&name));
        }
    }
    let mut files = Vec::new();
    collect_toml(&t.path().join("accounts"), &mut files);
    for f in &files {
        // The values the accounts hold (in quotes), not their keys: a key shows in backquotes.
        // Lossy: one fixture is not UTF-8 on purpose.
        let text = String::from_utf8_lossy(&std::fs::read(f).unwrap()).into_owned();
        for value in text.split('"').skip(1).step_by(2) {
            allowed.extend(words(value).map(str::to_string));
        }
        allowed.extend(words(&f.to_string_lossy()).map(str::to_string));
    }
    // What the user types: the program, its subcommands and options, placeholders.
    for w in [
        "kam",
        "check",
        "advance",
        "log",
        "set",
        "show",
        "gate",
        "due",
        "list",
        "score",
        "evidence",
        "task",
        "report",
        "contact",
        "reason",
        "to",
        "date",
        "form",
        "within",
        "include",
        "sensitive",
        "YYYY",
        "MM",
        "DD",
        "toml",
        "accounts",
        "id",
        "SMART",
        "KAM",
        // An encoding's name (`UTF-8`).
        "UTF",
        // Tables of the account file kam itself defines, written as they are (`[[history]]`).
        "history",
        "checklist",
        "ratings",
        // The severity of a diagnostic, as CI logs and tools grep for it (`error[KAM003]`).
        "error",
        "warning",
        "visit",
        "followed",
        "up",
        "today",
    ] {
        allowed.insert(w.to_string());
    }
    let runs: &[&[&str]] = &[
        &["check"],
        &["gate"],
        &["gate", "hengrui-precision"],
        &["gate", "kangyuan-pharma"],
        &["gate", "renhe-hospital"],
        &["gate", "tiandi-cement"],
        &["list"],
        &["due", "--within", "60"],
        &["score"],
        &["score", "--explain", "renhe-hospital"],
        &["score", "--explain", "ningzhou-battery"],
        &["show", "kangyuan-pharma"],
        &["show", "hengrui-precision"],
    ];
    let mut english = Vec::new();
    for args in runs {
        let out = t.kam(args);
        if args == &["check"] {
            for code in WORDED_CODES {
                assert!(
                    out.stdout.contains(&format!("[{code}]")),
                    "{code} not produced:\n{}",
                    out.stdout
                );
            }
        }
        for line in out.stdout.lines().chain(out.stderr.lines()) {
            // The source excerpt of a diagnostic quotes the account file as it is.
            if line.trim_start().chars().next().is_some_and(|c| c.is_ascii_digit()) && line.contains(" | ") {
                continue;
            }
            // Keys and values kam quotes in backquotes are the account's, not kam's words.
            let unquoted: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
            let unknown: Vec<&str> = words(&unquoted).filter(|w| !allowed.contains(*w)).collect();
            if !unknown.is_empty() {
                english.push(format!("kam {}: {unknown:?} in {line:?}", args.join(" ")));
            }
        }
    }
    assert!(
        english.is_empty(),
        "{} lines in English:\n{}",
        english.len(),
        english.join("\n")
    );
}

/// The diagnostic codes checked in the Chinese playbook's words through their catalogue fixtures.
const WORDED_CODES: &[&str] = &[
    "KAM004", "KAM005", "KAM006", "KAM008", "KAM010", "KAM011", "KAM013", "KAM014", "KAM015", "KAM019", "KAM025",
    "KAM026", "KAM027", "KAM028", "KAM029", "KAM030", "KAM031",
];

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

fn collect_toml(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_toml(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}
