//! The gates keep the seeds' promise. Nothing counts before it happened (a later visit, date or
//! evidence is planned, and `kam gate` says for when); `kam check` reports dates that contradict
//! each other; only tier A enters the key selling process; the veto is technical / operations'
//! and blocks the support rule whatever the balance; the negotiation brief's proposal needs its
//! terms; scores and tiers are exact. Each under the default and the Chinese playbook.

use crate::support::{Test, repo, zh_playbook};

/// A `qualify` account with everything but the first contact, which is planned for 2026-12-10,
/// and the go decision, whose evidence is dated 2026-12-01.
const PLANNED: &str = r#"id = "planned"
name = "Planned Co"
owner = "li.wei"
stage = "qualify"
created = 2026-11-01

[company]
industry = "Food"
main_business = "Dairy"
current_condition = "Two plants"

[procurement]
need = "Cold-chain records"
urgency = "high"

[checklist]
go = { evidence = "Director agreed in the weekly review", date = 2026-12-01 }

[[visits]]
date = 2026-12-10
form = "office_meeting"
goals = ["Learn their needs"]
"#;

#[test]
fn a_planned_visit_and_later_evidence_do_not_open_the_gate() {
    for playbook in [None, Some(zh_playbook())] {
        let t = Test::new().file("accounts/planned.toml", PLANNED);
        let t = match &playbook {
            Some(text) => t.file("kam.yaml", text),
            None => t,
        };
        let out = t.args(&["gate", "planned"]).run();
        // Each playbook says it in its own words.
        let planned = if playbook.is_some() { "计划于" } else { "planned for" };
        out.code(1)
            .stdout_has("first_contact")
            .stdout_has(&format!("{planned} 2026-12-10"))
            .stdout_has(&format!("{planned} 2026-12-01"));
        assert!(!out.stdout.contains("ready"), "{}", out.stdout);
    }
    // `kam advance` refuses; on 2026-12-10 the visit has happened and the gate opens.
    let t = Test::new().file("accounts/planned.toml", PLANNED);
    t.kam(&["advance", "planned", "--by", "li.wei"])
        .code(1)
        .stdout_has("planned for 2026-12-10");
    let later = Test::new()
        .file("accounts/planned.toml", PLANNED)
        .real_today()
        .args(&["--today", "2026-12-10", "gate", "planned"])
        .run();
    later.code(0).stdout_has("ready");
    // JSON names the day.
    let json = Test::new()
        .file("accounts/planned.toml", PLANNED)
        .args(&["gate", "planned", "--format", "json"])
        .run();
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let first = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "first_contact")
        .unwrap();
    assert_eq!(first["met"], false);
    assert_eq!(first["planned"], "2026-12-10");
}

#[test]
fn a_demo_dated_later_is_not_provided() {
    let account = r#"id = "demo-later"
name = "Demo Later Co"
owner = "li.wei"
stage = "demo"
created = 2026-10-01

[procurement]
need = "x"
urgency = "high"
demo = "Pilot on line 2"
demo_date = 2026-12-05
"#;
    let out = Test::new()
        .file("accounts/demo-later.toml", account)
        .args(&["gate", "demo-later"])
        .run();
    out.code(1)
        .stdout_has("✗ demo_done")
        .stdout_has("planned for 2026-12-05");
}

#[test]
fn a_stage_crossed_before_the_first_contact_took_place_is_bypassed() {
    // The history says the qualify gate was crossed on 2026-11-20; the only visit is dated
    // 2026-11-22 — before today, but after the crossing: the gate was not met on that day.
    let account = PLANNED
        .replace("stage = \"qualify\"", "stage = \"demo\"")
        .replace("date = 2026-12-01 }", "date = 2026-11-18 }")
        .replace("date = 2026-12-10", "date = 2026-11-22")
        + "\n[[history]]\nfrom = \"qualify\"\nto = \"demo\"\ndate = 2026-11-20\nby = \"li.wei\"\n";
    Test::new()
        .file("accounts/planned.toml", &account)
        .args(&["check"])
        .run()
        .code(1)
        .stdout_has("error[KAM016]")
        .stdout_has("first_contact");
    // Crossed on the day of the visit: legitimate.
    let account = account.replace("date = 2026-11-20\nby", "date = 2026-11-22\nby");
    Test::new()
        .file("accounts/planned.toml", &account)
        .args(&["check"])
        .run()
        .code(0);
}

#[test]
fn check_reports_dates_that_contradict_each_other_or_the_calendar() {
    let account = r#"id = "dates"
name = "Dates Co"
owner = "li.wei"
stage = "qualify"

[[visits]]
date = 2026-12-10
form = "office_meeting"
client_view = "Keen"

[[visits]]
date = 2026-11-10
form = "phone"
report = "Call"
followed_up = 2026-11-09
next_step = "Demo"
next_date = 2026-11-02

[[history]]
from = "qualify"
to = "paused"
date = 2026-11-20
reason = "x"

[[history]]
from = "paused"
to = "qualify"
date = 2026-11-19
reason = "y"

[[history]]
from = "qualify"
to = "paused"
date = 2026-12-24
reason = "z"

[[history]]
from = "paused"
to = "qualify"
date = 2026-12-25
reason = "w"
"#;
    let out = Test::new()
        .file("accounts/dates.toml", account)
        .args(&["check", "--format", "json"])
        .run();
    out.code(1);
    let v: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    let found: Vec<(String, u64)> = v
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_string(), d["line"].as_u64().unwrap()))
        .collect();
    for (code, line) in [
        ("KAM021", 9),
        ("KAM022", 15),
        ("KAM023", 17),
        ("KAM024", 28),
        ("KAM024", 34),
    ] {
        assert!(
            found.contains(&(code.to_string(), line)),
            "{code} at line {line}: {found:?}"
        );
    }
}

/// An account in `assess` with everything for its gate but the tier: `share` decides A or B.
fn assess_account(share: u8) -> String {
    format!(
        r#"id = "tiered"
name = "Tiered Co"
owner = "li.wei"
stage = "assess"
created = 2026-09-01

[company]
industry = "x"
main_business = "x"
current_condition = "x"
ownership = "private"
employees = 100

[procurement]
need = "x"
urgency = "high"

[ratings]
share = {share}
business_value = 4
payment_risk = 2
effort = 2
deal_risk = 2
complexity = 2
capability = 4

[checklist]
coach_endorsed = {{ evidence = "Coach read the plan", date = 2026-11-01 }}

[[plan]]
task = "Demo"
owner = "li"
due = 2026-12-10

[[plan]]
task = "Tender"
owner = "li"
due = 2027-01-10

[[history]]
from = "demo"
to = "assess"
date = 2026-10-01
"#
    )
}

#[test]
fn only_tier_a_enters_the_key_selling_process() {
    for playbook in [None, Some(zh_playbook())] {
        let with = |share: u8| {
            let t = Test::new().file("accounts/tiered.toml", &assess_account(share));
            match &playbook {
                Some(text) => t.file("kam.yaml", text),
                None => t,
            }
        };
        // share 4: value 75, difficulty 25 → A: ready.
        with(4).args(&["gate", "tiered"]).run().code(0);
        // share 1: value 52.5 → B: it stays.
        let out = with(1).args(&["gate", "tiered"]).run();
        let needs = if playbook.is_some() {
            "需要 A 级"
        } else {
            "needs tier A"
        };
        out.code(1).stdout_has("✗ rated").stdout_has(needs);
        with(1).args(&["advance", "tiered", "--by", "li"]).run().code(1);
    }
}

/// A `relationship` account whose only unmet item is `support`, with these extra contacts.
fn relationship_account(contacts: &str) -> String {
    format!(
        r#"id = "rel"
name = "Rel Co"
owner = "li.wei"
stage = "relationship"

[simulation]
reasons_to_choose_us = ["Pilot worked"]
decision_maker_help = ["Helped with the audit"]
quote_date = 2026-11-01

[[contacts]]
id = "gm"
name = "GM Wang"
roles = ["decision_maker"]
stance = "champion"
closeness = 4

[[contacts]]
id = "buyer"
name = "Buyer Qian"
roles = ["purchasing"]
stance = "supporter"
closeness = 3
{contacts}
[[visits]]
date = 2026-11-20
form = "office_meeting"
report = "Met the GM"
next_step = "Site visit"
next_date = 2026-12-05
"#
    )
}

#[test]
fn a_veto_holder_against_us_closes_the_relationship_gate() {
    let tech = "\n[[contacts]]\nid = \"li-gong\"\nname = \"Li Gong\"\nroles = [\"technical\"]\nstance = \"blocker\"\n";
    for playbook in [None, Some(zh_playbook())] {
        let t = Test::new().file("accounts/rel.toml", &relationship_account(tech));
        let t = match &playbook {
            Some(text) => t.file("kam.yaml", text),
            None => t,
        };
        // +2 +1 −2 = +1 would be support, but the technical head holds the veto.
        let out = t.args(&["gate", "rel"]).run();
        let vetoed = if playbook.is_some() {
            "被否决：`li-gong` (Li Gong)"
        } else {
            "vetoed: `li-gong` (Li Gong)"
        };
        out.code(1).stdout_has("✗ support").stdout_has(vetoed);
    }
    // Finance against us is opposition, not a veto: +2 +1 −1 = +2 > 0 opens it.
    let cfo = "\n[[contacts]]\nid = \"cfo\"\nname = \"CFO Lu\"\nroles = [\"finance\"]\nstance = \"opponent\"\n";
    Test::new()
        .file("accounts/rel.toml", &relationship_account(cfo))
        .args(&["gate", "rel"])
        .run()
        .code(0)
        .stdout_has("Every contact: 2 for, 1 against, balance +2");
    // The balance counts every layer: a user-department blocker and an opponent coach tip it.
    let others = "\n[[contacts]]\nid = \"user\"\nname = \"User Zhou\"\nroles = [\"user\"]\nstance = \"blocker\"\n\
                  \n[[contacts]]\nid = \"coach\"\nname = \"Coach Sun\"\nroles = [\"coach\"]\nstance = \"opponent\"\n";
    Test::new()
        .file("accounts/rel.toml", &relationship_account(others))
        .args(&["gate", "rel"])
        .run()
        .code(1)
        .stdout_has("Every contact: 2 for, 2 against, balance +0");
}

#[test]
fn both_playbooks_give_the_veto_to_technical_operations() {
    for (name, text) in [
        (
            "kam.yaml",
            std::fs::read_to_string(repo().join("assets/kam.yaml")).unwrap(),
        ),
        ("zh-CN.yaml", zh_playbook()),
    ] {
        let pb = kam::io::playbook_file::load(name, &text).unwrap();
        let vetoes: Vec<&str> = pb
            .enum_values("role")
            .unwrap()
            .iter()
            .filter(|r| r.veto)
            .map(|r| r.id.as_str())
            .collect();
        assert_eq!(vetoes, ["technical"], "{name}");
    }
}

#[test]
fn a_quote_alone_is_not_the_preliminary_proposal() {
    let base = "id = \"neg\"\nname = \"Neg Co\"\nowner = \"li\"\nstage = \"close\"\n[simulation]\nquote_date = 2026-11-01\nquote = \"CNY 1.2m\"\n[negotiation]\n";
    let brief = |extra: &str| {
        Test::new()
            .file("accounts/neg.toml", &format!("{base}{extra}"))
            .args(&["report", "negotiation", "neg", "--format", "md"])
            .run()
    };
    brief("proposal = \"Quote sent\"\nproposal_date = 2026-11-01\n")
        .code(0)
        .stdout_has("| Our preliminary proposal (commercial, solution, service terms) is out | ✗ not met |");
    brief(
        "proposal_commercial = \"CNY 1.2m, two instalments\"\nproposal_solution = \"Monitoring for both plants\"\n\
         proposal_service = \"24h on-site support\"\nproposal_date = 2026-11-01\n",
    )
    .code(0)
    .stdout_has("| Our preliminary proposal (commercial, solution, service terms) is out | ✓ met |");
}

#[test]
fn tiers_are_decided_on_the_exact_score() {
    // share 4, business_value 5, payment_risk 4 with business_value weighing 3.99999999999:
    // value = 25·(3·3 + 3.99999999999·4 + 3·1)/9.99999999999 = 69.99999999997…, below 70.
    let account = "id = \"edge\"\nname = \"Edge Co\"\nowner = \"li\"\nstage = \"qualify\"\n[ratings]\nshare = 4\nbusiness_value = 5\npayment_risk = 4\neffort = 1\ndeal_risk = 1\ncomplexity = 1\ncapability = 5\n";
    let out = Test::new()
        .file("accounts/edge.toml", account)
        .args(&["score", "--weights", "business_value=3.99999999999", "--format", "json"])
        .run();
    out.code(0);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let value = v[0]["value"].as_f64().unwrap();
    assert!(value < 70.0 && value > 69.999_999_999_9, "{value}");
    assert_eq!(v[0]["tier"], "B", "{}", out.stdout);
    // On the bound exactly, with weights in tenths that floating point cannot hold:
    // 25·(0.1·1 + 0.1·4 + 0.1·1)/0.3 = 50, which summing in floating point puts at
    // 49.99999999999999 (tier C); the exact number is tier B.
    let on_bound = Test::new()
        .file("accounts/edge.toml", &account.replace("share = 4", "share = 2"))
        .args(&[
            "score",
            "--weights",
            "share=0.1,business_value=0.1,payment_risk=0.1",
            "--format",
            "json",
        ])
        .run();
    on_bound.code(0);
    let v: serde_json::Value = serde_json::from_str(&on_bound.stdout).unwrap();
    assert_eq!(v[0]["value"].as_f64(), Some(50.0), "{}", on_bound.stdout);
    assert_eq!(v[0]["tier"], "B", "{}", on_bound.stdout);
}

/// The sample in stage relationship whose history crossed the gates of qualify (2026-04-20), demo
/// (2026-07-10) and assess (2026-09-10).
fn la_huerta() -> String {
    std::fs::read_to_string(repo().join("accounts/intl/la-huerta-bajio.toml")).unwrap()
}

/// Its text without what met the demo gate: the demo and its date, and the competitors.
fn without_the_demo_facts(text: &str) -> String {
    let start = text.find("[[competitors]]").unwrap();
    let end = text.find("[[visits]]").unwrap();
    let text = format!("{}{}", &text[..start], &text[end..]);
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("demo = ") && !l.starts_with("demo_date = "))
        .collect();
    kept.join("\n") + "\n"
}

#[test]
fn every_gate_the_history_crossed_is_judged_as_of_its_day_not_only_the_last() {
    // The finding in each playbook's words: the gate, the day, then the unmet items.
    let crossed = |zh: bool, gate: &str, day: &str| {
        if zh {
            format!("`{gate}` 的关卡于 {day} 通过，但当天并未满足：")
        } else {
            format!("the gate of `{gate}` was crossed on {day} but was not met that day: ")
        }
    };
    for playbook in [None, Some(zh_playbook())] {
        let zh = playbook.is_some();
        let check = |text: &str| {
            let t = Test::new().file("accounts/intl/la-huerta-bajio.toml", text);
            match &playbook {
                Some(zh) => t.file("kam.yaml", zh),
                None => t,
            }
            .args(&["check"])
            .run()
        };
        check(&la_huerta()).code(0);
        // The demo is dated after the demo gate was crossed (2026-07-10), before the last crossing.
        let post_dated = la_huerta().replace("demo_date = 2026-06-15", "demo_date = 2026-08-01");
        let out = check(&post_dated);
        out.code(1)
            .stdout_has(&(crossed(zh, "demo", "2026-07-10") + "demo_done"));
        assert_eq!(out.stdout.matches("[KAM016]").count(), 1, "{}", out.stdout);
        // It points at the record that crossed the gate.
        let line = 1 + post_dated.lines().position(|l| l == "date = 2026-07-10").unwrap();
        out.stdout_has(&format!("accounts/intl/la-huerta-bajio.toml:{line}:"));
        // What met the demo gate deleted: stage 4 with its stage-2 gate never met is a finding,
        // once (the gates crossed before and after it stand on their own facts).
        let out = check(&without_the_demo_facts(&la_huerta()));
        out.code(1)
            .stdout_has(&crossed(zh, "demo", "2026-07-10"))
            .stdout_has("suppliers");
        assert_eq!(out.stdout.matches("[KAM016]").count(), 1, "{}", out.stdout);
        // The first contact dated after the qualify gate was crossed (2026-04-20).
        let first_visit = la_huerta().replace("date = 2026-03-18", "date = 2026-05-18");
        assert_ne!(first_visit, la_huerta());
        check(&first_visit)
            .code(1)
            .stdout_has(&(crossed(zh, "qualify", "2026-04-20") + "first_contact"));
    }
}

#[test]
fn a_lost_account_is_judged_on_the_gates_it_crossed_before_it_was_lost() {
    // xinghe-electronics went qualify → demo → assess → relationship, then lost: its crossings
    // still had to be met.
    let path = "accounts/south/xinghe-electronics.toml";
    let text = std::fs::read_to_string(repo().join(path)).unwrap();
    Test::new().file(path, &text).args(&["check"]).run().code(0);
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("demo = ") && !l.starts_with("demo_date = "))
        .collect();
    assert!(kept.len() < text.lines().count());
    Test::new()
        .file(path, &(kept.join("\n") + "\n"))
        .args(&["check"])
        .run()
        .code(1)
        .stdout_has("the gate of `demo` was crossed on 2026-04-08 but was not met that day: demo_done");
}

#[test]
fn a_jump_over_two_stages_crosses_two_gates_each_judged() {
    // One hand-written record moves la-huerta from demo straight to relationship on 2026-07-10;
    // the assess gate's items (written later) were not met that day, the demo gate's were.
    let text = la_huerta()
        .replace(
            "from = \"demo\"\nto = \"assess\"\ndate = 2026-07-10",
            "from = \"demo\"\nto = \"relationship\"\ndate = 2026-07-10",
        )
        .replace(
            "[[history]]\nfrom = \"assess\"\nto = \"relationship\"\ndate = 2026-09-10\nby = \"lucia.herrera\"\nnote = \"Nivel A, plan revisado por Laura\"\n",
            "",
        );
    assert!(!text.contains("from = \"assess\""), "the sample's history changed");
    let out = Test::new()
        .file("accounts/intl/la-huerta-bajio.toml", &text)
        .args(&["check"])
        .run();
    out.code(1)
        .stdout_has("stage `relationship` lies past the gate of `assess`, which is not met");
    assert!(!out.stdout.contains("gate of `demo`"), "{}", out.stdout);
}
