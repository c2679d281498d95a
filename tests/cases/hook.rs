//! The pre-commit fast path in real git repositories: `kam check --staged` reads the index (not
//! the working tree) and only the staged accounts, ids stay unique across folders, a staged
//! playbook rechecks everything; `kam diff --staged --check` reviews the staged change, the
//! first commit included; `kam hook install` writes the hook where git looks (core.hooksPath
//! honoured), is idempotent, refuses another program's hook, and the hook stops a bad commit.

use std::process::Command;

use crate::support::{Test, committed};

const RENHE: &str = "accounts/east/renhe-hospital.toml";

fn edit(t: &Test, path: &str, from: &str, to: &str) {
    let text = t.read(path);
    assert!(text.contains(from), "{path} lacks {from:?}");
    t.write(path, &text.replacen(from, to, 1));
}

/// `git commit` as a user would run it (hooks on), with its exit code and messages.
fn commit(t: &Test, message: &str) -> (i32, String) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=Kam Test",
            "-c",
            "user.email=kam@example.com",
            "commit",
            "-q",
            "-m",
            message,
        ])
        .current_dir(t.path())
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", t.path())
        .output()
        .expect("git runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), said)
}

#[test]
fn staged_check_reads_the_index_not_the_working_tree() {
    let t = committed();
    // Staged: an unknown stage. Then repaired in the working tree only: the commit would still
    // carry the broken version.
    edit(&t, RENHE, "stage = \"demo\"", "stage = \"negotiation\"");
    t.git(&["add", RENHE]);
    edit(&t, RENHE, "stage = \"negotiation\"", "stage = \"demo\"");
    t.kam(&["check", "--staged"])
        .code(1)
        .stdout_has("KAM010")
        .stdout_has("accounts/east/renhe-hospital.toml:")
        .stdout_has("checked 1 account");
    t.kam(&["check", RENHE]).code(0);
    // The other way round: staged is fine, the working tree is broken.
    t.git(&["add", RENHE]);
    edit(&t, RENHE, "stage = \"demo\"", "stage = \"nowhere\"");
    t.kam(&["check", "--staged"]).code(0).stdout_has("checked 0 accounts");
    t.kam(&["check", RENHE]).code(1);
}

#[test]
fn staged_check_leaves_unchanged_accounts_unread() {
    let t = committed();
    // A broken account committed earlier (without any hook) is not part of the next change.
    edit(&t, RENHE, "stage = \"demo\"", "stage = \"nowhere\"");
    t.git(&["commit", "-q", "-am", "broken"]);
    t.kam(&["check"]).code(1);
    let other = "accounts/east/hengrui-precision.toml";
    t.write(other, &format!("{}# reviewed\n", t.read(other)));
    t.git(&["add", other]);
    t.kam(&["check", "--staged"])
        .code(0)
        .stdout_has("checked 1 account: no problems");
}

#[test]
fn staged_check_keeps_ids_unique_across_folders() {
    let t = committed();
    let copy = "accounts/north/renhe-hospital.toml";
    t.write(copy, &t.read(RENHE));
    t.git(&["add", copy]);
    t.kam(&["check", "--staged"])
        .code(1)
        .stdout_has("KAM008")
        .stdout_has("accounts/north/renhe-hospital.toml")
        .stdout_has("also used by accounts/east/renhe-hospital.toml");
}

#[test]
fn a_staged_playbook_rechecks_every_account() {
    let t = committed();
    let pb = std::fs::read_to_string(crate::support::repo().join("assets/kam.yaml")).unwrap();
    t.write("kam.yaml", &pb);
    t.git(&["add", "kam.yaml"]);
    let all = t.kam(&["check"]);
    let n = all
        .stdout
        .lines()
        .last()
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .to_string();
    t.kam(&["check", "--staged"])
        .code(0)
        .stdout_has(&format!("checked {n} accounts"));
    assert_ne!(n, "0");
}

#[test]
fn staged_check_outside_a_repository_says_so() {
    Test::samples()
        .args(&["check", "--staged"])
        .run()
        .code(2)
        .stderr_has("not inside a git repository");
}

#[test]
fn staged_diff_reviews_what_is_staged() {
    let t = committed();
    // A stage moved by hand, staged: the review fails.
    edit(&t, RENHE, "stage = \"demo\"", "stage = \"assess\"");
    t.kam(&["diff", "--staged", "--check"])
        .code(0)
        .stdout_has("no account changed");
    t.git(&["add", RENHE]);
    t.kam(&["diff", "--staged", "--check"])
        .code(1)
        .stdout_has("HEAD → staged for commit")
        .stdout_has("renhe-hospital");
    let json = t.kam(&["diff", "--staged", "--format", "json"]);
    json.code(0).stdout_has("\"staged\": true");
    // Unstaged again: nothing to review, though the working tree still holds the move.
    t.git(&["reset", "-q"]);
    t.kam(&["diff", "--staged", "--check"]).code(0);
    t.kam(&["diff", "--check"]).code(1);
}

#[test]
fn staged_diff_before_the_first_commit() {
    let t = Test::samples();
    t.git(&["init", "-q"]);
    t.git(&["add", "-A"]);
    t.kam(&["diff", "--staged"])
        .code(0)
        .stdout_has("nothing (no commit yet) → staged for commit");
    t.kam(&["check", "--staged"]).code(0);
}

#[test]
fn hook_install_is_idempotent_and_the_hook_stops_a_bad_commit() {
    let t = committed();
    t.kam(&["hook", "install"])
        .code(0)
        .stdout_has("wrote the pre-commit hook");
    let hook = t.read(".git/hooks/pre-commit");
    assert!(hook.starts_with("#!/bin/sh\n# kam pre-commit hook"));
    assert!(hook.contains("check --staged") && hook.contains("diff --staged --check"));
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(t.path().join(".git/hooks/pre-commit"))
            .unwrap()
            .permissions(),
    );
    assert_eq!(mode & 0o111, 0o111, "the hook is executable");
    t.kam(&["hook", "install"]).code(0).stdout_has("installed already");
    assert_eq!(t.read(".git/hooks/pre-commit"), hook);
    // An unknown stage: refused by `kam check --staged`.
    edit(&t, RENHE, "stage = \"demo\"", "stage = \"nowhere\"");
    t.git(&["add", RENHE]);
    let (code, said) = commit(&t, "broken");
    assert_ne!(code, 0, "the commit went through:\n{said}");
    assert!(said.contains("KAM010"), "{said}");
    // A gate skipped by hand: the account is valid, the change is not.
    edit(&t, RENHE, "stage = \"nowhere\"", "stage = \"assess\"");
    t.git(&["add", RENHE]);
    let (code, said) = commit(&t, "skip");
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("renhe-hospital"), "{said}");
    // A harmless change goes through.
    t.git(&["checkout", "-q", "HEAD", "--", RENHE]);
    edit(&t, RENHE, "stage = \"demo\"", "stage = \"demo\" # seen");
    t.git(&["add", RENHE]);
    let (code, said) = commit(&t, "fine");
    assert_eq!(code, 0, "{said}");
}

#[test]
fn hook_install_honours_core_hooks_path_and_the_workspace_folder() {
    let t = Test::new();
    t.git(&["init", "-q"]);
    t.git(&["config", "core.hooksPath", "githooks"]);
    std::fs::create_dir_all(t.path().join("team/east/accounts")).unwrap();
    t.write(
        "team/east/kam.yaml",
        &std::fs::read_to_string(crate::support::repo().join("assets/kam.yaml")).unwrap(),
    );
    t.kam(&["-C", "team/east", "hook", "install"]).code(0);
    assert!(!t.path().join(".git/hooks/pre-commit").exists());
    let hook = t.read("githooks/pre-commit");
    assert!(hook.contains("cd 'team/east' || exit 2"), "{hook}");
}

#[test]
fn hook_install_leaves_another_hook_alone() {
    let t = committed();
    let theirs = "#!/bin/sh\n# the team's own checks\nexec make lint\n";
    t.write(".git/hooks/pre-commit", theirs);
    t.kam(&["hook", "install"])
        .code(2)
        .stderr_has("left alone")
        .stderr_has("another program's hook");
    assert_eq!(t.read(".git/hooks/pre-commit"), theirs);
    // kam's own, from an older install, is brought up to date.
    t.write(
        ".git/hooks/pre-commit",
        "#!/bin/sh\n# kam pre-commit hook, old\nkam check\n",
    );
    t.kam(&["hook", "install"])
        .code(0)
        .stdout_has("updated the pre-commit hook");
    assert!(t.read(".git/hooks/pre-commit").contains("check --staged"));
}
