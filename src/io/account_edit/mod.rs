//! The one edit engine of account files. Every command that writes an account (`advance`, `set`,
//! `unset`, `log`, `task`, `evidence`, `contact`) hands it a list of operations
//! ([`crate::domain::edit::Op`]); it changes exactly those values and keeps every other byte:
//! comments, blank lines, key order, quoting style, line endings. `toml_edit` parses the file with
//! the position of every key, value and decor; the engine splices the original text at those
//! positions (printing the document back would turn CRLF into LF and add a final newline), then
//! parses the result again to prove it says what was intended. A failure leaves the text as it was.
//!
//! - this file: applying operations, one at a time, each verified
//! - [`place`]: where a key or a table goes in the text; [`records`]: where a record goes
//! - [`text`]: TOML literals, line endings, indentation
//! - [`session`]: lock, read, plan, apply, check, show or write — what every writing command runs

mod place;
mod placeholder;
mod records;
pub mod session;
pub mod text;

use toml_edit::{Document, Item};

use crate::domain::account::parse::parse;
use crate::domain::account::value::Value;
use crate::domain::edit::target::lookup;
use crate::domain::edit::{Lit, Op, Step, entries, shown, shown_lit};
use crate::domain::gate::transition::{Entry, Transition};
use crate::error::{Error, Result, Said};

pub use text::string;

/// Where new top-level tables go: the archive groups in the playbook's order, then `ratings` and
/// `checklist`.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub sections: Vec<String>,
}

impl Layout {
    pub fn of(pb: &crate::domain::playbook::Playbook) -> Layout {
        Layout {
            sections: pb
                .doc
                .archive
                .iter()
                .map(|g| g.id.clone())
                .chain(["ratings".to_string(), "checklist".to_string()])
                .collect(),
        }
    }
}

pub(crate) fn cannot(why: Said) -> Error {
    Error::usage_with_help(
        Said::new("edit.layout.cannot", "kam cannot edit the account file: {why}").arg_said("why", why),
        Said::new(
            "edit.layout.cannot_help",
            "nothing was written; `kam check` shows what to fix, `kam edit` opens the file",
        ),
    )
}

/// The file's text with every operation applied, in order.
pub fn apply_ops(text: &str, ops: &[Op], layout: &Layout) -> Result<String> {
    let mut out = text.to_string();
    for op in ops {
        let next = apply_one(&out, op, layout)?;
        verify(&next, op, &out)?;
        out = next;
    }
    Ok(out)
}

fn apply_one(text: &str, op: &Op, layout: &Layout) -> Result<String> {
    let doc = Document::parse(text).map_err(|e| {
        cannot(Said::new("edit.layout.invalid_toml", "it is not valid TOML: {why}").arg("why", e.message()))
    })?;
    let (range, new) = match op {
        Op::Set { table, key, value } => place::set(text, &doc, table, key, value, layout)?,
        Op::Remove { table, key } => place::remove(text, &doc, table, key)?,
        Op::Append { array, record } => place::append(text, &doc, array, record)?,
    };
    let mut out = String::with_capacity(text.len() + new.len());
    out.push_str(&text[..range.start]);
    out.push_str(&new);
    out.push_str(&text[range.end..]);
    Ok(out)
}

/// Parses the edited text and checks the operation did what it says. A failure here is a bug in
/// the edit; nothing is written.
fn verify(out: &str, op: &Op, before: &str) -> Result<()> {
    let fail = |why: &str| {
        Error::Other(anyhow::anyhow!(
            "the edited account file would be wrong ({why}); nothing was written — please report this"
        ))
    };
    if Document::parse(out).is_err() {
        return Err(fail("not valid TOML"));
    }
    let root = parse(out).map_err(|_| fail("not valid TOML"))?;
    match op {
        Op::Set { table, key, value } => {
            if !lookup(&root, table, key).is_some_and(|n| same(n.get_ref(), value)) {
                return Err(fail(&format!("`{key}` does not read back")));
            }
        }
        Op::Remove { table, key } => {
            if lookup(&root, table, key).is_some() {
                return Err(fail(&format!("`{key}` is still there")));
            }
        }
        Op::Append { array, record } => {
            let old = parse(before).map_or(0, |r| entries(&r, array).len());
            let now = entries(&root, array);
            let last = now.last().map(|(_, t)| *t);
            let alike = last.is_some_and(|t| {
                record
                    .iter()
                    .all(|(k, v)| t.get(k.as_str()).is_some_and(|n| same(n.get_ref(), v)))
            });
            if now.len() != old + 1 || !alike {
                return Err(fail(&format!("the new [[{array}]] record does not read back")));
            }
        }
    }
    Ok(())
}

/// Whether a parsed value is the literal that was written (tables compared key by key).
fn same(value: &Value<'_>, lit: &Lit) -> bool {
    match (value, lit) {
        (Value::Table(t), Lit::Table(kv)) => {
            t.len() == kv.len()
                && kv
                    .iter()
                    .all(|(k, v)| t.get(k.as_str()).is_some_and(|n| same(n.get_ref(), v)))
        }
        (Value::Array(items), Lit::Array(lits)) => {
            items.len() == lits.len() && items.iter().zip(lits).all(|(n, l)| same(n.get_ref(), l))
        }
        _ => shown(value) == shown_lit(lit),
    }
}

fn entry(e: &Entry) -> Lit {
    match e {
        Entry::Text(s) => Lit::Str(s.clone()),
        Entry::Date(d) => Lit::Date(*d),
    }
}

/// The file's text with `stage` set to `t.to` and `t`'s history record appended.
pub fn apply(text: &str, t: &Transition) -> Result<String> {
    let doc = Document::parse(text).map_err(|e| {
        cannot(Said::new("edit.layout.invalid_toml", "it is not valid TOML: {why}").arg("why", e.message()))
    })?;
    if !doc
        .get("stage")
        .and_then(Item::as_value)
        .is_some_and(toml_edit::Value::is_str)
    {
        return Err(cannot(Said::new(
            "edit.layout.no_stage",
            "it has no `stage = \"…\"` line",
        )));
    }
    let record = t.record().iter().map(|(k, e)| ((*k).to_string(), entry(e))).collect();
    let ops = [
        Op::Set {
            table: Vec::<Step>::new(),
            key: "stage".into(),
            value: Lit::Str(t.to.clone()),
        },
        Op::Append {
            array: "history".into(),
            record,
        },
    ];
    apply_ops(text, &ops, &Layout::default())
}

#[cfg(test)]
mod tests;
