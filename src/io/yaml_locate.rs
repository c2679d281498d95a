//! Finds where a node of a YAML document sits. serde gives kam the playbook's data but not its
//! positions; this walks the document's events once and records the position of every node by
//! its dotted path (`stages.1.exit.0.auto`), so problems found later can name a line.
//!
//! Playbooks come from pull requests too: [`too_deep`] finds nesting deeper than any playbook
//! needs before anything else reads the text, and positions are converted in one pass, so both
//! walks stay linear in the size of the text.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser};

enum Frame {
    Map { key: Option<String> },
    Seq { index: usize },
}

/// Byte offsets of every node of the document, by dotted path. A mapping entry is located at
/// its value when that is a scalar, else at its key.
pub struct YamlIndex {
    offsets: HashMap<String, usize>,
    /// Where each mapping entry's key is written.
    keys: HashMap<String, usize>,
}

/// Converts the parser's character positions to byte offsets, walking forward from the last
/// one: events come in text order, so the whole walk reads the text once.
struct Bytes<'t> {
    text: &'t str,
    /// Characters and bytes before the last position converted.
    chars: usize,
    at: usize,
}

impl Bytes<'_> {
    fn at(&mut self, chars: usize) -> usize {
        if chars < self.chars {
            self.chars = 0;
            self.at = 0;
        }
        let mut rest = self.text[self.at..].chars();
        while self.chars < chars {
            let Some(c) = rest.next() else { break };
            self.at += c.len_utf8();
            self.chars += 1;
        }
        self.at
    }
}

/// The deepest nesting of mappings and sequences a playbook may have; the default playbook
/// needs 8.
pub const MAX_DEPTH: usize = 32;

/// The byte offset where the text nests deeper than `max` levels, if it does.
pub fn too_deep(text: &str, max: usize) -> Option<usize> {
    let mut bytes = Bytes { text, chars: 0, at: 0 };
    let mut depth = 0usize;
    for event in Parser::new_from_str(text) {
        let Ok((event, span)) = event else { return None };
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                depth += 1;
                if depth > max {
                    return Some(bytes.at(span.start.index()));
                }
            }
            Event::MappingEnd | Event::SequenceEnd => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

impl YamlIndex {
    pub fn new(text: &str) -> YamlIndex {
        let mut bytes = Bytes { text, chars: 0, at: 0 };
        let mut offsets = HashMap::new();
        let mut keys = HashMap::new();
        let mut stack: Vec<Frame> = Vec::new();
        let mut path: Vec<String> = Vec::new();
        for event in Parser::new_from_str(text) {
            let Ok((event, span)) = event else { break };
            let at = bytes.at(span.start.index());
            let is_start = matches!(event, Event::MappingStart(..) | Event::SequenceStart(..));
            let is_node = is_start || matches!(event, Event::Scalar(..) | Event::Alias(..));
            if matches!(event, Event::MappingEnd | Event::SequenceEnd) {
                stack.pop();
                path.pop();
                advance(&mut stack);
                continue;
            }
            if !is_node {
                continue;
            }
            // A scalar in key position names the next entry.
            if let (Some(Frame::Map { key: key @ None }), Event::Scalar(s, ..)) = (stack.last_mut(), &event) {
                *key = Some(s.to_string());
                offsets.insert(join(&path, s), at);
                keys.insert(join(&path, s), at);
                continue;
            }
            let segment = match stack.last() {
                Some(Frame::Map { key: Some(k) }) => Some(k.clone()),
                Some(Frame::Seq { index }) => Some(index.to_string()),
                _ => None,
            };
            if let Some(seg) = &segment {
                let entry = join(&path, seg);
                if is_start {
                    offsets.entry(entry).or_insert(at);
                } else {
                    offsets.insert(entry, at);
                }
            }
            if is_start {
                path.push(segment.unwrap_or_default());
                stack.push(if matches!(event, Event::MappingStart(..)) {
                    Frame::Map { key: None }
                } else {
                    Frame::Seq { index: 0 }
                });
            } else {
                advance(&mut stack);
            }
        }
        YamlIndex { offsets, keys }
    }

    /// The offset of the key of the entry at `path`, else as [`YamlIndex::locate`].
    pub fn locate_key(&self, path: &str) -> usize {
        self.keys.get(path).copied().unwrap_or_else(|| self.locate(path))
    }

    /// The offset of `path`, or of its nearest located ancestor.
    pub fn locate(&self, path: &str) -> usize {
        let mut p = path;
        loop {
            if let Some(&at) = self.offsets.get(p) {
                return at;
            }
            match p.rfind('.') {
                Some(i) => p = &p[..i],
                None => return 0,
            }
        }
    }
}

/// The dotted path of `segment` under `path` (the document root has an empty segment).
fn join(path: &[String], segment: &str) -> String {
    let mut out = String::new();
    for part in path
        .iter()
        .map(String::as_str)
        .chain([segment])
        .filter(|p| !p.is_empty())
    {
        if !out.is_empty() {
            out.push('.');
        }
        out.push_str(part);
    }
    out
}

/// After a complete node: a mapping waits for its next key, a sequence counts the item.
fn advance(stack: &mut [Frame]) {
    match stack.last_mut() {
        Some(Frame::Map { key }) => *key = None,
        Some(Frame::Seq { index }) => *index += 1,
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line_of(text: &str, path: &str) -> usize {
        let at = YamlIndex::new(text).locate(path);
        text[..at].matches('\n').count() + 1
    }

    #[test]
    fn locates_nested_paths() {
        let text =
            "a: 1\nstages:\n  - id: one\n    exit:\n      - id: x\n        auto: { filled: [b.c] }\n  - id: two\n";
        assert_eq!(line_of(text, "a"), 1);
        assert_eq!(line_of(text, "stages.0.id"), 3);
        assert_eq!(line_of(text, "stages.0.exit.0.auto"), 6);
        assert_eq!(line_of(text, "stages.0.exit.0.auto.filled.0"), 6);
        assert_eq!(line_of(text, "stages.1.id"), 7);
        // Unknown leaves fall back to the nearest ancestor.
        assert_eq!(line_of(text, "stages.1.nothing.here"), 7);
    }

    #[test]
    fn handles_flow_style_and_points_at_values() {
        let text = "enums:\n  layer: [a, b]\nf: { kind: enum, values: nope }\n";
        let idx = YamlIndex::new(text);
        assert_eq!(&text[idx.locate("f.values")..idx.locate("f.values") + 4], "nope");
        let b = idx.locate("enums.layer.1");
        assert_eq!(&text[b..=b], "b");
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "名字: 华东\nf: { a: 1, b: 二 }\n";
        let idx = YamlIndex::new(text);
        let b = idx.locate("f.b");
        assert_eq!(&text[b..b + 3], "二");
    }

    #[test]
    fn deep_nesting_is_found_in_one_pass() {
        let deep = format!("{}1{}", "{a: ".repeat(40), "}".repeat(40));
        let at = too_deep(&deep, MAX_DEPTH).unwrap();
        assert_eq!(at, 4 * MAX_DEPTH);
        assert_eq!(too_deep("a: {b: [1, {c: 2}]}\n", MAX_DEPTH), None);
    }
}
