//! The playbook's language in every command: under the Chinese playbook, every command — the
//! reports in each format that prints prose, the writing commands' confirmations and refusals,
//! and the usage errors (an unknown id, owner, kind or stage, a bad rating, a broken file, a FIFO,
//! a date before the first commit) — prints no English word beyond what the user typed or the
//! accounts and the playbook hold: ids, values, file paths and commands in backquotes.
//!
//! The workspace holds the sample accounts whose data is Chinese (the Mexican one is left out, so
//! that its Spanish values do not excuse English words) and a few broken files written here.

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::{Test, repo};

/// The ASCII words of a text: runs of letters, digits and `_` holding a letter (an id such as
/// `first_contact` is one word).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
}

/// Words kam may print under any playbook: what the user types (the program, its subcommands and
/// options, placeholders), names of formats and tools, and the labels of a diagnostic, which CI
/// logs and tools grep for (`error[KAM003]`, `help:`).
const FIXED: &[&str] = &[
    // The program and its subcommands.
    "kam",
    "init",
    "new",
    "check",
    "score",
    "gate",
    "advance",
    "show",
    "log",
    "set",
    "unset",
    "task",
    "evidence",
    "contact",
    "edit",
    "list",
    "due",
    "diff",
    "schema",
    "export",
    "hook",
    "install",
    "guide",
    "stats",
    "forecast",
    "history",
    "dashboard",
    "report",
    "visit",
    "negotiation",
    "reception",
    "expenses",
    "receivables",
    "retro",
    "after",
    "deal",
    "add",
    "done",
    "git",
    // Placeholders of dates and ids.
    "YYYY",
    "MM",
    "DD",
    "ID",
    "N",
    // Formats, encodings and tools.
    "TOML",
    "YAML",
    "JSON",
    "CSV",
    "UTF",
    "HTML",
    "Markdown",
    "Mermaid",
    "HEAD",
    "EDITOR",
    "VISUAL",
    "KAM",
    "SMART",
    "FIFO",
    "BOM",
    "CRLF",
    "ics",
    "json",
    "md",
    "csv",
    "text",
    "table",
    // The labels of a diagnostic, as compilers print them.
    "error",
    "warning",
    "help",
    "note",
    // The keywords of Mermaid charts in Markdown.
    "xychart",
    "beta",
    "bar",
    "line",
    "quadrantChart",
    "quadrant",
    "axis",
    "title",
    // The author of the test's commits.
    "Kam",
    "Test",
];

/// English words that make a sentence: never allowed, even where an id or a value holds one
/// (a playbook's id such as `created` may hide a word, these cannot).
const SENTENCE: &[&str] = &[
    "the", "an", "is", "are", "was", "were", "be", "been", "no", "not", "in", "of", "to", "for", "on", "at", "by",
    "with", "from", "and", "or", "has", "have", "had", "it", "its", "this", "that", "as", "into", "cannot", "does",
    "did", "you", "your", "than", "then", "there", "which", "would", "will", "can", "should", "must", "only", "all",
    "any", "each", "every", "nothing", "written", "changed", "found", "missing", "unknown", "invalid",
];

/// The words a run may print: [`FIXED`], the ids and keys of the playbook (everything before its
/// `text:`), and every word the account files hold in their values and names.
fn allowed(playbook: &str, accounts: &Path) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = FIXED.iter().map(|w| (*w).to_string()).collect();
    let sentence = |w: &&str| !SENTENCE.contains(&w.to_ascii_lowercase().as_str());
    let head = playbook.split("\ntext:").next().unwrap();
    out.extend(words(head).filter(sentence).map(str::to_string));
    let mut files = Vec::new();
    collect_files(accounts, &mut files);
    for f in &files {
        out.extend(words(&f.to_string_lossy()).filter(sentence).map(str::to_string));
        // Lossy: a broken file of this test is not UTF-8 on purpose.
        let text = String::from_utf8_lossy(&std::fs::read(f).unwrap_or_default()).into_owned();
        for value in text.split('"').skip(1).step_by(2) {
            out.extend(words(value).filter(sentence).map(str::to_string));
        }
    }
    out
}

fn collect_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries {
        let path = entry.unwrap().path();
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            collect_files(&path, out);
        } else if meta.is_file() {
            out.push(path);
        }
    }
}

/// The lines of `output` that hold a word neither kam's playbook nor the accounts account for,
/// with those words. Backquoted spans (ids, keys, values and commands quoted), paths and URLs,
/// options (`--reason`) and the source excerpts of diagnostics are the user's, not kam's words.
fn english<'a>(output: &'a str, allowed: &BTreeSet<String>) -> Vec<(Vec<String>, &'a str)> {
    let mut out = Vec::new();
    for line in output.lines() {
        // The excerpt of a diagnostic: `12 | name = "…"`.
        let t = line.trim_start();
        if t.chars().next().is_some_and(|c| c.is_ascii_digit()) && t.contains(" |") {
            continue;
        }
        // Markdown: its escapes undone, its line breaks in tables (`<br>`) dropped.
        let line_md = unescape_md(line).replace("<br>", " ");
        // A command to type, on its own line; a Mermaid chart's configuration (`%%{init: …}%%`),
        // which is code for the renderer.
        if line_md.trim_start().starts_with("kam ") || line_md.trim_start().starts_with("%%") {
            continue;
        }
        let unquoted: String = line_md.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        let kept: Vec<&str> = unquoted
            .split(char::is_whitespace)
            .filter(|piece| {
                let file = [".json", ".toml", ".yaml", ".md", ".html", ".csv", ".ics"]
                    .iter()
                    .any(|ext| piece.trim_end_matches(|c: char| !c.is_alphanumeric()).ends_with(ext));
                !(file || piece.contains('/') || piece.contains("://") || piece.starts_with('-') && piece.len() > 1)
            })
            .collect();
        let kept = kept.join(" ");
        let unknown: Vec<String> = words(&kept)
            .filter(|w| !allowed.contains(*w) && !w.chars().all(|c| c.is_ascii_digit() || c == '_'))
            // A word and a number (`KAM003`, `2nd`) or a single letter (a tier, `A`).
            .filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() >= 2)
            .filter(|w| !w.chars().any(|c| c.is_ascii_digit()))
            .map(str::to_string)
            .collect();
        if !unknown.is_empty() {
            out.push((unknown, line));
        }
    }
    out
}

/// A line of Markdown with its backslash escapes undone (`first\\_contact` → `first_contact`).
fn unescape_md(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some(next) if next.is_ascii_punctuation() => out.push(next),
                Some(next) => {
                    out.push(c);
                    out.push(next);
                }
                None => out.push(c),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A TOML file with a syntax error, one with wrong types and records, a table defined twice.
const BROKEN: &str = "id = \"坏档案\nname = 1\n";
const WRONG_TYPES: &str = r#"id = "cuo-wu"
name = "错误档案有限公司"
owner = "li.wei"
stage = "qualify"
created = "2026/03/01"
contacts = "王经理"

[company]
employees = "一千二百"

[ratings]
share = 7
"#;
const TWICE: &str = r#"id = "liang-ci"
name = "重复定义有限公司"
owner = "li.wei"
stage = "qualify"
created = "2026-03-01"

[company]
industry = "制造"

[company]
industry = "化工"
"#;

/// Every `title` and `description` of a JSON Schema.
fn collect_prose(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, v) in m {
                match (k.as_str(), v) {
                    ("title" | "description", serde_json::Value::String(s)) => out.push(s.clone()),
                    _ => collect_prose(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| collect_prose(i, out)),
        _ => {}
    }
}

/// The text of an HTML page: its tags, scripts and styles dropped.
fn html_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        text.push('\n');
        rest = &rest[open..];
        let close = ["<script", "<style"]
            .iter()
            .find(|tag| rest.starts_with(**tag))
            .map(|tag| format!("</{}>", &tag[1..]));
        let end = match close {
            Some(close) => rest.find(&close).map(|e| e + close.len()),
            None => rest.find('>').map(|e| e + 1),
        };
        rest = end.map_or("", |e| &rest[e..]);
    }
    text.push_str(rest);
    text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// Every command kam has, run under the Chinese playbook, in every format that prints prose.
#[test]
fn every_command_speaks_the_playbooks_language() {
    let zh = std::fs::read_to_string(repo().join("examples/playbooks/zh-CN.yaml")).unwrap();
    let t = Test::samples().file("kam.yaml", &zh).deadline(60);
    std::fs::remove_dir_all(t.path().join("accounts/intl")).unwrap();
    t.git(&["init", "-q"]);
    t.git(&["add", "."]);
    t.git(&["commit", "-q", "-m", "accounts"]);

    let runs: std::cell::RefCell<Vec<(String, String)>> = std::cell::RefCell::default();
    let run_env = |args: &[&str], envs: &[(&str, &str)]| {
        let out = t.kam_env(args, envs);
        assert!(
            !out.stderr.contains("panicked"),
            "kam {} panicked:\n{}",
            args.join(" "),
            out.stderr
        );
        runs.borrow_mut()
            .push((args.join(" "), format!("{}\n{}", out.stdout, out.stderr)));
        out
    };
    let run = |args: &[&str]| run_env(args, &[]);

    // Read commands, in every format that prints prose.
    for fmt in ["text", "md"] {
        run(&["check", "--format", fmt]);
        run(&["show", "kangyuan-pharma", "--all", "--format", fmt]);
        run(&["show", "hengrui-precision", "--format", fmt]);
        run(&["guide", "--format", fmt]);
        run(&["guide", "discount_request", "--format", fmt]);
        run(&["stats", "--format", fmt]);
        run(&["forecast", "--format", fmt]);
        run(&["history", "kangyuan-pharma", "--format", fmt]);
        for report in [
            &["report", "visit", "kangyuan-pharma"][..],
            &["report", "visit", "hengrui-precision"],
            &["report", "negotiation", "kangyuan-pharma"],
            &["report", "reception", "kangyuan-pharma"],
            &["report", "expenses", "--month", "2026-11"],
            &["report", "receivables"],
            &["report", "retro", "xinghe-electronics"],
            &["report", "after-deal", "haisheng-food"],
            &["report", "after-deal", "beifang-dairy"],
        ] {
            let mut args = report.to_vec();
            args.extend(["--format", fmt]);
            run(&args);
        }
    }
    for fmt in ["table", "md"] {
        run(&["score", "--format", fmt]);
        run(&["list", "--format", fmt]);
        run(&["list", "--group-by", "region", "--format", fmt]);
        run(&["due", "--within", "60", "--format", fmt]);
        run(&["gate", "--format", fmt]);
    }
    run(&["list", "--format", "md", "--matrix"]);
    run(&["score", "--explain", "renhe-hospital"]);
    run(&["score", "--explain", "ningzhou-battery"]);
    run(&["score", "--weights", "share=5"]);
    run(&["gate", "hengrui-precision"]);
    run(&["gate", "kangyuan-pharma"]);
    run(&["gate", "tiandi-cement"]);
    run(&["stats", "--by", "owner"]);
    run(&["list", "--as-of", "2026-11-30"]);
    run(&["task", "kangyuan-pharma", "list"]);
    let page = t.path().join("pipeline.html");
    run(&["dashboard", "-o", page.to_str().unwrap()]);
    let html = html_text(&std::fs::read_to_string(&page).unwrap_or_default());
    runs.borrow_mut().push(("dashboard (the page)".to_string(), html));

    // The writing commands: what they say when they write, and when they refuse.
    let stage1 = "hengrui-precision";
    run(&["new", "华东精密制造有限公司", "--owner", "li.wei"]);
    run(&["new", "华东精密制造有限公司", "--owner", "li.wei"]);
    run(&["new", "某公司", "--owner", "li.wei", "--id", "BAD ID"]);
    run(&["set", stage1, "procurement.urgency=high", "--dry-run"]);
    run(&["set", stage1, "procurement.urgency=high"]);
    run(&["set", stage1, "procurement.urgency=很急"]);
    run(&["set", stage1, "procurement.urgncy=high"]);
    run(&["set", stage1, "ratings.share=7"]);
    run(&["set", stage1, "ratings.shar=3"]);
    run(&["set", stage1, "company.employees=很多"]);
    run(&["set", stage1, "company.founded=2026/01/01"]);
    run(&["set", stage1, "contacts.nobody.stance=champion"]);
    run(&["unset", stage1, "procurement.urgency"]);
    run(&["unset", stage1, "company.nothing"]);
    run(&[
        "contact",
        stage1,
        "add",
        "王建国",
        "--role",
        "purchasing",
        "--title",
        "采购部经理",
    ]);
    run(&["contact", stage1, "add", "王建国", "--role", "purchasing"]);
    run(&["contact", stage1, "add", "李四", "--role", "purchasng"]);
    run(&[
        "log",
        stage1,
        "--form",
        "phone",
        "--with",
        "wang-jian-guo",
        "--points",
        "主轴",
        "--report",
        "同意演示",
    ]);
    run(&["log", stage1, "--form", "phon", "--with", "wang-jian-guo"]);
    run(&["log", stage1, "--form", "phone", "--with", "nobody"]);
    run(&[
        "log",
        stage1,
        "--date",
        "2030-01-20",
        "--form",
        "demo",
        "--with",
        "wang-jian-guo",
    ]);
    run(&["log", stage1, "--visit", "2030-01-20", "--report", "未到日期"]);
    run(&["log", stage1, "--visit", "2020-01-01", "--report", "没有这次拜访"]);
    run(&[
        "task",
        stage1,
        "add",
        "准备演示",
        "--owner",
        "li.wei",
        "--due",
        "2030-01-15",
    ]);
    run(&["task", stage1, "done", "1"]);
    run(&["task", stage1, "done", "99"]);
    run(&["evidence", stage1, "go", "经理与总监确认需求真实且紧迫"]);
    run(&["evidence", stage1, "goo", "打错了"]);
    run(&["advance", stage1, "--dry-run"]);
    run(&["advance", stage1]);
    run(&["advance", "jiangning-water"]);
    run(&["advance", "jiangning-water", "--to", "lost"]);
    run(&["advance", "jiangning-water", "--to", "paused", "--reason", "预算冻结"]);
    run(&["advance", "jiangning-water", "--to", "nowhere", "--reason", "测试"]);
    run_env(&["edit", "renhe-hospital"], &[("EDITOR", "true")]);
    run_env(&["edit", "renhe-hospital"], &[("EDITOR", "sed -i s/^stage/stge/")]);
    run_env(
        &["edit", "renhe-hospital"],
        &[("EDITOR", "sed -i s/^stage.*/stage=\"demo\"/")],
    );
    run(&["hook", "install"]);
    run(&["hook", "install"]);
    run_env(&["edit", "renhe-hospital"], &[("EDITOR", "false")]);
    run(&["advance", "jiangning-water", "--reason", "没有 --to"]);
    run(&["evidence", "jiangning-water", "go", "已暂缓的客户"]);
    run(&["set", stage1, "procurement.need=更换供应商", "--why", "没有评分"]);
    run(&["contact", stage1, "add", "赵六", "--id", "Bad Id"]);
    run(&["log", stage1, "--visit", "2026-11-25"]);
    run(&["task", stage1, "done", "1"]);
    run(&["new", "某某公司", "--owner", "liwei"]);
    // The new account's file speaks the playbook's language in its comments.
    let created = std::fs::read_to_string(t.path().join("accounts/hua-dong-jing-mi-zhi-zao.toml")).unwrap_or_default();
    let comments: Vec<&str> = created
        .lines()
        .filter_map(|l| l.rsplit_once(" # ").map(|(_, c)| c).or_else(|| l.strip_prefix("# ")))
        .collect();
    runs.borrow_mut()
        .push(("new (the file's comments)".to_string(), comments.join("\n")));
    // The schema for editors: its titles and descriptions.
    let schema: serde_json::Value = serde_json::from_str(&t.kam(&["schema"]).stdout).unwrap();
    let mut prose = Vec::new();
    collect_prose(&schema, &mut prose);
    runs.borrow_mut()
        .push(("schema (titles and descriptions)".to_string(), prose.join("\n")));
    // A new workspace with the Chinese playbook, and one that exists already.
    run(&["init", "--playbook", "zh-CN", "neu"]);
    run(&["init", "--playbook", "zh-CN", "neu"]);

    // Reviews of the change: accounts changed above, and the playbook changed too.
    std::fs::write(
        t.path().join("kam.yaml"),
        zh.replacen("{ id: private, label: 民营 }", "{ id: private, label: 民营企业 }", 1)
            .replacen("    - { id: public_institution, label: 事业单位 }\n", "", 1),
    )
    .unwrap();
    for fmt in ["text", "md"] {
        run(&["diff", "--format", fmt]);
        run(&["diff", "HEAD", "--format", fmt]);
    }
    run(&["diff", "--check"]);
    std::fs::write(t.path().join("kam.yaml"), &zh).unwrap();

    // Usage errors about accounts, owners, kinds and stages.
    for cmd in [
        &["show", "north"][..],
        &["gate", "north"],
        &["score", "--explain", "north"],
        &["log", "north"],
        &["set", "north", "a.b=1"],
        &["history", "north"],
        &["report", "visit", "north"],
        &["show", "n"],
        &["list", "--owner", "nobody"],
        &["due", "--owner", "nobody"],
        &["score", "--owner", "nobody"],
        &["due", "--kind", "foo"],
        &["due", "--kind", "followp"],
        &["score", "--stage", "foo"],
        &["list", "--stage", "foo"],
        &["list", "--tier", "Z"],
        &["list", "--region", "moon"],
        &["guide", "foo"],
        &["score", "--weights", "shar=5"],
        &["list", "--as-of", "2000-01-01"],
        &["stats", "--as-of", "2000-01-01"],
        &["diff", "no-such-revision"],
        &["diff", "--since", "soon"],
        &["score", "--explain", "renhe-hospital", "--format", "md"],
        &["report", "expenses", "--month", "11/2026"],
        &["stats", "--since", "2026-12-01", "--until", "2026-11-01"],
        &["dashboard", "--since", "2027-01-01"],
        &["list", "--matrix"],
    ] {
        run(cmd);
    }

    // Broken files: a syntax error, wrong types and records, a table twice, a FIFO.
    t.write("accounts/zz/huai.toml", BROKEN);
    t.write("accounts/zz/cuo-wu.toml", WRONG_TYPES);
    t.write("accounts/zz/liang-ci.toml", TWICE);
    let fifo = t.path().join("accounts/zz/guan-dao.toml");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for fmt in ["text", "md"] {
        let out = run(&["check", "--format", fmt]);
        for code in ["KAM001", "KAM003", "KAM019"] {
            assert!(out.stdout.contains(code), "{code} not produced:\n{}", out.stdout);
        }
    }
    run(&["show", "huai"]);
    run(&["show", "guan-dao"]);
    run(&["gate", "huai"]);
    run(&["report", "visit", "huai"]);
    run(&["advance", "huai"]);
    run(&["set", "huai", "procurement.urgency=high"]);
    run(&["set", "cuo-wu", "ratings.share=3"]);
    run(&["check", "accounts/zz/huai.toml"]);
    run(&["export", "--format", "csv"]);

    let allowed = allowed(&zh, &t.path().join("accounts"));
    let mut found = Vec::new();
    for (command, output) in runs.borrow().iter() {
        for (words, line) in english(output, &allowed) {
            found.push(format!("kam {command}: {words:?} in {line:?}"));
        }
    }
    assert!(
        found.is_empty(),
        "{} lines in English under the Chinese playbook:\n{}",
        found.len(),
        found.join("\n")
    );
}

/// The detector itself: it finds English in a Chinese line, and lets ids, quotes and paths pass.
#[test]
fn the_detector_finds_english_and_lets_ids_pass() {
    let allowed: BTreeSet<String> = ["first_contact", "kam", "error", "help"]
        .iter()
        .map(|w| (*w).to_string())
        .collect();
    let found = english(
        "error: no account `north` in /tmp/x/accounts\n  help: `kam list` 列出客户\n缺少 first_contact\n",
        &allowed,
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, ["no", "account", "in"]);
    assert!(
        english("该文件是a FIFO (named pipe)", &allowed)[0]
            .0
            .contains(&"named".to_string())
    );
}
