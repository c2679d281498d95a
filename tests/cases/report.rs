//! `kam report visit` and `kam report negotiation`: reviewed snapshots of both reports on rich,
//! sparse, Spanish and Chinese accounts, with the default and the Chinese playbook; every sample
//! renders in every format within 80 columns; personal data stays out unless asked for.

use unicode_width::UnicodeWidthStr;

use crate::support::{Outcome, Test, repo, sample_files, zh_playbook};

fn report(kind: &str, id: &str, format: &str) -> Outcome {
    Test::samples().args(&["report", kind, id, "--format", format]).run()
}

fn report_zh(kind: &str, id: &str, format: &str) -> Outcome {
    Test::samples()
        .file("kam.yaml", &zh_playbook())
        .args(&["report", kind, id, "--format", format])
        .run()
}

/// The ids of the sample accounts.
fn sample_ids() -> Vec<String> {
    let mut ids: Vec<String> = sample_files()
        .iter()
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    ids
}

macro_rules! snapshot {
    ($name:literal, $outcome:expr) => {{
        let out = $outcome;
        out.code(0);
        insta::assert_snapshot!($name, out.stdout);
    }};
}

#[test]
fn visit_rich_chinese_account() {
    snapshot!("visit-kangyuan-text", report("visit", "kangyuan-pharma", "text"));
    snapshot!("visit-kangyuan-md", report("visit", "kangyuan-pharma", "md"));
}

#[test]
fn visit_spanish_account() {
    snapshot!("visit-la-huerta-text", report("visit", "la-huerta-bajio", "text"));
    snapshot!("visit-la-huerta-md", report("visit", "la-huerta-bajio", "md"));
}

#[test]
fn visit_sparse_account_without_a_planned_visit() {
    snapshot!("visit-jiangning-text", report("visit", "jiangning-water", "text"));
    snapshot!("visit-jiangning-md", report("visit", "jiangning-water", "md"));
}

#[test]
fn negotiation_complete_plan() {
    snapshot!(
        "negotiation-kangyuan-text",
        report("negotiation", "kangyuan-pharma", "text")
    );
    snapshot!(
        "negotiation-kangyuan-md",
        report("negotiation", "kangyuan-pharma", "md")
    );
}

#[test]
fn negotiation_plan_with_gaps() {
    snapshot!(
        "negotiation-dongsheng-text",
        report("negotiation", "dongsheng-food", "text")
    );
    snapshot!(
        "negotiation-la-huerta-md",
        report("negotiation", "la-huerta-bajio", "md")
    );
}

#[test]
fn negotiation_without_a_plan() {
    snapshot!(
        "negotiation-jiangning-text",
        report("negotiation", "jiangning-water", "text")
    );
    snapshot!(
        "negotiation-jiangning-md",
        report("negotiation", "jiangning-water", "md")
    );
}

#[test]
fn the_chinese_playbook_gives_chinese_reports() {
    snapshot!("zh-visit-ningzhou-text", report_zh("visit", "ningzhou-battery", "text"));
    snapshot!("zh-visit-ningzhou-md", report_zh("visit", "ningzhou-battery", "md"));
    snapshot!(
        "zh-negotiation-dongsheng-text",
        report_zh("negotiation", "dongsheng-food", "text")
    );
    snapshot!(
        "zh-negotiation-kangyuan-md",
        report_zh("negotiation", "kangyuan-pharma", "md")
    );
}

#[test]
fn every_sample_renders_both_reports_in_every_format_within_80_columns() {
    let zh = zh_playbook();
    for id in sample_ids() {
        for kind in ["visit", "negotiation"] {
            for format in ["text", "md"] {
                for chinese in [false, true] {
                    let mut t = Test::samples();
                    if chinese {
                        t = t.file("kam.yaml", &zh);
                    }
                    let out = t.args(&["report", kind, &id, "--format", format]).run();
                    out.code(0);
                    assert!(out.stderr.is_empty(), "{kind} {id}: {}", out.stderr);
                    assert!(out.stdout.lines().count() > 20, "{kind} {id} is too short");
                    if format == "text" {
                        for line in out.stdout.lines() {
                            assert!(
                                line.width() <= 80,
                                "{kind} {id} (zh: {chinese}): {} columns: {line}",
                                line.width()
                            );
                        }
                    }
                }
            }
        }
    }
}

/// Every sensitive value of every sample: (account id, field label, value as a report shows it).
fn sensitive_values() -> Vec<(String, String, String)> {
    let pb = kam::io::playbook_file::default_playbook().unwrap();
    let mut out = Vec::new();
    for file in sample_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        let doc: toml::Table = toml::from_str(&text).unwrap();
        let id = doc["id"].as_str().unwrap().to_string();
        let mut tables: Vec<(&[kam::domain::playbook::Field], &toml::Table)> = Vec::new();
        for group in &pb.doc.archive {
            if let Some(t) = doc.get(&group.id).and_then(toml::Value::as_table) {
                tables.push((&group.fields, t));
            }
        }
        for (list, rt) in &pb.doc.records {
            for t in doc.get(list).and_then(toml::Value::as_array).into_iter().flatten() {
                tables.push((&rt.fields, t.as_table().unwrap()));
            }
        }
        for (fields, table) in tables {
            for f in fields.iter().filter(|f| f.sensitive) {
                let Some(v) = table.get(&f.id) else { continue };
                let shown = match v {
                    // An enumeration shows its value's label.
                    toml::Value::String(s) if f.values.is_some() => {
                        pb.enum_label(f.values.as_deref().unwrap_or_default(), s).to_string()
                    }
                    toml::Value::String(s) => s.clone(),
                    toml::Value::Integer(i) => format!("{}: {i}", f.label),
                    toml::Value::Datetime(d) => format!("{}: {d}", f.label),
                    other => panic!("{id}: unexpected sensitive value {other:?}"),
                };
                out.push((id.clone(), f.label.clone(), shown));
            }
        }
    }
    out
}

#[test]
fn no_sensitive_value_appears_unless_asked_for() {
    let values = sensitive_values();
    // The samples hold birthdays, mobiles, family, habits, origin, age and a bank account.
    assert!(values.len() >= 10, "{values:?}");
    for (id, label, value) in &values {
        assert!(
            !value.contains(['*', '_', '[', '<', '|', '\\', '#', '`']),
            "{id}: Markdown would escape {value:?}; the test needs plain values"
        );
        for kind in ["visit", "negotiation"] {
            for format in ["md", "text"] {
                let out = report(kind, id, format);
                out.code(0);
                assert!(
                    !out.stdout.contains(value.as_str()),
                    "{kind} {id} ({format}) shows {label}: {value}"
                );
            }
        }
        let visit = report("visit", id, "md");
        visit
            .stdout_has("Personal data left out")
            .stdout_has("--include-sensitive");
        let with = Test::samples()
            .args(&["report", "visit", id, "--format", "md", "--include-sensitive"])
            .run();
        with.code(0).stdout_has(value);
        assert!(!with.stdout.contains("Personal data left out"), "{id}");
    }
}

#[test]
fn the_report_says_which_personal_data_it_left_out() {
    report("visit", "la-huerta-bajio", "text")
        .code(0)
        .stdout_has("Personal data left out: 3 values (Mobile, Birthday, Family)");
}

#[test]
fn output_file_is_written_and_equals_stdout() {
    let printed = report("visit", "ningzhou-battery", "md");
    let out = Test::samples()
        .args(&["report", "visit", "ningzhou-battery", "--format", "md", "-o", "plan.md"])
        .run();
    out.code(0).stdout_has("wrote plan.md");
    assert_eq!(out.read("plan.md"), printed.stdout);
}

#[test]
fn a_date_picks_that_visit_or_prompts_for_one() {
    let past = Test::samples()
        .args(&["report", "visit", "ningzhou-battery", "--date", "2026-09-12"])
        .run();
    past.code(0).stdout_has("宁州总部").stdout_has("(74 days ago)");
    Test::samples()
        .args(&["report", "visit", "ningzhou-battery", "--date", "2026-12-24"])
        .run()
        .code(0)
        .stdout_has("No visit is recorded on 2026-12-24");
}

#[test]
fn the_gift_of_the_planned_visit_is_checked_against_the_limit() {
    let limit = |text: String| text.replace("gift_limit: 500", "gift_limit: 100");
    Test::samples()
        .playbook(limit)
        .args(&[
            "report",
            "visit",
            "ningzhou-battery",
            "--date",
            "2026-09-12",
            "--format",
            "md",
        ])
        .run()
        .code(0)
        .stdout_has("Gift value 300 CNY is over the policy limit of 100 CNY per person");
}

#[test]
fn only_the_account_asked_for_is_read() {
    Test::samples()
        .file("accounts/broken.toml", "id = \"broken\"\nname = [\n")
        .args(&["report", "negotiation", "kangyuan-pharma"])
        .run()
        .code(0)
        .stdout_has("All 4 conditions are met");
}

#[test]
fn an_unknown_account_or_a_broken_file_is_an_error() {
    Test::samples()
        .args(&["report", "visit", "no-such-client"])
        .run()
        .code(2)
        .stderr_has("no account `no-such-client`");
    Test::samples()
        .file("accounts/broken.toml", "id = \"broken\"\nname = [\n")
        .args(&["report", "visit", "broken"])
        .run()
        .code(2)
        .stderr_has("accounts/broken.toml:2")
        .stderr_has("is not valid TOML");
}

#[test]
fn gaps_among_the_people_are_flagged() {
    report("visit", "dongsheng-food", "text")
        .code(0)
        .stdout_has("⚠ 刘德胜, in the decision layer: Closeness not assessed");
    // The veto is technical / operations' (seed 002): kangyuan's technical head, 徐青, has been
    // met, and its finance manager holds no veto.
    let kangyuan = report("visit", "kangyuan-pharma", "md");
    kangyuan.code(0);
    assert!(!kangyuan.stdout.contains("holds a veto"), "{}", kangyuan.stdout);
    report("visit", "jiangning-water", "md")
        .code(0)
        .stdout_has("No decision-maker identified")
        .stdout_has("No coach identified");
}

#[test]
fn the_veto_holder_is_technical_operations() {
    const HEAD: &str = "id = \"acme\"\nname = \"Acme\"\nowner = \"li\"\nstage = \"relationship\"\n";
    let plan = |contacts: &str| {
        Test::new()
            .file(
                "accounts/acme.toml",
                &format!(
                    "{HEAD}{contacts}[[visits]]\ndate = 2026-12-01\nform = \"office_meeting\"\nattendees = [\"li-gong\"]\n"
                ),
            )
            .args(&["report", "visit", "acme", "--format", "md"])
            .run()
    };
    let cfo = "[[contacts]]\nid = \"cfo\"\nname = \"CFO\"\nroles = [\"finance\"]\nstance = \"blocker\"\n";
    plan(cfo)
        .code(0)
        .stdout_has("Technical / operations holds a veto and nobody in that role is known");
    let out = plan(&format!(
        "{cfo}[[contacts]]\nid = \"li-gong\"\nname = \"李工\"\nroles = [\"technical\"]\nstance = \"opponent\"\n"
    ));
    out.code(0)
        .stdout_has("Technical / operations holds a veto and has not been met: 李工 — this visit is the first meeting")
        .stdout_has("李工 (Technical / operations) holds a veto and stands against us (Opponent)");
    assert!(!out.stdout.contains("Finance holds a veto"), "{}", out.stdout);
}

#[test]
fn the_supplier_structure_and_the_plans_procurement_step_in_both_playbooks() {
    // The current supplier's share of the client's purchases is in the brief's competitors.
    report("negotiation", "beifang-dairy", "text")
        .code(0)
        .stdout_has("Share of their purchases  60 %");
    report_zh("negotiation", "beifang-dairy", "text")
        .code(0)
        .stdout_has("供货份额");
    // A plan task names the procurement step it answers, one of the playbook's steps.
    let bad = std::fs::read_to_string(repo().join("accounts/north/beifang-dairy.toml"))
        .unwrap()
        .replace("procurement_step = \"inspection\"", "procurement_step = \"site_tour\"");
    for zh in [false, true] {
        let mut t = Test::new().file("accounts/beifang-dairy.toml", &bad);
        if zh {
            t = t.file("kam.yaml", &zh_playbook());
        }
        t.args(&["check"])
            .run()
            .code(1)
            .stdout_has("[KAM004]")
            .stdout_has("site_tour");
    }
}
