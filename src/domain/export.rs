//! The export of `kam export`: one JSON object (or CSV row) per account with its archive, stage,
//! days in stage, score and tier, and in JSON everything else the account holds (every record
//! kind, ratings, checklist, history). Fields the playbook defines are walked from the playbook,
//! records of a defined type follow their type, and a field marked sensitive is left out unless
//! asked for (also inside contacts and other records).

use chrono::NaiveDate;
use serde_json::{Map, Value as Json, json};

use crate::domain::account::Account;
use crate::domain::account::value::{Table, Value, as_date, as_table};
use crate::domain::gate::pipeline::days_in_stage;
use crate::domain::playbook::{AFTER_DEAL_RECORDS, Field, Kind, Playbook};
use crate::domain::privacy::{Scope, may_show};
use crate::domain::score::{Weights, score};

/// The TOML value as JSON: dates (and datetimes) as their TOML text, numbers as numbers.
pub fn to_json(value: &Value<'_>) -> Json {
    match value {
        Value::String(s) => json!(s.as_ref()),
        Value::Integer(_) => crate::domain::account::value::as_int(value).map_or(Json::Null, |i| json!(i)),
        Value::Float(_) => crate::domain::account::value::as_number(value)
            .and_then(serde_json::Number::from_f64)
            .map_or(Json::Null, Json::Number),
        Value::Boolean(b) => json!(b),
        Value::Datetime(dt) => json!(dt.to_string()),
        Value::Array(items) => Json::Array(items.iter().map(|i| to_json(i.get_ref())).collect()),
        Value::Table(t) => table_to_json(t),
    }
}

/// A whole TOML table as JSON, every key kept (for validating a file against the schema).
pub fn table_to_json(table: &Table<'_>) -> Json {
    Json::Object(
        table
            .iter()
            .map(|(k, v)| (k.get_ref().to_string(), to_json(v.get_ref())))
            .collect(),
    )
}

/// What to export.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub include_sensitive: bool,
    pub today: NaiveDate,
}

/// The known fields of `table` (defined in `scope`) as a JSON object; nested records follow
/// their record type.
fn fields_json(
    pb: &Playbook,
    scope: Scope<'_>,
    fields: &[Field],
    table: &Table<'_>,
    opts: Options,
) -> Map<String, Json> {
    let mut out = Map::new();
    for f in fields {
        if !may_show(pb, scope, &f.id, opts.include_sensitive) {
            continue;
        }
        let Some(node) = table.get(f.id.as_str()) else { continue };
        let value = node.get_ref();
        let record = f.record.as_deref().unwrap_or("");
        let json = match (f.kind, value) {
            (Kind::Records, Value::Array(items)) => Json::Array(
                items
                    .iter()
                    .filter_map(|i| as_table(i.get_ref()))
                    .map(|t| record_json(pb, record, t, opts))
                    .collect(),
            ),
            (Kind::Keyed, Value::Table(t)) => Json::Object(
                t.iter()
                    .filter_map(|(k, v)| {
                        Some((
                            k.get_ref().to_string(),
                            record_json(pb, record, as_table(v.get_ref())?, opts),
                        ))
                    })
                    .collect(),
            ),
            (Kind::Date, v) => as_date(v).map_or_else(|| to_json(v), |d| json!(d.to_string())),
            (_, v) => to_json(v),
        };
        out.insert(f.id.clone(), json);
    }
    out
}

fn record_json(pb: &Playbook, record: &str, table: &Table<'_>, opts: Options) -> Json {
    let fields = pb.record_type(record).map(|r| r.fields.as_slice()).unwrap_or_default();
    Json::Object(fields_json(pb, Scope::Record(record), fields, table, opts))
}

/// The records of a top-level list (contacts, competitors) as JSON.
fn records_json(pb: &Playbook, name: &str, account: &Account<'_>, opts: Options) -> Json {
    Json::Array(
        account
            .records(name)
            .iter()
            .map(|r| record_json(pb, name, r.table, opts))
            .collect(),
    )
}

/// One account as a JSON object: the account's fields, `stage`, `days_in_stage`, `tier`,
/// `value`, `difficulty`, the archive groups, contacts and competitors, and the records after the
/// deal (contracts, receivables with their payments, aftercare).
pub fn account_json(pb: &Playbook, account: &Account<'_>, opts: Options) -> Json {
    let mut out = fields_json(pb, Scope::Account, &pb.doc.account.fields, account.root.table, opts);
    let scored = score(pb, account, &Weights::new());
    out.insert("days_in_stage".into(), json!(days_in_stage(account, opts.today)));
    out.insert("tier".into(), json!(scored.tier));
    out.insert("value".into(), json!(scored.value));
    out.insert("difficulty".into(), json!(scored.difficulty));
    for g in &pb.doc.archive {
        let group = account
            .group(&g.id)
            .map(|r| fields_json(pb, Scope::Group(&g.id), &g.fields, r.table, opts))
            .unwrap_or_default();
        out.insert(g.id.clone(), Json::Object(group));
    }
    for name in ["contacts", "competitors"].into_iter().chain(AFTER_DEAL_RECORDS) {
        if pb.record_type(name).is_some() {
            out.insert(name.into(), records_json(pb, name, account, opts));
        }
    }
    // Everything else the file holds, whatever its kind (visits, plan tasks, receptions, ratings,
    // the checklist, the history, and record kinds added later): records of a type the playbook
    // defines follow that type (its sensitive fields left out); the rest as written, unless the
    // privacy rule hides the key.
    for (key, node) in account.root.table {
        let key = key.get_ref().as_ref();
        if out.contains_key(key) || !may_show(pb, Scope::Account, key, opts.include_sensitive) {
            continue;
        }
        let value = node.get_ref();
        let json = match (pb.record_type(key), value) {
            (Some(_), Value::Array(items)) => Json::Array(
                items
                    .iter()
                    .filter_map(|i| as_table(i.get_ref()))
                    .map(|t| record_json(pb, key, t, opts))
                    .collect(),
            ),
            (Some(_), Value::Table(t)) => record_json(pb, key, t, opts),
            _ => to_json(value),
        };
        out.insert(key.to_string(), json);
    }
    Json::Object(out)
}

/// The CSV columns: the fixed ones, the account's other fields, then `group.field` for every
/// archive field (sensitive ones only when included), then the number of contacts. The header
/// depends on the playbook only, so every export of a workspace has the same columns.
pub fn csv_columns(pb: &Playbook, include_sensitive: bool) -> Vec<String> {
    let mut cols: Vec<String> = [
        "id",
        "name",
        "owner",
        "stage",
        "days_in_stage",
        "tier",
        "value",
        "difficulty",
    ]
    .map(String::from)
    .to_vec();
    for f in &pb.doc.account.fields {
        if !cols.contains(&f.id) && may_show(pb, Scope::Account, &f.id, include_sensitive) {
            cols.push(f.id.clone());
        }
    }
    for g in &pb.doc.archive {
        for f in &g.fields {
            if may_show(pb, Scope::Group(&g.id), &f.id, include_sensitive) {
                cols.push(format!("{}.{}", g.id, f.id));
            }
        }
    }
    cols.push("contacts".into());
    cols
}

/// A JSON value as one CSV cell: lists joined by "; ", amounts with their currency, nested
/// records as compact JSON.
fn cell(value: &Json) -> Option<String> {
    match value {
        Json::Null => None,
        Json::String(s) => Some(s.clone()),
        Json::Array(items) if items.iter().all(Json::is_string) => {
            Some(items.iter().filter_map(Json::as_str).collect::<Vec<_>>().join("; "))
        }
        Json::Object(m) if m.contains_key("amount") && m.len() <= 2 => {
            let amount = m.get("amount").map(ToString::to_string).unwrap_or_default();
            Some(match m.get("currency").and_then(Json::as_str) {
                Some(c) => format!("{amount} {c}"),
                None => amount,
            })
        }
        other => Some(other.to_string()),
    }
}

/// The CSV cells of one exported account under `columns`.
pub fn csv_row(account: &Json, columns: &[String]) -> Vec<Option<String>> {
    columns
        .iter()
        .map(|c| {
            if c == "contacts" {
                return account
                    .get("contacts")
                    .and_then(Json::as_array)
                    .map(|a| a.len().to_string());
            }
            let value = match c.split_once('.') {
                Some((g, f)) => account.get(g).and_then(|g| g.get(f)),
                None => account.get(c.as_str()),
            };
            value.and_then(cell)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::default_playbook;

    const TEXT: &str = "id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"qualify\"\ncreated = 2026-11-01\n\
        [finance]\nbank = \"ICBC\"\nbank_account = \"6222 0000 1111\"\nbudget = { amount = 420000, currency = \"USD\" }\n\
        [procurement.steps]\nneed = { who = [\"wang\"] }\n\
        [[contacts]]\nid = \"wang\"\nname = \"Wang\"\nbirthday = 1980-05-01\nmobile = \"139\"\nunknown = \"x\"\n";

    fn export(include_sensitive: bool) -> Json {
        let pb = default_playbook().unwrap();
        let root = Table::parse(TEXT).unwrap();
        let opts = Options {
            include_sensitive,
            today: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        };
        account_json(&pb, &Account::new(&root), opts)
    }

    #[test]
    fn sensitive_fields_stay_out_unless_asked() {
        let plain = export(false);
        let text = plain.to_string();
        for secret in ["6222", "1980-05-01", "139", "birthday", "mobile", "bank_account"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert_eq!(plain["finance"]["bank"], "ICBC");
        assert_eq!(plain["days_in_stage"], 24);
        assert_eq!(plain["created"], "2026-11-01");
        assert_eq!(plain["procurement"]["steps"]["need"]["who"][0], "wang");
        // Unknown keys are not exported.
        assert!(plain["contacts"][0].get("unknown").is_none());
        let full = export(true);
        assert_eq!(full["contacts"][0]["birthday"], "1980-05-01");
        assert_eq!(full["finance"]["bank_account"], "6222 0000 1111");
    }

    #[test]
    fn csv_cells_flatten_groups() {
        let pb = default_playbook().unwrap();
        let cols = csv_columns(&pb, false);
        assert!(cols.contains(&"finance.bank".to_string()));
        assert!(!cols.contains(&"finance.bank_account".to_string()));
        let row = csv_row(&export(false), &cols);
        let at = |c: &str| row[cols.iter().position(|x| x == c).unwrap()].clone();
        assert_eq!(at("finance.budget").as_deref(), Some("420000 USD"));
        assert_eq!(at("contacts").as_deref(), Some("1"));
        assert_eq!(at("tier"), None);
    }
}
