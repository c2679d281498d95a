//! `kam guide`: the playbook's guidance topics in both playbooks (reviewed snapshots), unknown
//! topics, and the situations recorded on an account: their kinds pick the guidance of the
//! reports, and a reason must be a case of that guidance.

use crate::support::{Test, repo, zh_playbook};

#[test]
fn the_list_names_every_topic_and_where_it_shows() {
    let out = Test::samples().args(&["guide"]).run();
    out.code(0)
        .stdout_has("discount_request")
        .stdout_has("for Discount request")
        .stdout_has("`kam gate`, under coach not met");
    insta::assert_snapshot!("guide-list", out.stdout);
}

#[test]
fn one_topic_in_full_in_both_languages() {
    let out = Test::samples().args(&["guide", "discount_request"]).run();
    out.code(0)
        .stdout_has("Over their budget (over_budget) → Find the real budget");
    insta::assert_snapshot!("guide-discount-text", out.stdout);
    let zh = Test::samples()
        .file("kam.yaml", &zh_playbook())
        .args(&["guide", "price_undercut", "--format", "md"])
        .run();
    zh.code(0).stdout_has("竞争对手低价应对");
    insta::assert_snapshot!("zh-guide-price-undercut-md", zh.stdout);
}

#[test]
fn an_unknown_topic_is_a_usage_error_with_a_suggestion() {
    Test::samples()
        .args(&["guide", "discont"])
        .run()
        .code(2)
        .stderr_has("no guidance topic `discont`")
        .stderr_has("did you mean `discount_request`?");
}

#[test]
fn guide_writes_a_file_with_o() {
    let out = Test::samples()
        .args(&["guide", "tender", "--format", "md", "-o", "tender.md"])
        .run();
    out.code(0).stdout_has("wrote tender.md");
    assert!(out.read("tender.md").starts_with("# Tender rules (tender)"));
}

const HEAD: &str = "id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"qualify\"\n";

#[test]
fn a_reason_must_be_a_case_of_the_guidance_for_its_kind() {
    let text = format!(
        "{HEAD}[[visits]]\ndate = 2026-11-20\nform = \"phone\"\n\n[[visits.objections]]\nobjection = \"5 % off\"\nkind = \"discount_request\"\nreason = \"over_budgt\"\n\n[[visits.objections]]\nobjection = \"why\"\nreason = \"risk\"\n\n[[competitors]]\nname = \"R\"\n\n[[competitors.moves]]\nmove = \"30 % below\"\nkind = \"price_undercut\"\nreason = \"malicious\"\n"
    );
    let out = Test::new().file("accounts/a.toml", &text).args(&["check"]).run();
    out.code(1)
        .stdout_has("reason `over_budgt` is not a case of the guidance for `discount_request`")
        .stdout_has("did you mean `over_budget`?")
        .stdout_has("reason `risk` without a kind")
        .stdout_has("checked 1 account: 2 errors, 0 warnings");
}

#[test]
fn a_reason_outside_the_guidance_is_told_in_the_playbook_s_language() {
    let text = format!(
        "{HEAD}[[visits]]\ndate = 2026-11-20\nform = \"phone\"\n\n[[visits.objections]]\nobjection = \"5 % off\"\nkind = \"discount_request\"\nreason = \"over_budgt\"\n\n[[visits.objections]]\nobjection = \"why\"\nreason = \"risk\"\n"
    );
    let zh = std::fs::read_to_string(repo().join("examples/playbooks/zh-CN.yaml")).unwrap();
    let out = Test::new()
        .file("kam.yaml", &zh)
        .file("accounts/a.toml", &text)
        .args(&["check"])
        .run();
    out.code(1)
        .stdout_has("原因 `over_budgt` 不在 `discount_request` 的应对指引之中")
        .stdout_has("是不是想写 `over_budget`？（kam guide 列出了各种原因）")
        .stdout_has("原因 `risk` 没有对应的情形（kind）")
        .stdout_has("请添加 `kind`");
}

#[test]
fn the_kind_of_a_situation_picks_the_guidance_of_the_reports() {
    let text = format!(
        "{HEAD}[[visits]]\ndate = 2026-12-01\nform = \"office_meeting\"\n\n[[visits.objections]]\nobjection = \"Another 5 % off\"\nkind = \"discount_request\"\nreason = \"in_passing\"\n"
    );
    let visit = Test::new()
        .file("accounts/a.toml", &text)
        .args(&["report", "visit", "a"])
        .run();
    visit
        .code(0)
        .stdout_has("Situations to answer")
        .stdout_has("Discount request: Said in passing")
        .stdout_has("The playbook: Hold the price; work the relationship")
        .stdout_has("Said in passing → Hold the price; work the relationship (on this")
        // First contact at the client's office, in stage 1: its guidance too.
        .stdout_has("First contact at their office");
    assert!(!visit.stdout.contains("A low-price competitor"), "{}", visit.stdout);
    // Resolved objections no longer call for guidance.
    let resolved = text.replace(
        "reason = \"in_passing\"\n",
        "reason = \"in_passing\"\nresolved = 2026-12-02\n",
    );
    let out = Test::new()
        .file("accounts/a.toml", &resolved)
        .args(&["report", "negotiation", "a"])
        .run();
    out.code(0);
    assert!(!out.stdout.contains("The client asks for a discount"), "{}", out.stdout);
}

#[test]
fn gate_names_the_guidance_for_unmet_items_once() {
    let out = Test::samples().args(&["gate", "renhe-hospital"]).run();
    out.code(1)
        .stdout_has("Guidance: kam guide coach — A coach we can rely on")
        .stdout_has("Guidance: kam guide analysis — Analysing the account");
    assert_eq!(out.stdout.matches("kam guide analysis").count(), 1, "{}", out.stdout);
}

/// Keeping the relationship stable is the method of stage 4, where the relationship is built,
/// not only after the win: the visit plan of an account in `relationship` carries it, in both
/// playbooks, and an account still qualifying does not.
#[test]
fn the_relationship_guidance_shows_from_stage_four_on() {
    for (playbook, title) in [
        (None, "Keeping the relationship stable"),
        (Some(zh_playbook()), "保持稳定的客户关系"),
    ] {
        let t = match &playbook {
            Some(zh) => Test::samples().file("kam.yaml", zh),
            None => Test::samples(),
        };
        // la-huerta-bajio is in `relationship`, hengrui-precision in `qualify`.
        let t = t.args(&["report", "visit", "la-huerta-bajio"]);
        t.run().code(0).stdout_has(title);
        let early = match &playbook {
            Some(zh) => Test::samples().file("kam.yaml", zh),
            None => Test::samples(),
        };
        let out = early.args(&["report", "visit", "hengrui-precision"]).run();
        out.code(0);
        assert!(!out.stdout.contains(title), "{}", out.stdout);
    }
}
