//! After the deal: the receivables aging report, the retrospective and the after-the-deal report
//! on the sample accounts in both playbooks' languages (reviewed snapshots, 80 columns); the
//! agenda's collection, return-visit, renewal and retrospective items; the list's flags; the
//! retrospective's deadline in `kam check`; the new sections of the playbook checked.

use unicode_width::UnicodeWidthStr;

use crate::support::{Outcome, Test, repo, zh_playbook};

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
        &"CNY,haisheng-food,浙江海晟冷冻食品有限公司,zhang.min,858000.00,0.00,644000.00,0.00,0.00,1502000.00,56"
    ));
    assert!(lines.contains(
        &"USD,haisheng-food,浙江海晟冷冻食品有限公司,zhang.min,72000.00,0.00,0.00,0.00,32000.00,104000.00,102"
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

/// The client's inspection of our company is part of the story the review meeting goes over:
/// the retrospective lists the receptions beside the visits, in the playbook's language.
#[test]
fn the_retrospective_lists_the_receptions_in_both_languages() {
    let en = run(&["report", "retro", "haisheng-food"]);
    within_80(&en);
    en.code(0)
        .stdout_has("3. Receptions at our company")
        .stdout_has("Their delegation")
        .stdout_has("2026-06-05  我司苏州总部")
        .stdout_has("目标达成：陈总认可越南服务安排");
    let zh = run_zh(&["report", "retro", "haisheng-food"]);
    within_80(&zh);
    zh.code(0)
        .stdout_has("3. 客户来我司考察（接待）")
        .stdout_has("客户代表团")
        .stdout_has("2026-06-05  我司苏州总部  陈海生、许敏、陆萍");
    // No reception held: said so, not left out.
    run(&["report", "retro", "xinghe-electronics"])
        .code(0)
        .stdout_has("No reception of the client at our company recorded.");
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
    let find = |kind: &str, why: &str| {
        items
            .iter()
            .find(|i| i["kind"] == kind && i["why"].as_str().unwrap().contains(why))
            .unwrap_or_else(|| panic!("no {kind} item with {why}: {items:#?}"))
    };
    let usd = find("collection", "HS-VN-2026-01 Down payment 40%");
    assert_eq!(usd["late_days"], 102);
    assert_eq!(
        usd["why"],
        "HS-VN-2026-01 Down payment 40%: 32,000 USD outstanding, due 2026-08-15; 越南工厂扩产占用资金，客户提出分三个月付清"
    );
    let action = usd["action"].as_str().unwrap();
    assert!(
        action.starts_with("The client is short of cash: Offer a flexible payment plan"),
        "{action}"
    );
    assert!(
        action.contains("Escalate — Higher-level relationship (60+ days overdue)"),
        "{action}"
    );
    assert_eq!(usd["command"], "kam report after-deal haisheng-food");
    let cny = find("collection", "到货验收款");
    assert_eq!(cny["late_days"], 56);
    assert!(cny["action"].as_str().unwrap().contains("change the project manager"));
    // The return visit of the won account (tier A, every 30 days since 2026-10-20).
    let visit = find("return_visit", "last visit 2026-10-20; a return visit every 30 days");
    assert_eq!(visit["id"], "haisheng-food");
    assert_eq!(visit["date"], "2026-11-19");
    // The pilot contract expires 2027-02-28: its renewal is due from 90 days before.
    let renewal = items.iter().find(|i| i["kind"] == "renewal").expect("a renewal");
    assert_eq!(renewal["date"], "2026-11-30");
    assert!(renewal["why"].as_str().unwrap().starts_with("contract HS-PILOT-2026"));
    assert!(renewal["why"].as_str().unwrap().ends_with("expires on 2027-02-28"));
    let sooner = run(&["due", "--within", "4", "--format", "json"]);
    let sooner: Vec<serde_json::Value> = serde_json::from_str(&sooner.stdout).unwrap();
    assert!(sooner.iter().all(|i| i["kind"] != "renewal"), "{sooner:#?}");
    // --kind selects the collection items alone.
    let only = run(&["due", "--kind", "collection", "--format", "json"]);
    let only: Vec<serde_json::Value> = serde_json::from_str(&only.stdout).unwrap();
    assert_eq!(only.len(), 2, "{only:#?}");
}

#[test]
fn the_agenda_shows_the_response_in_both_languages() {
    let out = run(&["due"]);
    out.code(0);
    within_80(&out);
    out.stdout_has("haisheng-food · zhang.min · payment")
        .stdout_has("  → They think our delivery quality is at fault: Check at once.")
        .stdout_has("return visit");
    let zh = run_zh(&["due"]);
    zh.code(0);
    within_80(&zh);
    zh.stdout_has("haisheng-food · zhang.min · 帐款催收")
        .stdout_has("  → 客户资金短缺：灵活付款方案，协助客户融资。升级处理")
        .stdout_has("大客户回访");
    let md = run(&["due", "--format", "md"]);
    md.code(0)
        .stdout_has("| The client is short of cash: Offer a flexible payment plan");
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
        "warning[KAM028]: no project retrospective since the account moved to `lost` (Lost); it was due by 2026-12-10",
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
                .replace("    key: [contract, item]\n", "    key: [contract, invoice_no]\n")
        })
        .args(&["check"])
        .run();
    out.code(2);
    let all = format!("{}{}", out.stdout, out.stderr);
    for needle in [
        "unknown non-payment cause `bad_luck`",
        "unknown outcome `gone`",
        "unknown tier `Z`",
        "key field `invoice_no` is not a field of this record type",
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

fn playbooks() -> [(&'static str, kam::domain::playbook::Playbook); 2] {
    let en = kam::io::playbook_file::default_playbook().unwrap();
    let zh = kam::io::playbook_file::load("zh-CN.yaml", &zh_playbook()).unwrap();
    [("en", en), ("zh", zh)]
}

#[test]
fn the_audit_corrections_hold_in_both_playbooks() {
    for (lang, pb) in playbooks() {
        // 主要产品销售量 is a volume (text with its unit), not an amount.
        let volume = pb.archive_field("products.sales_volume").expect(lang);
        assert_eq!(volume.kind, kam::domain::playbook::Kind::Text, "{lang}");
        // 上级主管 and 经常向谁汇报工作 are two people.
        let contacts = pb.record_type("contacts").unwrap();
        let (superior, reports_to) = (
            contacts.field("superior").unwrap(),
            contacts.field("reports_to").unwrap(),
        );
        assert_eq!(superior.kind, kam::domain::playbook::Kind::Contact, "{lang}");
        assert_ne!(superior.label, reports_to.label, "{lang}");
        // Stage 5's company support: site visit and contract signing.
        let close = pb.stage("close").unwrap();
        assert!(
            close.support.contains("contract signing") || close.support.contains("合同签订"),
            "{lang}: {}",
            close.support
        );
        // Peer reputation has its own scale.
        assert_eq!(
            pb.archive_field("company.reputation").unwrap().values.as_deref(),
            Some("reputation")
        );
    }
    let [(_, en), (_, zh)] = playbooks();
    assert_eq!(en.enum_label("reputation", "average"), "Ordinary");
    assert_eq!(en.enum_label("payment_attitude", "difficult"), "Reluctant");
    // The seed's own Chinese terms.
    for (list, id, term) in [
        ("payment_attitude", "chronic_arrears", "嗜欠耗款"),
        ("industry_position", "lagging", "末流"),
        ("reputation", "average", "普通"),
        ("ownership", "state_owned", "国企"),
        ("ownership", "joint_stock", "股份"),
        ("visit_form", "return_visit", "大客户回访"),
        ("contract_kind", "strategic_agreement", "战略合作协议"),
        ("nonpayment_cause", "cash_shortage", "客户资金短缺"),
        ("nonpayment_cause", "malicious_arrears", "恶意拖欠"),
        ("aftercare_kind", "feedback", "实用信息反馈"),
        ("aftercare_kind", "new_project", "新项目信息"),
        ("aftercare_kind", "value_added", "增值服务"),
        ("aftercare_kind", "maintenance", "大客户维护"),
    ] {
        assert_eq!(zh.enum_label(list, id), term, "{list}.{id}");
    }
    assert_eq!(
        zh.archive_field("products.sales_volume").unwrap().label,
        "主要产品销售量"
    );
    let contacts = zh.record_type("contacts").unwrap();
    assert_eq!(contacts.field("superior").unwrap().label, "上级主管");
    assert_eq!(contacts.field("reports_to").unwrap().label, "经常向谁汇报工作");
    assert_eq!(zh.stage("close").unwrap().support, "实地考察、合同签订");
    // 信息反馈与方案修正: a plan task records what the feedback revised.
    assert_eq!(
        zh.record_type("plan").unwrap().field("revision").unwrap().label,
        "信息反馈与方案修正"
    );
    assert!(
        zh.doc
            .policy
            .visit_materials
            .iter()
            .any(|m| m.starts_with("贵重礼品（大客户关键人物公关使用"))
    );
    // The visit follow-up within a week is not the return visit after the deal.
    assert_ne!(
        zh.record_type("visits").unwrap().field("followed_up").unwrap().label,
        "回访日期"
    );
    // The retrospective's four parts in the seed's words, with every point of each.
    let retro = zh.doc.retrospective.as_ref().unwrap();
    let parts: Vec<(&str, usize)> = retro.parts.iter().map(|p| (p.label.as_str(), p.fields.len())).collect();
    assert_eq!(
        parts,
        [
            ("项目背景还原", 5),
            ("项目策划过程还原", 4),
            ("项目实施过程还原", 6),
            ("项目结果及经验教训总结", 5)
        ]
    );
    assert_eq!(retro.parts[3].fields[0].label, "总结赢在哪里，输在哪里");
}

#[test]
fn each_cause_carries_the_seeds_response_in_both_playbooks() {
    for (lang, pb) in playbooks() {
        let causes = pb.enum_values("nonpayment_cause").unwrap();
        let ids: Vec<&str> = causes.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "cash_shortage",
                "product_doubts",
                "delivery_doubts",
                "competitor",
                "relationship_gaps",
                "malicious_arrears"
            ],
            "{lang}"
        );
        assert!(
            causes.iter().all(|c| !c.help.trim().is_empty()),
            "{lang}: every cause has its response"
        );
        let steps: Vec<&str> = pb.doc.after_deal.escalation.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(steps, ["higher_level", "legal"], "{lang}");
    }
    let [_, (_, zh)] = playbooks();
    let response = |id: &str| zh.enum_value("nonpayment_cause", id).unwrap().help.clone();
    assert!(response("cash_shortage").contains("灵活付款方案，协助客户融资"));
    assert!(response("delivery_doubts").contains("更换项目经理"));
    assert!(response("malicious_arrears").contains("法律手段"));
}

#[test]
fn the_samples_show_the_work_after_the_deal() {
    use kam::domain::account::Account;
    use kam::domain::after_deal::receivables::receivables;
    use kam::domain::after_deal::retro::retro_status;
    use kam::domain::after_deal::{contracts::contracts, watch};
    let pb = kam::io::playbook_file::default_playbook().unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let read = |path: &str| std::fs::read_to_string(repo().join(path)).unwrap();
    let mut won_with_everything = 0;
    let mut overdue_with_cause = 0;
    for path in ["accounts/north/beifang-dairy.toml", "accounts/east/haisheng-food.toml"] {
        let text = read(path);
        let root = kam::io::account_file::parse(&text).unwrap();
        let a = Account::new(&root);
        assert_eq!(a.stage_id(), "won", "{path}");
        let c = contracts(&pb, &a);
        let r = receivables(&pb, &a, &c, today);
        let since = a.stage_since().unwrap();
        let return_visits = a
            .visits
            .iter()
            .filter(|v| v.date("date").is_some_and(|d| d > since))
            .count();
        let retro = retro_status(&pb, &a, today).unwrap();
        if !c.is_empty() && !r.is_empty() && return_visits > 0 && retro.is_written() && !a.aftercare.is_empty() {
            won_with_everything += 1;
        }
        overdue_with_cause += r.iter().filter(|x| x.is_overdue() && x.cause.is_some()).count();
        assert!(watch(&pb, &a, Some("A"), today).return_visit.is_some(), "{path}");
    }
    assert_eq!(won_with_everything, 2);
    assert!(overdue_with_cause >= 1);
    let lost = read("accounts/south/xinghe-electronics.toml");
    let root = kam::io::account_file::parse(&lost).unwrap();
    let a = Account::new(&root);
    assert_eq!(a.stage_id(), "lost");
    assert!(retro_status(&pb, &a, today).unwrap().is_written());
}
