//! A JSON Schema (draft-07) for account files, made from the playbook, so that editors with a
//! TOML language server (taplo, Even Better TOML) complete keys and allowed values and mark
//! mistakes as they are typed. TOML dates are strings to a schema; they are matched by pattern.
//!
//! What a schema cannot say is left to `kam check`: fields required from a stage on, contact ids
//! that must exist, history that must chain, gates.

use serde_json::{Map, Value as Json, json};

use crate::domain::playbook::{AFTER_DEAL_RECORDS, Field, Kind, Playbook, TOP_RECORDS};

/// A date as TOML writes it (a local date, or a datetime that counts by its date).
const DATE_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}";

fn text_of(label: &str, help: &str) -> Map<String, Json> {
    let mut m = Map::new();
    m.insert("title".into(), json!(label));
    if !help.is_empty() {
        m.insert("description".into(), json!(help));
    }
    m
}

fn date() -> Json {
    json!({ "type": "string", "pattern": DATE_PATTERN })
}

fn enum_of(pb: &Playbook, name: &str) -> Json {
    let values = pb.enum_values(name).unwrap_or_default();
    json!({
        "type": "string",
        "enum": values.iter().map(|v| v.id.as_str()).collect::<Vec<_>>(),
        // Editors that know this keyword (VS Code, taplo) show the labels next to the ids.
        "enumDescriptions": values.iter().map(|v| if v.help.is_empty() { v.label.clone() } else { format!("{} — {}", v.label, v.help) }).collect::<Vec<_>>(),
    })
}

fn record_ref(name: &str) -> Json {
    let escaped = name.replace('~', "~0").replace('/', "~1");
    json!({ "$ref": format!("#/definitions/{escaped}") })
}

/// The schema of one field's value.
fn field(pb: &Playbook, f: &Field) -> Json {
    let values = f.values.as_deref().unwrap_or("");
    let mut schema = match f.kind {
        Kind::Text | Kind::Phone | Kind::Email | Kind::Contact => json!({ "type": "string" }),
        Kind::Url => json!({ "type": "string", "pattern": "^https?://" }),
        Kind::Integer => json!({ "type": "integer" }),
        Kind::Number => json!({ "type": "number" }),
        Kind::Percent => json!({ "type": "number", "minimum": 0, "maximum": 100 }),
        Kind::Money => json!({ "$ref": "#/definitions/money" }),
        Kind::Date => date(),
        Kind::Bool => json!({ "type": "boolean" }),
        Kind::Rating => json!({ "$ref": "#/definitions/rating" }),
        Kind::Enum => enum_of(pb, values),
        Kind::EnumList => json!({ "type": "array", "items": enum_of(pb, values), "uniqueItems": true }),
        Kind::TextList | Kind::Contacts => json!({ "type": "array", "items": { "type": "string" } }),
        Kind::Records => json!({ "type": "array", "items": record_ref(f.record.as_deref().unwrap_or("")) }),
        Kind::Keyed => {
            let record = record_ref(f.record.as_deref().unwrap_or(""));
            let keys = pb.enum_values(f.keys.as_deref().unwrap_or("")).unwrap_or_default();
            let props: Map<String, Json> = keys
                .iter()
                .map(|k| {
                    let mut entry = text_of(&k.label, &k.help);
                    entry.insert("allOf".into(), json!([record.clone()]));
                    (k.id.clone(), Json::Object(entry))
                })
                .collect();
            json!({ "type": "object", "properties": props, "additionalProperties": false })
        }
    };
    let mut help = f.help.clone();
    if let crate::domain::playbook::Required::FromStage(stage) = &f.required {
        help = join(
            &help,
            &pb.fill(
                "schema.required_from",
                "Required from stage `{stage}` on.",
                &[("stage", stage)],
            ),
        );
    }
    if f.sensitive {
        help = join(
            &help,
            pb.text("schema.personal", "Personal data: kept out of reports and exports."),
        );
    }
    let mut out = text_of(&f.label, &help);
    if let Json::Object(m) = &mut schema {
        out.append(m);
    }
    if let Some(d) = &f.default {
        out.insert("default".into(), json!(d));
    }
    Json::Object(out)
}

fn join(a: &str, b: &str) -> String {
    if a.is_empty() {
        b.to_string()
    } else {
        format!("{a} {b}")
    }
}

/// An object of fields: properties, the always-required ones, no other keys.
fn object(pb: &Playbook, label: &str, help: &str, fields: &[Field]) -> Map<String, Json> {
    let mut out = text_of(label, help);
    out.insert("type".into(), json!("object"));
    let props: Map<String, Json> = fields.iter().map(|f| (f.id.clone(), field(pb, f))).collect();
    out.insert("properties".into(), Json::Object(props));
    let required: Vec<&str> = fields
        .iter()
        .filter(|f| f.required == crate::domain::playbook::Required::Always)
        .map(|f| f.id.as_str())
        .collect();
    if !required.is_empty() {
        out.insert("required".into(), json!(required));
    }
    out.insert("additionalProperties".into(), json!(false));
    out
}

fn ratings(pb: &Playbook) -> Json {
    let props: Map<String, Json> = pb
        .doc
        .scoring
        .factors
        .iter()
        .map(|f| {
            let mut m = text_of(&f.label, &f.help);
            m.insert(
                "anyOf".into(),
                json!([
                    { "$ref": "#/definitions/rating" },
                    {
                        "type": "object",
                        "properties": {
                            "rating": { "$ref": "#/definitions/rating" },
                            "why": { "type": "string", "title": pb.text("schema.why", "Why this rating") }
                        },
                        "required": ["rating"],
                        "additionalProperties": false
                    }
                ]),
            );
            (f.id.clone(), Json::Object(m))
        })
        .collect();
    json!({
        "title": pb.text("schema.ratings", "Value assessment"),
        "description": pb.text(
            "schema.ratings_help",
            "One rating 1–5 per factor, optionally with why: `share = { rating = 4, why = \"…\" }`. Leave a factor out until it can be rated.",
        ),
        "type": "object",
        "properties": props,
        "additionalProperties": false
    })
}

fn checklist(pb: &Playbook) -> Json {
    let props: Map<String, Json> = pb
        .stages()
        .iter()
        .flat_map(|s| &s.exit)
        .filter_map(|item| {
            let what = item.evidence.as_deref()?;
            let mut m = text_of(&item.label, what);
            m.insert(
                "anyOf".into(),
                json!([
                    { "type": "string", "minLength": 1, "pattern": "\\S" },
                    {
                        "type": "object",
                        "properties": {
                            "evidence": { "type": "string", "minLength": 1, "pattern": "\\S", "title": pb.text("schema.evidence", "What a reviewer can check") },
                            "date": date(),
                            "link": { "type": "string" },
                            "by": { "type": "string" }
                        },
                        "required": ["evidence"],
                        "additionalProperties": false
                    }
                ]),
            );
            Some((item.id.clone(), Json::Object(m)))
        })
        .collect();
    json!({
        "title": pb.text("schema.checklist", "Evidence for exit items"),
        "description": pb.text(
            "schema.checklist_help",
            "item = { evidence = \"…\", date = 2026-03-14, link = \"…\" }; `true` alone is not evidence.",
        ),
        "type": "object",
        "properties": props,
        "additionalProperties": false
    })
}

fn history(pb: &Playbook) -> Json {
    let stages: Vec<&str> = pb
        .stages()
        .iter()
        .map(|s| s.id.as_str())
        .chain(pb.doc.outcomes.iter().map(|o| o.id.as_str()))
        .collect();
    json!({
        "title": pb.text("schema.history", "Stage history"),
        "description": pb.text(
            "schema.history_help",
            "Written by `kam advance`, one record per move, oldest first.",
        ),
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "from": { "type": "string", "enum": stages },
                "to": { "type": "string", "enum": stages },
                "date": date(),
                "by": { "type": "string" },
                "note": { "type": "string" },
                "reason": { "type": "string" },
                "gate": { "type": "string" }
            },
            "required": ["to", "date"],
            "additionalProperties": false
        }
    })
}

/// `[retrospective]`: its date, who took part, a note, and one table per part of the playbook.
fn retrospective(pb: &Playbook) -> Option<Json> {
    let config = pb.doc.retrospective.as_ref()?;
    let mut props = Map::new();
    props.insert("date".into(), date());
    props.insert("by".into(), json!({ "type": "array", "items": { "type": "string" } }));
    props.insert("note".into(), json!({ "type": "string" }));
    for part in &config.parts {
        props.insert(
            part.id.clone(),
            Json::Object(object(pb, &part.label, &part.help, &part.fields)),
        );
    }
    let mut m = text_of(
        &config.label,
        pb.text(
            "schema.retrospective",
            "The project retrospective: date, by, and one table per part",
        ),
    );
    m.insert("type".into(), json!("object"));
    m.insert("properties".into(), Json::Object(props));
    m.insert("additionalProperties".into(), json!(false));
    Some(Json::Object(m))
}

/// The schema of an account file under this playbook.
pub fn account_schema(pb: &Playbook) -> Json {
    let mut top = object(pb, &pb.doc.account.label, &pb.doc.account.help, &pb.doc.account.fields);
    top.insert("$schema".into(), json!("http://json-schema.org/draft-07/schema#"));
    top.insert(
        "title".into(),
        json!(pb.fill(
            "schema.title",
            "{playbook}: account file",
            &[("playbook", &pb.doc.name)]
        )),
    );
    top.insert(
        "description".into(),
        json!(pb.text(
            "schema.description",
            "Made by `kam schema` from the playbook (kam.yaml); run it again after changing the playbook.",
        )),
    );
    let Some(Json::Object(props)) = top.get_mut("properties") else {
        return Json::Object(top);
    };
    // `stage` is text in the playbook; its values are the stages and outcomes.
    if let Some(Json::Object(stage)) = props.get_mut("stage") {
        let ids: Vec<&str> = pb
            .stages()
            .iter()
            .map(|s| s.id.as_str())
            .chain(pb.doc.outcomes.iter().map(|o| o.id.as_str()))
            .collect();
        stage.insert("enum".into(), json!(ids));
    }
    for g in &pb.doc.archive {
        props.insert(g.id.clone(), Json::Object(object(pb, &g.label, &g.help, &g.fields)));
    }
    for name in TOP_RECORDS.into_iter().chain(AFTER_DEAL_RECORDS) {
        if let Some(rt) = pb.record_type(name) {
            let mut list = text_of(&rt.label, &rt.help);
            list.insert("type".into(), json!("array"));
            list.insert("items".into(), record_ref(name));
            props.insert(name.to_string(), Json::Object(list));
        }
    }
    if let Some(retro) = retrospective(pb) {
        props.insert("retrospective".into(), retro);
    }
    props.insert("ratings".into(), ratings(pb));
    props.insert("checklist".into(), checklist(pb));
    props.insert("history".into(), history(pb));
    let mut defs: Map<String, Json> = pb
        .doc
        .records
        .iter()
        .map(|(name, rt)| (name.clone(), Json::Object(object(pb, &rt.label, &rt.help, &rt.fields))))
        .collect();
    defs.insert(
        "rating".into(),
        json!({
            "type": "integer",
            "minimum": 1,
            "maximum": 5,
            "description": pb.text("check.rated_help", "1 = lowest … 5 = highest")
        }),
    );
    defs.insert(
        "money".into(),
        json!({
            "anyOf": [
                { "type": "number" },
                {
                    "type": "object",
                    "properties": { "amount": { "type": "number" }, "currency": { "type": "string" } },
                    "required": ["amount"],
                    "additionalProperties": false
                }
            ],
            "description": pb.fill(
                "schema.money",
                "An amount in {currency}, or { amount = …, currency = \"…\" }",
                &[("currency", &pb.doc.policy.currency)],
            )
        }),
    );
    top.insert("definitions".into(), Json::Object(defs));
    Json::Object(top)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::default_playbook;

    #[test]
    fn enums_ratings_and_required_fields_come_from_the_playbook() {
        let pb = default_playbook().unwrap();
        let s = account_schema(&pb);
        assert_eq!(s["$schema"], "http://json-schema.org/draft-07/schema#");
        assert_eq!(s["required"], json!(["id", "name", "owner", "stage"]));
        assert_eq!(s["properties"]["stage"]["enum"][0], "qualify");
        assert_eq!(
            s["properties"]["company"]["properties"]["ownership"]["enum"][2],
            "private"
        );
        assert_eq!(
            s["properties"]["company"]["properties"]["ownership"]["title"],
            "Ownership"
        );
        assert_eq!(s["definitions"]["contacts"]["required"], json!(["id", "name"]));
        assert_eq!(s["definitions"]["rating"]["maximum"], 5);
        assert!(s["properties"]["checklist"]["properties"]["go"].is_object());
        assert!(
            s["properties"]["checklist"]["properties"]["need"].is_null(),
            "auto items take no evidence"
        );
        let steps = &s["properties"]["procurement"]["properties"]["steps"];
        assert_eq!(
            steps["properties"]["need"]["allOf"][0]["$ref"],
            "#/definitions/procurement_step"
        );
        let birthday = &s["definitions"]["contacts"]["properties"]["birthday"];
        assert!(birthday["description"].as_str().unwrap().contains("Personal data"));
    }
}
