//! Playbook checks of fields: the kinds, enumerations, record types, defaults and required stages
//! of the account, archive and record fields, and the fields kam itself relies on.

use std::collections::HashSet;

use super::{Checker, RESERVED};
use crate::domain::playbook::{Field, Kind, RecordType, Required};

impl Checker<'_> {
    pub(super) fn check_core_fields(&mut self) {
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

    pub(super) fn check_archive(&mut self) {
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

    pub(super) fn check_record_type(&mut self, path: &str, record: &RecordType) {
        self.check_fields(path, &record.fields);
        for (i, id) in record.key.iter().flatten().enumerate() {
            if record.field(id).is_none() {
                let known: Vec<&str> = record.fields.iter().map(|f| f.id.as_str()).collect();
                self.problem(
                    format!("{path}.key.{i}"),
                    format!("key field `{id}` is not a field of this record type"),
                    Some(format!("known: {}", known.join(", "))),
                );
            }
        }
    }

    pub(super) fn check_fields(&mut self, path: &str, fields: &[Field]) {
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

    pub(super) fn check_field(&mut self, path: &str, field: &Field) {
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
            let ids = self.doc.stages.iter().map(|s| s.id.as_str()).chain(["never", "always"]);
            let help = match crate::domain::diagnostic::did_you_mean(stage, ids) {
                Some(close) => format!(
                    "did you mean `{close}`? use never, always or a stage id: {}",
                    self.stage_ids()
                ),
                None => format!("use never, always or a stage id: {}", self.stage_ids()),
            };
            self.problem(
                format!("{path}.required"),
                format!("unknown stage `{stage}`"),
                Some(help),
            );
        }
        if let Some(default) = &field.default {
            self.check_default(path, field, default);
        }
        if field.schedule && field.kind != Kind::Date {
            self.problem(
                format!("{path}.schedule"),
                format!("`schedule` applies to date fields; `{}` is {:?}", field.id, field.kind),
                Some("remove `schedule: true`".into()),
            );
        }
    }

    pub(super) fn check_default(&mut self, path: &str, field: &Field, default: &str) {
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

    pub(super) fn known_enums(&self) -> String {
        self.doc.enums.keys().cloned().collect::<Vec<_>>().join(", ")
    }
}
