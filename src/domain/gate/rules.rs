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
                    planned.push(format!("{p} is {d}"));
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
            return Ok(format!("{} filled", paths.join(", ")));
        }
        let mut parts: Vec<String> = groups
            .iter()
            .map(|(group, fields)| format!("under [{group}] write {}", fields.join(", ")))
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
            Kind::Enum => Some(format!("one of {}", values())),
            Kind::EnumList => Some(format!("a list of {}", values())),
            other => Some(other.describe().to_string()),
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
                    .map(|d| format!("dated {d}"))
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
        let filter = describe_filter(r);
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
                format!(" with {}", r.has.join(", "))
            };
            let mut text = format!(
                "needs at least {} of {label}{filter}, found {} — add under [[{}]]{with}",
                r.min,
                matching.len(),
                r.of
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
                                    format!("{f} lacks {}", lacks.join(", "))
                                }
                                _ => format!("{f} is {}", self.shown(&r.of, rec, f)),
                            })
                            .collect();
                        format!("{}: {}", self.record_name(&r.of, rec, i), why.join(", "))
                    })
                })
                .collect();
            if !near.is_empty() {
                let more = near.len().saturating_sub(3);
                let _ = write!(text, " (close: {}", near[..near.len().min(3)].join("; "));
                if more > 0 {
                    let _ = write!(text, "; {more} more");
                }
                text.push(')');
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
                    n => format!(" and {n} more"),
                };
                let _ = write!(
                    text,
                    "; {}",
                    self.planned_note(&[format!("{} dated {first}{more}", r.of)])
                );
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
                        Some(d) => format!("{} (dated {d}: planned, not done)", field_label(h)),
                        None => field_label(h),
                    })
                    .collect();
                (!missing.is_empty()).then(|| {
                    format!(
                        "in [[{}]] {} write {}",
                        r.of,
                        self.record_name(&r.of, rec, *i),
                        missing.join(", ")
                    )
                })
            })
            .collect();
        if lacking.is_empty() {
            Ok(format!("{} of {label}{filter}", matching.len()))
        } else {
            Err(lacking.join("; "))
        }
    }

    /// A record's value as a short text for messages.
    /// Personal data (`sensitive: true`) shows only as set or not set.
    fn shown(&self, of: &str, rec: &Record<'_, '_>, field: &str) -> String {
        if privacy::is_sensitive(self.pb, Scope::Record(of), field) {
            return if rec.value(field).is_some() { "set" } else { "not set" }.to_string();
        }
        if of == "contacts" && field == "layer" {
            return self
                .account
                .contact_layer(self.pb, rec)
                .unwrap_or("not set")
                .to_string();
        }
        match rec.value(field) {
            None => "not set".to_string(),
            Some(Value::String(s)) => format!("`{s}`"),
            Some(Value::Array(_)) => format!("[{}]", rec.list(field).join(", ")),
            Some(Value::Boolean(b)) => b.to_string(),
            Some(v) => rec
                .date(field)
                .map(|d| d.to_string())
                .or_else(|| crate::domain::account::value::as_int(v).map(|i| i.to_string()))
                .unwrap_or_else(|| "set".to_string()),
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
                        lacking.push(format!("{} lacks {}", key.id, missing.join(", ")));
                    }
                }
            }
        }
        if absent.is_empty() && lacking.is_empty() {
            return Ok(format!("all {} entries of {label} written", keys.len()));
        }
        let mut parts = Vec::new();
        if !absent.is_empty() {
            parts.push(format!(
                "under [{}] write one line per entry, e.g. {} = {shape}; missing: {}",
                k.field,
                keys.first().map_or("key", |v| v.id.as_str()),
                absent.join(", ")
            ));
        }
        if !lacking.is_empty() {
            parts.push(format!("in [{}]: {}", k.field, lacking.join("; ")));
        }
        Err(parts.join("; "))
    }

    pub(crate) fn scored(&self, tiers: &[String]) -> Result<String, String> {
        let s = score(self.pb, self.account, &Weights::new());
        if !s.missing.is_empty() {
            return Err(format!(
                "insufficient information — rate {} under [ratings]",
                s.missing.join(", ")
            ));
        }
        let tier = s.tier.unwrap_or_default();
        let summary = format!(
            "tier {tier} (value {:.1}, difficulty {:.1})",
            s.value.unwrap_or_default(),
            s.difficulty.unwrap_or_default()
        );
        if tiers.is_empty() || tiers.contains(&tier) {
            Ok(summary)
        } else {
            Err(format!("{summary}; needs tier {}", tiers.join(" or ")))
        }
    }
}

fn describe_filter(r: &RecordsRule) -> String {
    if r.filter.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = r
        .filter
        .iter()
        .map(|(field, cond)| match cond {
            Cond::Is(s) => format!("{field} = {s}"),
            Cond::AnyOf(v) => format!(
                "{field} in [{}]",
                v.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
            ),
            Cond::AllOf { all } => format!(
                "{field} with all of [{}]",
                all.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
            ),
            Cond::PastDays { past_days } => format!("{field} within the last {past_days} days"),
            Cond::Future { future: true } => format!("{field} today or later"),
            Cond::Future { future: false } => format!("{field} in the past"),
        })
        .collect();
    format!(" with {}", parts.join(", "))
}
