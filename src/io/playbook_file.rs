//! Loads a playbook: YAML text → value tree → `PlaybookDoc` (serde, repaired problem by problem
//! in `playbook_shape`) → checked `Playbook`. Every problem of one run is reported together and
//! located in the text: from the parser's position for malformed YAML (`playbook_syntax`), from
//! the YAML index for problems of shape and of meaning.

use crate::domain::playbook::Playbook;
use crate::domain::playbook::check;
use crate::error::{Error, PlaybookProblem};
use crate::io::yaml_locate::{MAX_DEPTH, YamlIndex, too_deep};
use crate::io::{playbook_shape, playbook_syntax};

/// The default playbook, shipped in the binary and written by `kam init`.
pub const DEFAULT_PLAYBOOK: &str = include_str!("../../assets/kam.yaml");

/// The playbooks `kam init --playbook NAME` can start from, by name: the English default and
/// the examples of `examples/playbooks/`, embedded in the binary.
pub const PLAYBOOKS: [(&str, &str); 2] = [
    ("en", DEFAULT_PLAYBOOK),
    ("zh-CN", include_str!("../../examples/playbooks/zh-CN.yaml")),
];

/// The text of a playbook of [`PLAYBOOKS`] by name (case does not matter).
pub fn embedded(name: &str) -> Option<&'static str> {
    PLAYBOOKS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, text)| *text)
}

/// Name shown for the embedded playbook in messages.
pub const EMBEDDED_NAME: &str = "<embedded default playbook>";

/// Parses and checks a playbook's text. `name` is how messages refer to the file.
pub fn load(name: &str, text: &str) -> Result<Playbook, Error> {
    let fail = |problems| Error::Playbook {
        name: name.to_string(),
        text: text.to_string(),
        problems,
    };
    // Nesting no playbook needs is refused before the YAML is deserialised: a pull request must
    // not make loading the playbook take minutes.
    if let Some(at) = too_deep(text, MAX_DEPTH) {
        return Err(fail(vec![PlaybookProblem {
            span: at..at,
            message: format!("the playbook nests mappings and lists more than {MAX_DEPTH} levels deep"),
            help: Some("a playbook needs a few levels; see docs/playbook.md for its shape".into()),
        }]));
    }
    let value: serde_yaml::Value = match serde_yaml::from_str(text) {
        Ok(value) => value,
        Err(e) => {
            let at = e.location().map_or(0, |l| l.index());
            let p = playbook_syntax::explain(text, &e.to_string(), at);
            return Err(fail(vec![PlaybookProblem {
                span: p.at..p.at,
                message: p.message,
                help: Some(p.help),
            }]));
        }
    };
    // Where a problem sits in the text is only needed when there is a problem: the index costs a
    // second parse of the YAML, which every command would otherwise pay on a valid playbook.
    let index = std::cell::OnceCell::new();
    let index = || index.get_or_init(|| YamlIndex::new(text));
    let mut shaped = playbook_shape::shape(value);
    let mut problems: Vec<PlaybookProblem> = shaped
        .problems
        .iter()
        .map(|p| {
            let at = if p.at_key {
                index().locate_key(&p.path)
            } else {
                index().locate(&p.path)
            };
            PlaybookProblem {
                span: at..at,
                message: p.message.clone(),
                help: p.help.clone(),
            }
        })
        .collect();
    let Some(doc) = shaped.doc.take() else {
        return Err(fail(problems));
    };
    match check::build(doc) {
        Ok(playbook) if problems.is_empty() => Ok(playbook),
        Ok(_) => Err(fail(problems)),
        Err(found) => {
            // What the repairs put in place is not the user's: checks of it would only repeat
            // the shape problems already reported.
            let under = |path: &str, repaired: &str| path == repaired || path.starts_with(&format!("{repaired}."));
            for p in found {
                let path = shaped.original(&p.path);
                if shaped.repaired.iter().any(|r| under(&path, r)) {
                    continue;
                }
                let at = index().locate(&path);
                problems.push(PlaybookProblem {
                    span: at..at,
                    message: p.message,
                    help: p.help,
                });
            }
            problems.sort_by_key(|p| p.span.start);
            Err(fail(problems))
        }
    }
}

/// The embedded default playbook. It is checked by the test suite, so a failure here is a bug.
pub fn default_playbook() -> Result<Playbook, Error> {
    load(EMBEDDED_NAME, DEFAULT_PLAYBOOK)
}
