//! `kam check`: all problems of all files, positions, formats, exit codes, workspace discovery.

use crate::support::{Test, default_playbook, repo, sample_files, zh_playbook};

const GOOD: &str = "id = \"good\"\nname = \"Good Co\"\nowner = \"li.wei\"\nstage = \"qualify\"\n";

#[test]
fn samples_pass_with_the_embedded_playbook() {
    Test::samples()
        .args(&["check", "--deny-warnings"])
        .run()
        .code(0)
        .stdout_has("no problems");
}

#[test]
fn samples_pass_with_the_chinese_playbook() {
    let zh = zh_playbook();
    Test::samples()
        .file("kam.yaml", &zh)
        .args(&["check", "--deny-warnings"])
        .run()
        .code(0);
}

/// Every sample is legitimately where it is: each gate its history crossed going forward is met,
/// judged as of the day it was crossed, under both playbooks (what happened later, a visit or a
/// date, cannot have opened it).
#[test]
fn every_sample_met_every_gate_it_crossed_on_the_day_it_crossed() {
    use kam::domain::account::Account;
    use kam::domain::gate::{gate_of, next_stage};
    let zh = zh_playbook();
    let playbooks = [
        kam::io::playbook_file::default_playbook().unwrap(),
        kam::io::playbook_file::load("zh-CN.yaml", &zh).unwrap(),
    ];
    let mut crossed = 0;
    let mut bypassed = Vec::new();
    for path in sample_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let root = kam::io::account_file::parse(&text).unwrap();
        let account = Account::new(&root);
        for pb in &playbooks {
            for m in &account.history {
                let (Some(from), Some(to), Some(date)) = (m.from, m.to, m.date) else {
                    continue;
                };
                let Some(pos) = pb.stage_pos(from) else { continue };
                if next_stage(pb, pos) != to.text {
                    continue;
                }
                crossed += 1;
                let gate = gate_of(pb, pos, &account, date);
                let unmet: Vec<String> = gate.unmet().map(|i| format!("{}: {}", i.id, i.detail)).collect();
                if !gate.ready {
                    bypassed.push(format!(
                        "{}: the gate of {from} crossed on {date}: {unmet:#?}",
                        path.display()
                    ));
                }
            }
        }
    }
    assert!(bypassed.is_empty(), "{}", bypassed.join("\n"));
    assert!(crossed >= 40, "{crossed} gates crossed in the samples");
}

/// `kam check` decides whether each past crossing was met without the explanations; that answer
/// is the one `kam gate` explains, for every sample, stage, playbook and a spread of days.
#[test]
fn the_quick_answer_for_a_past_crossing_is_the_gates_answer() {
    use kam::domain::account::Account;
    use kam::domain::gate::gate_of;
    use kam::domain::gate::met::gate_met;
    let zh = zh_playbook();
    let playbooks = [
        kam::io::playbook_file::default_playbook().unwrap(),
        kam::io::playbook_file::load("zh-CN.yaml", &zh).unwrap(),
    ];
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let (mut compared, mut met, mut differ) = (0, 0, Vec::new());
    for path in sample_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let root = kam::io::account_file::parse(&text).unwrap();
        let account = Account::new(&root);
        let mut days: Vec<_> = [
            "2025-01-01",
            "2026-03-01",
            "2026-06-01",
            "2026-09-01",
            "2026-11-25",
            "2027-06-01",
        ]
        .map(day)
        .to_vec();
        for m in &account.history {
            days.extend(
                m.date
                    .into_iter()
                    .flat_map(|d| [d.pred_opt().unwrap(), d, d.succ_opt().unwrap()]),
            );
        }
        for pb in &playbooks {
            for pos in 0..pb.stages().len() {
                for d in &days {
                    let full = gate_of(pb, pos, &account, *d).ready;
                    compared += 1;
                    met += usize::from(full);
                    if gate_met(pb, pos, &account, *d) != full {
                        differ.push(format!("{}: stage #{pos} on {d}: gate says {full}", path.display()));
                    }
                }
            }
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
    // Both answers occur, so the comparison means something.
    assert!(met >= 50 && compared - met >= 50, "{met} met of {compared}");
}

#[test]
fn reports_every_problem_of_every_file_in_one_run() {
    let out = Test::new()
        .file(
            "accounts/a.toml",
            "id = \"a\"\nname = \"A\"\nowner = \"x\"\nstage = \"nope\"\n[company]\nownership = \"mine\"\n",
        )
        .file(
            "accounts/sub/b.toml",
            "id = \"b\"\nname = 1\nowner = \"x\"\nstage = \"qualify\"\n",
        )
        .file("accounts/good.toml", GOOD)
        .args(&["check"])
        .run();
    out.code(1)
        .stdout_has("accounts/a.toml:4:9")
        .stdout_has("unknown stage `nope`")
        .stdout_has("accounts/a.toml:6:13")
        .stdout_has("accounts/sub/b.toml:2:8")
        .stdout_has("checked 3 accounts: 3 errors, 0 warnings in 2 files");
    // Files in path order, then line order within a file.
    let a = out.stdout.find("accounts/a.toml:4").unwrap();
    let a2 = out.stdout.find("accounts/a.toml:6").unwrap();
    let b = out.stdout.find("accounts/sub/b.toml").unwrap();
    assert!(a < a2 && a2 < b);
}

#[test]
fn json_format_lists_each_diagnostic() {
    let out = Test::new()
        .file(
            "accounts/a.toml",
            "id = \"a\"\nname = \"A\"\nowner = \"x\"\nstage = \"nope\"\n",
        )
        .args(&["check", "--format", "json"])
        .run();
    out.code(1);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("valid JSON");
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 1, "{}", out.stdout);
    let first = &items[0];
    for key in ["file", "line", "column", "severity", "code", "message"] {
        assert!(first.get(key).is_some(), "missing {key}: {first}");
    }
    assert_eq!(first["file"], "accounts/a.toml");
    assert_eq!(first["line"], 4);
    assert_eq!(first["severity"], "error");
}

#[test]
fn json_of_a_clean_run_is_an_empty_array() {
    let out = Test::new()
        .file("accounts/good.toml", GOOD)
        .args(&["check", "--format", "json"])
        .run();
    out.code(0);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&out.stdout).unwrap(),
        serde_json::json!([])
    );
}

#[test]
fn warnings_pass_unless_denied() {
    let idle = "id = \"idle\"\nname = \"Idle\"\nowner = \"x\"\nstage = \"qualify\"\ncreated = 2025-01-01\n";
    Test::new()
        .file("accounts/idle.toml", idle)
        .args(&["check"])
        .run()
        .code(0)
        .stdout_has("warning[KAM018]");
    Test::new()
        .file("accounts/idle.toml", idle)
        .args(&["check", "--deny-warnings"])
        .run()
        .code(1);
}

#[test]
fn checks_only_the_given_paths() {
    let out = Test::new()
        .file("accounts/bad.toml", "id = 1\n")
        .file("accounts/good.toml", GOOD)
        .args(&["check", "accounts/good.toml"])
        .run();
    out.code(0).stdout_has("checked 1 account: no problems");
}

#[test]
fn a_given_path_is_checked_for_duplicate_ids_against_the_workspace() {
    let twin = "id = \"twin\"\nname = \"T\"\nowner = \"x\"\nstage = \"qualify\"\n";
    Test::new()
        .file("accounts/east/twin.toml", twin)
        .file("accounts/west/twin.toml", twin)
        .args(&["check", "accounts/west/twin.toml"])
        .run()
        .code(1)
        .stdout_has("id `twin` is also used by accounts/east/twin.toml");
}

#[test]
fn a_missing_path_is_an_io_error() {
    Test::new()
        .file("accounts/good.toml", GOOD)
        .args(&["check", "accounts/nope.toml"])
        .run()
        .code(2)
        .stderr_has("nope.toml");
}

#[test]
fn finds_the_workspace_from_a_subfolder_and_with_dash_c() {
    let t = || {
        Test::new()
            .playbook(|p| p)
            .file("accounts/good.toml", GOOD)
            .file("accounts/bad.toml", "id = \"bad\"\n")
    };
    t().cwd("accounts/deep/er")
        .args(&["check"])
        .run()
        .code(1)
        .stdout_has("accounts/bad.toml");
    let out = Test::new()
        .file("team/kam.yaml", &default_playbook())
        .file("team/accounts/good.toml", GOOD)
        .args(&["-C", "team", "check"])
        .run();
    out.code(0).stdout_has("checked 1 account");
}

#[test]
fn without_playbook_or_accounts_it_says_what_to_do() {
    Test::new().args(&["check"]).run().code(2).stderr_has("kam init");
}

#[test]
fn an_empty_accounts_folder_is_fine() {
    Test::new()
        .playbook(|p| p)
        .args(&["check"])
        .run()
        .code(0)
        .stdout_has("checked 0 accounts");
}

#[test]
fn hostile_files_are_reported_not_panicked_on() {
    let deep = format!("a = {}1{}\n", "[".repeat(5000), "]".repeat(5000));
    let out = Test::new()
        .file("accounts/deep.toml", &deep)
        .file("accounts/empty.toml", "")
        .file("accounts/bom.toml", "\u{feff}id = \"bom\"\n")
        .file("accounts/nul.toml", "id = \"\0\"\n")
        .args(&["check"])
        .run();
    out.code(1);
    for f in ["deep.toml", "empty.toml", "nul.toml"] {
        assert!(
            out.stdout.contains(&format!("accounts/{f}")),
            "{f} not named:\n{}",
            out.stdout
        );
    }
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
}

#[test]
fn crlf_files_get_the_same_positions() {
    let out = Test::new()
        .file(
            "accounts/a.toml",
            "id = \"a\"\r\nname = \"A\"\r\nowner = \"x\"\r\nstage = \"nope\"\r\n",
        )
        .args(&["check"])
        .run();
    out.code(1).stdout_has("accounts/a.toml:4:9");
}

/// Our own invalid TOML cases (the public toml-test suite runs from scripts/toml-test-invalid.sh).
#[test]
fn every_invalid_toml_fixture_is_reported_with_file_and_line() {
    let dir = repo().join("tests/fixtures/invalid-toml");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let t = Test::new();
        std::fs::create_dir_all(t.path().join("accounts")).unwrap();
        std::fs::write(t.path().join("accounts").join(&name), bytes).unwrap();
        let out = t.args(&["check"]).run();
        out.code(1);
        let located = out.stdout.lines().any(|l| {
            l.contains(&format!("accounts/{name}:")) && l.rsplit(':').take(2).all(|p| p.trim().parse::<usize>().is_ok())
        });
        assert!(located, "{name}: no file:line:col in\n{}", out.stdout);
        assert!(!out.stderr.contains("panicked"), "{name}: {}", out.stderr);
        n += 1;
    }
    assert!(n >= 15);
}

#[test]
fn a_currency_code_is_three_upper_case_letters_so_one_currency_is_never_two() {
    // Hand-written lower case: a finding that says how to write it, exit 1.
    let huijia = "accounts/north/huijia-retail.toml";
    let t = Test::samples();
    let text = t.read(huijia);
    assert!(text.contains("amount = 680000"), "the sample changed");
    t.write(
        huijia,
        &text.replacen("amount = 680000", "amount = { amount = 680000, currency = \"usd\" }", 1),
    );
    let out = t.kam(&["check", "huijia-retail"]);
    out.code(1)
        .stdout_has("error[KAM005]: `usd` is not a currency code (the currency of `expectation.amount`)")
        .stdout_has("write \"USD\"");
    // Upper case passes.
    let t = Test::samples();
    t.write(
        huijia,
        &text.replacen("amount = 680000", "amount = { amount = 680000, currency = \"USD\" }", 1),
    );
    t.kam(&["check", "huijia-retail"]).code(0);
    // Not letters at all: the help gives examples.
    let t = Test::samples();
    t.write(
        huijia,
        &text.replacen(
            "amount = 680000",
            "amount = { amount = 680000, currency = \"美元\" }",
            1,
        ),
    );
    t.kam(&["check", "huijia-retail"])
        .code(1)
        .stdout_has("`美元` is not a currency code")
        .stdout_has("e.g. \"CNY\", \"USD\"");
}

#[test]
fn gifts_in_another_currency_are_converted_or_flagged() {
    let account = |value: &str| {
        format!(
            "id = \"g\"\nname = \"G\"\nowner = \"x\"\nstage = \"qualify\"\n[[visits]]\ndate = 2026-11-02\nform = \"office_meeting\"\ngift_value = {value}\n"
        )
    };
    // 1000 MXN × 0.39 = 390 CNY: within the 500 CNY limit.
    Test::new()
        .file("accounts/g.toml", &account("{ amount = 1000, currency = \"MXN\" }"))
        .args(&["check", "--deny-warnings"])
        .run()
        .code(0);
    // 2000 MXN ≈ 780 CNY: over.
    Test::new()
        .file("accounts/g.toml", &account("{ amount = 2000, currency = \"MXN\" }"))
        .args(&["check"])
        .run()
        .code(0)
        .stdout_has("gift value 2000 MXN (≈ 780 CNY) is over the policy limit of 500 CNY");
    // No rate for the currency: say so instead of comparing apples and pesos.
    Test::new()
        .file("accounts/g.toml", &account("{ amount = 10, currency = \"CHF\" }"))
        .args(&["check"])
        .run()
        .stdout_has("gift value in CHF cannot be checked")
        .stdout_has("policy.exchange_rates");
}

#[test]
fn a_broken_history_chain_is_reported() {
    let text = "id = \"h\"\nname = \"H\"\nowner = \"x\"\nstage = \"qualify\"\n\n[[history]]\nfrom = \"qualify\"\nto = \"paused\"\ndate = 2026-10-01\nreason = \"budget\"\n\n[[history]]\nfrom = \"demo\"\nto = \"qualify\"\ndate = 2026-11-01\nreason = \"resumed\"\n";
    Test::new()
        .file("accounts/h.toml", text)
        .args(&["check"])
        .run()
        .code(1)
        .stdout_has("accounts/h.toml:13:8")
        .stdout_has("moves from `demo`, but the record before left the account in `paused`");
}

#[test]
fn md_format_is_a_job_summary_with_a_table_per_file() {
    let t = Test::new()
        .file("accounts/good.toml", GOOD)
        .file(
            "accounts/a.toml",
            "id = \"a\"\nname = \"A\"\nowner = \"x\"\nstage = \"no|pe*\"\n",
        )
        .file(
            "accounts/sub/b.toml",
            "id = \"b\"\nname = \"B\"\nowner = \"x\"\nstage = \"x_y\"\n",
        );
    let out = t.kam(&["check", "--format", "md"]);
    out.code(1);
    let md = &out.stdout;
    assert!(md.starts_with("# kam check\n\n"), "{md}");
    assert!(
        md.contains("\nchecked 3 accounts: 2 errors, 0 warnings in 2 files\n"),
        "{md}"
    );
    assert!(!md.contains("<br>"), "{md}");
    let a = md.find("## `accounts/a.toml`").expect("a section per file");
    let b = md.find("## `accounts/sub/b.toml`").expect("a section per file");
    assert!(a < b, "{md}");
    assert!(
        !md.contains("good.toml"),
        "files without findings have no section: {md}"
    );
    assert_eq!(md.matches("| code | line:col | message | help |").count(), 2, "{md}");
    // Account text is escaped: the pipe cannot break the table, the star cannot embolden.
    assert!(
        md.contains("| ⛔ KAM010 | 4:9 | unknown stage \\`no\\|pe\\*\\` | stages: "),
        "{md}"
    );
    assert!(md.contains("unknown stage \\`x\\_y\\`"), "{md}");
    // A clean run is a heading and its summary line.
    let clean = Test::new()
        .file("accounts/good.toml", GOOD)
        .kam(&["check", "--format", "md"]);
    clean.code(0);
    assert_eq!(clean.stdout, "# kam check\n\nchecked 1 account: no problems\n");
}
