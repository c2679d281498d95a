//! Validates a parsed account file against the playbook's templates: every key known, every value
//! of the right kind, required fields present for the account's stage, contact references
//! resolved, ratings and checklist evidence well-formed. All problems are collected.

mod retrospective;
mod sections;

use std::collections::HashMap;
use std::ops::Range;

use crate::domain::account::Account;
use crate::domain::account::field::{FieldFindings, check_field};
use crate::domain::account::naming::{Name, found, is_record, record_name};
use crate::domain::account::value::{Node, Spanned, Table, as_array, as_table, is_filled};
use crate::domain::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::domain::playbook::check::RESERVED;
use crate::domain::playbook::{AFTER_DEAL_RECORDS, Field, Playbook, RecordType, StageAt, TOP_RECORDS};

/// The keys of a `[[history]]` record, all written by `kam advance`.
const HISTORY_KEYS: [&str; 6] = ["from", "to", "date", "by", "note", "reason"];

struct Walker<'p, 't, 'a> {
    pb: &'p Playbook,
    /// Where the account stands, for required fields.
    at: StageAt,
    /// Where to point at fields missing from the whole file.
    stage_span: Range<usize>,
    /// Diagnostics, contact references and nested records found so far.
    found: FieldFindings<'t, 'a>,
    /// The array of tables (`visits`) whose record is being validated, if any.
    list: Option<String>,
    /// How a field of a record reads in messages, looked up once: every key of every table
    /// asks for it.
    form: &'p str,
}

/// Validates the file's structure and values. `account` is the typed view of the same tree.
pub fn validate(pb: &Playbook, root: &Spanned<Table<'_>>, account: &Account<'_>) -> Vec<Diagnostic> {
    validate_at(pb, root, account, None)
}

/// [`validate`], with required fields judged at `at` instead of the account's `stage` (for an
/// account whose stage was moved by hand: see `check::backed_stage`).
pub fn validate_at(
    pb: &Playbook,
    root: &Spanned<Table<'_>>,
    account: &Account<'_>,
    at: Option<StageAt>,
) -> Vec<Diagnostic> {
    let table = root.get_ref();
    let mut w = Walker {
        pb,
        at: at.unwrap_or_else(|| pb.stage_at(account.stage.map(|s| s.text))),
        stage_span: account.stage.map_or(0..0, |s| s.span()),
        found: FieldFindings::default(),
        list: None,
        form: record_form(pb),
    };
    w.top_level(table);
    w.required_top(table);
    w.contacts(account);
    w.found.diagnostics
}

/// Only the `[ratings]` checks of [`validate`]: what `kam score` needs to know an account's
/// ratings can be trusted, without validating (and paying for) the rest of the file.
pub fn validate_ratings(pb: &Playbook, root: &Spanned<Table<'_>>) -> Vec<Diagnostic> {
    let mut w = Walker {
        pb,
        at: StageAt::Elsewhere,
        stage_span: 0..0,
        found: FieldFindings::default(),
        list: None,
        form: record_form(pb),
    };
    if let Some(node) = root.get_ref().get("ratings") {
        w.ratings(node);
    }
    w.found.diagnostics
}

/// How a field of a record reads in messages (see [`Name::form`]).
fn record_form(pb: &Playbook) -> &str {
    pb.text("check.record_field", "{key} of {record}")
}

impl<'p, 't, 'a> Walker<'p, 't, 'a> {
    /// How a field of a record reads in messages (see [`Name::form`]).
    fn record_form(&self) -> &'p str {
        self.form
    }

    fn top_level(&mut self, table: &'t Table<'a>) {
        let pb = self.pb;
        for (key, node) in table {
            let k = key.get_ref().as_ref();
            if let Some(field) = pb.doc.account.field(k) {
                self.field(
                    field,
                    node,
                    Name {
                        context: "",
                        key: k,
                        form: "",
                    },
                );
            } else if let Some(group) = pb.group(k) {
                match as_table(node.get_ref()) {
                    Some(t) => self.table(&group.fields, t, node.span(), k),
                    None => self.found.diagnostics.push(
                        Diagnostic::error(
                            Code::WrongType,
                            node.span(),
                            format!("`{k}` is a group of fields, found {}", found(node.get_ref(), false)),
                        )
                        .with_help(format!("write it as a table: [{k}]")),
                    ),
                }
            } else if let Some(rt) = TOP_RECORDS.contains(&k).then(|| pb.record_type(k)).flatten() {
                self.record_list(rt, node, k);
            } else if let Some(rt) = AFTER_DEAL_RECORDS.contains(&k).then(|| pb.record_type(k)).flatten() {
                self.record_list(rt, node, k);
            } else if let Some(retro) = pb.doc.retrospective.as_ref().filter(|_| k == "retrospective") {
                self.retrospective(retro, node);
            } else if k == "ratings" {
                self.ratings(node);
            } else if k == "checklist" {
                self.checklist(node);
            } else if k == "history" {
                self.history(node);
            } else {
                let candidates = pb
                    .doc
                    .account
                    .fields
                    .iter()
                    .map(|f| f.id.as_str())
                    .chain(pb.doc.archive.iter().map(|g| g.id.as_str()))
                    // Record lists the playbook does not define are not suggested.
                    .chain(
                        RESERVED
                            .into_iter()
                            .filter(|r| !TOP_RECORDS.contains(r) || pb.record_type(r).is_some()),
                    );
                self.unknown_key(key.span(), k, "", candidates);
            }
        }
    }

    fn unknown_key<'c>(
        &mut self,
        span: Range<usize>,
        key: &str,
        context: &str,
        candidates: impl IntoIterator<Item = &'c str> + Clone,
    ) {
        let pb = self.pb;
        let where_ = if context.is_empty() {
            pb.text("check.an_account_file", "an account file").to_string()
        } else if is_record(context) {
            context.to_string()
        } else {
            format!("`{context}`")
        };
        let message = pb.fill(
            "check.unknown_key",
            "unknown key `{key}` in {where}",
            &[("key", &key), ("where", &where_)],
        );
        let mut d = Diagnostic::error(Code::UnknownKey, span, message);
        if !self.found.detailed() {
            self.found.diagnostics.push(d);
            return;
        }
        if let Some(close) = did_you_mean(key, candidates.clone()) {
            d = d.with_help(pb.did_you_mean(close));
        } else {
            let all: Vec<&str> = candidates.into_iter().collect();
            d = d.with_help(pb.fill("check.known_keys", "known keys: {keys}", &[("keys", &all.join(", "))]));
        }
        self.found.diagnostics.push(d);
    }

    fn field(&mut self, field: &Field, node: &'t Node<'a>, what: Name<'_>) {
        let pb = self.pb;
        let start = self.found.nested.len();
        check_field(pb, field, node, what, &mut self.found);
        if self.found.nested.len() == start {
            return;
        }
        let nested: Vec<_> = self.found.nested.drain(start..).collect();
        for (record, item) in nested {
            if let (Some(rt), Some(t)) = (pb.record_type(&record), as_table(item.get_ref())) {
                self.table(&rt.fields, t, item.span(), &what.path());
            }
        }
    }

    /// Validates a table against a list of fields, including what is required.
    fn table(&mut self, fields: &[Field], table: &'t Table<'a>, span: Range<usize>, context: &str) {
        for (key, node) in table {
            let k = key.get_ref().as_ref();
            match fields.iter().find(|f| f.id == k) {
                Some(field) => self.field(
                    field,
                    node,
                    Name {
                        context,
                        key: k,
                        form: self.record_form(),
                    },
                ),
                None => self.unknown_key(key.span(), k, context, fields.iter().map(|f| f.id.as_str())),
            }
        }
        for field in fields {
            if Playbook::field_required(field, self.at)
                && !table.get(field.id.as_str()).is_some_and(|n| is_filled(n.get_ref()))
            {
                self.missing(field, span.clone(), context);
            }
        }
    }

    /// A required field missing from the table `context` (a group, or a record such as
    /// `visits #2`).
    fn missing(&mut self, field: &Field, span: Range<usize>, context: &str) {
        let pb = self.pb;
        let when = match &field.required {
            crate::domain::playbook::Required::FromStage(s) => pb.fill(
                "check.required_from",
                "required from stage `{stage}` ({label}) on",
                &[("stage", s), ("label", &pb.stage_label(s))],
            ),
            _ => pb.text("check.required", "required").to_string(),
        };
        let name = Name {
            context,
            key: &field.id,
            form: self.record_form(),
        };
        let (what, under) = if is_record(context) {
            let list = self.list.as_deref().unwrap_or(context);
            (
                name.to_string(),
                pb.fill("check.to_record", " to this [[{list}]] record", &[("list", &list)]),
            )
        } else {
            (
                name.to_string(),
                pb.fill("check.under_group", " under [{group}]", &[("group", &context)]),
            )
        };
        let mut help = pb.fill(
            "check.missing_help",
            "add `{key} = {example}`{under}",
            &[("key", &field.id), ("example", &example(pb, field)), ("under", &under)],
        );
        if !field.help.is_empty() {
            help = format!("{help} — {}", field.help);
        }
        self.found.diagnostics.push(
            Diagnostic::error(
                Code::Missing,
                span,
                pb.fill(
                    "check.missing",
                    "{what} ({label}) is missing; it is {when}",
                    &[("what", &what), ("label", &field.label), ("when", &when)],
                ),
            )
            .with_help(help),
        );
    }

    fn record_list(&mut self, rt: &RecordType, node: &'t Node<'a>, name: &str) {
        let Some(items) = as_array(node.get_ref()) else {
            self.found.diagnostics.push(
                Diagnostic::error(
                    Code::WrongType,
                    node.span(),
                    format!("`{name}` is a list of records, found {}", found(node.get_ref(), false)),
                )
                .with_help(format!("write each one as [[{name}]] followed by its fields")),
            );
            return;
        };
        for (i, item) in items.iter().enumerate() {
            match as_table(item.get_ref()) {
                Some(t) => {
                    let id = t
                        .get("id")
                        .and_then(|n| crate::domain::account::value::as_str(n.get_ref()));
                    let outer = self.list.replace(name.to_string());
                    self.table(&rt.fields, t, item.span(), &record_name(self.pb, name, i, id));
                    self.list = outer;
                }
                None => self.found.diagnostics.push(
                    Diagnostic::error(
                        Code::WrongType,
                        item.span(),
                        format!(
                            "{name} #{} is not a record, found {}",
                            i + 1,
                            found(item.get_ref(), false)
                        ),
                    )
                    .with_help(format!("write each one as [[{name}]] followed by its fields")),
                ),
            }
        }
    }

    /// Fields required of the whole file: account fields, and groups that are absent altogether.
    fn required_top(&mut self, table: &'t Table<'a>) {
        let pb = self.pb;
        for field in &pb.doc.account.fields {
            if Playbook::field_required(field, self.at)
                && !table.get(field.id.as_str()).is_some_and(|n| is_filled(n.get_ref()))
            {
                let d = Diagnostic::error(
                    Code::Missing,
                    0..0,
                    pb.fill(
                        "check.missing_top",
                        "`{key}` ({label}) is missing",
                        &[("key", &field.id), ("label", &field.label)],
                    ),
                )
                .with_help(pb.fill(
                    "check.missing_top_help",
                    "add `{key} = \"…\"` at the top of the file: {help}",
                    &[("key", &field.id), ("help", &field.help)],
                ));
                self.found.diagnostics.push(d);
            }
        }
        for group in &pb.doc.archive {
            if table.contains_key(group.id.as_str()) {
                continue;
            }
            for field in &group.fields {
                if Playbook::field_required(field, self.at) {
                    let span = self.stage_span.clone();
                    self.missing(field, span, &group.id);
                }
            }
        }
    }

    fn contacts(&mut self, account: &Account<'_>) {
        let mut seen: HashMap<&str, Range<usize>> = HashMap::new();
        for c in &account.contacts {
            let Some(id) = c.str("id") else { continue };
            if seen.insert(id, c.span_of("id")).is_some() {
                self.found.diagnostics.push(
                    Diagnostic::error(
                        Code::DuplicateEntry,
                        c.span_of("id"),
                        self.pb
                            .fill("check.contact_twice", "two contacts have the id `{id}`", &[("id", &id)]),
                    )
                    .with_help(self.pb.text(
                        "check.contact_twice_help",
                        "contact ids are unique within an account; visits and plans refer to them",
                    )),
                );
            }
        }
        for r in std::mem::take(&mut self.found.contact_refs) {
            if !seen.contains_key(r.id) {
                let pb = self.pb;
                let mut d = Diagnostic::error(
                    Code::UnknownContact,
                    r.span,
                    pb.fill("check.unknown_contact", "no contact with id `{id}`", &[("id", &r.id)]),
                );
                if !self.found.detailed() {
                    self.found.diagnostics.push(d);
                    continue;
                }
                d = match did_you_mean(r.id, seen.keys().copied()) {
                    Some(close) => d.with_help(pb.did_you_mean(close)),
                    None if seen.is_empty() => d.with_help(pb.text(
                        "check.unknown_contact_add",
                        "add the person under [[contacts]] with this id",
                    )),
                    None => {
                        let mut ids: Vec<&str> = seen.keys().copied().collect();
                        ids.sort_unstable();
                        d.with_help(pb.fill("check.contacts_are", "contacts: {ids}", &[("ids", &ids.join(", "))]))
                    }
                };
                self.found.diagnostics.push(d);
            }
        }
    }
}

/// A sample value of a field's kind, as written in TOML.
fn example(pb: &Playbook, field: &Field) -> String {
    use crate::domain::playbook::Kind;
    let first_value = || {
        field.values.as_deref().and_then(|n| pb.enum_values(n)).map(|v| {
            let ids: Vec<&str> = v.iter().map(|x| x.id.as_str()).collect();
            ids.join("|")
        })
    };
    match field.kind {
        Kind::Enum => format!("\"{}\"", first_value().unwrap_or_default()),
        Kind::EnumList => format!("[\"{}\"]", first_value().unwrap_or_default()),
        Kind::TextList | Kind::Contacts => "[\"…\"]".into(),
        Kind::Date => "2026-03-14".into(),
        Kind::Integer | Kind::Number | Kind::Money | Kind::Percent => "0".into(),
        Kind::Rating => "3".into(),
        Kind::Bool => "true".into(),
        Kind::Keyed | Kind::Records => "{ … }".into(),
        _ => "\"…\"".into(),
    }
}

pub fn unknown_stage(pb: &Playbook, stage: &str, span: Range<usize>) -> Diagnostic {
    let ids = pb
        .stages()
        .iter()
        .map(|s| s.id.as_str())
        .chain(pb.doc.outcomes.iter().map(|o| o.id.as_str()));
    let mut d = Diagnostic::error(
        Code::UnknownStage,
        span,
        pb.fill("check.unknown_stage", "unknown stage `{stage}`", &[("stage", &stage)]),
    );
    d = match did_you_mean(stage, ids.clone()) {
        Some(close) => d.with_help(pb.did_you_mean(close)),
        None => d.with_help(pb.fill(
            "check.stages_are",
            "stages: {ids}",
            &[("ids", &ids.collect::<Vec<_>>().join(", "))],
        )),
    };
    d
}
