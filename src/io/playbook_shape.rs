//! The playbook's shape, all problems in one run. serde stops at the first key of the wrong
//! kind; this reads the YAML into a value tree, deserialises it with the path of each failure,
//! says the failure in plain words, repairs that node (drops an unknown key, puts the closest
//! allowed value or an empty one in place of a wrong one, fills a missing key) and tries again,
//! so one run names every mistake of type and structure with its line. Repairs are bounded:
//! a playbook from a pull request cannot make this loop long.

use std::collections::{HashMap, HashSet};

use serde_path_to_error::Segment;
use serde_yaml::{Mapping, Value};

use crate::domain::diagnostic::did_you_mean;
use crate::domain::playbook::PlaybookDoc;

/// How many shape problems one run reports before it stops looking.
pub const MAX_PROBLEMS: usize = 50;

/// One shape problem, located by the dotted path of the original text (`stages.1.exit.0`).
#[derive(Debug, Clone)]
pub struct ShapeProblem {
    pub path: String,
    /// The problem is about the key itself (unknown key), not its value.
    pub at_key: bool,
    pub message: String,
    pub help: Option<String>,
}

/// The document repaired into shape, with the problems found on the way and the paths
/// (of the original text) that were repaired, so later checks can keep quiet about them.
pub struct Shaped {
    pub doc: Option<PlaybookDoc>,
    pub problems: Vec<ShapeProblem>,
    pub repaired: Vec<String>,
    removed: HashMap<String, Vec<usize>>,
}

impl Shaped {
    /// The path of the original text for a path of the repaired document (list items removed
    /// by a repair shift the indices after them).
    pub fn original(&self, path: &str) -> String {
        if self.removed.is_empty() {
            return path.to_string();
        }
        let mut out: Vec<String> = Vec::new();
        for seg in path.split('.').filter(|s| !s.is_empty()) {
            let parent = out.join(".");
            match (seg.parse::<usize>(), self.removed.get(&parent)) {
                (Ok(i), Some(gone)) => out.push(original_index(i, gone).to_string()),
                _ => out.push(seg.to_string()),
            }
        }
        out.join(".")
    }
}

/// The index in the original list of the `i`-th item left after removing `gone`.
fn original_index(i: usize, gone: &[usize]) -> usize {
    let mut left = 0;
    let mut index = 0;
    loop {
        if !gone.contains(&index) {
            if left == i {
                return index;
            }
            left += 1;
        }
        index += 1;
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Key(String),
    Index(usize),
}

fn dotted(segs: &[Seg]) -> String {
    segs.iter()
        .map(|s| match s {
            Seg::Key(k) => k.clone(),
            Seg::Index(i) => i.to_string(),
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// Deserialises `value` into a playbook document, repairing it until it fits or the problems
/// run out of bounds.
pub fn shape(mut value: Value) -> Shaped {
    let mut out = Shaped {
        doc: None,
        problems: Vec::new(),
        repaired: Vec::new(),
        removed: HashMap::new(),
    };
    // Paths kam filled in itself: a failure there is repaired without a word.
    let mut filled: HashSet<String> = HashSet::new();
    let mut seen: HashSet<(String, String)> = HashSet::new();
    for _ in 0..MAX_PROBLEMS * 3 {
        let error = match serde_path_to_error::deserialize::<_, PlaybookDoc>(value.clone()) {
            Ok(doc) => {
                out.doc = Some(doc);
                return out;
            }
            Err(e) => e,
        };
        let mut segs: Vec<Seg> = Vec::new();
        for s in error.path() {
            match s {
                Segment::Map { key } => segs.push(Seg::Key(key.clone())),
                Segment::Seq { index } => segs.push(Seg::Index(*index)),
                Segment::Enum { .. } | Segment::Unknown => break,
            }
        }
        let message = error.inner().to_string();
        let message = message.split(" at line ").next().unwrap_or(&message).to_string();
        if !seen.insert((dotted(&segs), message.clone())) || out.problems.len() >= MAX_PROBLEMS {
            break;
        }
        let failure = Failure::read(&message, &segs);
        let here = out.original(&dotted(&failure.node));
        let quiet = filled.iter().any(|f| here == *f || here.starts_with(&format!("{f}.")));
        if !quiet {
            out.problems.push(failure.problem(here.clone()));
            out.repaired.push(here.clone());
        }
        match failure.repair(&mut value, &mut out) {
            Some(Repair::Filled(path)) => {
                filled.insert(out.original(&path));
            }
            Some(Repair::Done) => {}
            None => break,
        }
    }
    if out.problems.is_empty() {
        out.problems.push(ShapeProblem {
            path: String::new(),
            at_key: false,
            message: "the playbook does not have the shape kam reads".into(),
            help: Some("the playbook format is described in docs/playbook.md".into()),
        });
    }
    out
}

enum Repair {
    Done,
    /// A missing key was filled at this path (of the repaired document).
    Filled(String),
}

/// What went wrong, read from serde's message.
#[derive(Debug)]
enum What {
    UnknownKey { key: String, expected: Vec<String> },
    UnknownValue { value: String, expected: Vec<String> },
    WrongType { found: String, expected: String },
    Missing { key: String },
    Other(String),
}

struct Failure {
    what: What,
    /// The node the failure is about (for a missing key: the key that should be there).
    node: Vec<Seg>,
}

/// The names between backquotes in `text`.
fn quoted(text: &str) -> Vec<String> {
    text.split('`').skip(1).step_by(2).map(str::to_string).collect()
}

impl Failure {
    fn read(message: &str, segs: &[Seg]) -> Failure {
        let mut node = segs.to_vec();
        let what = if let Some(rest) = message.strip_prefix("unknown field ") {
            let names = quoted(rest);
            let key = names.first().cloned().unwrap_or_default();
            if node.last() != Some(&Seg::Key(key.clone())) {
                node.push(Seg::Key(key.clone()));
            }
            What::UnknownKey {
                key,
                expected: names.into_iter().skip(1).collect(),
            }
        } else if let Some(rest) = message.strip_prefix("unknown variant ") {
            let names = quoted(rest);
            What::UnknownValue {
                value: names.first().cloned().unwrap_or_default(),
                expected: names.into_iter().skip(1).collect(),
            }
        } else if let Some(rest) = message.strip_prefix("missing field ") {
            let key = quoted(rest).into_iter().next().unwrap_or_default();
            node.push(Seg::Key(key.clone()));
            What::Missing { key }
        } else if let Some(rest) = message
            .strip_prefix("invalid type: ")
            .or_else(|| message.strip_prefix("invalid value: "))
            && let Some((found, expected)) = rest.rsplit_once(", expected ")
        {
            What::WrongType {
                found: found.to_string(),
                expected: expected.to_string(),
            }
        } else {
            What::Other(message.to_string())
        };
        Failure { what, node }
    }

    /// The key the failure is about, for the message.
    fn key(&self) -> String {
        match self.node.last() {
            Some(Seg::Key(k)) => format!("`{k}`"),
            Some(Seg::Index(i)) => {
                let list = match self.node.iter().rev().nth(1) {
                    Some(Seg::Key(k)) => k.as_str(),
                    _ => "the list",
                };
                format!("item #{} of `{list}`", i + 1)
            }
            None => "the playbook".into(),
        }
    }

    fn problem(&self, path: String) -> ShapeProblem {
        let key = self.key();
        let (message, help, at_key) = match &self.what {
            What::UnknownKey { key: k, expected } => {
                let help = match did_you_mean(k, expected.iter().map(String::as_str)) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None if expected.is_empty() => "remove it".into(),
                    None => format!("the keys allowed here: {}", expected.join(", ")),
                };
                (format!("unknown key `{k}`"), Some(help), true)
            }
            What::UnknownValue { value, expected } => {
                let help = match did_you_mean(value, expected.iter().map(String::as_str)) {
                    Some(close) => format!("did you mean `{close}`? allowed: {}", expected.join(", ")),
                    None => format!("allowed: {}", expected.join(", ")),
                };
                if self.node.last() == Some(&Seg::Key(value.clone())) {
                    // A mapping keyed by a name (`auto: { filled: … }`): the name is the mistake.
                    (format!("unknown name `{value}`"), Some(help), true)
                } else {
                    (format!("{key} cannot be `{value}`"), Some(help), false)
                }
            }
            What::WrongType { found, expected } => (
                format!("{key} must be {}, not {}", plain_expected(expected), plain_found(found)),
                hint(found, expected),
                false,
            ),
            What::Missing { key: k } => {
                let parent = Failure {
                    what: What::Other(String::new()),
                    node: self.node[..self.node.len() - 1].to_vec(),
                };
                (
                    format!("{} lacks the key `{k}`", parent.key()),
                    Some(format!("add `{k}:`")),
                    true,
                )
            }
            What::Other(m) => (
                format!("{key} has the wrong shape: {}", plain_other(m)),
                Some("the playbook format is described in docs/playbook.md".into()),
                false,
            ),
        };
        ShapeProblem {
            path,
            at_key,
            message,
            help,
        }
    }

    fn repair(&self, root: &mut Value, shaped: &mut Shaped) -> Option<Repair> {
        let (last, parent_segs) = self.node.split_last()?;
        let parent = walk(root, parent_segs)?;
        match &self.what {
            What::UnknownKey { key, .. } => {
                parent.as_mapping_mut()?.remove(key.as_str())?;
            }
            What::UnknownValue { value, expected } => {
                let pick = did_you_mean(value, expected.iter().map(String::as_str))
                    .or_else(|| expected.first().map(String::as_str))?;
                if last == &Seg::Key(value.clone()) {
                    let map = parent.as_mapping_mut()?;
                    let inner = map.remove(value.as_str())?;
                    map.insert(Value::String(pick.to_string()), inner);
                } else {
                    *child(parent, last)? = Value::String(pick.to_string());
                }
            }
            What::WrongType { expected, .. } => {
                let slot = child(parent, last)?;
                let empty = empty_of(expected);
                if *slot == empty {
                    return None;
                }
                *slot = empty;
            }
            What::Missing { key } => {
                let map = parent.as_mapping_mut()?;
                if map.contains_key(key.as_str()) {
                    return None;
                }
                map.insert(Value::String(key.clone()), Value::String(String::new()));
                return Some(Repair::Filled(dotted(&self.node)));
            }
            What::Other(_) => match (parent, last) {
                (Value::Mapping(map), Seg::Key(k)) => {
                    map.remove(k.as_str())?;
                }
                (Value::Sequence(items), Seg::Index(i)) if *i < items.len() => {
                    items.remove(*i);
                    let list_path = shaped.original(&dotted(parent_segs));
                    let original = shaped.original(&dotted(&self.node));
                    let index = original.rsplit('.').next()?.parse().ok()?;
                    shaped.removed.entry(list_path).or_default().push(index);
                }
                _ => return None,
            },
        }
        Some(Repair::Done)
    }
}

fn walk<'v>(mut value: &'v mut Value, segs: &[Seg]) -> Option<&'v mut Value> {
    for seg in segs {
        value = child(value, seg)?;
    }
    Some(value)
}

fn child<'v>(value: &'v mut Value, seg: &Seg) -> Option<&'v mut Value> {
    match (value, seg) {
        (Value::Mapping(map), Seg::Key(k)) => map.get_mut(k.as_str()),
        (Value::Sequence(items), Seg::Index(i)) => items.get_mut(*i),
        (Value::Tagged(t), seg) => child(&mut t.value, seg),
        _ => None,
    }
}

/// A value of the expected type that stands in for a wrong one.
fn empty_of(expected: &str) -> Value {
    let e = expected.to_ascii_lowercase();
    if e.contains("sequence") || e.contains("list") {
        Value::Sequence(Vec::new())
    } else if e.contains("map") || e.contains("struct") {
        Value::Mapping(Mapping::new())
    } else if e.contains("bool") {
        Value::Bool(false)
    } else if e.starts_with('f') || e.contains("float") || e.contains("number") {
        Value::Number(0.0.into())
    } else if e.starts_with('u') || e.starts_with('i') || e.contains("integer") {
        Value::Number(0.into())
    } else {
        Value::String(String::new())
    }
}

/// serde's expected type in plain words.
fn plain_expected(expected: &str) -> String {
    let e = expected.trim();
    match e {
        "f32" | "f64" => "a number".into(),
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number, 0 or more".into(),
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number".into(),
        "a string" | "string" => "text".into(),
        "a boolean" | "bool" => "true or false".into(),
        "a sequence" => "a list (items written `- …`)".into(),
        _ if e.starts_with("a map") || e.starts_with("struct ") || e.starts_with("map") => {
            "a mapping (lines written `key: value`)".into()
        }
        _ if e.starts_with("a sequence") => "a list (items written `- …`)".into(),
        _ => e.to_string(),
    }
}

/// serde's description of the value found, in plain words.
fn plain_found(found: &str) -> String {
    let f = found.trim();
    if let Some(s) = f.strip_prefix("string ") {
        return format!("the text {s}");
    }
    for (prefix, word) in [
        ("integer ", "the number "),
        ("floating point ", "the number "),
        ("boolean ", ""),
    ] {
        if let Some(v) = f.strip_prefix(prefix) {
            return format!("{word}{}", v.trim_matches('`'));
        }
    }
    match f {
        "sequence" => "a list".into(),
        "map" => "a mapping".into(),
        "unit value" => "nothing (the value is empty)".into(),
        _ => f.to_string(),
    }
}

/// A hint for a wrong type: text that starts with a number is often a number with a stray word.
fn hint(found: &str, expected: &str) -> Option<String> {
    let number = matches!(
        expected.trim(),
        "f32" | "f64" | "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64"
    );
    if number && let Some(s) = found.strip_prefix("string ") {
        let s = s.trim_matches('"');
        let head: String = s
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
            .collect();
        if !head.is_empty() && head.len() < s.len() {
            return Some(format!("write the number alone: `{head}`; a comment starts with ` #`"));
        }
        return Some("write a number, without quotes".into());
    }
    if expected.contains("sequence") {
        return Some("write the items on their own lines, each starting with `- `".into());
    }
    if expected.starts_with("struct ") || expected.contains("map") {
        return Some("write `key: value` lines indented under this key".into());
    }
    None
}

/// Other serde messages in plain words.
fn plain_other(message: &str) -> String {
    if message.starts_with("data did not match any variant") {
        "it is neither of the forms allowed here".into()
    } else {
        message.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn original_indices_skip_removed_items() {
        assert_eq!(original_index(0, &[0]), 1);
        assert_eq!(original_index(1, &[1, 2]), 3);
        assert_eq!(original_index(2, &[]), 2);
    }

    #[test]
    fn plain_words_for_serde_types() {
        assert_eq!(plain_expected("f64"), "a number");
        assert_eq!(plain_found("string \"500 bad_indent\""), "the text \"500 bad_indent\"");
        assert_eq!(plain_found("floating point `2.5`"), "the number 2.5");
        assert_eq!(
            hint("string \"500 bad_indent\"", "f64").as_deref(),
            Some("write the number alone: `500`; a comment starts with ` #`")
        );
    }
}
