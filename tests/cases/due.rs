//! `kam due`: the agenda of the sample accounts on 2026-11-25.

use crate::support::Test;

#[test]
fn the_agenda_of_the_samples() {
    let out = Test::samples().args(&["due"]).run();
    out.code(0);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn items_by_kind_in_json() {
    let out = Test::samples()
        .args(&["due", "--within", "30", "--format", "json"])
        .run();
    out.code(0);
    let items: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    let has = |kind: &str, id: &str, date: &str| {
        items
            .iter()
            .any(|i| i["kind"] == kind && i["id"] == id && i["date"] == date)
    };
    assert!(has("report", "renhe-hospital", "2026-11-13"), "{items:#?}");
    assert!(has("step", "dongsheng-food", "2026-11-18"), "{items:#?}");
    assert!(has("visit", "ningzhou-battery", "2026-11-19"), "{items:#?}");
    // Lost and paused accounts are not on the agenda.
    for skipped in ["tiandi-cement", "xinghe-electronics"] {
        assert!(!items.iter().any(|i| i["id"] == skipped), "{skipped}");
    }
    // Sorted by date.
    let dates: Vec<&str> = items.iter().map(|i| i["date"].as_str().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort_unstable();
    assert_eq!(dates, sorted);
    // Late items say how late.
    let renhe = items
        .iter()
        .find(|i| i["id"] == "renhe-hospital" && i["kind"] == "report")
        .unwrap();
    assert_eq!(renhe["late_days"], 12);
}

#[test]
fn the_window_and_the_owner_narrow_the_agenda() {
    let today_only = Test::samples()
        .args(&["due", "--within", "0", "--format", "json"])
        .run();
    today_only.code(0);
    let items: Vec<serde_json::Value> = serde_json::from_str(&today_only.stdout).unwrap();
    assert!(
        items.iter().all(|i| i["late_days"].as_i64().unwrap() >= 0),
        "{items:#?}"
    );
    assert!(!items.is_empty());
    let mine = Test::samples()
        .args(&["due", "--owner", "li.wei", "--format", "md"])
        .run();
    mine.code(0).stdout_has("ningzhou-battery");
    assert!(!mine.stdout.contains("renhe-hospital"), "{}", mine.stdout);
}

#[test]
fn nothing_due_says_so() {
    Test::new()
        .file(
            "accounts/a.toml",
            "id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"won\"\n",
        )
        .args(&["due"])
        .run()
        .code(0)
        .stdout_has("Nothing due.");
}
