//! Running the user's editor on a file: `$VISUAL`, else `$EDITOR`, else `vi`. The setting is split
//! into a program and its arguments the way a POSIX shell splits words (`code --wait`,
//! `"/opt/My Editor/ed" -n`), and run directly — never through a shell, so nothing in it or in
//! the file's path is interpreted.

use std::path::Path;

use crate::error::{Error, Result, Said};

/// The editor command: program and arguments.
pub fn command() -> Result<Vec<String>> {
    let (var, setting) = ["VISUAL", "EDITOR"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()).map(|s| (*v, s)))
        .unwrap_or(("EDITOR", "vi".to_string()));
    let words = shell_words::split(&setting).map_err(|e| {
        Error::usage_with_help(
            Said::new("edit.editor_unreadable", "${var} cannot be read as a command: {error}")
                .arg("var", var)
                .arg("error", e),
            Said::new(
                "edit.editor_unreadable_help",
                "set it to a program and its arguments, e.g. EDITOR=\"code --wait\"",
            ),
        )
    })?;
    if words.is_empty() {
        return Err(Error::usage(
            Said::new("edit.editor_empty", "${var} names no program").arg("var", var),
        ));
    }
    Ok(words)
}

/// Runs the editor on `file` and waits; an editor that fails or cannot start is an error.
pub fn edit(words: &[String], file: &Path) -> Result<()> {
    let (program, args) = words
        .split_first()
        .ok_or_else(|| Error::usage(Said::new("edit.no_editor", "no editor")))?;
    let status = std::process::Command::new(program)
        .args(args)
        .arg(file)
        .status()
        .map_err(|e| Error::io(program, "io.run_editor", "cannot run the editor {path}: {error}", e))?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::usage_with_help(
            Said::new(
                "edit.editor_failed",
                "the editor `{program}` ended with exit code {status}",
            )
            .arg("program", program)
            .arg(
                "status",
                status.code().map_or_else(|| status.to_string(), |c| c.to_string()),
            ),
            Said::new("edit.editor_failed_help", "nothing was changed"),
        ))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn settings_split_like_a_shell_without_running_one() {
        assert_eq!(shell_words::split("code --wait").unwrap(), ["code", "--wait"]);
        assert_eq!(
            shell_words::split("\"/opt/My Editor/ed\" -n '$(rm -rf ~)'").unwrap(),
            ["/opt/My Editor/ed", "-n", "$(rm -rf ~)"]
        );
    }
}
