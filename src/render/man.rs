//! Manual pages in roff (man(7) macros), one per command, made from the clap definitions so they
//! never drift from the real command line. Examples are kept verbatim (no filling, no
//! hyphenation), every page named in SEE ALSO is one this module also writes, and non-ASCII text
//! (client names in examples) is written as `\[uXXXX]` so groff and mandoc both show it.

use std::fmt::Write;

use clap::{Arg, ArgAction, Command};

/// One manual page: its file name (`kam-report-visit.1`) and its roff text.
#[derive(Debug, Clone)]
pub struct Page {
    pub name: String,
    pub text: String,
}

/// Every page: `kam.1` first, then one per subcommand at any depth, in the order clap lists them.
/// `cmd` must be built (`Command::build`) so that global options reach the subcommands.
pub fn pages(cmd: &Command, date: &str) -> Vec<Page> {
    let mut out = Vec::new();
    collect(cmd, &[], date, &mut out);
    out
}

/// The page of the command at `path` (`["report", "visit"]`), or `None` when there is none.
pub fn page(cmd: &Command, path: &[&str], date: &str) -> Option<Page> {
    let wanted = page_name(cmd.get_name(), path);
    pages(cmd, date).into_iter().find(|p| p.name == format!("{wanted}.1"))
}

fn collect(cmd: &Command, path: &[&str], date: &str, out: &mut Vec<Page>) {
    let mut here = cmd;
    for name in path {
        match here.find_subcommand(name) {
            Some(sub) => here = sub,
            None => return,
        }
    }
    out.push(Page {
        name: format!("{}.1", page_name(cmd.get_name(), path)),
        text: render(cmd, here, path, date),
    });
    for sub in visible_subcommands(here) {
        let mut deeper = path.to_vec();
        deeper.push(sub.get_name());
        collect(cmd, &deeper, date, out);
    }
}

fn page_name(root: &str, path: &[&str]) -> String {
    std::iter::once(root)
        .chain(path.iter().copied())
        .collect::<Vec<_>>()
        .join("-")
}

fn visible_subcommands(cmd: &Command) -> impl Iterator<Item = &Command> {
    cmd.get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
}

fn render(root: &Command, cmd: &Command, path: &[&str], date: &str) -> String {
    let title = page_name(root.get_name(), path);
    let full = std::iter::once(root.get_name())
        .chain(path.iter().copied())
        .collect::<Vec<_>>()
        .join(" ");
    let version = root.get_version().unwrap_or("");
    let mut s = String::new();
    let _ = writeln!(
        s,
        ".TH {} 1 {date} \"{} {}\" \"User Commands\"",
        title.to_uppercase(),
        root.get_name(),
        version
    );
    // Identifiers (`cadence.followup_days`, option names) must not be hyphenated.
    s.push_str(".nh\n");
    let about = cmd.get_about().map(ToString::to_string).unwrap_or_default();
    let _ = writeln!(s, ".SH NAME\n{} \\- {}", escape_word(&title), escape(&about));
    s.push_str(".SH SYNOPSIS\n");
    s.push_str(&synopsis(cmd, &full, path.is_empty()));
    if let Some(long) = cmd
        .get_long_about()
        .map(ToString::to_string)
        .filter(|l| l.trim() != about.trim())
    {
        let _ = writeln!(s, ".SH DESCRIPTION\n{}", paragraphs(&long));
    }
    let subs: Vec<&Command> = visible_subcommands(cmd).collect();
    if !subs.is_empty() {
        s.push_str(".SH COMMANDS\n");
        for sub in &subs {
            let name = format!("{full} {}", sub.get_name());
            let about = sub.get_about().map(ToString::to_string).unwrap_or_default();
            let mut sub_path = path.to_vec();
            sub_path.push(sub.get_name());
            let _ = writeln!(
                s,
                ".TP\n\\fB{}\\fR (\\fB{}\\fR(1))\n{}",
                escape(&name),
                escape_word(&page_name(root.get_name(), &sub_path)),
                escape(&about)
            );
        }
    }
    let positionals: Vec<&Arg> = cmd.get_positionals().filter(|a| !a.is_hide_set()).collect();
    if !positionals.is_empty() {
        s.push_str(".SH ARGUMENTS\n");
        for arg in positionals {
            let _ = writeln!(s, ".TP\n\\fI{}\\fR\n{}", escape_word(&value_name(arg)), arg_help(arg));
        }
    }
    let own: Vec<&Arg> = options(cmd).filter(|a| path.is_empty() || !a.is_global_set()).collect();
    if !own.is_empty() {
        s.push_str(".SH OPTIONS\n");
        for arg in own {
            let _ = writeln!(s, ".TP\n{}\n{}", option_head(arg), arg_help(arg));
        }
    }
    if !path.is_empty() && options(cmd).any(Arg::is_global_set) {
        if !after_heading(&s) {
            s.push_str(".PP\n");
        }
        let _ = writeln!(
            s,
            "The global options of \\fB{}\\fR(1) (\\fB\\-C\\fR, \\fB\\-\\-color\\fR, \\fB\\-\\-today\\fR) apply too.",
            root.get_name()
        );
    }
    if let Some(after) = cmd.get_after_long_help().or_else(|| cmd.get_after_help()) {
        s.push_str(&after_help(&after.to_string()));
    }
    s.push_str(".SH EXIT STATUS\n.TP\n0\nSuccess.\n.TP\n1\nFindings: check errors, a blocked gate, a refused edit.\n.TP\n2\nUsage error, unreadable file, broken playbook, or an I/O error.\n");
    s.push_str(".SH SEE ALSO\n");
    let mut refs: Vec<String> = Vec::new();
    if !path.is_empty() {
        refs.push(page_name(root.get_name(), &path[..path.len() - 1]));
    }
    for sub in subs {
        let mut sub_path = path.to_vec();
        sub_path.push(sub.get_name());
        refs.push(page_name(root.get_name(), &sub_path));
    }
    if refs.is_empty() {
        refs.push(root.get_name().to_string());
    }
    let refs: Vec<String> = refs.iter().map(|r| format!("\\fB{}\\fR(1)", escape_word(r))).collect();
    let _ = writeln!(s, "{}", refs.join(",\n"));
    s
}

fn options(cmd: &Command) -> impl Iterator<Item = &Arg> {
    cmd.get_arguments().filter(|a| !a.is_positional() && !a.is_hide_set())
}

fn takes_value(arg: &Arg) -> bool {
    matches!(arg.get_action(), ArgAction::Set | ArgAction::Append)
}

fn value_name(arg: &Arg) -> String {
    arg.get_value_names()
        .and_then(|v| v.first())
        .map_or_else(|| arg.get_id().as_str().to_uppercase(), ToString::to_string)
}

/// `\fB\-C\fR \fIDIR\fR`, `\fB\-\-format\fR \fIFORMAT\fR`, `\fB\-h\fR, \fB\-\-help\fR`.
fn option_head(arg: &Arg) -> String {
    let mut names = Vec::new();
    if let Some(c) = arg.get_short() {
        names.push(format!("\\fB\\-{}\\fR", escape_word(&c.to_string())));
    }
    if let Some(l) = arg.get_long() {
        names.push(format!("\\fB\\-\\-{}\\fR", escape_word(l)));
    }
    let mut head = names.join(", ");
    if takes_value(arg) {
        let _ = write!(head, " \\fI{}\\fR", escape_word(&value_name(arg)));
    }
    head
}

fn arg_help(arg: &Arg) -> String {
    let mut text = arg
        .get_long_help()
        .or_else(|| arg.get_help())
        .map(ToString::to_string)
        .unwrap_or_default();
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if takes_value(arg) && !values.is_empty() {
        let _ = write!(text, " [possible values: {}]", values.join(", "));
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if takes_value(arg) && !defaults.is_empty() && !arg.is_hide_default_value_set() {
        let _ = write!(text, " [default: {}]", defaults.join(", "));
    }
    paragraphs(text.trim())
}

/// `\fBkam score\fR [\fIOPTIONS\fR] [\fIID\fR]`: options first, then the positionals in order.
fn synopsis(cmd: &Command, full: &str, is_root: bool) -> String {
    let mut line = format!("\\fB{}\\fR", escape(full));
    if options(cmd).any(|a| is_root || !a.is_global_set()) {
        line.push_str(" [\\fIOPTIONS\\fR]");
    }
    for arg in cmd.get_positionals().filter(|a| !a.is_hide_set()) {
        let many = arg.get_num_args().is_some_and(|n| n.max_values() > 1);
        let name = format!(
            "\\fI{}\\fR{}",
            escape_word(&value_name(arg)),
            if many { "..." } else { "" }
        );
        if arg.is_required_set() {
            let _ = write!(line, " {name}");
        } else {
            let _ = write!(line, " [{name}]");
        }
    }
    if cmd.has_subcommands() {
        line.push_str(if cmd.is_subcommand_required_set() {
            " \\fICOMMAND\\fR"
        } else {
            " [\\fICOMMAND\\fR]"
        });
    }
    format!(".ad l\n{line}\n.ad\n")
}

/// `after_help` text: a line ending in `:` that starts a block (`Examples:`) becomes a section
/// heading; indented lines are kept verbatim in a no-fill block; other lines are paragraphs.
fn after_help(text: &str) -> String {
    let mut out = String::new();
    let mut verbatim = false;
    let mut para: Vec<&str> = Vec::new();
    let flush = |para: &mut Vec<&str>, out: &mut String| {
        if !para.is_empty() {
            if !after_heading(out) {
                out.push_str(".PP\n");
            }
            let _ = writeln!(out, "{}", escape(&para.join(" ")));
            para.clear();
        }
    };
    let mut heading_done = false;
    let mut in_examples = false;
    for line in text.lines() {
        let trimmed = line.trim_end();
        if trimmed.is_empty() {
            flush(&mut para, &mut out);
            if verbatim {
                out.push_str(".fi\n.RE\n");
                verbatim = false;
            }
            continue;
        }
        let indented = line.starts_with(' ') || line.starts_with('\t');
        if !indented && trimmed.ends_with(':') && !trimmed.contains(". ") {
            flush(&mut para, &mut out);
            if verbatim {
                out.push_str(".fi\n.RE\n");
                verbatim = false;
            }
            let heading = trimmed.trim_end_matches(':').to_uppercase();
            let _ = writeln!(out, ".SH {}", escape(&heading));
            in_examples = heading.starts_with("EXAMPLE");
            heading_done = true;
            continue;
        }
        if indented {
            flush(&mut para, &mut out);
            if !verbatim {
                if !heading_done {
                    out.push_str(".SH NOTES\n");
                    heading_done = true;
                }
                out.push_str(".RS 4\n.nf\n");
                verbatim = true;
            }
            let _ = writeln!(out, "{}", escape_verbatim(trimmed.trim_start_matches(' ')));
        } else {
            if verbatim {
                out.push_str(".fi\n.RE\n");
                verbatim = false;
            }
            if !heading_done {
                out.push_str(".SH NOTES\n");
                heading_done = true;
            }
            if in_examples {
                // Running text after the examples is a note, not an example.
                out.push_str(".SH NOTES\n");
                in_examples = false;
            }
            para.push(trimmed);
        }
    }
    flush(&mut para, &mut out);
    if verbatim {
        out.push_str(".fi\n.RE\n");
    }
    out
}

/// Whether the text so far ends with a section heading (a paragraph macro there is redundant).
fn after_heading(out: &str) -> bool {
    out.trim_end_matches('\n')
        .rsplit('\n')
        .next()
        .is_some_and(|l| l.starts_with(".SH "))
}

/// Paragraphs of running text (blank lines separate them).
fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(|p| escape(&p.lines().map(str::trim).collect::<Vec<_>>().join(" ")))
        .collect::<Vec<_>>()
        .join("\n.PP\n")
}

/// Escapes running text: backslashes, hyphens kept as real minus signs where they are options,
/// a leading `.` or `'` that roff would read as a request, and non-ASCII characters.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_char(&mut out, c);
    }
    guard_line_start(out)
}

/// Escapes a verbatim line: every character as it is, spaces kept.
fn escape_verbatim(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_char(&mut out, c);
    }
    if out.is_empty() {
        return "\\&".to_string();
    }
    guard_line_start(out)
}

/// Escapes a single word (a command or option name).
fn escape_word(text: &str) -> String {
    escape(text)
}

fn push_char(out: &mut String, c: char) {
    match c {
        '\\' => out.push_str("\\e"),
        '-' => out.push_str("\\-"),
        '\'' => out.push_str("\\(aq"),
        '`' => out.push_str("\\(ga"),
        '^' => out.push_str("\\(ha"),
        '~' => out.push_str("\\(ti"),
        c if c.is_ascii_control() => out.push(' '),
        c if c.is_ascii() => out.push(c),
        c => {
            let _ = write!(out, "\\[u{:04X}]", u32::from(c));
        }
    }
}

fn guard_line_start(s: String) -> String {
    if s.starts_with('.') || s.starts_with('\'') {
        format!("\\&{s}")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Command {
        let mut cmd = Command::new("kam")
            .version("9.9.9")
            .about("Key-account management")
            .arg(
                Arg::new("chdir")
                    .short('C')
                    .value_name("DIR")
                    .global(true)
                    .help("Run as if started in DIR"),
            )
            .subcommand(
                Command::new("new")
                    .about("Add an account")
                    .arg(
                        Arg::new("name")
                            .required(true)
                            .value_name("NAME")
                            .help("The client's name"),
                    )
                    .arg(Arg::new("owner").long("owner").value_name("WHO").help("Who owns it"))
                    .after_help(
                        "Examples:\n  kam new \"华东精密制造有限公司\" --owner li.wei\n  kam new 'x' --id .acme",
                    ),
            )
            .subcommand(
                Command::new("report")
                    .about("Print a report")
                    .subcommand_required(true)
                    .subcommand(Command::new("visit").about("The visit plan")),
            );
        cmd.build();
        cmd
    }

    #[test]
    fn one_page_per_command_and_see_also_names_only_pages_that_exist() {
        let pages = pages(&sample(), "2026-12-01");
        let names: Vec<&str> = pages.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["kam.1", "kam-new.1", "kam-report.1", "kam-report-visit.1"]);
        for p in &pages {
            let see_also = p.text.split(".SH SEE ALSO\n").nth(1).expect("a SEE ALSO section");
            for reference in see_also.split(",\n") {
                let name = reference
                    .trim()
                    .trim_start_matches("\\fB")
                    .split("\\fR")
                    .next()
                    .unwrap();
                let file = format!("{}.1", name.replace("\\-", "-"));
                assert!(names.contains(&file.as_str()), "{}: refers to {file}", p.name);
            }
        }
    }

    #[test]
    fn examples_are_verbatim_and_non_ascii_is_escaped() {
        let page = page(&sample(), &["new"], "2026-12-01").unwrap();
        let examples = page.text.split(".SH EXAMPLES\n").nth(1).unwrap();
        assert!(
            examples.starts_with(".RS 4\n.nf\nkam new \"\\[u534E]\\[u4E1C]"),
            "{examples}"
        );
        assert!(examples.contains("\\-\\-owner li.wei\n"));
        assert!(examples.contains("kam new \\(aqx\\(aq \\-\\-id .acme\n.fi\n"));
    }

    #[test]
    fn synopsis_names_values_and_global_options_live_on_the_main_page() {
        let main = page(&sample(), &[], "2026-12-01").unwrap();
        assert!(
            main.text
                .contains(".TP\n\\fB\\-C\\fR \\fIDIR\\fR\nRun as if started in DIR"),
            "{}",
            main.text
        );
        let new = page(&sample(), &["new"], "2026-12-01").unwrap();
        assert!(
            new.text.contains("\\fBkam new\\fR [\\fIOPTIONS\\fR] \\fINAME\\fR\n"),
            "{}",
            new.text
        );
        assert!(!new.text.contains("\\fB\\-C\\fR \\fIDIR"), "{}", new.text);
        assert!(new.text.contains("The global options of \\fBkam\\fR(1)"));
        let report = page(&sample(), &["report"], "2026-12-01").unwrap();
        assert!(
            report
                .text
                .contains("\\fBkam report\\fR [\\fIOPTIONS\\fR] \\fICOMMAND\\fR"),
            "{}",
            report.text
        );
        assert!(page(&sample(), &["nope"], "2026-12-01").is_none());
    }
}
