//! Printing to the terminal: color decision, and writes that end quietly when the reader of a
//! pipe goes away (`kam score | head`).

use std::io::{IsTerminal, Write};

use crate::cli::ColorChoice;
use crate::error::{Error, Result};

/// Whether to color output going to stdout.
pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
        }
    }
}

/// Writes `text` to stdout. A closed pipe is not an error.
pub fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io("<stdout>", "write to", e)),
        _ => Ok(()),
    }
}

/// Writes `text` to stderr, ignoring failures (there is nowhere left to report them).
pub fn eprint(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
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
