//! `kam export`: every sample account as CSV and JSON; no personal data without
//! `--include-sensitive`.

use crate::support::{Test, repo};
use kam::domain::privacy::{Scope, is_sensitive};

/// Every value of a sensitive field in the sample accounts, as text (found through the playbook,
/// in archive groups and in records).
fn sensitive_values() -> Vec<String> {
    let pb = kam::io::playbook_file::default_playbook().unwrap();
    let mut files = Vec::new();
    let mut stack = vec![repo().join("accounts")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    let mut values = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let root = kam::io::account_file::parse(&text).unwrap();
        let json = kam::domain::export::table_to_json(root.get_ref());
        let Some(top) = json.as_object() else { continue };
        for (key, value) in top {
            let scope_items: Vec<(Scope<'_>, &serde_json::Value)> = match value {
                serde_json::Value::Object(_) => vec![(Scope::Group(key.as_str()), value)],
                serde_json::Value::Array(items) => items.iter().map(|i| (Scope::Record(key.as_str()), i)).collect(),
                _ => continue,
            };
            for (scope, item) in scope_items {
                for (field, v) in item.as_object().into_iter().flatten() {
                    if is_sensitive(&pb, scope, field) {
                        values.push(v.as_str().map_or_else(|| v.to_string(), str::to_string));
                    }
                }
            }
        }
    }
    values
}

const SENSITIVE_KEYS: [&str; 7] = [
    "mobile",
    "birthday",
    "origin",
    "age",
    "family",
    "habits",
    "bank_account",
];

#[test]
fn no_personal_data_by_default() {
    let values = sensitive_values();
    assert!(values.len() >= 15, "{values:?}");
    for format in ["json", "csv"] {
        let out = Test::samples().args(&["export", "--format", format]).run();
        out.code(0);
        for v in values.iter().filter(|v| v.chars().count() >= 5) {
            assert!(!out.stdout.contains(v.as_str()), "{format} shows {v}");
        }
        for key in SENSITIVE_KEYS {
            assert!(
                !out.stdout.contains(&format!("\"{key}\"")),
                "{format} has the key {key}"
            );
            assert!(
                !out.stdout.contains(&format!(".{key}")),
                "{format} has the column {key}"
            );
        }
    }
}

#[test]
fn personal_data_when_asked() {
    let out = Test::samples()
        .args(&["export", "--format", "json", "--include-sensitive"])
        .run();
    out.code(0);
    for v in sensitive_values() {
        assert!(out.stdout.contains(v.as_str()), "missing {v}");
    }
    let csv = Test::samples()
        .args(&["export", "--format", "csv", "--include-sensitive"])
        .run();
    csv.code(0)
        .stdout_has("finance.bank_account")
        .stdout_has("0503 0101 0400 1234 567");
}

#[test]
fn json_holds_archive_score_and_stage() {
    let out = Test::samples().args(&["export", "--format", "json"]).run();
    out.code(0);
    let all: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(all.len(), 14);
    let haisheng = all.iter().find(|a| a["id"] == "haisheng-food").unwrap();
    assert_eq!(haisheng["contracts"][3]["amount"]["currency"], "USD");
    assert_eq!(haisheng["receivables"][2]["cause"], "delivery_doubts");
    assert_eq!(haisheng["receivables"][2]["payments"][0]["amount"], 500_000);
    assert_eq!(haisheng["aftercare"][0]["kind"], "new_project");
    let ningzhou = all.iter().find(|a| a["id"] == "ningzhou-battery").unwrap();
    assert_eq!(ningzhou["stage"], "assess");
    assert_eq!(ningzhou["days_in_stage"], 36);
    assert_eq!(ningzhou["tier"], "A");
    assert_eq!(ningzhou["value"], 85.0);
    assert!(ningzhou["company"]["industry"].is_string());
    assert!(ningzhou["contacts"][0]["name"].is_string());
}

#[test]
fn csv_flattens_groups_into_columns() {
    let out = Test::samples()
        .args(&["export", "--format", "csv", "-o", "out.csv"])
        .run();
    out.code(0);
    assert!(out.stdout.is_empty());
    let csv = out.read("out.csv");
    let header = csv.lines().next().unwrap();
    assert!(
        header.starts_with(
            "id,name,owner,stage,days_in_stage,tier,value,difficulty,created,class,team,tags,usual_contact,region,level,approach,programme,company.industry,"
        ),
        "{header}"
    );
    assert!(header.ends_with(",contacts"), "{header}");
    // Twelve accounts (multi-line cells are quoted, so count ids at line starts loosely).
    for id in ["ningzhou-battery", "tiandi-cement", "la-huerta-bajio"] {
        assert!(csv.contains(&format!("\n{id},")), "{id}");
    }
}

#[test]
fn an_unreadable_account_stops_the_export() {
    Test::samples()
        .file("accounts/broken.toml", "id = \n")
        .args(&["export", "--format", "json"])
        .run()
        .code(2)
        .stderr_has("accounts/broken.toml: not valid TOML");
}
