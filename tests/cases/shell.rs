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
    out.code(0).stdout_has(".TH kam 1").stdout_has("kam\\-diff");
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
