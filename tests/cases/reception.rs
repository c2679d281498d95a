//! `kam report reception`: the client's inspection of our company from its plan to its closure,
//! reviewed snapshots in both languages and both formats; a planned reception (close-out to do,
//! sign-off waiting), prompts for what is missing; the stage-5 gate and the gift limit on
//! receptions; a playbook without receptions.

use crate::support::{Test, repo, zh_playbook};

fn reception(id: &str, args: &[&str]) -> crate::support::Outcome {
    let mut all = vec!["report", "reception", id];
    all.extend_from_slice(args);
    Test::samples().args(&all).run()
}

#[test]
fn a_held_reception_with_its_close_out() {
    let text = reception("kangyuan-pharma", &[]);
    text.code(0)
        .stdout_has("1. The client: what they see, hear, are told, meet and receive")
        .stdout_has("Issues still open: 1");
    insta::assert_snapshot!("reception-kangyuan-text", text.stdout);
    let md = reception("kangyuan-pharma", &["--format", "md"]);
    md.code(0).stdout_has("- [x] Every resource confirmed in advance");
    insta::assert_snapshot!("reception-kangyuan-md", md.stdout);
}

#[test]
fn the_chinese_playbook_gives_a_chinese_plan() {
    let out = Test::samples()
        .file("kam.yaml", &zh_playbook())
        .args(&["report", "reception", "beifang-dairy", "--date", "2026-09-03"])
        .run();
    out.code(0).stdout_has("整体考察方案七大要素").stdout_has("七、评审");
    insta::assert_snapshot!("zh-reception-beifang-text", out.stdout);
}

const PLANNED: &str = "id = \"a\"\nname = \"A Co\"\nowner = \"o\"\nstage = \"qualify\"\n\
[[receptions]]\ndate = 2026-12-10\nplace = \"HQ\"\nbudget = 2000\n\
[[receptions.gifts]]\ngift = \"Tea\"\nvalue = 800\n\
[receptions.approvals]\nreview = { by = \"d\", date = 2026-11-20 }\n";

#[test]
fn a_planned_reception_prompts_for_what_is_missing() {
    let out = Test::new()
        .file("accounts/a.toml", PLANNED)
        .args(&["report", "reception", "a"])
        .run();
    out.code(0)
        .stdout_has("Purpose: write `purpose` in the reception entry")
        .stdout_has("What they see: write `see` in the reception entry")
        .stdout_has("The materials are not reviewed yet")
        .stdout_has("Say at which moment and by whom each gift is given: Tea")
        .stdout_has("Tea: 800 CNY per person is over the policy limit of 500 CNY")
        .stdout_has("Waiting for: Funding")
        .stdout_has("After the reception")
        .stdout_has("Compile, review and send the minutes of the executive meeting");
    assert!(!out.stdout.contains("Summary and issue closure"), "{}", out.stdout);
    // The gift limit holds for reception gifts; the waiting sign-off is on the agenda.
    Test::new()
        .file("accounts/a.toml", PLANNED)
        .args(&["check", "--deny-warnings"])
        .run()
        .code(1)
        .stdout_has("warning[KAM012]: gift value 800 CNY is over the policy limit of 500 CNY");
    Test::new()
        .file("accounts/a.toml", PLANNED)
        .args(&["due", "--within", "30"])
        .run()
        .code(0)
        .stdout_has("approval waiting");
}

#[test]
fn without_a_reception_the_plan_says_how_to_start_one() {
    reception("jiangning-water", &[])
        .code(0)
        .stdout_has("No reception recorded: add a [[receptions]] entry");
    reception("kangyuan-pharma", &["--date", "2026-12-24"])
        .code(0)
        .stdout_has("No reception starts on 2026-12-24");
}

#[test]
fn the_close_gate_needs_a_reception_held_reported_and_summed_up() {
    // The sample in `close` meets the item; a planned reception would not.
    Test::samples()
        .args(&["gate", "kangyuan-pharma"])
        .run()
        .code(1)
        .stdout_has("✓ site_visit");
    let sample = std::fs::read_to_string(repo().join("accounts/east/kangyuan-pharma.toml")).unwrap();
    let planned = sample.replace("[[receptions]]\ndate = 2026-11-12", "[[receptions]]\ndate = 2026-12-12");
    assert_ne!(planned, sample);
    Test::new()
        .file("accounts/kangyuan-pharma.toml", &planned)
        .args(&["gate", "kangyuan-pharma"])
        .run()
        .code(1)
        .stdout_has("✗ site_visit");
}

#[test]
fn a_playbook_without_receptions_rejects_them() {
    let out = Test::new()
        .playbook(|p| {
            let start = p.find("  receptions:\n").unwrap();
            let end = p[start..].find("  plan:\n").unwrap() + start;
            let mut p = format!("{}{}", &p[..start], &p[end..]);
            // The close gate and the approvals no longer name receptions.
            p = p.replace(
                "of: receptions, where: { date: { future: false } }, min: 1, has: [report, summary, minutes_sent]",
                "of: visits, where: { form: site_visit }, min: 1, has: [report]",
            );
            p.replace(
                "      - { level: general_manager, when: { of: receptions, tiers: [A] } }\n",
                "",
            )
            .replace("      - { level: director, when: { of: receptions } }\n", "")
        })
        .file("accounts/a.toml", PLANNED)
        .args(&["check"])
        .run();
    out.code(1).stdout_has("unknown key `receptions` in an account file");
}
