//! `kam log` as a plan: a new `[[visits]]` record (a visit that took place, or a planned one when
//! its date lies ahead), or the completion of a logged visit (`--visit DATE`): its report, the
//! client's view, the next step, the one-week follow-up. A visit that has not taken place cannot
//! have a report, a client's view, key points or a follow-up.

use chrono::NaiveDate;

use crate::domain::account::value::{Spanned, Table, as_date, as_str};
use crate::domain::edit::coerce::{How, coerce, enum_id};
use crate::domain::edit::target::record;
use crate::domain::edit::{Change, Lit, Op, Plan, Refused, Step, entries, shown_lit};
use crate::domain::playbook::Playbook;
use crate::domain::privacy::{Scope, is_sensitive};

/// The values of a visit given on the command line (or answered at the prompts).
#[derive(Debug, Clone, Default)]
pub struct VisitInput {
    pub date: Option<NaiveDate>,
    pub form: Option<String>,
    /// Contact ids (or unique prefixes, or names).
    pub with: Vec<String>,
    pub place: Option<String>,
    pub team: Vec<String>,
    pub goals: Vec<String>,
    pub points: Option<String>,
    pub client_view: Option<String>,
    pub next_step: Option<String>,
    pub next_date: Option<NaiveDate>,
    pub gift: Option<String>,
    pub gift_value: Option<String>,
    pub report: Option<String>,
    pub followed_up: Option<NaiveDate>,
}

fn text(s: Option<&String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// What only a visit that took place can have.
fn after_the_fact(v: &VisitInput) -> Vec<&'static str> {
    let mut out = Vec::new();
    if v.report.is_some() {
        out.push("--report");
    }
    if v.client_view.is_some() {
        out.push("--client-view");
    }
    if v.points.is_some() {
        out.push("--points");
    }
    if v.followed_up.is_some() {
        out.push("--followed-up");
    }
    out
}

fn not_yet(pb: &Playbook, date: NaiveDate, flags: &[&str]) -> Refused {
    Refused::new(pb.fill(
        "edit.visit_not_yet",
        "the visit of {date} has not taken place yet: it cannot have {flags}",
        &[("date", &date), ("flags", &flags.join(", "))],
    ))
    .help(pb.text(
        "edit.visit_not_yet_help",
        "log the report once the visit took place: `kam log ID --visit DATE --report …`",
    ))
}

/// The fields of the visit record, in the playbook's order, from what was given.
fn fields(
    pb: &Playbook,
    root: &Spanned<Table<'_>>,
    v: &VisitInput,
    today: NaiveDate,
) -> Result<Vec<(String, Lit)>, Refused> {
    let mut with = Vec::new();
    for w in &v.with {
        let (_, id) = record(root, "contacts", w.trim())?;
        if !with.contains(&id) {
            with.push(id);
        }
    }
    let form = match &v.form {
        Some(f) => Some(enum_id(pb.enum_values("visit_form").unwrap_or_default(), f)?),
        None => None,
    };
    let gift_value = match (
        &v.gift_value,
        pb.record_type("visits").and_then(|rt| rt.field("gift_value")),
    ) {
        (Some(raw), Some(field)) => match coerce(pb, field, "--gift-value", root, raw, How::Assign, None, today)? {
            Ok(lit) => Some(lit),
            Err(d) => return Err(Refused::new(d.message).help(d.help.unwrap_or_default())),
        },
        _ => None,
    };
    let list = |items: &[String]| {
        let l: Vec<Lit> = items
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .map(|s| Lit::Str(s.into()))
            .collect();
        (!l.is_empty()).then_some(Lit::Array(l))
    };
    let given: Vec<(&str, Option<Lit>)> = vec![
        ("date", v.date.map(Lit::Date)),
        ("form", form.map(Lit::Str)),
        ("place", text(v.place.as_ref()).map(Lit::Str)),
        ("attendees", list(&with)),
        ("our_team", list(&v.team)),
        ("goals", list(&v.goals)),
        ("gifts", text(v.gift.as_ref()).map(Lit::Str)),
        ("gift_value", gift_value),
        ("points", text(v.points.as_ref()).map(Lit::Str)),
        ("client_view", text(v.client_view.as_ref()).map(Lit::Str)),
        ("next_step", text(v.next_step.as_ref()).map(Lit::Str)),
        ("next_date", v.next_date.map(Lit::Date)),
        ("report", text(v.report.as_ref()).map(Lit::Str)),
        ("followed_up", v.followed_up.map(Lit::Date)),
    ];
    let order: Vec<&str> = pb
        .record_type("visits")
        .map(|rt| rt.fields.iter().map(|f| f.id.as_str()).collect())
        .unwrap_or_default();
    let mut out: Vec<(String, Lit)> = given
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k.to_string(), v)))
        .collect();
    out.sort_by_key(|(k, _)| order.iter().position(|o| o == k).unwrap_or(usize::MAX));
    Ok(out)
}

/// How a visit reads in a change line: `Phone call; with xu-qing; next step 2026-12-01: …`.
fn summary(pb: &Playbook, record: &[(String, Lit)]) -> String {
    let rt = pb.record_type("visits");
    record
        .iter()
        .filter(|(k, _)| k != "date")
        .map(|(k, v)| {
            let label = rt.and_then(|rt| rt.field(k)).map_or(k.as_str(), |f| f.label.as_str());
            let value = if is_sensitive(pb, Scope::Record("visits"), k) {
                pb.text("edit.personal", "(personal data)").to_string()
            } else if k == "form" {
                pb.enum_label("visit_form", &shown_lit(v)).to_string()
            } else {
                shown_lit(v)
            };
            pb.fill(
                "report.fact",
                "{label}: {value}",
                &[("label", &label), ("value", &value)],
            )
        })
        .collect::<Vec<_>>()
        .join(pb.text("report.item_separator", "; "))
}

/// The plan of `kam log ID …` for a new visit.
pub fn plan_new(pb: &Playbook, root: &Spanned<Table<'_>>, v: &VisitInput, today: NaiveDate) -> Result<Plan, Refused> {
    let date = v.date.unwrap_or(today);
    if date > today {
        let late = after_the_fact(v);
        if !late.is_empty() {
            return Err(not_yet(pb, date, &late));
        }
    }
    if v.form.as_deref().is_none_or(|f| f.trim().is_empty()) {
        let forms: Vec<&str> = pb
            .enum_values("visit_form")
            .unwrap_or_default()
            .iter()
            .map(|f| f.id.as_str())
            .collect();
        return Err(
            Refused::new(pb.text("edit.form_missing", "how did the visit take place? --form is missing")).help(
                pb.fill(
                    "edit.form_missing_help",
                    "--form takes one of: {forms}",
                    &[("forms", &forms.join(", "))],
                ),
            ),
        );
    }
    if let Some(next) = v.next_date
        && next < date
    {
        return Err(Refused::new(pb.fill(
            "edit.next_before_visit",
            "the next step ({next}) lies before the visit ({date})",
            &[("next", &next), ("date", &date)],
        ))
        .help(pb.text(
            "edit.next_before_visit_help",
            "the next step is what comes after this visit",
        )));
    }
    let mut input = v.clone();
    input.date = Some(date);
    let record = fields(pb, root, &input, today)?;
    let what = if date > today {
        pb.fill(
            "edit.planned_visit_of",
            "planned visit of {date} (visits)",
            &[("date", &date)],
        )
    } else {
        pb.fill("edit.visit_of", "visit of {date} (visits)", &[("date", &date)])
    };
    let changes = vec![Change::new(what, None, Some(summary(pb, &record)))];
    Ok(Plan {
        ops: vec![Op::Append {
            array: "visits".into(),
            record,
        }],
        changes,
        notes: Vec::new(),
    })
}

/// The visits dated today or earlier with no follow-up recorded, latest first.
pub fn awaiting_followup(root: &Spanned<Table<'_>>, today: NaiveDate) -> Vec<NaiveDate> {
    let mut dates: Vec<NaiveDate> = entries(root, "visits")
        .into_iter()
        .filter(|(_, t)| !t.contains_key("followed_up"))
        .filter_map(|(_, t)| t.get("date").and_then(|n| as_date(n.get_ref())))
        .filter(|d| *d <= today)
        .collect();
    dates.sort_unstable_by(|a, b| b.cmp(a));
    dates
}

/// The plan of `kam log ID --visit DATE …`: the visit's fields set.
pub fn plan_complete(
    pb: &Playbook,
    root: &Spanned<Table<'_>>,
    which: &str,
    v: &VisitInput,
    today: NaiveDate,
) -> Result<Plan, Refused> {
    let (index, key) = record(root, "visits", which)?;
    let visit = entries(root, "visits")
        .into_iter()
        .find(|(i, _)| *i == index)
        .map(|(_, t)| t)
        .ok_or_else(|| Refused::new(pb.fill("edit.no_visit", "no visit `{which}`", &[("which", &which)])))?;
    let date = visit.get("date").and_then(|n| as_date(n.get_ref())).ok_or_else(|| {
        Refused::new(pb.fill(
            "edit.visit_no_date",
            "the visit `{which}` has no date",
            &[("which", &which)],
        ))
    })?;
    if date > today {
        let late = after_the_fact(v);
        if !late.is_empty() {
            return Err(not_yet(pb, date, &late));
        }
    }
    if let Some(f) = v.followed_up {
        if f < date {
            return Err(Refused::new(pb.fill(
                "edit.followup_before_visit",
                "the follow-up ({followup}) lies before the visit ({date})",
                &[("followup", &f), ("date", &date)],
            )));
        }
        if f > today {
            return Err(Refused::new(pb.fill(
                "edit.followup_ahead",
                "the follow-up date {followup} lies ahead",
                &[("followup", &f)],
            ))
            .help(pb.text("edit.followup_ahead_help", "record a follow-up once it took place")));
        }
    }
    if let Some(next) = v.next_date
        && next < date
    {
        return Err(Refused::new(pb.fill(
            "edit.next_before_visit",
            "the next step ({next}) lies before the visit ({date})",
            &[("next", &next), ("date", &date)],
        )));
    }
    if v.form.is_some() || v.date.is_some() {
        return Err(Refused::new(pb.text(
            "edit.visit_keeps_date",
            "--visit completes a logged visit; its date and form stay",
        ))
        .help(pb.text(
            "edit.visit_keeps_date_help",
            "change them with `kam set ID visits.DATE.form=…` or `kam edit ID`",
        )));
    }
    let record = fields(pb, root, v, today)?;
    if record.is_empty() {
        return Err(Refused::new(pb.fill(
            "edit.nothing_to_record",
            "nothing to record for the visit of {key}",
            &[("key", &key)],
        ))
        .help(pb.text(
            "edit.nothing_to_record_help",
            "give --report, --client-view, --points, --next-step, --next-date or --followed-up",
        )));
    }
    let table = vec![Step::Key("visits".into()), Step::Index(index)];
    let rt = pb.record_type("visits");
    let mut plan = Plan::default();
    for (k, lit) in record {
        let old = visit.get(k.as_str()).map(|n| crate::domain::edit::shown(n.get_ref()));
        let label = rt.and_then(|rt| rt.field(&k)).map_or(k.as_str(), |f| f.label.as_str());
        let mut change = Change::new(format!("{label} (visits.{key}.{k})"), old, Some(shown_lit(&lit)));
        change.personal = is_sensitive(pb, Scope::Record("visits"), &k);
        plan.changes.push(change);
        plan.ops.push(Op::set(&table, &k, lit));
    }
    if visit.get("report").and_then(|n| as_str(n.get_ref())).is_some() && v.report.is_some() {
        plan.notes.push(pb.fill(
            "edit.report_replaced",
            "the visit of {key} had a report; it is replaced",
            &[("key", &key)],
        ));
    }
    Ok(plan)
}
