//! `kam diff` cannot be blinded by the repository it reviews: a ref named like an option stays a
//! name; an `accounts/` that is a submodule or a link is refused; a FIFO or a dangling link in
//! place of an account is a finding and nothing hangs; blobs over the size limit are skipped
//! unread, so memory stays small whatever the repository holds; and nothing the repository's
//! configuration names — an fsmonitor hook, a clean/smudge filter, an external diff, a pager — is
//! run. Each test builds a real git repository in which a stage moved past an unmet gate, so a
//! blinded review would pass.

use std::os::unix::fs::symlink;

use crate::support::{Test, commit, committed};

const RENHE: &str = "accounts/east/renhe-hospital.toml";

/// `inner` made a repository of its own (all its files committed) and added to `t`'s repository
/// as a submodule at `at`, committed with `message`.
fn add_submodule(t: &Test, inner: &Test, at: &str, message: &str) {
    inner.git(&["init", "-q"]);
    commit(inner, "the other repository");
    t.git(&[
        "-c",
        "protocol.file.allow=always",
        "submodule",
        "add",
        "-q",
        &inner.path().display().to_string(),
        at,
    ]);
    t.git(&["commit", "-q", "-m", message]);
}

/// renhe-hospital moved from demo to assess by hand: its demo gate is far from met.
fn bypass(t: &Test) {
    let text = t.read(RENHE).replace("stage = \"demo\"", "stage = \"assess\"")
        + "\n[[history]]\nfrom = \"demo\"\nto = \"assess\"\ndate = 2026-11-24\nby = \"wang.fang\"\n";
    t.write(RENHE, &text);
}

#[test]
fn a_ref_named_like_an_option_is_only_a_name() {
    let t = committed();
    bypass(&t);
    t.git(&["commit", "-q", "-am", "bypass"]);
    // git would write the file relative to the folder it runs in: the workspace.
    let target = t.path().join("written-by-git");
    let name = "--output=written-by-git".to_string();
    t.git(&["update-ref", &format!("refs/tags/{name}"), "HEAD~1"]);
    let out = t.kam(&["diff", "--check", "--", &name, "HEAD"]);
    out.code(1).stdout_has("✗ gate of demo, 2026-11-24: not met");
    assert!(!target.exists(), "git wrote {}", target.display());
    // As the newer version, and with --since, the same holds.
    t.kam(&["diff", "--check", "HEAD~1", "--", &name]).code(0);
    assert!(!target.exists());
    // A revision that is no commit is a usage error, whatever it looks like.
    t.kam(&["diff", "--", "--upload-pack=touch /tmp/x"])
        .code(2)
        .stderr_has("is not a commit");
}

#[test]
fn accounts_as_a_submodule_is_refused() {
    // The accounts live in another repository, added as a submodule.
    let inner = Test::samples();
    let t = Test::new();
    t.git(&["init", "-q"]);
    add_submodule(&t, &inner, "accounts", "accounts as a submodule");
    for args in [&["diff", "--check"][..], &["diff", "--check", "HEAD", "HEAD"][..]] {
        t.kam(args)
            .code(2)
            .stderr_has("`accounts` is a git submodule")
            .stderr_has("kam does not review through it");
    }
}

#[test]
fn accounts_as_a_link_is_refused() {
    let t = committed();
    bypass(&t);
    // The accounts moved elsewhere and `accounts` points there.
    std::fs::rename(t.path().join("accounts"), t.path().join("elsewhere")).unwrap();
    symlink("elsewhere", t.path().join("accounts")).unwrap();
    t.kam(&["diff", "--check"])
        .code(2)
        .stderr_has("`accounts` is a symbolic link in the working tree");
    commit(&t, "accounts is a link");
    t.kam(&["diff", "--check", "HEAD~1", "HEAD"])
        .code(2)
        .stderr_has("`accounts` is a symbolic link at HEAD");
}

#[test]
fn a_fifo_or_a_dangling_link_in_place_of_an_account_is_a_finding_and_nothing_hangs() {
    let t = committed();
    bypass(&t);
    t.git(&["commit", "-q", "-am", "bypass"]);
    // In the working tree: a FIFO replaces one account, a dangling link another.
    let fifo = t.path().join(RENHE);
    std::fs::remove_file(&fifo).unwrap();
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let link = t.path().join("accounts/east/jiangning-water.toml");
    std::fs::remove_file(&link).unwrap();
    symlink("/nonexistent/jiangning-water.toml", &link).unwrap();
    let out = t.kam_within(30, &["diff", "--check"]);
    out.code(1)
        .stdout_has("renhe-hospital: the newer version of accounts/east/renhe-hospital.toml cannot be reviewed: a FIFO (named pipe)")
        .stdout_has("jiangning-water: the newer version of accounts/east/jiangning-water.toml cannot be reviewed: a symbolic link");
    // The review goes on for what can be read: the bypass of the commit is still caught.
    t.kam_within(30, &["diff", "--check", "HEAD~1"])
        .code(1)
        .stdout_has("a FIFO (named pipe)");
    // Committed, the link is a link in history too (git cannot store the FIFO).
    std::fs::remove_file(&fifo).unwrap();
    t.git(&["checkout", "-q", "--", RENHE]);
    commit(&t, "a dangling link");
    t.kam_within(30, &["diff", "--check", "HEAD~1", "HEAD"])
        .code(1)
        .stdout_has("jiangning-water: the newer version of accounts/east/jiangning-water.toml cannot be reviewed: a symbolic link");
    // A link under accounts/ that is no account file is a finding too.
    symlink("/etc", t.path().join("accounts/more")).unwrap();
    t.kam_within(30, &["diff", "--check"])
        .code(1)
        .stdout_has("accounts/more is a symbolic link in the newer version");
}

/// Peak memory of one run of kam, in kilobytes, by GNU time (the children it waited for, git,
/// included).
fn peak_kb(t: &Test, args: &[&str]) -> Option<u64> {
    let time = std::path::Path::new("/usr/bin/time");
    if !time.exists() {
        return None;
    }
    let report = t.path().join("time.txt");
    let status = std::process::Command::new(time)
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&report)
        .arg(env!("CARGO_BIN_EXE_kam"))
        .args(["--today", crate::support::TODAY, "--color", "never"])
        .args(args)
        .current_dir(t.path())
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.code().is_some());
    std::fs::read_to_string(report)
        .ok()?
        .trim()
        .lines()
        .last()?
        .parse()
        .ok()
}

#[test]
fn blobs_over_the_limit_are_skipped_unread() {
    let t = committed();
    // Three account files of 100 MB each.
    let big = "x".repeat(100 * 1024 * 1024);
    for i in 1..=3 {
        t.write(
            &format!("accounts/big{i}.toml"),
            &format!("id = \"big{i}\"\nname = \"Big {i}\"\nowner = \"o\"\nstage = \"qualify\"\nnotes = \"{big}\"\n"),
        );
    }
    drop(big);
    commit(&t, "three big files");
    let out = t.kam(&["diff", "--check", "HEAD~1", "HEAD"]);
    out.code(1)
        .stdout_has("big1: the newer version of accounts/big1.toml cannot be reviewed: the file is 1048576")
        .stdout_has("kam refuses files over 10485760 bytes and did not read it");
    if let Some(kb) = peak_kb(&t, &["diff", "HEAD~1", "HEAD"]) {
        assert!(kb < 100 * 1024, "kam diff used {kb} KB");
    }
    if let Some(kb) = peak_kb(&t, &["diff", "HEAD~1"]) {
        assert!(kb < 100 * 1024, "kam diff of the working tree used {kb} KB");
    }
}

#[test]
fn nothing_the_repository_configures_is_run() {
    let t = committed();
    bypass(&t);
    let marker = |name: &str| t.path().join(format!("ran-{name}"));
    let hook = t.path().join("hook.sh");
    std::fs::write(&hook, format!("#!/bin/sh\ntouch '{}'\ncat\n", marker("hook").display())).unwrap();
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&hook)
        .status()
        .unwrap();
    let hook = hook.display().to_string();
    t.write(".gitattributes", "*.toml filter=evil diff=evil\n");
    for (key, value) in [
        ("core.fsmonitor", hook.clone()),
        ("core.hooksPath", t.path().display().to_string()),
        (
            "filter.evil.clean",
            format!("touch '{}'; cat", marker("clean").display()),
        ),
        (
            "filter.evil.smudge",
            format!("touch '{}'; cat", marker("smudge").display()),
        ),
        ("filter.evil.process", hook.clone()),
        ("filter.evil.required", "true".to_string()),
        ("diff.evil.textconv", hook.clone()),
        ("diff.evil.command", hook.clone()),
        ("diff.external", hook.clone()),
        ("core.pager", hook.clone()),
        ("pager.diff", hook.clone()),
        ("credential.helper", hook.clone()),
        ("core.askPass", hook.clone()),
    ] {
        t.git(&["config", key, &value]);
    }
    // Make the index's view of the edited file stale, so git must read it (through the filter,
    // were it allowed).
    std::process::Command::new("touch")
        .args(["-d", "2020-01-01"])
        .arg(t.path().join(RENHE))
        .status()
        .unwrap();
    t.kam(&["diff", "--check"])
        .code(1)
        .stdout_has("✗ gate of demo, 2026-11-24: not met");
    t.kam(&["diff", "--check", "HEAD"]).code(1);
    for name in ["hook", "clean", "smudge"] {
        assert!(!marker(name).exists(), "kam let git run the repository's {name}");
    }
}

#[test]
fn a_submodule_inside_accounts_is_a_finding_and_never_read_as_accounts() {
    // Another repository holds an account that skipped every gate.
    let inner = Test::new().file(
        "ghost.toml",
        "id = \"ghost\"\nname = \"Ghost Co\"\nowner = \"o\"\nstage = \"close\"\n",
    );
    let t = committed();
    add_submodule(&t, &inner, "accounts/extra", "a submodule inside accounts");
    for args in [
        &["diff", "--check", "HEAD~1", "HEAD"][..],
        &["diff", "--check", "HEAD~1"][..],
    ] {
        let out = t.kam(args);
        out.code(1)
            .stdout_has("accounts/extra is a git submodule in the newer version");
        assert!(!out.stdout.contains("no account changed"), "{}", out.stdout);
    }
    // `kam check` reports the folder and reads none of its files.
    let out = t.kam(&["check"]);
    out.code(1)
        .stdout_has("accounts/extra")
        .stdout_has("another git repository (a submodule)");
    assert!(!out.stdout.contains("ghost"), "{}", out.stdout);
    t.kam(&["check", "accounts/extra"])
        .code(1)
        .stdout_has("another git repository (a submodule)");
    t.kam(&["gate", "ghost"]).code(2);
    let list = t.kam(&["list"]);
    assert!(!list.stdout.contains("Ghost Co"), "{}", list.stdout);
}

#[test]
fn a_link_to_nothing_or_a_link_loop_is_named_for_what_it_is() {
    let t = Test::new()
        .file(
            "accounts/good.toml",
            "id = \"good\"\nname = \"Good Co\"\nowner = \"o\"\nstage = \"qualify\"\n",
        )
        .args(&["check"]);
    symlink("missing.toml", t.path().join("accounts/gone.toml")).unwrap();
    symlink("/nonexistent/far.toml", t.path().join("accounts/far.toml")).unwrap();
    symlink("loop.toml", t.path().join("accounts/loop.toml")).unwrap();
    symlink("pong.toml", t.path().join("accounts/ping.toml")).unwrap();
    symlink("ping.toml", t.path().join("accounts/pong.toml")).unwrap();
    let out = t.run();
    out.code(1)
        .stdout_has("accounts/gone.toml")
        .stdout_has("accounts/loop.toml");
    assert_eq!(
        out.stdout.matches("a symbolic link to nothing").count(),
        2,
        "{}",
        out.stdout
    );
    assert_eq!(out.stdout.matches("a symbolic link loop").count(), 3, "{}", out.stdout);
    assert!(!out.stdout.contains("permissions"), "{}", out.stdout);
    assert!(!out.stdout.contains("No such file"), "{}", out.stdout);
}

#[test]
fn two_big_files_deleted_and_added_are_not_compared_for_a_rename() {
    let t = committed();
    let big = |c: &str| "#".to_string() + &c.repeat(100 * 1024 * 1024) + "\n";
    t.write("accounts/huge2.toml", &big("y"));
    commit(&t, "a big file");
    t.git(&["rm", "-q", "accounts/huge2.toml"]);
    t.write("accounts/huge3.toml", &big("z"));
    commit(&t, "another big file in its place");
    let out = t.kam(&["diff", "--check", "HEAD~1", "HEAD"]);
    out.code(1)
        .stdout_has("huge2: account file removed")
        .stdout_has("the newer version of accounts/huge3.toml cannot be reviewed: the file is 104857602 bytes");
    // Both named too large, each on its side.
    out.stdout_has(
        "older version: the file is 104857602 bytes; kam refuses files over 10485760 bytes and did not read it",
    )
    .stdout_has(
        "newer version: the file is 104857602 bytes; kam refuses files over 10485760 bytes and did not read it",
    );
    // git's rename detection loaded both blobs whole (160 MB and more); kam reads neither.
    if let Some(kb) = peak_kb(&t, &["diff", "HEAD~1", "HEAD"]) {
        assert!(kb < 100 * 1024, "kam diff used {kb} KB");
    }
    // A file moved to another folder is still one account renamed, not one removed and one added.
    t.git(&["mv", RENHE, "accounts/renhe-hospital.toml"]);
    t.git(&["commit", "-q", "-m", "moved"]);
    let out = t.kam(&["diff", "HEAD~1", "HEAD", "--format", "json"]);
    out.code(0);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let accounts = json["accounts"].as_array().unwrap();
    assert_eq!(accounts.len(), 1, "{}", out.stdout);
    assert_eq!(accounts[0]["change"], "renamed", "{}", out.stdout);
}
