//! Tables in three forms from one column spec: aligned text for the terminal (via comfy-table,
//! measured in display columns so CJK names line up), Markdown for a git forge, and CSV for
//! spreadsheets. Cells may be absent: "—" in text and Markdown, an empty field in CSV.
//!
//! Cells hold account data: in text their control characters are made visible before they are
//! measured (a line break stays one only in a wrapped column), Markdown escapes them like any
//! other markup, and CSV goes through the one cell writer ([`crate::render::csv`]).

use std::collections::HashMap;

use comfy_table::{Cell, CellAlignment, ContentArrangement, LineStyle, TableStyle};
use unicode_width::UnicodeWidthChar;

use crate::render::csv::{self, Cells};
pub use crate::render::style::Tone;
use crate::render::style::cell as toned;
use crate::render::visible::{Lines, visible};

/// Shown for an absent value in text and Markdown.
pub const ABSENT: &str = "—";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// What a column does when the table is wider than the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Never narrowed (ids, numbers).
    Keep,
    /// Cut with "…" (names).
    Truncate,
    /// Broken into lines (free text).
    Wrap,
}

#[derive(Debug, Clone)]
pub struct Column {
    /// The CSV header: a stable machine name.
    pub key: &'static str,
    /// The header shown in text and Markdown.
    pub header: String,
    pub align: Align,
    pub fit: Fit,
    /// The narrowest a flexible column gets (besides its header's width).
    pub min: usize,
    /// When the table is too wide, flexible columns give way in this order (lowest first; the
    /// widest first among equals).
    pub give: u8,
    /// When the table is too wide even with every flexible column at its narrowest, columns
    /// with a `drop` are left out, lowest first (0: never).
    pub drop: u8,
}

impl Column {
    pub fn new(key: &'static str, header: impl Into<String>) -> Column {
        Column {
            key,
            header: header.into(),
            align: Align::Left,
            fit: Fit::Keep,
            min: MIN_FLEX,
            give: 1,
            drop: 0,
        }
    }

    /// Gives way in this order when the table is too wide (see [`Column::give`]).
    #[must_use]
    pub fn give(mut self, order: u8) -> Column {
        self.give = order;
        self
    }

    /// May be left out, in this order, when nothing else makes the table fit.
    #[must_use]
    pub fn drop(mut self, order: u8) -> Column {
        self.drop = order;
        self
    }

    #[must_use]
    pub fn right(mut self) -> Column {
        self.align = Align::Right;
        self
    }

    #[must_use]
    pub fn fit(mut self, fit: Fit) -> Column {
        self.fit = fit;
        self
    }

    /// Keeps a flexible column at least `min` display columns wide.
    #[must_use]
    pub fn min(mut self, min: usize) -> Column {
        self.min = min;
        self
    }
}

/// Rows of cells under columns; `None` is an absent value.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Option<String>>>,
    /// Per row, free text shown under it across the whole width in text (a justification):
    /// long prose reads better there than squeezed into a column.
    pub details: Vec<Option<String>>,
    /// Colors of cells by (row, column), used by [`Grid::text_colored`] with colors on.
    pub tones: HashMap<(usize, usize), Tone>,
}

/// Columns between two cells in text.
const GAP: usize = 2;
/// A narrowed column keeps at least this many display columns.
const MIN_FLEX: usize = 8;

/// The width of `s` in terminal columns (CJK characters count two), the widest line if several.
pub fn display_width(s: &str) -> usize {
    s.lines()
        .map(|l| l.chars().map(|c| c.width().unwrap_or(0)).sum())
        .max()
        .unwrap_or(0)
}

/// Cuts `s` to at most `width` display columns, ending in "…" when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if display_width(s) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Breaks `s` into lines of at most `width` display columns: at spaces where possible, inside a
/// word (or a run of CJK text, which has no spaces) when it is longer than a line.
pub fn wrap(s: &str, width: usize) -> String {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    for paragraph in s.lines() {
        let mut line = String::new();
        let mut used = 0;
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let w = display_width(word);
            if used > 0 && used + 1 + w <= width {
                line.push(' ');
                line.push_str(word);
                used += 1 + w;
                continue;
            }
            // A run of CJK text breaks between any two characters: it goes on filling this line.
            let breaks_anywhere = word.chars().any(|c| c.width().unwrap_or(0) > 1);
            if used > 0 && breaks_anywhere && used + 2 < width {
                line.push(' ');
                used += 1;
            } else if used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > width && used > 0 {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += cw;
            }
        }
        lines.push(line);
    }
    lines.join("\n")
}

impl Grid {
    pub fn new(columns: Vec<Column>) -> Grid {
        Grid {
            columns,
            rows: Vec::new(),
            details: Vec::new(),
            tones: HashMap::new(),
        }
    }

    /// Colors the cell at `column` of the last row pushed.
    pub fn tone_last(&mut self, column: usize, tone: Tone) {
        if let Some(row) = self.rows.len().checked_sub(1) {
            self.tones.insert((row, column), tone);
        }
    }

    /// [`Grid::tone_last`] when there is a tone.
    pub fn tone_last_opt(&mut self, column: usize, tone: Option<Tone>) {
        if let Some(tone) = tone {
            self.tone_last(column, tone);
        }
    }

    pub fn push(&mut self, row: Vec<Option<String>>) {
        self.push_with_detail(row, None);
    }

    /// Adds a row with a text shown under it in text output (Markdown and CSV leave it out).
    pub fn push_with_detail(&mut self, row: Vec<Option<String>>, detail: Option<String>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
        self.details.push(detail);
    }

    /// A cell as text shows it: control characters visible, and line breaks too unless the
    /// column wraps.
    fn shown<'c>(&self, column: usize, cell: Option<&'c str>) -> std::borrow::Cow<'c, str> {
        let lines = if self.columns[column].fit == Fit::Wrap {
            Lines::Keep
        } else {
            Lines::Show
        };
        visible(cell.unwrap_or(ABSENT), lines)
    }

    /// The width each column gets so the table fits `max_width` where the flexible columns
    /// allow; `None` for a column left out (see [`Column::drop`]).
    fn widths(&self, max_width: usize) -> Vec<Option<usize>> {
        let natural: Vec<usize> = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                self.rows
                    .iter()
                    .map(|r| display_width(&self.shown(i, r[i].as_deref())))
                    .chain([display_width(&c.header)])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut widths: Vec<Option<usize>> = natural.iter().copied().map(Some).collect();
        let total = |w: &[Option<usize>]| {
            let kept: Vec<usize> = w.iter().flatten().copied().collect();
            kept.iter().sum::<usize>() + GAP * kept.len().saturating_sub(1)
        };
        let floor = |i: usize| {
            let c = &self.columns[i];
            natural[i].min(c.min.max(display_width(&c.header)))
        };
        loop {
            // Take a column at a time from the first flexible column to give way until it fits.
            while total(&widths) > max_width {
                let next = (0..widths.len())
                    .filter(|&i| self.columns[i].fit != Fit::Keep)
                    .filter(|&i| widths[i].is_some_and(|w| w > floor(i)))
                    .max_by_key(|&i| (std::cmp::Reverse(self.columns[i].give), widths[i]));
                let Some(i) = next else { break };
                widths[i] = widths[i].map(|w| w - 1);
            }
            if total(&widths) <= max_width {
                return widths;
            }
            // Still too wide: leave out the next column that may go, and start again.
            let Some(i) = (0..widths.len())
                .filter(|&i| self.columns[i].drop > 0 && widths[i].is_some())
                .min_by_key(|&i| self.columns[i].drop)
            else {
                return widths;
            };
            widths = natural.iter().zip(&widths).map(|(n, w)| w.map(|_| *n)).collect();
            widths[i] = None;
        }
    }

    /// Whether the table fits `max_width` leaving out no column whose [`Column::drop`] order is
    /// above `drop` (0: every column shown).
    pub fn fits(&self, max_width: usize, drop: u8) -> bool {
        let widths = self.widths(max_width);
        let kept = widths.iter().flatten().count();
        widths
            .iter()
            .zip(&self.columns)
            .all(|(w, c)| w.is_some() || c.drop <= drop)
            && widths.iter().flatten().sum::<usize>() + GAP * kept.saturating_sub(1) <= max_width
    }

    /// Aligned text no wider than `max_width` where possible, without trailing spaces.
    pub fn text(&self, max_width: usize) -> String {
        self.text_colored(max_width, false)
    }

    /// [`Grid::text`], with the cells' tones as terminal colors when `color` is on. comfy-table
    /// measures the cells before styling them, so colored columns line up too.
    pub fn text_colored(&self, max_width: usize, color: bool) -> String {
        let widths = self.widths(max_width);
        let kept: Vec<usize> = (0..widths.len()).filter(|&i| widths[i].is_some()).collect();
        let widths: Vec<usize> = widths.iter().map(|w| w.unwrap_or(0)).collect();
        let style = TableStyle::new().header_separator(LineStyle::none().fill('─').junction('─'));
        let mut table = comfy_table::Table::new();
        if color {
            table.enforce_styling();
        } else {
            table.force_no_tty();
        }
        table
            .load_style(style)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(kept.iter().map(|&i| header_cell(&self.columns[i].header, color)));
        // Lines each row takes: comfy-table does no wrapping of its own here, so a row is as
        // tall as its tallest cell.
        let mut heights = Vec::with_capacity(self.rows.len());
        for (r, row) in self.rows.iter().enumerate() {
            let cells: Vec<(usize, String)> = kept
                .iter()
                .map(|&i| {
                    let cell = self.shown(i, row[i].as_deref());
                    let text = match self.columns[i].fit {
                        Fit::Keep => cell.into_owned(),
                        Fit::Truncate => truncate(&cell, widths[i]),
                        Fit::Wrap => wrap(&cell, widths[i]),
                    };
                    (i, text)
                })
                .collect();
            heights.push(cells.iter().map(|(_, c)| c.lines().count().max(1)).max().unwrap_or(1));
            table.add_row(cells.into_iter().map(|(i, text)| {
                let cell = Cell::new(text);
                match self.tones.get(&(r, i)).filter(|_| color) {
                    Some(tone) => toned(cell, *tone),
                    None => cell,
                }
            }));
        }
        let last = kept.len().saturating_sub(1);
        for (k, col) in table.column_iter_mut().enumerate() {
            let i = kept[k];
            // comfy-table draws an invisible junction as one space; the padding adds the rest.
            col.set_padding((
                0,
                if k == last {
                    0
                } else {
                    u16::try_from(GAP - 1).unwrap_or(1)
                },
            ));
            if self.columns[i].align == Align::Right {
                col.set_cell_alignment(CellAlignment::Right);
            }
        }
        let mut lines = table.lines();
        let mut out = String::new();
        let mut emit = |line: &str| {
            out.push_str(&crate::render::style::trim_end(line));
            out.push('\n');
        };
        // The header and its rule.
        for line in lines.by_ref().take(2) {
            emit(&line);
        }
        for (height, detail) in heights.iter().zip(&self.details) {
            for line in lines.by_ref().take(*height) {
                emit(&line);
            }
            if let Some(detail) = detail {
                for line in wrap(&visible(detail, Lines::Keep), max_width.saturating_sub(2)).lines() {
                    emit(&format!("  {line}"));
                }
            }
        }
        for line in lines {
            emit(&line);
        }
        out
    }

    /// A GitHub-flavoured Markdown table.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
        out.push_str(&line(self.columns.iter().map(|c| md_escape(&c.header)).collect()));
        out.push_str(&line(
            self.columns
                .iter()
                .map(|c| if c.align == Align::Right { "---:" } else { "---" }.to_string())
                .collect(),
        ));
        for row in &self.rows {
            out.push_str(&line(
                row.iter()
                    .map(|c| c.as_deref().map_or_else(|| ABSENT.to_string(), md_escape))
                    .collect(),
            ));
        }
        out
    }

    /// CSV (RFC 4180 quoting, `\n` line ends, formulas neutralised unless `cells` is raw) with
    /// the columns' keys as the header.
    pub fn csv(&self, cells: Cells) -> String {
        let mut out = csv::header(self.columns.iter().map(|c| Some(c.key)), cells);
        for row in &self.rows {
            out.push_str(&csv::line(row.iter().map(Option::as_deref), cells));
        }
        out
    }
}

/// A column header as text shows it: bold when colors are on, the same in every table.
fn header_cell(header: &str, color: bool) -> Cell {
    let cell = Cell::new(header);
    if color { toned(cell, Tone::Strong) } else { cell }
}

/// Text shown as code in Markdown (file names, refs, ids): a code span whose fence is longer
/// than any run of backticks inside, so none can close it, with control characters and line
/// breaks shown visibly, so none can start a heading.
pub fn md_code(s: &str) -> String {
    let s = crate::render::visible::line(s);
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// Escapes what Markdown would read as table structure or formatting; line breaks become `<br>`.
pub fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("<br>"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
