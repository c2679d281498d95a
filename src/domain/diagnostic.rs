//! Diagnostics: what `kam check` reports. Each has a stable code (documented in
//! docs/diagnostics.md), a severity, a byte span in its file, a message and an optional help line.

use std::ops::Range;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// Stable diagnostic codes. Never renumber: users grep for them and CI logs quote them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// The file is not valid TOML.
    Syntax,
    /// A key the playbook does not define.
    UnknownKey,
    /// A value of the wrong type.
    WrongType,
    /// A value outside an enumeration.
    NotAllowed,
    /// A value of the right type but malformed (e-mail, URL, date range…).
    Malformed,
    /// A rating outside 1–5.
    RatingRange,
    /// A field required at the account's stage is missing.
    Missing,
    /// Two account files share an id.
    DuplicateId,
    /// The id does not match the file name.
    IdMismatch,
    /// The stage is neither a stage nor an outcome of the playbook.
    UnknownStage,
    /// A contact reference names no contact of the account.
    UnknownContact,
    /// A gift above the policy limit.
    GiftOverLimit,
    /// The same id twice inside one account (contacts).
    DuplicateEntry,
    /// A rating for a factor the playbook does not have.
    UnknownFactor,
    /// Checklist evidence that is not evidence, or for an unknown item.
    Evidence,
    /// The account sits past a stage gate that is not met.
    GateBypassed,
    /// The history does not lead to the current stage.
    History,
    /// Idle in the stage longer than its limit.
    Idle,
    /// The file could not be read (I/O, encoding, size).
    Unreadable,
    /// The id is not a safe ASCII slug.
    BadId,
    /// A visit dated after today already has a report or the client's view.
    ReportBeforeVisit,
    /// A visit's follow-up is dated before the visit.
    FollowUpBeforeVisit,
    /// A visit's next step is dated before the visit that set it.
    NextStepBeforeVisit,
    /// A history record dated after today, or before the record above it.
    HistoryDate,
    /// Payments larger than what was due.
    Overpaid,
    /// A receivable, sub-contract or record names a contract the account does not have.
    UnknownContract,
    /// Contracts, receivables and payments that contradict each other or the calendar.
    Contradiction,
    /// A won or lost account without its retrospective after the playbook's days.
    RetroMissing,
    /// A visit or reception held without the sign-off its level needs.
    ApprovalMissing,
    /// Expenses reimbursed, or waiting, without a report.
    ExpensesWithoutReport,
    /// A key-account class the account's data contradicts.
    ClassContradicted,
    /// A direction control or invisible character (or an escaped control character) in the file.
    Invisible,
}

impl Code {
    pub const ALL: [Code; 32] = [
        Code::Syntax,
        Code::UnknownKey,
        Code::WrongType,
        Code::NotAllowed,
        Code::Malformed,
        Code::RatingRange,
        Code::Missing,
        Code::DuplicateId,
        Code::IdMismatch,
        Code::UnknownStage,
        Code::UnknownContact,
        Code::GiftOverLimit,
        Code::DuplicateEntry,
        Code::UnknownFactor,
        Code::Evidence,
        Code::GateBypassed,
        Code::History,
        Code::Idle,
        Code::Unreadable,
        Code::BadId,
        Code::ReportBeforeVisit,
        Code::FollowUpBeforeVisit,
        Code::NextStepBeforeVisit,
        Code::HistoryDate,
        Code::Overpaid,
        Code::UnknownContract,
        Code::Contradiction,
        Code::RetroMissing,
        Code::ApprovalMissing,
        Code::ExpensesWithoutReport,
        Code::ClassContradicted,
        Code::Invisible,
    ];

    /// The stable code, e.g. `KAM001`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Syntax => "KAM001",
            Code::UnknownKey => "KAM002",
            Code::WrongType => "KAM003",
            Code::NotAllowed => "KAM004",
            Code::Malformed => "KAM005",
            Code::RatingRange => "KAM006",
            Code::Missing => "KAM007",
            Code::DuplicateId => "KAM008",
            Code::IdMismatch => "KAM009",
            Code::UnknownStage => "KAM010",
            Code::UnknownContact => "KAM011",
            Code::GiftOverLimit => "KAM012",
            Code::DuplicateEntry => "KAM013",
            Code::UnknownFactor => "KAM014",
            Code::Evidence => "KAM015",
            Code::GateBypassed => "KAM016",
            Code::History => "KAM017",
            Code::Idle => "KAM018",
            Code::Unreadable => "KAM019",
            Code::BadId => "KAM020",
            Code::ReportBeforeVisit => "KAM021",
            Code::FollowUpBeforeVisit => "KAM022",
            Code::NextStepBeforeVisit => "KAM023",
            Code::HistoryDate => "KAM024",
            Code::Overpaid => "KAM025",
            Code::UnknownContract => "KAM026",
            Code::Contradiction => "KAM027",
            Code::RetroMissing => "KAM028",
            Code::ApprovalMissing => "KAM029",
            Code::ExpensesWithoutReport => "KAM030",
            Code::ClassContradicted => "KAM031",
            // KAM050–054 are kept for the hardening of text and records.
            Code::Invisible => "KAM050",
        }
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One finding in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// Byte range in the file's text; empty files and whole-file problems use `0..0`.
    pub span: Range<usize>,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: Code, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            span,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(code: Code, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, span, message)
        }
    }

    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// "did you mean `owner`?" for a misspelt key, when a candidate is close enough.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// The starts of a text's lines, found once, so that locating many positions in a large file
/// costs a search each instead of a scan of the text each.
#[derive(Debug, Clone)]
pub struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> LineIndex<'t> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// `offset` moved back onto a character boundary inside the text.
    fn clamp(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// The 0-based line holding `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.clamp(offset);
        let line = self.line_of(offset);
        let col = self.text[self.starts[line]..offset].chars().count() + 1;
        (line + 1, col)
    }

    /// The byte range of the 1-based line `line`, without its line break.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let i = line.saturating_sub(1).min(self.starts.len() - 1);
        let start = self.starts[i];
        let end = self.starts.get(i + 1).map_or(self.text.len(), |&s| s - 1);
        let end = if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        start..end.max(start)
    }
}

/// 1-based line and column (in characters) of a byte offset. For one position; many positions
/// in one text go through a [`LineIndex`].
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_numbered() {
        // Ascending in the order of ALL, each `KAM` and three digits; numbers may be left free
        // (a range kept for related codes).
        let numbers: Vec<u32> = Code::ALL
            .iter()
            .map(|c| {
                let s = c.as_str();
                assert!(s.len() == 6 && s.starts_with("KAM"), "{s}");
                s[3..].parse().unwrap()
            })
            .collect();
        assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{numbers:?}");
        assert_eq!(numbers[0], 1);
    }

    #[test]
    fn suggests_close_keys_only() {
        assert_eq!(did_you_mean("ownr", ["owner", "name", "stage"]), Some("owner"));
        assert_eq!(did_you_mean("zzz", ["owner", "name", "stage"]), None);
    }

    #[test]
    fn line_and_column_count_characters() {
        let text = "a = 1\nname = \"华东\"\nx";
        assert_eq!(line_col(text, 0), (1, 1));
        let x = text.rfind('x').unwrap();
        assert_eq!(line_col(text, x), (3, 1));
        let quote = text.rfind('"').unwrap();
        assert_eq!(line_col(text, quote), (2, 11));
        assert_eq!(line_col(text, 10_000), (3, 2));
        let index = LineIndex::new(text);
        for offset in [0, 3, 6, x, quote, 10_000] {
            assert_eq!(index.line_col(offset), line_col(text, offset), "at {offset}");
        }
        assert_eq!(&text[index.line_range(2)], "name = \"华东\"");
        assert_eq!(&text[index.line_range(3)], "x");
    }
}
