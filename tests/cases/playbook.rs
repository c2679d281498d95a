//! Broken playbooks: every problem reported with its line, exit 2.

use crate::support::Test;

fn check_with(edit: impl FnOnce(String) -> String) -> crate::support::Outcome {
    Test::new().playbook(edit).args(&["check"]).run()
}

fn line_of(text: &str, needle: &str) -> usize {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle} not in playbook"));
    text[..at].matches('\n').count() + 1
}

fn default_text() -> String {
    std::fs::read_to_string(crate::support::repo().join("assets/kam.yaml")).unwrap()
}

#[test]
fn bad_yaml_names_its_line() {
    let out = check_with(|p| p.replacen("  ownership:\n", "  ownership: [\n", 1));
    out.code(2).stderr_has("kam.yaml:");
}

#[test]
fn unknown_stage_reference_is_located() {
    let text = default_text();
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
    out.code(2).stderr_has("unknown variant `filed`");
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
    check_with(|p| format!("{p}\nreports: {{}}\n"))
        .code(2)
        .stderr_has("unknown field `reports`");
}
