//! `kam diff`: a real git repository of the sample accounts, commits of account changes (a
//! renamed file in a CJK folder, an added and a removed account, a stage moved by hand past its
//! gate), and the review in Markdown and JSON; `--check` for CI.

use crate::support::{Test, commit, committed, edit};

const RENHE: &str = "accounts/east/renhe-hospital.toml";

/// Moves renhe-hospital from demo to assess by hand (its demo gate is far from met), logs a
/// visit and re-assesses a contact.
fn bypass_gate(t: &Test) {
    edit(t, RENHE, |s| {
        s.replace("stage = \"demo\"", "stage = \"assess\"").replace(
            "stance = \"supporter\"\ncloseness = 3",
            "stance = \"champion\"\ncloseness = 4",
        ) + "\n[[history]]\nfrom = \"demo\"\nto = \"assess\"\ndate = 2026-11-24\nby = \"wang.fang\"\n\n\
               [[visits]]\ndate = 2026-11-20\nform = \"phone\"\nattendees = [\"wu-jing\"]\nnext_step = \"约何总见面\"\n\
               next_date = 2026-12-01\nreport = \"吴部长同意引荐\"\n"
    });
}

/// The change of the review snapshot: a bypassed gate, a renamed file in a CJK folder with a
/// rating moved, an added and a removed account, evidence written.
fn review_change(t: &Test) {
    bypass_gate(t);
    std::fs::create_dir_all(t.path().join("accounts/华东")).unwrap();
    t.git(&[
        "mv",
        "accounts/east/ningzhou-battery.toml",
        "accounts/华东/ningzhou-battery.toml",
    ]);
    edit(t, "accounts/华东/ningzhou-battery.toml", |s| {
        s.replace(
            "deal_risk = { rating = 3, why = \"除湿机原厂在争，但内线和技术部支持我们\" }",
            "deal_risk = { rating = 5, why = \"除湿机原厂降价 20%\" }",
        )
    });
    t.git(&["rm", "-q", "accounts/west/tiandi-cement.toml"]);
    t.write(
        "accounts/华北/jinma-logistics.toml",
        "id = \"jinma-logistics\"\nname = \"天津金马物流有限公司\"\nowner = \"chen.jie\"\nstage = \"qualify\"\ncreated = 2026-11-22\n",
    );
    edit(t, "accounts/east/jiangning-water.toml", |s| {
        s + "\n[checklist]\ngo = { evidence = \"张敏与赵磊决定开发\", date = 2026-11-24 }\n"
    });
    commit(t, "review");
}

#[test]
fn outside_a_git_repository_is_a_usage_error() {
    Test::samples()
        .args(&["diff"])
        .run()
        .code(2)
        .stderr_has("is not inside a git repository");
}

#[test]
fn an_unknown_revision_is_a_usage_error() {
    let t = committed();
    t.kam(&["diff", "no-such-branch"])
        .code(2)
        .stderr_has("`no-such-branch` is not a commit");
}

#[test]
fn review_in_markdown() {
    let t = committed();
    review_change(&t);
    let out = t.kam(&["diff", "HEAD~1", "HEAD", "--format", "md"]);
    out.code(0);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn review_in_json() {
    let t = committed();
    review_change(&t);
    let out = t.kam(&["diff", "HEAD~1", "HEAD", "--format", "json"]);
    out.code(0);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["bypassed"], 1);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn check_fails_on_a_bypassed_gate() {
    let t = committed();
    bypass_gate(&t);
    // The working tree against HEAD, before any commit.
    let out = t.kam(&["diff", "--check"]);
    out.code(1)
        .stdout_has("✗ gate of demo, 2026-11-24: not met, missing: demo_done")
        .stdout_has("1 stage moved forward past an unmet gate");
    t.git(&["commit", "-q", "-am", "bypass"]);
    t.kam(&["diff", "--check", "HEAD~1", "HEAD"]).code(1);
    // Without --check the review is informational.
    t.kam(&["diff", "HEAD~1", "HEAD"]).code(0);
}

#[test]
fn check_passes_a_legitimate_advance() {
    let t = committed();
    t.kam(&["advance", "ningzhou-battery", "--by", "li.wei"]).code(0);
    let out = t.kam(&["diff", "--check"]);
    out.code(0)
        .stdout_has("stage      assess → relationship")
        .stdout_has("✓ gate of assess, 2026-11-25: met");
    t.git(&["commit", "-q", "-am", "advance"]);
    t.kam(&["diff", "--check", "HEAD~1", "HEAD", "--format", "md"])
        .code(0)
        .stdout_has("✅ Every gate crossed is met");
}

#[test]
fn an_unparseable_version_is_reported_not_fatal() {
    let t = committed();
    t.write(RENHE, "id = \"renhe-hospital\"\nstage = \n");
    let out = t.kam(&["diff"]);
    out.code(0)
        .stdout_has("renhe-hospital")
        .stdout_has("newer version: line 2, column");
    // A newer version that cannot be read cannot show its gates were met.
    t.kam(&["diff", "--check"]).code(1);
}

#[test]
fn only_the_files_git_reports_are_read() {
    let t = committed();
    // Garbage in a file git is told to ignore: kam diff must never open it.
    t.git(&["update-index", "--skip-worktree", "accounts/north/beifang-dairy.toml"]);
    t.write("accounts/north/beifang-dairy.toml", "this is = = not toml\n");
    edit(&t, "accounts/east/jiangning-water.toml", |s| {
        s.replace("owner = ", "team = [\"li.wei\"]\nowner = ")
    });
    let out = t.kam(&["diff"]);
    out.code(0).stdout_has("jiangning-water");
    assert!(!out.stdout.contains("beifang"), "{}", out.stdout);
}

#[test]
fn untracked_accounts_count_as_added() {
    let t = committed();
    t.write(
        "accounts/new-client.toml",
        "id = \"new-client\"\nname = \"New\"\nowner = \"o\"\nstage = \"demo\"\ncreated = 2026-11-01\n",
    );
    // Added straight into `demo`: judged as having come from the first stage.
    let out = t.kam(&["diff", "--check"]);
    out.code(1)
        .stdout_has("new-client · New — added")
        .stdout_has("✗ gate of qualify");
}

#[test]
fn a_changed_playbook_is_noted() {
    let t = committed();
    t.write(
        "kam.yaml",
        &std::fs::read_to_string(crate::support::repo().join("assets/kam.yaml")).unwrap(),
    );
    t.git(&["add", "kam.yaml"]);
    t.git(&["commit", "-q", "-m", "playbook"]);
    edit(&t, "kam.yaml", |s| s.replace("followup_days: 7", "followup_days: 5"));
    t.kam(&["diff"])
        .code(0)
        .stdout_has("Gates are judged with the playbook in force before the change: kam.yaml at HEAD")
        .stdout_has("cadence: followup_days: 7 → 5");
}
