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

/// Columns available for a table on stdout: the terminal's width, or 80 when stdout is not a
/// terminal (files and pipes get the same layout every time).
pub fn table_width() -> usize {
    comfy_table::Table::new().width().map_or(80, usize::from)
}
