//! After the deal: the receivables aging report, the retrospective and the after-the-deal report
//! on the sample accounts in both playbooks' languages (reviewed snapshots, 80 columns); the
//! agenda's collection, return-visit, renewal and retrospective items; the list's flags; the
//! retrospective's deadline in `kam check`; the new sections of the playbook checked.

use unicode_width::UnicodeWidthStr;

use crate::support::{Outcome, Test, repo};

fn zh_playbook() -> String {
    std::fs::read_to_string(repo().join("examples/playbooks/zh-CN.yaml")).unwrap()
}

fn run(args: &[&str]) -> Outcome {
    Test::samples().env("COLUMNS", "80").args(args).run()
}

fn run_zh(args: &[&str]) -> Outcome {
    Test::samples()
        .file("kam.yaml", &zh_playbook())
        .env("COLUMNS", "80")
        .args(args)
        .run()
}

#[track_caller]
fn within_80(out: &Outcome) {
    for line in out.stdout.lines() {
        assert!(line.width() <= 80, "wider than 80 columns: {line:?}\n{}", out.stdout);
    }
}

macro_rules! snapshot {
    ($name:literal, $outcome:expr) => {{
        let out = $outcome;
        out.code(0);
        insta::assert_snapshot!($name, out.stdout);
    }};
}

#[test]
fn receivables_aging_in_both_languages() {
    let en = run(&["report", "receivables"]);
    within_80(&en);
    snapshot!("receivables-text", en);
    let zh = run_zh(&["report", "receivables"]);
    within_80(&zh);
    snapshot!("zh-receivables-text", zh);
    snapshot!("receivables-md", run(&["report", "receivables", "--format", "md"]));
    snapshot!(
        "zh-receivables-md",
        run_zh(&["report", "receivables", "--format", "md"])
    );
}

#[test]
fn receivables_never_add_up_currencies() {
    let out = run(&["report", "receivables", "--format", "json"]);
    out.code(0);
    let r: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let currencies: Vec<&str> = r["currencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["currency"].as_str().unwrap())
        .collect();
    assert_eq!(currencies, ["CNY", "USD"]);
    let cny = &r["currencies"][0]["totals"];
    assert_eq!(cny["current"], 5_014_000.0);
    assert_eq!(cny["31-60"], 644_000.0);
    assert_eq!(cny["total"], 5_658_000.0);
    let usd = &r["currencies"][1]["totals"];
    assert_eq!(usd["over-90"], 32_000.0);
    assert_eq!(usd["total"], 104_000.0);
    // Every overdue item carries the cause and the playbook's response.
    let overdue = r["overdue"].as_array().unwrap();
    assert_eq!(overdue.len(), 2);
    assert_eq!(overdue[0]["days_overdue"], 102);
    assert_eq!(overdue[0]["cause"]["id"], "cash_shortage");
    assert_eq!(overdue[0]["escalation"]["id"], "higher_level");
    assert!(
        overdue[1]["cause"]["response"]
            .as_str()
            .unwrap()
            .contains("change the project manager")
    );
}

#[test]
fn receivables_as_csv_and_by_owner() {
    let out = run(&["report", "receivables", "--format", "csv"]);
    out.code(0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "currency,id,name,owner,current,1-30,31-60,61-90,over-90,total,oldest_days"
    );
    assert!(lines.contains(
        &"CNY,haisheng-food,浙江海晟冷冻食品有限公司,wang.fang,858000.00,0.00,644000.00,0.00,0.00,1502000.00,56"
    ));
    assert!(lines.contains(
        &"USD,haisheng-food,浙江海晟冷冻食品有限公司,wang.fang,72000.00,0.00,0.00,0.00,32000.00,104000.00,102"
    ));
    let mine = run(&["report", "receivables", "--owner", "chen.jie", "--format", "csv"]);
    mine.code(0);
    assert_eq!(mine.stdout.lines().count(), 2, "{}", mine.stdout);
    assert!(mine.stdout.contains("beifang-dairy"));
}

#[test]
fn receivables_name_an_unreadable_file_and_exit_1() {
    let out = Test::samples()
        .file("accounts/broken.toml", "id = \"broken\"\nname = \n")
        .args(&["report", "receivables"])
        .run();
    out.code(1).stdout_has("Not read, so not counted: accounts/broken.toml");
}

#[test]
fn retrospective_in_both_languages() {
    let lost = run(&["report", "retro", "xinghe-electronics"]);
    within_80(&lost);
    snapshot!("retro-xinghe-text", lost);
    let zh = run_zh(&["report", "retro", "xinghe-electronics"]);
    within_80(&zh);
    snapshot!("zh-retro-xinghe-text", zh);
    snapshot!(
        "retro-beifang-md",
        run(&["report", "retro", "beifang-dairy", "--format", "md"])
    );
    snapshot!(
        "zh-retro-beifang-md",
        run_zh(&["report", "retro", "beifang-dairy", "--format", "md"])
    );
}

#[test]
fn a_retrospective_still_to_write_is_prompted_point_by_point() {
    let out = run(&["report", "retro", "tiandi-cement"]);
    out.code(0)
        .stdout_has("a retrospective is owed once it is")
        .stdout_has("✎ to fill in: [retrospective.results]");
}

#[test]
fn after_the_deal_report_in_both_languages() {
    let en = run(&["report", "after-deal", "haisheng-food"]);
    within_80(&en);
    snapshot!("after-deal-haisheng-text", en);
    snapshot!(
        "zh-after-deal-haisheng-md",
        run_zh(&["report", "after-deal", "haisheng-food", "--format", "md"])
    );
    let zh = run_zh(&["report", "after-deal", "beifang-dairy"]);
    within_80(&zh);
    snapshot!("zh-after-deal-beifang-text", zh);
}

#[test]
fn the_agenda_lists_collection_with_the_response() {
    let out = run(&["due", "--within", "7", "--format", "json"]);
    out.code(0);
    let items: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    let find = |kind: &str, detail: &str| {
        items
            .iter()
            .find(|i| i["kind"] == kind && i["detail"].as_str().unwrap().contains(detail))
            .unwrap_or_else(|| panic!("no {kind} item with {detail}: {items:#?}"))
    };
    let usd = find("collection", "HS-VN-2026-01 Down payment 40%");
    assert_eq!(usd["late_days"], 102);
    assert_eq!(usd["detail"], "HS-VN-2026-01 Down payment 40%: 32,000 USD");
    let advice: Vec<&str> = usd["advice"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert!(advice[0].starts_with("The client is short of cash: Offer a flexible payment plan"));
    assert!(advice[1].starts_with("Escalate — Higher-level relationship (60+ days overdue)"));
    let cny = find("collection", "到货验收款");
    assert_eq!(cny["late_days"], 56);
    // The return visit of the won account (tier A, every 30 days since 2026-10-20).
    let visit = find("return_visit", "every 30 days; last visit 2026-10-20");
    assert_eq!(visit["id"], "haisheng-food");
    assert_eq!(visit["date"], "2026-11-19");
    // The pilot contract expires 2027-02-28: on the agenda from 90 days before, 2026-11-30.
    let renewal = items.iter().find(|i| i["kind"] == "renewal").expect("a renewal");
    assert_eq!(renewal["date"], "2027-02-28");
    assert!(renewal["detail"].as_str().unwrap().starts_with("HS-PILOT-2026"));
}

#[test]
fn the_agenda_table_shows_the_response_under_the_item() {
    let out = run(&["due"]);
    out.code(0);
    within_80(&out);
    let sooner = run(&["due", "--within", "4", "--format", "json"]);
    let sooner: Vec<serde_json::Value> = serde_json::from_str(&sooner.stdout).unwrap();
    assert!(sooner.iter().all(|i| i["kind"] != "renewal"), "{sooner:#?}");
    out.stdout_has("collect")
        .stdout_has("  → They think our delivery quality is at fault: Check at once.")
        .stdout_has("return visit");
    let md = run(&["due", "--format", "md"]);
    md.code(0)
        .stdout_has("<br>→ The client is short of cash: Offer a flexible payment plan");
}

#[test]
fn the_list_flags_overdue_payments_and_due_return_visits() {
    let out = run(&["list", "--flag", "payment-overdue", "--format", "json"]);
    out.code(0);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["haisheng-food"]);
    let flags = rows[0]["flags"].as_array().unwrap();
    assert!(flags.contains(&serde_json::json!("return-visit-due")), "{flags:?}");
    let visits = run(&["list", "--flag", "return-visit-due", "--format", "csv"]);
    visits.code(0);
    assert_eq!(visits.stdout.lines().count(), 2, "{}", visits.stdout);
    // beifang-dairy was won on 2026-10-28 and visited on 2026-11-20: nothing due.
    let all = run(&["list", "--format", "json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&all.stdout).unwrap();
    let beifang = rows.iter().find(|r| r["id"] == "beifang-dairy").unwrap();
    assert_eq!(beifang["flags"], serde_json::json!([]));
}

/// A lost account without its retrospective: on the agenda before the deadline, a warning after.
const GONE: &str = "id = \"gone\"\nname = \"Gone Co\"\nowner = \"li.wei\"\nstage = \"lost\"\ncreated = 2026-08-01\n\
    [[history]]\nfrom = \"qualify\"\nto = \"lost\"\ndate = 2026-11-10\nreason = \"no budget\"\n";

#[test]
fn a_missing_retrospective_is_due_then_a_warning() {
    let t = || Test::new().file("accounts/gone.toml", GONE);
    t().args(&["check", "--deny-warnings"]).run().code(0);
    let due = t().args(&["due", "--within", "30", "--format", "json"]).run();
    due.code(0);
    let items: Vec<serde_json::Value> = serde_json::from_str(&due.stdout).unwrap();
    assert_eq!(items.len(), 1, "{items:#?}");
    assert_eq!(items[0]["kind"], "retrospective");
    assert_eq!(items[0]["date"], "2026-12-10");
    let late = Test::new()
        .file("accounts/gone.toml", GONE)
        .real_today()
        .args(&["--today", "2026-12-11", "check"])
        .run();
    late.code(0).stdout_has(
        "warning[KAM024]: no project retrospective since the account moved to `lost` (Lost); it was due by 2026-12-10",
    );
    let flagged = Test::new()
        .file("accounts/gone.toml", GONE)
        .real_today()
        .args(&[
            "--today",
            "2026-12-11",
            "list",
            "--flag",
            "retro-missing",
            "--format",
            "csv",
        ])
        .run();
    flagged.code(0);
    assert!(flagged.stdout.contains("gone,Gone Co"), "{}", flagged.stdout);
}

#[test]
fn leaving_paused_for_good_owes_a_retrospective_from_that_day() {
    let paused = "id = \"p\"\nname = \"P\"\nowner = \"li.wei\"\nstage = \"paused\"\ncreated = 2026-01-05\n\
        [[history]]\nfrom = \"qualify\"\nto = \"paused\"\ndate = 2026-03-01\nreason = \"observe\"\n";
    let due = |text: &str| {
        let out = Test::new()
            .file("accounts/p.toml", text)
            .args(&["due", "--within", "60", "--format", "json"])
            .run();
        out.code(0);
        serde_json::from_str::<Vec<serde_json::Value>>(&out.stdout).unwrap()
    };
    assert!(due(paused).is_empty(), "paused is not final");
    let lost = paused.replace("stage = \"paused\"", "stage = \"lost\"")
        + "[[history]]\nfrom = \"paused\"\nto = \"lost\"\ndate = 2026-11-20\nreason = \"went elsewhere\"\n";
    let items = due(&lost);
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["date"], "2026-12-20", "30 days from leaving paused");
}

#[test]
fn the_retrospective_is_checked_against_the_playbook() {
    let text = format!(
        "{GONE}[retrospective]\ndate = \"soon\"\nby = \"li.wei\"\n[retrospective.background]\nclimat = \"x\"\n[retrospective.lessons]\nx = 1\n"
    );
    let out = Test::new().file("accounts/gone.toml", &text).args(&["check"]).run();
    out.code(1)
        .stdout_has("`retrospective.date` expects a date such as 2026-03-14")
        .stdout_has("`retrospective.by` expects a list of names")
        .stdout_has("unknown key `climat` in `retrospective.background`")
        .stdout_has("did you mean `climate`?")
        .stdout_has("unknown key `lessons` in `retrospective`");
}

#[test]
fn the_playbook_sections_after_the_deal_are_checked() {
    let out = Test::new()
        .playbook(|s| {
            s.replace("causes: [malicious_arrears]", "causes: [bad_luck]")
                .replace(
                    "  outcomes: [won, lost]\n  days: 30",
                    "  outcomes: [won, gone]\n  days: 30",
                )
                .replace("return_visit_every_days: { A: 30,", "return_visit_every_days: { Z: 30,")
        })
        .args(&["check"])
        .run();
    out.code(2);
    let all = format!("{}{}", out.stdout, out.stderr);
    for needle in [
        "unknown non-payment cause `bad_luck`",
        "unknown outcome `gone`",
        "unknown tier `Z`",
    ] {
        assert!(all.contains(needle), "lacks {needle:?}:\n{all}");
    }
}

#[test]
fn a_playbook_without_the_sections_after_the_deal_still_works() {
    // A playbook written before these sections: no records, no retrospective, no cadence.
    let out = Test::new()
        .playbook(|s| {
            let start = s.find("  # ─── After the deal: contracts").unwrap();
            let end = s.find("  procurement_step:\n    label").unwrap();
            let mut t = format!("{}{}", &s[..start], &s[end..]);
            let a = t.find("\n# ─── After the deal ───").unwrap();
            let b = t.find("# ─── Words of the interface").unwrap();
            t.replace_range(a..b, "");
            t
        })
        .file("accounts/gone.toml", GONE)
        .args(&["check", "--deny-warnings"])
        .run();
    out.code(0).stdout_has("no problems");
}
