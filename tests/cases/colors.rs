//! Colors: every command that prints a table or a colored line colors it the same way under
//! `--color always` (headers bold, one tone per tier, stage, flag and late date), never under
//! `--color never` or on a pipe with `auto`, and `--color always` wins over `NO_COLOR`.

use crate::support::Test;

const BOLD: &str = "\x1b[1m";
const GREEN: &str = "\x1b[38;5;10m";
const YELLOW: &str = "\x1b[38;5;11m";
const RED: &str = "\x1b[38;5;9m";
const DIM: &str = "\x1b[2m";

/// The samples in a repository of two commits; the second moves kangyuan-pharma's stage by hand
/// (a finding of the review) and hands beifang-dairy over.
fn team() -> Test {
    let t = Test::samples();
    t.git(&["init", "-q"]);
    t.git(&["add", "-A"]);
    t.git(&["commit", "-q", "-m", "accounts"]);
    let file = "accounts/east/kangyuan-pharma.toml";
    let moved = t.read(file).replace("stage = \"close\"", "stage = \"won\"");
    assert_ne!(moved, t.read(file));
    t.write(file, &moved);
    t.git(&["commit", "-q", "-am", "won by hand"]);
    t
}

/// The commands that print tables (`true`) or colored lines only.
const COMMANDS: &[(&[&str], bool)] = &[
    (&["score"], true),
    (&["score", "kangyuan-pharma", "--explain"], true),
    (&["gate"], true),
    (&["list"], true),
    (&["list", "--group-by", "owner"], true),
    (&["stats"], true),
    (&["stats", "--by", "tier"], true),
    (&["forecast"], true),
    (&["show", "ningzhou-battery"], true),
    (&["report", "receivables"], true),
    (&["report", "expenses", "--month", "2026-11"], true),
    (&["report", "visit", "ningzhou-battery"], true),
    (&["report", "negotiation", "kangyuan-pharma"], true),
    (&["report", "reception", "kangyuan-pharma"], true),
    (&["report", "after-deal", "haisheng-food"], true),
    (&["report", "retro", "xinghe-electronics"], true),
    (&["guide", "discount_request"], false),
    (&["gate", "hengrui-precision"], false),
    (&["advance", "hengrui-precision", "--dry-run"], false),
    (&["check"], false),
    (&["due"], false),
    (&["task", "dongsheng-food", "list"], false),
    (&["diff", "HEAD~1", "HEAD"], false),
    (&["history", "kangyuan-pharma"], false),
];

fn strip(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('\x1b') {
        out.push_str(&rest[..i]);
        let end = rest[i..].find('m').map_or(rest.len(), |e| i + e + 1);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn every_table_is_colored_alike_and_only_when_asked() {
    let t = team();
    for (args, tables) in COMMANDS {
        let run = |color: &str, no_color: &str| {
            let mut all = args.to_vec();
            all.extend_from_slice(&["--color", color]);
            let out = t.kam_env(&all, &[("NO_COLOR", no_color)]);
            assert!(
                out.code == 0 || out.code == 1,
                "{args:?} --color {color}: exit {}\n{}",
                out.code,
                out.stderr
            );
            out.stdout
        };
        let colored = run("always", "");
        assert!(
            colored.contains('\x1b'),
            "{args:?}: no color under --color always:\n{colored}"
        );
        // No empty codes (what a terminal library writes when it drops a color).
        assert!(
            !colored.contains("\x1b[m"),
            "{args:?}: an empty color code: {colored:?}"
        );
        // The explicit flag wins over NO_COLOR: the same bytes.
        assert_eq!(run("always", "1"), colored, "{args:?}: NO_COLOR changed --color always");
        let plain = run("never", "");
        assert!(
            !plain.contains('\x1b'),
            "{args:?}: color under --color never: {plain:?}"
        );
        assert_eq!(strip(&colored), plain, "{args:?}: colors changed the text");
        // A pipe is no terminal: auto leaves colors out, with or without NO_COLOR.
        assert_eq!(run("auto", ""), plain, "{args:?}: color on a pipe");
        assert_eq!(run("auto", "1"), plain, "{args:?}: color on a pipe under NO_COLOR");
        if *tables {
            // Every table (and every underlined heading): the line above its rule is bold.
            let lines: Vec<&str> = colored.lines().collect();
            let rules: Vec<usize> = (1..lines.len())
                .filter(|&i| {
                    let s = strip(lines[i]);
                    s.contains('─') && s.chars().all(|c| c == '─' || c == ' ')
                })
                .collect();
            assert!(!rules.is_empty(), "{args:?}: no table found:\n{plain}");
            for i in rules {
                assert!(
                    lines[i - 1].trim_start().starts_with(BOLD),
                    "{args:?}: a header that is not bold: {:?}",
                    lines[i - 1]
                );
            }
        }
    }
}

/// The line of `out` (colors stripped) that holds `key`, with its colors.
fn line_of<'a>(out: &'a str, key: &str) -> &'a str {
    out.lines()
        .find(|l| strip(l).contains(key))
        .unwrap_or_else(|| panic!("no line with {key:?} in\n{out}"))
}

/// Whether `token` is shown in `tone` on the line holding `key`.
fn toned(out: &str, key: &str, token: &str, tone: &str) -> bool {
    line_of(out, key).contains(&format!("{tone}{token}"))
}

#[test]
fn tiers_stages_and_flags_have_one_tone_in_every_table() {
    let t = Test::samples();
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend_from_slice(&["--color", "always"]);
        t.kam_env(&all, &[("NO_COLOR", "")]).stdout
    };
    let (score, list, gate, stats) = (run(&["score"]), run(&["list"]), run(&["gate"]), run(&["stats"]));
    // beifang-dairy is won and was tier A; tiandi-cement is paused; xinghe-electronics lost.
    for out in [&score, &list] {
        assert!(toned(out, "beifang-dairy", "won", GREEN), "won: {out}");
        assert!(toned(out, "beifang-dairy", "A ", GREEN), "tier A: {out}");
        assert!(toned(out, "tiandi-cement", "paused", DIM), "paused: {out}");
        assert!(toned(out, "xinghe-electronics", "lost", RED), "lost: {out}");
    }
    assert!(toned(&score, "tiandi-cement", "D ", DIM), "the lowest tier: {score}");
    // A blocked gate is a warning in the list's flags and in the gate's table alike.
    assert!(toned(&list, "hengrui-precision", "blocked", YELLOW), "{list}");
    assert!(toned(&gate, "hengrui-precision", "blocked", YELLOW), "{gate}");
    assert!(
        toned(&gate, "beifang-dairy", "won", GREEN) || toned(&gate, "beifang-dairy", "Won", GREEN),
        "{gate}"
    );
    assert!(toned(&gate, "xinghe-electronics", "Lost", RED), "{gate}");
    // The outcomes of stats take the stages' tones.
    assert!(toned(&stats, "Won ", "Won", GREEN), "{stats}");
    assert!(toned(&stats, "Lost ", "Lost", RED), "{stats}");
    assert!(toned(&stats, "Paused (observe) ", "Paused", DIM), "{stats}");
    // Late is red wherever a date is late: the agenda, the forecast, the receivables.
    let due = run(&["due"]);
    assert!(due.contains(&format!("{RED}102d late")), "{due}");
    let receivables = run(&["report", "receivables"]);
    assert!(toned(&receivables, "HS-VN-2026-01", "2026-08-15", RED), "{receivables}");
}
