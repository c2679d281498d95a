//! Cost stays linear and numbers stay sane: a file full of errors shows the first 100 and counts
//! the rest; a playbook nested beyond need is refused with its line; weights, thresholds and
//! limits that are not finite or out of range are playbook errors with a line. (How fast the
//! worst cases run is measured in BENCHMARKS.md; the deadlines here only turn a hang into a
//! failure.)

use crate::support::{Test, default_playbook};

fn line_of(text: &str, needle: &str) -> usize {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle} not in the text"));
    text[..at].matches('\n').count() + 1
}

#[test]
fn a_file_full_of_errors_shows_the_first_hundred_and_counts_the_rest() {
    let mut text = String::from("id = \"bad\"\nname = \"Bad\"\nowner = \"x\"\nstage = \"qualify\"\n[company]\n");
    for i in 0..12_000 {
        text += "unknown_";
        text += &i.to_string();
        text += " = 1\n";
    }
    let t = Test::new().file("accounts/bad.toml", &text).deadline(120);
    let out = t.kam(&["check"]);
    out.code(1)
        .stdout_has("accounts/bad.toml: … 11,900 more of KAM002")
        .stdout_has("checked 1 account: 12000 errors");
    assert_eq!(
        out.stdout.matches("error[KAM002]").count(),
        100,
        "{}",
        &out.stdout[..2000]
    );
    let json = t.kam(&["check", "--format", "json"]);
    let items: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let items = items.as_array().unwrap();
    assert_eq!(items.len(), 101);
    assert_eq!(items[100]["omitted"], 11_900);
}

#[test]
fn one_long_line_of_errors_is_checked_and_capped() {
    // A megabyte on one line: a list of 100,000 values that are not allowed.
    let values = vec!["\"bogus\""; 100_000].join(", ");
    let text = format!(
        "id = \"line\"\nname = \"L\"\nowner = \"x\"\nstage = \"qualify\"\n[procurement]\nconcerns = [{values}]\n"
    );
    let t = Test::new().file("accounts/line.toml", &text).deadline(120);
    let out = t.kam(&["check"]);
    out.code(1)
        .stdout_has("accounts/line.toml: … 99,900 more of KAM004")
        .stdout_has("accounts/line.toml:6:13");
    assert_eq!(out.stdout.matches("error[KAM004]").count(), 100);
    assert!(out.stdout.len() < 200_000, "{} bytes of output", out.stdout.len());
}

#[test]
fn a_playbook_nested_beyond_need_is_refused_with_its_line() {
    let block: String = (0..2_000).map(|i| "  ".repeat(i) + "a:\n").collect();
    let flow = format!("x: {}1{}\n", "{a: ".repeat(50_000), "}".repeat(50_000));
    for nested in [block, flow] {
        let text = format!("{}\nextra:\n{nested}", default_playbook());
        // The 33rd level: on the flow line itself, or 33 lines into the block.
        let line = line_of(&text, "extra:") + if nested.starts_with("x:") { 1 } else { 33 };
        let out = Test::new().file("kam.yaml", &text).args(&["check"]).deadline(120).run();
        out.code(2)
            .stderr_has("nests mappings and lists more than 32 levels deep")
            .stderr_has(&format!("kam.yaml:{line}:"));
    }
}

#[test]
fn numbers_in_the_playbook_are_finite_and_sane() {
    let text = default_playbook();
    for (from, to, says) in [
        ("weight: 4\n", "weight: 1e308\n", "at most 1000"),
        ("weight: 4\n", "weight: .inf\n", "at most 1000"),
        ("weight: 4\n", "weight: .nan\n", "at most 1000"),
        ("gift_limit: 500\n", "gift_limit: 1e300\n", "gift limit"),
        ("USD: 7.1,", "USD: .nan,", "exchange rate of USD"),
        ("followup_days: 7\n", "followup_days: 4000000000\n", "more than 36500"),
        ("value >= 70 and", "value >= 1e400 and", "is not a number"),
        ("value >= 70 and", "value >= 150 and", "outside 0–100"),
    ] {
        let line = line_of(&text, from);
        let out = Test::new().playbook(|p| p.replacen(from, to, 1)).args(&["score"]).run();
        out.code(2).stderr_has(says).stderr_has(&format!("kam.yaml:{line}:"));
    }
}
