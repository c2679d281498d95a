//! `kam schema`: the generated JSON Schema accepts every sample account and rejects broken ones,
//! checked with an off-the-shelf validator.

use crate::support::{Test, repo, sample_files};

fn schema() -> serde_json::Value {
    let out = Test::new().args(&["schema"]).run();
    out.code(0);
    serde_json::from_str(&out.stdout).unwrap()
}

/// An account file as the JSON a TOML language server validates (dates as strings).
fn as_json(text: &str) -> serde_json::Value {
    let root = kam::io::account_file::parse(text).unwrap_or_else(|e| panic!("{e:?}"));
    kam::domain::export::table_to_json(root.get_ref())
}

#[test]
fn every_sample_account_validates() {
    let validator = jsonschema::draft7::new(&schema()).expect("a valid draft-07 schema");
    let files = sample_files();
    assert_eq!(files.len(), 14);
    for file in files {
        let account = as_json(&std::fs::read_to_string(&file).unwrap());
        let errors: Vec<String> = validator
            .iter_errors(&account)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
    }
}

#[test]
fn broken_accounts_do_not_validate() {
    let validator = jsonschema::draft7::new(&schema()).unwrap();
    let base = std::fs::read_to_string(repo().join("accounts/east/renhe-hospital.toml")).unwrap();
    assert!(validator.is_valid(&as_json(&base)));
    let broken = [
        (
            "wrong enum",
            base.replace("ownership = \"private\"", "ownership = \"privat\""),
        ),
        ("rating 7", base.replace("payment_risk = 2", "payment_risk = 7")),
        (
            "unknown key",
            base.replace("[finance]\n", "[finance]\nfundng = \"average\"\n"),
        ),
        ("unknown stage", base.replace("stage = \"demo\"", "stage = \"demos\"")),
        (
            "missing name",
            base.replace("name = \"浙江仁和医疗集团有限公司\"\n", ""),
        ),
        (
            "evidence true",
            base.replace("go = { evidence = ", "go = true\nx = { evidence = "),
        ),
        ("unknown factor", base.replace("payment_risk = 2", "payment_rsk = 2")),
    ];
    for (what, text) in broken {
        assert_ne!(text, base, "{what}: the edit changed nothing");
        assert!(!validator.is_valid(&as_json(&text)), "{what} validates");
    }
}

#[test]
fn writes_to_a_file() {
    let out = Test::new().args(&["schema", "-o", "kam.schema.json"]).run();
    out.code(0);
    assert!(out.stdout.is_empty());
    let written: serde_json::Value = serde_json::from_str(&out.read("kam.schema.json")).unwrap();
    assert_eq!(written, schema());
}

#[test]
fn the_records_after_the_deal_are_in_the_schema() {
    let validator = jsonschema::draft7::new(&schema()).unwrap();
    let base = std::fs::read_to_string(repo().join("accounts/east/haisheng-food.toml")).unwrap();
    assert!(validator.is_valid(&as_json(&base)));
    for (what, broken) in [
        (
            "unknown cause",
            base.replace("cause = \"cash_shortage\"", "cause = \"no_money\""),
        ),
        (
            "unknown contract key",
            base.replace("term_months = 36", "term_month = 36"),
        ),
        (
            "unknown part",
            base.replace("[retrospective.results]", "[retrospective.lessons]"),
        ),
        (
            "wrong retro date",
            base.replace("date = 2026-07-25\nby", "date = \"July\"\nby"),
        ),
    ] {
        assert_ne!(broken, base, "{what}: the edit changed nothing");
        assert!(!validator.is_valid(&as_json(&broken)), "{what} validates");
    }
}
