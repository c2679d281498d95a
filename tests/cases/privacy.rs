//! Personal data stays out of every output unless asked for: diagnostics name a sensitive field
//! and its problem without its value, and a playbook that marks more fields sensitive is obeyed
//! by every command.

use crate::support::{Outcome, Test, repo};

fn complete() -> String {
    std::fs::read_to_string(repo().join("tests/fixtures/accounts/complete.toml")).unwrap()
}

#[track_caller]
fn none_of(out: &Outcome, secrets: &[&str], what: &str) {
    for secret in secrets {
        for (stream, text) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            assert!(!text.contains(secret), "{what} shows {secret:?} on {stream}:\n{text}");
        }
    }
}

#[test]
fn check_names_the_sensitive_field_and_its_problem_but_never_the_value() {
    let wrong_types = complete()
        .replace("[finance]\n", "[finance]\nbank_account = 6222021234567890123\n")
        .replace(
            "coach_step = \"trust\"\n",
            "coach_step = \"trust\"\nmobile = 13800138000\nbirthday = \"1970-05-06\"\nage = \"fifty-one\"\n",
        );
    let broken = complete().replace(
        "personality = \"Careful, data-driven\"\n",
        "personality = \"Careful, data-driven\"\nfamily = \"wife Mei, son Lei at Fudan\" and more\nhabits = '''golf\non sundays\n",
    );
    let t = Test::new()
        .file("accounts/complete.toml", &wrong_types)
        .file("accounts/broken.toml", &broken.replace("\"complete\"", "\"broken\""));
    let secrets = [
        "6222021234567890123",
        "13800138000",
        "1970-05-06",
        "fifty-one",
        "wife Mei",
        "Fudan",
        "golf",
        "sundays",
    ];
    let out = t.kam(&["check"]);
    out.code(1)
        .stdout_has("finance.bank_account")
        .stdout_has("`mobile` of contacts `wang`")
        .stdout_has("`birthday` of contacts `wang`")
        .stdout_has("accounts/broken.toml");
    none_of(&out, &secrets, "kam check");
    let json = t.kam(&["check", "--format", "json"]);
    none_of(&json, &secrets, "kam check --format json");
    assert!(json.stdout.contains("`mobile` of contacts `wang`"), "{}", json.stdout);
    let md = t.kam(&["check", "--format", "md"]);
    none_of(&md, &secrets, "kam check --format md");
    assert!(
        md.stdout.contains("\\`mobile\\` of contacts \\`wang\\`"),
        "{}",
        md.stdout
    );
    none_of(&t.kam(&["check", "accounts/broken.toml"]), &secrets, "kam check FILE");
    for args in [
        &["gate", "broken"][..],
        &["report", "visit", "broken"],
        &["advance", "broken"],
    ] {
        none_of(&t.kam(args), &secrets, &args.join(" "));
    }
    // Asked for, the report shows what it may.
    let out = t.kam(&["report", "visit", "complete", "--include-sensitive"]);
    out.code(0);
}

/// The default playbook with more fields marked sensitive: a visit's place, next step and gift
/// value, a plan task and its owner, a contact's name.
fn stricter_playbook(text: String) -> String {
    let mut text = text;
    for line in [
        "      - { id: name, label: Name, kind: text, required: always }",
        "      - { id: place, label: Place, kind: text }",
        "      - { id: gift_value, label: Gift value, kind: money, help: \"Per person; checked against the policy limit\" }",
        "      - { id: next_step, label: Next step, kind: text }",
        "      - { id: task, label: Task, kind: text, required: always }",
        "      - { id: owner, label: Owner, kind: text }",
    ] {
        assert!(text.contains(line), "{line}");
        let marked = format!("{}, sensitive: true }}", line.strip_suffix(" }").unwrap());
        text = text.replace(line, &marked);
    }
    text
}

const SECRETS: [&str; 7] = [
    "SECRET-STEP",
    "SECRET-PLACE",
    "987",
    "SECRET-TASK",
    "SECRET-PLAN-OWNER",
    "SECRET-WANG",
    "SECRET-ZHAO",
];

fn private_account() -> String {
    let mut text = complete()
        .replace("name = \"王芳\"", "name = \"SECRET-WANG\"")
        .replace("name = \"赵总\"", "name = \"SECRET-ZHAO\"")
        .replace(
            "next_step = \"Sign the framework agreement\"",
            "next_step = \"SECRET-STEP\"",
        );
    text.push_str(
        "\n[[visits]]\ndate = 2026-12-02\nform = \"site_visit\"\nplace = \"SECRET-PLACE\"\nattendees = [\"zhao\"]\ngift_value = 987\nnext_step = \"SECRET-STEP\"\nnext_date = 2026-12-09\n\n[[visits.objections]]\nobjection = \"Too dear\"\nkind = \"discount_request\"\nby = \"zhao\"\n\n[[receptions.issues]]\nissue = \"Capacity proof\"\nby = \"zhao\"\nowner = \"chen.jie\"\n\n[[plan]]\ntask = \"SECRET-TASK\"\nowner = \"SECRET-PLAN-OWNER\"\ndue = 2026-11-20\nstatus = \"open\"\n",
    );
    text
}

#[test]
fn a_playbook_that_marks_more_fields_sensitive_is_obeyed_by_every_output() {
    let t = Test::new()
        .playbook(stricter_playbook)
        .file("accounts/complete.toml", &private_account())
        .file("accounts/.gitkeep", "");
    t.git(&["init", "-q"]);
    t.git(&["add", "kam.yaml", "accounts/.gitkeep"]);
    t.git(&["commit", "-qm", "playbook"]);
    let runs: &[&[&str]] = &[
        &["list"],
        &["list", "--format", "json"],
        &["list", "--format", "csv"],
        &["list", "--format", "md"],
        &["due", "--within", "30"],
        &["due", "--within", "30", "--format", "json"],
        &["due", "--within", "30", "--format", "md"],
        &["report", "visit", "complete"],
        &["report", "visit", "complete", "--format", "md"],
        &["report", "visit", "complete", "--date", "2026-11-15"],
        &["report", "negotiation", "complete"],
        &["report", "negotiation", "complete", "--format", "md"],
        &["check"],
        &["check", "--format", "json"],
        &["gate"],
        &["gate", "complete"],
        &["gate", "complete", "--format", "json"],
        &["export", "--format", "csv"],
        &["export", "--format", "json"],
        &["score"],
        &["score", "--format", "json"],
        &["score", "--format", "csv"],
        &["score", "complete", "--explain"],
        &["diff"],
        &["diff", "--format", "md"],
        &["diff", "--format", "json"],
        &["advance", "complete", "--dry-run"],
        &["show", "complete"],
        &["show", "complete", "--format", "md"],
        &["show", "complete", "--format", "json"],
        &["show", "complete", "--all"],
        &["task", "complete", "list"],
        &["due", "--within", "30", "--format", "ics"],
        &["set", "complete", "company.industry=Steel", "--dry-run"],
        &["log", "complete", "--form", "phone", "--points", "A call", "--dry-run"],
        &["stats"],
        &["stats", "--by", "owner", "--format", "csv"],
        &["forecast"],
        &["forecast", "--format", "json"],
        &["history", "complete"],
        &["dashboard"],
        &["report", "reception", "complete"],
        &["report", "reception", "complete", "--format", "md"],
        &["report", "expenses"],
        &["report", "expenses", "--format", "csv"],
        &["report", "expenses", "--format", "json"],
        &["list", "--group-by", "owner"],
        &["list", "--class", "potential,none", "--format", "md"],
    ];
    for args in runs {
        let out = t.kam(args);
        assert!(out.code < 2, "{args:?} failed:\n{}", out.stderr);
        none_of(&out, &SECRETS, &args.join(" "));
    }
    // The gift over the limit is still reported, without its value.
    t.kam(&["check"])
        .stdout_has("KAM012")
        .stdout_has("over the policy limit");
    // Asked for, they show.
    let out = t.kam(&["report", "visit", "complete", "--include-sensitive"]);
    out.stdout_has("SECRET-PLACE").stdout_has("SECRET-ZHAO");
    t.kam(&["export", "--format", "json", "--include-sensitive"])
        .stdout_has("SECRET-WANG");
}

#[test]
fn the_chinese_playbook_hides_in_its_own_words() {
    let zh = std::fs::read_to_string(repo().join("examples/playbooks/zh-CN.yaml"))
        .unwrap()
        .replace(
            "      - { id: name, label: 姓名, kind: text, required: always }",
            "      - { id: name, label: 姓名, kind: text, required: always, sensitive: true }",
        )
        .replace(
            "      - { id: next_step, label: 下一步建议, kind: text }",
            "      - { id: next_step, label: 下一步建议, kind: text, sensitive: true }",
        );
    let t = Test::new()
        .file("kam.yaml", &zh)
        .file("accounts/complete.toml", &private_account());
    let out = t.kam(&["report", "visit", "complete"]);
    out.code(0).stdout_has("（已隐藏）");
    none_of(
        &out,
        &["SECRET-WANG", "SECRET-ZHAO", "SECRET-STEP"],
        "report visit (zh)",
    );
    let out = t.kam(&["list"]);
    none_of(&out, &["SECRET-STEP"], "list (zh)");
    out.stdout_has("（已隐藏）");
}
