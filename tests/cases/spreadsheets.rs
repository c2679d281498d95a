//! CSV for spreadsheets, the same options on every command that writes CSV: `--excel` (UTF-8
//! with a byte order mark, CRLF) for Excel on Windows; `score --format csv` names the unrated
//! factors as JSON does.

use crate::support::Test;

/// Every command that writes CSV.
const CSV_COMMANDS: [&[&str]; 8] = [
    &["gate", "--format", "csv"],
    &["report", "expenses", "--format", "csv"],
    &["report", "receivables", "--format", "csv"],
    &["list", "--format", "csv"],
    &["score", "--format", "csv"],
    &["export", "--format", "csv"],
    &["stats", "--format", "csv"],
    &["forecast", "--format", "csv"],
];

#[test]
fn excel_csv_has_a_byte_order_mark_and_crlf_everywhere() {
    for args in CSV_COMMANDS {
        let mut all = args.to_vec();
        all.push("--excel");
        let out = Test::samples().args(&all).run();
        out.code(0);
        assert!(out.stdout.starts_with('\u{feff}'), "{args:?}: no byte order mark");
        assert_eq!(out.stdout.matches('\u{feff}').count(), 1, "{args:?}");
        assert!(out.stdout.matches("\r\n").count() >= 2, "{args:?}: no CRLF lines");
        // The same cells as without the option: only the mark and the line ends differ.
        let plain = Test::samples().args(args).run();
        assert!(
            !plain.stdout.starts_with('\u{feff}') && !plain.stdout.contains('\r'),
            "{args:?}"
        );
        assert_eq!(
            out.stdout.trim_start_matches('\u{feff}').replace("\r\n", "\n"),
            plain.stdout,
            "{args:?}"
        );
    }
}

#[test]
fn score_csv_names_the_missing_factors_like_json() {
    let csv = Test::samples().args(&["score", "--format", "csv"]).run();
    csv.code(0);
    let json = Test::samples().args(&["score", "--format", "json"]).run();
    let rows: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let header: Vec<&str> = csv.stdout.lines().next().unwrap().split(',').collect();
    let mut named = 0;
    for row in rows.as_array().unwrap() {
        let id = row["id"].as_str().unwrap();
        let line = csv.stdout.lines().find(|l| l.starts_with(&format!("{id},"))).unwrap();
        let want: Vec<&str> = row["missing"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        // The last two cells are `missing` and `problems` (names may hold quoted commas).
        assert_eq!(header[header.len() - 2], "missing");
        let cell = line.rsplit(',').nth(1).unwrap();
        assert_eq!(cell, want.join(";"), "{id}");
        named += usize::from(!want.is_empty());
    }
    assert!(named > 0, "no sample lacks a rating: the test proves nothing");
}

#[test]
fn labels_replace_ids_in_every_csv() {
    for args in CSV_COMMANDS {
        let mut all = args.to_vec();
        all.push("--labels");
        let out = Test::samples().args(&all).run();
        out.code(0);
        let plain = Test::samples().args(args).run();
        assert_eq!(out.stdout.lines().count(), plain.stdout.lines().count(), "{args:?}");
        let header = out.stdout.lines().next().unwrap();
        let stage = header.split(',').position(|h| h == "stage");
        for (line, was) in out.stdout.lines().zip(plain.stdout.lines()).skip(1) {
            // A stage column names the stage by its label (ids are lowercase words).
            if let Some(i) = stage
                && !line.contains('"')
            {
                let cell = line.split(',').nth(i).unwrap();
                let id = was.split(',').nth(i).unwrap();
                assert!(cell.is_empty() || cell != id, "{args:?}: `{id}` kept in {line}");
            }
        }
    }
    let gate = Test::samples().args(&["gate", "--format", "csv", "--labels"]).run();
    assert!(
        gate.stdout
            .contains(",Qualify the target,Demo and information gathering,"),
        "{}",
        gate.stdout
    );
    let score = Test::samples().args(&["score", "--format", "csv", "--labels"]).run();
    assert!(score.stdout.contains(",A — all-in,"), "{}", score.stdout);
    // The Chinese playbook's labels, with --excel too.
    let zh = Test::samples()
        .file(
            "kam.yaml",
            &std::fs::read_to_string(crate::support::repo().join("examples/playbooks/zh-CN.yaml")).unwrap(),
        )
        .args(&["gate", "--format", "csv", "--labels", "--excel"])
        .run();
    zh.code(0);
    assert!(zh.stdout.starts_with("\u{feff}id,stage,"), "{}", zh.stdout);
    assert!(!zh.stdout.contains(",qualify,"), "{}", zh.stdout);
}
