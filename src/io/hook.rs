//! The git pre-commit hook `kam hook install` writes: a short POSIX shell script that runs
//! `kam check --staged` and `kam diff --staged --check` from the workspace's folder. A hook kam
//! wrote carries [`MARK`] and is kam's to rewrite; any other file at that place belongs to
//! someone else and is never overwritten.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result, Said};
use crate::io::write::{Within, write_file};

/// The line that marks a hook as kam's own.
pub const MARK: &str = "# kam pre-commit hook";

/// What installing did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Installed {
    /// A new hook was written.
    Written(PathBuf),
    /// kam's hook was there and differed; it was rewritten.
    Updated(PathBuf),
    /// kam's hook was there already, the same.
    Unchanged(PathBuf),
}

/// A word for a POSIX shell, in single quotes.
pub fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// The hook's text. `prefix` is the workspace's folder from the top of the working tree (where
/// git runs hooks; `""` for the top), `fallback` the kam to run when none is on the `PATH`.
pub fn script(prefix: &str, fallback: &str) -> String {
    let cd = if prefix.is_empty() {
        String::new()
    } else {
        format!("cd {} || exit 2\n", shell_quote(prefix.trim_end_matches('/')))
    };
    format!(
        "#!/bin/sh\n\
         {MARK}, written by `kam hook install` (run it again to update it).\n\
         # It checks the accounts staged for commit and the change they make; the other accounts\n\
         # are not read. `git commit --no-verify` skips it once; deleting this file removes it.\n\
         {cd}\
         kam=$(command -v kam) || kam={fallback}\n\
         \"$kam\" check --staged || exit $?\n\
         review=$(\"$kam\" diff --staged --check 2>&1)\n\
         status=$?\n\
         if [ \"$status\" -ne 0 ]; then\n\
         \x20   printf '%s\\n' \"$review\" >&2\n\
         \x20   exit \"$status\"\n\
         fi\n",
        fallback = shell_quote(fallback)
    )
}

/// Writes `text` as `dir/pre-commit`, executable, unless a hook that is not kam's is there.
pub fn install(dir: &Path, text: &str) -> Result<Installed> {
    let path = dir.join("pre-commit");
    let existing = match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io(&path, "io.inspect", "cannot inspect {path}: {error}", e)),
        Ok(meta) if !meta.file_type().is_file() => {
            return Err(refuse(&path, Said::new("hook.not_regular", "it is not a regular file")));
        }
        Ok(_) => Some(std::fs::read(&path).map_err(|e| Error::io(&path, "io.read", "cannot read {path}: {error}", e))?),
    };
    let outcome = match &existing {
        None => Installed::Written(path.clone()),
        Some(old) if old == text.as_bytes() => return Ok(Installed::Unchanged(path)),
        Some(old)
            if String::from_utf8_lossy(old)
                .lines()
                .nth(1)
                .is_some_and(|l| l.starts_with(MARK)) =>
        {
            Installed::Updated(path.clone())
        }
        Some(_) => {
            return Err(refuse(
                &path,
                Said::new("hook.foreign", "another program's hook is there"),
            ));
        }
    };
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, "io.create", "cannot create {path}: {error}", e))?;
    write_file(&path, text.as_bytes(), Within::Anywhere)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
            .map_err(|e| Error::io(&path, "io.make_executable", "cannot make {path} executable: {error}", e))?;
    }
    Ok(outcome)
}

fn refuse(path: &Path, why: Said) -> Error {
    Error::usage_with_help(
        Said::new("hook.left_alone", "{file} was left alone: {why}")
            .arg("file", path.display())
            .arg_said("why", why),
        Said::new(
            "hook.left_alone_help",
            "add `kam check --staged && kam diff --staged --check` to that hook yourself, or use the pre-commit framework (see docs/review.md)",
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_survives_quotes_and_spaces() {
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
    }

    #[test]
    fn the_script_goes_to_the_workspace_and_marks_itself() {
        let s = script("team/east/", "/opt/kam's/kam");
        assert!(s.starts_with("#!/bin/sh\n# kam pre-commit hook"));
        assert!(s.contains("cd 'team/east' || exit 2\n"));
        assert!(s.contains(r"kam='/opt/kam'\''s/kam'"));
        assert!(!script("", "kam").contains("cd "));
    }
}
