//! `kam advance`: edits that keep every other byte of the file (fixtures compared byte for byte),
//! refused moves that leave the file identical, `--dry-run`, moves back and out, concurrent runs,
//! and hand edits of `stage` that `kam check` catches.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::support::{TODAY, Test, fixture_cases, names_in, repo};

fn fixture(path: &str) -> String {
    std::fs::read_to_string(repo().join("tests/fixtures").join(path)).unwrap()
}

fn case_dirs() -> Vec<PathBuf> {
    fixture_cases("advance")
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

/// The names in `accounts/` of a finished run, hidden ones included.
fn listing(dir: &Path) -> Vec<String> {
    names_in(&dir.join("accounts"))
}

#[test]
fn fixtures_are_edited_byte_for_byte() {
    let cases = case_dirs();
    assert!(cases.len() >= 12, "fixture cases missing");
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let mut test = Test::new();
        for file in files_in(&case.join("in")) {
            let target = test.path().join("accounts").join(file.file_name().unwrap());
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(&file, target).unwrap();
        }
        let args: Vec<String> = match std::fs::read_to_string(case.join("args")) {
            Ok(listed) => listed.lines().map(ToString::to_string).collect(),
            Err(_) => vec!["advance".into(), "acme".into()],
        };
        let code: i32 = std::fs::read_to_string(case.join("code")).map_or(0, |c| c.trim().parse().unwrap());
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        test = test.args(&refs);
        let out = test.run();
        assert_eq!(out.code, code, "case {name}\n{}\n{}", out.stdout, out.stderr);
        for expected in files_in(&case.join("out")) {
            let file_name = expected.file_name().unwrap().to_string_lossy().into_owned();
            let got = std::fs::read(out.dir.join("accounts").join(&file_name)).unwrap();
            let want = std::fs::read(&expected).unwrap();
            assert!(
                got == want,
                "case {name}: {file_name} differs\n--- got\n{}\n--- want\n{}",
                String::from_utf8_lossy(&got),
                String::from_utf8_lossy(&want)
            );
        }
        assert!(
            listing(&out.dir).iter().all(|n| !n.contains("kam-tmp")),
            "case {name}: a temporary file was left behind"
        );
        // Whatever advance wrote, `kam check` accepts.
        let check = Command::new(env!("CARGO_BIN_EXE_kam"))
            .args(["--today", TODAY, "--color", "never", "check"])
            .current_dir(&out.dir)
            .output()
            .unwrap();
        assert!(
            check.status.success(),
            "case {name}: kam check fails\n{}",
            String::from_utf8_lossy(&check.stdout)
        );
    }
}

const BLOCKED: &str = "advance/blocked/in/acme.toml";
const READY: &str = "advance/comments/in/acme.toml";
const IN_DEMO: &str = "advance/to-back/in/acme.toml";

#[test]
fn a_blocked_advance_names_what_is_missing_and_changes_nothing() {
    let text = fixture(BLOCKED);
    let out = Test::new()
        .file("accounts/acme.toml", &text)
        .args(&["advance", "acme"])
        .run();
    out.code(1)
        .stdout_has("acme cannot leave `qualify` (Qualify the target): 4 of 4 exit items unmet")
        .stdout_has("✗ need — Need and urgency written down")
        .stdout_has("under [procurement] write urgency (Urgency: one of high, medium, low)")
        .stdout_has("under [checklist] write go = { evidence = \"…\", date = 2026-11-25 }")
        .stdout_has("nothing was changed");
    assert_eq!(out.read("accounts/acme.toml"), text);
}

#[test]
fn dry_run_shows_the_diff_and_writes_nothing() {
    let text = fixture(READY);
    let out = Test::new()
        .file("accounts/acme.toml", &text)
        .args(&["advance", "acme", "--dry-run", "--note", "demo booked"])
        .run();
    out.code(0)
        .stderr_has("dry run: acme would move qualify → demo; nothing was written");
    assert_eq!(out.read("accounts/acme.toml"), text);
    assert_eq!(listing(&out.dir), ["acme.toml"], "not even a lock file");
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn moving_back_or_out_needs_a_reason() {
    let text = fixture(IN_DEMO);
    for target in ["qualify", "paused", "lost"] {
        let out = Test::new()
            .file("accounts/acme.toml", &text)
            .args(&["advance", "acme", "--to", target])
            .run();
        out.code(2)
            .stderr_has(&format!("moving `acme` to `{target}` needs a reason"))
            .stderr_has("add --reason TEXT");
        assert_eq!(out.read("accounts/acme.toml"), text);
    }
    let out = Test::new()
        .file("accounts/acme.toml", &text)
        .args(&["advance", "acme", "--reason", "just because"])
        .run();
    out.code(2).stderr_has("--reason goes with --to");
}

#[test]
fn skipping_forward_is_never_allowed() {
    let text = fixture("accounts/complete.toml");
    for (target, says) in [
        ("demo", "--to never moves forward"),
        ("close", "--to never moves forward"),
        ("won", "an account is won through the gate of the last stage"),
        ("signed", "`signed` is not a stage one can move to"),
    ] {
        let out = Test::new()
            .file("accounts/complete.toml", &text)
            .args(&["advance", "complete", "--to", target, "--reason", "hurry"])
            .run();
        out.code(2).stderr_has(says);
        assert_eq!(out.read("accounts/complete.toml"), text, "{target}");
    }
}

#[test]
fn walks_every_stage_to_won_with_check_clean_after_each_step() {
    let t = Test::new().file("accounts/complete.toml", &fixture("accounts/complete.toml"));
    let dir = t.path().to_path_buf();
    let kam = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_kam"))
            .args(["--today", TODAY, "--color", "never"])
            .args(args)
            .current_dir(&dir)
            .output()
            .unwrap()
    };
    for (from, to) in [
        ("qualify", "demo"),
        ("demo", "assess"),
        ("assess", "relationship"),
        ("relationship", "close"),
        ("close", "won"),
    ] {
        let out = kam(&["advance", "complete"]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{from}: {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains(&format!("complete: {from} → {to}")), "{stdout}");
        let check = kam(&["check", "--deny-warnings"]);
        assert!(
            check.status.success(),
            "after {to}: {}",
            String::from_utf8_lossy(&check.stdout)
        );
    }
    let again = kam(&["advance", "complete"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("is at the outcome `won`"));
    let text = std::fs::read_to_string(dir.join("accounts/complete.toml")).unwrap();
    assert_eq!(text.matches("[[history]]").count(), 5);
    assert!(text.contains("stage = \"won\"  # qualify → demo → assess → relationship → close\n"));
    drop(t);
}

/// Starts `kam advance` on the same account `n` times at once; returns each exit code and stderr.
fn race(dir: &Path, id: &str, n: usize) -> Vec<(i32, String)> {
    let children: Vec<_> = (0..n)
        .map(|i| {
            Command::new(env!("CARGO_BIN_EXE_kam"))
                .args(["--today", TODAY, "--color", "never", "advance", id, "--by"])
                .arg(format!("racer-{i}"))
                .current_dir(dir)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    children
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().unwrap();
            (
                out.status.code().unwrap_or(-1),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            )
        })
        .collect()
}

fn check_passes(dir: &Path) {
    let check = Command::new(env!("CARGO_BIN_EXE_kam"))
        .args(["--today", TODAY, "--color", "never", "check"])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
}

#[test]
fn concurrent_advances_on_one_file_never_lose_an_update() {
    for n in [2, 4, 8] {
        // The qualify gate is met and the demo gate is not: exactly one advance can succeed.
        let t = Test::new().file("accounts/acme.toml", &fixture(READY));
        let results = race(t.path(), "acme", n);
        let won = results.iter().filter(|(c, _)| *c == 0).count();
        assert_eq!(won, 1, "{results:?}");
        for (code, stderr) in &results {
            match code {
                0 | 1 => {}
                2 => assert!(stderr.contains("being changed by another kam process"), "{stderr}"),
                other => panic!("exit code {other}: {stderr}"),
            }
        }
        let text = std::fs::read_to_string(t.path().join("accounts/acme.toml")).unwrap();
        assert_eq!(text.matches("[[history]]").count(), 1, "{text}");
        assert!(text.contains("stage = \"demo\""));
        check_passes(t.path());
    }
}

#[test]
fn concurrent_advances_through_open_gates_record_every_move() {
    // Every gate is met: each run that gets the lock moves the account one more stage.
    let stages = ["qualify", "demo", "assess", "relationship", "close", "won"];
    let t = Test::new().file("accounts/complete.toml", &fixture("accounts/complete.toml"));
    let results = race(t.path(), "complete", 8);
    let moved = results.iter().filter(|(c, _)| *c == 0).count();
    assert!((1..=5).contains(&moved), "{results:?}");
    let text = std::fs::read_to_string(t.path().join("accounts/complete.toml")).unwrap();
    assert_eq!(text.matches("[[history]]").count(), moved, "{text}");
    assert!(
        text.contains(&format!("stage = \"{}\"", stages[moved])),
        "{moved} moves:\n{text}"
    );
    for pair in stages[..=moved].windows(2) {
        assert!(
            text.contains(&format!("from = \"{}\"\nto = \"{}\"", pair[0], pair[1])),
            "{text}"
        );
    }
    check_passes(t.path());
}

#[test]
fn a_hand_edited_stage_is_caught_by_check_and_not_moved_on() {
    // Moved from qualify to demo by editing the file: no history, and the qualify gate is unmet.
    let text = fixture(BLOCKED).replace("stage = \"qualify\"  # not ready yet", "stage = \"demo\"");
    let check = Test::new().file("accounts/acme.toml", &text).args(&["check"]).run();
    check
        .code(1)
        .stdout_has("error[KAM016]: stage `demo` lies past the gate of `qualify`, which is not met")
        .stdout_has("error[KAM017]: stage is `demo` but no [[history]] record shows how the account got there");
    let out = Test::new()
        .file("accounts/acme.toml", &text)
        .args(&["advance", "acme", "--to", "lost", "--reason", "cover it up"])
        .run();
    out.code(1)
        .stdout_has("[KAM016]")
        .stdout_has("is not moved while its current stage is not backed by its history and a met gate");
    assert_eq!(out.read("accounts/acme.toml"), text);

    // A history record written by hand does not open the gate either.
    let forged = format!("{text}\n[[history]]\nfrom = \"qualify\"\nto = \"demo\"\ndate = 2026-11-20\n");
    Test::new()
        .file("accounts/acme.toml", &forged)
        .args(&["check"])
        .run()
        .code(1)
        .stdout_has("[KAM016]");
}

#[test]
fn a_paused_account_resumes_where_it_left_and_no_further() {
    let t = Test::new().file("accounts/acme.toml", &fixture(READY));
    let dir = t.path().to_path_buf();
    let kam = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_kam"))
            .args(["--today", TODAY, "--color", "never"])
            .args(args)
            .current_dir(&dir)
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    assert_eq!(kam(&["advance", "acme"]).0, 0);
    assert_eq!(kam(&["advance", "acme", "--to", "paused", "--reason", "tier D"]).0, 0);
    check_passes(&dir);
    let (code, stderr) = kam(&["advance", "acme", "--to", "assess", "--reason", "budget"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("rested at `paused` from `demo`; it cannot resume further than that"),
        "{stderr}"
    );
    assert_eq!(kam(&["advance", "acme", "--to", "demo", "--reason", "budget"]).0, 0);
    check_passes(&dir);

    // A hand-written resume beyond the stage it rested in crosses the gate of demo, unmet.
    let path = dir.join("accounts/acme.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let forged = text
        .replace("stage = \"demo\"", "stage = \"assess\"")
        .replace("from = \"paused\"\nto = \"demo\"", "from = \"paused\"\nto = \"assess\"");
    assert_ne!(forged, text);
    std::fs::write(&path, forged).unwrap();
    let check = Command::new(env!("CARGO_BIN_EXE_kam"))
        .args(["--today", TODAY, "--color", "never", "check"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stdout.contains("error[KAM016]: stage `assess` lies past the gate of `demo`"),
        "{stdout}"
    );
    drop(t);
}

#[test]
fn by_falls_back_to_git_user_name_without_an_owner() {
    let text = fixture(READY).replace("owner = \"li.wei\"   # KAM\n", "");
    let t = Test::new().file("accounts/acme.toml", &text);
    for args in [&["init", "-q"][..], &["config", "user.name", "Chen Jie"][..]] {
        let ok = Command::new("git")
            .args(args)
            .current_dir(t.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .status()
            .unwrap();
        assert!(ok.success());
    }
    let out = t.args(&["advance", "acme"]).run();
    out.code(0).stdout_has("by Chen Jie");
    assert!(out.read("accounts/acme.toml").ends_with("by = \"Chen Jie\"\n"));
}

#[test]
fn an_unknown_account_is_a_usage_error() {
    Test::new()
        .file("accounts/acme.toml", &fixture(READY))
        .args(&["advance", "nobody"])
        .run()
        .code(2)
        .stderr_has("no account `nobody`");
}

#[test]
fn advancing_the_ready_sample_changes_exactly_the_stage_line_and_adds_one_history_record() {
    let path = "accounts/east/xianda-cold-chain.toml";
    let before = std::fs::read_to_string(repo().join(path)).unwrap();
    let out = Test::samples().args(&["advance", "xianda-cold-chain"]).run();
    out.code(0);
    let after = out.read(path);
    let diff = similar::TextDiff::from_lines(&before, &after);
    let mut removed = Vec::new();
    let mut added = Vec::new();
    for change in diff.iter_all_changes() {
        match change.tag() {
            similar::ChangeTag::Delete => removed.push(change.value().to_string()),
            similar::ChangeTag::Insert => added.push(change.value().to_string()),
            similar::ChangeTag::Equal => {}
        }
    }
    assert_eq!(removed, ["stage = \"demo\"\n"]);
    assert_eq!(
        added,
        [
            "stage = \"assess\"\n",
            "\n",
            "[[history]]\n",
            "from = \"demo\"\n",
            "to = \"assess\"\n",
            "date = 2026-11-25\n",
            "by = \"li.wei\"\n"
        ]
    );
    // And the blocked sample is refused, byte for byte unchanged.
    let blocked = "accounts/north/dongsheng-food.toml";
    let out = Test::samples().args(&["advance", "dongsheng-food"]).run();
    out.code(1);
    assert_eq!(
        out.read(blocked),
        std::fs::read_to_string(repo().join(blocked)).unwrap()
    );
}
