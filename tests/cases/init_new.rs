//! `kam init` and `kam new`.

use crate::support::Test;

#[test]
fn init_writes_playbook_accounts_and_gitignore() {
    let out = Test::new().args(&["init", "myteam"]).run();
    out.code(0);
    let playbook = out.read("myteam/kam.yaml");
    assert_eq!(
        playbook,
        std::fs::read_to_string(crate::support::repo().join("assets/kam.yaml")).unwrap()
    );
    assert!(
        playbook.starts_with("# kam playbook"),
        "the written playbook keeps its comments"
    );
    assert!(out.exists("myteam/accounts"));
    let ignore = out.read("myteam/.gitignore");
    assert!(
        ignore.contains(".*.kam-lock") && ignore.contains(".*.kam-tmp*"),
        "{ignore}"
    );
    // Editor support: the schema, and taplo pointed at it for the account files.
    let schema: serde_json::Value = serde_json::from_str(&out.read("myteam/kam.schema.json")).unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    let taplo = out.read("myteam/.taplo.toml");
    assert!(taplo.contains("include = [\"accounts/**/*.toml\"]"), "{taplo}");
    assert!(taplo.contains("path = \"./kam.schema.json\""), "{taplo}");
}

#[test]
fn init_keeps_an_existing_taplo_config() {
    let out = Test::new()
        .file(".taplo.toml", "[formatting]\nalign_entries = true\n")
        .args(&["init"])
        .run();
    out.code(0);
    assert_eq!(out.read(".taplo.toml"), "[formatting]\nalign_entries = true\n");
    assert!(out.exists("kam.schema.json"));
}

#[test]
fn init_refuses_an_existing_playbook_and_changes_nothing() {
    let out = Test::new().file("kam.yaml", "# mine\n").args(&["init"]).run();
    out.code(2).stderr_has("already exists");
    assert_eq!(out.read("kam.yaml"), "# mine\n");
    assert!(!out.exists(".gitignore"));
    let forced = Test::new()
        .file("kam.yaml", "# mine\n")
        .args(&["init", "--force"])
        .run();
    forced.code(0);
    assert!(forced.read("kam.yaml").starts_with("# kam playbook"));
}

#[test]
fn init_keeps_an_existing_gitignore_and_adds_once() {
    let out = Test::new().file(".gitignore", "/target").args(&["init"]).run();
    out.code(0);
    let text = out.read(".gitignore");
    assert!(text.starts_with("/target\n"));
    assert_eq!(text.matches(".*.kam-lock").count(), 1);
}

#[test]
fn new_writes_a_first_stage_account_that_passes_check() {
    let t = Test::new().args(&["init"]).run();
    t.code(0);
    let dir = t.dir.clone();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_kam"))
            .args(["--today", crate::support::TODAY, "-C"])
            .arg(&dir)
            .args(args)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, stdout, _) = run(&["new", "华东精密制造有限公司", "--owner", "li.wei"]);
    assert_eq!(code, 0);
    // The legal form is dropped: a short id.
    assert!(stdout.contains("accounts/hua-dong-jing-mi-zhi-zao.toml"), "{stdout}");
    let text = t.read("accounts/hua-dong-jing-mi-zhi-zao.toml");
    assert!(text.contains("name = \"华东精密制造有限公司\""));
    assert!(text.contains("stage = \"qualify\""));
    assert!(text.contains("created = 2026-11-25"));
    let (code, stdout, _) = run(&["check", "--deny-warnings"]);
    assert_eq!(code, 0, "{stdout}");
    // The same name again gets a unique id; an id given that exists is refused; the existing
    // file is untouched either way.
    let (code, stdout, _) = run(&["new", "华东精密制造有限公司", "--owner", "someone.else"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("accounts/hua-dong-jing-mi-zhi-zao-2.toml"), "{stdout}");
    let (code, _, stderr) = run(&[
        "new",
        "华东精密",
        "--id",
        "hua-dong-jing-mi-zhi-zao",
        "--owner",
        "li.wei",
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("already exists"), "{stderr}");
    assert_eq!(t.read("accounts/hua-dong-jing-mi-zhi-zao.toml"), text);
}

#[test]
fn new_escapes_names_and_accepts_an_id() {
    let out = Test::new()
        .args(&["new", "Acme \"Best\" GmbH", "--id", "acme", "--owner", "ana"])
        .run();
    out.code(0);
    let text = out.read("accounts/acme.toml");
    assert!(text.contains(r#"name = 'Acme "Best" GmbH'"#), "{text}");
    Test::new()
        .file("accounts/acme.toml", &text)
        .args(&["check"])
        .run()
        .code(0);
}

#[test]
fn new_refuses_unsafe_ids() {
    for bad in ["../x", "a/b", "", "Upper", "a b"] {
        let out = Test::new()
            .args(&["new", "Client", "--id", bad, "--owner", "ana"])
            .run();
        out.code(2).stderr_has("not a valid account id");
        assert!(
            !out.exists("x") && !out.exists("accounts/a"),
            "{bad} escaped the folder"
        );
    }
}

#[test]
fn new_needs_an_owner() {
    Test::new().args(&["new", "Client"]).run().code(2).stderr_has("--owner");
}

#[test]
fn help_lists_commands_with_examples() {
    let out = Test::new().args(&["--help"]).run();
    out.code(0)
        .stdout_has("init")
        .stdout_has("new")
        .stdout_has("check")
        .stdout_has("Examples:");
}

#[test]
fn new_refuses_names_that_would_leave_their_line_and_writes_nothing() {
    for (name, owner) in [
        ("Acme\nclass = [\"strategic\"] #", "li.wei"),
        ("Acme\rclass = 1", "li.wei"),
        ("Acme\u{1b}[2J GmbH", "li.wei"),
        ("Acme\u{2028}GmbH", "li.wei"),
        ("Acme GmbH\n", "li.wei"),
        ("Acme GmbH", "li.wei\nclass = [\"strategic\"]"),
    ] {
        let t = Test::new().file("accounts/.gitkeep", "");
        let out = t.kam(&["new", name, "--id", "acme", "--owner", owner]);
        out.code(2).stderr_has("nothing was written");
        assert_eq!(
            crate::support::names_in(&t.path().join("accounts")),
            [".gitkeep"],
            "{name:?} / {owner:?}"
        );
        assert!(!out.stderr.contains('\u{1b}'), "{}", out.stderr);
    }
}

#[test]
fn playbook_labels_cannot_add_keys_to_a_new_account() {
    // A label with a line break would have started a line of TOML inside a comment.
    let t = Test::new().playbook(|p| {
        p.replace(
            "label: Industry, kind: text, required: demo }",
            "label: \"Industry\\nclass = [\\\"strategic\\\"]\", kind: text, required: demo }",
        )
        .replace("  label: Company\n", "  label: \"Company\\n[injected]\\nx = 1\"\n")
    });
    let out = t.kam(&["new", "Acme GmbH", "--owner", "li.wei"]);
    out.code(0);
    let text = t.read("accounts/acme.toml");
    assert!(
        !text
            .lines()
            .any(|l| l.starts_with("class") || l.starts_with("[injected]")),
        "{text}"
    );
    t.kam(&["check"]).code(0);
}

#[test]
fn ids_windows_reserves_are_refused() {
    for (name, id) in [
        ("Con", None),
        ("NUL", None),
        ("Acme", Some("aux")),
        ("Acme", Some("prn")),
        ("Acme", Some("com1")),
        ("Acme", Some("lpt9")),
    ] {
        let t = Test::new().file("accounts/.gitkeep", "");
        let mut args = vec!["new", name, "--owner", "li.wei"];
        if let Some(id) = id {
            args.extend(["--id", id]);
        }
        let out = t.kam(&args);
        out.code(2).stderr_has("Windows");
        assert_eq!(crate::support::names_in(&t.path().join("accounts")), [".gitkeep"]);
    }
    // An account file that already has such an id is a finding of `kam check`.
    let text = std::fs::read_to_string(crate::support::repo().join("tests/fixtures/accounts/complete.toml"))
        .unwrap()
        .replace("\"complete\"", "\"con\"");
    let out = Test::new().file("accounts/con.toml", &text).args(&["check"]).run();
    out.code(1).stdout_has("KAM020");
}

/// `kam init --playbook zh-CN` starts a workspace with the Chinese playbook, speaks it, and a
/// first account made in it passes the check; a name kam does not know lists the choices.
#[test]
fn init_starts_from_the_chinese_playbook() {
    let out = Test::new().args(&["init", "team", "--playbook", "zh-CN"]).run();
    out.code(0).stdout_has("已创建 kam 工作区");
    assert_eq!(
        out.read("team/kam.yaml"),
        std::fs::read_to_string(crate::support::repo().join("examples/playbooks/zh-CN.yaml")).unwrap()
    );
    let schema = out.read("team/kam.schema.json");
    assert!(
        schema.contains("确定开发对象") || schema.contains("客户名称"),
        "the schema is made from the chosen playbook"
    );
    let bad = Test::new().args(&["init", "team", "--playbook", "fr"]).run();
    bad.code(2).stderr_has("[possible values: en, zh-CN]");
    assert!(!bad.exists("team/kam.yaml"), "nothing is written for a bad name");
}
