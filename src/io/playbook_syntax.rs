//! YAML that does not parse, said in plain words and pointed at the real cause. The YAML
//! parser reports where it gave up; for a quote left open that is lines later (a quoted string
//! runs on to the next quote, often inside a comment), so the opening quote is found and shown.

/// A YAML syntax problem: where, what and what to do.
pub struct SyntaxProblem {
    pub at: usize,
    pub message: String,
    pub help: String,
}

/// Reads the parser's message (`problem at line L column C, context at line …`) into a located
/// problem in plain words. `at` is where the parser stopped.
pub fn explain(text: &str, message: &str, at: usize) -> SyntaxProblem {
    if let Some(open) = open_quote_before(text, at) {
        return SyntaxProblem {
            at: open,
            message: "this quoted text is not closed on its line".into(),
            help:
                "close the quote on the same line; YAML reads on to the next quote it finds, which breaks what follows"
                    .into(),
        };
    }
    let problem = message.split(" at line ").next().unwrap_or(message);
    let problem = problem.split(", while ").next().unwrap_or(problem);
    let (message, help) = if problem.starts_with("mapping values are not allowed") {
        (
            "a `key: value` where YAML expects none".to_string(),
            "put text that holds `: ` in quotes, or check the indentation of this line".to_string(),
        )
    } else if problem.starts_with("did not find expected key")
        || problem.starts_with("did not find expected '-' indicator")
    {
        (
            "this line does not fit the lines above it".to_string(),
            "check its indentation: entries of one mapping or list start in the same column".to_string(),
        )
    } else if problem.starts_with("found character that cannot start any token") {
        (
            "a character that cannot start a value here".to_string(),
            "YAML indents with spaces, not tabs; put text starting with `@` or a backquote in quotes".to_string(),
        )
    } else if let Some(rest) = problem.strip_prefix("duplicate entry with key ") {
        (
            format!("the key {rest} is written twice in this mapping"),
            "keep one of them".to_string(),
        )
    } else if problem.contains("recursion limit exceeded") || problem.contains("repetition limit exceeded") {
        (
            "the playbook nests or repeats (through aliases) far more than a playbook needs".to_string(),
            "write the playbook without deep nesting or alias chains".to_string(),
        )
    } else {
        (
            format!("the YAML cannot be read: {problem}"),
            "the playbook format is described in docs/playbook.md".to_string(),
        )
    };
    SyntaxProblem { at, message, help }
}

/// The offset of a quote that opens a value and is not closed on its line, on or before the line
/// of `at` (the last such quote, the one the parser was still reading).
fn open_quote_before(text: &str, at: usize) -> Option<usize> {
    let end = text[at.min(text.len())..].find('\n').map_or(text.len(), |i| at + i);
    let mut found = None;
    let mut start = 0;
    for line in text[..end].split_inclusive('\n') {
        if let Some(col) = unclosed_quote(line) {
            found = Some(start + col);
        }
        start += line.len();
    }
    found
}

/// The column of a quote opening a value (`key: "…`, `- '…`, `{ a: "…`) that the line does not
/// close.
fn unclosed_quote(line: &str) -> Option<usize> {
    let line = line.trim_end_matches(['\n', '\r']);
    let bytes = line.as_bytes();
    // The last character that was not a space: a quote after one of these opens a value.
    let mut before = b' ';
    let mut at_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'#' && (at_start || bytes[i - 1] == b' ') {
            return None;
        }
        if (c == b'"' || c == b'\'') && (at_start || matches!(before, b':' | b'-' | b'[' | b'{' | b',' | b'?')) {
            let mut j = i + 1;
            loop {
                match bytes.get(j) {
                    None => return Some(i),
                    Some(b'\\') if c == b'"' => j += 2,
                    Some(&q) if q == c && c == b'\'' && bytes.get(j + 1) == Some(&b'\'') => j += 2,
                    Some(&q) if q == c => break,
                    Some(_) => j += 1,
                }
            }
            i = j + 1;
            before = c;
            at_start = false;
            continue;
        }
        if c != b' ' {
            before = c;
            at_start = false;
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_quote_left_open() {
        let text = "a: 1\nb: \"open\nc: 2\n# a \"comment\"\n";
        let at = text.find("comment").unwrap();
        let p = explain(text, "did not find expected key at line 4 column 10", at);
        assert_eq!(&text[p.at..p.at + 5], "\"open");
        assert_eq!(unclosed_quote("  - label: 'it''s'\n"), None);
        assert_eq!(unclosed_quote("  - 'it''s\n"), Some(4));
        assert_eq!(unclosed_quote("x: \"a \\\" b\"\n"), None);
        assert_eq!(unclosed_quote("  - { id: a, help: \"open }\n"), Some(19));
        assert_eq!(unclosed_quote("  - { id: a, help: \"closed\" } # it's\n"), None);
    }

    #[test]
    fn says_common_problems_plainly() {
        let p = explain(
            "a: b: c\n",
            "mapping values are not allowed in this context at line 1 column 5",
            4,
        );
        assert!(p.message.contains("`key: value`"), "{}", p.message);
    }
}
