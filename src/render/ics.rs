//! The agenda as an iCalendar feed (RFC 5545) that Outlook, Google Calendar and Apple Calendar
//! import: one all-day event per item on its due date. Each event's UID is made of the item's
//! kind, its key and account, so importing the feed again updates the events instead of adding
//! them twice, also after other records of the account were removed or reordered. The summary says what to do about what (the kind, then the item's why: the task,
//! the contact, the visit) and for which account. Texts come from the agenda items, which never
//! hold personal data.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::domain::agenda::identity::fingerprint;
use crate::domain::agenda::{Item, Phrase};
use crate::domain::playbook::Playbook;
use crate::domain::privacy::{Scope, is_sensitive};
use crate::render::due::{kind_label, say, when, why};

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded at 75 octets without splitting a character (§3.1), ending in CRLF.
fn line(out: &mut String, content: &str) {
    let mut used = 0;
    for c in content.chars() {
        let n = c.len_utf8();
        if used + n > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}

/// A UID safe in any calendar: letters, digits and `-._#@` only, made of the item's kind, its
/// key within the account ([`crate::domain::agenda::identity`]) and the account's id, so it
/// survives edits of other records. A part with other characters (a contract number in Chinese)
/// gets the fingerprint of its whole text, so two such parts never read alike.
fn uid(item: &Item) -> String {
    let clean = |s: &str| {
        let safe: String = s
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || "-._#".contains(c) {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        if safe == s {
            safe
        } else {
            format!("{safe}-{}", fingerprint(s))
        }
    };
    format!("{}.{}.{}@kam", clean(item.kind), clean(&item.key), clean(&item.id))
}

fn day(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// The feed. `today` stamps every event (DTSTAMP), so the same agenda gives the same file.
pub fn calendar(pb: &Playbook, items: &[Item], today: NaiveDate) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(
        &mut out,
        &format!("PRODID:-//kam//kam {}//EN", env!("CARGO_PKG_VERSION")),
    );
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(&pb.doc.name)));
    let stamp = format!("{}T000000Z", day(today));
    let show_name = !is_sensitive(pb, Scope::Account, "name");
    for item in items {
        let account = if show_name && !item.name.is_empty() {
            format!("{} ({})", item.name, item.id)
        } else {
            item.id.clone()
        };
        // The concrete action first (the task, whom to re-assess, which visit), then the account:
        // a calendar grid shows the start of the summary.
        let summary = say(
            pb,
            &Phrase::new(
                "due.summary",
                &[
                    ("kind", kind_label(pb, item)),
                    ("what", say(pb, &item.why)),
                    ("account", account),
                ],
            ),
        );
        let mut description = format!("{}\n{}", why(pb, item), say(pb, &item.action));
        if let Some(cmd) = &item.command {
            let _ = write!(description, "\n{cmd}");
        }
        if item.late_days > 0 {
            let _ = write!(description, "\n({})", when(pb, item.late_days));
        }
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", uid(item)));
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        line(&mut out, &format!("DTSTART;VALUE=DATE:{}", day(item.date)));
        let next = item.date.succ_opt().unwrap_or(item.date);
        line(&mut out, &format!("DTEND;VALUE=DATE:{}", day(next)));
        line(&mut out, &format!("SUMMARY:{}", escape(&summary)));
        line(&mut out, &format!("DESCRIPTION:{}", escape(&description)));
        line(&mut out, &format!("CATEGORIES:{}", escape(item.kind)));
        if !item.owner.is_empty() {
            line(&mut out, &format!("X-KAM-OWNER:{}", escape(&item.owner)));
        }
        line(&mut out, "TRANSP:TRANSPARENT");
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fold_at_75_octets_between_characters() {
        let mut out = String::new();
        line(&mut out, &format!("SUMMARY:{}", "康源".repeat(30)));
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "康源".repeat(30)));
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
