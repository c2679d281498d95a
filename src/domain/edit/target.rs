//! A user's `PATH` resolved against the playbook and the account: `finance.payment_attitude`,
//! `ratings.deal_risk`, `contacts.xu-qing.stance`, `visits.2026-11-20.report`, `plan.2.status`,
//! `procurement.steps.need.who`. Each part is the playbook's id or, where unambiguous, its label
//! (`财务.付款态度` under the Chinese playbook); records are picked by their key (a contact's id,
//! a visit's date, a task's number).

use crate::domain::account::value::{Node, Spanned, Table, as_array, as_table};
use crate::domain::edit::select::{Thing, field_of, norm, unknown};
pub use crate::domain::edit::select::{pick, record};
use crate::domain::edit::{Refused, Step};
use crate::domain::playbook::{Factor, Field, Kind, Playbook, Said, TOP_RECORDS};
use crate::domain::privacy::{Scope, is_sensitive};

/// What a path points at.
#[derive(Debug, Clone, Copy)]
pub enum Slot<'p> {
    /// A typed field of the archive, of a record or of the account.
    Field(&'p Field),
    /// `ratings.<factor>`: a rating 1–5 with an optional `why`.
    Rating(&'p Factor),
}

/// A resolved path: the table that holds the key, the key, and what it is.
#[derive(Debug, Clone)]
pub struct Target<'p> {
    /// The table holding the key, from the root. Tables that do not exist yet are created.
    pub table: Vec<Step>,
    pub key: String,
    pub slot: Slot<'p>,
    /// The path in ids, as `kam check` names it (`contacts.xu-qing.stance`).
    pub path: String,
    /// The field's label.
    pub label: String,
    /// Personal data (the playbook marks the field sensitive).
    pub personal: bool,
}

impl Target<'_> {
    /// The field, unless the path is a rating.
    pub fn field(&self) -> Option<&Field> {
        match self.slot {
            Slot::Field(f) => Some(f),
            Slot::Rating(_) => None,
        }
    }

    /// How a change line names it: `Payment attitude (finance.payment_attitude)`.
    pub fn what(&self) -> String {
        format!("{} ({})", self.label, self.path)
    }
}

/// The top-level lists by id or by their record type's label.
fn top_list(pb: &Playbook, wanted: &str) -> Option<&'static str> {
    TOP_RECORDS
        .iter()
        .copied()
        .find(|list| *list == wanted || pb.record_type(list).is_some_and(|rt| norm(&rt.label) == norm(wanted)))
}

/// Resolves `path` for `kam set` and `kam unset`.
pub fn resolve<'p>(pb: &'p Playbook, root: &Spanned<Table<'_>>, path: &str) -> Result<Target<'p>, Refused> {
    let parts: Vec<&str> = path.split('.').map(str::trim).collect();
    if parts.iter().any(|p| p.is_empty()) {
        return Err(
            Refused::new(Said::new("edit.not_a_path", "`{path}` is not a field path").arg("path", path)).help(
                Said::new(
                    "edit.not_a_path_help",
                    "write group.field, e.g. finance.payment_attitude or contacts.xu-qing.stance",
                ),
            ),
        );
    }
    let first = parts[0];
    match first {
        "id" => {
            return Err(
                Refused::new(Said::new("edit.set_id", "the id is the file name")).help(Said::new(
                    "edit.set_id_help",
                    "rename the file and its `id` with `kam edit`",
                )),
            );
        }
        "stage" => {
            return Err(
                Refused::new(Said::new("edit.set_stage", "the stage changes only through its gate")).help(Said::new(
                    "edit.set_stage_help",
                    "`kam advance ID` moves it (and records the move in the history)",
                )),
            );
        }
        "history" => {
            return Err(Refused::new(Said::new(
                "edit.set_history",
                "the history is written by `kam advance` only",
            )));
        }
        "checklist" => {
            return Err(Refused::new(Said::new(
                "edit.set_checklist",
                "checklist evidence is written with `kam evidence`",
            ))
            .help(Said::new(
                "edit.set_checklist_help",
                "`kam evidence ID ITEM \"what shows it\" --date YYYY-MM-DD`",
            )));
        }
        _ => {}
    }
    if first == "ratings" {
        let [_, factor] = parts.as_slice() else {
            return Err(
                Refused::new(Said::new("edit.rating_path", "write a rating as ratings.FACTOR=1…5")).help(Said::new(
                    "edit.rating_path_help",
                    "e.g. ratings.deal_risk=4 --why \"…\"",
                )),
            );
        };
        let factors = &pb.doc.scoring.factors;
        let f = pick(factors, factor, |f| f.id.as_str(), |f| f.label.as_str())
            .map_err(|several| unknown(Thing::Factor, factor, factors.iter().map(|f| f.id.as_str()), &several))?;
        return Ok(Target {
            table: vec![Step::Key("ratings".into())],
            key: f.id.clone(),
            slot: Slot::Rating(f),
            path: format!("ratings.{}", f.id),
            label: f.label.clone(),
            personal: false,
        });
    }
    if let Some(list) = top_list(pb, first) {
        let rt = pb.record_type(list).ok_or_else(|| {
            Refused::new(Said::new("edit.no_records", "the playbook has no `{list}` records").arg("list", list))
        })?;
        let [_, which, name] = parts.as_slice() else {
            return Err(
                Refused::new(Said::new("edit.record_path", "write {list}.WHICH.FIELD").arg("list", list)).help(
                    Said::new(
                        "edit.record_path_help",
                        "e.g. contacts.xu-qing.stance=champion, visits.2026-11-20.report=…, plan.2.status=done",
                    ),
                ),
            );
        };
        let (index, key) = record(root, list, which)?;
        let f = field_of(&rt.fields, name, list)?;
        if list == "contacts" && f.id == "id" {
            return Err(Refused::new(Said::new(
                "edit.contact_id",
                "a contact's id is how visits and plans refer to them",
            ))
            .help(Said::new("edit.contact_id_help", "change it with `kam edit`")));
        }
        return Ok(Target {
            table: vec![Step::Key(list.into()), Step::Index(index)],
            key: f.id.clone(),
            slot: Slot::Field(f),
            path: format!("{list}.{key}.{}", f.id),
            label: f.label.clone(),
            personal: is_sensitive(pb, Scope::Record(list), &f.id),
        });
    }
    if parts.len() == 1 {
        let fields = &pb.doc.account.fields;
        if let Ok(f) = pick(fields, first, |f| f.id.as_str(), |f| f.label.as_str()) {
            if f.id != first && matches!(f.id.as_str(), "id" | "stage") {
                return resolve(pb, root, &f.id);
            }
            return Ok(Target {
                table: Vec::new(),
                key: f.id.clone(),
                slot: Slot::Field(f),
                path: f.id.clone(),
                label: f.label.clone(),
                personal: is_sensitive(pb, Scope::Account, &f.id),
            });
        }
    }
    let groups = &pb.doc.archive;
    let group = pick(groups, first, |g| g.id.as_str(), |g| g.label.as_str()).map_err(|several| {
        let ids = groups
            .iter()
            .map(|g| g.id.as_str())
            .chain(pb.doc.account.fields.iter().map(|f| f.id.as_str()))
            .chain(["ratings"])
            .chain(TOP_RECORDS);
        unknown(Thing::FieldOrGroup, first, ids, &several)
    })?;
    let Some(second) = parts.get(1) else {
        return Err(
            Refused::new(Said::new("edit.a_group", "`{group}` is a group of fields").arg("group", &group.id)).help(
                Said::new("edit.a_group_help", "write {group}.FIELD, e.g. {group}.{field}")
                    .arg("group", &group.id)
                    .arg("field", group.fields.first().map_or("…", |f| f.id.as_str())),
            ),
        );
    };
    let f = field_of(&group.fields, second, &group.id)?;
    let mut table = vec![Step::Key(group.id.clone())];
    let mut path = format!("{}.{}", group.id, f.id);
    match (f.kind, &parts[2..]) {
        (Kind::Keyed | Kind::Records, []) => Err(Refused::new(
            Said::new(
                "edit.holds_records",
                "`{what}` holds records; set their fields one by one",
            )
            .arg("what", &path),
        )
        .help(Said::new("edit.holds_records_help", "e.g. {path}.KEY.FIELD=…").arg("path", &path))),
        (_, []) => Ok(Target {
            table,
            key: f.id.clone(),
            slot: Slot::Field(f),
            label: f.label.clone(),
            personal: is_sensitive(pb, Scope::Group(&group.id), &f.id),
            path,
        }),
        (Kind::Keyed, [key, name]) => {
            let keys = f.allowed.as_deref().unwrap_or_default();
            let k = pick(keys, key, |v| v.id.as_str(), |v| v.label.as_str()).map_err(|several| {
                unknown(
                    Thing::Key { path: &path },
                    key,
                    keys.iter().map(|v| v.id.as_str()),
                    &several,
                )
            })?;
            let rt = f
                .record
                .as_deref()
                .and_then(|r| pb.record_type(r).map(|rt| (r, rt)))
                .ok_or_else(|| {
                    Refused::new(Said::new("edit.no_record_type", "`{path}` has no record type").arg("path", &path))
                })?;
            let sub = field_of(&rt.1.fields, name, &format!("{path}.{}", k.id))?;
            table.push(Step::Key(f.id.clone()));
            table.push(Step::Key(k.id.clone()));
            path = format!("{path}.{}.{}", k.id, sub.id);
            Ok(Target {
                table,
                key: sub.id.clone(),
                slot: Slot::Field(sub),
                label: format!("{} — {}", k.label, sub.label),
                personal: is_sensitive(pb, Scope::Record(rt.0), &sub.id),
                path,
            })
        }
        (Kind::Records, [n, name]) => {
            let items = lookup(root, &table, &f.id)
                .and_then(|node| as_array(node.get_ref()))
                .unwrap_or_default();
            let index = n
                .parse::<usize>()
                .ok()
                .filter(|i| *i >= 1 && *i <= items.len() && as_table(items[*i - 1].get_ref()).is_some())
                .ok_or_else(|| {
                    Refused::new(
                        Said::new("edit.no_entry", "no entry `{wanted}` in `{list}`")
                            .arg("wanted", n)
                            .arg("list", &path),
                    )
                    .help(
                        Said::new("edit.no_entry_help", "entries are numbered from 1; `{list}` has {n}")
                            .arg("list", &path)
                            .arg("n", items.len()),
                    )
                })?;
            let rt = f
                .record
                .as_deref()
                .and_then(|r| pb.record_type(r).map(|rt| (r, rt)))
                .ok_or_else(|| {
                    Refused::new(Said::new("edit.no_record_type", "`{path}` has no record type").arg("path", &path))
                })?;
            let sub = field_of(&rt.1.fields, name, &path)?;
            table.push(Step::Key(f.id.clone()));
            table.push(Step::Index(index - 1));
            path = format!("{path}.{n}.{}", sub.id);
            Ok(Target {
                table,
                key: sub.id.clone(),
                slot: Slot::Field(sub),
                label: sub.label.clone(),
                personal: is_sensitive(pb, Scope::Record(rt.0), &sub.id),
                path,
            })
        }
        _ => Err(
            Refused::new(Said::new("edit.no_parts", "`{path}` has no parts").arg("path", &path))
                .help(Said::new("edit.no_parts_help", "write {path}=VALUE").arg("path", &path)),
        ),
    }
}

/// The node at `table` + `key`, if present.
pub fn lookup<'t, 'a>(root: &'t Spanned<Table<'a>>, table: &[Step], key: &str) -> Option<&'t Node<'a>> {
    lookup_steps(root, table)?.get(key)
}

/// The table at `steps`, if it exists.
pub fn lookup_steps<'t, 'a>(root: &'t Spanned<Table<'a>>, steps: &[Step]) -> Option<&'t Table<'a>> {
    let mut t: &Table<'a> = root.get_ref();
    let mut pending: Option<&'t [Node<'a>]> = None;
    for step in steps {
        match step {
            Step::Key(k) => {
                let node = t.get(k.as_str())?;
                match node.get_ref() {
                    v if as_table(v).is_some() => {
                        t = as_table(v)?;
                        pending = None;
                    }
                    v => pending = Some(as_array(v)?),
                }
            }
            Step::Index(i) => {
                t = as_table(pending?.get(*i)?.get_ref())?;
                pending = None;
            }
        }
    }
    if pending.is_some() { None } else { Some(t) }
}
