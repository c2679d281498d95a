//! The words of the user interface: the playbook's `text:` map, or English where it holds no
//! text for an id — or where there is no playbook at all (a message about the playbook itself,
//! a parse before a playbook is known). [`Words::ENGLISH`] is the latter.
//!
//! [`Said`] is a sentence worded later: its text id, its English and its arguments, for code that
//! has no playbook at hand (the file writer, the edit planner's refusals); whoever shows it words
//! it with the workspace's playbook. [`Msg`] is either kind of message.

use std::collections::BTreeMap;
use std::fmt;

/// A playbook's `text:` map, or none (English throughout).
#[derive(Debug, Clone, Copy)]
pub struct Words<'a>(Option<&'a BTreeMap<String, String>>);

impl<'a> Words<'a> {
    /// No playbook: every text is its English.
    pub const ENGLISH: Words<'static> = Words(None);

    pub fn of(text: &'a BTreeMap<String, String>) -> Words<'a> {
        Words(Some(text))
    }

    /// The text of `id`, or the English `fallback`.
    pub fn text<'b>(self, id: &str, fallback: &'b str) -> &'b str
    where
        'a: 'b,
    {
        self.0.and_then(|t| t.get(id)).map_or(fallback, String::as_str)
    }

    /// [`Words::text`] with its `{name}` arguments filled in.
    pub fn fill(self, id: &str, fallback: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        crate::domain::playbook::fill_template(self.text(id, fallback), args)
    }
}

/// A sentence of kam's that is worded when it is shown, in the words of the workspace's playbook
/// (its text id, its English, its `{name}` arguments): for messages made where no playbook is at
/// hand, such as the file writer's refusals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    id: &'static str,
    english: &'static str,
    args: Vec<(&'static str, Msg)>,
}

impl Said {
    pub fn new(id: &'static str, english: &'static str) -> Said {
        Said {
            id,
            english,
            args: Vec::new(),
        }
    }

    /// Adds the value of `{name}`.
    #[must_use]
    pub fn arg(mut self, name: &'static str, value: impl fmt::Display) -> Said {
        self.args.push((name, Msg::Plain(value.to_string())));
        self
    }

    /// Adds the value of `{name}`, itself worded when shown.
    #[must_use]
    pub fn arg_said(mut self, name: &'static str, value: Said) -> Said {
        self.args.push((name, Msg::Said(value)));
        self
    }

    /// Whether the argument `name` is there and empty (a list of nothing).
    pub fn arg_is_empty(&self, name: &str) -> bool {
        self.args
            .iter()
            .any(|(n, v)| *n == name && matches!(v, Msg::Plain(s) if s.is_empty()))
    }

    pub fn words(&self, w: Words<'_>) -> String {
        let values: Vec<String> = self.args.iter().map(|(_, v)| v.words(w)).collect();
        let args: Vec<(&str, &dyn fmt::Display)> = self
            .args
            .iter()
            .zip(&values)
            .map(|((n, _), v)| (*n, v as &dyn fmt::Display))
            .collect();
        w.fill(self.id, self.english, &args)
    }
}

/// A message: already worded, or worded when shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Plain(String),
    Said(Said),
}

impl Msg {
    pub fn words(&self, w: Words<'_>) -> String {
        match self {
            Msg::Plain(s) => s.clone(),
            Msg::Said(s) => s.words(w),
        }
    }
}

impl From<String> for Msg {
    fn from(s: String) -> Msg {
        Msg::Plain(s)
    }
}

impl From<&str> for Msg {
    fn from(s: &str) -> Msg {
        Msg::Plain(s.to_string())
    }
}

impl From<&String> for Msg {
    fn from(s: &String) -> Msg {
        Msg::Plain(s.clone())
    }
}

impl From<Said> for Msg {
    fn from(s: Said) -> Msg {
        Msg::Said(s)
    }
}

impl fmt::Display for Said {
    /// The sentence in English.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.words(Words::ENGLISH))
    }
}

impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.words(Words::ENGLISH))
    }
}
