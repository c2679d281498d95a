//! `kam export`: every sample account as CSV and JSON; no personal data without
//! `--include-sensitive`.

use crate::support::{Test, sample_files};
use kam::domain::privacy::{Scope, is_sensitive};

/// Every value of a sensitive field in the sample accounts, as text (found through the playbook,
/// in archive groups and in records).
fn sensitive_values() -> Vec<String> {
    let pb = kam::io::playbook_file::default_playbook().unwrap();
    let mut values = Vec::new();
    for file in sample_files() {
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

#[test]
fn json_holds_everything_the_account_holds_and_any_record_kind() {
    // A record kind the code does not know yet, with a sensitive field, and a kam table
    // (`ratings`) beside the usual records.
    let playbook = |pb: String| {
        pb.replacen(
            "records:\n",
            "records:\n  site_surveys:\n    label: Site surveys\n    fields:\n      - { id: place, label: Place, kind: text }\n      - { id: host_mobile, label: Host mobile, kind: phone, sensitive: true }\n",
            1,
        )
    };
    let account = "id = \"acme\"\nname = \"Acme\"\nowner = \"li.wei\"\nstage = \"qualify\"\n\n[ratings]\ncapability = 4\n\n[[history]]\nfrom = \"qualify\"\nto = \"demo\"\ndate = 2026-01-02\n\n[[visits]]\ndate = 2026-01-05\nnext_step = \"plant tour\"\n\n[[plan]]\ntask = \"send the proposal\"\ndue = 2026-02-01\n\n[[site_surveys]]\nplace = \"pump room\"\nhost_mobile = \"13800138000\"\n";
    let t = Test::new().playbook(playbook).file("accounts/acme.toml", account);
    let out = t.kam(&["export", "--format", "json"]);
    out.code(0);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let a = &v[0];
    assert_eq!(a["ratings"]["capability"], 4, "{a}");
    assert_eq!(a["history"][0]["to"], "demo", "{a}");
    assert_eq!(a["visits"][0]["next_step"], "plant tour", "{a}");
    assert_eq!(a["plan"][0]["task"], "send the proposal", "{a}");
    assert_eq!(a["site_surveys"][0]["place"], "pump room", "{a}");
    assert!(
        !out.stdout.contains("13800138000"),
        "a sensitive field of a new kind: {}",
        out.stdout
    );
    let asked = t.kam(&["export", "--format", "json", "--include-sensitive"]);
    assert!(asked.stdout.contains("13800138000"), "{}", asked.stdout);
}
