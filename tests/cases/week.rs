//! docs/daily-work.md is replayed: a week of a key account manager's work, done only with kam
//! commands. Every command runs on the day of its section, on a copy of the sample accounts; its
//! output must be what the page shows, and the change it made to the account files must be the
//! diff the page shows after it (a command shown without a diff must change nothing).

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{Test, repo};

/// Every account file of the workspace, by path relative to it.
fn files(root: &Path) -> BTreeMap<String, String> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "toml") && !name.starts_with('.') {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&root.join("accounts"), root, &mut out);
    out
}

fn diff(before: &BTreeMap<String, String>, after: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    for (name, new) in after {
        let old = before.get(name).map_or("", String::as_str);
        if old != new {
            out.push_str(
                &similar::TextDiff::from_lines(old, new)
                    .unified_diff()
                    .context_radius(3)
                    .header(&format!("a/{name}"), &format!("b/{name}"))
                    .to_string(),
            );
        }
    }
    out
}

/// A fenced block: its language and its text.
struct Block {
    lang: String,
    text: String,
    day: String,
}

fn blocks(page: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut day = String::new();
    let mut lines = page.lines();
    while let Some(line) = lines.next() {
        if let Some(heading) = line.strip_prefix("## ") {
            if let Some(date) = heading
                .split_whitespace()
                .find(|w| w.len() == 10 && w.as_bytes()[4] == b'-')
            {
                day = date.to_string();
            }
        } else if let Some(lang) = line.strip_prefix("```").filter(|l| !l.is_empty()) {
            let mut text = String::new();
            for l in lines.by_ref() {
                if l == "```" {
                    break;
                }
                text.push_str(l);
                text.push('\n');
            }
            out.push(Block {
                lang: lang.to_string(),
                text,
                day: day.clone(),
            });
        }
    }
    out
}

#[test]
fn the_week_of_daily_work_replays() {
    let page = std::fs::read_to_string(repo().join("docs/daily-work.md")).unwrap();
    let all = blocks(&page);
    assert!(
        all.iter().filter(|b| b.lang == "console").count() >= 12,
        "the page shows a week of commands"
    );
    let t = Test::samples().real_today();
    let mut writes = 0;
    for (i, block) in all.iter().enumerate() {
        if block.lang != "console" {
            continue;
        }
        let (cmd, expected) = block.text.split_once('\n').unwrap();
        let cmd = cmd
            .strip_prefix("$ kam ")
            .expect("a console block starts with `$ kam …`");
        assert!(!block.day.is_empty(), "`{cmd}` is under a dated section");
        let mut args = vec!["--today".to_string(), block.day.clone()];
        args.extend(shell_words::split(cmd).unwrap());
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let before = files(t.path());
        let out = t.kam_env(&refs, &[("COLUMNS", "80")]);
        let shown = format!("{}{}", out.stdout, out.stderr);
        assert_eq!(shown, expected, "output of `kam {cmd}` on {}", block.day);
        let changed = diff(&before, &files(t.path()));
        match all.get(i + 1).filter(|b| b.lang == "diff") {
            Some(d) => {
                assert_eq!(changed, d.text, "the change `kam {cmd}` made on {}", block.day);
                writes += 1;
            }
            None => assert_eq!(changed, "", "`kam {cmd}` changed files, but the page shows no diff"),
        }
    }
    assert!(
        writes >= 8,
        "the week writes with log, contact, set, task: {writes} diffs"
    );
    // After the week, every account still passes the check.
    t.kam(&["--today", "2026-11-27", "check"]).code(0);
}
