//! Picking things by what the user typed: a playbook item by id, label or unique prefix, and a
//! record of a top-level list by its key (a contact's id or name, a visit's date, a number).

use crate::domain::account::value::{Spanned, Table, as_date, as_str};
use crate::domain::diagnostic::did_you_mean;
use crate::domain::edit::{Refused, entries};
use crate::domain::playbook::Field;

pub fn norm(s: &str) -> String {
    s.trim().to_lowercase()
}

/// Finds an item by id, else by label (case-insensitive), else by a unique prefix of either.
pub fn pick<'a, T>(
    items: &'a [T],
    wanted: &str,
    id: impl Fn(&T) -> &str,
    label: impl Fn(&T) -> &str,
) -> Result<&'a T, Vec<&'a str>> {
    if let Some(found) = items.iter().find(|t| id(t) == wanted) {
        return Ok(found);
    }
    let w = norm(wanted);
    if w.is_empty() {
        return Err(Vec::new());
    }
    let by_label: Vec<&T> = items.iter().filter(|t| norm(label(t)) == w).collect();
    if let [one] = by_label.as_slice() {
        return Ok(one);
    }
    let by_prefix: Vec<&T> = items
        .iter()
        .filter(|t| id(t).starts_with(&w) || norm(label(t)).starts_with(&w))
        .collect();
    match by_prefix.as_slice() {
        [one] => Ok(one),
        many => Err(many.iter().map(|t| id(t)).collect()),
    }
}

/// The message for an id that matches nothing (or several things).
pub fn unknown<'a>(what: &str, wanted: &str, ids: impl Iterator<Item = &'a str> + Clone, several: &[&str]) -> Refused {
    if several.len() > 1 {
        return Refused::new(format!("`{wanted}` could be any of {}", several.join(", ")))
            .help(format!("write more of the {what}"));
    }
    let r = Refused::new(format!("no {what} `{wanted}`"));
    match did_you_mean(wanted, ids.clone()) {
        Some(close) => r.help(format!("did you mean `{close}`?")),
        None => r.help(format!("{what}s: {}", ids.collect::<Vec<_>>().join(", "))),
    }
}

pub fn field_of<'p>(fields: &'p [Field], wanted: &str, within: &str) -> Result<&'p Field, Refused> {
    pick(fields, wanted, |f| f.id.as_str(), |f| f.label.as_str()).map_err(|several| {
        let mut r = unknown("field", wanted, fields.iter().map(|f| f.id.as_str()), &several);
        if several.len() <= 1 {
            r.message = format!("`{within}` has no field `{wanted}`");
        }
        r
    })
}

/// A record of a top-level list picked by its key: a contact by id (or a unique id prefix, or
/// its name), a visit by date (`2026-11-20`, `2026-11-20#2` for the second that day), a task or
/// a competitor by its number from 1 (or a competitor by name).
pub fn record(root: &Spanned<Table<'_>>, list: &str, wanted: &str) -> Result<(usize, String), Refused> {
    let all = entries(root, list);
    let found: Vec<(usize, String)> = match list {
        "contacts" => {
            let ids: Vec<(usize, &str, &str)> = all
                .iter()
                .filter_map(|(i, t)| {
                    let id = t.get("id").and_then(|n| as_str(n.get_ref()))?;
                    let name = t.get("name").and_then(|n| as_str(n.get_ref())).unwrap_or("");
                    Some((*i, id, name))
                })
                .collect();
            let exact: Vec<_> = ids
                .iter()
                .filter(|(_, id, name)| *id == wanted || *name == wanted)
                .collect();
            let hits = if exact.is_empty() {
                ids.iter().filter(|(_, id, _)| id.starts_with(wanted)).collect()
            } else {
                exact
            };
            if hits.len() != 1 {
                let several: Vec<&str> = hits.iter().map(|(_, id, _)| *id).collect();
                return Err(unknown("contact", wanted, ids.iter().map(|(_, id, _)| *id), &several)
                    .help_if_none("add the person with `kam contact ID add NAME --role …`"));
            }
            hits.iter().map(|(i, id, _)| (*i, (*id).to_string())).collect()
        }
        "visits" => {
            let (date, nth) = match wanted.split_once('#') {
                Some((d, n)) => (d, n.parse::<usize>().ok()),
                None => (wanted, None),
            };
            let dated: Vec<(usize, String)> = all
                .iter()
                .filter_map(|(i, t)| {
                    let d = t.get("date").and_then(|n| as_date(n.get_ref()))?;
                    Some((*i, d.to_string()))
                })
                .collect();
            let same: Vec<(usize, String)> = dated.iter().filter(|(_, d)| d == date.trim()).cloned().collect();
            match (same.len(), nth) {
                (0, _) => {
                    return Err(unknown("visit on", wanted, dated.iter().map(|(_, d)| d.as_str()), &[])
                        .help_if_none("the visits are picked by date, e.g. visits.2026-11-20.report"));
                }
                (1, None | Some(1)) => same,
                (_, Some(n)) if n >= 1 && n <= same.len() => vec![(same[n - 1].0, format!("{date}#{n}"))],
                (n, _) => {
                    return Err(Refused::new(format!("{n} visits are dated {date}"))
                        .help(format!("pick one: {date}#1 … {date}#{n}, in file order")));
                }
            }
        }
        _ => {
            if let Ok(n) = wanted.parse::<usize>()
                && n >= 1
                && let Some((i, _)) = all.get(n - 1)
            {
                vec![(*i, n.to_string())]
            } else if list == "competitors"
                && let Some((i, _)) = all
                    .iter()
                    .enumerate()
                    .find(|(_, (_, t))| t.get("name").and_then(|n| as_str(n.get_ref())) == Some(wanted))
                    .map(|(n, (i, _))| (*i, n))
            {
                vec![(i, wanted.to_string())]
            } else {
                return Err(Refused::new(format!("no entry `{wanted}` in `{list}`"))
                    .help(format!("entries are numbered from 1; `{list}` has {}", all.len())));
            }
        }
    };
    Ok(found.into_iter().next().unwrap_or_default())
}

trait HelpIfNone {
    fn help_if_none(self, help: &str) -> Self;
}

impl HelpIfNone for Refused {
    fn help_if_none(mut self, help: &str) -> Self {
        if self.help.as_deref().is_none_or(|h| h.ends_with(": ")) {
            self.help = Some(help.to_string());
        }
        self
    }
}
