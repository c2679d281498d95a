//! A table inside an account, a group or a record that is neither a record list nor a keyed
//! field — the account's `[retrospective]` with a table per part, a table the playbook does not
//! know — compared key by key down to its values, each change named by the labels on its way
//! ("Project retrospective › Results and lessons › Where we won and where we lost"), never shown
//! as the whole table before and after. A field marked sensitive is one change, "changed".

use crate::domain::account::value::{Table, Value, as_table};
use crate::domain::playbook::{Field, Group, Retrospective};
use crate::domain::privacy::is_personal;
use crate::domain::review::fields::{Books, FieldChange};
use crate::domain::review::values::{same, shown};

/// What the playbook says about the keys of a table: nothing, the retrospective's parts, or the
/// fields of one part (a group of fields).
#[derive(Clone, Copy)]
pub enum Within<'p> {
    Unknown,
    Retrospective(&'p Retrospective),
    Fields(&'p Group),
}

impl<'p> Within<'p> {
    /// The table the playbook describes at the account's top-level `key`, if any.
    pub fn top_level(books: Books<'p>, key: &str) -> Within<'p> {
        let retro = |pb: &'p crate::domain::playbook::Playbook| pb.doc.retrospective.as_ref();
        match retro(books.head).or_else(|| retro(books.base)) {
            Some(r) if key == "retrospective" => Within::Retrospective(r),
            _ => Within::Unknown,
        }
    }

    /// The label of `key`, its definition, and what the playbook says about the keys below it.
    fn child(self, key: &str) -> (Option<&'p str>, Option<&'p Field>, Within<'p>) {
        match self {
            Within::Unknown => (None, None, Within::Unknown),
            Within::Retrospective(r) => match r.part(key) {
                Some(part) => (Some(part.label.as_str()), None, Within::Fields(part)),
                None => (None, None, Within::Unknown),
            },
            Within::Fields(g) => match g.field(key) {
                Some(f) => (Some(f.label.as_str()), Some(f), Within::Unknown),
                None => (None, None, Within::Unknown),
            },
        }
    }

    /// The keys the playbook defines here, in its order.
    fn order(self) -> Vec<&'p str> {
        match self {
            Within::Unknown => Vec::new(),
            Within::Retrospective(r) => r.parts.iter().map(|p| p.id.as_str()).collect(),
            Within::Fields(g) => g.fields.iter().map(|f| f.id.as_str()).collect(),
        }
    }
}

/// Whether both sides are tables, or absent, and at least one is a table.
pub fn tables<'a, 't>(
    b: Option<&'a Value<'t>>,
    h: Option<&'a Value<'t>>,
) -> Option<(Option<&'a Table<'t>>, Option<&'a Table<'t>>)> {
    let side = |v: Option<&'a Value<'t>>| match v {
        None => Some(None),
        Some(v) => as_table(v).map(Some),
    };
    let (bt, ht) = (side(b)?, side(h)?);
    (bt.is_some() || ht.is_some()).then_some((bt, ht))
}

/// The keys whose values differ between two versions of a table, with both values: the keys of
/// `order` first (the playbook's order), then the others as the newer and then the older version
/// hold them. A key on neither side, or meaning the same on both, is left out.
pub fn differing<'a, 't>(
    order: Vec<String>,
    b: Option<&'a Table<'t>>,
    h: Option<&'a Table<'t>>,
) -> Vec<(String, Option<&'a Value<'t>>, Option<&'a Value<'t>>)> {
    let mut keys = order;
    for k in h.into_iter().chain(b).flat_map(|t| t.keys()) {
        let k = k.get_ref().as_ref();
        if !keys.iter().any(|x| x == k) {
            keys.push(k.to_string());
        }
    }
    keys.into_iter()
        .filter_map(|k| {
            let bv = b.and_then(|t| t.get(k.as_str())).map(toml::Spanned::get_ref);
            let hv = h.and_then(|t| t.get(k.as_str())).map(toml::Spanned::get_ref);
            let unchanged = bv.is_none() && hv.is_none() || bv.zip(hv).is_some_and(|(x, y)| same(x, y));
            (!unchanged).then_some((k, bv, hv))
        })
        .collect()
}

/// Every value that differs between two versions of a table at `path` (labelled `label`), one
/// change each, into `out`.
pub fn table_changes(
    books: Books<'_>,
    path: &str,
    label: &str,
    within: Within<'_>,
    b: Option<&Table<'_>>,
    h: Option<&Table<'_>>,
    out: &mut Vec<FieldChange>,
) {
    let order = within.order().into_iter().map(str::to_string).collect();
    for &(ref k, bv, hv) in &differing(order, b, h) {
        let (name, def, deeper) = within.child(k);
        let sub_path = format!("{path}.{k}");
        let sub_label = format!("{label} › {}", name.unwrap_or(k));
        let sensitive = def.is_some_and(is_personal);
        if !sensitive && let Some((bt, ht)) = tables(bv, hv) {
            table_changes(books, &sub_path, &sub_label, deeper, bt, ht, out);
            continue;
        }
        let show = |v: Option<&Value<'_>>| v.filter(|_| !sensitive).map(|v| shown(books.head, def, v));
        out.push(FieldChange {
            path: sub_path,
            label: sub_label,
            from: show(bv),
            to: show(hv),
            sensitive,
        });
    }
}
