//! An account's life from git (`kam history ID`): every commit that changed its file, newest
//! first, each with its date, author and what changed in business terms — the same comparison
//! `kam diff` makes ([`crate::domain::review::compare`]) between the file before and after the
//! commit. Renames are followed by the I/O layer; here each commit is a pair of versions.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::account::Account;
use crate::domain::account::value::{Spanned, Table};
use crate::domain::playbook::Playbook;
use crate::domain::review::{AccountDiff, Books, Files, Side, compare};

/// One version of the file as a commit left it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    Absent,
    /// Why it could not be read (too large, not UTF-8).
    Unreadable(String),
    Readable(String),
}

/// A commit that changed the account.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    pub commit: String,
    /// The author's date and time, as git gives it (ISO 8601).
    pub date: String,
    pub author: String,
    pub subject: String,
    /// The account changed hands: the owner before and after (a handover).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handover: Option<(String, String)>,
    pub change: AccountDiff,
}

/// What one commit did, from the file before and after it and their paths.
pub struct Step<'a> {
    pub commit: &'a str,
    pub date: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
    pub before: (Option<&'a str>, &'a Text),
    pub after: (Option<&'a str>, &'a Text),
}

fn parsed(text: &Text) -> Result<Option<Spanned<Table<'_>>>, String> {
    match text {
        Text::Absent => Ok(None),
        Text::Unreadable(why) => Err(why.clone()),
        Text::Readable(t) => crate::domain::account::parse::parse(t)
            .map(Some)
            .map_err(|_| "not valid TOML in this version (`kam check` shows why)".to_string()),
    }
}

/// One version as `compare` takes it.
fn side<'a, 't>(p: &'a Result<Option<Spanned<Table<'t>>>, String>, a: Option<&'a Account<'t>>) -> Side<'a, 't> {
    match (p, a) {
        (Err(why), _) => Side::Broken(why.as_str()),
        (Ok(_), Some(a)) => Side::Parsed(a),
        (Ok(_), None) => Side::Absent,
    }
}

/// The business change of one commit, judged as of the day it was made.
pub fn event(pb: &Playbook, step: &Step<'_>) -> Event {
    let (b, h) = (parsed(step.before.1), parsed(step.after.1));
    let (ba, ha) = (
        b.as_ref().ok().and_then(Option::as_ref).map(Account::new),
        h.as_ref().ok().and_then(Option::as_ref).map(Account::new),
    );
    let day: NaiveDate = step
        .date
        .get(..10)
        .and_then(|d| d.parse().ok())
        .unwrap_or(NaiveDate::MIN);
    let files = Files {
        base: step.before.0.filter(|_| *step.before.1 != Text::Absent),
        head: step.after.0.filter(|_| *step.after.1 != Text::Absent),
    };
    let books = Books { base: pb, head: pb };
    let mut change = compare(books, &files, side(&b, ba.as_ref()), side(&h, ha.as_ref()), day);
    let handover = match (&ba, &ha) {
        (Some(x), Some(y)) if x.owner() != y.owner() => Some((x.owner().to_string(), y.owner().to_string())),
        _ => None,
    };
    // A handover is said once, as a handover, not again as a changed field.
    if handover.is_some() {
        change.fields.retain(|f| f.path != "owner");
    }
    Event {
        commit: step.commit.to_string(),
        date: step.date.to_string(),
        author: step.author.to_string(),
        subject: step.subject.to_string(),
        handover,
        change,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::review::FileChange;
    use crate::domain::test_support::default_playbook;

    const V1: &str = "id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"qualify\"\ncreated = 2026-01-01\n";

    #[test]
    fn a_commit_reads_as_the_business_change_it_made() {
        let pb = default_playbook().unwrap();
        let before = Text::Readable(V1.to_string());
        let after = Text::Readable(format!(
            "{V1}[[visits]]\ndate = 2026-01-05\nform = \"phone\"\nreport = \"ok\"\n"
        ));
        let e = event(
            &pb,
            &Step {
                commit: "c2",
                date: "2026-01-06T09:00:00+08:00",
                author: "Li Wei",
                subject: "log the call",
                before: (Some("accounts/a.toml"), &before),
                after: (Some("accounts/a.toml"), &after),
            },
        );
        assert_eq!(e.change.change, FileChange::Modified);
        assert_eq!(e.change.records.len(), 1);
        assert_eq!(e.change.records[0].list, "visits");
        assert!(e.change.stage.is_none());
        assert_eq!(e.handover, None);
        let handed = Text::Readable(V1.replace("owner = \"o\"", "owner = \"li.wei\""));
        let h = event(
            &pb,
            &Step {
                commit: "c3",
                date: "2026-01-07T09:00:00+08:00",
                author: "Wang Fang",
                subject: "hand over",
                before: (Some("accounts/a.toml"), &before),
                after: (Some("accounts/a.toml"), &handed),
            },
        );
        assert_eq!(h.handover, Some(("o".to_string(), "li.wei".to_string())));
        let added = event(
            &pb,
            &Step {
                commit: "c1",
                date: "2026-01-01T09:00:00+08:00",
                author: "Li Wei",
                subject: "new account",
                before: (None, &Text::Absent),
                after: (Some("accounts/a.toml"), &before),
            },
        );
        assert_eq!(added.change.change, FileChange::Added);
    }
}
