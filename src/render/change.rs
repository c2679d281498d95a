//! What a writing command prints: the changes it made, one line each, in the user's terms, and
//! notes; personal values are never printed.

use std::fmt::Write;

use crate::domain::edit::{Change, Plan};
use crate::domain::playbook::Words;

fn value(w: Words<'_>, c: &Change, v: &str) -> String {
    if c.personal {
        w.text("edit.personal_hidden", "(personal data, not shown)").to_string()
    } else {
        v.to_string()
    }
}

/// One line per change: `Payment attitude (finance.payment_attitude): prompt → slow`.
pub fn line(w: Words<'_>, c: &Change) -> String {
    match (&c.old, &c.new) {
        (Some(old), Some(new)) if old == new => w.fill(
            "edit.unchanged",
            "{what}: {value} (unchanged)",
            &[("what", &c.what), ("value", &value(w, c, new))],
        ),
        (Some(old), Some(new)) => format!(
            "{}{}{} → {}",
            c.what,
            w.text("report.colon", ": "),
            value(w, c, old),
            value(w, c, new)
        ),
        (None, Some(new)) => format!("+ {}{}{}", c.what, w.text("report.colon", ": "), value(w, c, new)),
        (Some(old), None) => w.fill(
            "edit.removed",
            "- {what} (was {value})",
            &[("what", &c.what), ("value", &value(w, c, old))],
        ),
        (None, None) => c.what.clone(),
    }
}

/// The report of a written edit: the account, its file, each change and the notes.
pub fn written(w: Words<'_>, id: &str, file: &str, plan: &Plan) -> String {
    let mut out = format!("{id} ({file})\n");
    for c in &plan.changes {
        let _ = writeln!(out, "  {}", line(w, c));
    }
    for n in &plan.notes {
        let _ = writeln!(out, "  note: {n}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_say_what_changed_and_hide_personal_values() {
        assert_eq!(
            line(
                Words::ENGLISH,
                &Change::new("a (x.a)", Some("1".into()), Some("2".into()))
            ),
            "a (x.a): 1 → 2"
        );
        assert_eq!(
            line(Words::ENGLISH, &Change::new("a (x.a)", None, Some("2".into()))),
            "+ a (x.a): 2"
        );
        assert_eq!(
            line(Words::ENGLISH, &Change::new("a (x.a)", Some("1".into()), None)),
            "- a (x.a) (was 1)"
        );
        let mut c = Change::new("Birthday (contacts.x.birthday)", None, Some("1970-03-02".into()));
        c.personal = true;
        assert!(!line(Words::ENGLISH, &c).contains("1970"));
    }
}
