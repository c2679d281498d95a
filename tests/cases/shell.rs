//! `kam completions`, `kam man`, and `--color` / `NO_COLOR` across commands.

use crate::support::Test;

#[test]
fn completions_for_every_shell() {
    for (shell, marker) in [
        ("bash", "_kam()"),
        ("zsh", "#compdef kam"),
        ("fish", "complete -c kam"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = Test::new().args(&["completions", shell]).run();
        out.code(0).stdout_has(marker);
        if shell == "powershell" {
            out.stdout_has("diff");
        } else {
            // The scripts ask kam for the candidates.
            out.stdout_has("kam __complete");
        }
    }
    let subcommands = Test::new().args(&["__complete", "fish", "--", "kam", ""]).run();
    subcommands
        .code(0)
        .stdout_has("diff\t")
        .stdout_has("log\t")
        .stdout_has("show\t");
    Test::new().args(&["completions", "tcsh"]).run().code(2);
}

#[test]
fn man_page_in_roff() {
    let out = Test::new().args(&["man"]).run();
    out.code(0)
        .stdout_has(".TH KAM 1 2026-11-25")
        .stdout_has("\\fBkam diff\\fR (\\fBkam\\-diff\\fR(1))");
    // The synopsis names each option's value; clap_mangen printed `[-C ]`.
    assert!(
        !out.stdout.contains("[-C ]") && !out.stdout.contains("[\\-C ]"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("\\fB\\-C\\fR \\fIDIR\\fR"), "{}", out.stdout);
}

#[test]
fn man_dir_writes_a_page_per_command_and_refers_only_to_those() {
    let t = Test::new();
    let out = t.args(&["man", "--dir", "man1"]).run();
    out.code(0);
    let dir = out.dir.join("man1");
    let names = crate::support::names_in(&dir);
    for expected in [
        "kam.1",
        "kam-init.1",
        "kam-check.1",
        "kam-report.1",
        "kam-report-visit.1",
        "kam-man.1",
    ] {
        assert!(
            names.contains(&expected.to_string()),
            "{expected} missing from {names:?}"
        );
    }
    for name in &names {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        for section in [".SH NAME\n", ".SH SYNOPSIS\n", ".SH EXIT STATUS\n", ".SH SEE ALSO\n"] {
            assert!(text.contains(section), "{name}: no {section}");
        }
        // Every page another page refers to exists.
        for (i, _) in text.match_indices("(1)") {
            let before = &text[..i];
            let start = before.rfind("\\fB").expect("a bold page name") + 3;
            let page = before[start..].trim_end_matches("\\fR").replace("\\-", "-");
            assert!(
                names.contains(&format!("{page}.1")),
                "{name} refers to {page}(1), which --dir did not write"
            );
        }
    }
}

#[test]
fn man_examples_are_verbatim() {
    let out = Test::new().args(&["man", "report", "visit"]).run();
    out.code(0);
    let examples = out.stdout.split(".SH EXAMPLES\n").nth(1).expect("an EXAMPLES section");
    // A no-fill block: each example on its own line, exactly as `--help` shows it.
    assert!(
        examples.starts_with(
            ".RS 4\n.nf\nkam report visit ningzhou\\-battery\nkam report visit ningzhou\\-battery \\-\\-date 2026\\-12\\-03 \\-\\-format md \\-o visit.md\n.fi\n"
        ),
        "{examples}"
    );
    let main = Test::new().args(&["man"]).run();
    // The Chinese client name of the main page's examples survives as roff escapes.
    assert!(main.stdout.contains("kam new \"\\[u534E]\\[u4E1C]"), "{}", main.stdout);
    Test::new()
        .args(&["man", "nosuch"])
        .run()
        .code(2)
        .stderr_has("no manual page for `kam nosuch`");
}

#[test]
fn help_examples_line_up_in_display_columns() {
    use unicode_width::UnicodeWidthStr;
    let out = Test::new().args(&["--help"]).run();
    out.code(0);
    let block = out
        .stdout
        .split("Examples:\n")
        .nth(1)
        .expect("examples")
        .split("\n\n")
        .next()
        .unwrap();
    let mut columns = Vec::new();
    for line in block.lines() {
        let command_end = line
            .trim_start()
            .find("   ")
            .map(|i| i + line.len() - line.trim_start().len());
        if let Some(end) = command_end {
            let rest = &line[end..];
            let description_at = end + (rest.len() - rest.trim_start().len());
            columns.push((line[..description_at].width(), line.to_string()));
        }
        assert!(line.width() <= 80, "wider than 80 columns: {line}");
    }
    assert!(columns.len() > 5, "{block}");
    assert!(columns.iter().all(|(c, _)| *c == columns[0].0), "{columns:#?}");
}

fn colored(args: &[&str], color: &str) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kam"))
        .args(["--today", crate::support::TODAY, "--color", color, "-C"])
        .arg(crate::support::repo())
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn color_only_when_asked() {
    for args in [&["list"][..], &["due"], &["gate", "renhe-hospital"]] {
        assert!(
            colored(args, "always").contains('\u{1b}'),
            "{args:?} with --color always"
        );
        assert!(
            !colored(args, "never").contains('\u{1b}'),
            "{args:?} with --color never"
        );
        // Not a terminal: auto means no color.
        assert!(!colored(args, "auto").contains('\u{1b}'), "{args:?} with --color auto");
    }
}
