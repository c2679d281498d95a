//! CSV, the one way kam writes it: RFC 4180 quoting, `\n` line ends, and cells that a
//! spreadsheet would run as a formula neutralised. `--excel` writes what Excel on Windows reads
//! without garbling Chinese: a UTF-8 byte order mark first, and `\r\n` line ends (given on the
//! way out, [`crate::output::write_csv`]).
//!
//! A cell whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage return (after any
//! leading spaces) is a formula to Excel, `LibreOffice` and Google Sheets: `=HYPERLINK(…)` plants
//! a link, `+cmd|…` once ran programs. Such a cell is written with a leading apostrophe, which
//! spreadsheets read as "text" and hide; numbers (`-12.5`, `+3`) stay numbers. `--raw-cells`
//! writes every cell as it is, for tools that read CSV as data.

/// How cells and lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cells {
    /// Every cell as it is (`--raw-cells`); else formula-like text is neutralised.
    pub raw: bool,
    /// A byte order mark before the first line and `\r\n` line ends (`--excel`).
    pub excel: bool,
    /// The playbook's labels instead of ids (`--labels`, [`crate::render::csv_labels`]).
    pub labels: bool,
}

impl Cells {
    /// Formula-like text neutralised, `\n` line ends (the default).
    pub const SAFE: Cells = Cells {
        raw: false,
        excel: false,
        labels: false,
    };
    /// Every cell as it is.
    pub const RAW: Cells = Cells {
        raw: true,
        excel: false,
        labels: false,
    };

    /// Raw cells when `raw` (the `--raw-cells` flag) is given.
    pub fn raw(raw: bool) -> Cells {
        Cells {
            raw,
            excel: false,
            labels: false,
        }
    }

    /// The options of a command line.
    pub fn of(options: &crate::cli::CsvOptions) -> Cells {
        Cells {
            raw: options.raw_cells,
            excel: options.excel,
            labels: options.labels,
        }
    }
}

/// Whether `s` is a plain number: an optional sign, digits with an optional fraction, and an
/// optional exponent.
fn is_number(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    (!int.is_empty() || !frac.is_empty())
        && digits(int)
        && digits(frac)
        && exponent.is_none_or(|e| {
            let e = e.strip_prefix(['-', '+']).unwrap_or(e);
            !e.is_empty() && digits(e)
        })
}

/// Whether a spreadsheet would read `s` as a formula.
fn is_formula(s: &str) -> bool {
    let first = s.trim_start_matches(' ').chars().next();
    matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')) && !is_number(s.trim())
}

/// One CSV cell: neutralised as [`Cells`] says, then quoted when it holds a comma, a quote, a
/// line break or edge spaces.
pub fn cell(s: &str, cells: Cells) -> String {
    let neutral;
    let s = if !cells.raw && is_formula(s) {
        neutral = format!("'{s}");
        neutral.as_str()
    } else {
        s
    };
    let needs = s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ');
    if needs {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One CSV line (with its line break) of these cells; `None` is an empty cell.
pub fn line<S: AsRef<str>>(cells: impl IntoIterator<Item = Option<S>>, how: Cells) -> String {
    let mut out = String::new();
    for (i, c) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if let Some(c) = c {
            out.push_str(&cell(c.as_ref(), how));
        }
    }
    out.push('\n');
    out
}

/// The first line of a CSV document: [`line`], after a byte order mark with `--excel`.
pub fn header<S: AsRef<str>>(cells: impl IntoIterator<Item = Option<S>>, how: Cells) -> String {
    let line = line(cells, how);
    if how.excel { format!("\u{feff}{line}") } else { line }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        for (input, safe) in [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
            ),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
            ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
            ("\t=1+1", "'\t=1+1"),
            ("\r=1+1", "\"'\r=1+1\""),
            ("  =1+1", "'  =1+1"),
            ("+86 21 5555 0100", "'+86 21 5555 0100"),
            ("-12.5", "-12.5"),
            ("+3", "+3"),
            ("-1e5", "-1e5"),
            ("72.5", "72.5"),
            ("Acme, Inc", "\"Acme, Inc\""),
            ("华东", "华东"),
            ("a-b", "a-b"),
        ] {
            assert_eq!(cell(input, Cells::SAFE), safe, "{input:?}");
        }
        assert_eq!(cell("=1+1", Cells::RAW), "=1+1");
        assert_eq!(cell("-", Cells::SAFE), "'-");
    }

    #[test]
    fn excel_gets_a_byte_order_mark() {
        let excel = Cells {
            excel: true,
            ..Cells::SAFE
        };
        assert_eq!(header([Some("id"), Some("名称")], excel), "\u{feff}id,名称\n");
        assert_eq!(line([Some("a"), Some("=x")], excel), "a,'=x\n");
        assert_eq!(header([Some("id")], Cells::SAFE), "id\n");
    }

    #[test]
    fn lines_join_cells() {
        assert_eq!(line([Some("a"), None, Some("=x")], Cells::SAFE), "a,,'=x\n");
        assert_eq!(line([Some("a"), None, Some("=x")], Cells::RAW), "a,,=x\n");
    }
}
