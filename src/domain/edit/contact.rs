//! `kam contact ID add NAME --role … --title …` as a plan: a new `[[contacts]]` record whose id is
//! made from the name the way account ids are (徐青 → xu-qing), unique in the account, or given
//! with `--id`.

use crate::domain::account::slug::{is_slug, slugify};
use crate::domain::account::value::{Spanned, Table, as_str};
use crate::domain::edit::coerce::enum_id;
use crate::domain::edit::{Change, Lit, Op, Plan, Refused, entries};
use crate::domain::playbook::Playbook;

/// A new contact.
#[derive(Debug, Clone, Default)]
pub struct NewContact {
    pub name: String,
    pub id: Option<String>,
    pub title: Option<String>,
    pub department: Option<String>,
    pub roles: Vec<String>,
    pub stance: Option<String>,
    pub closeness: Option<i64>,
}

/// The plan of `kam contact ID add`.
pub fn plan_add(pb: &Playbook, root: &Spanned<Table<'_>>, c: &NewContact) -> Result<Plan, Refused> {
    let name = c.name.trim();
    if name.is_empty() {
        return Err(Refused::new(
            pb.text("edit.contact_name_empty", "the contact's name is empty"),
        ));
    }
    let taken: Vec<String> = entries(root, "contacts")
        .iter()
        .filter_map(|(_, t)| t.get("id").and_then(|n| as_str(n.get_ref())).map(str::to_string))
        .collect();
    let id = if let Some(id) = c.id.as_deref().map(str::trim) {
        if !is_slug(id) {
            return Err(
                Refused::new(pb.fill("edit.not_contact_id", "`{id}` is not a contact id", &[("id", &id)])).help(
                    pb.fill(
                        "edit.not_contact_id_help",
                        "ids are lowercase ASCII slugs, e.g. `{example}`",
                        &[("example", &slugify(id))],
                    ),
                ),
            );
        }
        if taken.iter().any(|t| t == id) {
            return Err(Refused::new(pb.fill(
                "edit.contact_taken",
                "the account has a contact `{id}` already",
                &[("id", &id)],
            ))
            .help(pb.text("edit.contact_taken_help", "choose another --id")));
        }
        id.to_string()
    } else {
        let base = crate::domain::account::slug::person_id(name, 24);
        if base.is_empty() {
            return Err(
                Refused::new(pb.fill("edit.no_usable_id", "`{name}` gives no usable id", &[("name", &name)]))
                    .help(pb.text("edit.no_usable_id_help", "pass one with --id")),
            );
        }
        crate::domain::account::slug::unique(&base, |candidate| taken.iter().any(|t| t == candidate))
    };
    let roles: Vec<String> = c
        .roles
        .iter()
        .flat_map(|r| crate::domain::edit::coerce::items(r))
        .map(|r| enum_id(pb.enum_values("role").unwrap_or_default(), &r))
        .collect::<Result<_, _>>()?;
    let stance = match &c.stance {
        Some(s) => Some(enum_id(pb.enum_values("stance").unwrap_or_default(), s)?),
        None => None,
    };
    let given: Vec<(&str, Option<Lit>)> = vec![
        ("id", Some(Lit::Str(id.clone()))),
        ("name", Some(Lit::Str(name.into()))),
        ("title", c.title.clone().filter(|s| !s.trim().is_empty()).map(Lit::Str)),
        (
            "department",
            c.department.clone().filter(|s| !s.trim().is_empty()).map(Lit::Str),
        ),
        (
            "roles",
            (!roles.is_empty()).then(|| Lit::Array(roles.iter().cloned().map(Lit::Str).collect())),
        ),
        ("stance", stance.map(Lit::Str)),
        ("closeness", c.closeness.map(Lit::Int)),
    ];
    let order: Vec<&str> = pb
        .record_type("contacts")
        .map(|rt| rt.fields.iter().map(|f| f.id.as_str()).collect())
        .unwrap_or_default();
    let mut record: Vec<(String, Lit)> = given
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k.to_string(), v)))
        .collect();
    record.sort_by_key(|(k, _)| order.iter().position(|o| o == k).unwrap_or(usize::MAX));
    let mut summary = pb.fill("report.aside", "{main} ({aside})", &[("main", &name), ("aside", &id)]);
    if !roles.is_empty() {
        let labels: Vec<&str> = roles.iter().map(|r| pb.enum_label("role", r)).collect();
        summary.push_str(pb.text("report.item_separator", "; "));
        summary.push_str(&labels.join(pb.text("report.list_separator", ", ")));
    }
    Ok(Plan {
        ops: vec![Op::Append {
            array: "contacts".into(),
            record,
        }],
        changes: vec![Change::new(
            pb.text("edit.new_contact", "new contact (contacts)"),
            None,
            Some(summary),
        )],
        notes: Vec::new(),
    })
}
