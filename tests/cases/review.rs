//! `kam diff` reviews every change and judges gates with the rules in force before it: a playbook
//! relaxed in the same change that uses it fails `--check`; a playbook change reads in business
//! terms with the accounts it moves; every field and every record of every kind that changed
//! appears, personal data only as "changed"; the past is append-only; Markdown puts the business
//! summary first and each account's detail in a `<details>` block; `--since` finds the base.
//! Each test is a real git repository of the sample accounts.

use crate::support::{Test, commit, committed, default_playbook, edit, repo};

const DONGSHENG: &str = "accounts/north/dongsheng-food.toml";
const NINGZHOU: &str = "accounts/east/ningzhou-battery.toml";
const KANGYUAN: &str = "accounts/east/kangyuan-pharma.toml";

/// Moves dongsheng-food (tier B, in `assess`) on to `relationship` with a history record, and
/// gives it what the gate asks besides the tier: a plan with owners and dates.
fn advance_dongsheng(t: &Test) {
    edit(t, DONGSHENG, |s| {
        s.replace("stage = \"assess\"", "stage = \"relationship\"")
            + "\n[[plan]]\ntask = \"韩总参观菏泽样板\"\nowner = \"chen.jie\"\ndue = 2026-12-05\n\
               \n[[plan]]\ntask = \"约董事长见面\"\nowner = \"zhao.lei\"\ndue = 2026-12-20\n\
               \n[[history]]\nfrom = \"assess\"\nto = \"relationship\"\ndate = 2026-11-24\nby = \"chen.jie\"\n"
    });
}

#[test]
fn a_playbook_relaxed_in_the_change_that_uses_it_fails_check() {
    let t = committed();
    t.write("kam.yaml", &default_playbook());
    commit(&t, "the playbook as a file");
    // One change: the playbook lets tier B through, and a B account goes through.
    edit(&t, "kam.yaml", |s| {
        s.replace(
            "auto: { scored: { tiers: [A] } }",
            "auto: { scored: { tiers: [A, B] } }",
        )
    });
    advance_dongsheng(&t);
    commit(&t, "relax and use");
    // Under the new playbook alone the account is clean.
    t.kam(&["check"]).code(0);
    let out = t.kam(&["diff", "--check", "HEAD~1", "HEAD"]);
    out.code(1)
        .stdout_has("Gates are judged with the playbook in force before the change: kam.yaml at HEAD~1")
        .stdout_has("✗ gate of assess, 2026-11-24: not met, missing: rated")
        .stdout_has("met only under the playbook this change brings")
        .stdout_has("relaxes kam.yaml and uses the relaxed rule in the same step");
    // In business terms: the rule that changed, old → new.
    out.stdout_has(
        "the rule of exit item `rated` (Every value factor rated, tier A) of stage `assess` (Value assessment and development plan): { scored: { tiers: [A] } } → { scored: { tiers: [A, B] } }",
    );
    // Landed on its own first, the same move is judged by the new rules and passes.
    let t = committed();
    t.write("kam.yaml", &default_playbook());
    commit(&t, "the playbook as a file");
    edit(&t, "kam.yaml", |s| {
        s.replace(
            "auto: { scored: { tiers: [A] } }",
            "auto: { scored: { tiers: [A, B] } }",
        )
    });
    commit(&t, "relax");
    advance_dongsheng(&t);
    commit(&t, "use");
    t.kam(&["diff", "--check", "HEAD~1", "HEAD"])
        .code(0)
        .stdout_has("✓ gate of assess, 2026-11-24: met");
}

#[test]
fn relaxing_the_embedded_playbook_in_the_working_tree_is_judged_by_the_old_rules() {
    // No kam.yaml at HEAD: the embedded playbook was in force. A kam.yaml written in the same
    // change cannot open a gate for it.
    let t = committed();
    t.write(
        "kam.yaml",
        &default_playbook().replace(
            "auto: { scored: { tiers: [A] } }",
            "auto: { scored: { tiers: [A, B] } }",
        ),
    );
    advance_dongsheng(&t);
    t.kam(&["diff", "--check"])
        .code(1)
        .stdout_has("Gates are judged with the playbook in force before the change: <embedded default playbook>")
        .stdout_has("met only under the playbook this change brings");
}

#[test]
fn a_playbook_change_reads_in_business_terms_with_the_accounts_it_moves() {
    let t = committed();
    t.write("kam.yaml", &default_playbook());
    commit(&t, "the playbook as a file");
    edit(&t, "kam.yaml", |s| {
        s.replace(
            "      weight: 4\n      higher_is_better: true\n      help: \"1 = marginal",
            "      weight: 1\n      higher_is_better: true\n      help: \"1 = marginal",
        )
        .replace(
            "when: \"value >= 70 and difficulty <= 60\"",
            "when: \"value >= 80 and difficulty <= 60\"",
        )
        .replace("kind: integer, required: relationship }", "kind: integer }")
        .replace(
            "{ id: birthday, label: Birthday, kind: date, sensitive: true }",
            "{ id: birthday, label: Birthday, kind: date }",
        )
        .replace("layer: management, veto: true, help", "layer: management, help")
        .replace(
            "        label: Quote sent\n",
            "        label: Quote sent and explained\n",
        )
    });
    let out = t.kam(&["diff"]);
    out.code(0)
        .stdout_has("Playbook")
        .stdout_has("weight of value factor `business_value` (Value of the deal to our business): 4.0 → 1.0")
        .stdout_has("the rule of tier `A`: value >= 70 and difficulty <= 60 → value >= 80 and difficulty <= 60")
        .stdout_has("when `finance.payment_cycle_days` (Payment cycle (days)) is required: relationship → never")
        .stdout_has("whether `contacts.birthday` (Birthday) is personal data: true → false")
        .stdout_has("whether `role.technical` holds a veto: true → false")
        .stdout_has("label of exit item `quote`")
        .stdout_has("Accounts the new rules move (same data, both playbooks):")
        // kangyuan: value 75 (25·(3·3 + 1·3 + 3·3)/7 = 75 with business_value weighing 1) is
        // below the new bound of 80: tier A → B, on the same data.
        .stdout_has("kangyuan-pharma: tier A → B");
    assert!(!out.stdout.contains("no account changed\n\n"), "{}", out.stdout);
    // A comment-only edit is said to be one.
    let t = committed();
    t.write("kam.yaml", &default_playbook());
    commit(&t, "the playbook as a file");
    edit(&t, "kam.yaml", |s| s.replace("# kam playbook", "# our kam playbook"));
    t.kam(&["diff"])
        .code(0)
        .stdout_has("kam.yaml was edited, but no rule changed");
}

#[test]
fn a_stage_only_the_new_playbook_has_cannot_be_entered_in_the_same_change() {
    let t = committed();
    t.write("kam.yaml", &default_playbook());
    commit(&t, "the playbook as a file");
    edit(&t, "kam.yaml", |s| {
        s.replace(
            "  - id: close\n    label: Close\n",
            "  - id: pilot\n    label: Pilot\n    exit: []\n  - id: close\n    label: Close\n",
        )
    });
    edit(&t, KANGYUAN, |s| {
        s.replace("stage = \"close\"", "stage = \"pilot\"")
            + "\n[[history]]\nfrom = \"close\"\nto = \"pilot\"\ndate = 2026-11-24\nby = \"wang.fang\"\nreason = \"pilot first\"\n"
    });
    t.kam(&["diff", "--check"])
        .code(1)
        .stdout_has("`pilot` is not a stage of the playbook in force before this change");
}

/// Every kind of change the review was blind to, in one commit of kangyuan-pharma.
fn everything_changes(t: &Test) {
    edit(t, KANGYUAN, |s| {
        s.replace("owner = \"wang.fang\"", "owner = \"li.wei\"")
            .replace("name = \"江苏康源医药物流有限公司\"", "name = \"江苏康源医药供应链有限公司\"")
            .replace("payment_attitude = \"prompt\"", "payment_attitude = \"slow\"")
            .replace("funding = \"sufficient\"", "funding = \"tight\"")
            .replace("budget = 3200000", "budget = 2900000")
            .replace("quote = \"硬件 + 平台 286 万，年服务费 18 万\"", "quote = \"硬件 + 平台 279 万，年服务费 18 万\"")
            // A report rewritten and a client view rewritten.
            .replace("report = \"考察时间、人员已确认\"", "report = \"考察时间已确认，人员待定\"")
            .replace("client_view = \"同意进入合同谈判\"", "client_view = \"原则同意，价格再议\"")
            // A visit deleted: the first contact of 2026-03-24.
            .replace(
                "[[visits]]\ndate = 2026-03-24\nform = \"office_meeting\"\nplace = \"康源南京库\"\nattendees = [\"xu-qing\"]\nour_team = [\"王芳\"]\npoints = \"了解飞检整改要求和现有温湿度系统\"\nclient_view = \"徐部长愿意安排演示\"\nnext_step = \"南京库演示\"\nnext_date = 2026-04-20\nreport = \"初次拜访：整改刚需，期限 2027 年 3 月\"\nfollowed_up = 2026-03-27\n\n",
                "",
            )
            // A plan task done, one re-dated.
            .replace("due = 2026-11-30\nstatus = \"doing\"", "due = 2026-11-30\nstatus = \"done\"")
            .replace("support = \"折扣已获公司确认\"\ndue = 2026-12-02", "support = \"折扣已获公司确认\"\ndue = 2026-12-09")
            // A contact's mobile written: personal data.
            .replace("title = \"财务部经理\"\n", "title = \"财务部经理\"\nmobile = \"13900000000\"\n")
            + "\n[[plan]]\ntask = \"准备签约仪式\"\nowner = \"wang.fang\"\ndue = 2026-12-20\n\
               \n[[competitors]]\nname = \"北辰冷链科技\"\nstrengths = \"价格低\"\n"
    });
}

#[test]
fn every_field_and_record_that_changed_appears() {
    let t = committed();
    everything_changes(&t);
    commit(&t, "everything");
    let out = t.kam(&["diff", "HEAD~1", "HEAD"]);
    out.code(0)
        .stdout_has("kangyuan-pharma: handed over: wang.fang → li.wei")
        .stdout_has("Owner (owner): wang.fang → li.wei")
        .stdout_has("Client (name): 江苏康源医药物流有限公司 → 江苏康源医药供应链有限公司")
        .stdout_has("Payment attitude (finance.payment_attitude): Prompt → Slow")
        .stdout_has("Funding (finance.funding): Sufficient → Tight")
        .stdout_has("Project budget (finance.budget): 3200000 → 2900000")
        .stdout_has(
            "Quote summary (simulation.quote): 硬件 + 平台 286 万，年服务费 18 万 → 硬件 + 平台 279 万，年服务费 18 万",
        )
        .stdout_has("− 2026-03-24 · Office meeting (removed)")
        .stdout_has(
            "~ 2026-10-28 · Office meeting: Visit report (report): 考察时间、人员已确认 → 考察时间已确认，人员待定",
        )
        .stdout_has(
            "~ 2026-11-20 · Office meeting: The client's view (client_view): 同意进入合同谈判 → 原则同意，价格再议",
        )
        .stdout_has("~ 完成 GSP 验证文件模板: Status (status): In progress → Done")
        .stdout_has("~ 合同谈判: Due (due): 2026-12-02 → 2026-12-09")
        .stdout_has("+ 准备签约仪式: Task: 准备签约仪式; Owner: wang.fang; Due: 2026-12-20")
        .stdout_has("+ 北辰冷链科技: Company: 北辰冷链科技; Strengths: 价格低")
        .stdout_has("~ lu-ping · 陆萍: Mobile (mobile): changed (personal data)");
    assert!(
        !out.stdout.contains("13900000000"),
        "a mobile number leaked:\n{}",
        out.stdout
    );
    // JSON carries the same, personal data as `null` on both sides.
    let json = t.kam(&["diff", "HEAD~1", "HEAD", "--format", "json"]);
    assert!(!json.stdout.contains("13900000000"));
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let records = v["accounts"][0]["records"].as_array().unwrap();
    let mobile = records
        .iter()
        .flat_map(|r| r["fields"].as_array().unwrap())
        .find(|f| f["path"] == "mobile")
        .unwrap();
    assert_eq!(
        (mobile["from"].is_null(), mobile["to"].is_null(), &mobile["sensitive"]),
        (true, true, &serde_json::json!(true))
    );
}

#[test]
fn removing_a_report_alone_is_shown_never_no_change() {
    let t = committed();
    edit(&t, NINGZHOU, |s| s.replace("report = \"需求紧迫，二期预算已批\"\n", ""));
    let out = t.kam(&["diff"]);
    out.code(0)
        .stdout_has("~ 2026-07-08 · Office meeting: Visit report (report): 需求紧迫，二期预算已批 → —");
    assert!(!out.stdout.contains("No change"), "{}", out.stdout);
    // A comment only: the review says exactly that.
    let t = committed();
    edit(&t, NINGZHOU, |s| {
        s.replace("[finance]\n", "[finance]\n# checked with 顾晨 in November\n")
    });
    t.kam(&["diff"])
        .code(0)
        .stdout_has("Only comments, blank lines or layout changed: every value is as it was.");
}

#[test]
fn records_of_a_kind_the_playbook_added_later_appear_without_new_code() {
    let playbook = default_playbook().replace(
        "  procurement_step:\n    label: Procurement step\n",
        "  invoices:\n    label: Invoices\n    fields:\n      - { id: invoice, label: Invoice, kind: text, required: always }\n      - { id: amount, label: Amount, kind: money }\n      - { id: due, label: Due, kind: date, schedule: true }\n      - { id: paid, label: Paid on, kind: date }\n  procurement_step:\n    label: Procurement step\n",
    );
    let t = committed();
    t.write("kam.yaml", &playbook);
    edit(&t, KANGYUAN, |s| {
        s + "\n[[invoices]]\ninvoice = \"KY-001\"\namount = 1430000\ndue = 2026-12-31\n"
    });
    commit(&t, "receivables");
    edit(&t, KANGYUAN, |s| {
        s.replace("due = 2026-12-31\n", "due = 2026-12-31\npaid = 2026-11-24\n")
            + "\n[[invoices]]\ninvoice = \"KY-002\"\namount = 1430000\n"
    });
    t.kam(&["diff"])
        .code(0)
        .stdout_has("Invoices   ~ KY-001: Paid on (paid): — → 2026-11-24")
        .stdout_has("Invoices   + KY-002: Invoice: KY-002; Amount: 1430000");
}

#[test]
fn the_past_is_append_only() {
    // A past history record edited (a date moved), one removed, and evidence of a crossed gate
    // rewritten: each fails --check, with what happened.
    let t = committed();
    edit(&t, KANGYUAN, |s| {
        s.replace(
            "to = \"assess\"\ndate = 2026-06-30",
            "to = \"assess\"\ndate = 2026-06-20",
        )
        .replace(
            "go = { evidence = \"王芳与赵磊决定开发：飞检整改刚需\"",
            "go = { evidence = \"王芳决定开发\"",
        )
    });
    let out = t.kam(&["diff", "--check"]);
    out.code(1)
        .stdout_has("the history record of 2026-06-30 (demo → assess) was edited (Date 2026-06-30 → 2026-06-20)")
        .stdout_has("the evidence for `go` of the gate of `qualify`, which the account had already crossed, was rewritten: “王芳与赵磊决定开发：飞检整改刚需” → “王芳决定开发”");
    let t = committed();
    edit(&t, KANGYUAN, |s| {
        s.replace(
            "[[history]]\nfrom = \"demo\"\nto = \"assess\"\ndate = 2026-06-30\nby = \"wang.fang\"\n\n",
            "",
        )
    });
    t.kam(&["diff", "--check"])
        .code(1)
        .stdout_has("the history record of 2026-06-30 (demo → assess) was removed");
    // A stage moved back by hand, with no record.
    let t = committed();
    edit(&t, KANGYUAN, |s| {
        s.replace("stage = \"close\"", "stage = \"relationship\"")
    });
    t.kam(&["diff", "--check"])
        .code(1)
        .stdout_has("the stage moved back from `close` to `relationship` without a history record");
    // The same step back through `kam advance` is clean.
    let t = committed();
    t.kam(&[
        "advance",
        "kangyuan-pharma",
        "--to",
        "relationship",
        "--reason",
        "price reopened",
        "--by",
        "wang.fang",
    ])
    .code(0);
    t.kam(&["diff", "--check"])
        .code(0)
        .stdout_has("Stage history + 2026-11-25 · close → relationship");
}

#[test]
fn markdown_puts_the_business_summary_first_and_the_detail_in_details_blocks() {
    let t = committed();
    everything_changes(&t);
    advance_dongsheng(&t);
    commit(&t, "two accounts");
    let out = t.kam(&["diff", "HEAD~1", "HEAD", "--format", "md"]);
    out.code(0);
    let md = &out.stdout;
    let summary = md.find("### Summary").expect("a summary");
    let details = md.find("<details>").expect("details blocks");
    assert!(summary < details, "{md}");
    assert_eq!(md.matches("<details>").count(), 2, "{md}");
    assert_eq!(md.matches("</details>").count(), 2, "{md}");
    assert!(
        md.contains("- ❌ **dongsheng-food**: stage assess → relationship"),
        "{md}"
    );
    assert!(
        md.contains("- **kangyuan-pharma**: handed over: wang.fang → li.wei"),
        "{md}"
    );
    assert!(
        md.contains("<details><summary>❌ <b>dongsheng-food · 山东东晟食品集团有限公司</b> — changed</summary>"),
        "{md}"
    );
}

#[test]
fn since_reviews_the_change_since_the_last_commit_before_a_day() {
    let t = committed(); // committed on 2026-11-20 (the test identity's date)
    edit(&t, NINGZHOU, |s| {
        s.replace("funding = \"sufficient\"", "funding = \"average\"")
    });
    // A week before 2026-11-25 is 2026-11-18: no commit before it, so everything is new.
    t.kam(&["diff", "--since", "7d"])
        .code(0)
        .stdout_has("nothing (no commit before 2026-11-18) → working tree: 14 accounts changed (14 added)");
    // Since 2026-11-21: the samples commit of 2026-11-20 is the base, and only the edit shows.
    let out = t.kam(&["diff", "--since", "2026-11-21"]);
    out.code(0)
        .stdout_has("the last commit before 2026-11-21")
        .stdout_has("1 account changed (1 changed)")
        .stdout_has("Funding (finance.funding): Sufficient → Average");
    t.kam(&["diff", "--since", "yesterday"])
        .code(2)
        .stderr_has("--since 7d");
}

#[test]
fn receptions_approvals_and_expenses_appear_in_the_review() {
    // The reception's sign-off, its issue closed and a visit's expenses: records and keyed
    // tables of the seeds' playbook, reviewed like every other record.
    let t = committed();
    edit(&t, KANGYUAN, |s| {
        s.replace(
            "owner = \"sun.hao\"\ndue = 2026-11-30\n\n[[receptions.leads]]",
            "owner = \"sun.hao\"\ndue = 2026-11-30\nclosed = 2026-11-24\n\n[[receptions.leads]]",
        )
        .replace(
            "report_check = { by = \"zhao.lei\", date = 2026-11-16 }\n",
            "report_check = { by = \"zhao.lei\", date = 2026-11-16 }\nreimbursement = { by = \"财务部\", date = 2026-11-24 }\n",
        )
        .replace("expenses = 650\n", "expenses = 720\n")
        .replace(
            "funding = { by = \"财务部\", date = 2026-11-06 }",
            "funding = { by = \"财务部\", date = 2026-11-07 }",
        )
        .replace(
            "resources = { date = 2026-11-10, by = \"王芳\" }",
            "resources = { date = 2026-11-10, by = \"王芳\", note = \"车辆已确认\" }",
        )
    });
    let out = t.kam(&["diff"]);
    // The sign-off and the execution checks step by step, field by field — not the whole
    // inline table before and after.
    out.code(0)
        .stdout_has("GSP 验证文件何时交付")
        .stdout_has("Closed on (closed): — → 2026-11-24")
        .stdout_has("+ 2026-11-12 › reimbursement · Reimbursed: By: 财务部; Date: 2026-11-24")
        .stdout_has("~ 2026-11-12 › funding · Funding: Date (date): 2026-11-06 → 2026-11-07")
        .stdout_has("~ 2026-11-12 › resources · Every resource confirmed in advance: Note (note): — → 车辆已确认")
        .stdout_has("Actual expenses (expenses): 650 → 720");
    assert!(!out.stdout.contains("Approvals (approvals):"), "{}", out.stdout);
    assert!(!out.stdout.contains("review = {"), "{}", out.stdout);
    // In the Chinese playbook's words.
    t.write(
        "kam.yaml",
        &std::fs::read_to_string(crate::support::repo().join("examples/playbooks/zh-CN.yaml")).unwrap(),
    );
    t.kam(&["diff"])
        .code(0)
        .stdout_has("审批")
        .stdout_has("2026-11-12 › reimbursement · 费用报销: 审批人: 财务部; 日期: 2026-11-24")
        .stdout_has("resources · 提前确认资源: 备注 (note): — → 车辆已确认");
}

const XINGHE: &str = "accounts/south/xinghe-electronics.toml";

#[test]
fn a_nested_table_is_shown_value_by_value_with_its_labels_also_for_an_added_account() {
    let t = committed();
    edit(&t, XINGHE, |s| {
        s.replace("won_lost = \"输在财务：", "won_lost = \"输在价格：").replace(
            "date = 2026-10-15\nby = [\"zhang.min\", \"zhao.lei\"]",
            "date = 2026-10-16\nby = [\"zhang.min\", \"zhao.lei\"]",
        )
    });
    // A table the playbook does not know, nested too: still value by value.
    edit(&t, "accounts/north/huijia-retail.toml", |s| {
        s + "\n[extra]\nnote = \"old\"\n[extra.inner]\nlevel = 1\n"
    });
    commit(&t, "before");
    edit(&t, "accounts/north/huijia-retail.toml", |s| {
        s.replace("level = 1", "level = 2")
    });
    let out = t.kam(&["diff", "HEAD~1", "HEAD"]);
    out.code(0)
        .stdout_has(
            "Project retrospective › Results and lessons › Where we won and where we lost (retrospective.results.won_lost): 输在财务：",
        )
        .stdout_has("→ 输在价格：")
        .stdout_has("Project retrospective › date (retrospective.date): 2026-10-15 → 2026-10-16")
        .stdout_has("extra › inner › level (extra.inner.level): — → 1")
        .stdout_has("extra › note (extra.note): — → old");
    t.kam(&["diff"])
        .code(0)
        .stdout_has("extra › inner › level (extra.inner.level): 1 → 2");
    // One value changed, one line: the rest of the retrospective is not repeated.
    assert!(!out.stdout.contains("client_plans"), "{}", out.stdout);
    assert!(!out.stdout.contains("{ background"), "{}", out.stdout);
    // An added account: each value of its retrospective on its own line, labelled.
    let text = t.read(XINGHE);
    t.write(
        "accounts/south/xinghe-copy.toml",
        &text.replace("id = \"xinghe-electronics\"", "id = \"xinghe-copy\""),
    );
    let out = t.kam(&["diff"]);
    out.code(0)
        .stdout_has("Project retrospective › The project's background › Political and economic climate (retrospective.background.climate): — → 消费电子订单下滑");
    assert!(!out.stdout.contains("{ background"), "{}", out.stdout);
    // In the Chinese playbook's words.
    t.write(
        "kam.yaml",
        &std::fs::read_to_string(repo().join("examples/playbooks/zh-CN.yaml")).unwrap(),
    );
    edit(&t, XINGHE, |s| {
        s.replace("won_lost = \"输在价格：", "won_lost = \"输在财务：")
    });
    t.kam(&["diff"])
        .code(0)
        .stdout_has("项目总结 › 项目结果及经验教训总结 › 总结赢在哪里，输在哪里 (retrospective.results.won_lost)");
}

const HENGRUI: &str = "accounts/east/hengrui-precision.toml";

/// Moves hengrui-precision (in `qualify`, its go decision missing) on to `demo` with a move and
/// the go decision both dated after the test's today (2026-11-25).
fn move_hengrui_in_the_future(t: &Test) {
    edit(t, HENGRUI, |s| {
        s.replace("stage = \"qualify\"", "stage = \"demo\"")
            + "\n[checklist]\ngo = { evidence = \"李伟与赵磊决定开发\", date = 2026-12-01 }\n\
               \n[[history]]\nfrom = \"qualify\"\nto = \"demo\"\ndate = 2026-12-05\nby = \"li.wei\"\n"
    });
}

#[test]
fn a_move_dated_after_today_fails_check_as_kam_check_reports_it() {
    // The move is dated 2026-12-05 and the go decision 2026-12-01: as of the move's own day the
    // gate would look met. The review refuses the move with check's words and code, and judges
    // the gate as of today, when the decision is still planned.
    let t = committed();
    move_hengrui_in_the_future(&t);
    let out = t.kam(&["diff", "--check"]);
    out.code(1)
        .stdout_has("KAM024: this history record is dated 2026-12-05, after today (2026-11-25) (qualify → demo): a stage moves on the day `kam advance` records it")
        .stdout_has("go");
    let check = t.kam(&["check", HENGRUI]);
    check
        .code(1)
        .stdout_has("error[KAM024]: this history record is dated 2026-12-05, after today (2026-11-25)");
    let json: serde_json::Value =
        serde_json::from_str(&t.kam(&["diff", "--check", "--format", "json"]).stdout).unwrap();
    let findings = json["accounts"][0]["findings"].as_array().unwrap();
    assert!(
        findings
            .iter()
            .any(|f| f["kind"] == "history_after_today" && f["code"] == "KAM024"),
        "{findings:?}"
    );
    // Markdown says the same.
    t.kam(&["diff", "--check", "--format", "md"])
        .code(1)
        .stdout_has("KAM024: this history record is dated 2026-12-05");
    // The same move on the day it happens passes.
    let t = committed();
    move_hengrui_in_the_future(&t);
    t.kam(&["diff", "--check", "--today", "2026-12-05"]).code(0);
    // A new account whose history holds a move dated later fails too.
    let t = committed();
    let text = t.read(HENGRUI).replace("hengrui-precision", "hengrui-two");
    t.write("accounts/east/hengrui-two.toml", &text);
    move_hengrui_in_the_future(&t);
    std::fs::remove_file(t.path().join("accounts/east/hengrui-two.toml")).unwrap();
    let moved = t.read(HENGRUI).replace("hengrui-precision", "hengrui-two");
    t.git(&["checkout", "-q", "--", HENGRUI]);
    t.write("accounts/east/hengrui-two.toml", &moved);
    commit(&t, "a new account");
    t.kam(&["diff", "HEAD~1", "HEAD", "--check"])
        .code(1)
        .stdout_has("KAM024: this history record is dated 2026-12-05");
}
