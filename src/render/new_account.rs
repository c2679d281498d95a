//! The text of a new account file: the required fields filled in, and commented placeholders for
//! what the first stages ask for, so the file passes `kam check` untouched and shows what to
//! gather next.
//!
//! Nothing a user or a playbook writes can add a key: values are TOML strings with escapes, and
//! every comment is one line with its control characters made visible. [`verify`] parses the
//! text before it is written and checks it holds exactly what was meant.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::domain::gate::rule::Rule;
use crate::domain::playbook::{Field, Kind, Playbook, Required};

/// A TOML key: bare when it can be, else quoted.
fn toml_key(k: &str) -> String {
    if !k.is_empty() && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
        k.to_string()
    } else {
        toml_str(k)
    }
}

/// A TOML string literal, escaped as needed.
pub fn toml_str(s: &str) -> String {
    toml_edit::Value::from(s).to_string().trim().to_string()
}

fn placeholder(pb: &Playbook, field: &Field, today: NaiveDate) -> String {
    match field.kind {
        Kind::Integer | Kind::Number | Kind::Money | Kind::Percent => "0".into(),
        Kind::Rating => "3".into(),
        Kind::Date => today.to_string(),
        Kind::Bool => "false".into(),
        Kind::Enum => {
            let first = field
                .values
                .as_deref()
                .and_then(|n| pb.enum_values(n))
                .and_then(|v| v.first());
            toml_str(field.default.as_deref().or(first.map(|v| v.id.as_str())).unwrap_or(""))
        }
        Kind::EnumList | Kind::TextList | Kind::Contacts => "[]".into(),
        Kind::Keyed | Kind::Records => "{}".into(),
        _ => "\"\"".into(),
    }
}

fn comment(pb: &Playbook, field: &Field) -> String {
    let mut c = field.label.clone();
    if !field.help.is_empty() {
        let _ = write!(c, ": {}", field.help);
    }
    if let Some(values) = field.values.as_deref().and_then(|n| pb.enum_values(n)) {
        let ids: Vec<&str> = values.iter().map(|v| v.id.as_str()).collect();
        let _ = write!(c, " [{}]", ids.join(", "));
    }
    if let Required::FromStage(s) = &field.required {
        let _ = write!(
            c,
            " — {}",
            pb.fill("new.required_from", "required from stage {stage}", &[("stage", s)])
        );
    }
    c
}

/// Archive paths the first stage's exit rules ask to be filled.
fn first_stage_paths(pb: &Playbook) -> Vec<String> {
    fn walk(rule: &Rule, out: &mut Vec<String>) {
        match rule {
            Rule::Filled(paths) => out.extend(paths.iter().cloned()),
            Rule::All(rules) | Rule::Any(rules) => rules.iter().for_each(|r| walk(r, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for item in pb.stages().first().map(|s| s.exit.as_slice()).unwrap_or_default() {
        if let Some(rule) = &item.auto {
            walk(rule, &mut out);
        }
    }
    out
}

/// Comment text on one line: control characters (line breaks above all) made visible.
fn note(s: &str) -> std::borrow::Cow<'_, str> {
    crate::render::visible::line(s)
}

fn line(out: &mut String, key: &str, value: &str, comment: &str) {
    let assignment = format!("# {} = {value}", note(key));
    let _ = writeln!(out, "{assignment:<34} # {}", note(comment));
}

/// The new account file.
pub fn new_account(pb: &Playbook, id: &str, name: &str, owner: &str, today: NaiveDate) -> String {
    let mut out = String::new();
    let first = pb.stages().first().map_or("", |s| s.id.as_str());
    let path: Vec<&str> = pb.stages().iter().map(|s| s.id.as_str()).collect();
    let _ = writeln!(
        out,
        "# {} — {}",
        note(name),
        note(&pb.fill(
            "new.file_comment",
            "key-account file. `kam check` checks it; `kam gate {id}` says what the stage needs.",
            &[("id", &id)],
        ))
    );
    let _ = writeln!(out, "id = {}", toml_str(id));
    let _ = writeln!(out, "name = {}", toml_str(name));
    let _ = writeln!(out, "owner = {}", toml_str(owner));
    let _ = writeln!(
        out,
        "stage = {}  # {} — {}",
        toml_str(first),
        note(&path.join(" → ")),
        note(pb.text("new.stage_comment", "move it with `kam advance`"))
    );
    let _ = writeln!(out, "created = {today}");
    let wanted = first_stage_paths(pb);
    for group in &pb.doc.archive {
        let fields: Vec<&Field> = group
            .fields
            .iter()
            .filter(|f| f.required != Required::Never || wanted.contains(&format!("{}.{}", group.id, f.id)))
            .collect();
        if fields.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n[{}]  # {}", toml_key(&group.id), note(&group.label));
        for f in fields {
            line(&mut out, &f.id, &placeholder(pb, f, today), &comment(pb, f));
        }
    }
    for (list, keys) in [
        ("contacts", &["id", "name", "title", "roles"][..]),
        (
            "visits",
            &["date", "form", "points", "client_view", "next_step", "next_date"][..],
        ),
    ] {
        let Some(rt) = pb.record_type(list) else { continue };
        let _ = writeln!(out, "\n# [[{list}]]  # {}", note(&rt.label));
        for key in keys {
            if let Some(f) = rt.field(key) {
                line(&mut out, key, &placeholder(pb, f, today), &comment(pb, f));
            }
        }
    }
    out
}

/// Checks the text of a new account before it is written: valid TOML whose top level holds
/// exactly `id`, `name`, `owner`, `stage` and `created` with the intended values, and the
/// archive's groups, empty (their fields are commented placeholders). Anything else means a
/// name or a playbook label got into the file as data.
pub fn verify(pb: &Playbook, text: &str, id: &str, name: &str, owner: &str) -> Result<(), String> {
    use crate::domain::account::value::{Value, as_str};
    let root = crate::domain::account::parse::parse(text).map_err(|_| {
        pb.text("new.would_be_invalid", "it would not be valid TOML")
            .to_string()
    })?;
    let first = pb.stages().first().map_or("", |s| s.id.as_str());
    for (key, node) in root.get_ref() {
        let key = key.get_ref().as_ref();
        let expected = match key {
            "id" => Some(id),
            "name" => Some(name),
            "owner" => Some(owner),
            "stage" => Some(first),
            "created" => None,
            group if pb.group(group).is_some() => {
                if matches!(node.get_ref(), Value::Table(t) if t.is_empty()) {
                    continue;
                }
                return Err(pb.fill(
                    "new.group_would_hold",
                    "the group `{group}` would hold values",
                    &[("group", &group)],
                ));
            }
            other => {
                return Err(pb.fill(
                    "new.would_hold_key",
                    "it would hold a key `{key}`",
                    &[("key", &note(other))],
                ));
            }
        };
        if let Some(expected) = expected
            && as_str(node.get_ref()) != Some(expected)
        {
            return Err(pb.fill(
                "new.would_differ",
                "`{key}` would not be what was given",
                &[("key", &key)],
            ));
        }
    }
    for key in ["id", "name", "owner", "stage", "created"] {
        if !root.get_ref().contains_key(key) {
            return Err(pb.fill("new.would_lack", "it would lack `{key}`", &[("key", &key)]));
        }
    }
    Ok(())
}
