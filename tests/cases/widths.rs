//! Hand-aligned text at fixed terminal widths, under both playbooks: `kam list`, `kam due` and
//! `kam diff` keep every line within the width (measured in display columns: a CJK character
//! takes two), the next step's text keeps room, the summary wraps, and nothing is cut into
//! slivers.

use unicode_width::UnicodeWidthStr;

use crate::support::{Outcome, Test, zh_playbook};

/// The samples, with the Chinese playbook when `chinese`.
fn samples(chinese: bool) -> Test {
    let t = Test::samples();
    if chinese { t.file("kam.yaml", &zh_playbook()) } else { t }
}

#[track_caller]
fn within(out: &Outcome, width: usize) {
    out.code(0);
    for line in out.stdout.lines() {
        assert!(
            line.width() <= width,
            "a line is {} columns wide at {width}:\n{line}\n--- whole output\n{}",
            line.width(),
            out.stdout
        );
    }
}

#[test]
fn list_fits_80_100_and_120_columns_under_both_playbooks() {
    for chinese in [false, true] {
        for width in [80, 100, 120] {
            let out = samples(chinese)
                .env("COLUMNS", &width.to_string())
                .args(&["list"])
                .run();
            within(&out, width);
            // Every account keeps its row and its next step's text (beside it or under it).
            assert!(out.stdout.contains("renhe-hospi"), "{}", out.stdout);
            assert!(out.stdout.contains("在总院药库"), "{}", out.stdout);
        }
    }
}

#[test]
fn list_at_120_gives_the_next_step_room_before_the_flags() {
    let out = samples(false).env("COLUMNS", "120").args(&["list"]).run();
    within(&out, 120);
    let row = out.stdout.lines().find(|l| l.starts_with("renhe-hosp")).unwrap();
    // The step's text beside its date, the flags one under the other.
    assert!(row.contains("2026-12-04 在总院药库"), "{row}");
    assert!(row.trim_end().ends_with("blocked,"), "{row}");
    assert!(out.stdout.contains("report-missing"));
}

#[test]
fn list_at_80_puts_the_step_under_its_row_and_wraps_the_summary() {
    let out = samples(false).env("COLUMNS", "80").args(&["list"]).run();
    within(&out, 80);
    let lines: Vec<&str> = out.stdout.lines().collect();
    let row = lines.iter().position(|l| l.starts_with("renhe-hosp")).unwrap();
    assert!(lines[row].contains("2026-12-04"), "{}", lines[row]);
    assert!(
        lines[row + 1..]
            .iter()
            .take(2)
            .any(|l| l.trim_start() == "→ 在总院药库和一间手术室做 2 周演示"),
        "{}",
        out.stdout
    );
    // The summary: more than one line, nothing lost.
    let summary: String = lines
        .iter()
        .skip_while(|l| !l.starts_with("14 accounts"))
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(summary.contains("paused 1") && summary.contains("none 4"), "{summary}");
    // Wide enough: one line per account, the summary on one line.
    let wide = samples(false).env("COLUMNS", "400").args(&["list"]).run();
    assert!(!wide.stdout.contains("→ "));
    assert!(
        wide.stdout
            .lines()
            .any(|l| l.starts_with("14 accounts") && l.contains("none 4"))
    );
}

#[test]
fn due_fits_80_columns_without_slivers_under_both_playbooks() {
    for chinese in [false, true] {
        let out = samples(chinese)
            .env("COLUMNS", "80")
            .args(&["due", "--within", "30"])
            .run();
        within(&out, 80);
        // A wrapped paragraph fills its lines: every line but its last is over half the width.
        let lines: Vec<&str> = out.stdout.lines().collect();
        for (i, l) in lines.iter().enumerate() {
            let continued = lines
                .get(i + 1)
                .is_some_and(|n| n.starts_with("    ") && !n.trim_start().starts_with("kam "));
            let prose = l.starts_with("  ▸ ")
                || l.starts_with("  → ")
                || (l.starts_with("    ") && !l.trim_start().starts_with("kam "));
            if prose && continued {
                assert!(l.width() > 40, "a sliver: {l:?}\n{}", out.stdout);
            }
        }
    }
}

#[test]
fn diff_wraps_long_lines_at_the_terminal_width() {
    for chinese in [false, true] {
        let t = samples(chinese);
        t.git(&["init", "-q"]);
        t.git(&["add", "-A"]);
        t.git(&["commit", "-q", "-m", "samples"]);
        let file = "accounts/east/renhe-hospital.toml";
        let text = t.read(file).replace("stage = \"demo\"", "stage = \"assess\"");
        t.write(file, &format!("{text}notes = \"{}\"\n", "很长的备注".repeat(60)));
        let out = t.kam_env(&["diff"], &[("COLUMNS", "80")]);
        within(&out, 80);
        assert!(out.stdout.contains("很长的备注"));
        // On a pipe without COLUMNS, lines stay whole for tools.
        let whole = t.kam(&["diff"]);
        assert!(whole.stdout.lines().any(|l| l.width() > 200));
    }
}
