//! Playbook checks of exit-item rules: every path, record list, field, condition and tier a rule
//! names must exist.

use super::Checker;
use crate::domain::gate::rule::{Cond, Rule, Scalar};
use crate::domain::playbook::{Field, Kind, RecordType, TOP_RECORDS};

impl Checker<'_> {
    pub(super) fn check_rules(&mut self) {
        for (i, stage) in self.doc.stages.iter().enumerate() {
            for (j, item) in stage.exit.iter().enumerate() {
                if let Some(rule) = &item.auto {
                    self.check_rule(&format!("stages.{i}.exit.{j}.auto"), rule);
                }
            }
        }
    }

    pub(super) fn check_rule(&mut self, path: &str, rule: &Rule) {
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
                    let lists: Vec<&str> = TOP_RECORDS
                        .iter()
                        .copied()
                        .filter(|l| doc.records.contains_key(*l))
                        .collect();
                    self.problem(
                        format!("{rpath}.of"),
                        format!("`{}` is not a record list of the account", r.of),
                        Some(format!("use one of: {}", lists.join(", "))),
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
                if let Some(layer) = &s.layer
                    && !doc.enums.get("layer").is_some_and(|l| l.iter().any(|v| &v.id == layer))
                {
                    self.problem(
                        format!("{path}.support.layer"),
                        format!("unknown layer `{layer}`"),
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

    pub(super) fn unknown_record_field(&mut self, path: &str, of: &str, record: &RecordType, name: &str) {
        let known: Vec<&str> = record.fields.iter().map(|f| f.id.as_str()).collect();
        self.problem(
            path,
            format!("`{of}` has no field `{name}`"),
            Some(format!("fields: {}", known.join(", "))),
        );
    }

    pub(super) fn check_cond(&mut self, path: &str, of: &str, record: &RecordType, name: &str, cond: &Cond) {
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
            Cond::AnyOf(vs) | Cond::AllOf { all: vs } => {
                for v in vs {
                    self.check_cond_value(path, field, v);
                }
            }
            _ => {}
        }
    }

    pub(super) fn check_cond_value(&mut self, path: &str, field: &Field, value: &Scalar) {
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
}
