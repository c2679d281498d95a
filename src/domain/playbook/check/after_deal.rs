//! Playbook checks of the after-the-deal parts: the return-visit cadence names tiers, escalation
//! steps name non-payment causes, the record types of contracts, receivables and aftercare have
//! the fields kam computes with, and the retrospective names outcomes and has well-formed parts.

use std::collections::HashSet;

use super::Checker;
use crate::domain::playbook::{CAUSES, Kind, RETRO_KEYS};

/// Fields of the after-deal record types that kam computes with: (record type, field, kind,
/// whether the record type must have it).
const NEEDS: [(&str, &str, Kind, bool); 20] = [
    ("contracts", "number", Kind::Text, true),
    ("contracts", "signed", Kind::Date, true),
    ("contracts", "kind", Kind::Enum, false),
    ("contracts", "under", Kind::Text, false),
    ("contracts", "amount", Kind::Money, false),
    ("contracts", "starts", Kind::Date, false),
    ("contracts", "expires", Kind::Date, false),
    ("contracts", "term_months", Kind::Integer, false),
    ("contracts", "renews", Kind::Text, false),
    ("contracts", "no_renewal", Kind::Text, false),
    ("receivables", "contract", Kind::Text, true),
    ("receivables", "amount", Kind::Money, true),
    ("receivables", "due", Kind::Date, true),
    ("receivables", "payments", Kind::Records, false),
    ("receivables", "cause", Kind::Enum, false),
    ("receivables", "invoiced", Kind::Date, false),
    ("payment", "date", Kind::Date, true),
    ("payment", "amount", Kind::Money, true),
    ("aftercare", "date", Kind::Date, true),
    ("aftercare", "contract", Kind::Text, false),
];

impl Checker<'_> {
    pub(super) fn check_after_deal(&mut self) {
        let doc = self.doc;
        for tier in doc.after_deal.return_visit_every_days.keys() {
            if tier != "default" && !doc.scoring.tiers.iter().any(|t| &t.id == tier) {
                self.problem(
                    format!("after_deal.return_visit_every_days.{tier}"),
                    format!("unknown tier `{tier}`"),
                    Some("use tier ids or `default`".into()),
                );
            }
        }
        let causes = doc
            .records
            .get("receivables")
            .and_then(|r| r.field("cause"))
            .and_then(|f| f.values.as_deref())
            .unwrap_or(CAUSES);
        let mut seen = HashSet::new();
        for (i, step) in doc.after_deal.escalation.iter().enumerate() {
            let path = format!("after_deal.escalation.{i}");
            if !seen.insert(step.id.as_str()) {
                self.problem(
                    format!("{path}.id"),
                    format!("duplicate escalation step `{}`", step.id),
                    None,
                );
            }
            for (j, cause) in step.causes.iter().enumerate() {
                let known = doc.enums.get(causes).is_some_and(|v| v.iter().any(|x| &x.id == cause));
                if !known {
                    self.problem(
                        format!("{path}.causes.{j}"),
                        format!("unknown non-payment cause `{cause}`"),
                        Some(format!("causes: {}", self.enum_ids(causes))),
                    );
                }
            }
        }
        for (record, id, kind, needed) in NEEDS {
            // Only record types the playbook defines are held to them; `payment` only when
            // receivables use it.
            let Some(rt) = doc.records.get(record) else { continue };
            match rt.field(id) {
                Some(f) if f.kind == kind => {}
                Some(f) => self.problem(
                    format!("records.{record}.fields"),
                    format!("field `{id}` must be of kind {kind:?}, not {:?}", f.kind),
                    Some("kam computes with this field after the deal".into()),
                ),
                None if needed => self.problem(
                    format!("records.{record}.fields"),
                    format!("field `{id}` is missing"),
                    Some(format!("kam computes with `{id}` ({})", kind.describe())),
                ),
                None => {}
            }
        }
        if doc.records.contains_key("receivables") && !doc.records.contains_key("contracts") {
            self.problem(
                "records.receivables",
                "receivables need the record type `contracts`",
                Some("every receivable belongs to a contract: define `records.contracts`".into()),
            );
        }
    }

    pub(super) fn check_retrospective(&mut self) {
        let Some(retro) = &self.doc.retrospective else { return };
        for (i, outcome) in retro.outcomes.iter().enumerate() {
            if !self.doc.outcomes.iter().any(|o| &o.id == outcome) {
                self.problem(
                    format!("retrospective.outcomes.{i}"),
                    format!("unknown outcome `{outcome}`"),
                    Some(format!(
                        "outcomes: {}",
                        self.doc
                            .outcomes
                            .iter()
                            .map(|o| o.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                );
            }
        }
        if retro.parts.is_empty() {
            self.problem("retrospective.parts", "the retrospective has no parts", None);
        }
        let mut seen = HashSet::new();
        for (i, part) in retro.parts.iter().enumerate() {
            let path = format!("retrospective.parts.{i}");
            if !seen.insert(part.id.as_str()) {
                self.problem(format!("{path}.id"), format!("duplicate part `{}`", part.id), None);
            }
            if RETRO_KEYS.contains(&part.id.as_str()) {
                self.problem(
                    format!("{path}.id"),
                    format!("part id `{}` is taken by the retrospective itself", part.id),
                    Some(format!("reserved: {}", RETRO_KEYS.join(", "))),
                );
            }
            if part.fields.is_empty() {
                self.problem(
                    format!("{path}.fields"),
                    format!("part `{}` has no points", part.id),
                    None,
                );
            }
            self.check_fields(&path, &part.fields);
        }
    }
}
