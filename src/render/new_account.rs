//! The text of a new account file: the required fields filled in, and commented placeholders for
//! what the first stages ask for, so the file passes `kam check` untouched and shows what to
//! gather next.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::domain::gate::rule::Rule;
use crate::domain::playbook::{Field, Kind, Playbook, Required};

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
        let _ = write!(c, " — required from stage {s}");
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

fn line(out: &mut String, key: &str, value: &str, note: &str) {
    let assignment = format!("# {key} = {value}");
    let _ = writeln!(out, "{assignment:<34} # {note}");
}

/// The new account file.
pub fn new_account(pb: &Playbook, id: &str, name: &str, owner: &str, today: NaiveDate) -> String {
    let mut out = String::new();
    let first = pb.stages().first().map_or("", |s| s.id.as_str());
    let path: Vec<&str> = pb.stages().iter().map(|s| s.id.as_str()).collect();
    let _ = writeln!(
        out,
        "# {name} — key-account file. `kam check` checks it; `kam gate {id}` says what the stage needs."
    );
    let _ = writeln!(out, "id = {}", toml_str(id));
    let _ = writeln!(out, "name = {}", toml_str(name));
    let _ = writeln!(out, "owner = {}", toml_str(owner));
    let _ = writeln!(
        out,
        "stage = {}  # {} — move it with `kam advance`",
        toml_str(first),
        path.join(" → ")
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
        let _ = writeln!(out, "\n[{}]  # {}", group.id, group.label);
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
        let _ = writeln!(out, "\n# [[{list}]]  # {}", rt.label);
        for key in keys {
            if let Some(f) = rt.field(key) {
                line(&mut out, key, &placeholder(pb, f, today), &comment(pb, f));
            }
        }
    }
    out
}
