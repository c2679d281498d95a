//! The evaluation of the automatic rule kinds filled, records, keyed and scored for a
//! stage gate. Each returns what met the rule, or what is missing and where to write it, in words
//! a key account manager can act on.

use std::fmt::Write;

use crate::domain::account::value::{Record, Value, as_table, is_filled};
use crate::domain::gate::as_of::DATE;
use crate::domain::gate::evaluate::Ctx;
use crate::domain::gate::rule::{Cond, KeyedRule, RecordsRule, Scalar};
use crate::domain::playbook::{Field, Kind};
use crate::domain::privacy::{self, Scope};
use crate::domain::score::{Weights, score};

impl Ctx<'_, '_, '_> {
    pub(crate) fn filled(&self, paths: &[String]) -> Result<String, String> {
        // Missing fields grouped by their table, in the order the rule names them.
        let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
        let mut planned = Vec::new();
        for p in paths {
            let value = self.account.archive(p);
            if value.is_some_and(is_filled) {
                if let Some(d) = value.and_then(|v| self.archive_later(p, v)) {
                    planned.push(
                        self.pb
                            .fill("gate.rule.is", "{what} is {value}", &[("what", p), ("value", &d)]),
                    );
                }
                continue;
            }
            let (group, name) = p.split_once('.').unwrap_or((p, ""));
            let shown = match self.pb.archive_field(p) {
                Some(f) => match self.hint(f) {
                    Some(hint) => format!("{name} ({}: {hint})", f.label),
                    None => format!("{name} ({})", f.label),
                },
                None => name.to_string(),
            };
            match groups.iter_mut().find(|(g, _)| *g == group) {
                Some((_, fields)) => fields.push(shown),
                None => groups.push((group, vec![shown])),
            }
        }
        if groups.is_empty() && planned.is_empty() {
            return Ok(self
                .pb
                .fill("gate.rule.filled", "{fields} filled", &[("fields", &paths.join(", "))]));
        }
        let mut parts: Vec<String> = groups
            .iter()
            .map(|(group, fields)| {
                self.pb.fill(
                    "gate.rule.write_under",
                    "under [{group}] write {fields}",
                    &[("group", group), ("fields", &fields.join(", "))],
                )
            })
            .collect();
        if !planned.is_empty() {
            parts.push(self.planned_note(&planned));
        }
        Err(parts.join("; "))
    }

    /// What a field takes, when its label alone does not say: the allowed values or the kind.
    fn hint(&self, field: &Field) -> Option<String> {
        let values = || -> String {
            let ids: Vec<&str> = field
                .values
                .as_deref()
                .and_then(|n| self.pb.enum_values(n))
                .unwrap_or_default()
                .iter()
                .map(|v| v.id.as_str())
                .collect();
            ids.join(", ")
        };
        match field.kind {
            Kind::Text | Kind::Records | Kind::Keyed => None,
            Kind::Enum => Some(
                self.pb
                    .fill("gate.rule.one_of", "one of {values}", &[("values", &values())]),
            ),
            Kind::EnumList => Some(
                self.pb
                    .fill("gate.rule.list_of", "a list of {values}", &[("values", &values())]),
            ),
            other => Some(self.pb.kind_words(other).to_string()),
        }
    }

    pub(crate) fn matches(&self, of: &str, record: &Record<'_, '_>, field: &str, cond: &Cond) -> bool {
        match cond {
            Cond::Is(s) => self.field_is(of, record, field, s),
            Cond::AnyOf(values) => values.iter().any(|s| self.field_is(of, record, field, s)),
            Cond::AllOf { all } => all.iter().all(|s| self.field_is(of, record, field, s)),
            Cond::PastDays { past_days } => record
                .date(field)
                .is_some_and(|d| d <= self.today && (self.today - d).num_days() <= i64::from(*past_days)),
            Cond::Future { future } => record.date(field).is_some_and(|d| (d >= self.today) == *future),
        }
    }

    fn field_is(&self, of: &str, record: &Record<'_, '_>, field: &str, want: &Scalar) -> bool {
        if of == "contacts" && field == "layer" {
            let layer = self.account.contact_layer(self.pb, record);
            return matches!(want, Scalar::Text(t) if Some(t.as_str()) == layer);
        }
        match (record.value(field), want) {
            (Some(Value::String(s)), Scalar::Text(t)) => s.as_ref() == t,
            (Some(Value::Array(_)), Scalar::Text(t)) => record.list(field).contains(&t.as_str()),
            (Some(Value::Boolean(b)), Scalar::Bool(w)) => b == w,
            (Some(v @ Value::Integer(_)), Scalar::Int(w)) => crate::domain::account::value::as_int(v) == Some(*w),
            (None, Scalar::Bool(false)) => true,
            _ => false,
        }
    }

    /// How a message names a record: its id, name or task, else its date, else its number —
    /// never by a field the playbook marks sensitive.
    fn record_name(&self, of: &str, record: &Record<'_, '_>, index: usize) -> String {
        let shown = |field: &str| privacy::may_show(self.pb, Scope::Record(of), field, false);
        ["id", "name", "task"]
            .into_iter()
            .filter(|f| shown(f))
            .find_map(|f| record.str(f))
            .map(|s| format!("`{s}`"))
            .or_else(|| {
                record
                    .date("date")
                    .filter(|_| shown("date"))
                    .map(|d| self.pb.fill("gate.rule.dated", "dated {date}", &[("date", &d)]))
            })
            .unwrap_or_else(|| format!("#{}", index + 1))
    }

    pub(crate) fn records(&self, r: &RecordsRule) -> Result<String, String> {
        let all = self.account.records(&r.of);
        let passes = |rec: &Record<'_, '_>| -> Vec<bool> {
            r.filter.iter().map(|(f, c)| self.matches(&r.of, rec, f, c)).collect()
        };
        // A record dated after the day the gate is judged as of has not happened yet: it counts
        // only when the rule itself asks about its date (`where: { date: { future: true } }`).
        let asks_date = r.filter.contains_key(DATE);
        let happened = |rec: &Record<'_, '_>| asks_date || self.record_later(&r.of, rec).is_none();
        let matching: Vec<(usize, &Record<'_, '_>)> = all
            .iter()
            .enumerate()
            .filter(|(_, rec)| passes(rec).iter().all(|p| *p) && happened(rec))
            .collect();
        let filter = describe_filter(self.pb, r);
        let rt = self.pb.record_type(&r.of);
        let label = rt.map_or(r.of.as_str(), |t| t.label.as_str());
        let field_label = |f: &str| {
            rt.and_then(|t| t.field(f))
                .map_or(f.to_string(), |x| format!("{f} ({})", x.label))
        };
        if matching.len() < r.min {
            let with = if r.has.is_empty() {
                String::new()
            } else {
                self.pb
                    .fill("gate.rule.with", " with {fields}", &[("fields", &r.has.join(", "))])
            };
            let mut text = self.pb.fill(
                "gate.rule.needs",
                "needs at least {min} of {label}{filter}, found {found} — add under [[{records}]]{with}",
                &[
                    ("min", &r.min),
                    ("label", &label),
                    ("filter", &filter),
                    ("found", &matching.len()),
                    ("records", &r.of),
                    ("with", &with),
                ],
            );
            // Records that almost match say what keeps them out (a coach not yet trusted,
            // a next step dated in the past).
            let near: Vec<String> = all
                .iter()
                .enumerate()
                .filter_map(|(i, rec)| {
                    let p = passes(rec);
                    // A record that passes the filter but happens later is planned (said below).
                    let near = if p.iter().all(|x| *x) {
                        false
                    } else if r.filter.len() > 1 {
                        p.iter().any(|x| *x) && !p.iter().all(|x| *x)
                    } else {
                        r.filter.iter().any(|(f, c)| {
                            matches!(c, Cond::PastDays { .. } | Cond::Future { .. }) && rec.value(f).is_some()
                        })
                    };
                    near.then(|| {
                        let why: Vec<String> = r
                            .filter
                            .keys()
                            .zip(&p)
                            .filter(|(_, ok)| !**ok)
                            .map(|(f, _)| match r.filter.get(f) {
                                // Say what is missing rather than everything written.
                                Some(Cond::AllOf { all }) => {
                                    let lacks: Vec<String> = all
                                        .iter()
                                        .filter(|s| !self.field_is(&r.of, rec, f, s))
                                        .map(ToString::to_string)
                                        .collect();
                                    self.pb.fill(
                                        "gate.rule.lacks",
                                        "{key} lacks {fields}",
                                        &[("key", f), ("fields", &lacks.join(", "))],
                                    )
                                }
                                _ => self.pb.fill(
                                    "gate.rule.is",
                                    "{what} is {value}",
                                    &[("what", f), ("value", &self.shown(&r.of, rec, f))],
                                ),
                            })
                            .collect();
                        format!("{}: {}", self.record_name(&r.of, rec, i), why.join(", "))
                    })
                })
                .collect();
            if !near.is_empty() {
                let more = near.len().saturating_sub(3);
                let mut close = near[..near.len().min(3)].join("; ");
                if more > 0 {
                    close.push_str(&self.pb.fill("gate.rule.more", "; {n} more", &[("n", &more)]));
                }
                text.push_str(
                    &self
                        .pb
                        .fill("gate.rule.close", " (close: {records})", &[("records", &close)]),
                );
            }
            let mut planned: Vec<_> = all
                .iter()
                .filter(|rec| passes(rec).iter().all(|p| *p))
                .filter_map(|rec| self.record_later(&r.of, rec))
                .collect();
            planned.sort_unstable();
            if let Some(first) = planned.first() {
                let more = match planned.len() - 1 {
                    0 => String::new(),
                    n => self.pb.fill("gate.rule.and_more", " and {n} more", &[("n", &n)]),
                };
                let dated = self.pb.fill(
                    "gate.rule.records_dated",
                    "{records} dated {date}{more}",
                    &[("records", &r.of), ("date", first), ("more", &more)],
                );
                let _ = write!(text, "; {}", self.planned_note(&[dated]));
            }
            return Err(text);
        }
        let lacking: Vec<String> = matching
            .iter()
            .filter_map(|(i, rec)| {
                let missing: Vec<String> = r
                    .has
                    .iter()
                    .filter(|h| self.lacks(&r.of, rec, h))
                    .map(|h| match rec.date(h).filter(|d| *d > self.today && rec.is_filled(h)) {
                        Some(d) => self.pb.fill(
                            "gate.rule.planned_field",
                            "{field} (dated {date}: planned, not done)",
                            &[("field", &field_label(h)), ("date", &d)],
                        ),
                        None => field_label(h),
                    })
                    .collect();
                (!missing.is_empty()).then(|| {
                    self.pb.fill(
                        "gate.rule.write_in_record",
                        "in [[{records}]] {record} write {fields}",
                        &[
                            ("records", &r.of),
                            ("record", &self.record_name(&r.of, rec, *i)),
                            ("fields", &missing.join(", ")),
                        ],
                    )
                })
            })
            .collect();
        if lacking.is_empty() {
            Ok(self.pb.fill(
                "gate.rule.found",
                "{found} of {label}{filter}",
                &[("found", &matching.len()), ("label", &label), ("filter", &filter)],
            ))
        } else {
            Err(lacking.join("; "))
        }
    }

    /// A record's value as a short text for messages.
    /// Personal data (`sensitive: true`) shows only as set or not set.
    fn shown(&self, of: &str, rec: &Record<'_, '_>, field: &str) -> String {
        if privacy::is_sensitive(self.pb, Scope::Record(of), field) {
            return if rec.value(field).is_some() {
                self.pb.text("gate.rule.set", "set")
            } else {
                self.pb.text("gate.rule.not_set", "not set")
            }
            .to_string();
        }
        if of == "contacts" && field == "layer" {
            return self
                .account
                .contact_layer(self.pb, rec)
                .unwrap_or(self.pb.text("gate.rule.not_set", "not set"))
                .to_string();
        }
        match rec.value(field) {
            None => self.pb.text("gate.rule.not_set", "not set").to_string(),
            Some(Value::String(s)) => format!("`{s}`"),
            Some(Value::Array(_)) => format!("[{}]", rec.list(field).join(", ")),
            Some(Value::Boolean(b)) => b.to_string(),
            Some(v) => rec
                .date(field)
                .map(|d| d.to_string())
                .or_else(|| crate::domain::account::value::as_int(v).map(|i| i.to_string()))
                .unwrap_or_else(|| self.pb.text("gate.rule.set", "set").to_string()),
        }
    }

    pub(crate) fn keyed(&self, k: &KeyedRule) -> Result<String, String> {
        let field = self.pb.archive_field(&k.field);
        let keys = field
            .and_then(|f| f.keys.as_deref())
            .and_then(|n| self.pb.enum_values(n))
            .unwrap_or_default();
        let table = self.account.archive(&k.field).and_then(as_table);
        let label = field.map_or(k.field.as_str(), |f| f.label.as_str());
        let shape = if k.has.is_empty() {
            "{ … }".to_string()
        } else {
            let parts: Vec<String> = k.has.iter().map(|h| format!("{h} = …")).collect();
            format!("{{ {} }}", parts.join(", "))
        };
        let (mut absent, mut lacking) = (Vec::new(), Vec::new());
        for key in keys {
            let entry = table
                .and_then(|t| t.get(key.id.as_str()))
                .and_then(|n| as_table(n.get_ref()));
            match entry {
                None => absent.push(format!("{} ({})", key.id, key.label)),
                Some(t) => {
                    let rec = Record::new(t, 0..0);
                    let of = field.and_then(|f| f.record.as_deref()).unwrap_or_default();
                    let missing: Vec<&str> = k
                        .has
                        .iter()
                        .filter(|h| self.lacks(of, &rec, h))
                        .map(String::as_str)
                        .collect();
                    if !missing.is_empty() {
                        lacking.push(self.pb.fill(
                            "gate.rule.lacks",
                            "{key} lacks {fields}",
                            &[("key", &key.id), ("fields", &missing.join(", "))],
                        ));
                    }
                }
            }
        }
        if absent.is_empty() && lacking.is_empty() {
            return Ok(self.pb.fill(
                "gate.rule.all_entries",
                "all {n} entries of {label} written",
                &[("n", &keys.len()), ("label", &label)],
            ));
        }
        let mut parts = Vec::new();
        if !absent.is_empty() {
            parts.push(self.pb.fill(
                "gate.rule.keyed_missing",
                "under [{field}] write one line per entry, e.g. {key} = {shape}; missing: {entries}",
                &[
                    ("field", &k.field),
                    ("key", &keys.first().map_or("key", |v| v.id.as_str())),
                    ("shape", &shape),
                    ("entries", &absent.join(", ")),
                ],
            ));
        }
        if !lacking.is_empty() {
            parts.push(self.pb.fill(
                "gate.rule.keyed_lacking",
                "in [{field}]: {entries}",
                &[("field", &k.field), ("entries", &lacking.join("; "))],
            ));
        }
        Err(parts.join("; "))
    }

    pub(crate) fn scored(&self, tiers: &[String]) -> Result<String, String> {
        let s = score(self.pb, self.account, &Weights::new());
        if !s.missing.is_empty() {
            return Err(self.pb.fill(
                "gate.rule.rate",
                "insufficient information — rate {factors} under [ratings]",
                &[("factors", &s.missing.join(", "))],
            ));
        }
        let tier = s.tier.unwrap_or_default();
        let summary = self.pb.fill(
            "show.tier",
            "tier {tier} (value {value}, difficulty {difficulty})",
            &[
                ("tier", &tier),
                ("value", &format!("{:.1}", s.value.unwrap_or_default())),
                ("difficulty", &format!("{:.1}", s.difficulty.unwrap_or_default())),
            ],
        );
        if tiers.is_empty() || tiers.contains(&tier) {
            Ok(summary)
        } else {
            Err(self.pb.fill(
                "gate.rule.needs_tier",
                "{summary}; needs tier {tiers}",
                &[
                    ("summary", &summary),
                    ("tiers", &tiers.join(self.pb.text("gate.rule.or", " or "))),
                ],
            ))
        }
    }
}

fn describe_filter(pb: &crate::domain::playbook::Playbook, r: &RecordsRule) -> String {
    if r.filter.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = r
        .filter
        .iter()
        .map(|(field, cond)| match cond {
            Cond::Is(s) => format!("{field} = {s}"),
            Cond::AnyOf(v) => pb.fill(
                "gate.rule.any_of",
                "{field} in [{values}]",
                &[
                    ("field", field),
                    (
                        "values",
                        &v.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "),
                    ),
                ],
            ),
            Cond::AllOf { all } => pb.fill(
                "gate.rule.all_of",
                "{field} with all of [{values}]",
                &[
                    ("field", field),
                    (
                        "values",
                        &all.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "),
                    ),
                ],
            ),
            Cond::PastDays { past_days } => pb.fill(
                "gate.rule.within_days",
                "{field} within the last {days} days",
                &[("field", field), ("days", past_days)],
            ),
            Cond::Future { future: true } => pb.fill("gate.rule.future", "{field} today or later", &[("field", field)]),
            Cond::Future { future: false } => pb.fill("gate.rule.past", "{field} in the past", &[("field", field)]),
        })
        .collect();
    pb.fill("gate.rule.with", " with {fields}", &[("fields", &parts.join(", "))])
}
