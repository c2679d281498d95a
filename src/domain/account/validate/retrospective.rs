//! Validation of the account's `[retrospective]`: `date`, `by`, `note`, and one table per part
//! the playbook's `retrospective.parts` defines, each checked against that part's points.

use super::Walker;
use crate::domain::account::value::{Node, Value, as_date, as_str, as_table};
use crate::domain::diagnostic::{Code, Diagnostic};
use crate::domain::playbook::{RETRO_KEYS, Retrospective};

impl<'t, 'a> Walker<'_, 't, 'a> {
    pub(super) fn retrospective(&mut self, retro: &Retrospective, node: &'t Node<'a>) {
        let pb = self.pb;
        let Some(table) = as_table(node.get_ref()) else {
            self.found.diagnostics.push(
                Diagnostic::error(
                    Code::WrongType,
                    node.span(),
                    pb.fill(
                        "check.retro_not_table",
                        "`retrospective` is a table, found {found}",
                        &[("found", &crate::domain::account::naming::type_words(pb, node.get_ref()))],
                    ),
                )
                .with_help(pb.text(
                    "check.retro_not_table_help",
                    "write [retrospective] with date and by, then one table per part: [retrospective.background] …",
                )),
            );
            return;
        };
        for (key, value) in table {
            let k = key.get_ref().as_ref();
            let ok = match k {
                "date" => as_date(value.get_ref()).is_some(),
                "note" => as_str(value.get_ref()).is_some(),
                "by" => match value.get_ref() {
                    Value::Array(items) => items.iter().all(|i| as_str(i.get_ref()).is_some()),
                    _ => false,
                },
                _ => {
                    if let Some(part) = retro.part(k) {
                        match as_table(value.get_ref()) {
                            Some(t) => self.table(&part.fields, t, value.span(), &format!("retrospective.{k}")),
                            None => self.found.diagnostics.push(
                                Diagnostic::error(
                                    Code::WrongType,
                                    value.span(),
                                    pb.fill(
                                        "check.retro_part_not_table",
                                        "`retrospective.{part}` ({label}) is a table of its points",
                                        &[("part", &k), ("label", &part.label)],
                                    ),
                                )
                                .with_help(pb.fill(
                                    "check.retro_part_not_table_help",
                                    "write [retrospective.{part}] followed by its points",
                                    &[("part", &k)],
                                )),
                            ),
                        }
                    } else {
                        let candidates = RETRO_KEYS.into_iter().chain(retro.parts.iter().map(|p| p.id.as_str()));
                        self.unknown_key(key.span(), k, "retrospective", candidates);
                    }
                    true
                }
            };
            if !ok {
                let expected = match k {
                    "date" => pb.kind_words(crate::domain::playbook::Kind::Date),
                    "by" => pb.text("check.retro_by", "a list of names, e.g. [\"li.wei\", \"zhang.min\"]"),
                    _ => pb.kind_words(crate::domain::playbook::Kind::Text),
                };
                self.found.diagnostics.push(Diagnostic::error(
                    Code::WrongType,
                    value.span(),
                    pb.fill(
                        "check.retro_expects",
                        "`retrospective.{key}` expects {kind}",
                        &[("key", &k), ("kind", &expected)],
                    ),
                ));
            }
        }
    }
}
