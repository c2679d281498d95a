//! Loads a playbook: YAML text → `PlaybookDoc` (serde) → checked `Playbook`. Every problem is
//! located in the text, from serde's position for malformed YAML and from the YAML index for
//! problems found after deserialising.

use crate::domain::playbook::check;
use crate::domain::playbook::{Playbook, PlaybookDoc};
use crate::error::{Error, PlaybookProblem};
use crate::io::yaml_locate::{MAX_DEPTH, YamlIndex, too_deep};

/// The default playbook, shipped in the binary and written by `kam init`.
pub const DEFAULT_PLAYBOOK: &str = include_str!("../../assets/kam.yaml");

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
    let doc: PlaybookDoc = match serde_yaml::from_str(text) {
        Ok(doc) => doc,
        Err(e) => {
            let at = e.location().map_or(0, |l| l.index());
            let message = e.to_string();
            // serde_yaml appends " at line X column Y"; kam shows the position itself.
            let message = message.split(" at line ").next().unwrap_or(&message).to_string();
            return Err(fail(vec![PlaybookProblem {
                span: at..at,
                message,
                help: Some("the playbook format is described in docs/playbook.md".into()),
            }]));
        }
    };
    check::build(doc).map_err(|problems| {
        let index = YamlIndex::new(text);
        fail(
            problems
                .into_iter()
                .map(|p| {
                    let at = index.locate(&p.path);
                    PlaybookProblem {
                        span: at..at,
                        message: p.message,
                        help: p.help,
                    }
                })
                .collect(),
        )
    })
}

/// The embedded default playbook. It is checked by the test suite, so a failure here is a bug.
pub fn default_playbook() -> Result<Playbook, Error> {
    load(EMBEDDED_NAME, DEFAULT_PLAYBOOK)
}
