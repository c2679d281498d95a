//! Daily work without hand-editing TOML, part one: `kam set` and `kam unset` (part two, visits,
//! tasks, evidence and contacts: `visits.rs`). Every write keeps the rest of the file byte for
//! byte; every refused write leaves the file byte-identical.

use crate::support::{Test, repo, zh_playbook};

pub const KANGYUAN: &str = "accounts/east/kangyuan-pharma.toml";

pub fn sample() -> String {
    std::fs::read_to_string(repo().join(KANGYUAN)).unwrap()
}

/// The lines that differ between two texts, as (removed, added).
pub fn changed(old: &str, new: &str) -> (Vec<String>, Vec<String>) {
    let diff = similar::TextDiff::from_lines(old, new);
    let mut removed = Vec::new();
    let mut added = Vec::new();
    for c in diff.iter_all_changes() {
        match c.tag() {
            similar::ChangeTag::Delete => removed.push(c.value().trim_end().to_string()),
            similar::ChangeTag::Insert => added.push(c.value().trim_end().to_string()),
            similar::ChangeTag::Equal => {}
        }
    }
    (removed, added)
}

#[test]
fn set_changes_exactly_the_values_and_says_what_changed() {
    let out = Test::samples()
        .args(&[
            "set",
            "kangyuan",
            "finance.payment_attitude=slow",
            "company.employees=900",
        ])
        .run();
    out.code(0)
        .stdout_has("kangyuan-pharma (accounts/east/kangyuan-pharma.toml)")
        .stdout_has("Payment attitude (finance.payment_attitude): prompt → slow")
        .stdout_has("Employees (company.employees): 860 → 900");
    let (removed, added) = changed(&sample(), &out.read(KANGYUAN));
    assert_eq!(removed, ["employees = 860", "payment_attitude = \"prompt\""]);
    assert_eq!(added, ["employees = 900", "payment_attitude = \"slow\""]);
}

#[test]
fn a_value_the_playbook_refuses_is_a_check_diagnostic_and_the_file_stays() {
    let out = Test::samples()
        .args(&["set", "kangyuan-pharma", "finance.payment_attitude=slw"])
        .run();
    out.code(1)
        .stdout_has("error[KAM004]: `slw` is not an allowed value of `finance.payment_attitude`")
        .stdout_has("did you mean `slow`?")
        .stdout_has("nothing was changed");
    assert_eq!(out.read(KANGYUAN), sample());
    // A value that is not of the field's kind points at the command line.
    let out = Test::samples()
        .args(&["set", "kangyuan", "ratings.deal_risk=high"])
        .run();
    out.code(1)
        .stdout_has("error[KAM003]")
        .stdout_has("--> command line:1:19")
        .stdout_has("`ratings.deal_risk` expects a rating from 1 to 5");
    assert_eq!(out.read(KANGYUAN), sample());
    let out = Test::samples().args(&["set", "kangyuan", "ratings.deal_risk=7"]).run();
    out.code(1).stdout_has("error[KAM006]");
}

#[test]
fn values_are_typed_by_the_playbook() {
    let out = Test::samples()
        .args(&[
            "set",
            "kangyuan",
            "ratings.deal_risk=4",
            "--why",
            "冷眼物联降价 15%",
            "finance.implementation_date=2027-03-01",
            "tags+=疫苗",
            "company.qualifications=GSP, ISO 9001",
            "finance.budget=3300000",
        ])
        .run();
    out.code(0);
    let (_, added) = changed(&sample(), &out.read(KANGYUAN));
    assert!(
        added.contains(&"deal_risk = { rating = 4, why = \"冷眼物联降价 15%\" }".to_string()),
        "{added:#?}"
    );
    assert!(
        added.contains(&"implementation_date = 2027-03-01".to_string()),
        "{added:#?}"
    );
    assert!(
        added.contains(&"tags = [\"华东\", \"医药冷链\", \"GSP\", \"疫苗\"]".to_string()),
        "{added:#?}"
    );
    assert!(
        added.contains(&"qualifications = [\"GSP\", \"ISO 9001\"]".to_string()),
        "{added:#?}"
    );
    assert!(added.contains(&"budget = 3300000".to_string()), "{added:#?}");
    Test::samples().args(&["check", "kangyuan"]).run().code(0);
}

#[test]
fn contacts_are_set_by_id_and_a_new_stance_is_dated() {
    let out = Test::samples()
        .args(&["set", "kangyuan", "contacts.tang.stance=supporter"])
        .run();
    out.code(0)
        .stdout_has("Stance (contacts.tang-lei.stance): neutral → supporter")
        .stdout_has("Stance assessed on (contacts.tang-lei.assessed): 2026-11-25");
    let text = out.read(KANGYUAN);
    assert!(
        text.contains("stance = \"supporter\"\ncloseness = 3\nassessed = 2026-11-25\n"),
        "{text}"
    );
    let (removed, added) = changed(&sample(), &text);
    assert_eq!(removed, ["stance = \"neutral\""]);
    assert_eq!(added, ["stance = \"supporter\"", "assessed = 2026-11-25"]);
}

#[test]
fn labels_work_under_the_chinese_playbook() {
    let out = Test::samples()
        .file("kam.yaml", &zh_playbook())
        .args(&["set", "kangyuan", "客户财务情况.付款态度=迟缓"])
        .run();
    out.code(0).stdout_has("(finance.payment_attitude): prompt → slow");
    let out = Test::samples()
        .file("kam.yaml", &zh_playbook())
        .args(&[
            "log",
            "kangyuan",
            "--form",
            "电话",
            "--with",
            "徐青",
            "--points",
            "确认模板",
        ])
        .run();
    out.code(0);
    assert!(out.read(KANGYUAN).ends_with(
        "\n[[visits]]\ndate = 2026-11-25\nform = \"phone\"\nattendees = [\"xu-qing\"]\npoints = \"确认模板\"\n\n[[plan]]\ntask = \"完成 GSP 验证文件模板\"\nowner = \"sun.hao\"\ndue = 2026-11-30\nstatus = \"doing\"\n\n[[plan]]\ntask = \"合同谈判\"\nowner = \"zhao.lei\"\nsupport = \"折扣已获公司确认\"\ndue = 2026-12-02\nstatus = \"open\"\n\n[[history]]\nfrom = \"qualify\"\nto = \"demo\"\ndate = 2026-04-22\nby = \"wang.fang\"\n\n[[history]]\nfrom = \"demo\"\nto = \"assess\"\ndate = 2026-06-30\nby = \"wang.fang\"\n\n[[history]]\nfrom = \"assess\"\nto = \"relationship\"\ndate = 2026-08-18\nby = \"wang.fang\"\n\n[[history]]\nfrom = \"relationship\"\nto = \"close\"\ndate = 2026-11-02\nby = \"wang.fang\"\nnote = \"报价已出，江总同意考察\"\n"
    ));
}

#[test]
fn what_only_advance_or_evidence_write_is_refused() {
    for (arg, says) in [
        ("stage=won", "the stage changes only through its gate"),
        ("history=x", "written by `kam advance` only"),
        ("checklist.go=x", "kam evidence"),
        ("id=x", "the id is the file name"),
        ("finance.paymnt_attitude=slow", "did you mean `payment_attitude`?"),
    ] {
        let out = Test::samples().args(&["set", "kangyuan", arg]).run();
        out.code(2).stderr_has(says);
        assert_eq!(out.read(KANGYUAN), sample(), "{arg}");
    }
}

#[test]
fn an_owner_close_to_a_known_one_is_refused() {
    let out = Test::samples().args(&["set", "kangyuan", "owner=wangfang"]).run();
    out.code(2).stderr_has("did you mean `wang.fang`?");
    Test::samples()
        .args(&["set", "kangyuan", "owner=li.wei"])
        .run()
        .code(0)
        .stdout_has("Owner (owner): wang.fang → li.wei");
}

#[test]
fn dry_run_prints_the_diff_and_writes_nothing() {
    let out = Test::samples()
        .args(&["set", "kangyuan", "finance.funding=tight", "--dry-run"])
        .run();
    out.code(0).stderr_has("dry run: nothing was written");
    assert!(
        out.stdout
            .starts_with("--- a/accounts/east/kangyuan-pharma.toml\n+++ b/accounts/east/kangyuan-pharma.toml\n@@"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("\n-funding = \"sufficient\"\n+funding = \"tight\"\n"),
        "{}",
        out.stdout
    );
    assert_eq!(out.read(KANGYUAN), sample());
}

#[test]
fn personal_data_stays_out_of_what_is_printed() {
    let out = Test::samples()
        .args(&["set", "kangyuan", "contacts.jiang-hua.birthday=1968-05-04"])
        .run();
    out.code(0).stdout_has("(personal data, not shown)");
    assert!(!out.stdout.contains("1968"), "{}", out.stdout);
    assert!(out.read(KANGYUAN).contains("birthday = 1968-05-04"));
    let dry = Test::samples()
        .args(&["set", "kangyuan", "contacts.jiang-hua.birthday=1968-05-04", "--dry-run"])
        .run();
    dry.code(0);
    assert!(!dry.stdout.contains("1968"), "{}", dry.stdout);
    let bad = Test::samples()
        .args(&["set", "kangyuan", "contacts.jiang-hua.mobile=n/a"])
        .run();
    bad.code(1).stdout_has("KAM005");
    assert!(!bad.stdout.contains("n/a"), "{}", bad.stdout);
}

#[test]
fn unset_removes_the_line_and_refuses_a_required_field() {
    let out = Test::samples().args(&["unset", "kangyuan", "finance.has_budget"]).run();
    out.code(0)
        .stdout_has("- Project budget approved (finance.has_budget) (was true)");
    let (removed, added) = changed(&sample(), &out.read(KANGYUAN));
    assert_eq!((removed, added), (vec!["has_budget = true".to_string()], vec![]));
    let out = Test::samples()
        .args(&["unset", "kangyuan", "finance.payment_attitude"])
        .run();
    out.code(1).stdout_has("error[KAM007]");
    assert_eq!(out.read(KANGYUAN), sample());
    Test::samples()
        .args(&["unset", "kangyuan", "finance.bank"])
        .run()
        .code(2)
        .stderr_has("`finance.bank` is not set");
}

#[test]
fn a_file_being_changed_by_another_kam_is_left_alone() {
    let t = Test::samples();
    let lock = t.path().join("accounts/east/.kangyuan-pharma.toml.kam-lock");
    let mut holder = std::process::Command::new("flock")
        .arg(&lock)
        .args(["sleep", "5"])
        .spawn()
        .expect("flock runs");
    std::thread::sleep(std::time::Duration::from_millis(300));
    let out = t.kam(&["set", "kangyuan", "finance.funding=tight"]);
    let _ = holder.kill();
    let _ = holder.wait();
    out.code(2).stderr_has("is being changed by another kam process");
    assert_eq!(t.read(KANGYUAN), sample());
}

#[test]
fn set_on_a_new_file_fills_its_placeholders_and_keeps_each_section_whole() {
    for playbook in [None, Some(zh_playbook())] {
        let t = match &playbook {
            Some(zh) => Test::new().file("kam.yaml", zh),
            None => Test::new(),
        };
        t.kam(&["new", "华东精密制造有限公司", "--owner", "li.wei"]).code(0);
        let path = "accounts/hua-dong-jing-mi-zhi-zao.toml";
        let before = t.read(path);
        t.kam(&[
            "set",
            "hua-dong",
            "company.industry=机械",
            "procurement.concerns=price,quality",
            "expectation.amount=500000",
        ])
        .code(0);
        let after = t.read(path);
        let old: Vec<&str> = before.lines().collect();
        let new: Vec<&str> = after.lines().collect();
        // Every line but the two placeholders filled is kept, in order; the new table's three
        // lines come right after the whole [procurement] block, before the commented contacts.
        let filled = |key: &str| old.iter().position(|l| l.starts_with(&format!("# {key} = "))).unwrap();
        let (industry, concerns) = (filled("industry"), filled("concerns"));
        assert!(new[industry].starts_with("industry = \"机械\""), "{after}");
        assert!(
            new[concerns].starts_with("concerns = [\"price\", \"quality\"]"),
            "{after}"
        );
        // The explanation after each placeholder stays on its line.
        let explanation = |line: &str| line.rsplit_once("  # ").unwrap().1.to_string();
        assert_eq!(explanation(new[industry]), explanation(old[industry]));
        assert_eq!(explanation(new[concerns]), explanation(old[concerns]));
        let contacts = old.iter().position(|l| l.starts_with("# [[contacts]]")).unwrap();
        assert_eq!(old[contacts - 1], "");
        assert!(old[concerns + 1..contacts - 1].iter().all(|l| l.starts_with("# ")));
        assert_eq!(
            new[contacts - 1..contacts + 3],
            ["", "[expectation]", "amount = 500000", ""]
        );
        let mut expect: Vec<&str> = old.clone();
        expect[industry] = new[industry];
        expect[concerns] = new[concerns];
        expect.splice(contacts..contacts, ["[expectation]", "amount = 500000", ""]);
        assert_eq!(new, expect);
        t.kam(&["check"]).code(0);
    }
}
