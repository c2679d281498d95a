//! Workspace discovery: the walk up to `kam.yaml` stops at the root of the git repository, and
//! never adopts a `kam.yaml` or `accounts/` owned by another user.

use crate::support::{NOBODY, Test, is_root, repo};

fn sample(id: &str) -> String {
    std::fs::read_to_string(repo().join("tests/fixtures/accounts/complete.toml"))
        .unwrap()
        .replace("\"complete\"", &format!("\"{id}\""))
}

/// Makes `path` (and what is under it) belong to the unprivileged user.
fn give_away(path: &std::path::Path) {
    let status = std::process::Command::new("chown")
        .args(["-R", &format!("{NOBODY}:{NOBODY}")])
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn the_walk_up_stops_at_the_root_of_the_git_repository() {
    // Above the repository: a playbook that is not this project's (and would not even load).
    let t = Test::new()
        .file("kam.yaml", "kam: 1\nthis is: [not the project's playbook\n")
        .file("accounts/other.toml", &sample("other"))
        .file("project/accounts/mine.toml", &sample("mine"))
        .cwd("project");
    std::process::Command::new("git")
        .args(["init", "-q"])
        .current_dir(t.path().join("project"))
        .status()
        .unwrap();
    let out = t.kam(&["check"]);
    out.code(0).stdout_has("checked 1 account: no problems");
    t.kam(&["list"]).code(0).stdout_has("mine");
    // From a subfolder of the repository, the walk still ends at its root.
    let sub = t.path().join("project/docs");
    std::fs::create_dir_all(&sub).unwrap();
    let out = t.kam(&["-C", sub.to_str().unwrap(), "check"]);
    assert_eq!(
        out.code, 2,
        "no kam.yaml in the repository and no accounts/ in docs/: {}",
        out.stderr
    );
    assert!(!out.stderr.contains("not the project's"), "{}", out.stderr);
}

#[test]
fn a_playbook_and_accounts_of_another_user_are_never_adopted() {
    if !is_root() {
        // Giving files away needs root; as another user the situation cannot be built here.
        return;
    }
    let t = Test::new()
        .file(
            "shared/kam.yaml",
            &std::fs::read_to_string(repo().join("assets/kam.yaml")).unwrap(),
        )
        .file("shared/accounts/theirs.toml", &sample("theirs"))
        .file("shared/project/accounts/mine.toml", &sample("mine"))
        .cwd("shared/project");
    give_away(&t.path().join("shared/kam.yaml"));
    give_away(&t.path().join("shared/accounts"));
    let out = t.kam(&["list"]);
    out.code(0).stdout_has("mine").stderr_has("belongs to another user");
    assert!(!out.stdout.contains("theirs"), "{}", out.stdout);
    // A workspace of one's own whose accounts/ another user owns is refused outright.
    let t = Test::new().file("accounts/theirs.toml", &sample("theirs"));
    give_away(&t.path().join("accounts"));
    let out = t.kam(&["check"]);
    out.code(2)
        .stderr_has("belongs to another user")
        .stderr_has("safe.directory");
    assert!(!out.stdout.contains("theirs"));
}

#[test]
fn git_safe_directory_trusts_a_folder_of_another_user() {
    if !is_root() {
        return;
    }
    let t = Test::new()
        .file(
            "ws/kam.yaml",
            &std::fs::read_to_string(repo().join("assets/kam.yaml")).unwrap(),
        )
        .file("ws/accounts/theirs.toml", &sample("theirs"));
    give_away(&t.path().join("ws"));
    let out = t.kam(&["-C", "ws", "list"]);
    assert!(!out.stdout.contains("theirs"), "{}", out.stdout);
    let config = t.path().join("trusted.gitconfig");
    std::fs::write(
        &config,
        format!("[safe]\n\tdirectory = {}\n", t.path().join("ws").display()),
    )
    .unwrap();
    let out = Test::new()
        .env("GIT_CONFIG_GLOBAL", config.to_str().unwrap())
        .args(&["-C", t.path().join("ws").to_str().unwrap(), "list"])
        .run();
    out.code(0).stdout_has("theirs");
}
