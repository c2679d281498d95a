//! Validation of one value against one field of the playbook: its type, its allowed values, its
//! format ([`crate::domain::account::format`]). Nested values (`records`, `keyed`) are handed
//! back to the caller to walk.

use crate::domain::account::format::{bad_currency, is_currency, is_email, is_phone, is_url};
use crate::domain::account::naming::{Name, found};
use crate::domain::account::value::{Node, Value, as_array, as_date, as_int, as_number, as_str, as_table};
use crate::domain::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::domain::playbook::{EnumValue, Field, Kind, Playbook};

/// A contact id referenced by a field, checked once all contacts are known.
#[derive(Debug, Clone)]
pub struct ContactRef<'a> {
    pub id: &'a str,
    pub span: std::ops::Range<usize>,
}

/// How many diagnostics of one file get the costly parts of their help (suggestions, lists of
/// what is allowed). A hostile file can hold a million problems; kam shows the first hundred, so
/// past this many it spends no more than the message on each.
pub const DETAILED: usize = 500;

/// What validating one field found.
#[derive(Default)]
pub struct FieldFindings<'t, 'a> {
    pub diagnostics: Vec<Diagnostic>,
    pub contact_refs: Vec<ContactRef<'t>>,
    /// Nested record tables to validate against a record type: (record type, table node).
    pub nested: Vec<(String, &'t Node<'a>)>,
}

impl FieldFindings<'_, '_> {
    /// Whether the next diagnostic still gets a full help (see [`DETAILED`]).
    pub fn detailed(&self) -> bool {
        self.diagnostics.len() < DETAILED
    }
}

fn wrong_type(pb: &Playbook, node: &Node<'_>, what: Name<'_>, field: &Field) -> Diagnostic {
    let found = found(node.get_ref(), field.sensitive);
    let mut d = Diagnostic::error(
        Code::WrongType,
        node.span(),
        pb.fill(
            "check.wrong_type",
            "{what} expects {kind}, found {found}",
            &[("what", &what), ("kind", &pb.kind_words(field.kind)), ("found", &found)],
        ),
    );
    let help = match (field.kind, node.get_ref()) {
        (Kind::Date, Value::String(s)) if as_iso_date(s).is_some() => Some(pb.fill(
            "check.date_unquote",
            "write dates without quotes: {key} = {date}",
            &[("key", &what.key), ("date", &s.trim())],
        )),
        (Kind::Date, Value::String(s)) => crate::domain::account::parse::date_hint(s).map(|iso| {
            pb.fill(
                "check.date_as",
                "write dates as {date}, without quotes",
                &[("date", &iso)],
            )
        }),
        (Kind::Integer, Value::Float(_)) => Some(
            pb.text("check.whole_number", "write a whole number, without a decimal point")
                .to_string(),
        ),
        (Kind::Phone | Kind::Text, Value::Integer(_) | Value::Float(_)) => {
            let shown = match node.get_ref() {
                Value::Integer(i) => i.as_str().to_string(),
                Value::Float(f) => f.as_str().to_string(),
                _ => "…".to_string(),
            };
            let key = what.key;
            Some(pb.fill(
                "check.quote_it",
                "put it in quotes: {key} = \"{value}\"",
                &[("key", &key), ("value", &shown)],
            ))
        }
        (Kind::TextList | Kind::EnumList | Kind::Contacts, Value::String(s)) => Some(pb.fill(
            "check.write_list",
            "write a list: {key} = [\"{value}\"]",
            &[("key", &what.key), ("value", s)],
        )),
        (Kind::Integer | Kind::Number | Kind::Money | Kind::Percent | Kind::Rating, Value::String(_)) => Some(
            pb.text("check.number_unquote", "write the number without quotes")
                .to_string(),
        ),
        _ => None,
    };
    if let Some(help) = help {
        d = d.with_help(help);
    }
    d
}

fn as_iso_date(s: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// Checks that `text` is one of `values` (an enumeration), or explains what is allowed (with
/// `detailed`, see [`DETAILED`]).
pub fn check_enum_value(
    pb: &Playbook,
    values: Option<&[EnumValue]>,
    text: &str,
    span: std::ops::Range<usize>,
    what: impl std::fmt::Display,
    detailed: bool,
) -> Option<Diagnostic> {
    let values = values?;
    if values.iter().any(|v| v.id == text) {
        return None;
    }
    let message = pb.fill(
        "check.not_allowed",
        "`{value}` is not an allowed value of {what}",
        &[("value", &text), ("what", &what)],
    );
    if !detailed {
        return Some(Diagnostic::error(Code::NotAllowed, span, message));
    }
    let ids: Vec<&str> = values.iter().map(|v| v.id.as_str()).collect();
    let mut help = pb.fill("check.allowed", "allowed: {ids}", &[("ids", &ids.join(", "))]);
    if let Some(close) = did_you_mean(text, values.iter().map(|v| v.id.as_str())) {
        help = format!("{} {help}", pb.did_you_mean(close));
    } else if let Some(v) = values.iter().find(|v| v.label.eq_ignore_ascii_case(text)) {
        help = pb.fill(
            "check.id_not_label",
            "write the id `{id}`, not the label; {allowed}",
            &[("id", &v.id), ("allowed", &help)],
        );
    }
    Some(Diagnostic::error(Code::NotAllowed, span, message).with_help(help))
}

/// Validates one field value into `out` (a sink reused across fields, so checking allocates only
/// for what it finds). `what` names the key in messages (e.g. `company.industry`).
pub fn check_field<'t, 'a>(
    pb: &Playbook,
    field: &Field,
    node: &'t Node<'a>,
    what: Name<'_>,
    out: &mut FieldFindings<'t, 'a>,
) {
    let value = node.get_ref();
    let span = node.span();
    // A macro, not a closure: the list checks below also ask `out` how much detail is left.
    macro_rules! err {
        ($d:expr $(,)?) => {
            out.diagnostics.push($d)
        };
    }
    match field.kind {
        Kind::Text => {
            if as_str(value).is_none() {
                err!(wrong_type(pb, node, what, field));
            }
        }
        Kind::Integer => {
            if as_int(value).is_none() {
                err!(wrong_type(pb, node, what, field));
            }
        }
        Kind::Number => {
            if as_number(value).is_none_or(|n| !n.is_finite()) {
                err!(wrong_type(pb, node, what, field));
            }
        }
        Kind::Percent => match as_number(value) {
            None => err!(wrong_type(pb, node, what, field)),
            Some(n) if !(0.0..=100.0).contains(&n) => err!(
                Diagnostic::error(
                    Code::Malformed,
                    span,
                    pb.fill(
                        "check.percent_range",
                        "{what} is a percentage; {n} is outside 0–100",
                        &[("what", &what), ("n", &n)],
                    ),
                )
                .with_help(pb.text("check.percent_range_help", "write 35 for 35 %"))
            ),
            Some(_) => {}
        },
        Kind::Money => check_money(pb, node, what, field, &mut |d| out.diagnostics.push(d)),
        Kind::Date => {
            if as_date(value).is_none() {
                err!(wrong_type(pb, node, what, field));
            }
        }
        Kind::Bool => {
            if !matches!(value, Value::Boolean(_)) {
                err!(wrong_type(pb, node, what, field));
            }
        }
        Kind::Email | Kind::Url | Kind::Phone => match as_str(value) {
            None => err!(wrong_type(pb, node, what, field)),
            Some(s) => {
                let (ok, example) = match field.kind {
                    Kind::Email => (is_email(s), "name@example.com"),
                    Kind::Url => (is_url(s), "https://www.example.com"),
                    _ => (is_phone(s), "+86 21 5555 0100"),
                };
                if !ok && !s.is_empty() {
                    err!(
                        Diagnostic::error(
                            Code::Malformed,
                            span,
                            pb.fill(
                                "check.malformed",
                                "`{value}` is not {kind} ({what})",
                                &[("value", &s), ("kind", &pb.kind_words(field.kind)), ("what", &what)],
                            ),
                        )
                        .with_help(pb.fill(
                            "check.for_example",
                            "e.g. \"{example}\"",
                            &[("example", &example)]
                        ))
                    );
                }
            }
        },
        Kind::Rating => match as_int(value) {
            None => err!(wrong_type(pb, node, what, field)),
            Some(r) if !(1..=5).contains(&r) => {
                err!(
                    Diagnostic::error(
                        Code::RatingRange,
                        span,
                        pb.fill(
                            "check.rated",
                            "{what} is rated 1 to 5, not {r}",
                            &[("what", &what), ("r", &r)]
                        ),
                    )
                    .with_help(pb.text("check.rated_help", "1 = lowest … 5 = highest")),
                );
            }
            Some(_) => {}
        },
        Kind::Enum => match as_str(value) {
            None => err!(wrong_type(pb, node, what, field)),
            Some(s) => {
                if let Some(d) = check_enum_value(pb, field.allowed.as_deref(), s, span, what, out.detailed()) {
                    err!(d);
                }
            }
        },
        Kind::EnumList | Kind::TextList | Kind::Contacts => {
            let Some(items) = as_array(value) else {
                err!(wrong_type(pb, node, what, field));
                return;
            };
            let mut seen: Vec<&str> = Vec::new();
            for item in items {
                let Some(s) = as_str(item.get_ref()) else {
                    err!(Diagnostic::error(
                        Code::WrongType,
                        item.span(),
                        format!(
                            "{what} is a list of strings, found {}",
                            found(item.get_ref(), field.sensitive)
                        ),
                    ));
                    continue;
                };
                match field.kind {
                    Kind::EnumList => {
                        // Only allowed values are remembered, so `seen` stays as small as the
                        // enumeration however long the list.
                        let detailed = out.detailed();
                        if let Some(d) = check_enum_value(pb, field.allowed.as_deref(), s, item.span(), what, detailed)
                        {
                            out.diagnostics.push(d);
                        } else if seen.contains(&s) {
                            out.diagnostics.push(Diagnostic::error(
                                Code::DuplicateEntry,
                                item.span(),
                                pb.fill(
                                    "check.twice_in",
                                    "`{value}` appears twice in {what}",
                                    &[("value", &s), ("what", &what)],
                                ),
                            ));
                        } else {
                            seen.push(s);
                        }
                    }
                    Kind::Contacts => out.contact_refs.push(ContactRef {
                        id: s,
                        span: item.span(),
                    }),
                    _ => {}
                }
            }
        }
        Kind::Contact => match as_str(value) {
            None => err!(wrong_type(pb, node, what, field)),
            Some(s) => out.contact_refs.push(ContactRef { id: s, span }),
        },
        Kind::Records => {
            let record = field.record.as_deref().unwrap_or("");
            match as_array(value) {
                Some(items) if items.iter().all(|i| as_table(i.get_ref()).is_some()) => {
                    out.nested.extend(items.iter().map(|i| (record.to_string(), i)));
                }
                _ => err!(
                    wrong_type(pb, node, what, field)
                        .with_help(format!("write each entry as [[{}]] with its fields below", what.path()))
                ),
            }
        }
        Kind::Keyed => check_keyed(pb, field, node, what, out),
    }
}

fn check_money(pb: &Playbook, node: &Node<'_>, what: Name<'_>, field: &Field, err: &mut impl FnMut(Diagnostic)) {
    match node.get_ref() {
        Value::Table(t) => {
            let amount = t.get("amount");
            if amount.is_none_or(|a| as_number(a.get_ref()).is_none()) {
                err(
                    Diagnostic::error(Code::WrongType, node.span(), format!("{what} needs a numeric `amount`"))
                        .with_help("e.g. { amount = 2500000, currency = \"USD\" }"),
                );
            }
            for (key, v) in t {
                match key.get_ref().as_ref() {
                    "amount" => {}
                    "currency" if as_str(v.get_ref()).is_some() => {
                        let code = as_str(v.get_ref()).unwrap_or_default();
                        if !is_currency(code) {
                            err(bad_currency(code, v.span(), what));
                        }
                    }
                    other => err(Diagnostic::error(
                        Code::UnknownKey,
                        key.span(),
                        format!("`{other}` is not part of an amount"),
                    )
                    .with_help("an amount has `amount` and `currency`")),
                }
            }
        }
        v if as_number(v).is_some() => {}
        _ => err(wrong_type(pb, node, what, field)),
    }
}

fn check_keyed<'t, 'a>(
    pb: &Playbook,
    field: &Field,
    node: &'t Node<'a>,
    what: Name<'_>,
    out: &mut FieldFindings<'t, 'a>,
) {
    let Some(table) = as_table(node.get_ref()) else {
        out.diagnostics.push(wrong_type(pb, node, what, field));
        return;
    };
    let record = field.record.as_deref().unwrap_or("");
    for (key, item) in table {
        if let Some(d) = check_enum_value(
            pb,
            field.allowed.as_deref(),
            key.get_ref(),
            key.span(),
            what,
            out.detailed(),
        ) {
            out.diagnostics.push(d);
            continue;
        }
        if as_table(item.get_ref()).is_some() {
            out.nested.push((record.to_string(), item));
        } else {
            out.diagnostics.push(
                Diagnostic::error(
                    Code::WrongType,
                    item.span(),
                    format!(
                        "`{}.{}` expects a table, found {}",
                        what.path(),
                        key.get_ref(),
                        item.get_ref().type_str()
                    ),
                )
                .with_help("e.g. need = { who = [\"zhang-wei\"], department = \"Production\" }"),
            );
        }
    }
}
