//! Picking things by what the user typed: a playbook item by id, label or unique prefix, and a
//! record of a top-level list by its key (a contact's id or name, a visit's date, a number).

use crate::domain::account::value::{Spanned, Table, as_date, as_str};
use crate::domain::diagnostic::did_you_mean;
use crate::domain::edit::{Refused, entries};
use crate::domain::playbook::{Field, Msg, Said};

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

/// What the user named that matched nothing, for its message.
#[derive(Debug, Clone, Copy)]
pub enum Thing<'a> {
    /// A field of `within`.
    Field {
        within: &'a str,
    },
    Contact,
    /// A visit, by its date.
    Visit,
    /// A value factor of the scoring.
    Factor,
    /// A group of the archive or a field of the account.
    FieldOrGroup,
    /// A key of the keyed table at `path`.
    Key {
        path: &'a str,
    },
}

impl Thing<'_> {
    /// "no contact `x`", and the list of what there is ("contacts: a, b").
    fn words(self, wanted: &str, ids: &str) -> (Said, Said) {
        let (none, list) = match self {
            Thing::Field { within } => {
                return (
                    Said::new("edit.no_field", "`{within}` has no field `{wanted}`")
                        .arg("within", within)
                        .arg("wanted", wanted),
                    Said::new("edit.fields", "fields: {ids}").arg("ids", ids),
                );
            }
            Thing::Key { path } => {
                return (
                    Said::new("edit.no_key", "`{path}` has no key `{wanted}`")
                        .arg("path", path)
                        .arg("wanted", wanted),
                    Said::new("edit.keys", "keys: {ids}").arg("ids", ids),
                );
            }
            Thing::Contact => (
                Said::new("edit.no_contact", "no contact `{wanted}`"),
                Said::new("edit.contacts", "contacts: {ids}"),
            ),
            Thing::Visit => (
                Said::new("edit.no_visit_on", "no visit on `{wanted}`"),
                Said::new("edit.visit_dates", "visits on: {ids}"),
            ),
            Thing::Factor => (
                Said::new("edit.no_factor", "no value factor `{wanted}`"),
                Said::new("edit.factors", "value factors: {ids}"),
            ),
            Thing::FieldOrGroup => (
                Said::new("edit.no_field_or_group", "no field or group `{wanted}`"),
                Said::new("edit.fields_and_groups", "fields and groups: {ids}"),
            ),
        };
        (none.arg("wanted", wanted), list.arg("ids", ids))
    }
}

/// The message for an id that matches nothing (or several things).
pub fn unknown<'a>(
    what: Thing<'_>,
    wanted: &str,
    ids: impl Iterator<Item = &'a str> + Clone,
    several: &[&str],
) -> Refused {
    if several.len() > 1 {
        return Refused::new(
            Said::new("edit.ambiguous", "`{wanted}` could be any of {ids}")
                .arg("wanted", wanted)
                .arg("ids", several.join(", ")),
        )
        .help(Said::new("edit.ambiguous_help", "write more of it to tell them apart"));
    }
    let (none, list) = what.words(wanted, &ids.clone().collect::<Vec<_>>().join(", "));
    let r = Refused::new(none);
    match did_you_mean(wanted, ids) {
        Some(close) => r.help(Said::new("check.did_you_mean", "did you mean `{close}`?").arg("close", close)),
        None => r.help(list),
    }
}

pub fn field_of<'p>(fields: &'p [Field], wanted: &str, within: &str) -> Result<&'p Field, Refused> {
    pick(fields, wanted, |f| f.id.as_str(), |f| f.label.as_str()).map_err(|several| {
        unknown(
            Thing::Field { within },
            wanted,
            fields.iter().map(|f| f.id.as_str()),
            &several,
        )
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
                return Err(
                    unknown(Thing::Contact, wanted, ids.iter().map(|(_, id, _)| *id), &several).help_if_none(
                        Said::new(
                            "edit.add_contact_help",
                            "add the person with `kam contact ID add NAME --role …`",
                        ),
                    ),
                );
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
                    return Err(
                        unknown(Thing::Visit, wanted, dated.iter().map(|(_, d)| d.as_str()), &[]).help_if_none(
                            Said::new(
                                "edit.visit_by_date_help",
                                "the visits are picked by date, e.g. visits.2026-11-20.report",
                            ),
                        ),
                    );
                }
                (1, None | Some(1)) => same,
                (_, Some(n)) if n >= 1 && n <= same.len() => vec![(same[n - 1].0, format!("{date}#{n}"))],
                (n, _) => {
                    return Err(Refused::new(
                        Said::new("edit.visits_same_day", "{n} visits are dated {date}")
                            .arg("n", n)
                            .arg("date", date),
                    )
                    .help(
                        Said::new(
                            "edit.visits_same_day_help",
                            "pick one: {date}#1 … {date}#{n}, in file order",
                        )
                        .arg("n", n)
                        .arg("date", date),
                    ));
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
                return Err(Refused::new(
                    Said::new("edit.no_entry", "no entry `{wanted}` in `{list}`")
                        .arg("wanted", wanted)
                        .arg("list", list),
                )
                .help(
                    Said::new("edit.no_entry_help", "entries are numbered from 1; `{list}` has {n}")
                        .arg("list", list)
                        .arg("n", all.len()),
                ));
            }
        }
    };
    Ok(found.into_iter().next().unwrap_or_default())
}

trait HelpIfNone {
    fn help_if_none(self, help: Said) -> Self;
}

impl HelpIfNone for Refused {
    /// `help` in place of a list of what there is, when there is nothing (`contacts: `).
    fn help_if_none(mut self, help: Said) -> Self {
        let empty_list = match &self.help {
            None => true,
            Some(Msg::Said(s)) => s.arg_is_empty("ids"),
            Some(Msg::Plain(_)) => false,
        };
        if empty_list {
            self.help = Some(help.into());
        }
        self
    }
}
