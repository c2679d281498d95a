//! `kam set ID PATH=VALUE…` and `kam unset ID PATH…` as plans: every assignment resolved and
//! typed by the playbook, ratings with their `why`, a contact's stance or closeness stamped with
//! the date it was assessed, owners checked against the people kam knows.

use chrono::NaiveDate;

use crate::domain::account::value::{Spanned, Table, Value, as_int, as_str, as_table};
use crate::domain::diagnostic::{Code, Diagnostic};
use crate::domain::edit::coerce::{coerce, split};
use crate::domain::edit::people::check_person;
use crate::domain::edit::target::{Slot, Target, lookup, resolve};
use crate::domain::edit::{Change, Lit, Op, Plan, Refused, Step, shown, shown_lit};
use crate::domain::playbook::{Kind, Playbook, Said};

/// The contact field that dates the last assessment of a stance and closeness.
pub const ASSESSED: &str = "assessed";

/// What `kam set` was asked.
#[derive(Debug, Clone, Copy)]
pub struct SetRequest<'a> {
    pub assignments: &'a [String],
    /// `--why` for the ratings set.
    pub why: Option<&'a str>,
    pub today: NaiveDate,
    /// The people kam knows (owners, team members, task owners) for `owner` values.
    pub people: &'a [String],
}

/// Why `kam set` makes no plan.
#[derive(Debug, Clone)]
pub enum SetError {
    Refused(Refused),
    /// Values that cannot be read as their field's kind: (which argument, diagnostic on it).
    Invalid(Vec<(usize, Diagnostic)>),
}

impl From<Refused> for SetError {
    fn from(r: Refused) -> Self {
        SetError::Refused(r)
    }
}

/// The plan of `kam set`.
pub fn plan_set(pb: &Playbook, root: &Spanned<Table<'_>>, req: &SetRequest<'_>) -> Result<Plan, SetError> {
    let mut plan = Plan::default();
    let mut invalid = Vec::new();
    let mut ratings = 0;
    let mut stamped: Vec<Vec<Step>> = Vec::new();
    let mut targets = Vec::new();
    for (i, arg) in req.assignments.iter().enumerate() {
        let a = split(arg)?;
        let t = resolve(pb, root, a.path)?;
        targets.push((i, a, t));
    }
    let explicit: Vec<Vec<Step>> = targets
        .iter()
        .filter(|(_, _, t)| t.key == ASSESSED && t.path.starts_with("contacts."))
        .map(|(_, _, t)| t.table.clone())
        .collect();
    for (i, a, t) in targets {
        let current = lookup(root, &t.table, &t.key);
        let old = current.map(|n| shown(n.get_ref()));
        match t.slot {
            Slot::Rating(f) => {
                ratings += 1;
                let rating = match as_int_text(a.value) {
                    Some(r) if (1..=5).contains(&r) => r,
                    Some(r) => {
                        invalid.push((
                            i,
                            Diagnostic::error(
                                Code::RatingRange,
                                a.value_at..arg_len(req, i),
                                pb.fill(
                                    "check.rating_range",
                                    "rating of `{factor}` must be 1 to 5, not {n}",
                                    &[("factor", &t.path), ("n", &r)],
                                ),
                            )
                            .with_help(f.help.clone()),
                        ));
                        continue;
                    }
                    None => {
                        invalid.push((
                            i,
                            Diagnostic::error(
                                Code::WrongType,
                                a.value_at..arg_len(req, i),
                                pb.fill(
                                    "check.wrong_type",
                                    "{what} expects {kind}, found {found}",
                                    &[
                                        ("what", &format!("`{}`", t.path)),
                                        ("kind", &pb.kind_words(Kind::Rating)),
                                        ("found", &format!("`{}`", a.value.trim())),
                                    ],
                                ),
                            )
                            .with_help(f.help.clone()),
                        ));
                        continue;
                    }
                };
                rate(pb, &mut plan, &t, current.map(toml::Spanned::get_ref), rating, req.why);
            }
            Slot::Field(field) => {
                let lit = match coerce(pb, field, &t.path, root, a.value, a.how, current, req.today)? {
                    Ok(lit) => lit,
                    Err(mut d) => {
                        d.span = d.span.start + a.value_at..d.span.end + a.value_at;
                        invalid.push((i, d));
                        continue;
                    }
                };
                if field.id == "owner"
                    && field.kind == Kind::Text
                    && let Lit::Str(who) = &lit
                {
                    check_person(req.people, who, Said::new("edit.role.owner", "an owner"))?;
                }
                // An enumeration's values by their labels, as the playbook shows them.
                let labelled = |v: Lit| match (field.kind, v) {
                    (Kind::Enum, Lit::Str(s)) => Lit::Str(label_of(field, &s)),
                    (Kind::EnumList, Lit::Array(items)) => Lit::Array(
                        items
                            .into_iter()
                            .map(|i| match i {
                                Lit::Str(s) => Lit::Str(label_of(field, &s)),
                                other => other,
                            })
                            .collect(),
                    ),
                    (_, v) => v,
                };
                let new = shown_lit(&labelled(lit.clone()));
                let old = match current.map(toml::Spanned::get_ref) {
                    Some(v) if matches!(field.kind, Kind::Enum | Kind::EnumList) => {
                        crate::domain::edit::coerce::lit_of(v).map(|l| shown_lit(&labelled(l)))
                    }
                    _ => old,
                };
                plan.ops.push(Op::set(&t.table, &t.key, lit));
                plan.changes.push(Change {
                    what: t.what(),
                    old: old.filter(|s| !s.is_empty()),
                    new: Some(new),
                    personal: t.personal,
                });
                if matches!(t.key.as_str(), "stance" | "closeness")
                    && t.path.starts_with("contacts.")
                    && pb
                        .record_type("contacts")
                        .is_some_and(|rt| rt.field(ASSESSED).is_some())
                    && !explicit.contains(&t.table)
                    && !stamped.contains(&t.table)
                {
                    stamped.push(t.table.clone());
                    let before = lookup(root, &t.table, ASSESSED).map(|n| shown(n.get_ref()));
                    plan.ops.push(Op::set(&t.table, ASSESSED, Lit::Date(req.today)));
                    let who = t.path.rsplit_once('.').map_or("", |(p, _)| p);
                    let label = pb
                        .record_type("contacts")
                        .and_then(|rt| rt.field(ASSESSED))
                        .map_or(ASSESSED, |f| f.label.as_str());
                    plan.changes.push(Change::new(
                        format!("{label} ({who}.{ASSESSED})"),
                        before,
                        Some(req.today.to_string()),
                    ));
                }
            }
        }
    }
    if !invalid.is_empty() {
        return Err(SetError::Invalid(invalid));
    }
    if req.why.is_some() && ratings == 0 {
        return Err(
            Refused::new(Said::new("edit.why_without_rating", "--why goes with a rating"))
                .help(Said::new(
                    "edit.why_without_rating_help",
                    "e.g. `kam set acme ratings.deal_risk=4 --why \"a strong incumbent\"`",
                ))
                .into(),
        );
    }
    Ok(plan)
}

/// The label of an enumeration value of `field`, or the value itself.
fn label_of(field: &crate::domain::playbook::Field, id: &str) -> String {
    field
        .allowed
        .as_deref()
        .and_then(|values| values.iter().find(|v| v.id == id))
        .map_or_else(|| id.to_string(), |v| v.label.clone())
}

fn arg_len(req: &SetRequest<'_>, i: usize) -> usize {
    req.assignments.get(i).map_or(0, String::len)
}

fn as_int_text(s: &str) -> Option<i64> {
    s.trim().parse().ok()
}

/// Sets a rating: a bare number, or `{ rating, why }` when there is a reason to keep or write.
fn rate(pb: &Playbook, plan: &mut Plan, t: &Target<'_>, current: Option<&Value<'_>>, rating: i64, why: Option<&str>) {
    let why = why.map(str::trim).filter(|w| !w.is_empty());
    let (old_rating, old_why) = match current {
        Some(Value::Table(tb)) => (
            tb.get("rating").and_then(|r| as_int(r.get_ref())),
            tb.get("why").and_then(|w| as_str(w.get_ref())),
        ),
        Some(other) => (as_int(other), None),
        None => (None, None),
    };
    let inside = current.and_then(as_table).is_some();
    if inside {
        let mut table = t.table.clone();
        table.push(Step::Key(t.key.clone()));
        plan.ops.push(Op::set(&table, "rating", Lit::Int(rating)));
        if let Some(w) = why {
            plan.ops.push(Op::set(&table, "why", Lit::Str(w.to_string())));
        }
    } else if let Some(w) = why {
        plan.ops.push(Op::set(
            &t.table,
            &t.key,
            Lit::Table(vec![
                ("rating".into(), Lit::Int(rating)),
                ("why".into(), Lit::Str(w.to_string())),
            ]),
        ));
    } else {
        plan.ops.push(Op::set(&t.table, &t.key, Lit::Int(rating)));
    }
    plan.changes.push(Change::new(
        t.what(),
        old_rating.map(|r| r.to_string()),
        Some(rating.to_string()),
    ));
    match (why, old_why) {
        (Some(w), old) => plan.changes.push(Change::new(
            pb.fill("edit.why", "why ({path}.why)", &[("path", &t.path)]),
            old.map(str::to_string),
            Some(w.to_string()),
        )),
        (None, Some(old)) if old_rating != Some(rating) => plan.notes.push(pb.fill(
            "edit.why_kept",
            "the reason for {path} still reads “{why}”; --why replaces it",
            &[("path", &t.path), ("why", &old)],
        )),
        _ => {}
    }
}

/// The plan of `kam unset`: each path's key removed.
pub fn plan_unset(pb: &Playbook, root: &Spanned<Table<'_>>, paths: &[String]) -> Result<Plan, Refused> {
    let mut plan = Plan::default();
    for path in paths {
        let t = resolve(pb, root, path)?;
        let Some(current) = lookup(root, &t.table, &t.key) else {
            return Err(
                Refused::new(Said::new("edit.not_set", "`{path}` is not set").arg("path", &t.path))
                    .help(Said::new("edit.not_set_help", "nothing to remove")),
            );
        };
        plan.ops.push(Op::Remove {
            table: t.table.clone(),
            key: t.key.clone(),
        });
        plan.changes.push(Change {
            what: t.what(),
            old: Some(shown(current.get_ref())),
            new: None,
            personal: t.personal,
        });
    }
    Ok(plan)
}
