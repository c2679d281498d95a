//! Set-ups the cases share: the text of the two playbooks, the sample accounts committed in a git
//! repository, and a commit or an edit in place between runs.

use super::{Test, repo};

/// The default playbook's text (`assets/kam.yaml`), the one kam embeds.
pub fn default_playbook() -> String {
    std::fs::read_to_string(repo().join("assets/kam.yaml")).unwrap()
}

/// The Chinese playbook's text (`examples/playbooks/zh-CN.yaml`).
pub fn zh_playbook() -> String {
    std::fs::read_to_string(repo().join("examples/playbooks/zh-CN.yaml")).unwrap()
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
