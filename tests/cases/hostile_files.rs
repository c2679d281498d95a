//! Files a pull request can plant: links out of the workspace, FIFOs, sockets and devices named
//! like accounts, planted lock files, `-o` targets that are not regular files, a linked
//! `.gitignore`, and the modes, owners and leftovers of kam's own writes.

use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::Path;

use crate::support::{NOBODY, Test, is_root, names_in, repo};

fn complete() -> String {
    std::fs::read_to_string(repo().join("tests/fixtures/accounts/complete.toml")).unwrap()
}

/// A file outside any workspace holding a secret, kept alive for the test.
fn secret_file(contents: &str) -> tempfile::NamedTempFile {
    let f = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(f.path(), contents).unwrap();
    f
}

const SECRET: &str = "AWS_SECRET_ACCESS_KEY=hunter2-from-the-ci";

#[track_caller]
fn no_secret(out: &crate::support::Outcome, what: &str) {
    assert!(
        !out.stdout.contains("hunter2") && !out.stderr.contains("hunter2"),
        "{what} printed the target of a link out of the workspace:\n--- stdout\n{}\n--- stderr\n{}",
        out.stdout,
        out.stderr
    );
}

#[test]
fn a_link_out_of_the_workspace_is_a_finding_without_content_for_every_reader() {
    let secret = secret_file(&format!("{SECRET}\nid = \"x\"\n"));
    let t = Test::new().file("accounts/real.toml", &complete().replace("\"complete\"", "\"real\""));
    symlink(secret.path(), t.path().join("accounts/env.toml")).unwrap();
    let out = t.kam(&["check"]);
    out.code(1)
        .stdout_has("accounts/env.toml")
        .stdout_has("points outside the workspace");
    no_secret(&out, "check");
    no_secret(&t.kam(&["check", "--format", "json"]), "check --format json");
    no_secret(&t.kam(&["check", "accounts/env.toml"]), "check FILE");
    for args in [
        &["gate"][..],
        &["gate", "--format", "json"],
        &["list"],
        &["list", "--format", "json"],
        &["due"],
        &["score"],
        &["score", "--format", "json"],
    ] {
        let out = t.kam(args);
        no_secret(&out, &args.join(" "));
        assert!(
            out.stdout.contains("env") || out.stderr.contains("env"),
            "{args:?} names the file:\n{}{}",
            out.stdout,
            out.stderr
        );
    }
    for args in [
        &["gate", "env"][..],
        &["report", "visit", "env"],
        &["report", "negotiation", "env"],
        &["advance", "env"],
        &["score", "env"],
        &["show", "env"],
        &["log", "env", "--points", "call"],
        &["set", "env", "company.industry=Steel"],
        &["task", "env", "list"],
        &["export", "--format", "json"],
    ] {
        let out = t.kam(args);
        no_secret(&out, &args.join(" "));
        assert_ne!(out.code, 0, "{args:?} does not succeed on a link out of the workspace");
        assert!(
            (out.stdout.clone() + &out.stderr).contains("outside the workspace"),
            "{args:?} says why:\n{}{}",
            out.stdout,
            out.stderr
        );
    }
    assert_eq!(
        std::fs::read_to_string(secret.path()).unwrap(),
        format!("{SECRET}\nid = \"x\"\n")
    );
}

#[test]
fn a_link_that_stays_inside_the_workspace_is_followed() {
    let t = Test::new().file("shared/acme.toml", &complete().replace("\"complete\"", "\"acme\""));
    std::fs::create_dir_all(t.path().join("accounts")).unwrap();
    symlink("../shared/acme.toml", t.path().join("accounts/acme.toml")).unwrap();
    t.kam(&["check"]).code(0).stdout_has("checked 1 account: no problems");
    t.kam(&["gate", "acme"]).code(0);
    t.kam(&["advance", "acme"]).code(0);
    // The edit lands in the file the link points to, and the link stays a link.
    assert!(t.read("shared/acme.toml").contains("stage = \"demo\""));
    assert!(
        std::fs::symlink_metadata(t.path().join("accounts/acme.toml"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn advance_never_writes_or_locks_outside_the_workspace() {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("victim.toml");
    std::fs::write(&target, complete()).unwrap();
    let t = Test::new();
    std::fs::create_dir_all(t.path().join("accounts")).unwrap();
    symlink(&target, t.path().join("accounts/complete.toml")).unwrap();
    let out = t.kam(&["advance", "complete"]);
    out.code(2).stderr_has("outside the workspace");
    for args in [
        &["set", "complete", "company.industry=Steel"][..],
        &["log", "complete", "--points", "call"],
        &["task", "complete", "add", "Call back", "--owner", "li.wei"],
    ] {
        let out = t.kam(args);
        assert_eq!(out.code, 2, "{args:?}: {}{}", out.stdout, out.stderr);
    }
    assert_eq!(std::fs::read_to_string(&target).unwrap(), complete());
    assert_eq!(
        names_in(outside.path()),
        ["victim.toml"],
        "no lock or temporary file outside"
    );
    // The same through a linked folder.
    let t = Test::new();
    symlink(outside.path(), t.path().join("accounts")).unwrap();
    let out = t.kam(&["advance", "victim"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), complete());
    assert_eq!(names_in(outside.path()), ["victim.toml"]);
}

#[test]
fn a_planted_lock_link_creates_nothing_where_it_points() {
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("nologin");
    let t = Test::new().file("accounts/complete.toml", &complete());
    symlink(&victim, t.path().join("accounts/.complete.toml.kam-lock")).unwrap();
    // Every command that writes an account says what is there and what to do, not the
    // system's "Too many levels of symbolic links".
    for args in [
        &["advance", "complete"][..],
        &["set", "complete", "procurement.urgency=high"],
        &["task", "complete", "add", "Call", "--due", "2026-12-01"],
    ] {
        let out = t.kam(args);
        out.code(2)
            .stderr_has("the lock file accounts/.complete.toml.kam-lock is a symbolic link")
            .stderr_has("remove the link (`rm accounts/.complete.toml.kam-lock`)");
        assert!(!out.stderr.contains("os error"), "{args:?}: {}", out.stderr);
        assert!(!victim.exists(), "the link's target was created");
        assert_eq!(t.read("accounts/complete.toml"), complete());
    }
    // A FIFO in its place says so too.
    std::fs::remove_file(t.path().join("accounts/.complete.toml.kam-lock")).unwrap();
    mkfifo(&t.path().join("accounts/.complete.toml.kam-lock"));
    let out = t.kam(&["set", "complete", "procurement.urgency=high"]);
    out.code(2).stderr_has("is a FIFO (named pipe)").stderr_has("remove it");
    assert!(!out.stderr.contains("os error"), "{}", out.stderr);
}

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfifo {}", path.display());
}

/// A device node that behaves like /dev/null (root only).
fn mknull(path: &Path) -> bool {
    is_root()
        && std::process::Command::new("mknod")
            .arg(path)
            .args(["c", "1", "3"])
            .status()
            .is_ok_and(|s| s.success())
}

#[test]
fn output_files_are_regular_files_only() {
    let t = Test::samples().file("keep.txt", "keep me").deadline(20);
    let run = |args: &[&str]| t.kam(args);
    // A new file and a regular file are written; `-` is standard output.
    run(&["export", "--format", "json", "-o", "out.json"]).code(0);
    assert!(t.read("out.json").starts_with('['));
    run(&["export", "--format", "csv", "-o", "out.json"]).code(0);
    assert!(t.read("out.json").starts_with("id,"));
    run(&["schema", "-o", "-"]).code(0).stdout_has("\"$schema\"");
    run(&["report", "visit", "kangyuan-pharma", "-o", "-"])
        .code(0)
        .stdout_has("kangyuan-pharma");
    // Anything else is refused with exit 2 and left as it was.
    symlink("keep.txt", t.path().join("link.txt")).unwrap();
    mkfifo(&t.path().join("fifo.txt"));
    std::fs::create_dir(t.path().join("folder.txt")).unwrap();
    let mut targets = vec!["link.txt", "fifo.txt", "folder.txt"];
    if mknull(&t.path().join("null.txt")) {
        targets.push("null.txt");
    }
    for target in targets {
        for args in [
            &["export", "--format", "csv", "-o", target][..],
            &["schema", "-o", target],
            &["report", "negotiation", "kangyuan-pharma", "-o", target],
        ] {
            run(args).code(2).stderr_has("nothing was written");
        }
    }
    assert_eq!(t.read("keep.txt"), "keep me");
    assert!(
        std::fs::symlink_metadata(t.path().join("link.txt"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(
        &std::fs::symlink_metadata(t.path().join("fifo.txt"))
            .unwrap()
            .file_type()
    ));
    if t.path().join("null.txt").exists() {
        let meta = std::fs::symlink_metadata(t.path().join("null.txt")).unwrap();
        assert_eq!(meta.mode() & 0o170_000, 0o020_000, "still a character device");
    }
}

#[test]
fn fifos_sockets_and_devices_named_like_accounts_are_findings_not_hangs() {
    let t = Test::samples().deadline(20);
    let dir = t.path().join("accounts");
    mkfifo(&dir.join("pipe.toml"));
    let _socket = std::os::unix::net::UnixListener::bind(dir.join("socket.toml")).unwrap();
    let device = mknull(&dir.join("device.toml"));
    symlink("pipe.toml", dir.join("to-pipe.toml")).unwrap();
    let out = t.kam(&["check"]);
    out.code(1)
        .stdout_has("accounts/pipe.toml")
        .stdout_has("FIFO")
        .stdout_has("accounts/socket.toml")
        .stdout_has("socket")
        .stdout_has("accounts/to-pipe.toml");
    if device {
        out.stdout_has("accounts/device.toml").stdout_has("device");
    }
    t.kam(&["check", "accounts/pipe.toml"]).code(1).stdout_has("FIFO");
    for args in [&["list"][..], &["gate"], &["score"], &["due"]] {
        let out = t.kam(args);
        assert!(
            out.stdout.contains("pipe") || out.stderr.contains("pipe"),
            "{args:?}: {}",
            out.stdout
        );
    }
    for args in [
        &["gate", "pipe"][..],
        &["report", "visit", "pipe"],
        &["advance", "pipe"],
        &["export", "--format", "csv"],
    ] {
        assert_eq!(t.kam(args).code, 2, "{args:?}");
    }
}

#[test]
fn init_refuses_a_linked_gitignore_and_changes_nothing() {
    let key = secret_file("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n");
    let t = Test::new();
    symlink(key.path(), t.path().join(".gitignore")).unwrap();
    let out = t.kam(&["init", "."]);
    out.code(2).stderr_has(".gitignore").stderr_has("symbolic link");
    assert_eq!(names_in(t.path()), [".gitignore"], "nothing was written");
    assert!(
        std::fs::symlink_metadata(t.path().join(".gitignore"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(!out.stdout.contains("PRIVATE KEY") && !out.stderr.contains("PRIVATE KEY"));
}

/// The umask of this process (kam inherits it), from /proc.
fn umask() -> u32 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("Umask:")).unwrap();
    u32::from_str_radix(line.split_whitespace().nth(1).unwrap(), 8).unwrap()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().mode() & 0o7777
}

#[test]
fn files_kam_creates_honour_the_umask() {
    let expected = 0o666 & !umask();
    let t = Test::new();
    t.kam(&["init", "ws"]).code(0);
    for file in ["kam.yaml", ".gitignore", "kam.schema.json", ".taplo.toml"] {
        assert_eq!(mode(&t.path().join("ws").join(file)), expected, "{file}");
    }
    t.kam(&["-C", "ws", "new", "Acme GmbH", "--owner", "li.wei"]).code(0);
    assert_eq!(mode(&t.path().join("ws/accounts/acme.toml")), expected);
    t.kam(&["-C", "ws", "export", "--format", "csv", "-o", "out.csv"])
        .code(0);
    t.kam(&["-C", "ws", "schema", "-o", "schema.json"]).code(0);
    t.kam(&["-C", "ws", "report", "visit", "acme", "-o", "visit.txt"])
        .code(0);
    for file in ["out.csv", "schema.json", "visit.txt"] {
        assert_eq!(mode(&t.path().join("ws").join(file)), expected, "{file}");
    }
}

#[test]
fn a_replaced_file_keeps_its_mode_owner_and_group() {
    let t = Test::new()
        .file("accounts/complete.toml", &complete())
        .file("brief.md", "old");
    let account = t.path().join("accounts/complete.toml");
    let brief = t.path().join("brief.md");
    for path in [&account, &brief] {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o640)).unwrap();
        if is_root() {
            std::os::unix::fs::chown(path, Some(NOBODY), Some(NOBODY)).unwrap();
        }
    }
    let before = std::fs::metadata(&account).unwrap();
    t.kam(&["advance", "complete"]).code(0);
    t.kam(&["report", "negotiation", "complete", "--format", "md", "-o", "brief.md"])
        .code(0);
    for path in [&account, &brief] {
        let after = std::fs::metadata(path).unwrap();
        assert_eq!(after.mode() & 0o7777, 0o640, "{path:?}");
        assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()), "{path:?}");
    }
    assert!(t.read("accounts/complete.toml").contains("stage = \"demo\""));
}

#[test]
fn stale_temporary_files_are_removed_by_the_next_write_in_their_folder() {
    let t = Test::new()
        .file("accounts/complete.toml", &complete())
        .file("accounts/.complete.toml.kam-tmpK1ll3d", &"x".repeat(9 << 20))
        .file("accounts/.other.toml.kam-tmpAbCdEf", "left by a killed kam")
        .file(".report.md.kam-tmp123456", "left by a killed kam");
    t.kam(&["advance", "complete"]).code(0);
    assert_eq!(
        names_in(&t.path().join("accounts")),
        [".complete.toml.kam-lock", "complete.toml"]
    );
    t.kam(&["report", "visit", "complete", "-o", "report.md"]).code(0);
    assert!(!t.path().join(".report.md.kam-tmp123456").exists());
}

#[test]
fn a_playbook_that_links_out_of_the_workspace_is_not_read() {
    let secret = secret_file(&format!("{SECRET}\nkam: [\n"));
    let t = Test::new().file("accounts/complete.toml", &complete());
    symlink(secret.path(), t.path().join("kam.yaml")).unwrap();
    let out = t.kam(&["check"]);
    out.code(2).stderr_has("kam.yaml").stderr_has("outside the workspace");
    no_secret(&out, "check with a linked kam.yaml");
    // A FIFO in its place is refused at once.
    let t = Test::new().file("accounts/complete.toml", &complete()).deadline(20);
    mkfifo(&t.path().join("kam.yaml"));
    t.kam(&["check"]).code(2).stderr_has("FIFO");
}

/// Whether the trace shows `dir` opened and synced after `file` was created or renamed into it.
fn folder_synced_after(trace: &str, file: &str, dir: &str) -> bool {
    let lines: Vec<&str> = trace.lines().collect();
    let Some(made) = lines
        .iter()
        .rposition(|l| l.contains(file) && (l.contains("O_CREAT") || l.contains("rename")))
    else {
        return false;
    };
    let opened = format!("\"{dir}\", O_RDONLY|O_CLOEXEC) = ");
    lines[made..].iter().any(|l| {
        l.split_once(&opened).is_some_and(|(_, fd)| {
            let sync = format!("fsync({})", fd.trim());
            lines[made..].iter().any(|m| m.contains(&sync))
        })
    })
}

#[test]
fn a_new_file_s_folder_is_synced_after_it_is_made() {
    let trace_dir = tempfile::tempdir().unwrap();
    let trace = trace_dir.path().join("trace");
    let Some(t) = Test::new().file("accounts/.gitkeep", "").traced(&trace) else {
        eprintln!("strace is not installed: the sync of folders is not observed here");
        return;
    };
    let accounts = std::fs::canonicalize(t.path().join("accounts")).unwrap();
    t.kam(&["new", "Acme", "--id", "acme", "--owner", "li.wei"]).code(0);
    let text = std::fs::read_to_string(&trace).unwrap();
    assert!(
        folder_synced_after(&text, "acme.toml", &accounts.display().to_string()),
        "accounts/ is not synced after acme.toml is created:\n{text}"
    );
    t.kam(&["report", "visit", "acme", "-o", "visit.txt"]).code(0);
    let text = std::fs::read_to_string(&trace).unwrap();
    let root = std::fs::canonicalize(t.path()).unwrap();
    assert!(
        folder_synced_after(&text, "visit.txt", &root.display().to_string()),
        "the folder of visit.txt is not synced after it is made:\n{text}"
    );
}
