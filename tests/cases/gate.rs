//! `kam gate`: the overview of every account, one account's checklist, the JSON shape, days in
//! stage, accounts at an outcome, exit codes.

use crate::support::{Test, repo};

fn fixture(path: &str) -> String {
    std::fs::read_to_string(repo().join("tests/fixtures").join(path)).unwrap()
}

const WON: &str = "id = \"done\"\nname = \"Done Co\"\nowner = \"li.wei\"\nstage = \"won\"\n\n[[history]]\nfrom = \"close\"\nto = \"won\"\ndate = 2026-11-15\n";
const IDLE: &str =
    "id = \"sleepy\"\nname = \"Sleepy Co\"\nowner = \"li.wei\"\nstage = \"qualify\"\ncreated = 2026-08-01\n";

/// A workspace with one account of every kind: ready, blocked, won, idle, and a broken file.
fn team() -> Test {
    Test::new()
        .file("accounts/acme.toml", &fixture("advance/comments/in/acme.toml"))
        .file(
            "accounts/blocked.toml",
            &fixture("advance/blocked/in/acme.toml").replace("\"acme\"", "\"blocked\""),
        )
        .file("accounts/done.toml", WON)
        .file("accounts/sleepy.toml", IDLE)
        .file("accounts/broken.toml", "id = \"broken\"\nstage = \n")
}

#[test]
fn overview_lists_every_account_and_exits_0() {
    let out = team().args(&["gate"]).run();
    out.code(0);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn json_gives_each_account_with_its_items() {
    let out = team().args(&["gate", "--format", "json"]).run();
    out.code(0);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("valid JSON");
    let accounts = v.as_array().unwrap();
    assert_eq!(accounts.len(), 5);
    let by_id = |id: &str| {
        accounts
            .iter()
            .find(|a| a["id"] == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    let acme = by_id("acme");
    // serde_json's map is sorted; the output itself keeps the documented order.
    let keys: Vec<&str> = acme.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["days_in_stage", "id", "items", "next", "ready", "stage"]);
    assert!(out.stdout.contains("\"id\": \"acme\",\n    \"stage\": \"qualify\",\n    \"next\": \"demo\",\n    \"ready\": true,\n    \"days_in_stage\": 24,\n    \"items\": ["), "{}", out.stdout);
    assert_eq!(acme["stage"], "qualify");
    assert_eq!(acme["next"], "demo");
    assert_eq!(acme["ready"], true);
    assert_eq!(acme["days_in_stage"], 24);
    let items = acme["items"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    for item in items {
        let keys: Vec<&str> = item.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["detail", "id", "kind", "label", "met"]);
    }
    assert_eq!(items[3]["id"], "go");
    assert_eq!(items[3]["kind"], "evidence");
    assert_eq!(items[0]["kind"], "auto");

    let blocked = by_id("blocked");
    assert_eq!(blocked["ready"], false);
    let unmet = blocked["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["met"] == false)
        .count();
    assert_eq!(unmet, 4);

    let done = by_id("done");
    assert_eq!(done["stage"], "won");
    assert!(done["next"].is_null() && done["ready"].is_null());
    assert_eq!(done["items"].as_array().unwrap().len(), 0);
    assert_eq!(done["days_in_stage"], 10);

    assert_eq!(by_id("sleepy")["days_in_stage"], 116);
    let broken = by_id("broken");
    assert_eq!(broken["file"], "accounts/broken.toml");
    assert!(broken["error"].as_str().unwrap().contains("kam check"));
}

#[test]
fn one_blocked_account_lists_what_is_missing_and_exits_1() {
    let out = team().args(&["gate", "blocked"]).run();
    out.code(1);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn one_ready_account_exits_0_and_says_how_to_advance() {
    let out = team().args(&["gate", "acme"]).run();
    out.code(0)
        .stdout_has("stage  qualify — Qualify the target, 24 days (since 2026-11-01)")
        .stdout_has("gate   ready — `kam advance acme` moves it to demo")
        .stdout_has("✓ go — Go decision taken (evidence)\n      GM said go (2026-11-03)");
}

#[test]
fn one_account_json_is_a_single_object() {
    let out = team().args(&["gate", "blocked", "--format", "json"]).run();
    out.code(1);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("valid JSON");
    assert_eq!(v["id"], "blocked");
    assert_eq!(v["ready"], false);
}

#[test]
fn an_account_at_an_outcome_shows_no_gate() {
    let out = team().args(&["gate", "done"]).run();
    out.code(0)
        .stdout_has("stage  won — Won, 10 days (since 2026-11-15)")
        .stdout_has("gate   none: the account is at an outcome");
    assert!(!out.stdout.contains('✗') && !out.stdout.contains('✓'), "{}", out.stdout);
    let paused = WON
        .replace("stage = \"won\"", "stage = \"paused\"")
        .replace("to = \"won\"", "to = \"paused\"");
    Test::new()
        .file("accounts/done.toml", &paused)
        .args(&["gate", "done"])
        .run()
        .code(0)
        .stdout_has("resume with `kam advance done --to STAGE --reason …`");
}

#[test]
fn an_idle_account_is_flagged() {
    team()
        .args(&["gate", "sleepy"])
        .run()
        .code(1)
        .stdout_has("116 days (since 2026-08-01)")
        .stdout_has("idle: over the stage's limit of 60 days");
}

#[test]
fn one_account_reads_only_its_own_file() {
    // The broken neighbour does not matter; the broken account itself is an error.
    team().args(&["gate", "acme"]).run().code(0);
    team()
        .args(&["gate", "broken"])
        .run()
        .code(2)
        .stderr_has("accounts/broken.toml is not valid TOML")
        .stderr_has("[KAM001]");
    Test::new()
        .file("accounts/acme.toml", &fixture("advance/comments/in/acme.toml"))
        .args(&["gate", "nobody"])
        .run()
        .code(2)
        .stderr_has("no account `nobody`");
}

#[test]
fn csv_has_a_line_per_account_with_machine_columns() {
    let out = team().args(&["gate", "--format", "csv"]).run();
    out.code(0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[0], "id,stage,next,days,idle_days,status,unmet,total");
    assert_eq!(lines.len(), 6, "{}", out.stdout);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("done,won,,") && l.contains(",outcome,")),
        "{}",
        out.stdout
    );
    assert!(lines.contains(&"broken,,,,,unreadable,,"), "{}", out.stdout);
    let blocked = lines.iter().find(|l| l.starts_with("blocked,")).unwrap();
    assert!(blocked.contains(",blocked,"), "{blocked}");
    // One account: its row, and the exit code of a blocked gate.
    let one = team().args(&["gate", "blocked", "--format", "csv", "--excel"]).run();
    one.code(1);
    assert!(one.stdout.starts_with("\u{feff}id,stage,"), "{}", one.stdout);
    assert!(one.stdout.contains("\r\nblocked,"), "{}", one.stdout);
}

#[test]
fn md_is_a_table_and_the_summary() {
    let out = team().args(&["gate", "--format", "md"]).run();
    out.code(0);
    let md = &out.stdout;
    assert!(
        md.starts_with("| account | stage | next | days | gate |\n| --- | --- | --- | ---: | --- |\n"),
        "{md}"
    );
    assert_eq!(md.lines().filter(|l| l.starts_with("| ")).count(), 2 + 5, "{md}");
    assert!(
        md.contains("| broken | — | — | — | unreadable — kam check accounts/broken.toml |"),
        "{md}"
    );
    assert!(
        md.trim_end()
            .ends_with("5 accounts: 1 ready, 2 blocked, 1 at an outcome, 1 to fix (kam check)"),
        "{md}"
    );
}

#[test]
fn color_always_tones_the_gate_and_bolds_headers_like_list() {
    // The terminal library leaves colors out under NO_COLOR even when asked for them.
    let out = team().kam_env(&["gate", "--color", "always"], &[("NO_COLOR", "")]);
    out.code(0);
    let s = &out.stdout;
    assert!(s.contains("\x1b[1maccount"), "bold header: {s:?}");
    let line = |id: &str| s.lines().find(|l| l.starts_with(id)).unwrap().to_string();
    // Blocked is a warning, as the flag of `kam list` says it.
    assert!(line("blocked").contains("\x1b[38;5;11m"), "blocked in yellow: {s:?}");
    assert!(line("acme").contains("\x1b[38;5;10m"), "ready in green: {s:?}");
    assert!(
        line("done").contains("\x1b[38;5;10mwon"),
        "a won account in green: {s:?}"
    );
    let plain = team().args(&["gate"]).run();
    assert!(!plain.stdout.contains('\x1b'));
}
