//! Set-ups the cases share: the text of the two playbooks, the files of the sample accounts, the
//! samples committed in a git repository, and a commit or an edit in place between runs.

use std::path::PathBuf;

use super::{Test, repo};

/// The default playbook's text (`assets/kam.yaml`), the one kam embeds.
pub fn default_playbook() -> String {
    std::fs::read_to_string(repo().join("assets/kam.yaml")).unwrap()
}

/// The Chinese playbook's text (`examples/playbooks/zh-CN.yaml`).
pub fn zh_playbook() -> String {
    std::fs::read_to_string(repo().join("examples/playbooks/zh-CN.yaml")).unwrap()
}

/// The files of the sample accounts (every `*.toml` under `accounts/`), sorted.
pub fn sample_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![repo().join("accounts")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The sample accounts committed as the first version of a git repository.
pub fn committed() -> Test {
    let t = Test::samples();
    t.git(&["init", "-q"]);
    commit(&t, "samples");
    t
}

/// Everything in the workspace staged and committed (`git add -A`, then `git commit`).
pub fn commit(t: &Test, message: &str) {
    t.git(&["add", "-A"]);
    t.git(&["commit", "-q", "-m", message]);
}

/// A file of the workspace changed in place by `f`; an edit that changes nothing fails the test
/// (the text it looked for is gone, so the test would no longer test anything).
pub fn edit(t: &Test, path: &str, f: impl FnOnce(String) -> String) {
    let text = t.read(path);
    let edited = f(text.clone());
    assert_ne!(text, edited, "the edit of {path} changed nothing");
    t.write(path, &edited);
}
