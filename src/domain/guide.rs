//! Guidance where it applies: which of the playbook's topics a report, a visit or an unmet exit
//! item calls for. A topic's `where` conditions are matched against a [`Scene`] — the report being
//! made, the account's stage, the planned visit's form, the situations recorded on the account
//! (objections and competitor moves by kind), the procurement steps it has mapped, its
//! development approach — so each report shows the few topics that fit, never all of them.

use crate::domain::account::Account;
use crate::domain::account::value::as_table;
use crate::domain::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::domain::playbook::Playbook;
use crate::domain::playbook::method::{Topic, Where};

/// What a report or hint is about, for matching topics.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scene<'a> {
    /// `visit`, `negotiation` or `reception`; `None` for a gate hint.
    pub report: Option<&'a str>,
    pub stage: Option<&'a str>,
    pub form: Option<&'a str>,
    pub situations: Vec<&'a str>,
    pub steps: Vec<&'a str>,
    pub approach: Option<&'a str>,
    /// The unmet exit item, for a gate hint.
    pub item: Option<&'a str>,
}

fn any(list: &[String], value: Option<&str>) -> bool {
    list.is_empty() || value.is_some_and(|v| list.iter().any(|x| x == v))
}

fn overlaps(list: &[String], values: &[&str]) -> bool {
    list.is_empty() || values.iter().any(|v| list.iter().any(|x| x == v))
}

impl Where {
    /// Whether the condition holds in a scene. Conditions naming exit items are gate hints and
    /// hold only for a gate hint about one of them; the others hold only in reports.
    pub fn holds(&self, s: &Scene<'_>) -> bool {
        let hint_ok = if self.items.is_empty() {
            s.item.is_none()
        } else {
            any(&self.items, s.item)
        };
        hint_ok
            && any(&self.reports, s.report)
            && any(&self.stages, s.stage)
            && any(&self.forms, s.form)
            && any(&self.approaches, s.approach)
            && overlaps(&self.situations, &s.situations)
            && overlaps(&self.steps, &s.steps)
    }
}

impl Topic {
    pub fn applies(&self, s: &Scene<'_>) -> bool {
        self.applies.iter().any(|w| w.holds(s))
    }

    pub fn case(&self, id: &str) -> Option<&crate::domain::playbook::method::Case> {
        self.cases.iter().find(|c| c.id == id)
    }
}

/// The topics of the playbook that apply in a scene, in playbook order.
pub fn topics_for<'p>(pb: &'p Playbook, scene: &Scene<'_>) -> Vec<&'p Topic> {
    pb.doc.guidance.iter().filter(|t| t.applies(scene)).collect()
}

/// The topics that are hints under an unmet exit item in `kam gate`.
pub fn hints<'p>(pb: &'p Playbook, item: &str) -> Vec<&'p Topic> {
    let scene = Scene {
        item: Some(item),
        ..Scene::default()
    };
    topics_for(pb, &scene)
}

/// The topics of guidance shown for a situation of this kind.
pub fn topics_of_kind<'p, 'k>(pb: &'p Playbook, kind: &'k str) -> impl Iterator<Item = &'p Topic> + 'k
where
    'p: 'k,
{
    pb.doc
        .guidance
        .iter()
        .filter(move |t| t.applies.iter().any(|w| w.situations.iter().any(|k| k == kind)))
}

/// The case ids a situation of this kind may name, from the topics shown for it.
pub fn case_ids<'p>(pb: &'p Playbook, kind: &str) -> Vec<&'p str> {
    topics_of_kind(pb, kind)
        .flat_map(|t| t.cases.iter().map(|c| c.id.as_str()))
        .collect()
}

/// The `reason` of every objection and competitor move names a case of the guidance for its
/// kind (KAM004), and a reason comes with a kind.
pub fn check_reasons(pb: &Playbook, account: &Account<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let records = account
        .visits
        .iter()
        .flat_map(|v| v.nested("objections"))
        .chain(account.competitors.iter().flat_map(|c| c.nested("moves")));
    for r in records {
        let Some(reason) = r.str("reason") else { continue };
        let span = r.span_of("reason");
        let Some(kind) = r.str("kind") else {
            out.push(
                Diagnostic::error(
                    Code::NotAllowed,
                    span,
                    pb.fill(
                        "check.reason_without_kind",
                        "reason `{reason}` without a kind",
                        &[("reason", &reason)],
                    ),
                )
                .with_help(pb.text(
                    "check.reason_without_kind_help",
                    "add `kind` (a situation such as discount_request); the reason is one of its cases",
                )),
            );
            continue;
        };
        let cases = case_ids(pb, kind);
        if cases.is_empty() || cases.contains(&reason) {
            continue;
        }
        let mut d = Diagnostic::error(
            Code::NotAllowed,
            span,
            pb.fill(
                "check.reason_not_case",
                "reason `{reason}` is not a case of the guidance for `{kind}`",
                &[("reason", &reason), ("kind", &kind)],
            ),
        );
        d = match did_you_mean(reason, cases.iter().copied()) {
            Some(close) => d.with_help(pb.fill(
                "check.reason_did_you_mean",
                "{did_you_mean} (kam guide lists the cases)",
                &[("did_you_mean", &pb.did_you_mean(close))],
            )),
            None => d.with_help(pb.fill("check.reason_cases", "one of: {ids}", &[("ids", &cases.join(", "))])),
        };
        out.push(d);
    }
    out
}

/// A topic by id.
pub fn topic<'p>(pb: &'p Playbook, id: &str) -> Option<&'p Topic> {
    pb.doc.guidance.iter().find(|t| t.id == id)
}

/// Where a topic is shown, in the playbook's labels: one entry per condition of its `where`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Place {
    /// Report ids (`visit` …); empty: any report.
    pub reports: Vec<String>,
    pub stages: Vec<String>,
    pub forms: Vec<String>,
    pub situations: Vec<String>,
    pub steps: Vec<String>,
    pub approaches: Vec<String>,
    /// Exit items (ids): a hint in `kam gate`.
    pub items: Vec<String>,
}

/// Where a topic is shown, condition by condition, with labels for the ids.
pub fn places(pb: &Playbook, topic: &Topic) -> Vec<Place> {
    let labels = |enum_name: &str, ids: &[String]| -> Vec<String> {
        ids.iter().map(|id| pb.enum_label(enum_name, id).to_string()).collect()
    };
    topic
        .applies
        .iter()
        .map(|w| Place {
            reports: w.reports.clone(),
            stages: w.stages.iter().map(|s| pb.stage_label(s).to_string()).collect(),
            forms: labels("visit_form", &w.forms),
            situations: labels("situation", &w.situations),
            steps: labels("procurement_step", &w.steps),
            approaches: labels("approach", &w.approaches),
            items: w.items.clone(),
        })
        .collect()
}

/// One objection of the client or move of a competitor recorded on the account.
#[derive(Debug, Clone, PartialEq)]
pub struct Situation<'t> {
    /// What was said or done.
    pub text: &'t str,
    /// Its kind (`situation`), when given.
    pub kind: Option<&'t str>,
    /// The case of the matching topic, when given.
    pub reason: Option<&'t str>,
    /// Who raised it: a contact id (objections) or the competitor's name (moves).
    pub by: Option<&'t str>,
    /// The visit's or the move's date.
    pub date: Option<chrono::NaiveDate>,
    /// Our answer or response, when written.
    pub answer: Option<&'t str>,
    /// Whether it is settled (an objection with a `resolved` date).
    pub resolved: bool,
    /// A competitor's move rather than the client's objection.
    pub move_: bool,
}

/// The objections raised at visits and the moves of competitors, oldest first.
pub fn situations<'t>(account: &Account<'t>) -> Vec<Situation<'t>> {
    let mut out = Vec::new();
    for v in &account.visits {
        for o in v.nested("objections") {
            let Some(text) = o.str("objection") else { continue };
            out.push(Situation {
                text,
                kind: o.str("kind"),
                reason: o.str("reason"),
                by: o.str("by"),
                date: v.date("date"),
                answer: o.str("answer"),
                resolved: o.date("resolved").is_some(),
                move_: false,
            });
        }
    }
    for c in &account.competitors {
        for m in c.nested("moves") {
            let Some(text) = m.str("move") else { continue };
            out.push(Situation {
                text,
                kind: m.str("kind"),
                reason: m.str("reason"),
                by: c.str("name"),
                date: m.date("date"),
                answer: m.str("response"),
                resolved: false,
                move_: true,
            });
        }
    }
    out.sort_by_key(|s| s.date);
    out
}

/// The kinds of the open situations (objections not resolved, every competitor move), in order
/// and without repeats.
pub fn open_kinds<'t>(situations: &[Situation<'t>]) -> Vec<&'t str> {
    let mut kinds = Vec::new();
    for s in situations.iter().filter(|s| !s.resolved) {
        if let Some(k) = s.kind
            && !kinds.contains(&k)
        {
            kinds.push(k);
        }
    }
    kinds
}

/// The procurement steps the account has mapped (keys of `procurement.steps` with something in
/// them).
pub fn mapped_steps<'t>(account: &Account<'t>) -> Vec<&'t str> {
    let Some(table) = account.archive("procurement.steps").and_then(as_table) else {
        return Vec::new();
    };
    table
        .iter()
        .filter(|(_, v)| as_table(v.get_ref()).is_some_and(|t| !t.is_empty()))
        .map(|(k, _)| k.get_ref().as_ref())
        .collect()
}

/// The scene of a report on an account: its stage, situations, mapped steps and approach.
pub fn scene_of<'t>(
    account: &Account<'t>,
    report: &'t str,
    form: Option<&'t str>,
    situations: &[Situation<'t>],
) -> Scene<'t> {
    Scene {
        report: Some(report),
        stage: Some(account.stage_id()),
        form,
        situations: open_kinds(situations),
        steps: mapped_steps(account),
        approach: account.root.str("approach"),
        item: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::value::Table;
    use crate::domain::test_support::default_playbook;

    fn w(yaml: &str) -> Where {
        serde_yaml::from_str(yaml).unwrap()
    }

    #[test]
    fn every_given_key_must_match() {
        let cond = w("{ reports: [visit], forms: [phone] }");
        let mut s = Scene {
            report: Some("visit"),
            form: Some("phone"),
            ..Scene::default()
        };
        assert!(cond.holds(&s));
        s.form = Some("email");
        assert!(!cond.holds(&s));
        s.form = None;
        assert!(!cond.holds(&s), "a form is asked for and the scene has none");
        assert!(w("{ reports: [visit] }").holds(&s));
        assert!(!w("{ reports: [negotiation] }").holds(&s));
    }

    #[test]
    fn gate_hints_and_reports_do_not_mix() {
        let hint = w("{ items: [coach] }");
        let report = Scene {
            report: Some("visit"),
            ..Scene::default()
        };
        let gate = Scene {
            item: Some("coach"),
            ..Scene::default()
        };
        assert!(!hint.holds(&report));
        assert!(hint.holds(&gate));
        assert!(!w("{ stages: [demo] }").holds(&gate));
        assert!(!hint.holds(&Scene {
            item: Some("suppliers"),
            ..Scene::default()
        }));
    }

    #[test]
    fn situations_match_any_recorded_kind() {
        let cond = w("{ situations: [discount_request] }");
        let mut s = Scene::default();
        assert!(!cond.holds(&s));
        s.situations = vec!["price_undercut", "discount_request"];
        assert!(cond.holds(&s));
    }

    #[test]
    fn objections_and_moves_become_situations() {
        let text = r#"
id = "a"
name = "A"
owner = "o"
stage = "close"
[[visits]]
date = 2026-11-20
form = "office_meeting"
[[visits.objections]]
objection = "Another 5 % off"
kind = "discount_request"
reason = "over_budget"
by = "tang"
[[visits.objections]]
objection = "Delivery date"
kind = "other"
resolved = 2026-11-21
[[competitors]]
name = "Rival"
[[competitors.moves]]
date = 2026-11-10
move = "Quoted 30 % below us"
kind = "price_undercut"
"#;
        let root = Table::parse(text).unwrap();
        let account = Account::new(&root);
        let found = situations(&account);
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].text, "Quoted 30 % below us");
        assert!(found[0].move_);
        assert_eq!(found[1].reason, Some("over_budget"));
        assert_eq!(open_kinds(&found), vec!["price_undercut", "discount_request"]);
        let pb = default_playbook().unwrap();
        let scene = scene_of(&account, "negotiation", None, &found);
        let ids: Vec<&str> = topics_for(&pb, &scene).iter().map(|t| t.id.as_str()).collect();
        assert!(ids.contains(&"discount_request"), "{ids:?}");
        assert!(ids.contains(&"price_undercut"), "{ids:?}");
    }
}
