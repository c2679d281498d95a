//! Faults on the write path and hostile input: each gives a clear error and leaves every file
//! byte-identical. (A failing writer — a full disk — and a file deleted between read and write are
//! unit-tested in src/io/write.rs, where the fault can be injected.)

use std::os::unix::fs::PermissionsExt;

use crate::support::{Test, names_in as listing, repo};

fn complete() -> String {
    std::fs::read_to_string(repo().join("tests/fixtures/accounts/complete.toml")).unwrap()
}

#[test]
fn a_read_only_accounts_folder_refuses_the_edit_and_keeps_the_file() {
    let text = complete();
    let (t, unprivileged) = Test::new()
        .file("accounts/complete.toml", &text)
        .args(&["advance", "complete"])
        .unprivileged();
    assert!(unprivileged, "running as root needs `setpriv` to test permissions");
    let accounts = t.path().join("accounts");
    std::fs::set_permissions(&accounts, std::fs::Permissions::from_mode(0o555)).unwrap();
    let before = listing(&accounts);
    let out = t.run();
    std::fs::set_permissions(&accounts, std::fs::Permissions::from_mode(0o755)).unwrap();
    out.code(2).stderr_has("accounts/");
    assert!(
        out.stderr.contains("ermission denied"),
        "the cause is named:\n{}",
        out.stderr
    );
    assert_eq!(out.read("accounts/complete.toml"), text);
    assert_eq!(
        listing(&out.dir.join("accounts")),
        before,
        "no lock or temporary file was left"
    );
}

#[test]
fn a_read_only_account_file_is_refused_as_an_editor_would() {
    // A rename in a writable folder could replace it, but a file without write permission is
    // meant to stay as it is: kam refuses, names why, and leaves it byte for byte.
    let text = complete();
    let t = Test::new()
        .file("accounts/complete.toml", &text)
        .args(&["advance", "complete"]);
    let file = t.path().join("accounts/complete.toml");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = t.run();
    out.code(2).stderr_has("read-only").stderr_has("nothing was written");
    let mode = std::fs::metadata(out.dir.join("accounts/complete.toml"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o444);
    assert_eq!(out.read("accounts/complete.toml"), text);
    assert_eq!(
        listing(&out.dir.join("accounts")),
        [".complete.toml.kam-lock", "complete.toml"]
    );
}

#[test]
fn absurdly_large_files_are_refused_unread() {
    let mut big = String::from("id = \"big\"\nname = \"Big\"\nowner = \"x\"\nstage = \"qualify\"\nnotes = \"");
    big.push_str(&"x".repeat(11 * 1024 * 1024));
    big.push_str("\"\n");
    let out = Test::new().file("accounts/big.toml", &big).args(&["check"]).run();
    out.code(1)
        .stdout_has("error[KAM019]")
        .stdout_has("accounts/big.toml")
        .stdout_has("refuses files over");
    // Commands on one account refuse it too, as an I/O-level problem.
    let out = Test::new()
        .file("accounts/big.toml", &big)
        .args(&["score", "big"])
        .run();
    assert_ne!(out.code, 0, "{}", out.stdout);
    assert!(
        format!("{}{}", out.stdout, out.stderr).contains("refuses files over"),
        "{}{}",
        out.stdout,
        out.stderr
    );
}

#[test]
fn deeply_nested_values_are_an_error_not_a_hang_or_a_crash() {
    for depth in [100, 10_000, 100_000] {
        let text = format!("id = \"deep\"\nx = {}1{}\n", "[".repeat(depth), "]".repeat(depth));
        let inline = format!("id = \"deep\"\nx = {}1{}\n", "{a = ".repeat(depth), "}".repeat(depth));
        for (name, body) in [("array", &text), ("table", &inline)] {
            let out = Test::new().file("accounts/deep.toml", body).args(&["check"]).run();
            out.code(1);
            assert!(
                out.stdout.contains("accounts/deep.toml:"),
                "{name} {depth}: {}",
                out.stdout
            );
            assert!(
                !out.stderr.contains("panicked") && !out.stderr.contains("overflow"),
                "{}",
                out.stderr
            );
        }
    }
}
