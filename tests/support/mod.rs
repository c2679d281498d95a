//! The test builder: a temporary workspace, files in it, the real `kam` binary run with
//! arguments, and the outcome (stdout, stderr, exit code, files) to assert on.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The fixed "today" of every test run, so dates never make a test flaky.
pub const TODAY: &str = "2026-11-25";

/// The repository root (for the sample accounts and example playbooks).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The sorted subfolders of a folder under tests/fixtures (one per case).
pub fn fixture_cases(sub: &str) -> Vec<PathBuf> {
    let mut dirs: Vec<_> = std::fs::read_dir(repo().join("tests/fixtures").join(sub))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

pub struct Test {
    dir: tempfile::TempDir,
    args: Vec<String>,
    cwd: Option<PathBuf>,
    today: Option<String>,
}

pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub dir: PathBuf,
    _keep: tempfile::TempDir,
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

impl Test {
    /// An empty folder: no kam.yaml (so the embedded playbook), no accounts.
    pub fn new() -> Test {
        Test {
            dir: tempfile::tempdir().unwrap(),
            args: Vec::new(),
            cwd: None,
            today: Some(TODAY.to_string()),
        }
    }

    /// A folder holding a copy of the repository's sample accounts.
    pub fn samples() -> Test {
        let t = Test::new();
        copy_dir(&repo().join("accounts"), &t.dir.path().join("accounts"));
        t
    }

    /// A folder whose `accounts/` holds a copy of `tests/fixtures/<dir>`.
    pub fn fixtures(dir: &str) -> Test {
        let t = Test::new();
        copy_dir(&repo().join("tests/fixtures").join(dir), &t.dir.path().join("accounts"));
        t
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating folders) relative to the workspace.
    pub fn file(self, path: &str, contents: &str) -> Test {
        let p = self.dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, contents).unwrap();
        self
    }

    /// Writes the default playbook as kam.yaml, changed by `edit`.
    pub fn playbook(self, edit: impl FnOnce(String) -> String) -> Test {
        let text = std::fs::read_to_string(repo().join("assets/kam.yaml")).unwrap();
        let edited = edit(text);
        self.file("kam.yaml", &edited)
    }

    pub fn args(mut self, args: &[&str]) -> Test {
        self.args.extend(args.iter().map(ToString::to_string));
        self
    }

    /// Runs in a subfolder of the workspace instead of its root.
    pub fn cwd(mut self, sub: &str) -> Test {
        let p = self.dir.path().join(sub);
        std::fs::create_dir_all(&p).unwrap();
        self.cwd = Some(p);
        self
    }

    /// Runs without a fixed `--today`.
    pub fn real_today(mut self) -> Test {
        self.today = None;
        self
    }

    pub fn run(self) -> Outcome {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_kam"));
        if let Some(today) = &self.today {
            cmd.args(["--today", today]);
        }
        cmd.args(["--color", "never"])
            .args(&self.args)
            .current_dir(self.cwd.as_deref().unwrap_or(self.dir.path()))
            .env("NO_COLOR", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.dir.path());
        let out = cmd.output().expect("kam runs");
        Outcome {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
            dir: self.dir.path().to_path_buf(),
            _keep: self.dir,
        }
    }
}

impl Outcome {
    /// Asserts the exit code, showing the output when it differs.
    #[track_caller]
    pub fn code(&self, expected: i32) -> &Outcome {
        assert_eq!(
            self.code, expected,
            "exit code {} (expected {expected})\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stdout_has(&self, needle: &str) -> &Outcome {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Outcome {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}\n--- stderr\n{}",
            self.stderr
        );
        self
    }

    /// A file of the workspace after the run.
    pub fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.dir.join(path)).unwrap_or_else(|e| panic!("read {path}: {e}"))
    }

    pub fn exists(&self, path: &str) -> bool {
        self.dir.join(path).exists()
    }
}
