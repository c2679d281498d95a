//! The README's tour is real: every line of its `sh` block, typed in order in an empty folder,
//! runs with the exit code the line's comment promises (0 unless it says "exit 1").

use std::path::PathBuf;

use crate::support::{TODAY, repo};

/// The lines of the fenced `sh` block under the README's "A short tour" heading.
fn tour_lines() -> Vec<String> {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let section = readme.split("## A short tour").nth(1).expect("a tour section");
    let block = section.split("```sh\n").nth(1).unwrap().split("```").next().unwrap();
    block.lines().map(str::to_string).collect()
}

#[test]
fn the_tour_runs_line_by_line_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut cwd: PathBuf = dir.path().to_path_buf();
    let mut ran = 0;
    for line in tour_lines() {
        let (command, comment) = match line.split_once("  #") {
            Some((c, note)) => (c.trim().to_string(), note.to_string()),
            None => (line.trim().to_string(), String::new()),
        };
        if command.is_empty() || command.starts_with("cargo ") {
            continue;
        }
        let expected = i32::from(comment.contains("exit 1"));
        for part in command.split(" && ") {
            let words = shell_words::split(part).unwrap_or_else(|e| panic!("{part}: {e}"));
            match words.first().map(String::as_str) {
                Some("cd") => {
                    cwd = cwd.join(&words[1]);
                    continue;
                }
                Some("kam") => {}
                other => panic!("the tour runs only kam and cd, not {other:?}: {line}"),
            }
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_kam"))
                .args(["--today", TODAY])
                .args(&words[1..])
                .current_dir(&cwd)
                .env("NO_COLOR", "1")
                .env_remove("VISUAL")
                .env_remove("EDITOR")
                .output()
                .unwrap();
            let code = out.status.code().unwrap_or(-1);
            let want = if part == command.split(" && ").last().unwrap() {
                expected
            } else {
                0
            };
            assert_eq!(
                code,
                want,
                "`{part}` exited {code}:\n{}\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            ran += 1;
        }
    }
    assert!(ran >= 12, "the tour ran only {ran} commands");
    // The tour ends with the account past stage 1, a planned visit and an open task.
    let account = std::fs::read_to_string(cwd.join("accounts/hua-dong-jing-mi-zhi-zao.toml")).unwrap();
    assert!(account.contains("stage = \"demo\""), "{account}");
    assert!(account.contains("date = 2030-01-20"), "{account}");
}
