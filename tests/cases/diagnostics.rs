//! The error catalogue: one fixture per diagnostic code under tests/fixtures/diagnostics, each
//! checked by the real binary, its output pinned in a reviewed snapshot.

use crate::support::{Test, fixture_cases, repo};

fn fixture_dirs() -> Vec<std::path::PathBuf> {
    fixture_cases("diagnostics")
}

fn copy_into(test: Test, from: &std::path::Path, prefix: &str) -> Test {
    let mut t = test;
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().unwrap().is_dir() {
            t = copy_into(t, &entry.path(), &format!("{prefix}{name}/"));
        } else {
            let target = t.path().join("accounts").join(format!("{prefix}{name}"));
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
    t
}

#[test]
fn every_code_has_a_fixture_that_produces_it() {
    let dirs = fixture_dirs();
    for code in kam::domain::diagnostic::Code::ALL.map(kam::domain::diagnostic::Code::as_str) {
        let dir = dirs
            .iter()
            .find(|d| {
                d.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(&code.to_lowercase())
            })
            .unwrap_or_else(|| panic!("no fixture for {code}"));
        let out = copy_into(Test::new(), dir, "").args(&["check"]).run();
        assert!(
            out.stdout.contains(&format!("[{code}]")),
            "{code} not produced by its fixture:\n{}",
            out.stdout
        );
    }
}

#[test]
fn catalogue_output() {
    for dir in fixture_dirs() {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let out = copy_into(Test::new(), &dir, "").args(&["check"]).run();
        // Warnings alone pass; anything else in the catalogue fails the check.
        let warnings_only = ["kam012", "kam018", "kam028", "kam029", "kam031"];
        let expected = i32::from(!warnings_only.iter().any(|w| name.starts_with(w)));
        out.code(expected);
        insta::assert_snapshot!(name, out.stdout);
    }
}

#[test]
fn the_catalogue_document_shows_the_real_output() {
    let doc = std::fs::read_to_string(repo().join("docs/diagnostics.md")).unwrap();
    let dir = repo().join("tests/cases/snapshots");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("main__cases__diagnostics__kam") || path.extension().is_none_or(|e| e != "snap") {
            continue;
        }
        let snap = std::fs::read_to_string(&path).unwrap();
        let body = snap.splitn(3, "---\n").nth(2).unwrap().trim();
        assert!(
            doc.contains(body),
            "docs/diagnostics.md lacks the current output of {name}; copy it from the snapshot"
        );
        checked += 1;
    }
    assert_eq!(checked, kam::domain::diagnostic::Code::ALL.len());
}
