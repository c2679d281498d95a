//! The test builder: a temporary workspace, files in it, the real `kam` binary run with
//! arguments, and the outcome (stdout, stderr, exit code, files) to assert on.

#![allow(dead_code)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

mod setup;

pub use setup::{commit, committed, default_playbook, edit, sample_files, zh_playbook};

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

/// The sorted names of the entries of a folder (to show nothing was left behind).
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

pub struct Test {
    dir: tempfile::TempDir,
    args: Vec<String>,
    cwd: Option<PathBuf>,
    today: Option<String>,
    setpriv: bool,
    envs: Vec<(String, String)>,
    deadline: Option<std::time::Duration>,
    trace: Option<PathBuf>,
}

/// The kam binary the tests run: this build, or the one `KAM_TEST_BIN` names (to show that a
/// regression test fails on an older build).
pub fn kam_bin() -> PathBuf {
    std::env::var_os("KAM_TEST_BIN").map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_kam")), PathBuf::from)
}

/// The unprivileged user (and group) tests run kam as, when they run as root.
pub const NOBODY: u32 = 65534;

/// Whether the tests run as root (whom file permissions do not stop).
pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub dir: PathBuf,
    /// The workspace, removed when the outcome is dropped (`None` when the `Test` still owns it).
    _keep: Option<tempfile::TempDir>,
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
            setpriv: false,
            envs: Vec::new(),
            deadline: None,
            trace: None,
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
        let edited = edit(default_playbook());
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

    /// Runs kam as an unprivileged user (nobody) when the tests run as root, so that file
    /// permissions apply to it; the workspace is given to that user (kam takes no workspace
    /// owned by someone else). Returns whether kam will run unprivileged (false only as root
    /// without `setpriv`).
    pub fn unprivileged(mut self) -> (Test, bool) {
        if !is_root() {
            return (self, true);
        }
        if Command::new("setpriv").arg("--version").output().is_err() {
            return (self, false);
        }
        for entry in walk(self.dir.path()) {
            let mode = if entry.is_dir() { 0o755 } else { 0o644 };
            std::fs::set_permissions(&entry, std::fs::Permissions::from_mode(mode)).unwrap();
            std::os::unix::fs::lchown(&entry, Some(NOBODY), Some(NOBODY)).unwrap();
        }
        self.setpriv = true;
        (self, true)
    }

    /// Sets an environment variable for the run.
    pub fn env(mut self, key: &str, value: &str) -> Test {
        self.envs.push((key.to_string(), value.to_string()));
        self
    }

    /// Runs kam under `strace`, its file system calls written to `out` (for what no output
    /// shows: that a folder is synced). Returns `None` where strace is not installed.
    pub fn traced(mut self, out: &Path) -> Option<Test> {
        Command::new("strace").arg("-V").output().ok()?;
        self.trace = Some(out.to_path_buf());
        Some(self)
    }

    /// Runs without a fixed `--today`.
    pub fn real_today(mut self) -> Test {
        self.today = None;
        self
    }

    fn command(&self, args: &[String]) -> Command {
        let mut cmd = if self.setpriv {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"]);
            c.arg(kam_bin());
            c
        } else if let Some(out) = &self.trace {
            let mut c = Command::new("strace");
            c.args([
                "-f",
                "-e",
                "trace=openat,fsync,fdatasync,rename,renameat,renameat2",
                "-o",
            ])
            .arg(out)
            .arg(kam_bin());
            c
        } else {
            Command::new(kam_bin())
        };
        if let Some(today) = &self.today {
            cmd.args(["--today", today]);
        }
        cmd.args(["--color", "never"])
            .args(args)
            .current_dir(self.cwd.as_deref().unwrap_or(self.dir.path()))
            .env("NO_COLOR", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.dir.path())
            .env_remove("COLUMNS")
            .envs(self.envs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        cmd
    }

    fn outcome(out: std::process::Output, dir: PathBuf, keep: Option<tempfile::TempDir>) -> Outcome {
        Outcome {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
            dir,
            _keep: keep,
        }
    }

    /// Fails the test (and kills kam) when a run takes longer than `seconds`: for inputs that
    /// once made kam hang.
    pub fn deadline(mut self, seconds: u64) -> Test {
        self.deadline = Some(std::time::Duration::from_secs(seconds));
        self
    }

    fn output(&self, args: &[String]) -> std::process::Output {
        let mut cmd = self.command(args);
        let Some(deadline) = self.deadline else {
            return cmd.output().expect("kam runs");
        };
        cmd.stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let child = cmd.spawn().expect("kam runs");
        let pid = child.id();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(child.wait_with_output());
        });
        if let Ok(out) = rx.recv_timeout(deadline) {
            out.expect("kam runs")
        } else {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("kam {args:?} still ran after {deadline:?}: it hung");
        }
    }

    pub fn run(self) -> Outcome {
        let out = self.output(&self.args);
        let dir = self.dir.path().to_path_buf();
        Test::outcome(out, dir, Some(self.dir))
    }

    /// Runs kam with `args` (besides those given with `.args`) and keeps the workspace for
    /// more steps: for tests that run kam and git in turn in one repository.
    pub fn kam(&self, args: &[&str]) -> Outcome {
        let all: Vec<String> = self
            .args
            .iter()
            .cloned()
            .chain(args.iter().map(ToString::to_string))
            .collect();
        let out = self.output(&all);
        Test::outcome(out, self.dir.path().to_path_buf(), None)
    }

    /// [`Test::kam`], failing the test when kam runs longer than `secs` seconds (it is killed):
    /// for inputs that once made kam hang.
    pub fn kam_within(&self, secs: u64, args: &[&str]) -> Outcome {
        let all: Vec<String> = self
            .args
            .iter()
            .cloned()
            .chain(args.iter().map(ToString::to_string))
            .collect();
        let mut child = self
            .command(&all)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("kam runs");
        // Read both pipes on their own threads, so a full pipe never looks like a hang.
        let drain = |pipe: Option<Box<dyn std::io::Read + Send>>| {
            std::thread::spawn(move || {
                let mut buf = Vec::new();
                if let Some(mut p) = pipe {
                    let _ = p.read_to_end(&mut buf);
                }
                buf
            })
        };
        let stdout = drain(
            child
                .stdout
                .take()
                .map(|p| Box::new(p) as Box<dyn std::io::Read + Send>),
        );
        let stderr = drain(
            child
                .stderr
                .take()
                .map(|p| Box::new(p) as Box<dyn std::io::Read + Send>),
        );
        let start = std::time::Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("kam can be waited for") {
                break status;
            }
            if start.elapsed() > std::time::Duration::from_secs(secs) {
                let _ = child.kill();
                let _ = child.wait();
                panic!("kam {args:?} ran longer than {secs} s");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        let out = std::process::Output {
            status,
            stdout: stdout.join().unwrap(),
            stderr: stderr.join().unwrap(),
        };
        Test::outcome(out, self.dir.path().to_path_buf(), None)
    }

    /// Like [`Test::kam`], with extra environment variables for this run.
    pub fn kam_env(&self, args: &[&str], envs: &[(&str, &str)]) -> Outcome {
        let all: Vec<String> = self
            .args
            .iter()
            .cloned()
            .chain(args.iter().map(ToString::to_string))
            .collect();
        let mut cmd = self.command(&all);
        cmd.envs(envs.iter().copied());
        let out = cmd.output().expect("kam runs");
        Test::outcome(out, self.dir.path().to_path_buf(), None)
    }

    /// Runs git in the workspace with a fixed identity and no user or system configuration;
    /// panics when git fails. Returns its stdout.
    pub fn git(&self, args: &[&str]) -> String {
        self.git_at(args, "2026-11-20T10:00:00+08:00")
    }

    /// [`Test::git`] with author and committer dated `date` (ISO 8601), for histories.
    pub fn git_at(&self, args: &[&str], date: &str) -> String {
        let out = Command::new("git")
            .args([
                "-c",
                "user.name=Kam Test",
                "-c",
                "user.email=kam@example.com",
                "-c",
                "init.defaultBranch=main",
            ])
            .args(args)
            .current_dir(self.dir.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.dir.path())
            .env("GIT_AUTHOR_NAME", "Kam Test")
            .env("GIT_AUTHOR_EMAIL", "kam@example.com")
            .env("GIT_COMMITTER_NAME", "Kam Test")
            .env("GIT_COMMITTER_EMAIL", "kam@example.com")
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Reads a file of the workspace.
    pub fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(path)).unwrap_or_else(|e| panic!("read {path}: {e}"))
    }

    /// Writes a file of the workspace in place (for steps between runs).
    pub fn write(&self, path: &str, contents: &str) {
        let p = self.dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, contents).unwrap();
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
