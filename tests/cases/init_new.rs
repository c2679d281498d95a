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
