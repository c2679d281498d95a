//! An account: a typed view over one parsed account file. The view borrows the parsed tree and
//! keeps every value's span, so checks can point at the line a problem sits on.

use std::ops::Range;

use chrono::NaiveDate;

use crate::domain::account::value::{Record, Spanned, Table, Value, as_array, as_int, as_str, as_table};
use crate::domain::playbook::Playbook;

/// A string value with its span.
#[derive(Debug, Clone, Copy)]
pub struct Text<'t> {
    pub text: &'t str,
    pub span: (usize, usize),
}

impl Text<'_> {
    pub fn span(&self) -> Range<usize> {
        self.span.0..self.span.1
    }
}

/// One rating of a value factor: `share = 4` or `share = { rating = 4, why = "…" }`.
#[derive(Debug, Clone)]
pub struct Rating<'t> {
    pub factor: Text<'t>,
    /// `None` when the value is not a whole number (check reports it).
    pub rating: Option<i64>,
    pub why: Option<&'t str>,
    pub span: (usize, usize),
}

/// Written evidence for a manual exit item: `go = { evidence = "…", date = …, link = "…" }`.
#[derive(Debug, Clone)]
pub struct Evidence<'t> {
    pub item: Text<'t>,
    /// The evidence text; empty when none was written (e.g. `go = true`).
    pub text: &'t str,
    pub date: Option<NaiveDate>,
    pub link: Option<&'t str>,
    pub span: (usize, usize),
}

/// One record of the stage history.
#[derive(Debug, Clone)]
pub struct Move<'t> {
    pub record: Record<'t, 't>,
    pub from: Option<&'t str>,
    pub to: Option<Text<'t>>,
    pub date: Option<NaiveDate>,
}

/// A view of one account file.
#[derive(Debug, Clone)]
pub struct Account<'t> {
    pub root: Record<'t, 't>,
    pub id: Option<Text<'t>>,
    pub name: Option<Text<'t>>,
    pub owner: Option<Text<'t>>,
    pub stage: Option<Text<'t>>,
    pub created: Option<NaiveDate>,
    pub contacts: Vec<Record<'t, 't>>,
    pub competitors: Vec<Record<'t, 't>>,
    pub visits: Vec<Record<'t, 't>>,
    pub plan: Vec<Record<'t, 't>>,
    /// The client's inspections of our company (`[[receptions]]`).
    pub receptions: Vec<Record<'t, 't>>,
    /// After the deal: `[[contracts]]`, `[[receivables]]`, `[[aftercare]]`.
    pub contracts: Vec<Record<'t, 't>>,
    pub receivables: Vec<Record<'t, 't>>,
    pub aftercare: Vec<Record<'t, 't>>,
    pub ratings: Vec<Rating<'t>>,
    pub checklist: Vec<Evidence<'t>>,
    pub history: Vec<Move<'t>>,
}

fn text<'t>(table: &'t Table<'_>, key: &str) -> Option<Text<'t>> {
    let node = table.get(key)?;
    let s = as_str(node.get_ref())?;
    let span = node.span();
    Some(Text {
        text: s,
        span: (span.start, span.end),
    })
}

fn records<'t>(table: &'t Table<'t>, key: &str) -> Vec<Record<'t, 't>> {
    let Some(items) = table.get(key).and_then(|n| as_array(n.get_ref())) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|n| as_table(n.get_ref()).map(|t| Record::new(t, n.span())))
        .collect()
}

impl<'t> Account<'t> {
    /// Reads the view from a parsed file. Never fails: what is malformed reads as absent.
    pub fn new(root: &'t Spanned<Table<'t>>) -> Self {
        let table = root.get_ref();
        let rec = Record::new(table, root.span());
        Account {
            root: rec,
            id: text(table, "id"),
            name: text(table, "name"),
            owner: text(table, "owner"),
            stage: text(table, "stage"),
            created: rec.date("created"),
            contacts: records(table, "contacts"),
            competitors: records(table, "competitors"),
            visits: records(table, "visits"),
            plan: records(table, "plan"),
            receptions: records(table, "receptions"),
            contracts: records(table, "contracts"),
            receivables: records(table, "receivables"),
            aftercare: records(table, "aftercare"),
            ratings: read_ratings(table),
            checklist: read_checklist(table),
            history: records(table, "history")
                .into_iter()
                .map(|r| Move {
                    from: r.str("from"),
                    to: text(r.table, "to"),
                    date: r.date("date"),
                    record: r,
                })
                .collect(),
        }
    }

    pub fn id(&self) -> &'t str {
        self.id.map_or("", |t| t.text)
    }

    pub fn name(&self) -> &'t str {
        self.name.map_or("", |t| t.text)
    }

    pub fn stage_id(&self) -> &'t str {
        self.stage.map_or("", |t| t.text)
    }

    pub fn owner(&self) -> &'t str {
        self.owner.map_or("", |t| t.text)
    }

    /// An archive group's table (`[company]`), if present.
    pub fn group(&self, id: &str) -> Option<Record<'t, 't>> {
        let node = self.root.node(id)?;
        as_table(node.get_ref()).map(|t| Record::new(t, node.span()))
    }

    /// An archive value by path `group.field`.
    pub fn archive(&self, path: &str) -> Option<&'t Value<'t>> {
        let (group, field) = path.split_once('.')?;
        self.group(group)?.value(field)
    }

    /// The records of a top-level list by name.
    pub fn records(&self, of: &str) -> &[Record<'t, 't>] {
        match of {
            "contacts" => &self.contacts,
            "competitors" => &self.competitors,
            "visits" => &self.visits,
            "plan" => &self.plan,
            "receptions" => &self.receptions,
            "contracts" => &self.contracts,
            "receivables" => &self.receivables,
            "aftercare" => &self.aftercare,
            _ => &[],
        }
    }

    /// The contract with this number, if any.
    pub fn contract(&self, number: &str) -> Option<Record<'t, 't>> {
        self.contracts.iter().copied().find(|c| c.str("number") == Some(number))
    }

    pub fn contact(&self, id: &str) -> Option<Record<'t, 't>> {
        self.contacts.iter().copied().find(|c| c.str("id") == Some(id))
    }

    /// A contact's layer: written, or the layer of its first role that has one.
    pub fn contact_layer(&self, pb: &'t Playbook, contact: &Record<'t, 't>) -> Option<&'t str> {
        contact.str("layer").or_else(|| {
            contact
                .list("roles")
                .into_iter()
                .find_map(|role| pb.enum_value("role", role)?.layer.as_deref())
        })
    }

    pub fn rating(&self, factor: &str) -> Option<&Rating<'t>> {
        self.ratings.iter().find(|r| r.factor.text == factor)
    }

    pub fn evidence(&self, item: &str) -> Option<&Evidence<'t>> {
        self.checklist.iter().find(|e| e.item.text == item)
    }

    /// The history record that entered the current stage, if any.
    pub fn entered_current_stage(&self) -> Option<&Move<'t>> {
        let stage = self.stage_id();
        self.history
            .iter()
            .rev()
            .find(|m| m.to.is_some_and(|t| t.text == stage))
    }

    /// The date the account entered its current stage: its history record, else `created`.
    pub fn stage_since(&self) -> Option<NaiveDate> {
        self.entered_current_stage().and_then(|m| m.date).or(self.created)
    }
}

fn key_text<'t>(key: &'t Spanned<std::borrow::Cow<'t, str>>) -> Text<'t> {
    let span = key.span();
    Text {
        text: key.get_ref().as_ref(),
        span: (span.start, span.end),
    }
}

fn read_ratings<'t>(table: &'t Table<'t>) -> Vec<Rating<'t>> {
    let Some(ratings) = table.get("ratings").and_then(|n| as_table(n.get_ref())) else {
        return Vec::new();
    };
    ratings
        .iter()
        .map(|(key, node)| {
            let span = node.span();
            let (rating, why) = match node.get_ref() {
                Value::Table(t) => (
                    t.get("rating").and_then(|r| as_int(r.get_ref())),
                    t.get("why").and_then(|w| as_str(w.get_ref())),
                ),
                other => (as_int(other), None),
            };
            Rating {
                factor: key_text(key),
                rating,
                why,
                span: (span.start, span.end),
            }
        })
        .collect()
}

fn read_checklist<'t>(table: &'t Table<'t>) -> Vec<Evidence<'t>> {
    let Some(items) = table.get("checklist").and_then(|n| as_table(n.get_ref())) else {
        return Vec::new();
    };
    items
        .iter()
        .map(|(key, node)| {
            let span = node.span();
            let (text, date, link) = match node.get_ref() {
                Value::String(s) => (s.as_ref(), None, None),
                Value::Table(t) => {
                    let r = Record::new(t, span.clone());
                    (r.str("evidence").unwrap_or(""), r.date("date"), r.str("link"))
                }
                _ => ("", None, None),
            };
            Evidence {
                item: key_text(key),
                text: text.trim(),
                date,
                link,
                span: (span.start, span.end),
            }
        })
        .collect()
}
