//! Validation of the sections kam itself defines: `[ratings]`, `[checklist]` and `[[history]]`.

use super::{HISTORY_KEYS, Walker, unknown_stage};
use crate::domain::account::value::{Node, Value, as_array, as_int, as_str, as_table};
use crate::domain::diagnostic::{Code, Diagnostic, did_you_mean};

impl<'t, 'a> Walker<'_, 't, 'a> {
    pub(super) fn ratings(&mut self, node: &'t Node<'a>) {
        let pb = self.pb;
        let Some(table) = as_table(node.get_ref()) else {
            self.found.diagnostics.push(Diagnostic::error(
                Code::WrongType,
                node.span(),
                "`ratings` is a table of factor = rating",
            ));
            return;
        };
        let factors = || pb.doc.scoring.factors.iter().map(|f| f.id.as_str());
        for (key, value) in table {
            let k = key.get_ref().as_ref();
            if pb.factor(k).is_none() {
                let mut d = Diagnostic::error(
                    Code::UnknownFactor,
                    key.span(),
                    pb.fill(
                        "check.unknown_factor",
                        "unknown value factor `{factor}`",
                        &[("factor", &k)],
                    ),
                );
                d = match did_you_mean(k, factors()).filter(|_| self.found.detailed()) {
                    Some(close) => d.with_help(pb.did_you_mean(close)),
                    None => d.with_help(pb.fill(
                        "check.factors_are",
                        "factors: {ids}",
                        &[("ids", &factors().collect::<Vec<_>>().join(", "))],
                    )),
                };
                self.found.diagnostics.push(d);
                continue;
            }
            let rating = match value.get_ref() {
                Value::Table(t) => {
                    for (ik, iv) in t {
                        match ik.get_ref().as_ref() {
                            "rating" => {}
                            "why" if as_str(iv.get_ref()).is_some() => {}
                            "why" => {
                                self.found.diagnostics.push(Diagnostic::error(
                                    Code::WrongType,
                                    iv.span(),
                                    "`why` is a short text",
                                ));
                            }
                            other => self.unknown_key(ik.span(), other, &format!("ratings.{k}"), ["rating", "why"]),
                        }
                    }
                    t.get("rating")
                }
                _ => Some(value),
            };
            match rating {
                None => self.found.diagnostics.push(
                    Diagnostic::error(Code::Missing, value.span(), format!("`ratings.{k}` has no `rating`"))
                        .with_help(format!("{k} = {{ rating = 3, why = \"…\" }}")),
                ),
                Some(r) => match as_int(r.get_ref()) {
                    Some(1..=5) => {}
                    Some(n) => self.found.diagnostics.push(
                        Diagnostic::error(
                            Code::RatingRange,
                            r.span(),
                            pb.fill(
                                "check.rating_range",
                                "rating of `{factor}` must be 1 to 5, not {n}",
                                &[("factor", &k), ("n", &n)],
                            ),
                        )
                        .with_help(pb.factor(k).map(|f| f.help.clone()).unwrap_or_default()),
                    ),
                    None => self.found.diagnostics.push(
                        Diagnostic::error(
                            Code::WrongType,
                            r.span(),
                            format!(
                                "rating of `{k}` must be a whole number 1 to 5, found {}",
                                crate::domain::account::naming::found(r.get_ref(), false)
                            ),
                        )
                        .with_help("leave a factor out until it can be rated; never guess"),
                    ),
                },
            }
        }
    }

    pub(super) fn checklist(&mut self, node: &'t Node<'a>) {
        let pb = self.pb;
        let Some(table) = as_table(node.get_ref()) else {
            self.found.diagnostics.push(Diagnostic::error(
                Code::WrongType,
                node.span(),
                "`checklist` is a table of item = { evidence = … }",
            ));
            return;
        };
        let items = || {
            pb.stages()
                .iter()
                .flat_map(|s| &s.exit)
                .filter(|i| i.evidence.is_some())
                .map(|i| i.id.as_str())
        };
        for (key, value) in table {
            let k = key.get_ref().as_ref();
            let item = pb.stages().iter().flat_map(|s| &s.exit).find(|i| i.id == k);
            match item {
                None => {
                    let mut d = Diagnostic::error(
                        Code::Evidence,
                        key.span(),
                        pb.fill(
                            "check.not_evidence_item",
                            "`{item}` is not an exit item that takes evidence",
                            &[("item", &k)],
                        ),
                    );
                    d = match did_you_mean(k, items()).filter(|_| self.found.detailed()) {
                        Some(close) => d.with_help(pb.did_you_mean(close)),
                        None => d.with_help(pb.fill(
                            "check.evidence_items_are",
                            "items taking evidence: {ids}",
                            &[("ids", &items().collect::<Vec<_>>().join(", "))],
                        )),
                    };
                    self.found.diagnostics.push(d);
                    continue;
                }
                Some(i) if i.evidence.is_none() => {
                    self.found.diagnostics.push(
                        Diagnostic::error(
                            Code::Evidence,
                            key.span(),
                            pb.fill(
                                "check.automatic_item",
                                "`{item}` is checked automatically; it takes no evidence",
                                &[("item", &k)],
                            ),
                        )
                        .with_help(pb.text(
                            "check.automatic_item_help",
                            "remove this line; kam evaluates the item from the account's data",
                        )),
                    );
                    continue;
                }
                Some(_) => {}
            }
            let example = pb.fill(
                "check.evidence_example",
                "{item} = { evidence = \"{what}\", date = 2026-03-10 }",
                &[
                    ("item", &k),
                    ("what", &pb.text("check.evidence_what", "what happened, who, when")),
                ],
            );
            match value.get_ref() {
                Value::String(s) if !s.trim().is_empty() => {}
                Value::Table(t) => {
                    for (ik, iv) in t {
                        let ok = match ik.get_ref().as_ref() {
                            "evidence" | "link" | "by" => as_str(iv.get_ref()).is_some(),
                            "date" => crate::domain::account::value::as_date(iv.get_ref()).is_some(),
                            other => {
                                self.unknown_key(
                                    ik.span(),
                                    other,
                                    &format!("checklist.{k}"),
                                    ["evidence", "date", "link", "by"],
                                );
                                true
                            }
                        };
                        if !ok {
                            self.found.diagnostics.push(Diagnostic::error(
                                Code::WrongType,
                                iv.span(),
                                format!("`checklist.{k}.{}` has the wrong type", ik.get_ref()),
                            ));
                        }
                    }
                    if t.get("evidence")
                        .and_then(|e| as_str(e.get_ref()))
                        .is_none_or(|e| e.trim().is_empty())
                    {
                        self.found.diagnostics.push(
                            Diagnostic::error(
                                Code::Evidence,
                                value.span(),
                                pb.fill(
                                    "check.no_evidence_text",
                                    "`checklist.{item}` has no evidence text",
                                    &[("item", &k)],
                                ),
                            )
                            .with_help(example),
                        );
                    }
                }
                other => self.found.diagnostics.push(
                    Diagnostic::error(
                        Code::Evidence,
                        value.span(),
                        pb.fill(
                            "check.not_evidence",
                            "`{item} = {value}` is not evidence",
                            &[("item", &k), ("value", &short(other))],
                        ),
                    )
                    .with_help(pb.fill(
                        "check.not_evidence_help",
                        "write what a reviewer can check: {example}",
                        &[("example", &example)],
                    )),
                ),
            }
        }
    }

    pub(super) fn history(&mut self, node: &'t Node<'a>) {
        let pb = self.pb;
        let Some(items) = as_array(node.get_ref()) else {
            self.found.diagnostics.push(Diagnostic::error(
                Code::WrongType,
                node.span(),
                "`history` is a list of [[history]] records",
            ));
            return;
        };
        for (i, item) in items.iter().enumerate() {
            let Some(t) = as_table(item.get_ref()) else {
                self.found.diagnostics.push(Diagnostic::error(
                    Code::WrongType,
                    item.span(),
                    "each [[history]] entry is a table",
                ));
                continue;
            };
            let ctx = crate::domain::account::naming::record_name(pb, "history", i, None);
            for (k, v) in t {
                let key = k.get_ref().as_ref();
                let found = || crate::domain::account::naming::found(v.get_ref(), false);
                match key {
                    "from" | "to" => match as_str(v.get_ref()) {
                        Some(s) if pb.stage_pos(s).is_some() || pb.outcome(s).is_some() => {}
                        Some(s) => self.found.diagnostics.push(unknown_stage(pb, s, v.span())),
                        None => self.found.diagnostics.push(Diagnostic::error(
                            Code::WrongType,
                            v.span(),
                            pb.fill(
                                "check.history_stage",
                                "`{key}` of {record} is a stage id, found {found}",
                                &[("key", &key), ("record", &ctx), ("found", &found())],
                            ),
                        )),
                    },
                    "date" => {
                        if crate::domain::account::value::as_date(v.get_ref()).is_none() {
                            let iso = as_str(v.get_ref())
                                .and_then(crate::domain::account::parse::date_hint)
                                .unwrap_or_else(|| "2026-03-14".into());
                            self.found.diagnostics.push(
                                Diagnostic::error(
                                    Code::WrongType,
                                    v.span(),
                                    pb.fill(
                                        "check.history_date",
                                        "`date` of {record} is a date such as 2026-03-14, found {found}",
                                        &[("record", &ctx), ("found", &found())],
                                    ),
                                )
                                .with_help(pb.fill(
                                    "check.date_as",
                                    "write dates as {date}, without quotes",
                                    &[("date", &iso)],
                                )),
                            );
                        }
                    }
                    "by" | "note" | "reason" => {
                        if as_str(v.get_ref()).is_none() {
                            self.found.diagnostics.push(Diagnostic::error(
                                Code::WrongType,
                                v.span(),
                                pb.fill(
                                    "check.history_text",
                                    "`{key}` of {record} is text, found {found}",
                                    &[("key", &key), ("record", &ctx), ("found", &found())],
                                ),
                            ));
                        }
                    }
                    other => self.unknown_key(k.span(), other, &ctx, HISTORY_KEYS),
                }
            }
            for needed in ["to", "date"] {
                if !t.contains_key(needed) {
                    self.found.diagnostics.push(
                        Diagnostic::error(
                            Code::History,
                            item.span(),
                            pb.fill(
                                "check.history_lacks",
                                "{record} has no `{key}`",
                                &[("record", &ctx), ("key", &needed)],
                            ),
                        )
                        .with_help(pb.text(
                            "check.history_written_by",
                            "history records are written by `kam advance`",
                        )),
                    );
                }
            }
        }
    }
}

fn short(value: &Value<'_>) -> String {
    match value {
        Value::Boolean(b) => b.to_string(),
        Value::String(_) => "\"\"".to_string(),
        other => other.type_str().to_string(),
    }
}
