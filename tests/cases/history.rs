//! `kam history ID`: a repository whose commits move an account to the next stage, rename its
//! file into a CJK folder, log a visit and hand it over; the account's life, newest first.

use crate::support::Test;

const OLD: &str = "accounts/east/ningzhou-battery.toml";
const NEW: &str = "accounts/华东/ningzhou-battery.toml";

fn life() -> Test {
    let t = Test::samples();
    let now = t.read(OLD);
    let in_demo = now.replace("stage = \"assess\"", "stage = \"demo\"").replace(
        "[[history]]\nfrom = \"demo\"\nto = \"assess\"\ndate = 2026-10-20\nby = \"li.wei\"\nnote = \"对比测试达标，决策链与采购流程清楚\"\n",
        "",
    );
    assert_ne!(in_demo, now);
    t.write(OLD, &in_demo);
    t.git(&["init", "-q"]);
    t.git(&["add", "-A"]);
    t.git_at(&["commit", "-q", "-m", "accounts"], "2026-09-01T18:00:00+08:00");
    t.write(OLD, &now);
    t.git_at(
        &["commit", "-q", "-am", "ningzhou-battery to assess"],
        "2026-10-20T18:00:00+08:00",
    );
    std::fs::create_dir_all(t.path().join("accounts/华东")).unwrap();
    t.git(&["mv", OLD, NEW]);
    t.write(
        NEW,
        &(now.clone()
            + "\n[[visits]]\ndate = 2026-11-03\nform = \"phone\"\nattendees = [\"qian-lixin\"]\nreport = \"钱总同意看方案\"\n"),
    );
    t.git(&["add", "-A"]);
    t.git_at(
        &["commit", "-q", "-m", "file by region; log a call"],
        "2026-11-03T18:00:00+08:00",
    );
    let handed = t.read(NEW).replace("owner = \"li.wei\"", "owner = \"wang.fang\"");
    t.write(NEW, &handed);
    t.git_at(
        &["commit", "-q", "-am", "hand over to wang.fang"],
        "2026-11-10T18:00:00+08:00",
    );
    t
}

#[test]
fn an_accounts_life_newest_first_with_renames_followed() {
    let t = life();
    let out = t.kam(&["history", "ningzhou-battery"]);
    out.code(0);
    insta::assert_snapshot!(out.stdout);
    let v: serde_json::Value =
        serde_json::from_str(&t.kam(&["history", "ningzhou-battery", "--format", "json"]).stdout).unwrap();
    let commits = v["commits"].as_array().unwrap();
    let subjects: Vec<&str> = commits.iter().map(|c| c["subject"].as_str().unwrap()).collect();
    assert_eq!(
        subjects,
        [
            "hand over to wang.fang",
            "file by region; log a call",
            "ningzhou-battery to assess",
            "accounts"
        ]
    );
    assert_eq!(commits[0]["handover"], serde_json::json!(["li.wei", "wang.fang"]));
    assert_eq!(commits[1]["change"]["change"], "renamed");
    assert_eq!(commits[1]["change"]["old_file"], OLD);
    let records = commits[1]["change"]["records"].as_array().unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(
        (records[0]["list"].as_str(), records[0]["event"].as_str()),
        (Some("visits"), Some("added"))
    );
    assert_eq!(commits[2]["change"]["stage"]["from"], "demo");
    assert_eq!(commits[2]["change"]["stage"]["to"], "assess");
    assert_eq!(commits[3]["change"]["change"], "added");
    assert!(commits[0]["date"].as_str().unwrap().starts_with("2026-11-10"));
    assert_eq!(commits[0]["author"], "Kam Test");
}

#[test]
fn markdown_has_a_section_per_commit() {
    let t = life();
    let out = t.kam(&["history", "ningzhou-battery", "--format", "md"]);
    out.code(0);
    assert_eq!(out.stdout.matches("\n## 2026-").count(), 4, "{}", out.stdout);
    out.stdout_has("li.wei → wang.fang");
}

#[test]
fn an_account_git_never_saw_has_no_history_and_outside_git_is_an_error() {
    let t = life();
    t.write(
        "accounts/华北/jinma-logistics.toml",
        "id = \"jinma-logistics\"\nname = \"天津金马物流有限公司\"\nowner = \"chen.jie\"\nstage = \"qualify\"\ncreated = 2026-11-22\n",
    );
    t.kam(&["history", "jinma-logistics"])
        .code(0)
        .stdout_has("No commit changed this account.");
    t.kam(&["history", "no-such-account"])
        .code(2)
        .stderr_has("no account `no-such-account`");
    Test::samples()
        .args(&["history", "kangyuan-pharma"])
        .run()
        .code(2)
        .stderr_has("not inside a git repository");
}

#[test]
fn a_prefix_is_shown_as_the_account_it_names_and_a_handover_is_said_once() {
    let t = life();
    let out = t.kam(&["history", "ningz"]);
    out.code(0)
        .stdout_has("History of ningzhou-battery (accounts/华东/ningzhou-battery.toml)");
    // Once as the handover; the two plan tasks that changed owner with it are their own changes.
    assert_eq!(
        out.stdout.matches("  owner      li.wei → wang.fang\n").count(),
        1,
        "{}",
        out.stdout
    );
    assert!(
        !out.stdout.contains("field      Owner (owner): li.wei"),
        "{}",
        out.stdout
    );
    let v: serde_json::Value = serde_json::from_str(&t.kam(&["history", "ningz", "--format", "json"]).stdout).unwrap();
    assert_eq!(v["account"], "ningzhou-battery");
}

#[test]
fn a_repository_without_commits_is_said_plainly() {
    let t = Test::samples();
    t.git(&["init", "-q"]);
    let out = t.kam(&["history", "kangyuan"]);
    out.code(2)
        .stderr_has("the repository has no commits yet")
        .stderr_has("commit the accounts first");
    assert!(!out.stderr.contains("fatal"), "{}", out.stderr);
    assert!(!out.stderr.contains("bad revision"), "{}", out.stderr);
}
