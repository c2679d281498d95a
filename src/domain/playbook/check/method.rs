//! Playbook checks of the method beyond the pipeline: guidance topics (unique ids, `where`
//! conditions that name real reports, stages, forms, situations, steps, approaches and exit
//! items), approval levels and rules, key-account class rules, the territory plan and the
//! cadence by layer.

use std::collections::HashSet;

use super::{Checker, MAX_AMOUNT, MAX_DAYS};

/// The reports a guidance topic can be shown in.
pub const REPORTS: [&str; 3] = ["visit", "negotiation", "reception"];

/// Record arrays an application (budget, approvals, expenses) can sit on.
pub const APPLICATIONS: [&str; 2] = ["visits", "receptions"];

impl Checker<'_> {
    /// Problems with ids of an enumeration the playbook may not define at all.
    fn enum_refs(&mut self, path: &str, name: &str, ids: &[String], what: &str) {
        for id in ids {
            let known = self
                .doc
                .enums
                .get(name)
                .is_some_and(|values| values.iter().any(|v| &v.id == id));
            if !known {
                let help = if self.doc.enums.contains_key(name) {
                    format!("{what}: {}", self.enum_ids(name))
                } else {
                    format!("define the enumeration `enums.{name}` first")
                };
                self.problem(path, format!("unknown {what} `{id}`"), Some(help));
            }
        }
    }

    fn stage_or_outcome_refs(&mut self, path: &str, ids: &[String]) {
        for id in ids {
            let known = self.doc.stages.iter().any(|s| &s.id == id) || self.doc.outcomes.iter().any(|o| &o.id == id);
            if !known {
                self.problem(
                    path,
                    format!("unknown stage `{id}`"),
                    Some(format!("stages: {}; or an outcome", self.stage_ids())),
                );
            }
        }
    }

    pub(super) fn check_guidance(&mut self) {
        let doc = self.doc;
        let items: HashSet<&str> = doc
            .stages
            .iter()
            .flat_map(|s| s.exit.iter().map(|e| e.id.as_str()))
            .collect();
        let mut seen = HashSet::new();
        for (i, topic) in doc.guidance.iter().enumerate() {
            let path = format!("guidance.{i}");
            if !seen.insert(topic.id.as_str()) {
                self.problem(
                    format!("{path}.id"),
                    format!("duplicate guidance topic `{}`", topic.id),
                    None,
                );
            }
            let mut cases = HashSet::new();
            for (j, case) in topic.cases.iter().enumerate() {
                if !cases.insert(case.id.as_str()) {
                    self.problem(
                        format!("{path}.cases.{j}.id"),
                        format!("duplicate case `{}` in topic `{}`", case.id, topic.id),
                        None,
                    );
                }
            }
            for (j, w) in topic.applies.iter().enumerate() {
                let wpath = if topic.applies.len() == 1 {
                    format!("{path}.where")
                } else {
                    format!("{path}.where.{j}")
                };
                for report in &w.reports {
                    if !REPORTS.contains(&report.as_str()) {
                        self.problem(
                            &wpath,
                            format!("unknown report `{report}`"),
                            Some(format!("reports: {}", REPORTS.join(", "))),
                        );
                    }
                }
                self.stage_or_outcome_refs(&wpath, &w.stages);
                self.enum_refs(&wpath, "visit_form", &w.forms, "visit form");
                self.enum_refs(&wpath, "situation", &w.situations, "situation");
                self.enum_refs(&wpath, "procurement_step", &w.steps, "procurement step");
                self.enum_refs(&wpath, "approach", &w.approaches, "approach");
                for item in &w.items {
                    if !items.contains(item.as_str()) {
                        self.problem(
                            &wpath,
                            format!("unknown exit item `{item}`"),
                            Some("name the id of an exit item of a stage".into()),
                        );
                    }
                }
            }
        }
    }

    pub(super) fn check_approvals(&mut self) {
        let Some(a) = &self.doc.approvals else { return };
        let mut levels = HashSet::new();
        for (i, level) in a.levels.iter().enumerate() {
            let path = format!("approvals.levels.{i}");
            if !levels.insert(level.id.as_str()) {
                self.problem(format!("{path}.id"), format!("duplicate level `{}`", level.id), None);
            }
            self.enum_refs(&format!("{path}.needs"), "approval_step", &level.needs, "approval step");
        }
        self.enum_refs("approvals.after", "approval_step", &a.after, "approval step");
        for (i, rule) in a.rules.iter().enumerate() {
            let path = format!("approvals.rules.{i}");
            if !levels.contains(rule.level.as_str()) {
                let ids: Vec<&str> = a.levels.iter().map(|l| l.id.as_str()).collect();
                self.problem(
                    format!("{path}.level"),
                    format!("unknown level `{}`", rule.level),
                    Some(format!("levels: {}", ids.join(", "))),
                );
            }
            let when = &rule.when;
            if let Some(of) = &when.of
                && !APPLICATIONS.contains(&of.as_str())
            {
                self.problem(
                    format!("{path}.when.of"),
                    format!("unknown record `{of}`"),
                    Some(format!("use one of: {}", APPLICATIONS.join(", "))),
                );
            }
            for tier in &when.tiers {
                if !self.doc.scoring.tiers.iter().any(|t| &t.id == tier) {
                    self.problem(format!("{path}.when.tiers"), format!("unknown tier `{tier}`"), None);
                }
            }
            self.enum_refs(&format!("{path}.when.forms"), "visit_form", &when.forms, "visit form");
            if when
                .budget_over
                .is_some_and(|b| !(b.is_finite() && (0.0..=MAX_AMOUNT).contains(&b)))
            {
                self.problem(
                    format!("{path}.when.budget_over"),
                    format!("budget_over must be an amount of 0 or more, at most {MAX_AMOUNT:e}"),
                    None,
                );
            }
        }
    }

    pub(super) fn check_classes(&mut self) {
        let Some(c) = &self.doc.classes else { return };
        for (i, rule) in c.rules.iter().enumerate() {
            let path = format!("classes.rules.{i}");
            self.enum_refs(
                &format!("{path}.class"),
                "account_class",
                std::slice::from_ref(&rule.class),
                "class",
            );
            for (key, amount) in [
                ("cumulative_over", rule.cumulative_over),
                ("single_over", rule.single_over),
            ] {
                if amount.is_some_and(|a| !(a.is_finite() && a > 0.0 && a <= MAX_AMOUNT)) {
                    self.problem(
                        format!("{path}.{key}"),
                        format!("{key} must be an amount above 0, at most {MAX_AMOUNT:e}"),
                        None,
                    );
                }
            }
        }
        self.enum_refs(
            "classes.good_payment",
            "payment_attitude",
            &c.good_payment,
            "payment attitude",
        );
        if c.potential_share.is_some_and(|s| !(s > 0.0 && s <= 1.0)) {
            self.problem(
                "classes.potential_share",
                "potential_share must be a share above 0 and at most 1",
                Some("e.g. 0.5: half the threshold".into()),
            );
        }
    }

    pub(super) fn check_planning(&mut self) {
        let Some(p) = &self.doc.planning else { return };
        let regions: Vec<String> = p.regions.keys().cloned().collect();
        self.enum_refs("planning.regions", "region", &regions, "region");
        if p.forecast
            .is_some_and(|f| !(f.is_finite() && (0.0..=MAX_AMOUNT).contains(&f)))
        {
            self.problem(
                "planning.forecast",
                format!("the forecast must be an amount of 0 or more, at most {MAX_AMOUNT:e}"),
                None,
            );
        }
        if p.turnover
            .is_some_and(|t| !(t.is_finite() && (0.0..=100.0).contains(&t)))
        {
            self.problem("planning.turnover", "turnover is a percentage from 0 to 100", None);
        }
        if p.day
            .iter()
            .any(|d| !(d.percent.is_finite() && (0.0..=100.0).contains(&d.percent)))
        {
            self.problem(
                "planning.day",
                "each share of the day is a percentage from 0 to 100",
                None,
            );
            return;
        }
        let total: f64 = p.day.iter().map(|d| d.percent).sum();
        if !p.day.is_empty() && (total - 100.0).abs() > 0.5 {
            self.problem(
                "planning.day",
                format!("the shares of the day add up to {total} %, not 100 %"),
                None,
            );
        }
        let layers: Vec<String> = self.doc.cadence.by_layer.keys().cloned().collect();
        self.enum_refs("cadence.by_layer", "layer", &layers, "layer");
        for (layer, days) in &self.doc.cadence.by_layer {
            if *days > MAX_DAYS {
                self.problem(
                    format!("cadence.by_layer.{layer}"),
                    format!("{days} days between contacts is more than {MAX_DAYS} (a century)"),
                    None,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::playbook::Playbook;
    use crate::domain::test_support::{DEFAULT_PLAYBOOK, load};

    const ZH: &str = include_str!("../../../../examples/playbooks/zh-CN.yaml");

    fn problems(edit: impl FnOnce(String) -> String) -> String {
        match load("kam.yaml", &edit(DEFAULT_PLAYBOOK.to_string())) {
            Ok(_) => String::new(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn guidance_names_real_reports_forms_situations_and_items() {
        let text = problems(|s| {
            s.replace("where: { reports: [visit] }", "where: { reports: [visits] }")
                .replace("forms: [phone] }", "forms: [fone] }")
                .replace("situations: [discount_request] }", "situations: [discount] }")
                .replace("where: { items: [coach] }", "where: { items: [coach_ok] }")
                .replace("- id: first_contact_email", "- id: first_contact_phone")
        });
        for needle in [
            "unknown report `visits`",
            "unknown visit form `fone`",
            "unknown situation `discount`",
            "duplicate guidance topic `first_contact_phone`",
        ] {
            assert!(text.contains(needle), "{needle}: {text}");
        }
        assert!(
            problems(|s| s.replace("- { items: [coach] }", "- { items: [coach_ok] }"))
                .contains("unknown exit item `coach_ok`")
        );
    }

    #[test]
    fn the_method_numbers_are_bounded() {
        let text = problems(|s| {
            s.replace(
                "by_layer: { decision: 365, management: 90 }",
                "by_layer: { decision: 99999 }",
            )
            .replace("forecast: 30000000", "forecast: 1e15")
            .replace("turnover: 10", "turnover: 150")
            .replace("cumulative_over: 10000000", "cumulative_over: .inf")
        });
        for needle in [
            "99999 days between contacts is more than 36500",
            "the forecast must be an amount of 0 or more, at most 1e12",
            "turnover is a percentage from 0 to 100",
            "cumulative_over must be an amount above 0, at most 1e12",
        ] {
            assert!(text.contains(needle), "{needle}: {text}");
        }
    }

    #[test]
    fn approval_levels_are_checked() {
        let text = problems(|s| {
            s.replace(
                "- { level: director, when: { budget_over: 0 } }",
                "- { level: boss, when: { of: meetings } }",
            )
        });
        for needle in ["unknown level `boss`", "unknown record `meetings`"] {
            assert!(text.contains(needle), "{needle}: {text}");
        }
    }

    /// The ids of everything an account file or a report refers to: enumerations and their values,
    /// fields of the archive and of the records, guidance topics and their cases, stages, words.
    fn ids(pb: &Playbook) -> Vec<String> {
        let doc = &pb.doc;
        let mut out = Vec::new();
        for (name, values) in &doc.enums {
            out.extend(values.iter().map(|v| format!("enum {name}.{}", v.id)));
        }
        for g in &doc.archive {
            out.extend(g.fields.iter().map(|f| format!("field {}.{} {:?}", g.id, f.id, f.kind)));
        }
        for (name, r) in &doc.records {
            out.extend(
                r.fields
                    .iter()
                    .map(|f| format!("record {name}.{} {:?} {}", f.id, f.kind, f.sensitive)),
            );
        }
        out.extend(
            doc.account
                .fields
                .iter()
                .map(|f| format!("account {} {:?}", f.id, f.kind)),
        );
        for t in &doc.guidance {
            out.push(format!("topic {} {}", t.id, t.applies.len()));
            out.extend(t.cases.iter().map(|c| format!("case {}.{}", t.id, c.id)));
        }
        out.extend(
            doc.stages
                .iter()
                .flat_map(|s| s.exit.iter().map(move |e| format!("exit {}.{}", s.id, e.id))),
        );
        out.sort();
        out
    }

    #[test]
    fn the_chinese_playbook_has_the_same_ids_as_the_default() {
        let en = load("kam.yaml", DEFAULT_PLAYBOOK).unwrap();
        let zh = load("zh-CN.yaml", ZH).unwrap();
        let (a, b) = (ids(&en), ids(&zh));
        let only_en: Vec<&String> = a.iter().filter(|x| !b.contains(x)).collect();
        let only_zh: Vec<&String> = b.iter().filter(|x| !a.contains(x)).collect();
        assert!(
            only_en.is_empty() && only_zh.is_empty(),
            "only in English: {only_en:?}\nonly in Chinese: {only_zh:?}"
        );
    }
}
