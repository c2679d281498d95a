//! `kam list`: the pipeline of the sample accounts on 2026-11-25.

use crate::support::Test;

#[test]
fn the_pipeline_of_the_samples() {
    let out = Test::samples().args(&["list"]).run();
    out.code(0);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn flags_in_json() {
    let out = Test::samples().args(&["list", "--format", "json"]).run();
    out.code(0);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(rows.len(), 14);
    let row = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap().clone();
    let renhe = row("renhe-hospital");
    assert_eq!(renhe["flags"], serde_json::json!(["blocked", "report-missing"]));
    assert_eq!(renhe["reports_missing"], serde_json::json!(["2026-11-06"]));
    let dongsheng = row("dongsheng-food");
    assert_eq!(dongsheng["next_step"]["date"], "2026-11-18");
    assert_eq!(dongsheng["next_step"]["overdue"], true);
    assert!(dongsheng["flags"].as_array().unwrap().contains(&"overdue".into()));
    // A paused account is not watched: its old next step is not overdue.
    assert_eq!(row("tiandi-cement")["flags"], serde_json::json!([]));
    assert_eq!(row("ningzhou-battery")["tier"], "A");
    assert_eq!(row("ningzhou-battery")["days_in_stage"], 36);
}

#[test]
fn filters_by_flag_owner_stage_and_tier() {
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["list", "--format", "csv"];
        all.extend(args);
        let out = Test::samples().args(&all).run();
        out.code(0);
        out.stdout
            .lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&["--flag", "overdue"]), ["dongsheng-food"]);
    assert_eq!(
        ids(&["--flag", "report-missing,overdue"]),
        ["renhe-hospital", "dongsheng-food"]
    );
    assert_eq!(ids(&["--owner", "wang.fang"]), ["renhe-hospital", "kangyuan-pharma"]);
    assert_eq!(
        ids(&["--stage", "assess"]),
        ["dongsheng-food", "huijia-retail", "ningzhou-battery"]
    );
    assert_eq!(
        ids(&["--tier", "a", "--sort", "value"]),
        [
            "ningzhou-battery",
            "beifang-dairy",
            "la-huerta-bajio",
            "haisheng-food",
            "kangyuan-pharma",
            "xinghe-electronics"
        ]
    );
}

#[test]
fn csv_has_stable_columns() {
    let out = Test::samples()
        .args(&["list", "--format", "csv", "--owner", "chen.jie"])
        .run();
    out.code(0);
    let mut lines = out.stdout.lines();
    assert_eq!(
        lines.next(),
        Some(
            "id,name,owner,stage,days_in_stage,tier,value,difficulty,next_date,next_step,flags,file,class,level,region,approach"
        )
    );
    assert!(
        out.stdout
            .contains("dongsheng-food,山东东晟食品集团有限公司,chen.jie,assess,36,B,57.5,62.5,2026-11-18,"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains(",blocked;overdue,accounts/north/dongsheng-food.toml,,first,north,arrange"),
        "{}",
        out.stdout
    );
}

#[test]
fn markdown_ends_with_the_summary() {
    let out = Test::samples()
        .args(&["list", "--format", "md", "--stage", "won,lost,paused"])
        .run();
    out.code(0).stdout_has("| id | name | owner |");
    assert!(
        out.stdout
            .trim_end()
            .ends_with("5 accounts · stage: won 2, lost 2, paused 1 · tier: A 3, D 1, none 1"),
        "{}",
        out.stdout
    );
}

#[test]
fn an_unknown_stage_is_a_usage_error() {
    Test::samples()
        .args(&["list", "--stage", "asses"])
        .run()
        .code(2)
        .stderr_has("did you mean `assess`?");
}

#[test]
fn an_unreadable_file_stays_listed() {
    let out = Test::new()
        .file("accounts/broken.toml", "id = \n")
        .args(&["list", "--flag", "overdue"])
        .run();
    out.code(0).stdout_has("unreadable — kam check accounts/broken.toml");
}
