//! The one palette of kam's terminal output: which tone a thing gets and the color codes of each
//! tone. Every table and every colored line takes its colors from here, so a tier, a stage, a
//! flag or a late date looks the same in `kam score`, `list`, `gate`, `due`, `stats`, `forecast`,
//! `show`, the reports and the review.
//!
//! What is colored:
//! - column headers: bold, in every table;
//! - tiers: the playbook's first (top) tier green, its last (lowest) dim;
//! - stages: won green, lost red, paused dim; the stages of the pipeline plain;
//! - what needs action now (overdue, late, a report missing, a payment overdue, a file to fix):
//!   red; what needs attention (blocked, idle, due today, a return visit or renewal due): yellow;
//!   what is met or ready: green.
//!
//! When: `--color always` colors, whatever `NO_COLOR` says (the explicit flag wins, as clig.dev
//! advises and most tools do); `--color never` never does; `--color auto` (the default) colors
//! only a terminal, and not when `NO_COLOR` is set to anything but the empty string. Files
//! written with `-o` never get colors.

use comfy_table::{Attribute, Cell, Color};

use crate::domain::gate::status::Flag;
use crate::domain::playbook::Playbook;

/// The tone of a cell or a phrase, when colors are on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tone {
    /// Met, ready, won, the top tier: green.
    Good,
    /// Needs attention: yellow.
    Warn,
    /// Needs action now: red.
    Bad,
    /// Out of play (paused, the lowest tier): dim.
    Muted,
    /// Headers and titles: bold.
    Strong,
}

/// The codes that start and end a tone: those the terminal library writes for table cells
/// ([`cell`]), so a tone reads the same inside and outside tables.
const fn codes(tone: Tone) -> (&'static str, &'static str) {
    match tone {
        Tone::Good => ("\x1b[38;5;10m", "\x1b[39m"),
        Tone::Warn => ("\x1b[38;5;11m", "\x1b[39m"),
        Tone::Bad => ("\x1b[38;5;9m", "\x1b[39m"),
        Tone::Muted => ("\x1b[2m", "\x1b[0m"),
        Tone::Strong => ("\x1b[1m", "\x1b[0m"),
    }
}

/// `text` in `tone` when `on`, else as it is.
pub fn paint(text: &str, tone: Tone, on: bool) -> String {
    if !on || text.is_empty() {
        return text.to_string();
    }
    let (start, end) = codes(tone);
    format!("{start}{text}{end}")
}

/// [`paint`] with an optional tone.
pub fn paint_opt(text: &str, tone: Option<Tone>, on: bool) -> String {
    match tone {
        Some(t) => paint(text, t, on),
        None => text.to_string(),
    }
}

/// A table cell in `tone`. The terminal library styles it after measuring it, so colored
/// columns line up; it writes the codes of [`codes`].
pub(crate) fn cell(cell: Cell, tone: Tone) -> Cell {
    // The terminal library leaves colors out under NO_COLOR on its own; kam has decided already
    // (see the module documentation), and this is only called with colors on.
    crossterm::style::force_color_output(true);
    match tone {
        Tone::Good => cell.fg(Color::Green),
        Tone::Warn => cell.fg(Color::Yellow),
        Tone::Bad => cell.fg(Color::Red),
        Tone::Muted => cell.add_attribute(Attribute::Dim),
        Tone::Strong => cell.add_attribute(Attribute::Bold),
    }
}

/// `line` without trailing spaces, also those a color code closes: a colored last cell is padded
/// inside its color, so its padding would stay behind the code.
pub(crate) fn trim_end(line: &str) -> String {
    let mut rest = line.trim_end();
    let mut codes: Vec<&str> = Vec::new();
    // Peel the codes at the end, trimming the spaces before each.
    while rest.ends_with('m')
        && let Some(start) = rest.rfind('\x1b')
        && rest[start..].starts_with("\x1b[")
        && rest[start + 2..rest.len() - 1]
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b';')
    {
        codes.push(&rest[start..]);
        rest = rest[..start].trim_end();
    }
    let mut out = rest.to_string();
    for code in codes.iter().rev() {
        out.push_str(code);
    }
    out
}

/// The tone of a tier: the playbook's first tier (where effort goes) good, its last (pause and
/// observe) muted, the others none.
pub fn tier(pb: &Playbook, tier: &str) -> Option<Tone> {
    let tiers = &pb.doc.scoring.tiers;
    let pos = tiers.iter().position(|t| t.id == tier)?;
    if pos == 0 {
        Some(Tone::Good)
    } else if pos + 1 == tiers.len() {
        Some(Tone::Muted)
    } else {
        None
    }
}

/// The tone of a stage: won good, lost bad, paused muted; the pipeline's stages none.
pub fn stage(stage: &str) -> Option<Tone> {
    match stage {
        "won" => Some(Tone::Good),
        "lost" => Some(Tone::Bad),
        "paused" => Some(Tone::Muted),
        _ => None,
    }
}

/// The tone of a flag of `kam list` and `kam show`.
pub fn flag(f: Flag) -> Tone {
    match f {
        Flag::Overdue | Flag::ReportMissing | Flag::PaymentOverdue => Tone::Bad,
        Flag::Blocked | Flag::Idle | Flag::TooOften | Flag::ReturnVisitDue | Flag::RenewalDue | Flag::RetroMissing => {
            Tone::Warn
        }
    }
}

/// The tone of the worst of several flags.
pub fn worst_flag(flags: &[Flag]) -> Option<Tone> {
    let tones = flags.iter().map(|f| flag(*f));
    tones.max_by_key(|t| *t == Tone::Bad)
}

/// The tone of a date `late_days` past (positive: late, bad; zero: due today, a warning).
pub fn late(late_days: i64) -> Option<Tone> {
    match late_days {
        d if d > 0 => Some(Tone::Bad),
        0 => Some(Tone::Warn),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::default_playbook;

    #[test]
    fn a_tone_reads_the_same_in_a_table_and_in_a_line() {
        for tone in [Tone::Good, Tone::Warn, Tone::Bad, Tone::Muted, Tone::Strong] {
            let mut table = comfy_table::Table::new();
            table.enforce_styling().add_row(vec![cell(Cell::new("x"), tone)]);
            let drawn = table.lines().collect::<Vec<_>>().join("\n");
            let (start, end) = codes(tone);
            assert_eq!(paint("x", tone, true), format!("{start}x{end}"));
            let from = drawn.find(start).unwrap_or_else(|| panic!("{tone:?}: {drawn:?}"));
            let rest = &drawn[from + start.len()..];
            let to = rest.find(end).unwrap_or_else(|| panic!("{tone:?}: {drawn:?}"));
            assert_eq!(rest[..to].trim(), "x", "{tone:?}: {drawn:?}");
        }
        assert_eq!(paint("x", Tone::Bad, false), "x");
    }

    #[test]
    fn a_colored_end_of_line_leaves_no_trailing_spaces() {
        assert_eq!(
            trim_end("a  \x1b[38;5;9mready   \x1b[39m  "),
            "a  \x1b[38;5;9mready\x1b[39m"
        );
        assert_eq!(trim_end("\x1b[1mgate  \x1b[0m"), "\x1b[1mgate\x1b[0m");
        assert_eq!(trim_end("plain  "), "plain");
    }

    #[test]
    fn tiers_and_stages_get_their_tones() {
        let pb = default_playbook().unwrap();
        assert_eq!(tier(&pb, "A"), Some(Tone::Good));
        assert_eq!(tier(&pb, "B"), None);
        assert_eq!(tier(&pb, "D"), Some(Tone::Muted));
        assert_eq!(tier(&pb, "Z"), None);
        assert_eq!(stage("won"), Some(Tone::Good));
        assert_eq!(stage("lost"), Some(Tone::Bad));
        assert_eq!(stage("qualify"), None);
        assert_eq!(worst_flag(&[Flag::Blocked, Flag::Overdue]), Some(Tone::Bad));
        assert_eq!(worst_flag(&[Flag::Idle]), Some(Tone::Warn));
        assert_eq!(late(3), Some(Tone::Bad));
        assert_eq!(late(-1), None);
    }
}
