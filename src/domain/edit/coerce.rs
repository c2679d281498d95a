//! A user's `VALUE` typed by the field's kind: `2026-12-01` a date, `4` a rating, `a, b` a list,
//! `3200000 USD` an amount, `slow` or its label an enum value. A value that cannot be read as the
//! kind is a diagnostic like `kam check`'s (pointing at the value on the command line); an enum
//! value that is neither an id nor a label is written as given, so the check after the edit
//! reports it with its did-you-mean.

use chrono::NaiveDate;

use crate::domain::account::value::{Node, Spanned, Table, strings};
use crate::domain::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::domain::edit::target::{pick, record};
use crate::domain::edit::{Lit, Refused};
use crate::domain::playbook::{EnumValue, Field, Kind, Playbook, Said};

/// `=`, `+=` (add to a list) or `-=` (take from a list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    Assign,
    Add,
    Remove,
}

/// `PATH=VALUE` split; `value_at` is where the value starts in the argument.
#[derive(Debug, Clone, Copy)]
pub struct Assignment<'a> {
    pub path: &'a str,
    pub how: How,
    pub value: &'a str,
    pub value_at: usize,
}

/// Splits `PATH=VALUE`, `PATH+=VALUE` or `PATH-=VALUE`.
pub fn split(arg: &str) -> Result<Assignment<'_>, Refused> {
    let Some(eq) = arg.find('=') else {
        return Err(
            Refused::new(Said::new("edit.not_assignment", "`{arg}` is not PATH=VALUE").arg("arg", arg)).help(
                Said::new(
                    "edit.not_assignment_help",
                    "e.g. `kam set acme finance.payment_attitude=slow`; `kam unset` removes a field",
                ),
            ),
        );
    };
    let (path, how) = match arg[..eq].strip_suffix('+') {
        Some(p) => (p, How::Add),
        None => match arg[..eq].strip_suffix('-') {
            Some(p) => (p, How::Remove),
            None => (&arg[..eq], How::Assign),
        },
    };
    Ok(Assignment {
        path: path.trim(),
        how,
        value: &arg[eq + 1..],
        value_at: eq + 1,
    })
}

fn bad(kind: Code, raw: &str, message: String, help: &str) -> Diagnostic {
    Diagnostic::error(kind, 0..raw.len(), message).with_help(help.to_string())
}

/// "`what` expects a date, found `x`", in the playbook's words (as `kam check` says it).
fn wrong_type(pb: &Playbook, what: &str, kind: Kind, raw: &str) -> String {
    pb.fill(
        "check.wrong_type",
        "{what} expects {kind}, found {found}",
        &[
            ("what", &format!("`{what}`")),
            ("kind", &pb.kind_words(kind)),
            ("found", &format!("`{}`", raw.trim())),
        ],
    )
}

/// A date given for `what`, or the diagnostic `kam set` gives for a value that is not a date
/// (spanning `raw`).
pub fn date_value(pb: &Playbook, what: &str, raw: &str, today: NaiveDate) -> Result<NaiveDate, Diagnostic> {
    date(raw, today).ok_or_else(|| {
        bad(
            Code::WrongType,
            raw,
            wrong_type(pb, what, Kind::Date, raw),
            pb.text("edit.date_help", "write YYYY-MM-DD (or today, yesterday, tomorrow)"),
        )
    })
}

/// An enum value given on the command line (an option's value) that is no id, label or unique
/// prefix of one: the diagnostic `kam check` gives for it, with a did-you-mean over the ids and
/// then the labels (spanning `raw`). `None` when it names a value (or several, which
/// [`enum_id`] refuses).
pub fn unknown_enum(pb: &Playbook, values: &[EnumValue], raw: &str, what: &str) -> Option<Diagnostic> {
    let wanted = raw.trim();
    if values.is_empty() {
        return None;
    }
    match pick(values, wanted, |v| v.id.as_str(), |v| v.label.as_str()) {
        Ok(_) => return None,
        Err(several) if several.len() > 1 => return None,
        Err(_) => {}
    }
    let ids: Vec<&str> = values.iter().map(|v| v.id.as_str()).collect();
    let close = close_to(wanted, ids.iter().copied())
        .map(|id| format!("{} ", pb.did_you_mean(id)))
        .or_else(|| {
            close_to(wanted, values.iter().map(|v| v.label.as_str()))
                .and_then(|l| values.iter().find(|v| v.label == l))
                .map(|v| {
                    let said = pb.fill(
                        "check.did_you_mean_label",
                        "did you mean `{close}` ({id})?",
                        &[("close", &v.label), ("id", &v.id)],
                    );
                    format!("{said} ")
                })
        });
    let allowed = pb.fill(
        "check.allowed",
        "allowed: {ids}",
        &[("ids", &ids.join(pb.text("report.list_separator", ", ")))],
    );
    let help = format!("{}{allowed}", close.unwrap_or_default());
    Some(
        Diagnostic::error(
            Code::NotAllowed,
            0..raw.len(),
            pb.fill(
                "check.not_allowed",
                "`{value}` is not an allowed value of {what}",
                &[("value", &wanted), ("what", &format!("`{what}`"))],
            ),
        )
        .with_help(help),
    )
}

/// The candidate a typed word most likely meant: by [`did_you_mean`], else the nearest by edits
/// when at most two edits and at most half the candidate apart (`fone` → `phone`).
fn close_to<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str> + Clone) -> Option<&'a str> {
    did_you_mean(word, candidates.clone()).or_else(|| {
        candidates
            .into_iter()
            .map(|c| (strsim::levenshtein(word, c), c))
            .filter(|(d, c)| *d <= 2 && d * 2 <= c.chars().count())
            .min_by_key(|(d, _)| *d)
            .map(|(_, c)| c)
    })
}

/// A date: `YYYY-MM-DD`, or `today`, `yesterday`, `tomorrow`.
pub fn date(raw: &str, today: NaiveDate) -> Option<NaiveDate> {
    match raw.trim() {
        "today" => Some(today),
        "yesterday" => today.pred_opt(),
        "tomorrow" => today.succ_opt(),
        s => NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
    }
}

fn number(raw: &str) -> Option<Lit> {
    let s: String = raw.trim().chars().filter(|c| *c != '_' && *c != ',').collect();
    if let Ok(i) = s.parse::<i64>() {
        return Some(Lit::Int(i));
    }
    s.parse::<f64>().ok().filter(|f| f.is_finite()).map(Lit::Float)
}

/// An enum value by id, label or unique prefix; anything else is kept as written (and reported
/// by the check after the edit, with its did-you-mean). Several matches are refused.
pub fn enum_id(values: &[EnumValue], raw: &str) -> Result<String, Refused> {
    match pick(values, raw.trim(), |v| v.id.as_str(), |v| v.label.as_str()) {
        Ok(v) => Ok(v.id.clone()),
        Err(several) if several.len() > 1 => Err(Refused::new(
            Said::new("edit.ambiguous_value", "`{value}` could be any of {values}")
                .arg("value", raw.trim())
                .arg("values", several.join(", ")),
        )
        .help(Said::new(
            "edit.ambiguous_value_help",
            "write the id or the whole label",
        ))),
        Err(_) => Ok(raw.trim().to_string()),
    }
}

/// The items of a list value: a TOML-like `["a", "b"]`, or comma-separated (`,` or `，`).
pub fn items(raw: &str) -> Vec<String> {
    let s = raw.trim();
    if let Some(inner) = s.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        if let Ok(table) = format!("v = [{inner}]").parse::<toml::Table>()
            && let Some(toml::Value::Array(a)) = table.get("v")
        {
            return a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect();
        }
        return items(inner);
    }
    s.split([',', '，'])
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .map(str::to_string)
        .collect()
}

/// A string or a list of strings of the file as a literal (for showing it the way a new value
/// is shown); `None` for anything else.
pub fn lit_of(value: &crate::domain::account::value::Value<'_>) -> Option<Lit> {
    use crate::domain::account::value::{Value, as_str};
    match value {
        Value::Array(items) => Some(Lit::Array(
            items
                .iter()
                .map(|i| as_str(i.get_ref()).map(|s| Lit::Str(s.to_string())))
                .collect::<Option<Vec<_>>>()?,
        )),
        v => as_str(v).map(|s| Lit::Str(s.to_string())),
    }
}

/// A contact by id, unique prefix or name; anything else is kept (the check names it).
pub fn contact_id(root: &Spanned<Table<'_>>, raw: &str) -> String {
    record(root, "contacts", raw.trim()).map_or_else(|_| raw.trim().to_string(), |(_, id)| id)
}

/// The value `raw` for `field`, given how it is assigned and the current value.
#[allow(clippy::too_many_arguments)]
pub fn coerce(
    pb: &Playbook,
    field: &Field,
    what: &str,
    root: &Spanned<Table<'_>>,
    raw: &str,
    how: How,
    current: Option<&Node<'_>>,
    today: NaiveDate,
) -> Result<Result<Lit, Diagnostic>, Refused> {
    let list = matches!(field.kind, Kind::EnumList | Kind::TextList | Kind::Contacts);
    if how != How::Assign && !list {
        return Err(Refused::new(
            Said::new("edit.not_a_list", "`{field}` is not a list; += and -= work on lists").arg("field", &field.id),
        )
        .help(Said::new("edit.not_a_list_help", "write {field}=VALUE").arg("field", &field.id)));
    }
    Ok(Ok(match field.kind {
        Kind::Text | Kind::Email | Kind::Url | Kind::Phone => Lit::Str(raw.trim().to_string()),
        Kind::Integer | Kind::Rating => match number(raw) {
            Some(Lit::Int(i)) => Lit::Int(i),
            _ => {
                return Ok(Err(bad(
                    Code::WrongType,
                    raw,
                    wrong_type(pb, what, field.kind, raw),
                    pb.text("edit.integer_help", "write a whole number, e.g. 4"),
                )));
            }
        },
        Kind::Number => match number(raw) {
            Some(n) => n,
            None => {
                return Ok(Err(bad(
                    Code::WrongType,
                    raw,
                    wrong_type(pb, what, field.kind, raw),
                    pb.text("edit.number_help", "e.g. 12.5"),
                )));
            }
        },
        Kind::Percent => match number(raw.trim().trim_end_matches('%')) {
            Some(n) => n,
            None => {
                return Ok(Err(bad(
                    Code::WrongType,
                    raw,
                    wrong_type(pb, what, field.kind, raw),
                    pb.text("edit.percent_help", "write 35 or 35% for 35 %"),
                )));
            }
        },
        Kind::Money => {
            let words: Vec<&str> = raw.split_whitespace().collect();
            let (amount, currency) = match words.as_slice() {
                [n] => (number(n), None),
                [n, c] if number(n).is_some() => (number(n), Some(*c)),
                [c, n] => (number(n), Some(*c)),
                _ => (None, None),
            };
            match (amount, currency) {
                (Some(a), None) => a,
                (Some(a), Some(c)) if c.chars().all(|ch| ch.is_ascii_alphabetic()) && c.len() == 3 => Lit::Table(vec![
                    ("amount".into(), a),
                    ("currency".into(), Lit::Str(c.to_ascii_uppercase())),
                ]),
                _ => {
                    return Ok(Err(bad(
                        Code::WrongType,
                        raw,
                        wrong_type(pb, what, field.kind, raw),
                        pb.text("edit.money_help", "e.g. 3200000, or 1500 MXN in another currency"),
                    )));
                }
            }
        }
        Kind::Date => match date_value(pb, what, raw, today) {
            Ok(d) => Lit::Date(d),
            Err(d) => return Ok(Err(d)),
        },
        Kind::Bool => match raw.trim().to_lowercase().as_str() {
            "true" | "yes" | "y" | "1" => Lit::Bool(true),
            "false" | "no" | "n" | "0" => Lit::Bool(false),
            _ => {
                return Ok(Err(bad(
                    Code::WrongType,
                    raw,
                    wrong_type(pb, what, field.kind, raw),
                    pb.text("edit.bool_help", "write true or false"),
                )));
            }
        },
        Kind::Enum => Lit::Str(enum_id(field.allowed.as_deref().unwrap_or_default(), raw)?),
        Kind::Contact => Lit::Str(contact_id(root, raw)),
        Kind::EnumList | Kind::TextList | Kind::Contacts => {
            let mut given = Vec::new();
            for item in items(raw) {
                given.push(match field.kind {
                    Kind::EnumList => enum_id(field.allowed.as_deref().unwrap_or_default(), &item)?,
                    Kind::Contacts => contact_id(root, &item),
                    _ => item,
                });
            }
            let old: Vec<String> = current
                .map(|n| strings(n.get_ref()).map(str::to_string).collect())
                .unwrap_or_default();
            let new = match how {
                How::Assign => given,
                How::Add => {
                    let mut all = old;
                    for g in given {
                        if !all.contains(&g) {
                            all.push(g);
                        }
                    }
                    all
                }
                How::Remove => {
                    if let Some(absent) = given.iter().find(|g| !old.contains(g)) {
                        return Err(Refused::new(
                            Said::new("edit.not_in_list", "`{item}` is not in `{what}`")
                                .arg("item", absent)
                                .arg("what", what),
                        )
                        .help(Said::new("edit.not_in_list_help", "it holds: {items}").arg("items", old.join(", "))));
                    }
                    old.into_iter().filter(|o| !given.contains(o)).collect()
                }
            };
            Lit::Array(new.into_iter().map(Lit::Str).collect())
        }
        Kind::Records | Kind::Keyed => {
            return Err(Refused::new(
                Said::new(
                    "edit.holds_records",
                    "`{what}` holds records; set their fields one by one",
                )
                .arg("what", what),
            ));
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_assignments() {
        let a = split("tags+=GSP").unwrap();
        assert_eq!((a.path, a.how, a.value), ("tags", How::Add, "GSP"));
        let a = split("finance.payment_attitude=slow").unwrap();
        assert_eq!(
            (a.path, a.how, a.value, a.value_at),
            ("finance.payment_attitude", How::Assign, "slow", 25)
        );
        assert!(split("nothing").is_err());
    }

    #[test]
    fn reads_lists_and_dates() {
        assert_eq!(items("a, b，c,,"), ["a", "b", "c"]);
        assert_eq!(items(r#"["x, y", "z"]"#), ["x, y", "z"]);
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(date("tomorrow", today), NaiveDate::from_ymd_opt(2026, 11, 26));
        assert_eq!(date("2026-02-30", today), None);
        assert_eq!(number("3,200,000"), Some(Lit::Int(3_200_000)));
    }
}
