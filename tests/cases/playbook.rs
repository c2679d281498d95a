//! Broken playbooks: every problem reported with its line, exit 2.

use std::fmt::Write;

use crate::support::{Test, default_playbook};

fn check_with(edit: impl FnOnce(String) -> String) -> crate::support::Outcome {
    Test::new().playbook(edit).args(&["check"]).run()
}

fn line_of(text: &str, needle: &str) -> usize {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle} not in playbook"));
    text[..at].matches('\n').count() + 1
}

#[test]
fn bad_yaml_names_its_line() {
    let out = check_with(|p| p.replacen("  ownership:\n", "  ownership: [\n", 1));
    out.code(2).stderr_has("kam.yaml:");
}

#[test]
fn unknown_stage_reference_is_located() {
    let text = default_playbook();
    let line = line_of(&text, "required: demo }");
    let out = check_with(|p| p.replacen("required: demo }", "required: dmeo }", 1));
    out.code(2)
        .stderr_has("unknown stage `dmeo`")
        .stderr_has(&format!("kam.yaml:{line}:"));
}

#[test]
fn enum_default_not_in_values() {
    let out = check_with(|p| p.replace("default: not_signed", "default: maybe"));
    out.code(2)
        .stderr_has("default `maybe` of field `contract_status` is not allowed")
        .stderr_has("allowed: signed");
}

#[test]
fn duplicate_ids_and_several_problems_in_one_run() {
    let out = check_with(|p| {
        p.replace("- id: demo\n    label: Demo", "- id: qualify\n    label: Demo")
            .replace("{ id: founded,", "{ id: employees,")
            .replace("weight: 4", "weight: 0")
    });
    out.code(2)
        .stderr_has("duplicate stage id `qualify`")
        .stderr_has("duplicate field id `employees`")
        .stderr_has("weight of `business_value` must be a number above 0")
        .stderr_has("problems");
}

#[test]
fn unknown_rule_and_rule_paths() {
    let out = check_with(|p| {
        p.replace(
            "auto: { filled: [procurement.need, procurement.urgency] }",
            "auto: { filed: [procurement.need] }",
        )
    });
    out.code(2)
        .stderr_has("unknown name `filed`")
        .stderr_has("did you mean `filled`?");
    let out = check_with(|p| p.replace("has: [how_won, problems]", "has: [how_won, troubles]"));
    out.code(2).stderr_has("`competitors` has no field `troubles`");
}

#[test]
fn tier_rules_with_a_gap_are_rejected() {
    let out = check_with(|p| p.replace("when: otherwise", "when: \"value >= 10\""));
    out.code(2).stderr_has("the tier rules leave a gap");
}

#[test]
fn unknown_top_level_section() {
    let line = default_playbook().lines().count() + 2;
    check_with(|p| format!("{p}\nreports: {{}}\n"))
        .code(2)
        .stderr_has("unknown key `reports`")
        .stderr_has(&format!("kam.yaml:{line}:1"));
}

/// The mistakes of the newcomer's first hour, all in one run: a kind, a key, a stage misspelt and
/// a number with a stray word, each with its line, in plain words, with what was meant.
#[test]
fn shape_mistakes_all_in_one_run_in_plain_words() {
    let text = default_playbook();
    let out = check_with(|p| {
        p.replacen("kind: integer, required: assess", "kind: int, required: assess", 1)
            .replacen("required: relationship }", "required: relation }", 1)
            .replacen("kind: text, required: demo }", "kind: text, requird: demo }", 1)
            .replacen(
                "{ id: champion, label: Champion, weight: 2 }",
                "{ id: champion, label: Champion, weight: 500 bad_indent }",
                1,
            )
    });
    out.code(2)
        .stderr_has(&format!(
            "kam.yaml:{}:",
            line_of(&text, "kind: integer, required: assess")
        ))
        .stderr_has("`kind` cannot be `int`")
        .stderr_has("did you mean `integer`?")
        .stderr_has(&format!("kam.yaml:{}:", line_of(&text, "required: relationship }")))
        .stderr_has("unknown stage `relation`")
        .stderr_has("did you mean `relationship`?")
        .stderr_has("unknown key `requird`")
        .stderr_has("did you mean `required`?")
        .stderr_has(&format!("kam.yaml:{}:", line_of(&text, "{ id: champion")))
        .stderr_has("`weight` must be a number, not the text \"500 bad_indent\"")
        .stderr_has("has 4 problems");
    for serde_word in ["invalid type", "unknown variant", "expected f64", "untagged"] {
        assert!(
            !out.stderr.contains(serde_word),
            "serde speaks: {serde_word}\n{}",
            out.stderr
        );
    }
    insta::assert_snapshot!("playbook_shape_mistakes", out.stderr);
}

/// A missing key, a list where a mapping belongs and a key of the wrong type in one run; what
/// kam filled in to go on is not reported again.
#[test]
fn missing_keys_and_wrong_shapes_in_one_run() {
    let out = check_with(|p| {
        p.replacen(
            "  - id: qualify\n    label: Qualify the target\n",
            "  - id: qualify\n",
            1,
        )
        .replacen("  followup_days: 7", "  followup_days: [7]", 1)
    });
    out.code(2)
        .stderr_has("item #1 of `stages` lacks the key `label`")
        .stderr_has("`followup_days` must be a whole number, 0 or more, not a list")
        .stderr_has("has 2 problems");
}

/// An unterminated quote is shown where it opens, not where the parser gave up.
#[test]
fn an_open_quote_is_pointed_at_where_it_starts() {
    let text = default_playbook();
    let line = line_of(&text, "help: \"The client's name as they write it\"");
    let out = check_with(|p| {
        p.replacen(
            "help: \"The client's name as they write it\"",
            "help: \"The client's name",
            1,
        )
    });
    out.code(2)
        .stderr_has(&format!("kam.yaml:{line}:"))
        .stderr_has("this quoted text is not closed on its line");
}

/// A thousand unknown keys do not make a thousand passes: the run stops at a bound.
#[test]
fn shape_problems_are_bounded() {
    let extra: String = (0..1000).fold(String::new(), |mut s, i| {
        let _ = writeln!(s, "  junk{i}: 1");
        s
    });
    let out = check_with(|p| p.replacen("policy:\n", &format!("policy:\n{extra}"), 1));
    out.code(2).stderr_has("unknown key `junk0`");
    let n = out.stderr.matches("unknown key").count();
    assert!((1..=50).contains(&n), "{n} problems shown");
}
