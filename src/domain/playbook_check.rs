//! Checks a deserialised playbook for what serde cannot see: references between its parts
//! (stage ids, enum names, record types, rule paths), duplicate ids, tier rules that leave a gap,
//! weights that are not positive. Every problem is collected with the path of the offending YAML
//! node (`stages.1.exit.2.auto`), which the I/O layer turns into a line number.

use std::collections::{HashMap, HashSet};

use crate::domain::playbook::{Field, Kind, Playbook, PlaybookDoc, RecordType, Required, TOP_RECORDS};
use crate::domain::rule::{Cond, Rule, Scalar};
use crate::domain::tier::find_gap;

/// One thing wrong with a playbook.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Dotted path of the YAML node (list items by index).
    pub path: String,
    pub message: String,
    pub help: Option<String>,
}

/// Keys of an account file that kam itself gives meaning to.
pub const RESERVED: [&str; 7] = [
    "contacts",
    "competitors",
    "visits",
    "plan",
    "ratings",
    "checklist",
    "history",
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
        for name in TOP_RECORDS {
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

    fn check_core_fields(&mut self) {
        let needs: [(&str, &[(&str, Kind)]); 3] = [
            (
                "account",
                &[
                    ("id", Kind::Text),
                    ("name", Kind::Text),
                    ("owner", Kind::Text),
                    ("stage", Kind::Text),
                ],
            ),
            ("records.contacts", &[("id", Kind::Text), ("name", Kind::Text)]),
            ("records.visits", &[("date", Kind::Date)]),
        ];
        for (path, fields) in needs {
            let record = if path == "account" {
                Some(&self.doc.account)
            } else {
                self.doc.records.get(path.trim_start_matches("records."))
            };
            let Some(record) = record else { continue };
            for (id, kind) in fields {
                match record.field(id) {
                    Some(f) if f.kind == *kind => {}
                    Some(f) => self.problem(
                        format!("{path}.fields"),
                        format!("field `{id}` must be of kind {kind:?}, not {:?}", f.kind),
                        Some("kam relies on this field".into()),
                    ),
                    None => self.problem(
                        format!("{path}.fields"),
                        format!("field `{id}` is missing"),
                        Some(format!("kam relies on `{id}` ({})", kind.describe())),
                    ),
                }
            }
        }
    }

    fn check_archive(&mut self) {
        let mut seen: HashSet<&str> = HashSet::new();
        let account_ids: HashSet<&str> = self.doc.account.fields.iter().map(|f| f.id.as_str()).collect();
        for (i, group) in self.doc.archive.iter().enumerate() {
            let path = format!("archive.{i}");
            if !seen.insert(&group.id) {
                self.problem(format!("{path}.id"), format!("duplicate group id `{}`", group.id), None);
            }
            if RESERVED.contains(&group.id.as_str()) || account_ids.contains(group.id.as_str()) {
                self.problem(
                    format!("{path}.id"),
                    format!("group id `{}` is taken by the account format", group.id),
                    Some(format!("reserved: {}", RESERVED.join(", "))),
                );
            }
            self.check_fields(&path, &group.fields);
        }
    }

    fn check_record_type(&mut self, path: &str, record: &RecordType) {
        self.check_fields(path, &record.fields);
    }

    fn check_fields(&mut self, path: &str, fields: &[Field]) {
        let mut seen = HashSet::new();
        for (i, field) in fields.iter().enumerate() {
            let fpath = format!("{path}.fields.{i}");
            if !seen.insert(field.id.as_str()) {
                self.problem(
                    format!("{fpath}.id"),
                    format!("duplicate field id `{}`", field.id),
                    None,
                );
            }
            self.check_field(&fpath, field);
        }
    }

    fn check_field(&mut self, path: &str, field: &Field) {
        let uses_values = matches!(field.kind, Kind::Enum | Kind::EnumList);
        match (&field.values, uses_values) {
            (None, true) => self.problem(
                path,
                format!("field `{}` of kind {:?} needs `values`", field.id, field.kind),
                Some(format!("name an enumeration: {}", self.known_enums())),
            ),
            (Some(name), true) if !self.doc.enums.contains_key(name) => self.problem(
                format!("{path}.values"),
                format!("unknown enumeration `{name}`"),
                Some(format!("known: {}", self.known_enums())),
            ),
            (Some(_), false) => self.problem(
                format!("{path}.values"),
                format!(
                    "`values` only applies to enum and enum_list fields, not {:?}",
                    field.kind
                ),
                None,
            ),
            _ => {}
        }
        if field.kind == Kind::Keyed {
            match &field.keys {
                None => self.problem(path, format!("keyed field `{}` needs `keys`", field.id), None),
                Some(k) if !self.doc.enums.contains_key(k) => self.problem(
                    format!("{path}.keys"),
                    format!("unknown enumeration `{k}`"),
                    Some(format!("known: {}", self.known_enums())),
                ),
                _ => {}
            }
        } else if field.keys.is_some() {
            self.problem(format!("{path}.keys"), "`keys` only applies to keyed fields", None);
        }
        if matches!(field.kind, Kind::Keyed | Kind::Records) {
            match &field.record {
                None => self.problem(path, format!("field `{}` needs `record`", field.id), None),
                Some(r) if !self.doc.records.contains_key(r) => self.problem(
                    format!("{path}.record"),
                    format!("unknown record type `{r}`"),
                    Some(format!(
                        "known: {}",
                        self.doc.records.keys().cloned().collect::<Vec<_>>().join(", ")
                    )),
                ),
                _ => {}
            }
        } else if field.record.is_some() {
            self.problem(
                format!("{path}.record"),
                "`record` only applies to records and keyed fields",
                None,
            );
        }
        if let Required::FromStage(stage) = &field.required
            && !self.doc.stages.iter().any(|s| &s.id == stage)
        {
            self.problem(
                format!("{path}.required"),
                format!("unknown stage `{stage}`"),
                Some(format!("use never, always or a stage id: {}", self.stage_ids())),
            );
        }
        if let Some(default) = &field.default {
            self.check_default(path, field, default);
        }
    }

    fn check_default(&mut self, path: &str, field: &Field, default: &str) {
        let ok = match field.kind {
            Kind::Enum => field
                .values
                .as_ref()
                .and_then(|n| self.doc.enums.get(n))
                .is_none_or(|vals| vals.iter().any(|v| v.id == default)),
            Kind::Integer => default.parse::<i64>().is_ok(),
            Kind::Number | Kind::Money | Kind::Percent => default.parse::<f64>().is_ok(),
            Kind::Rating => matches!(default.parse::<u8>(), Ok(1..=5)),
            Kind::Bool => matches!(default, "true" | "false"),
            Kind::Text | Kind::Email | Kind::Url | Kind::Phone | Kind::Date | Kind::Contact => true,
            _ => false,
        };
        if !ok {
            let help = match field.kind {
                Kind::Enum => Some(format!(
                    "allowed: {}",
                    field.values.as_deref().map(|n| self.enum_ids(n)).unwrap_or_default()
                )),
                _ => Some(format!("expected {}", field.kind.describe())),
            };
            self.problem(
                format!("{path}.default"),
                format!("default `{default}` of field `{}` is not allowed", field.id),
                help,
            );
        }
    }

    fn known_enums(&self) -> String {
        self.doc.enums.keys().cloned().collect::<Vec<_>>().join(", ")
    }

    fn check_rules(&mut self) {
        for (i, stage) in self.doc.stages.iter().enumerate() {
            for (j, item) in stage.exit.iter().enumerate() {
                if let Some(rule) = &item.auto {
                    self.check_rule(&format!("stages.{i}.exit.{j}.auto"), rule);
                }
            }
        }
    }

    fn check_rule(&mut self, path: &str, rule: &Rule) {
        let doc = self.doc;
        match rule {
            Rule::Filled(paths) => {
                if paths.is_empty() {
                    self.problem(format!("{path}.filled"), "`filled` lists no fields", None);
                }
                for (k, p) in paths.iter().enumerate() {
                    let known = p
                        .split_once('.')
                        .and_then(|(g, f)| doc.archive.iter().find(|x| x.id == g)?.field(f))
                        .is_some();
                    if !known {
                        self.problem(
                            format!("{path}.filled.{k}"),
                            format!("unknown archive field `{p}`"),
                            Some("write group.field, e.g. company.industry".into()),
                        );
                    }
                }
            }
            Rule::Records(r) => {
                let rpath = format!("{path}.records");
                let Some(record) = doc.records.get(&r.of).filter(|_| TOP_RECORDS.contains(&r.of.as_str())) else {
                    self.problem(
                        format!("{rpath}.of"),
                        format!("`{}` is not a record list of the account", r.of),
                        Some(format!("use one of: {}", TOP_RECORDS.join(", "))),
                    );
                    return;
                };
                for (name, cond) in &r.filter {
                    self.check_cond(&format!("{rpath}.where.{name}"), &r.of, record, name, cond);
                }
                for (k, has) in r.has.iter().enumerate() {
                    if record.field(has).is_none() {
                        self.unknown_record_field(&format!("{rpath}.has.{k}"), &r.of, record, has);
                    }
                }
            }
            Rule::Keyed(k) => {
                let kpath = format!("{path}.keyed");
                let field = doc.archive.iter().find_map(|g| {
                    let (group, f) = k.field.split_once('.')?;
                    (g.id == group).then(|| g.field(f)).flatten()
                });
                let Some(field) = field.filter(|f| f.kind == Kind::Keyed) else {
                    self.problem(
                        format!("{kpath}.field"),
                        format!("`{}` is not a keyed archive field", k.field),
                        Some("name a field of kind keyed, e.g. procurement.steps".into()),
                    );
                    return;
                };
                if let Some(record) = field.record.as_ref().and_then(|r| doc.records.get(r)) {
                    for (n, has) in k.has.iter().enumerate() {
                        if record.field(has).is_none() {
                            let name = field.record.clone().unwrap_or_default();
                            self.unknown_record_field(&format!("{kpath}.has.{n}"), &name, record, has);
                        }
                    }
                }
            }
            Rule::Scored(s) => {
                for (n, tier) in s.tiers.iter().enumerate() {
                    if !doc.scoring.tiers.iter().any(|t| &t.id == tier) {
                        self.problem(
                            format!("{path}.scored.tiers.{n}"),
                            format!("unknown tier `{tier}`"),
                            Some(format!(
                                "tiers: {}",
                                doc.scoring
                                    .tiers
                                    .iter()
                                    .map(|t| t.id.as_str())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            )),
                        );
                    }
                }
            }
            Rule::Support(s) => {
                if !doc
                    .enums
                    .get("layer")
                    .is_some_and(|l| l.iter().any(|v| v.id == s.layer))
                {
                    self.problem(
                        format!("{path}.support.layer"),
                        format!("unknown layer `{}`", s.layer),
                        Some(format!("layers: {}", self.enum_ids("layer"))),
                    );
                }
                let stance = doc.records.get("contacts").and_then(|c| c.field("stance"));
                let weighted = stance
                    .and_then(|f| f.values.as_ref())
                    .and_then(|n| doc.enums.get(n))
                    .is_some_and(|vals| vals.iter().any(|v| v.weight.is_some()));
                if !weighted {
                    self.problem(
                        format!("{path}.support"),
                        "`support` needs a contacts field `stance` whose values carry a `weight`",
                        None,
                    );
                }
            }
            Rule::All(rules) | Rule::Any(rules) => {
                if rules.is_empty() {
                    self.problem(
                        format!("{path}.{}", rule.name()),
                        format!("`{}` lists no rules", rule.name()),
                        None,
                    );
                }
                for (n, inner) in rules.iter().enumerate() {
                    self.check_rule(&format!("{path}.{}.{n}", rule.name()), inner);
                }
            }
        }
    }

    fn unknown_record_field(&mut self, path: &str, of: &str, record: &RecordType, name: &str) {
        let known: Vec<&str> = record.fields.iter().map(|f| f.id.as_str()).collect();
        self.problem(
            path,
            format!("`{of}` has no field `{name}`"),
            Some(format!("fields: {}", known.join(", "))),
        );
    }

    fn check_cond(&mut self, path: &str, of: &str, record: &RecordType, name: &str, cond: &Cond) {
        let Some(field) = record.field(name) else {
            self.unknown_record_field(path, of, record, name);
            return;
        };
        let is_date = field.kind == Kind::Date;
        match cond {
            Cond::PastDays { .. } | Cond::Future { .. } if !is_date => self.problem(
                path,
                format!(
                    "`past_days` and `future` apply to date fields; `{name}` is {:?}",
                    field.kind
                ),
                None,
            ),
            Cond::Is(v) => self.check_cond_value(path, field, v),
            Cond::AnyOf(vs) => {
                for v in vs {
                    self.check_cond_value(path, field, v);
                }
            }
            _ => {}
        }
    }

    fn check_cond_value(&mut self, path: &str, field: &Field, value: &Scalar) {
        let allowed = field.values.as_ref().and_then(|n| self.doc.enums.get(n));
        // `layer` of a contact may be derived from its roles, so it is matched as an enum too.
        if let (Some(values), Scalar::Text(text)) = (allowed, value)
            && !values.iter().any(|v| &v.id == text)
        {
            self.problem(
                path,
                format!("`{text}` is not a value of `{}`", field.id),
                Some(format!(
                    "allowed: {}",
                    values.iter().map(|v| v.id.as_str()).collect::<Vec<_>>().join(", ")
                )),
            );
        }
        if field.kind == Kind::Bool && !matches!(value, Scalar::Bool(_)) {
            self.problem(path, format!("`{}` is true or false", field.id), None);
        }
    }

    fn check_scoring(&mut self) {
        let scoring = &self.doc.scoring;
        let mut seen = HashSet::new();
        for (i, f) in scoring.factors.iter().enumerate() {
            if !seen.insert(f.id.as_str()) {
                self.problem(
                    format!("scoring.factors.{i}.id"),
                    format!("duplicate factor `{}`", f.id),
                    None,
                );
            }
            if !(f.weight.is_finite() && f.weight > 0.0) {
                self.problem(
                    format!("scoring.factors.{i}.weight"),
                    format!("weight of `{}` must be a number above 0, not {}", f.id, f.weight),
                    Some("drop the factor instead of weighting it 0".into()),
                );
            }
        }
        for axis in [
            crate::domain::playbook::Axis::Value,
            crate::domain::playbook::Axis::Difficulty,
        ] {
            if !scoring.factors.iter().any(|f| f.axis == axis) {
                self.problem("scoring.factors", format!("no factor on the {} axis", axis.id()), None);
            }
        }
        if scoring.tiers.is_empty() {
            self.problem(
                "scoring.tiers",
                "no tier rules",
                Some("end with `when: otherwise`".into()),
            );
            return;
        }
        let mut seen = HashSet::new();
        for (i, t) in scoring.tiers.iter().enumerate() {
            if !seen.insert(t.id.as_str()) {
                self.problem(
                    format!("scoring.tiers.{i}.id"),
                    format!("duplicate tier `{}`", t.id),
                    None,
                );
            }
            if t.when.all.is_empty() && i + 1 < scoring.tiers.len() {
                self.problem(
                    format!("scoring.tiers.{}", i + 1),
                    format!(
                        "tier `{}` can never match: `{}` before it always matches",
                        scoring.tiers[i + 1].id,
                        t.id
                    ),
                    Some("put the `otherwise` rule last".into()),
                );
            }
        }
        let conds: Vec<_> = scoring.tiers.iter().map(|t| &t.when).collect();
        if let Some((v, d)) = find_gap(&conds) {
            self.problem(
                "scoring.tiers",
                format!("the tier rules leave a gap: value {v}, difficulty {d} matches no rule"),
                Some("end the list with a rule `when: otherwise`".into()),
            );
        }
    }

    fn check_cadence_and_policy(&mut self) {
        for tier in self.doc.cadence.visit_every_days.keys() {
            if tier != "default" && !self.doc.scoring.tiers.iter().any(|t| &t.id == tier) {
                self.problem(
                    format!("cadence.visit_every_days.{tier}"),
                    format!("unknown tier `{tier}`"),
                    Some("use tier ids or `default`".into()),
                );
            }
        }
        if let Some(limit) = self.doc.policy.gift_limit
            && !(limit.is_finite() && limit >= 0.0)
        {
            self.problem(
                "policy.gift_limit",
                "the gift limit must be a number of 0 or more",
                None,
            );
        }
    }
}
