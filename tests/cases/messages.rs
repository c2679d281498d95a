//! Account messages a newcomer can act on: records named by their id or counted from 1, values
//! shown as written, the help naming the record, one error for a stage moved by hand, the stage
//! to go back to, where a table was first defined, dates written the TOML way.

use crate::support::Test;

fn check(file: &str) -> crate::support::Outcome {
    let t = Test::new();
    let text = std::fs::read_to_string(crate::support::repo().join("tests/fixtures/messages").join(file)).unwrap();
    t.file(&format!("accounts/{file}"), &text).args(&["check"]).run()
}

#[test]
fn records_are_named_by_id_or_counted_from_one_and_values_shown_as_written() {
    let out = check("records.toml");
    out.code(1)
        .stdout_has("`roles` of contacts `wang` expects a list of allowed values, found \"decision\"")
        .stdout_has("`stance` of contacts #2 expects one of the allowed values, found 3")
        .stdout_has("`id` of contacts #2 (Id) is missing")
        .stdout_has("`client_view` of visits #1 expects text (a string), found 7")
        .stdout_has("`company.employees` expects a whole number, found 2.5")
        .stdout_has("add `date = 2026-03-14` to this [[visits]] record")
        .stdout_has("`date` of history #1 is a date such as 2026-03-14, found \"2026/03/01\"")
        .stdout_has("`created` expects a date such as 2026-03-14, found \"2026/03/01\"")
        .stdout_has("help: write dates as 2026-03-01, without quotes");
    for old in ["[0]", "[1]", "found float", "found integer", "found string"] {
        assert!(!out.stdout.contains(old), "{old} in\n{}", out.stdout);
    }
    insta::assert_snapshot!("messages_records", out.stdout);
}

#[test]
fn a_stage_moved_by_hand_is_one_error_with_the_stage_to_go_back_to() {
    let out = check("bypass.toml");
    out.code(1)
        .stdout_has("error[KAM016]: stage `close` lies past the gate of `qualify`")
        .stdout_has("go back: stage = \"qualify\"");
    // No cascade of fields required from the stages it skipped.
    assert!(!out.stdout.contains("required from stage"), "{}", out.stdout);
    assert!(!out.stdout.contains("KAM007"), "{}", out.stdout);
    insta::assert_snapshot!("messages_bypass", out.stdout);
}

#[test]
fn a_table_written_twice_and_a_date_with_slashes_get_a_help_of_their_own() {
    let out = check("twice.toml");
    out.code(1)
        .stdout_has("help: write dates as 2026-03-01")
        .stdout_has("[company] is already defined on line 8");
    insta::assert_snapshot!("messages_twice", out.stdout);
}
