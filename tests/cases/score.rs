//! `kam score`: the ranked table, `--explain`, JSON that re-derives, CSV and Markdown, weight
//! overrides, filters and sorting, and accounts that cannot be scored. The fixtures under
//! tests/fixtures/score span tiers A–D plus one account still missing ratings.

use unicode_width::UnicodeWidthStr;

use crate::support::{Outcome, Test};

fn score(args: &[&str]) -> Outcome {
    let mut all = vec!["score"];
    all.extend_from_slice(args);
    Test::fixtures("score").env("COLUMNS", "80").args(&all).run()
}

fn json(out: &Outcome) -> Vec<serde_json::Value> {
    serde_json::from_str::<serde_json::Value>(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}\n{}", out.stdout))
        .as_array()
        .unwrap()
        .clone()
}

/// Lines of the table body (after the header rule), up to the first blank line.
fn rows(out: &Outcome) -> Vec<&str> {
    out.stdout
        .lines()
        .skip_while(|l| !l.starts_with('─'))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect()
}

fn ids(out: &Outcome) -> Vec<String> {
    rows(out)
        .iter()
        .map(|l| l.trim_start_matches('!').split_whitespace().next().unwrap().to_string())
        .collect()
}

#[test]
fn ranked_table() {
    let out = score(&[]);
    out.code(0);
    insta::assert_snapshot!("table", out.stdout);
}

#[test]
fn table_fits_80_columns_with_cjk_names_aligned() {
    let out = score(&[]);
    let lines: Vec<&str> = out.stdout.lines().take_while(|l| !l.is_empty()).collect();
    // The last column is right-aligned: every line of the table ends at the same display
    // column, which only holds if the CJK name's width (two columns a character) is counted.
    let header = lines[0].width();
    assert!(header <= 80, "{header} columns:\n{}", out.stdout);
    for line in &lines {
        assert_eq!(line.width(), header, "misaligned: {line}\n{}", out.stdout);
    }
    assert!(lines.iter().any(|r| r.contains("华东精密")), "{}", out.stdout);
}

#[test]
fn explain_shows_factors_why_rule_and_gap() {
    let out = score(&["huadong-jingmi", "--explain"]);
    out.code(0)
        .stdout_has("value 67.5: +2.5 for tier A")
        .stdout_has("difficulty 67.5: −7.5 for tier A")
        .stdout_has("账期 60 天，2026 年无逾期");
    insta::assert_snapshot!("explain_tier_b", out.stdout);
}

#[test]
fn explain_top_tier_and_unscored() {
    score(&["nordlicht-logistik", "--explain"])
        .code(0)
        .stdout_has("tier: A — all-in")
        .stdout_has("already in the top tier")
        .stdout_has("“paid all 2026 invoices within 30 days”");
    let out = score(&["bergmann-werkzeugbau", "--explain"]);
    out.code(0)
        .stdout_has("insufficient information — keep collecting")
        .stdout_has("deal_risk: Deal risk")
        .stdout_has("capability: Our supply and service capability");
    insta::assert_snapshot!("explain_unscored", out.stdout);
}

#[test]
fn single_account_reads_only_its_own_file() {
    // Another account that would fail to parse (and make a full run exit 1) is never read.
    let out = Test::fixtures("score")
        .file("accounts/zz-broken.toml", "id = \"zz-broken\"\nname = \"unterminated\n")
        .args(&["score", "porto-verde"])
        .run();
    out.code(0).stdout_has("porto-verde");
    assert!(
        !out.stdout.contains("zz-broken") && !out.stdout.contains('!'),
        "{}",
        out.stdout
    );
    Test::new()
        .file("accounts/a.toml", "id = \"a\"\n")
        .args(&["score", "nope"])
        .run()
        .code(2)
        .stderr_has("no account `nope`");
}

#[test]
fn json_lists_every_account_with_its_factors() {
    let out = score(&["--format", "json"]);
    out.code(0);
    insta::assert_snapshot!("json", out.stdout);
    let items = json(&out);
    assert_eq!(items.len(), 6);
    let unscored = items.iter().find(|i| i["id"] == "bergmann-werkzeugbau").unwrap();
    assert_eq!(unscored["tier"], serde_json::Value::Null);
    assert_eq!(unscored["difficulty"], serde_json::Value::Null);
    assert_eq!(unscored["missing"], serde_json::json!(["deal_risk", "capability"]));
}

/// Re-applies the published formula to each object's `factors` and compares with its scores.
fn assert_rederives(items: &[serde_json::Value]) {
    for item in items {
        let factors = item["factors"].as_array().unwrap();
        for axis in ["value", "difficulty"] {
            let on_axis: Vec<&serde_json::Value> = factors.iter().filter(|f| f["axis"] == axis).collect();
            let total: f64 = on_axis.iter().map(|f| f["weight"].as_f64().unwrap()).sum();
            let mut sum = Some(0.0);
            for f in &on_axis {
                let w = f["weight"].as_f64().unwrap();
                let Some(r) = f["rating"].as_f64() else {
                    assert!(f["points"].is_null(), "{f}");
                    sum = None;
                    continue;
                };
                let n = (r - 1.0) / 4.0;
                let n = if f["higher_is_better"].as_bool().unwrap() {
                    n
                } else {
                    1.0 - n
                };
                let points = 100.0 * w * n / total;
                assert!((f["points"].as_f64().unwrap() - points).abs() < 1e-6, "{f}");
                sum = sum.map(|s| s + w * n);
            }
            match sum {
                Some(s) => {
                    let expected = 100.0 * s / total;
                    let got = item[axis]
                        .as_f64()
                        .unwrap_or_else(|| panic!("{axis} of {}", item["id"]));
                    assert!(
                        (got - expected).abs() < 1e-6,
                        "{}: {axis} {got} ≠ {expected}",
                        item["id"]
                    );
                }
                None => assert!(item[axis].is_null(), "{}: {axis} should be null", item["id"]),
            }
        }
    }
}

#[test]
fn json_scores_rederive_from_the_factors() {
    let out = score(&["--format", "json"]);
    assert_rederives(&json(&out));
    let out = score(&["--format", "json", "--weights", "share=5,capability=0.7"]);
    out.code(0)
        .stderr_has("weights overridden for this run: share 3 → 5, capability 3 → 0.7");
    let items = json(&out);
    assert_rederives(&items);
    let share = &items[0]["factors"][0];
    assert_eq!(
        (share["weight"].as_f64(), share["playbook_weight"].as_f64()),
        (Some(5.0), Some(3.0))
    );
}

#[test]
fn a_weight_changed_in_the_playbook_changes_the_score_as_the_formula_says() {
    let value_of = |out: &Outcome, id: &str| {
        json(out).iter().find(|i| i["id"] == id).unwrap()["value"]
            .as_f64()
            .unwrap()
    };
    let before = score(&["--format", "json"]);
    assert!((value_of(&before, "huadong-jingmi") - 67.5).abs() < 1e-9);
    // business_value 4 → 8. huadong-jingmi rates share 3, business_value 4, payment_risk 2
    // (inverted): 100 × (3·0.5 + 8·0.75 + 3·0.75) / (3 + 8 + 3).
    let after = Test::fixtures("score")
        .playbook(|p| p.replacen("weight: 4\n", "weight: 8\n", 1))
        .args(&["score", "--format", "json"])
        .run();
    after.code(0);
    let expected = 100.0 * (3.0 * 0.5 + 8.0 * 0.75 + 3.0 * 0.75) / 14.0;
    assert!((value_of(&after, "huadong-jingmi") - expected).abs() < 1e-9);
    // The difficulty axis does not move.
    let difficulty =
        |out: &Outcome| json(out).iter().find(|i| i["id"] == "huadong-jingmi").unwrap()["difficulty"].as_f64();
    assert_eq!(difficulty(&before), Some(67.5));
    assert_eq!(difficulty(&after), Some(67.5));
}

#[test]
fn weights_override_is_a_what_if_that_touches_no_file() {
    let t = Test::fixtures("score");
    let before = std::fs::read(t.path().join("accounts/huadong-jingmi.toml")).unwrap();
    let out = t.args(&["score", "--weights", "share=5,effort=1"]).run();
    out.code(0)
        .stdout_has("weights overridden for this run: share 3 → 5, effort 2 → 1 (no file changed)")
        // 100 × (5·0.5 + 4·0.75 + 3·0.75) / 12 = 64.58…
        .stdout_has("64.6");
    assert_eq!(
        std::fs::read(out.dir.join("accounts/huadong-jingmi.toml")).unwrap(),
        before
    );
    assert!(!out.exists("kam.yaml"));
    score(&["huadong-jingmi", "--explain", "--weights", "share=5"])
        .code(0)
        .stdout_has("weights overridden for this run: share 3 → 5")
        .stdout_has("5*");
}

#[test]
fn bad_weights_are_usage_errors_that_list_the_factors() {
    for (arg, needle) in [
        ("shares=5", "unknown factor `shares`"),
        ("share=0", "must be above 0"),
        ("share=-1", "must be above 0"),
        ("share=much", "must be a number, not `much`"),
        ("share", "is not factor=weight"),
    ] {
        let out = score(&["--weights", arg]);
        out.code(2)
            .stderr_has(needle)
            .stderr_has("share (3), business_value (4), payment_risk (3), effort (2)");
        assert!(out.stdout.is_empty(), "{}", out.stdout);
    }
}

#[test]
fn filters_by_tier_stage_and_owner() {
    assert_eq!(
        ids(&score(&["--tier", "A,b"])),
        ["nordlicht-logistik", "huadong-jingmi", "porto-verde"]
    );
    assert_eq!(ids(&score(&["--tier", "none"])), ["bergmann-werkzeugbau"]);
    assert_eq!(
        ids(&score(&["--stage", "demo"])),
        ["sunbridge-foods", "kestrel-mining", "bergmann-werkzeugbau"]
    );
    assert_eq!(
        ids(&score(&["--owner", "li.wei", "--stage", "assess,relationship"])),
        ["huadong-jingmi", "porto-verde"]
    );
    score(&["--tier", "D", "--owner", "anna.berg"])
        .code(0)
        .stdout_has("no accounts to score");
    // An owner no account has is a usage error, not an empty ranking.
    score(&["--owner", "nobody"])
        .code(2)
        .stderr_has("no account is owned by `nobody`")
        .stderr_has("owners: anna.berg, li.wei");
    score(&["--stage", "asess"])
        .code(2)
        .stderr_has("did you mean `assess`?");
    score(&["--tier", "E"]).code(2).stderr_has("tiers: A, B, C, D");
    score(&["porto-verde", "--tier", "A"])
        .code(2)
        .stderr_has("cannot be used with");
}

#[test]
fn sorts_by_value_difficulty_name_and_id() {
    assert_eq!(
        ids(&score(&["--sort", "value"])),
        [
            "nordlicht-logistik",
            "bergmann-werkzeugbau",
            "huadong-jingmi",
            "porto-verde",
            "sunbridge-foods",
            "kestrel-mining"
        ]
    );
    assert_eq!(
        ids(&score(&["--sort", "difficulty"])),
        [
            "porto-verde",
            "nordlicht-logistik",
            "sunbridge-foods",
            "huadong-jingmi",
            "kestrel-mining",
            "bergmann-werkzeugbau"
        ]
    );
    let by_id = ids(&score(&["--sort", "id"]));
    let mut sorted = by_id.clone();
    sorted.sort();
    assert_eq!(by_id, sorted);
    assert_eq!(ids(&score(&["--sort", "name"]))[0], "bergmann-werkzeugbau");
    assert_eq!(
        ids(&score(&["--sort", "name"]))[5],
        "huadong-jingmi",
        "CJK sorts after Latin"
    );
}

#[test]
fn csv_is_quoted_and_keeps_absent_values_empty() {
    let out = Test::fixtures("score")
        .file(
            "accounts/quote.toml",
            "id = \"quote\"\nname = \"The \\\"Best\\\" Co\"\nowner = \"x\"\nstage = \"demo\"\n",
        )
        .args(&["score", "--format", "csv"])
        .run();
    out.code(0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[0], "id,name,stage,value,difficulty,tier,missing,problems");
    assert!(
        lines.contains(&"sunbridge-foods,\"Sunbridge Foods, Inc.\",demo,35.0,50.0,C,,0"),
        "{}",
        out.stdout
    );
    assert!(
        lines.contains(&"quote,\"The \"\"Best\"\" Co\",demo,,,,share;business_value;payment_risk;effort;deal_risk;complexity;capability,0"),
        "{}",
        out.stdout
    );
    assert!(lines.contains(&"bergmann-werkzeugbau,Bergmann Werkzeugbau GmbH,demo,82.5,,,deal_risk;capability,0"));
    assert_eq!(lines.len(), 8);
}

#[test]
fn markdown_is_a_table_with_notes() {
    let out = score(&["--format", "md", "--weights", "share=5"]);
    out.code(0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(
        lines[0].starts_with("*weights overridden for this run"),
        "{}",
        out.stdout
    );
    let table: Vec<&str> = lines.iter().copied().filter(|l| l.starts_with('|')).collect();
    assert_eq!(table[0], "| id | name | stage | value | difficulty | tier | missing |");
    assert_eq!(table[1], "| --- | --- | --- | ---: | ---: | --- | ---: |");
    assert_eq!(table.len(), 2 + 6);
    for row in &table {
        assert_eq!(row.replace("\\|", "").matches('|').count(), 8, "{row}");
    }
    assert!(table.contains(&"| huadong-jingmi | 华东精密制造有限公司 | assess | 64.6 | 67.5 | B | 0 |"));
    out.stdout_has("- bergmann-werkzeugbau: deal\\_risk, capability");
    score(&["--format", "md", "--explain"])
        .code(2)
        .stderr_has("--explain prints text");
}

#[test]
fn accounts_that_cannot_be_scored_are_marked_and_exit_1() {
    let out = Test::fixtures("score")
        .env("COLUMNS", "80")
        .file("accounts/broken.toml", "id = \"broken\"\nname = \"unterminated\n")
        .file(
            "accounts/typo.toml",
            "id = \"typo\"\nname = \"Typo Co\"\nowner = \"li.wei\"\nstage = \"demo\"\n\n[ratings]\nshares = 4\nbusiness_value = 7\n",
        )
        .args(&["score", "--tier", "A"])
        .run();
    out.code(1);
    insta::assert_snapshot!("problems", out.stdout);
    let json_out = Test::fixtures("score")
        .file("accounts/broken.toml", "id = \"broken\"\nname = \"unterminated\n")
        .args(&["score", "--format", "json"])
        .run();
    json_out.code(1);
    let broken = json(&json_out).into_iter().find(|i| i["id"] == "broken").unwrap();
    assert_eq!(broken["value"], serde_json::Value::Null);
    assert_eq!(broken["problems"][0]["line"], 2);
    // Filtered out by what is known about it (its stage), a sound run exits 0 again.
    Test::fixtures("score")
        .file(
            "accounts/typo.toml",
            "id = \"typo\"\nname = \"Typo Co\"\nowner = \"li.wei\"\nstage = \"demo\"\n\n[ratings]\nshares = 4\n",
        )
        .args(&["score", "--stage", "assess"])
        .run()
        .code(0);
}

#[test]
fn empty_workspace() {
    Test::new()
        .file(
            "kam.yaml",
            &std::fs::read_to_string(crate::support::repo().join("assets/kam.yaml")).unwrap(),
        )
        .args(&["score"])
        .run()
        .code(0)
        .stdout_has("no accounts to score");
}

#[test]
fn the_worked_example_in_the_docs_is_what_kam_computes() {
    let doc = std::fs::read_to_string(crate::support::repo().join("docs/scoring.md")).unwrap();
    let start = doc.find("```toml\n").unwrap() + "```toml\n".len();
    let ratings = &doc[start..start + doc[start..].find("```").unwrap()];
    let account = format!("id = \"example\"\nname = \"Example\"\nowner = \"x\"\nstage = \"assess\"\n\n{ratings}");
    Test::new()
        .file("accounts/example.toml", &account)
        .args(&["score", "example", "--explain"])
        .run()
        .code(0)
        .stdout_has("VALUE 67.5")
        .stdout_has("DIFFICULTY 67.5")
        .stdout_has("tier: B — control time")
        .stdout_has("value 67.5: +2.5 for tier A")
        .stdout_has("difficulty 67.5: −7.5 for tier A");
}

#[test]
fn explain_without_an_id_explains_each_listed_account() {
    let out = score(&["--explain", "--tier", "A,D"]);
    out.code(0)
        .stdout_has("Nordlicht Logistik AG (nordlicht-logistik)")
        .stdout_has("Kestrel Mining Pty Ltd (kestrel-mining)");
    assert!(!out.stdout.contains("huadong"), "{}", out.stdout);
    let broken = Test::new()
        .file("accounts/broken.toml", "id = \"broken\"\nname = \"unterminated\n")
        .args(&["score", "broken", "--explain"])
        .run();
    broken
        .code(1)
        .stdout_has("! cannot be scored; `kam check` shows why")
        .stdout_has("accounts/broken.toml:2:21: invalid TOML");
}

#[test]
fn a_pipe_without_columns_gets_whole_names() {
    let out = Test::fixtures("score").args(&["score"]).run();
    out.code(0);
    assert!(!out.stdout.contains('…'), "nothing is cut on a pipe:\n{}", out.stdout);
}

#[test]
fn samples_ranked_explained_and_as_json() {
    let table = Test::samples().args(&["score"]).run();
    table.code(0);
    insta::assert_snapshot!("samples_table", table.stdout);
    let explain = Test::samples().args(&["score", "dongsheng-food", "--explain"]).run();
    explain.code(0);
    insta::assert_snapshot!("samples_explain_dongsheng", explain.stdout);
    let json = Test::samples().args(&["score", "--format", "json"]).run();
    json.code(0);
    insta::assert_snapshot!("samples_json", json.stdout);
}
