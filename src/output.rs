//! Printing and `-o FILE`: the one way kam's output leaves the process. Everything printed or
//! written passes [`crate::render::visible::output`], so control characters in account data,
//! file names or playbook words are shown, never obeyed by a terminal; with colors on, only kam's
//! own color codes pass. Writes to a pipe end quietly when the reader goes away
//! (`kam score | head`).

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::cli::ColorChoice;
use crate::error::{Error, Result};
use crate::io::write::{Within, write_file};
use crate::render::visible;

/// Whether this run colors its output; set once at the start, read by every print.
static COLOR: AtomicBool = AtomicBool::new(false);

/// Whether to color output going to stdout. The explicit flag wins: `--color always` colors
/// even under `NO_COLOR` (as clig.dev advises), `--color never` never colors; `auto` colors a
/// terminal unless `NO_COLOR` is set to a non-empty value ([`crate::render::style`]).
pub fn use_color(choice: ColorChoice) -> bool {
    decide(
        choice,
        std::env::var_os("NO_COLOR").as_deref(),
        std::io::stdout().is_terminal(),
    )
}

fn decide(choice: ColorChoice, no_color: Option<&std::ffi::OsStr>, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => no_color.is_none_or(std::ffi::OsStr::is_empty) && terminal,
    }
}

/// Tells the printing layer whether colors are on for this run (kam's own color codes then pass),
/// and the terminal library that draws the tables, which would otherwise read `NO_COLOR` on its
/// own and drop the colors `--color always` asked for.
pub fn set_color(on: bool) {
    COLOR.store(on, Ordering::Relaxed);
    crossterm::style::force_color_output(on);
}

fn safe(text: &str) -> std::borrow::Cow<'_, str> {
    visible::output(text, COLOR.load(Ordering::Relaxed))
}

/// Writes `text` to stdout. A closed pipe is not an error.
pub fn print(text: &str) -> Result<()> {
    write_stdout(&safe(text))
}

/// Says that a report went to `file` (`-o FILE`), in the playbook's words.
pub fn wrote(w: crate::domain::playbook::Words<'_>, file: &Path) -> Result<()> {
    print(&format!(
        "{}\n",
        w.fill("report.wrote", "wrote {file}", &[("file", &file.display())])
    ))
}

/// Writes CSV to stdout (or `-o FILE`): made safe like [`print`], then given the line ends
/// `cells` asks for (`\r\n` for Excel, inside quoted cells too, as RFC 4180 allows).
/// With `--labels`, the playbook's labels replace ids first ([`crate::render::csv_labels`]).
pub fn write_csv(
    pb: &crate::domain::playbook::Playbook,
    text: &str,
    cells: crate::render::csv::Cells,
    output: Option<&Path>,
    start: &Path,
) -> Result<bool> {
    let relabeled;
    let text = if cells.labels {
        relabeled = crate::render::csv_labels::relabel(pb, text, cells);
        relabeled.as_str()
    } else {
        text
    };
    // Made safe, but for the byte order mark `--excel` puts first: an encoding mark, not text.
    let safe = |t: &str| match t.strip_prefix('\u{feff}').filter(|_| cells.excel) {
        Some(rest) => format!("\u{feff}{}", visible::output(rest, false)),
        None => visible::output(t, false).into_owned(),
    };
    let ends = |t: String| {
        if cells.excel { t.replace('\n', "\r\n") } else { t }
    };
    match output {
        Some(p) if p.as_os_str() != "-" => {
            let text = ends(safe(text));
            write_file(&start.join(p), text.as_bytes(), Within::Anywhere).map(|()| true)
        }
        _ => write_stdout(&ends(safe(text))).map(|()| false),
    }
}

/// Writes a machine format made of tabs and line breaks (an iCalendar feed, shell completion
/// candidates) to stdout: its layout stays, other control characters are shown
/// ([`visible::framed`]).
pub fn print_framed(text: &str) -> Result<()> {
    write_stdout(&visible::framed(text))
}

fn write_stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io(
            "<stdout>",
            "io.write_to",
            "cannot write to {path}: {error}",
            e,
        )),
        _ => Ok(()),
    }
}

/// Writes `text` to stderr, ignoring failures (there is nowhere left to report them).
pub fn eprint(text: &str) {
    let _ = std::io::stderr().lock().write_all(safe(text).as_bytes());
}

/// Writes a command's output where `-o` says: to the file `output` (relative to `start`), or to
/// stdout when there is none or it is `-`. A file is written only as a regular file — a new one,
/// or replacing one (its mode, owner and group kept); a link, FIFO, device or folder is refused
/// (exit 2). Returns whether a file was written. Files get no colors.
pub fn write_output(text: &str, output: Option<&Path>, start: &Path) -> Result<bool> {
    match output {
        None => print(text).map(|()| false),
        Some(p) if p.as_os_str() == "-" => print(text).map(|()| false),
        Some(p) => {
            let text = visible::output(text, false);
            write_file(&start.join(p), text.as_bytes(), Within::Anywhere).map(|()| true)
        }
    }
}

/// Columns available for a table on stdout: the terminal's width; when stdout is a file or a
/// pipe, `COLUMNS` if set, else no limit — `kam list | grep …` must see whole names, not "…".
pub fn table_width() -> usize {
    if std::io::stdout().is_terminal()
        && let Some(width) = comfy_table::Table::new().width()
    {
        return usize::from(width);
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c >= 20)
        .unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_explicit_flag_wins_over_no_color() {
        let set = Some(std::ffi::OsStr::new("1"));
        let empty = Some(std::ffi::OsStr::new(""));
        assert!(decide(ColorChoice::Always, set, false));
        assert!(!decide(ColorChoice::Never, None, true));
        assert!(!decide(ColorChoice::Auto, set, true));
        assert!(decide(ColorChoice::Auto, empty, true));
        assert!(decide(ColorChoice::Auto, None, true));
        assert!(!decide(ColorChoice::Auto, None, false));
    }
}
