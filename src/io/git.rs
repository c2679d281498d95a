//! The `git` command line, the only way kam reads history (no libgit2).

use std::path::Path;
use std::process::Command;

/// `git config user.name` in `dir`, if git is installed and it is set.
pub fn user_name(dir: &Path) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["config", "user.name"])
        .output()
        .ok()?;
    let name = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !name.is_empty()).then_some(name)
}
