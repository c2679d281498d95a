//! What identifies an agenda item within its account, stable under edits of other records: the
//! iCalendar feed makes its UIDs of it, so a calendar that imports the feed again updates the
//! event instead of adding a second one.
//!
//! A record that has an `id` is known by it. A record without one (a plan task, an issue raised at
//! a reception) is known by a fingerprint of its text — not by its position, which changes when
//! an earlier record is removed, and not by its due date, which changes when the task is put off.
//! Records of the same text in one list are told apart by their date, then by their order among
//! those alike.

use chrono::NaiveDate;

/// A fingerprint of `text` (64-bit FNV-1a of its trimmed UTF-8, as 16 hexadecimal digits): the
/// same text gives the same fingerprint on every machine and in every version of kam.
pub fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.trim().bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// One record of a list, as far as its identity goes.
#[derive(Debug, Clone, Copy)]
pub struct Parts<'a> {
    /// Its `id`, if it has one.
    pub id: Option<&'a str>,
    /// The text that says what it is (a task, an issue).
    pub text: &'a str,
    /// Its date (a due date), to tell records of the same text apart.
    pub date: Option<NaiveDate>,
}

/// The key of each record of one list, in the same order (see the module documentation).
pub fn keys(records: &[Parts<'_>]) -> Vec<String> {
    let base = |p: &Parts<'_>| match p.id.map(str::trim).filter(|i| !i.is_empty()) {
        Some(id) => id.to_string(),
        None => fingerprint(p.text),
    };
    let mut out: Vec<String> = Vec::with_capacity(records.len());
    for (i, p) in records.iter().enumerate() {
        let key = base(p);
        let alike = |q: &Parts<'_>| base(q) == key;
        if records.iter().filter(|q| alike(q)).count() == 1 {
            out.push(key);
            continue;
        }
        let dated = match p.date {
            Some(d) => format!("{key}-{}", d.format("%Y%m%d")),
            None => key.clone(),
        };
        // Alike in text and date too: their order among those.
        let same = records[..i].iter().filter(|q| alike(q) && q.date == p.date).count();
        let twins = records.iter().filter(|q| alike(q) && q.date == p.date).count();
        out.push(if twins > 1 {
            format!("{dated}-{}", same + 1)
        } else {
            dated
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts<'a>(text: &'a str, date: Option<&str>) -> Parts<'a> {
        Parts {
            id: None,
            text,
            date: date.map(|d| d.parse().unwrap()),
        }
    }

    #[test]
    fn fingerprints_are_fixed() {
        // The FNV-1a test vectors: a change of the function changes every UID in calendars.
        assert_eq!(fingerprint(""), "cbf29ce484222325");
        assert_eq!(fingerprint("a"), "af63dc4c8601ec8c");
        assert_eq!(fingerprint(" a\n"), fingerprint("a"));
    }

    #[test]
    fn a_key_does_not_move_when_another_record_goes() {
        let all = [
            parts("Call Jiang", Some("2026-12-01")),
            parts("Send the quote", Some("2026-12-02")),
            parts("Site visit", None),
        ];
        let before = keys(&all);
        let after = keys(&all[1..]);
        assert_eq!(before[1..], after[..]);
        // Put off: the same key.
        let later = [parts("Send the quote", Some("2027-01-15"))];
        assert_eq!(keys(&later)[0], before[1]);
        // An id wins.
        let with_id = Parts {
            id: Some("t-7"),
            ..all[0]
        };
        assert_eq!(keys(&[with_id])[0], "t-7");
    }

    #[test]
    fn records_alike_are_told_apart_by_date_then_order() {
        let k = keys(&[
            parts("Call", Some("2026-12-01")),
            parts("Call", Some("2026-12-08")),
            parts("Call", Some("2026-12-08")),
        ]);
        let f = fingerprint("Call");
        assert_eq!(
            k,
            [
                format!("{f}-20261201"),
                format!("{f}-20261208-1"),
                format!("{f}-20261208-2")
            ]
        );
    }
}
