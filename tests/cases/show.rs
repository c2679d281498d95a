//! `kam show`, `kam edit`, account ids by prefix with did-you-mean, short ids for `kam new`, and
//! shell completion.

use std::os::unix::fs::PermissionsExt;

use crate::support::{Test, repo};

const KANGYUAN: &str = "accounts/east/kangyuan-pharma.toml";

fn sample() -> String {
    std::fs::read_to_string(repo().join(KANGYUAN)).unwrap()
}

#[test]
fn show_puts_one_account_on_one_screen() {
    let out = Test::samples().env("COLUMNS", "80").args(&["show", "kang"]).run();
    out.code(0);
    assert!(
        out.stdout
            .lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80),
        "{}",
        out.stdout
    );
    assert!(out.stdout.lines().count() <= 50, "one screen: {}", out.stdout);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn show_as_json_and_the_whole_timeline() {
    let t = Test::samples();
    t.kam(&["task", "kangyuan", "done", "1"]).code(0);
    let out = t.kam(&["show", "kangyuan", "--format", "json"]);
    out.code(0);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["id"], "kangyuan-pharma");
    assert_eq!(v["stage"], "close");
    assert_eq!(v["gate"], serde_json::json!([2, 3]));
    assert_eq!(v["open_tasks"].as_array().unwrap().len(), 1);
    let timeline = v["timeline"].as_array().unwrap();
    assert_eq!(timeline[0]["event"], "planned");
    assert!(
        timeline
            .iter()
            .any(|e| e["event"] == "task" && e["date"] == "2026-11-25"),
        "a finished task is on the timeline"
    );
    let dates: Vec<&str> = timeline.iter().map(|e| e["date"].as_str().unwrap()).collect();
    let mut newest_first = dates.clone();
    newest_first.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(dates, newest_first);
    let short = t.kam(&["show", "kangyuan"]);
    short.stdout_has("earlier entries: kam show kangyuan-pharma --all");
    let all = t.kam(&["show", "kangyuan", "--all", "--format", "md"]);
    all.code(0)
        .stdout_has("## 江苏康源医药物流有限公司 (kangyuan-pharma)")
        .stdout_has("2026-04-22 stage");
}

#[test]
fn show_leaves_personal_data_out_unless_asked() {
    let t = Test::samples();
    let pb = std::fs::read_to_string(repo().join("assets/kam.yaml"))
        .unwrap()
        .replace(
            "      - { id: title, label: Title, kind: text }",
            "      - { id: title, label: Title, kind: text, sensitive: true }",
        );
    t.write("kam.yaml", &pb);
    let out = t.kam(&["show", "kangyuan"]);
    out.code(0).stdout_has("Personal data left out: 4 values");
    assert!(!out.stdout.contains("总经理"), "{}", out.stdout);
    t.kam(&["show", "kangyuan", "--include-sensitive"])
        .code(0)
        .stdout_has("总经理");
}

fn editor(t: &Test, name: &str, script: &str) -> String {
    let path = t.path().join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn edit_replaces_the_file_with_a_valid_copy() {
    let t = Test::samples();
    let ed = editor(
        &t,
        "ed.sh",
        "sed -i 's/^funding = \"sufficient\"/funding = \"tight\"/' \"$1\"",
    );
    let out = t.kam_env(&["edit", "kang"], &[("VISUAL", &ed)]);
    out.code(0).stdout_has("kangyuan-pharma: saved");
    assert_eq!(
        t.read(KANGYUAN),
        sample().replace("funding = \"sufficient\"", "funding = \"tight\"")
    );
    let left: Vec<String> = crate::support::names_in(&t.path().join("accounts/east"));
    assert!(!left.iter().any(|n| n.contains("kam-tmp")), "no copy is left: {left:?}");
    // Nothing changed: nothing written.
    let same = t.kam_env(&["edit", "kang"], &[("VISUAL", "true")]);
    same.code(0).stdout_has("no changes");
}

#[test]
fn edit_refuses_a_copy_with_new_errors_and_keeps_the_file() {
    let t = Test::samples();
    let ed = editor(
        &t,
        "bad.sh",
        "sed -i 's/^funding = \"sufficient\"/funding = \"plenty\"/' \"$1\"",
    );
    let out = t.kam_env(&["edit", "kangyuan"], &[("EDITOR", &ed), ("VISUAL", "")]);
    out.code(1)
        .stderr_has("error[KAM004]: `plenty` is not an allowed value of `finance.funding`")
        .stderr_has("abandoned");
    assert_eq!(t.read(KANGYUAN), sample());
    // Moving the stage by hand is refused too: the gate is not bypassed.
    let stage = editor(&t, "stage.sh", "sed -i 's/^stage = \"close\"/stage = \"won\"/' \"$1\"");
    t.kam_env(&["edit", "kangyuan"], &[("EDITOR", &stage)])
        .code(1)
        .stderr_has("KAM0");
    assert_eq!(t.read(KANGYUAN), sample());
}

#[test]
fn the_editor_setting_is_split_like_a_shell_and_never_run_by_one() {
    let t = Test::samples();
    // A program path with a space, an argument in quotes, and shell syntax that must stay text.
    let dir = t.path().join("my tools");
    std::fs::create_dir_all(&dir).unwrap();
    let ed = dir.join("ed.sh");
    std::fs::write(&ed, "#!/bin/sh\n[ \"$1\" = '$(touch pwned)' ] || exit 3\nsed -i 's/^funding = \"sufficient\"/funding = \"average\"/' \"$2\"\n").unwrap();
    std::fs::set_permissions(&ed, std::fs::Permissions::from_mode(0o755)).unwrap();
    let setting = format!("\"{}\" '$(touch pwned)'", ed.display());
    let out = t.kam_env(&["edit", "kangyuan"], &[("VISUAL", &setting)]);
    out.code(0);
    assert!(!t.path().join("pwned").exists());
    assert!(t.read(KANGYUAN).contains("funding = \"average\""));
    t.kam_env(&["edit", "kangyuan"], &[("VISUAL", "\"unclosed")])
        .code(2)
        .stderr_has("$VISUAL cannot be read as a command");
}

#[test]
fn ids_are_found_by_unique_prefix_with_did_you_mean() {
    Test::samples()
        .args(&["check", "kangyuan-pharma"])
        .run()
        .code(0)
        .stdout_has("checked 1 account");
    Test::samples()
        .args(&["check", "kangy"])
        .run()
        .code(0)
        .stdout_has("checked 1 account");
    Test::samples()
        .args(&["check", "kanguan-pharma"])
        .run()
        .code(2)
        .stderr_has("no account `kanguan-pharma`")
        .stderr_has("did you mean `kangyuan-pharma`?");
    Test::samples()
        .args(&["gate", "h"])
        .run()
        .code(2)
        .stderr_has("could be any of")
        .stderr_has("hengrui-precision");
    for cmd in [
        &["gate", "ningz"][..],
        &["score", "ningz"],
        &["report", "visit", "ningz"],
        &["show", "ningz"],
        &["task", "ningz", "list"],
    ] {
        Test::samples().args(cmd).run().code(0);
    }
    let out = Test::samples().args(&["advance", "kangy", "--dry-run"]).run();
    out.stdout_has("kangyuan-pharma cannot leave `close`");
}

#[test]
fn new_makes_short_unique_ids_and_checks_the_owner() {
    let t = Test::samples();
    t.kam(&["new", "华东精密制造有限公司", "--owner", "li.wei"])
        .code(0)
        .stdout_has("created accounts/hua-dong-jing-mi-zhi-zao.toml");
    t.kam(&["new", "华东精密制造股份有限公司", "--owner", "li.wei"])
        .code(0)
        .stdout_has("created accounts/hua-dong-jing-mi-zhi-zao-2.toml");
    t.kam(&["new", "Refacciones del Bajío S.A. de C.V.", "--owner", "lucia.herrera"])
        .code(0)
        .stdout_has("created accounts/refacciones-del-bajio.toml");
    t.kam(&["new", "Acme GmbH", "--owner", "liwei"])
        .code(2)
        .stderr_has("did you mean `li.wei`?");
    t.kam(&["new", "Acme GmbH", "--owner", "liwei", "--new-person"]).code(0);
    t.kam(&["check"]).code(0);
}

fn complete(line: &str) -> Vec<String> {
    let out = Test::samples().args(&["__complete", "bash", "--", line]).run();
    out.code(0);
    out.stdout.lines().map(str::to_string).collect()
}

#[test]
fn completion_offers_ids_contacts_stages_fields_and_owners() {
    assert_eq!(complete("kam show kang"), ["kangyuan-pharma"]);
    assert!(complete("kam ").contains(&"log".to_string()));
    assert_eq!(complete("kam log kangyuan --with xu"), ["xu-qing"]);
    assert_eq!(complete("kam log kangyuan --with xu-qing,ji"), ["xu-qing,jiang-hua"]);
    assert_eq!(complete("kam set kangyuan contacts.xu"), ["contacts.xu-qing."]);
    assert_eq!(
        complete("kam set kangyuan finance.payment_att"),
        ["finance.payment_attitude="]
    );
    // Bash splits words at `=`: the candidates start after it.
    assert_eq!(complete("kam set kangyuan finance.payment_attitude=sl"), ["slow"]);
    assert!(complete("kam advance kangyuan --to ").contains(&"paused".to_string()));
    assert!(complete("kam due --owner ").contains(&"li.wei".to_string()));
    assert_eq!(complete("kam evidence kangyuan "), ["proposed", "contract"]);
    assert_eq!(complete("kam task kangyuan done "), ["1", "2"]);
    assert!(complete("kam due --format=").contains(&"ics".to_string()));
    let zsh = Test::samples()
        .args(&["__complete", "zsh", "--", "kam", "set", "kangyuan", "contacts."])
        .run();
    zsh.stdout_has("contacts.xu-qing.\t徐青");
}

#[test]
fn the_bash_script_completes_through_kam() {
    let t = Test::samples();
    let script = t.kam(&["completions", "bash"]).stdout.clone();
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_kam"))
        .parent()
        .unwrap()
        .to_path_buf();
    let probe = format!(
        "{script}\nCOMP_LINE='kam show kangy'; COMP_POINT=${{#COMP_LINE}}; COMP_WORDS=(kam show kangy); COMP_CWORD=2; _kam; printf '%s\\n' \"${{COMPREPLY[@]}}\"\n"
    );
    let out = std::process::Command::new("bash")
        .args(["--norc", "-c", &probe])
        .current_dir(t.path())
        .env(
            "PATH",
            format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default()),
        )
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "kangyuan-pharma\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // fish completes through the script: `complete -C` prints what a Tab would offer.
    let fish = t.kam(&["completions", "fish"]).stdout.clone();
    let probe = format!("{fish}\ncomplete -C 'kam show kangy'");
    match std::process::Command::new("fish")
        .args(["--no-config", "-c", &probe])
        .current_dir(t.path())
        .env(
            "PATH",
            format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default()),
        )
        .output()
    {
        Ok(o) => assert_eq!(
            String::from_utf8_lossy(&o.stdout),
            "kangyuan-pharma\n",
            "{}",
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(_) => eprintln!("skipped: fish is not installed"),
    }
    for (shell, check) in [("zsh", ["-n", "-c"]), ("fish", ["-n", "-c"])] {
        let text = t.kam(&["completions", shell]).stdout.clone();
        match std::process::Command::new(shell).args(check).arg(&text).output() {
            Ok(o) => assert!(o.status.success(), "{shell}: {}", String::from_utf8_lossy(&o.stderr)),
            Err(_) => eprintln!("skipped: {shell} is not installed"),
        }
    }
}

#[test]
fn on_a_terminal_edit_offers_to_edit_the_copy_again() {
    if std::process::Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: `script` (util-linux) is not installed");
        return;
    }
    let t = Test::samples();
    // The first save brings an error; the second, after "edit again", fixes it.
    let ed = editor(
        &t,
        "twice.sh",
        "if [ -f \"$0.done\" ]; then sed -i 's/^funding = \"plenty\"/funding = \"tight\"/' \"$1\"; \
         else touch \"$0.done\"; sed -i 's/^funding = \"sufficient\"/funding = \"plenty\"/' \"$1\"; fi",
    );
    let kam = env!("CARGO_BIN_EXE_kam");
    let mut child = std::process::Command::new("script")
        .args([
            "-qec",
            &format!("{kam} --today 2026-11-25 --color never edit kangyuan"),
            "/dev/null",
        ])
        .current_dir(t.path())
        .env("VISUAL", &ed)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        std::thread::sleep(std::time::Duration::from_millis(500));
        let stdin = child.stdin.as_mut().unwrap();
        stdin.write_all(b"1\n").unwrap();
        stdin.flush().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
    let out = child.wait_with_output().unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("`plenty` is not an allowed value"), "{shown}");
    assert!(shown.contains("1) edit the copy again (edit)"), "{shown}");
    assert!(shown.contains("kangyuan-pharma: saved"), "{shown}");
    assert_eq!(
        t.read(KANGYUAN),
        sample().replace("funding = \"sufficient\"", "funding = \"tight\"")
    );
}
