//! `kam stats` and `kam forecast` on the sample accounts: the funnel, outcomes, groups and
//! calibration in every format; the forecast per currency; both playbooks' words; `--as-of` in a
//! repository whose history moves accounts on.

use crate::support::Test;

fn json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("not JSON ({e}):\n{out}"))
}

#[test]
fn stats_of_the_samples_as_text() {
    let out = Test::samples().args(&["stats"]).run();
    out.code(0);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn stats_by_owner_in_markdown_with_a_mermaid_chart() {
    let out = Test::samples()
        .args(&["stats", "--by", "owner", "--format", "md"])
        .run();
    out.code(0);
    assert!(out.stdout.contains("```mermaid\n%%{init: {\"themeVariables\": {\"xyChart\": {\"plotColorPalette\": \"#90caf9, #1565c0\"}}}}%%\nxychart-beta\n"), "{}", out.stdout);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn stats_json_counts_the_funnel_and_the_win_rate() {
    let out = Test::samples().args(&["stats", "--format", "json"]).run();
    out.code(0);
    let v = json(&out.stdout);
    let stages = v["total"]["stages"].as_array().unwrap();
    let ids: Vec<&str> = stages.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["qualify", "demo", "assess", "relationship", "close"]);
    // Every sample entered qualify; all but two have left it, all forward.
    assert_eq!(stages[0]["entered"], 14);
    assert_eq!(stages[0]["now"], 2);
    assert_eq!(stages[0]["left"], 12);
    assert_eq!(stages[0]["advanced"], 12);
    // pengcheng-frozen was lost from demo: demo's conversion is 9 of 10.
    assert_eq!(stages[1]["lost"], 1);
    assert!((stages[1]["conversion"].as_f64().unwrap() - 9.0 / 10.0).abs() < 1e-9);
    let o = &v["total"]["outcomes"];
    assert_eq!(
        (o["won"].as_u64(), o["lost"].as_u64(), o["paused"].as_u64()),
        (Some(2), Some(2), Some(1))
    );
    assert!((o["win_rate"].as_f64().unwrap() - 2.0 / 4.0).abs() < 1e-9);
    let reasons: Vec<&str> = o["endings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        reasons,
        [
            "beifang-dairy",
            "xinghe-electronics",
            "pengcheng-frozen",
            "tiandi-cement",
            "haisheng-food"
        ]
    );
    // The calibration: six accounts left the assessment stage (dongsheng-food, tier B, stays).
    let cal = &v["calibration"];
    assert_eq!(cal["stage"], "assess");
    assert_eq!(cal["cases"].as_array().unwrap().len(), 6);
}

#[test]
fn a_period_counts_only_its_days() {
    let out = Test::samples()
        .args(&[
            "stats",
            "--since",
            "2026-09-01",
            "--until",
            "2026-09-30",
            "--format",
            "json",
        ])
        .run();
    out.code(0);
    let v = json(&out.stdout);
    let o = &v["total"]["outcomes"];
    // Only xinghe-electronics ended in September (lost on the 30th).
    assert_eq!((o["won"].as_u64(), o["lost"].as_u64()), (Some(0), Some(1)));
    assert_eq!(o["win_rate"].as_f64(), Some(0.0));
    // Accounts created after September are not counted.
    assert!(v["total"]["accounts"].as_u64().unwrap() < 13);
    Test::samples()
        .args(&["stats", "--since", "2026-10-01", "--until", "2026-09-30"])
        .run()
        .code(2)
        .stderr_has("is after --until");
}

#[test]
fn groups_by_tier_class_and_region() {
    for (by, key) in [
        ("tier", "A"),
        ("class", "strategic"),
        ("region", "east"),
        ("owner", "zhang.min"),
    ] {
        let out = Test::samples().args(&["stats", "--by", by, "--format", "json"]).run();
        out.code(0);
        let v = json(&out.stdout);
        assert_eq!(v["by"], by);
        let groups = v["groups"].as_array().unwrap();
        assert!(groups.iter().any(|g| g["key"] == key), "--by {by}: no group {key}");
        // Each account counts once per owner, tier and region.
        if by != "class" {
            let sum: u64 = groups.iter().map(|g| g["funnel"]["accounts"].as_u64().unwrap()).sum();
            assert_eq!(sum, 14, "--by {by}");
        }
    }
}

#[test]
fn csv_has_one_row_per_group_and_stage() {
    let out = Test::samples()
        .args(&["stats", "--by", "region", "--format", "csv"])
        .run();
    out.code(0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(lines[0].starts_with("group_by,group,stage,now,entered,left"));
    assert!(lines.contains(&"all,,won,2,2,,,,,,,,,0.5000"), "{}", out.stdout);
    assert!(lines.iter().any(|l| l.starts_with("region,intl,relationship,1,")));
}

#[test]
fn calibration_under_other_weights() {
    let out = Test::samples()
        .args(&["stats", "--weights", "share=1,business_value=1", "--format", "json"])
        .run();
    out.code(0);
    let v = json(&out.stdout);
    let what_if = v["calibration"]["what_if"].as_array().expect("what-if rows");
    let total: u64 = what_if.iter().map(|r| r["left"].as_u64().unwrap()).sum();
    assert_eq!(total, 6);
    // Every case carries its what-if tier, and `moved` counts those that differ.
    let cases = v["calibration"]["cases"].as_array().unwrap();
    assert!(cases.iter().all(|c| c.get("what_if").is_some()));
    let moved = cases.iter().filter(|c| c["what_if"] != c["tier"]).count();
    assert_eq!(v["calibration"]["moved"].as_u64(), Some(moved as u64));
    let text = Test::samples()
        .args(&["stats", "--weights", "share=1,business_value=1"])
        .run();
    text.stdout_has("Under the weights share=1,business_value=1");
    Test::samples()
        .args(&["stats", "--weights", "nope=2"])
        .run()
        .code(2)
        .stderr_has("nope");
}

#[test]
fn stats_in_the_chinese_playbook_speak_chinese() {
    let t = Test::samples()
        .playbook(|_| std::fs::read_to_string(crate::support::repo().join("examples/playbooks/zh-CN.yaml")).unwrap());
    let out = t.args(&["stats"]).run();
    out.code(0);
    out.stdout_has("开发流程统计")
        .stdout_has("确定开发对象")
        .stdout_has("赢单率 50%");
}

#[test]
fn forecast_of_the_samples_keeps_currencies_apart() {
    let out = Test::samples().args(&["forecast"]).run();
    out.code(0);
    insta::assert_snapshot!(out.stdout);
    let v = json(&Test::samples().args(&["forecast", "--format", "json"]).run().stdout);
    let currencies: Vec<&str> = v["currencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["currency"].as_str().unwrap())
        .collect();
    assert_eq!(currencies, ["CNY", "USD"]);
    let cny = &v["currencies"][0];
    assert_eq!(cny["total"]["unweighted"], 18_090_000.0);
    // kangyuan 2 860 000 × 80 % + ningzhou 9 000 000 × 55 % + dongsheng 1 350 000 × 35 % (stage:
    // assess) + xianda 2 400 000 × 60 % + huijia 680 000 × 35 % (stage) + renhe 1 800 000 × 30 %.
    assert!((cny["total"]["weighted"].as_f64().unwrap() - 9_928_500.0).abs() < 1e-6);
    let march = cny["by_month"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["key"] == "2027-03")
        .unwrap();
    assert_eq!(
        march["accounts"],
        serde_json::json!(["dongsheng-food", "xianda-cold-chain"])
    );
    assert_eq!(v["currencies"][1]["total"]["unweighted"], 385_000.0);
    assert_eq!(
        v["without_amount"],
        serde_json::json!(["hengrui-precision", "jiangning-water"])
    );
}

#[test]
fn forecast_markdown_has_a_bar_chart_per_currency_and_csv_a_line_per_account() {
    let md = Test::samples().args(&["forecast", "--format", "md"]).run();
    md.code(0);
    assert_eq!(md.stdout.matches("%%\nxychart-beta\n").count(), 2, "{}", md.stdout);
    md.stdout_has("    x-axis [\"2026-12\", \"2027-02\", \"2027-03\", \"2027-04\", \"2027-06\"]");
    let csv = Test::samples().args(&["forecast", "--format", "csv"]).run();
    csv.code(0);
    assert_eq!(csv.stdout.lines().count(), 1 + 7);
    assert!(
        csv.stdout
            .contains("USD,2027-01,la-huerta-bajio,\"Alimentos La Huerta del Bajío, S.A. de C.V.\",lucia.herrera,relationship,2027-01-31,385000.00,65,account,250250.00\n"),
        "{}",
        csv.stdout
    );
}

#[test]
fn list_markdown_draws_the_matrix_as_a_quadrant_chart() {
    let out = Test::samples().args(&["list", "--format", "md", "--matrix"]).run();
    out.code(0);
    let chart = out.stdout.split("```mermaid\n").nth(1).expect("a Mermaid block");
    assert!(chart.starts_with("quadrantChart\n"));
    assert!(chart.contains("    x-axis Low difficulty --> High difficulty\n"));
    // Ten samples are assessed; each is a point with difficulty across and value up.
    assert_eq!(chart.lines().filter(|l| l.contains(": [")).count(), 10);
    assert!(chart.contains("    tiandi-cement D: [0.80, 0.17]\n"), "{chart}");
    Test::samples()
        .args(&["list", "--matrix"])
        .run()
        .code(2)
        .stderr_has("--matrix adds a Mermaid chart to Markdown");
}

/// A repository whose history moves an account on: on 2026-09-01 ningzhou-battery sat in demo
/// with an earlier rating; on 2026-10-21 it moved to assess.
fn moving_repo() -> Test {
    let t = Test::samples();
    let path = "accounts/east/ningzhou-battery.toml";
    let now = t.read(path);
    let before = now
        .replace("stage = \"assess\"", "stage = \"demo\"")
        .replace("amount = 9000000\n", "")
        .replace(
            "[[history]]\nfrom = \"demo\"\nto = \"assess\"\ndate = 2026-10-20\nby = \"li.wei\"\nnote = \"对比测试达标，决策链与采购流程清楚\"\n",
            "",
        );
    assert_ne!(before, now);
    t.write(path, &before);
    t.git(&["init", "-q"]);
    t.git(&["add", "-A"]);
    t.git_at(
        &["commit", "-q", "-m", "accounts as of September"],
        "2026-09-01T18:00:00+08:00",
    );
    t.write(path, &now);
    t.git(&["add", "-A"]);
    t.git_at(
        &["commit", "-q", "-m", "ningzhou-battery to assess"],
        "2026-10-21T18:00:00+08:00",
    );
    t
}

#[test]
fn as_of_reads_the_pipeline_as_committed_that_day() {
    let t = moving_repo();
    let then = t.kam(&["list", "--as-of", "2026-09-30", "--format", "json"]);
    then.code(0).stderr_has("note: As committed at the end of 2026-09-30");
    let v = json(&then.stdout);
    let ningzhou = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "ningzhou-battery")
        .unwrap();
    assert_eq!(ningzhou["stage"], "demo");
    let now = json(&t.kam(&["list", "--format", "json"]).stdout);
    let ningzhou = now
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "ningzhou-battery")
        .unwrap();
    assert_eq!(ningzhou["stage"], "assess");
    // stats, forecast and score read the same day.
    let s = json(&t.kam(&["stats", "--as-of", "2026-09-30", "--format", "json"]).stdout);
    assert_eq!(s["period"]["until"], "2026-09-30");
    // hengrui-precision and jiangning-water were opened later.
    assert_eq!(s["total"]["accounts"], 12);
    // In September ningzhou-battery had no expected amount yet.
    let f = json(&t.kam(&["forecast", "--as-of", "2026-09-30", "--format", "json"]).stdout);
    assert_eq!(f["as_of"], "2026-09-30");
    assert!(
        f["without_amount"]
            .as_array()
            .unwrap()
            .iter()
            .any(|id| id == "ningzhou-battery")
    );
    let f = json(&t.kam(&["forecast", "--format", "json"]).stdout);
    assert!(
        !f["without_amount"]
            .as_array()
            .unwrap()
            .iter()
            .any(|id| id == "ningzhou-battery")
    );
    t.kam(&["score", "ningzhou-battery", "--as-of", "2026-09-30"])
        .code(0)
        .stdout_has("As committed at the end of 2026-09-30");
    // The working tree is untouched.
    assert!(t.git(&["status", "--porcelain"]).is_empty());
    t.kam(&["list", "--as-of", "2026-08-31"])
        .code(2)
        .stderr_has("no commit was made on or before 2026-08-31");
    t.kam(&["list", "--as-of", "2027-01-01"])
        .code(2)
        .stderr_has("is after today");
    Test::samples()
        .args(&["stats", "--as-of", "2026-09-30"])
        .run()
        .code(2)
        .stderr_has("not inside a git repository");
}

#[test]
fn calibration_reads_the_tier_an_account_had_when_it_left_from_git() {
    // In May xinghe-electronics was rated share 4 (tier A, as the sample is); it left the
    // assessment on 2026-05-20 and was re-rated share 3 (tier B) after it was lost.
    let t = Test::samples();
    let path = "accounts/south/xinghe-electronics.toml";
    let now = t.read(path);
    let rerated = now.replace(
        "[ratings]\nshare = { rating = 4, why = \"三条 SMT 线的 AOI 全部换成我们的\" }\n",
        "[ratings]\nshare = 3\n",
    );
    assert_ne!(now, rerated);
    t.git(&["init", "-q"]);
    t.git(&["add", "-A"]);
    t.git_at(&["commit", "-q", "-m", "accounts"], "2026-05-01T18:00:00+08:00");
    t.write(path, &rerated);
    t.git_at(&["commit", "-q", "-am", "xinghe re-rated"], "2026-10-01T18:00:00+08:00");
    let v = json(&t.kam(&["stats", "--format", "json"]).stdout);
    let cases = v["calibration"]["cases"].as_array().unwrap();
    let xinghe = cases.iter().find(|c| c["id"] == "xinghe-electronics").unwrap();
    assert_eq!(xinghe["source"], "git");
    assert_eq!(xinghe["tier"], "A");
    assert_eq!(xinghe["result"], "lost");
    // haisheng-food left the assessment before the first commit: it is read as it is today.
    let haisheng = cases.iter().find(|c| c["id"] == "haisheng-food").unwrap();
    assert_eq!(haisheng["source"], "today");
    // The others have not changed since the first commit, before they left.
    assert!(
        cases
            .iter()
            .filter(|c| c["id"] != "xinghe-electronics" && c["id"] != "haisheng-food")
            .all(|c| c["source"] == "unchanged")
    );
    assert_eq!(v["calibration"]["from_today"], 1, "haisheng-food");
    let a = &v["calibration"]["rows"][0];
    assert_eq!((a["tier"].as_str(), a["lost"].as_u64()), (Some("A"), Some(1)));
    // Today's file says B: without git the calibration would have counted the loss under B.
    let today = json(
        &Test::samples()
            .file(path, &rerated)
            .args(&["stats", "--format", "json"])
            .run()
            .stdout,
    );
    let xinghe = today["calibration"]["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "xinghe-electronics")
        .unwrap()
        .clone();
    assert_eq!(
        (xinghe["tier"].as_str(), xinghe["source"].as_str()),
        (Some("B"), Some("today"))
    );
}

#[test]
fn ids_under_as_of_resolve_like_today_over_that_day_s_accounts() {
    // Every command that takes an account id and --as-of; read from the command line definition.
    use clap::CommandFactory;
    let cli = kam::cli::Cli::command();
    let mut taking: Vec<&str> = cli
        .get_subcommands()
        .filter(|c| c.get_arguments().any(|a| a.get_long() == Some("as-of")))
        .filter(|c| c.get_arguments().any(|a| a.is_positional() && a.get_id() == "id"))
        .map(clap::Command::get_name)
        .collect();
    taking.sort_unstable();
    assert_eq!(taking, ["score"], "a command takes an id and --as-of: test it here");
    let t = moving_repo();
    // A unique prefix, as without --as-of.
    let out = t.kam(&["score", "ningz", "--as-of", "2026-09-30", "--format", "json"]);
    out.code(0);
    let v = json(&out.stdout);
    assert_eq!(v[0]["id"], "ningzhou-battery", "{v}");
    // A typo gets a did-you-mean among that day's accounts.
    t.kam(&["score", "ningzhou-batery", "--as-of", "2026-09-30"])
        .code(2)
        .stderr_has("was committed by the end of 2026-09-30")
        .stderr_has("did you mean `ningzhou-battery`?");
    // Several candidates are named.
    t.kam(&["score", "h", "--as-of", "2026-09-30"])
        .code(2)
        .stderr_has("could be any of");
    // An account not committed that day is not among its accounts, even by its full id.
    let text = t.read("accounts/east/hengrui-precision.toml");
    t.write(
        "accounts/east/zhongda-tools.toml",
        &text.replace("\"hengrui-precision\"", "\"zhongda-tools\""),
    );
    t.kam(&["score", "zhongda-tools", "--as-of", "2026-09-30"])
        .code(2)
        .stderr_has("no account `zhongda-tools` was committed by the end of 2026-09-30");
    t.kam(&["score", "zhongda"]).code(0);
    // Owners are checked against that day's accounts too.
    for cmd in ["list", "score"] {
        t.kam(&[cmd, "--as-of", "2026-09-30", "--owner", "liwei"])
            .code(2)
            .stderr_has("did you mean `li.wei`?");
    }
}
