//! `kam report expenses`: what each owner spent per account on visits and receptions against the
//! budgets, in every format (reviewed snapshots), filtered by month and owner, in both languages;
//! approvals waiting and reports blocking reimbursement on the agenda.

use crate::support::{Test, repo};

fn expenses(args: &[&str]) -> crate::support::Outcome {
    let mut all = vec!["report", "expenses"];
    all.extend_from_slice(args);
    Test::samples().args(&all).run()
}

#[test]
fn the_samples_in_every_format() {
    for (name, format) in [
        ("expenses-text", "text"),
        ("expenses-md", "md"),
        ("expenses-csv", "csv"),
        ("expenses-json", "json"),
    ] {
        let out = expenses(&["--format", format]);
        out.code(0);
        insta::assert_snapshot!(name, out.stdout);
    }
    let v: serde_json::Value = serde_json::from_str(&expenses(&["--format", "json"]).stdout).unwrap();
    assert_eq!(v["currency"], "CNY");
    assert!(v["owners"].as_array().is_some_and(|o| !o.is_empty()));
}

#[test]
fn month_and_owner_filter_the_events() {
    let out = expenses(&["--month", "2026-10", "--owner", "wang.fang", "--format", "csv"]);
    out.code(0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", out.stdout);
    assert!(lines[1].starts_with("wang.fang,kangyuan-pharma,"), "{}", out.stdout);
    // One visit in October: budget 1,500, spent 1,280, reimbursed.
    assert!(lines[1].contains(",1,1500,1280,-220,0,0,0,CNY"), "{}", out.stdout);
    expenses(&["--month", "2025-01"])
        .code(0)
        .stdout_has("No visit or reception with a budget or expenses.");
    expenses(&["--month", "2026-13"]).code(2);
    expenses(&["--month", "11/2026"]).code(2);
}

#[test]
fn amounts_in_another_currency_are_converted_or_counted_apart() {
    let account = "id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"qualify\"\n\
        [[visits]]\ndate = 2026-11-02\nform = \"office_meeting\"\nbudget = { amount = 100, currency = \"USD\" }\nexpenses = { amount = 90, currency = \"USD\" }\nreport = \"r\"\n\
        [[visits]]\ndate = 2026-11-03\nform = \"office_meeting\"\nexpenses = { amount = 50, currency = \"GBP\" }\nreport = \"r\"\n";
    let out = Test::new()
        .file("accounts/a.toml", account)
        .args(&["report", "expenses", "--format", "csv"])
        .run();
    out.code(0);
    // 100 USD ≈ 710 CNY budget, 90 USD ≈ 639 CNY spent; 50 GBP has no rate: left out, counted.
    assert!(out.stdout.contains("o,a,A,2,710,639,-71,0,2,1,CNY"), "{}", out.stdout);
    let text = Test::new()
        .file("accounts/a.toml", account)
        .args(&["report", "expenses"])
        .run();
    text.code(0)
        .stdout_has("1 amounts are in a currency without an exchange rate");
}

#[test]
fn the_chinese_playbook_gives_a_chinese_report() {
    let zh = std::fs::read_to_string(repo().join("examples/playbooks/zh-CN.yaml")).unwrap();
    let out = Test::samples()
        .file("kam.yaml", &zh)
        .args(&["report", "expenses"])
        .run();
    out.code(0).stdout_has("拜访与接待费用");
    insta::assert_snapshot!("zh-expenses-text", out.stdout);
}

#[test]
fn the_agenda_lists_approvals_waiting_and_reports_blocking_reimbursement() {
    let out = Test::samples().args(&["due", "--within", "14"]).run();
    out.code(0)
        .stdout_has("approval waiting")
        .stdout_has("the Negotiation of 2026-12-02 needs the sign-off of the Key account")
        .stdout_has("expenses waiting")
        .stdout_has("its report waits to be")
        .stdout_has("client's issue to close");
    let json = Test::samples()
        .args(&["due", "--within", "14", "--format", "json"])
        .run();
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let kinds: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["kind"].as_str())
        .collect();
    for kind in ["approval", "reimbursement", "issue"] {
        assert!(kinds.contains(&kind), "{kind}: {kinds:?}");
    }
}

#[test]
fn the_visit_plan_shows_its_resource_table_and_flags_a_late_resource() {
    // Seed 002's resource table: item, people, quantity, ready by, department, remarks.
    let out = Test::samples()
        .args(&["report", "visit", "ningzhou-battery", "--format", "md"])
        .run();
    out.code(0)
        .stdout_has("| Item | People | Ready by | Department | Remarks |")
        .stdout_has("| 二期方案框架 (4) | 孙浩 | 2026-12-01 | 技术部 |");
    // A material the table plans leaves the checklist.
    assert!(!out.stdout.contains("- [ ] 二期方案框架"), "{}", out.stdout);
    let account = "id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"qualify\"\n\
        [[visits]]\ndate = 2026-12-03\nform = \"office_meeting\"\n\
        [[visits.resources]]\nitem = \"Demo kit\"\nquantity = 2\ndue = 2026-12-05\n";
    Test::new()
        .file("accounts/a.toml", account)
        .args(&["report", "visit", "a"])
        .run()
        .code(0)
        .stdout_has("Demo kit is to be ready on 2026-12-05, after the visit");
    // The item is required.
    Test::new()
        .file("accounts/a.toml", &account.replace("item = \"Demo kit\"\n", ""))
        .args(&["check"])
        .run()
        .code(1)
        .stdout_has("item");
}

/// A reception reimbursed without its report breaks the reception's own rule — "no reception
/// report, no reimbursement" — not the visits' one, in the playbook's language.
#[test]
fn a_reception_reimbursed_without_its_report_cites_the_reception_rule() {
    const ACCOUNT: &str = "id = \"probe\"\nname = \"Probe Ltd\"\nowner = \"li.wei\"\nstage = \"qualify\"\n\
        created = 2026-10-05\n[company]\nindustry = \"Food\"\n\
        [[receptions]]\ndate = 2026-11-12\npurpose = \"see the plant\"\nexpenses = 3000\n\
        [receptions.approvals]\nreview = { by = \"d\", date = 2026-11-01 }\nfunding = { by = \"f\", date = 2026-11-02 }\n\
        reimbursement = { by = \"f\", date = 2026-11-20 }\n";
    let en = Test::new().file("accounts/probe.toml", ACCOUNT).args(&["check"]).run();
    en.code(1)
        .stdout_has("error[KAM030]")
        .stdout_has("help: No reception report, no expense reimbursement. Write the `report` first.");
    assert!(!en.stdout.contains("No visit report"), "{}", en.stdout);
    let zh = std::fs::read_to_string(repo().join("examples/playbooks/zh-CN.yaml")).unwrap();
    let zh = Test::new()
        .file("kam.yaml", &zh)
        .file("accounts/probe.toml", ACCOUNT)
        .args(&["check"])
        .run();
    zh.code(1)
        .stdout_has("error[KAM030]")
        .stdout_has("无接待报告不得报销费用");
    assert!(!zh.stdout.contains("无拜访总结"), "{}", zh.stdout);
}
