//! Key-account classes, potential key accounts and client levels in `kam list` (visible and
//! filterable), the territory plan (`--group-by region` against the playbook's `planning`), and
//! the first-contact sequence in the visit plan of a stage-1 account.

use crate::support::{Test, repo};

fn ids(out: &crate::support::Outcome) -> Vec<String> {
    out.stdout
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn classes_potential_and_levels_are_shown_and_filtered() {
    let potential = Test::samples()
        .args(&["list", "--class", "potential", "--format", "csv"])
        .run();
    potential.code(0);
    assert_eq!(
        ids(&potential),
        vec!["xianda-cold-chain", "la-huerta-bajio", "kangyuan-pharma"]
    );
    let strategic = Test::samples()
        .args(&["list", "--class", "strategic,group", "--format", "csv"])
        .run();
    assert_eq!(
        ids(&strategic),
        vec!["renhe-hospital", "ningzhou-battery", "beifang-dairy", "haisheng-food"]
    );
    let second = Test::samples()
        .args(&["list", "--level", "second", "--format", "csv"])
        .run();
    assert_eq!(
        ids(&second),
        vec![
            "hengrui-precision",
            "xianda-cold-chain",
            "huijia-retail",
            "pengcheng-frozen",
            "tiandi-cement"
        ]
    );
    let dig = Test::samples()
        .args(&["list", "--approach", "dig", "--region", "east", "--format", "csv"])
        .run();
    assert_eq!(ids(&dig), vec!["xianda-cold-chain", "ningzhou-battery"]);
    // The table shows the classes (or "potential") and the level.
    Test::samples()
        .env("COLUMNS", "200")
        .args(&["list", "--class", "potential,strategic"])
        .run()
        .code(0)
        .stdout_has("potential · Second level")
        .stdout_has("Strategic · First level");
    Test::samples()
        .args(&["list", "--class", "premium"])
        .run()
        .code(2)
        .stderr_has("`premium` is not a value of --class");
}

#[test]
fn the_territory_plan_counts_each_region_against_the_playbook() {
    let out = Test::samples()
        .env("COLUMNS", "120")
        .args(&["list", "--group-by", "region"])
        .run();
    out.code(0)
        .stdout_has("East China: 7 of 8 clients, people: 3 of 3; contacts in 12 months")
        .stdout_has("Plan for the year: sales forecast 30,000,000 CNY");
    insta::assert_snapshot!("list-group-by-region", out.stdout);
    let zh = std::fs::read_to_string(repo().join("examples/playbooks/zh-CN.yaml")).unwrap();
    let out = Test::samples()
        .file("kam.yaml", &zh)
        .env("COLUMNS", "120")
        .args(&["list", "--group-by", "region", "--format", "md"])
        .run();
    out.code(0).stdout_has("### 华东：7 个客户（规划 8 个）");
    insta::assert_snapshot!("zh-list-group-by-region-md", out.stdout);
    Test::samples()
        .args(&["list", "--group-by", "owner"])
        .run()
        .code(0)
        .stdout_has("wang.fang: accounts: 2, people: 1");
}

#[test]
fn a_stage_one_visit_plan_follows_the_first_contact_sequence() {
    Test::samples()
        .args(&["report", "visit", "hengrui-precision"])
        .run()
        .code(0)
        .stdout_has("First contact: direct mail first, then phone, meet, ask for the order")
        .stdout_has("[x] Ask to meet (2026-10-28)")
        .stdout_has("[ ] Ask for the order: a proposal")
        .stdout_has("[x] Feedback card returned (2026-10-20)")
        .stdout_has("[ ] Asked us for a proposal");
    // Not for an account past the first stage.
    let out = Test::samples().args(&["report", "visit", "kangyuan-pharma"]).run();
    assert!(!out.stdout.contains("First contact:"), "{}", out.stdout);
}
