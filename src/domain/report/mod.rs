//! Report data (the visit plan, the negotiation brief, the receivables aging report, the
//! retrospective and the after-the-deal file): what a printed report shows, built from the playbook, one account and today's
//! date. The structs hold values and the playbook's labels for them; the words around them
//! (headings, phrases) and the layout belong to the renderers in `render::report`.
//!
//! Personal data stays out unless asked for: every value read for a report passes through
//! [`Omitted`] ([`Omitted::admit`], [`Omitted::allows`] and the readers built on it), which asks
//! [`crate::domain::privacy`] and drops what the playbook marks `sensitive: true`, counting what
//! it dropped, so the report can say what it left out. Names a report must show something for
//! (the client, a person) show [`privacy::hidden`] instead.

pub mod after_deal;
pub mod guidance;
pub mod negotiation;
pub mod negotiation_parties;
pub mod overview;
pub mod people;
pub mod receivables;
pub mod reception;
pub mod reception_steps;
pub mod retro;
#[cfg(test)]
mod tests;
pub mod visit;
pub mod visit_history;

use chrono::NaiveDate;

use crate::domain::account::Account;
use crate::domain::account::value::{Record, Value, as_date, as_int, as_number, as_str, is_filled, strings};
use crate::domain::playbook::{Field, Kind, Playbook};
use crate::domain::privacy::{self, Scope};
use crate::domain::score::{Weights, score};

/// A value as a report shows it; the renderer formats it (dates, amounts, yes/no).
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    Text(String),
    /// Values of an enumeration, or names: short, joined with commas.
    List(Vec<String>),
    /// Free-text entries, which may contain commas themselves.
    Texts(Vec<String>),
    Date(NaiveDate),
    Bool(bool),
    Int(i64),
    Number(f64),
    Percent(f64),
    Money {
        amount: f64,
        currency: Option<String>,
    },
    Rating(i64),
}

/// One labelled value of a report.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub label: String,
    pub value: Shown,
}

/// A labelled slot that may still be empty: the renderer shows a prompt to fill it in.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    pub label: String,
    /// Where to write it (`[negotiation] goal`), for the prompt.
    pub path: String,
    pub value: Option<Shown>,
}

/// The sensitive values a report left out, counted per field label in the order first met.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Omitted {
    /// Whether sensitive values are shown (`--include-sensitive`); then nothing is counted.
    pub include: bool,
    pub fields: Vec<(String, usize)>,
}

impl Omitted {
    pub fn new(include: bool) -> Self {
        Omitted {
            include,
            fields: Vec::new(),
        }
    }

    /// Whether a filled field may be shown; a refused one is counted.
    pub fn admit(&mut self, field: &Field) -> bool {
        if !privacy::is_personal(field) || self.include {
            return true;
        }
        self.count(&field.label);
        false
    }

    fn count(&mut self, label: &str) {
        match self.fields.iter_mut().find(|(l, _)| l == label) {
            Some((_, n)) => *n += 1,
            None => self.fields.push((label.to_string(), 1)),
        }
    }

    /// Whether a filled field `id` of `scope` may be shown; a refused one is counted.
    pub fn allows(&mut self, pb: &Playbook, scope: Scope<'_>, id: &str) -> bool {
        match privacy::field(pb, scope, id) {
            Some(field) => self.admit(field),
            None => true,
        }
    }

    /// A text field of a record, trimmed, when it is filled and may be shown.
    pub fn text(
        &mut self,
        pb: &Playbook,
        scope: Scope<'_>,
        record: Option<&Record<'_, '_>>,
        key: &str,
    ) -> Option<String> {
        let value = record?.str(key).map(str::trim).filter(|s| !s.is_empty())?;
        self.allows(pb, scope, key).then(|| value.to_string())
    }

    /// The filled entries of a list field of a record, when it may be shown.
    pub fn strings(
        &mut self,
        pb: &Playbook,
        scope: Scope<'_>,
        record: Option<&Record<'_, '_>>,
        key: &str,
    ) -> Vec<String> {
        let Some(record) = record else { return Vec::new() };
        let items: Vec<String> = record
            .list(key)
            .into_iter()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        if items.is_empty() || !self.allows(pb, scope, key) {
            return Vec::new();
        }
        items
    }

    /// A date field of a record, when it is written and may be shown.
    pub fn date(
        &mut self,
        pb: &Playbook,
        scope: Scope<'_>,
        record: Option<&Record<'_, '_>>,
        key: &str,
    ) -> Option<NaiveDate> {
        let date = record?.date(key)?;
        self.allows(pb, scope, key).then_some(date)
    }

    /// A name a report shows something for (the client, a person, an owner): the name, or
    /// [`privacy::hidden`].
    pub fn name(&self, pb: &Playbook, scope: Scope<'_>, id: &str, value: &str) -> String {
        privacy::shown(pb, scope, id, self.include, value).to_string()
    }

    pub fn total(&self) -> usize {
        self.fields.iter().map(|(_, n)| n).sum()
    }
}

/// The lines every report opens with: who the client is and where the account stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub client: String,
    pub id: String,
    pub owner: String,
    pub team: Vec<String>,
    /// The label of the stage or outcome.
    pub stage: String,
    pub stage_since: Option<NaiveDate>,
    pub days_in_stage: Option<i64>,
    /// The tier's label, when every factor is rated.
    pub tier: Option<String>,
    pub value: Option<f64>,
    pub difficulty: Option<f64>,
    /// How many value factors are not rated yet.
    pub unrated: usize,
}

/// The header of a report on `account` as of `today`.
pub fn header(pb: &Playbook, account: &Account<'_>, today: NaiveDate, omitted: &mut Omitted) -> Header {
    let s = score(pb, account, &Weights::new());
    let since = account.stage_since();
    Header {
        client: omitted.name(pb, Scope::Account, "name", account.name()),
        id: account.id().to_string(),
        owner: omitted.name(pb, Scope::Account, "owner", account.owner()),
        team: omitted.strings(pb, Scope::Account, Some(&account.root), "team"),
        stage: pb.stage_label(account.stage_id()).to_string(),
        stage_since: since,
        days_in_stage: since.map(|d| (today - d).num_days()),
        tier: s.tier.as_deref().map(|id| {
            pb.doc
                .scoring
                .tiers
                .iter()
                .find(|t| t.id == id)
                .map_or_else(|| id.to_string(), |t| t.label.clone())
        }),
        value: s.value,
        difficulty: s.difficulty,
        unrated: s.missing.len(),
    }
}

/// A contact's name by id, or the id when the account has no such contact; [`privacy::hidden`]
/// when the playbook marks names sensitive and they are not included.
pub fn contact_name(pb: &Playbook, account: &Account<'_>, id: &str, include: bool) -> String {
    let contacts = Scope::Record("contacts");
    match account.contact(id).and_then(|c| c.str("name")) {
        Some(name) => privacy::shown(pb, contacts, "name", include, name).to_string(),
        None => privacy::shown(pb, contacts, "id", include, id).to_string(),
    }
}

fn money(value: &Value<'_>) -> Option<Shown> {
    let (amount, currency) = match value {
        Value::Table(t) => (
            t.get("amount").and_then(|a| as_number(a.get_ref()))?,
            t.get("currency").and_then(|c| as_str(c.get_ref())).map(str::to_string),
        ),
        other => (as_number(other)?, None),
    };
    Some(Shown::Money { amount, currency })
}

/// A field's value as shown; `None` when absent, empty or not of the field's kind (`kam check`
/// reports those). `records` and `keyed` fields are shown by the reports that know them.
pub fn shown(pb: &Playbook, account: &Account<'_>, field: &Field, value: &Value<'_>, include: bool) -> Option<Shown> {
    if !is_filled(value) {
        return None;
    }
    let values = field.values.as_deref().unwrap_or("");
    Some(match field.kind {
        Kind::Text | Kind::Email | Kind::Url | Kind::Phone => Shown::Text(as_str(value)?.trim().to_string()),
        Kind::Integer => Shown::Int(as_int(value)?),
        Kind::Number => Shown::Number(as_number(value)?),
        Kind::Percent => Shown::Percent(as_number(value)?),
        Kind::Money => money(value)?,
        Kind::Date => Shown::Date(as_date(value)?),
        Kind::Bool => match value {
            Value::Boolean(b) => Shown::Bool(*b),
            _ => return None,
        },
        Kind::Rating => Shown::Rating(as_int(value)?),
        Kind::Enum => Shown::Text(pb.enum_label(values, as_str(value)?).to_string()),
        Kind::EnumList => Shown::List(strings(value).map(|v| pb.enum_label(values, v).to_string()).collect()),
        Kind::TextList => Shown::Texts(strings(value).map(|s| s.trim().to_string()).collect()),
        Kind::Contact => Shown::Text(contact_name(pb, account, as_str(value)?, include)),
        Kind::Contacts => Shown::List(
            strings(value)
                .map(|id| contact_name(pb, account, id, include))
                .collect(),
        ),
        Kind::Records | Kind::Keyed => return None,
    })
}

/// One field of a record as shown, if filled and admitted.
pub fn field_of(
    pb: &Playbook,
    account: &Account<'_>,
    fields: &[Field],
    record: &Record<'_, '_>,
    id: &str,
    omitted: &mut Omitted,
) -> Option<Shown> {
    let field = fields.iter().find(|f| f.id == id)?;
    let value = shown(pb, account, field, record.value(id)?, omitted.include)?;
    omitted.admit(field).then_some(value)
}

/// Every filled field of a record in playbook order, except those in `skip`; sensitive ones
/// only when admitted.
pub fn items(
    pb: &Playbook,
    account: &Account<'_>,
    fields: &[Field],
    record: &Record<'_, '_>,
    skip: &[&str],
    omitted: &mut Omitted,
) -> Vec<Item> {
    fields
        .iter()
        .filter(|f| !skip.contains(&f.id.as_str()))
        .filter_map(|f| {
            let value = shown(pb, account, f, record.value(&f.id)?, omitted.include)?;
            omitted.admit(f).then(|| Item {
                label: f.label.clone(),
                value,
            })
        })
        .collect()
}

/// The plain text of a shown value for places that need a string (names, topics).
pub fn text_of(value: Option<Shown>) -> Option<String> {
    match value? {
        Shown::Text(s) => Some(s),
        Shown::List(items) => Some(items.join(", ")),
        Shown::Texts(items) => Some(items.join("; ")),
        _ => None,
    }
}

/// An archive field's slot (`group.field`): label and value, or an empty slot to fill in.
/// `None` when the playbook has no such field.
pub fn archive_slot(pb: &Playbook, account: &Account<'_>, path: &str, omitted: &mut Omitted) -> Option<Slot> {
    let field = pb.archive_field(path)?;
    let value = account
        .archive(path)
        .and_then(|v| shown(pb, account, field, v, omitted.include))
        .filter(|_| omitted.admit(field));
    let (group, id) = path.split_once('.').unwrap_or((path, ""));
    Some(Slot {
        label: field.label.clone(),
        path: format!("[{group}] {id}"),
        value,
    })
}

/// The contacts in the order reports list people: decision-makers, the economic decision-maker,
/// coaches, then the rest as written.
pub fn key_people_first<'a, 't>(contacts: &'a [Record<'t, 't>]) -> Vec<&'a Record<'t, 't>> {
    let rank = |c: &Record<'_, '_>| {
        let roles = c.list("roles");
        if roles.contains(&"decision_maker") {
            0
        } else if roles.contains(&"economic_buyer") {
            1
        } else if roles.contains(&"coach") {
            2
        } else {
            3
        }
    };
    let mut out: Vec<&Record<'t, 't>> = contacts.iter().collect();
    out.sort_by_key(|c| rank(c));
    out
}
