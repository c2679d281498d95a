//! A playbook change in business terms: which stages, exit items, rules, weights, tier rules,
//! required fields, personal-data flags, values, cadence and policy changed, old → new. Both
//! playbooks are compared as the data kam reads from them (comments and layout are not rules);
//! lists of things with an `id` are matched by id, so a reordered list is one change and a
//! renamed label another. Everything that differs is listed — what has no business name is
//! listed by its place in the playbook.

use serde::Serialize;
use serde_json::Value as Json;

use crate::domain::playbook::Playbook;

/// What part of the method a change touches, in the order a reviewer reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    Stages,
    ExitItems,
    Rules,
    Weights,
    Tiers,
    Required,
    Sensitive,
    Fields,
    Values,
    Cadence,
    Policy,
    Guidance,
    Words,
    Other,
}

/// One change of the playbook.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaybookChange {
    pub area: Area,
    /// What changed, in words: "weight of factor `share` (Our share after the deal)".
    pub what: String,
    /// Where in the playbook: `scoring.factors.share.weight`.
    pub path: String,
    /// Before and after, written as in the playbook (`null` when absent). For a whole element
    /// of a list added or removed, its label (else its id): the element is named, not dumped.
    pub from: Option<String>,
    pub to: Option<String>,
    /// A whole element of a list (a stage, an exit item, a guidance topic, a field…) `added` or
    /// `removed`; `null` for a change inside one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub element: Option<Element>,
}

/// A whole element of a list of records in the playbook, added or removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Element {
    Added,
    Removed,
}

/// Lists of plain values longer than this, or written longer than `LONG_FLOW` bytes before and
/// after, show only the values removed and added.
const SHORT_LIST: usize = 8;
const LONG_FLOW: usize = 160;

/// Every difference between two playbooks, grouped by area.
pub fn changes(base: &Playbook, head: &Playbook) -> Vec<PlaybookChange> {
    let (Ok(b), Ok(h)) = (serde_json::to_value(&base.doc), serde_json::to_value(&head.doc)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut walker = Walker {
        base,
        head,
        out: &mut out,
    };
    walker.walk(&mut Vec::new(), Some(&b), Some(&h));
    out.sort_by_key(|c| c.area);
    out
}

struct Walker<'p, 'o> {
    base: &'p Playbook,
    head: &'p Playbook,
    out: &'o mut Vec<PlaybookChange>,
}

/// Values whose inside is one thing to a reader: a rule, a tier condition, a text.
fn whole(path: &[String]) -> bool {
    matches!(
        path.last().map(String::as_str),
        Some("auto" | "evidence" | "when" | "participants")
    ) || matches!(path.first().map(String::as_str), Some("text")) && path.len() == 2
}

/// How a whole element of a list is named in a change: its label, else its id.
fn element_name(v: &Json) -> String {
    v.get("label")
        .and_then(Json::as_str)
        .filter(|l| !l.is_empty())
        .or_else(|| v.get("id").and_then(Json::as_str))
        .map_or_else(|| flow(Some(v)), crate::domain::review::values::one_line)
}

fn ids(list: &[Json]) -> Option<Vec<&str>> {
    list.iter().map(|v| v.get("id").and_then(Json::as_str)).collect()
}

impl Walker<'_, '_> {
    fn walk(&mut self, path: &mut Vec<String>, b: Option<&Json>, h: Option<&Json>) {
        if b == h {
            return;
        }
        match (b, h) {
            (Some(Json::Object(x)), Some(Json::Object(y))) if !whole(path) => {
                let mut keys: Vec<&String> = x.keys().collect();
                keys.extend(y.keys().filter(|k| !x.contains_key(*k)));
                for k in keys {
                    path.push(k.clone());
                    self.walk(path, x.get(k), y.get(k));
                    path.pop();
                }
            }
            (Some(Json::Array(x)), Some(Json::Array(y))) if !whole(path) => match (ids(x), ids(y)) {
                (Some(xi), Some(yi)) => {
                    let common_x: Vec<&str> = xi.iter().copied().filter(|i| yi.contains(i)).collect();
                    let common_y: Vec<&str> = yi.iter().copied().filter(|i| xi.contains(i)).collect();
                    if common_x != common_y {
                        self.push(path, "order", Some(xi.join(", ")), Some(yi.join(", ")));
                    }
                    let mut all: Vec<&str> = xi.clone();
                    all.extend(yi.iter().copied().filter(|i| !xi.contains(i)));
                    for id in all {
                        let find =
                            |list: &[Json], ids: &[&str]| ids.iter().position(|i| *i == id).map(|p| list[p].clone());
                        let (bx, hy) = (find(x, &xi), find(y, &yi));
                        path.push(id.to_string());
                        match (&bx, &hy) {
                            (Some(_), Some(_)) => self.walk(path, bx.as_ref(), hy.as_ref()),
                            (Some(gone), None) => {
                                self.push_element(path, Element::Removed, element_name(gone));
                            }
                            (None, Some(new)) => self.push_element(path, Element::Added, element_name(new)),
                            (None, None) => {}
                        }
                        path.pop();
                    }
                }
                // Tables without ids, as many before as after (a topic's `where`): each compared
                // in place, named by its position when there are several.
                _ if x.len() == y.len() && x.iter().chain(y).all(Json::is_object) => {
                    for (i, (xe, ye)) in x.iter().zip(y).enumerate() {
                        if x.len() > 1 {
                            path.push(format!("#{}", i + 1));
                        }
                        self.walk(path, Some(xe), Some(ye));
                        if x.len() > 1 {
                            path.pop();
                        }
                    }
                }
                _ if x.len().max(y.len()) > SHORT_LIST || flow(b).len() + flow(h).len() > LONG_FLOW => {
                    // A long list of values: only what left it and what joined it.
                    let gone: Vec<String> = x.iter().filter(|v| !y.contains(v)).map(|v| flow(Some(v))).collect();
                    let new: Vec<String> = y.iter().filter(|v| !x.contains(v)).map(|v| flow(Some(v))).collect();
                    if gone.is_empty() && new.is_empty() {
                        self.push(path, "order", Some(flow(b)), Some(flow(h)));
                    } else {
                        let side = |v: Vec<String>| (!v.is_empty()).then(|| v.join("; "));
                        self.push(path, "values removed → added", side(gone), side(new));
                    }
                }
                _ => self.push(path, "", Some(flow(b)), Some(flow(h))),
            },
            // A whole table added or removed (a record type, a value of an enumeration): named.
            (Some(gone @ Json::Object(_)), None) if !whole(path) => {
                self.push_element(path, Element::Removed, element_name(gone));
            }
            (None, Some(new @ Json::Object(_))) if !whole(path) => {
                self.push_element(path, Element::Added, element_name(new));
            }
            _ => self.push(
                path,
                "",
                b.filter(|v| !v.is_null()).map(|v| flow(Some(v))),
                h.filter(|v| !v.is_null()).map(|v| flow(Some(v))),
            ),
        }
    }

    fn push(&mut self, path: &[String], suffix: &str, from: Option<String>, to: Option<String>) {
        if from == to {
            return;
        }
        let (area, what) = name_of(self.base, self.head, path, suffix);
        let mut shown = path.join(".");
        if !suffix.is_empty() {
            shown = format!("{shown} ({suffix})");
        }
        self.out.push(PlaybookChange {
            area,
            what,
            path: shown,
            from,
            to,
            element: None,
        });
    }

    /// A whole element of a list added or removed, named by its label (or id).
    fn push_element(&mut self, path: &[String], event: Element, name: String) {
        let (area, what) = name_of(self.base, self.head, path, "");
        let (from, to) = match event {
            Element::Added => (None, Some(name)),
            Element::Removed => (Some(name), None),
        };
        self.out.push(PlaybookChange {
            area,
            what,
            path: path.join("."),
            from,
            to,
            element: Some(event),
        });
    }
}

/// A value written the way the playbook writes it: `{ scored: { tiers: [A] } }`.
pub fn flow(v: Option<&Json>) -> String {
    match v {
        None | Some(Json::Null) => "—".to_string(),
        Some(Json::String(s)) => crate::domain::review::values::one_line(s),
        Some(Json::Array(items)) => {
            let parts: Vec<String> = items.iter().map(|i| flow(Some(i))).collect();
            format!("[{}]", parts.join(", "))
        }
        Some(Json::Object(map)) => {
            let parts: Vec<String> = map
                .iter()
                .filter(|(_, v)| {
                    !v.is_null()
                        && v.as_bool() != Some(false)
                        && v.as_str() != Some("")
                        && v.as_array().is_none_or(|a| !a.is_empty())
                })
                .map(|(k, v)| format!("{k}: {}", flow(Some(v))))
                .collect();
            if parts.is_empty() {
                "{}".to_string()
            } else {
                format!("{{ {} }}", parts.join(", "))
            }
        }
        Some(other) => other.to_string(),
    }
}

/// The area of a change and what it is, in words.
fn name_of(base: &Playbook, head: &Playbook, path: &[String], suffix: &str) -> (Area, String) {
    let p: Vec<&str> = path.iter().map(String::as_str).collect();
    let stage_label = |id: &str| {
        head.stage(id)
            .or_else(|| base.stage(id))
            .map_or_else(|| format!("`{id}`"), |s| format!("`{id}` ({})", s.label))
    };
    let item_label = |stage: &str, item: &str| {
        let find = |pb: &Playbook| {
            pb.stage(stage)
                .and_then(|s| s.exit.iter().find(|e| e.id == item))
                .map(|e| e.label.clone())
        };
        find(head)
            .or_else(|| find(base))
            .map_or_else(|| format!("`{item}`"), |l| format!("`{item}` ({l})"))
    };
    let factor_label = |id: &str| {
        head.factor(id)
            .or_else(|| base.factor(id))
            .map_or_else(|| format!("`{id}`"), |f| format!("`{id}` ({})", f.label))
    };
    let order = suffix == "order";
    // In the newer playbook's words.
    let w = head;
    let one = |id: &str, english: &str, name: &str, value: &str| w.fill(id, english, &[(name, &value)]);
    let two =
        |id: &str, english: &str, a: (&str, &str), b: (&str, &str)| w.fill(id, english, &[(a.0, &a.1), (b.0, &b.1)]);
    match p.as_slice() {
        ["stages"] if order => (
            Area::Stages,
            w.text("diff.pb.stage_order", "the order of the stages").into(),
        ),
        ["stages", s] => (
            Area::Stages,
            one("diff.pb.stage", "stage {stage}", "stage", &stage_label(s)),
        ),
        ["stages", s, "exit"] if order => (
            Area::ExitItems,
            one(
                "diff.pb.exit_order",
                "the order of the exit items of stage {stage}",
                "stage",
                &stage_label(s),
            ),
        ),
        ["stages", s, "exit", i] => (
            Area::ExitItems,
            two(
                "diff.pb.exit_item",
                "exit item {item} of stage {stage}",
                ("item", &item_label(s, i)),
                ("stage", &stage_label(s)),
            ),
        ),
        ["stages", s, "exit", i, "auto", ..] => (
            Area::Rules,
            two(
                "diff.pb.exit_rule",
                "the rule of exit item {item} of stage {stage}",
                ("item", &item_label(s, i)),
                ("stage", &stage_label(s)),
            ),
        ),
        ["stages", s, "exit", i, field, ..] => (
            Area::ExitItems,
            w.fill(
                "diff.pb.exit_item_field",
                "{field} of exit item {item} of stage {stage}",
                &[
                    ("field", field),
                    ("item", &item_label(s, i)),
                    ("stage", &stage_label(s)),
                ],
            ),
        ),
        ["stages", s, field, ..] => (
            Area::Stages,
            two(
                "diff.pb.stage_field",
                "{field} of stage {stage}",
                ("field", field),
                ("stage", &stage_label(s)),
            ),
        ),
        ["outcomes", ..] => (
            Area::Stages,
            one("diff.pb.outcomes", "outcomes: {what}", "what", &p[1..].join(" › ")),
        ),
        ["scoring", "factors"] if order => (
            Area::Weights,
            w.text("diff.pb.factor_order", "the order of the value factors").into(),
        ),
        ["scoring", "factors", f] => (
            Area::Weights,
            one("diff.pb.factor", "value factor {factor}", "factor", &factor_label(f)),
        ),
        ["scoring", "factors", f, "weight"] => (
            Area::Weights,
            one(
                "diff.pb.factor_weight",
                "weight of value factor {factor}",
                "factor",
                &factor_label(f),
            ),
        ),
        ["scoring", "factors", f, field, ..] => (
            Area::Weights,
            two(
                "diff.pb.factor_field",
                "{field} of value factor {factor}",
                ("field", field),
                ("factor", &factor_label(f)),
            ),
        ),
        ["scoring", "tiers"] if order => (
            Area::Tiers,
            w.text(
                "diff.pb.tier_order",
                "the order of the tier rules (the first that holds gives the tier)",
            )
            .into(),
        ),
        ["scoring", "tiers", t] => (Area::Tiers, one("diff.pb.tier", "tier `{tier}`", "tier", t)),
        ["scoring", "tiers", t, "when"] => (
            Area::Tiers,
            one("diff.pb.tier_rule", "the rule of tier `{tier}`", "tier", t),
        ),
        ["scoring", "tiers", t, field, ..] => (
            Area::Tiers,
            two(
                "diff.pb.tier_field",
                "{field} of tier `{tier}`",
                ("field", field),
                ("tier", t),
            ),
        ),
        [scope @ ("account" | "archive" | "records"), rest @ ..] => field_name(base, head, scope, rest, order),
        ["enums", e, v, "veto"] => (
            Area::Rules,
            one(
                "diff.pb.veto",
                "whether `{value}` holds a veto",
                "value",
                &format!("{e}.{v}"),
            ),
        ),
        ["enums", e, v, "weight"] => (
            Area::Weights,
            one(
                "diff.pb.value_weight",
                "weight of `{value}`",
                "value",
                &format!("{e}.{v}"),
            ),
        ),
        ["enums", e, v, "layer"] => (
            Area::Rules,
            one(
                "diff.pb.value_layer",
                "the layer of `{value}`",
                "value",
                &format!("{e}.{v}"),
            ),
        ),
        ["enums", e] if order => (
            Area::Values,
            one("diff.pb.values_order", "the values of `{list}` (order)", "list", e),
        ),
        ["enums", e] => (Area::Values, one("diff.pb.values", "the values of `{list}`", "list", e)),
        ["enums", e, v, ..] => (
            Area::Values,
            format!(
                "{}{}",
                one("diff.pb.value", "value `{value}`", "value", &format!("{e}.{v}")),
                tail(&p[3..])
            ),
        ),
        ["cadence", ..] => (
            Area::Cadence,
            one("diff.pb.cadence", "cadence: {what}", "what", &p[1..].join(" › ")),
        ),
        ["policy", ..] => (
            Area::Policy,
            one("diff.pb.policy", "policy: {what}", "what", &p[1..].join(" › ")),
        ),
        ["after_deal", "return_visit_every_days", t] => (
            Area::Cadence,
            one(
                "diff.pb.return_visit_days",
                "days between return visits, tier `{tier}`",
                "tier",
                t,
            ),
        ),
        ["after_deal", "renewal_days"] => (
            Area::Cadence,
            w.text(
                "diff.pb.renewal_days",
                "days ahead a contract's renewal is on the agenda",
            )
            .into(),
        ),
        ["after_deal", "escalation"] if order => (
            Area::Policy,
            w.text("diff.pb.escalation_order", "the order of the escalation steps")
                .into(),
        ),
        ["after_deal", "escalation", e, ..] => (
            Area::Policy,
            format!(
                "{}{}",
                one(
                    "diff.pb.escalation",
                    "escalation step `{step}` of an overdue receivable",
                    "step",
                    e
                ),
                tail(&p[3..])
            ),
        ),
        ["after_deal", ..] => (
            Area::Policy,
            one(
                "diff.pb.after_deal",
                "after the deal: {what}",
                "what",
                &p[1..].join(" › "),
            ),
        ),
        ["retrospective", "days"] => (
            Area::Policy,
            w.text("diff.pb.retro_days", "days within which the retrospective is due")
                .into(),
        ),
        ["retrospective", ..] => (
            Area::Policy,
            one("diff.pb.retro", "retrospective: {what}", "what", &p[1..].join(" › ")),
        ),
        ["guidance"] if order => (
            Area::Guidance,
            w.text("diff.pb.guidance_order", "the order of the guidance topics")
                .into(),
        ),
        ["guidance", t, rest @ ..] => {
            let label = |pb: &Playbook| pb.doc.guidance.iter().find(|g| g.id == *t).map(|g| g.label.clone());
            let topic = label(head)
                .or_else(|| label(base))
                .map_or_else(|| format!("`{t}`"), |l| format!("`{t}` ({l})"));
            (
                Area::Guidance,
                format!(
                    "{}{}",
                    one("diff.pb.topic", "guidance topic {topic}", "topic", &topic),
                    tail(rest)
                ),
            )
        }
        ["text", id] => (Area::Words, one("diff.pb.words", "interface words `{id}`", "id", id)),
        _ => (Area::Other, p.join(" › ")),
    }
}

/// `: a › b` for the rest of a path, or nothing.
fn tail(rest: &[&str]) -> String {
    if rest.is_empty() {
        String::new()
    } else {
        format!(": {}", rest.join(" › "))
    }
}

/// Changes of the account, archive and record fields.
fn field_name(base: &Playbook, head: &Playbook, scope: &str, rest: &[&str], order: bool) -> (Area, String) {
    let label_of = |group: Option<&str>, field: &str| -> String {
        let find = |pb: &Playbook| -> Option<String> {
            match (scope, group) {
                ("account", _) => pb.doc.account.field(field).map(|f| f.label.clone()),
                ("archive", Some(g)) => pb.group(g)?.field(field).map(|f| f.label.clone()),
                ("records", Some(r)) => pb.record_type(r)?.field(field).map(|f| f.label.clone()),
                _ => None,
            }
        };
        let path = group.map_or_else(|| field.to_string(), |g| format!("{g}.{field}"));
        find(head)
            .or_else(|| find(base))
            .map_or_else(|| format!("`{path}`"), |l| format!("`{path}` ({l})"))
    };
    let (group, after): (Option<&str>, &[&str]) = match (scope, rest) {
        ("account", ["fields", tail @ ..]) => (None, tail),
        (_, [g, "fields", tail @ ..]) => (Some(*g), tail),
        (_, [g]) => {
            let what = if scope == "archive" {
                head.fill("diff.pb.group", "archive group `{group}`", &[("group", g)])
            } else {
                head.fill("diff.pb.record_type", "record type `{group}`", &[("group", g)])
            };
            return (Area::Fields, what);
        }
        _ => return (Area::Fields, format!("{scope}: {}", rest.join(" › "))),
    };
    let w = head;
    match after {
        [] if order => (
            Area::Fields,
            w.fill(
                "diff.pb.field_order",
                "the order of the fields of `{group}`",
                &[("group", &group.unwrap_or(scope))],
            ),
        ),
        [f] => (
            Area::Fields,
            w.fill("diff.pb.field", "field {field}", &[("field", &label_of(group, f))]),
        ),
        [f, "required"] => (
            Area::Required,
            w.fill(
                "diff.pb.required",
                "when {field} is required",
                &[("field", &label_of(group, f))],
            ),
        ),
        [f, "sensitive"] => (
            Area::Sensitive,
            w.fill(
                "diff.pb.sensitive",
                "whether {field} is personal data",
                &[("field", &label_of(group, f))],
            ),
        ),
        [f, attr, ..] => (
            Area::Fields,
            w.fill(
                "diff.pb.field_attr",
                "{attr} of field {field}",
                &[("attr", attr), ("field", &label_of(group, f))],
            ),
        ),
        _ => (Area::Fields, format!("{scope}: {}", rest.join(" › "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::{DEFAULT_PLAYBOOK, load};

    fn diff(edit: impl Fn(&str) -> String) -> Vec<PlaybookChange> {
        let base = load("kam.yaml", DEFAULT_PLAYBOOK).unwrap();
        let head = load("kam.yaml", &edit(DEFAULT_PLAYBOOK)).unwrap();
        changes(&base, &head)
    }

    #[test]
    fn the_same_playbook_has_no_change() {
        assert!(diff(|s| s.replace("# kam playbook", "# a comment")).is_empty());
    }

    #[test]
    fn changes_are_named_in_business_terms() {
        let found = diff(|s| {
            s.replace(
                "auto: { scored: { tiers: [A] } }",
                "auto: { scored: { tiers: [A, B] } }",
            )
            .replace(
                "      weight: 3\n      higher_is_better: true\n      help: \"1 = a token share",
                "      weight: 5\n      higher_is_better: true\n      help: \"1 = a token share",
            )
            .replace(
                "when: \"value >= 70 and difficulty <= 60\"",
                "when: \"value >= 60 and difficulty <= 60\"",
            )
            .replace(
                "kind: text, sensitive: true }\n      - { id: bank_credit",
                "kind: text }\n      - { id: bank_credit",
            )
            .replace("kind: integer, required: relationship }", "kind: integer }")
        });
        let line = |c: &PlaybookChange| format!("{:?} {} {:?} → {:?}", c.area, c.what, c.from, c.to);
        let lines: Vec<String> = found.iter().map(line).collect();
        let has = |needle: &str| assert!(lines.iter().any(|l| l.contains(needle)), "{needle}\n{lines:#?}");
        has("Rules the rule of exit item `rated` (Every value factor rated, tier A) of stage `assess`");
        has("Some(\"{ scored: { tiers: [A] } }\") → Some(\"{ scored: { tiers: [A, B] } }\")");
        has("Weights weight of value factor `share` (Our share after the deal) Some(\"3.0\") → Some(\"5.0\")");
        has(
            "Tiers the rule of tier `A` Some(\"value >= 70 and difficulty <= 60\") → Some(\"value >= 60 and difficulty <= 60\")",
        );
        has(
            "Sensitive whether `finance.bank_account` (Bank account) is personal data Some(\"true\") → Some(\"false\")",
        );
        has(
            "Required when `finance.payment_cycle_days` (Payment cycle (days)) is required Some(\"relationship\") → Some(\"never\")",
        );
        // Grouped by area, rules first.
        assert_eq!(found[0].area, Area::Rules);
    }

    #[test]
    fn a_moved_stage_and_a_veto_are_named() {
        let found = diff(|s| s.replace("layer: management, veto: true, help", "layer: management, help"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].what, "whether `role.technical` holds a veto");
        assert_eq!(
            (found[0].from.as_deref(), found[0].to.as_deref()),
            (Some("true"), Some("false"))
        );
    }

    #[test]
    fn a_change_inside_a_list_of_records_is_shown_per_element_by_its_id() {
        // One id out of one guidance topic's `where`, and the `go` exit item removed (with the
        // reference to it, so the playbook stays valid).
        let found = diff(|s| {
            s.replace(
                "where: { items: [go, first_contact] }",
                "where: { items: [first_contact] }",
            )
            .replace(
                "      - id: go\n        label: Go decision taken\n        evidence: Who decided go, when, and why\n",
                "",
            )
        });
        let lines: Vec<String> = found
            .iter()
            .map(|c| format!("{}: {:?} → {:?} {:?}", c.what, c.from, c.to, c.element))
            .collect();
        assert!(
            lines.contains(
                &"guidance topic `prospecting` (Choosing and approaching clients): where › items: Some(\"[go, first_contact]\") → Some(\"[first_contact]\") None"
                    .to_string()
            ),
            "{lines:#?}"
        );
        assert!(
            lines.contains(
                &"exit item `go` (Go decision taken) of stage `qualify` (Qualify the target): Some(\"Go decision taken\") → None Some(Removed)"
                    .to_string()
            ),
            "{lines:#?}"
        );
        let removed = found.iter().find(|c| c.element == Some(Element::Removed)).unwrap();
        assert_eq!(removed.from.as_deref(), Some("Go decision taken"));
        // Nothing dumps a whole list or a raw table.
        for l in &lines {
            assert!(l.len() < 200 && !l.contains("{ "), "{l}");
        }
        assert_eq!(found.len(), 2, "{lines:#?}");
    }

    #[test]
    fn a_long_list_of_values_shows_what_left_and_joined_it() {
        let found = diff(|s| {
            s.replace(
                "      - \"Start from industries we know; pick the clients we most want to work for; keep the list short\"\n",
                "      - \"Start from the industries we know best\"\n",
            )
        });
        assert_eq!(found.len(), 1, "{found:#?}");
        let line = format!("{}: {:?} → {:?}", found[0].what, found[0].from, found[0].to);
        assert!(line.starts_with("guidance topic `prospecting`"), "{line}");
        assert!(line.contains("Start from the industries we know best"), "{line}");
        assert!(
            !line.contains("Know each one's scale"),
            "the points that stayed: {line}"
        );
    }
}
