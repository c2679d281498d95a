//! Checks a deserialised playbook for what serde cannot see: references between its parts
//! (stage ids, enum names, record types, rule paths), duplicate ids, tier rules that leave a gap,
//! weights that are not positive. Every problem is collected with the path of the offending YAML
//! node (`stages.1.exit.2.auto`), which the I/O layer turns into a line number.

mod after_deal;
mod fields;
pub mod method;
mod rules;
mod scoring;

pub use scoring::{MAX_AMOUNT, MAX_DAYS, MAX_WEIGHT};

use std::collections::{HashMap, HashSet};

use crate::domain::playbook::{CORE_RECORDS, Field, Kind, Playbook, PlaybookDoc, Required};

/// One thing wrong with a playbook.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Dotted path of the YAML node (list items by index).
    pub path: String,
    pub message: String,
    pub help: Option<String>,
}

/// Keys of an account file that kam itself gives meaning to.
pub const RESERVED: [&str; 12] = [
    "contacts",
    "competitors",
    "visits",
    "plan",
    "receptions",
    "ratings",
    "checklist",
    "history",
    "contracts",
    "receivables",
    "aftercare",
    "retrospective",
];

/// Validates `doc` and builds the playbook, or returns every problem found.
pub fn build(mut doc: PlaybookDoc) -> Result<Playbook, Vec<Problem>> {
    let mut c = Checker {
        doc: &doc,
        problems: Vec::new(),
    };
    c.check_all();
    if !c.problems.is_empty() {
        return Err(c.problems);
    }
    let stage_index: std::collections::HashMap<String, usize> =
        doc.stages.iter().enumerate().map(|(i, s)| (s.id.clone(), i)).collect();
    resolve_fields(&mut doc, &stage_index);
    Ok(Playbook { doc, stage_index })
}

/// Fills each field's resolved stage position and allowed values (see `Field::required_from`).
fn resolve_fields(doc: &mut PlaybookDoc, stages: &std::collections::HashMap<String, usize>) {
    let enums: std::collections::HashMap<String, std::sync::Arc<[crate::domain::playbook::EnumValue]>> = doc
        .enums
        .iter()
        .map(|(k, v)| (k.clone(), std::sync::Arc::from(v.as_slice())))
        .collect();
    let resolve = |f: &mut Field| {
        if let Required::FromStage(s) = &f.required {
            f.required_from = stages.get(s).copied();
        }
        let name = if f.kind == Kind::Keyed {
            f.keys.as_ref()
        } else {
            f.values.as_ref()
        };
        f.allowed = name.and_then(|n| enums.get(n)).cloned();
    };
    doc.account.fields.iter_mut().for_each(resolve);
    doc.archive
        .iter_mut()
        .flat_map(|g| g.fields.iter_mut())
        .for_each(resolve);
    doc.records
        .values_mut()
        .flat_map(|r| r.fields.iter_mut())
        .for_each(resolve);
    doc.retrospective
        .iter_mut()
        .flat_map(|r| r.parts.iter_mut())
        .flat_map(|p| p.fields.iter_mut())
        .for_each(resolve);
}

struct Checker<'a> {
    doc: &'a PlaybookDoc,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn problem(&mut self, path: impl Into<String>, message: impl Into<String>, help: Option<String>) {
        self.problems.push(Problem {
            path: path.into(),
            message: message.into(),
            help,
        });
    }

    fn check_all(&mut self) {
        let doc = self.doc;
        if doc.kam != 1 {
            self.problem(
                "kam",
                format!("this kam reads playbook format 1, not {}", doc.kam),
                Some("set `kam: 1`".into()),
            );
        }
        self.check_enums();
        self.check_stages_and_outcomes();
        self.check_record_type("account", &doc.account);
        self.check_core_fields();
        self.check_archive();
        for (name, record) in &doc.records {
            self.check_record_type(&format!("records.{name}"), record);
        }
        for name in CORE_RECORDS {
            if !doc.records.contains_key(name) {
                self.problem(
                    "records",
                    format!("record type `{name}` is missing"),
                    Some(format!("account files hold [[{name}]]; define `records.{name}`")),
                );
            }
        }
        self.check_rules();
        self.check_scoring();
        self.check_cadence_and_policy();
        self.check_guidance();
        self.check_approvals();
        self.check_classes();
        self.check_planning();
        self.check_after_deal();
        self.check_retrospective();
    }

    fn check_enums(&mut self) {
        for (name, values) in &self.doc.enums {
            let path = format!("enums.{name}");
            if values.is_empty() {
                self.problem(&path, format!("enumeration `{name}` has no values"), None);
            }
            let mut seen = HashSet::new();
            for (i, v) in values.iter().enumerate() {
                if !seen.insert(v.id.as_str()) {
                    self.problem(
                        format!("{path}.{i}"),
                        format!("duplicate value `{}` in enumeration `{name}`", v.id),
                        None,
                    );
                }
                if let Some(layer) = &v.layer
                    && self
                        .doc
                        .enums
                        .get("layer")
                        .is_some_and(|l| !l.iter().any(|x| &x.id == layer))
                {
                    self.problem(
                        format!("{path}.{i}.layer"),
                        format!("unknown layer `{layer}`"),
                        Some(format!("layers: {}", self.enum_ids("layer"))),
                    );
                }
            }
        }
    }

    fn enum_ids(&self, name: &str) -> String {
        self.doc.enums.get(name).map_or_else(String::new, |values| {
            values.iter().map(|v| v.id.as_str()).collect::<Vec<_>>().join(", ")
        })
    }

    fn stage_ids(&self) -> String {
        self.doc
            .stages
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn check_stages_and_outcomes(&mut self) {
        let doc = self.doc;
        if doc.stages.is_empty() {
            self.problem("stages", "the playbook has no stages", None);
        }
        let mut ids: HashMap<&str, String> = HashMap::new();
        let mut items: HashMap<&str, String> = HashMap::new();
        for (i, stage) in doc.stages.iter().enumerate() {
            let path = format!("stages.{i}");
            if let Some(first) = ids.insert(&stage.id, path.clone()) {
                self.problem(
                    format!("{path}.id"),
                    format!("duplicate stage id `{}`", stage.id),
                    Some(format!("first defined at {first}")),
                );
            }
            if let Some(p) = stage.probability
                && !(0.0..=100.0).contains(&p)
            {
                self.problem(
                    format!("{path}.probability"),
                    format!(
                        "stage `{}` has probability {p}; a probability is a percentage",
                        stage.id
                    ),
                    Some("write a number from 0 to 100, e.g. `probability: 40`".into()),
                );
            }
            for (j, item) in stage.exit.iter().enumerate() {
                let ipath = format!("{path}.exit.{j}");
                if let Some(first) = items.insert(&item.id, ipath.clone()) {
                    self.problem(
                        format!("{ipath}.id"),
                        format!("duplicate exit item id `{}`", item.id),
                        Some(format!(
                            "item ids are unique across stages (the account's [checklist] uses them); first at {first}"
                        )),
                    );
                }
                match (&item.auto, &item.evidence) {
                    (Some(_), Some(_)) => self.problem(
                        ipath,
                        format!("exit item `{}` has both `auto` and `evidence`", item.id),
                        Some("an item is either checked by a rule or met by written evidence".into()),
                    ),
                    (None, None) => self.problem(
                        ipath,
                        format!("exit item `{}` has neither `auto` nor `evidence`", item.id),
                        Some("add `auto: { … }` (a rule) or `evidence: \"what it must show\"`".into()),
                    ),
                    _ => {}
                }
            }
        }
        for (i, outcome) in doc.outcomes.iter().enumerate() {
            if let Some(first) = ids.insert(&outcome.id, format!("outcomes.{i}")) {
                self.problem(
                    format!("outcomes.{i}.id"),
                    format!("outcome `{}` clashes with another stage or outcome", outcome.id),
                    Some(format!("first defined at {first}")),
                );
            }
        }
        for needed in ["won", "lost", "paused"] {
            if !doc.outcomes.iter().any(|o| o.id == needed) {
                self.problem(
                    "outcomes",
                    format!("outcome `{needed}` is missing"),
                    Some("kam needs the outcomes won, lost and paused".into()),
                );
            }
        }
    }
}
