//! The TOML parser's messages in the playbook's words: the parser speaks English
//! ("invalid basic string, expected `\"`"); its common messages — an unclosed string, a missing
//! `=`, a key written twice, an invalid date — map to text ids, and what it expected is named
//! in the same words. A message kam does not know keeps the parser's own words.

use crate::domain::playbook::Words;

/// What the parser's description starts with, and the text id and English that say it.
const PROBLEMS: &[(&[&str], &str, &str)] = &[
    (
        &[
            "invalid basic string",
            "invalid multi-line basic string",
            "invalid literal string",
            "invalid multi-line literal string",
            "invalid string",
            "missing opening quote",
        ],
        "check.toml.string",
        "a string that is not closed or holds an invalid character",
    ),
    (
        &["string values must be quoted"],
        "check.toml.unquoted",
        "text must be written in quotes",
    ),
    (
        &["duplicate key"],
        "check.toml.duplicate",
        "a key or table written twice",
    ),
    (
        &["missing escaped value", "too few unicode value digits"],
        "check.toml.escape",
        "an invalid escape (`\\`) in a string",
    ),
    (
        &[
            "missing assignment between key-value pairs",
            "key with no value",
            "missing value for key",
            "missing value",
        ],
        "check.toml.missing_value",
        "a key without `=` and a value",
    ),
    (
        &[
            "extra `=`",
            "extra assignment between key-value pairs",
            "unexpected `=` in array",
        ],
        "check.toml.extra_equals",
        "one `=` too many",
    ),
    (
        &[
            "unclosed table",
            "unclosed array table",
            "missing table open",
            "invalid table",
        ],
        "check.toml.header",
        "a table header that is not closed",
    ),
    (
        &[
            "unclosed array",
            "missing comma between array elements",
            "extra comma in array",
            "missing array opening",
        ],
        "check.toml.array",
        "a list (`[…]`) that is not closed, or lacks a comma",
    ),
    (
        &[
            "unclosed inline table",
            "missing comma between key-value pairs",
            "extra comma in inline table",
            "missing key for inline table element",
            "invalid inline table element",
            "missing inline table opening",
        ],
        "check.toml.inline_table",
        "an inline table (`{…}`) that is not closed, or lacks a comma",
    ),
    (
        &[
            "invalid key",
            "invalid unquoted key",
            "unquoted keys cannot be empty",
            "keys cannot be multi-line",
        ],
        "check.toml.key",
        "an invalid key (keys are letters, digits, `_` and `-`, or text in quotes)",
    ),
    (
        &[
            "invalid date",
            "invalid time",
            "invalid datetime",
            "invalid year",
            "invalid month",
            "invalid day",
            "invalid hour",
            "invalid minute",
            "invalid second",
            "invalid offset",
            "invalid nanosecond",
        ],
        "check.toml.date",
        "an invalid date or time",
    ),
    (
        &["invalid boolean"],
        "check.toml.boolean",
        "an invalid boolean (write true or false)",
    ),
    (
        &[
            "invalid integer",
            "invalid float",
            "invalid hexadecimal",
            "invalid octal",
            "invalid binary",
            "invalid mantissa",
            "invalid fraction",
            "invalid exponent",
            "unexpected leading zero",
            "redundant numeric sign",
            "redundant integer number prefix",
            "unexpected sign",
            "integers with a radix",
            "radix must be lowercase",
            "`_` may only go between digits",
        ],
        "check.toml.number",
        "an invalid number",
    ),
    (
        &["cannot recurse further", "recursion limit"],
        "check.toml.too_deep",
        "values nested too deeply",
    ),
    (
        &["cannot extend value of type"],
        "check.toml.dotted",
        "a dotted key adds to a value that is not a table",
    ),
    (
        &[
            "unexpected content",
            "unexpected key or value",
            "invalid comment character",
            "missing comment start",
            "carriage return must be followed by newline",
            "invalid key-value pair",
            "invalid value",
        ],
        "check.toml.unexpected",
        "unexpected text here",
    ),
];

/// What the parser expected, in words: a character in backquotes stays as it is.
fn expected(pb: Words<'_>, what: &str) -> String {
    let words = match what.trim() {
        "newline" => pb.text("check.toml.expect.newline", "a line break"),
        "nothing" => pb.text("check.toml.expect.nothing", "nothing more"),
        "key" => pb.text("check.toml.expect.key", "a key"),
        "value" => pb.text("check.toml.expect.value", "a value"),
        "digits" | "numbers" => pb.text("check.toml.expect.digits", "digits"),
        "letters" => pb.text("check.toml.expect.letters", "letters"),
        "basic string" | "multi-line basic string" | "literal string" => {
            pb.text("check.toml.expect.string", "a string")
        }
        "unicode hexadecimal value" => pb.text("check.toml.expect.hex", "hexadecimal digits"),
        w if w.contains("characters") => pb.text("check.toml.expect.characters", "characters"),
        w => return w.to_string(),
    };
    words.to_string()
}

/// The parser's message ("invalid basic string, expected \`\"\`") in the playbook's words
/// ("invalid TOML: a string that is not closed or holds an invalid character (expected \`\"\`)").
pub fn syntax_message(pb: Words<'_>, parser: &str) -> String {
    let parser = parser.trim();
    if parser.is_empty() {
        return pb.text("check.toml.invalid", "invalid TOML").to_string();
    }
    let (problem, wanted) = match parser.split_once(", expected ") {
        Some((p, w)) => (p, Some(w)),
        None => (parser, None),
    };
    let detail = PROBLEMS
        .iter()
        .find(|(starts, _, _)| starts.iter().any(|s| problem.starts_with(s)))
        .map_or_else(
            || problem.to_string(),
            |(_, id, english)| pb.text(id, english).to_string(),
        );
    let detail = match wanted {
        Some(w) => {
            let list: Vec<String> = w.split(", ").map(|e| expected(pb, e)).collect();
            let sep = pb.text("report.list_separator", ", ");
            pb.fill(
                "check.toml.expected",
                "{problem} (expected {expected})",
                &[("problem", &detail), ("expected", &list.join(sep))],
            )
        }
        None => detail,
    };
    pb.fill("check.toml.message", "invalid TOML: {detail}", &[("detail", &detail)])
}
