//! Personal data: which fields the playbook marks `sensitive: true`. Reports and exports ask here
//! before showing a value, so the rule lives in one place: a field is sensitive when the playbook
//! says so where it is defined.

use crate::domain::playbook::{Field, Playbook};

/// Where a field is defined: the account's top level, an archive group (`[finance]`), or a record
/// type (`contacts`, `visits`, `procurement_step`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'a> {
    Account,
    Group(&'a str),
    Record(&'a str),
}

/// The field `id` of `scope`, if the playbook has it.
pub fn field<'p>(pb: &'p Playbook, scope: Scope<'_>, id: &str) -> Option<&'p Field> {
    match scope {
        Scope::Account => pb.doc.account.field(id),
        Scope::Group(g) => pb.group(g)?.field(id),
        Scope::Record(r) => pb.record_type(r)?.field(id),
    }
}

/// Whether the field `id` of `scope` holds personal data. Unknown fields are not sensitive: they
/// are not part of the playbook, and `kam check` reports them.
pub fn is_sensitive(pb: &Playbook, scope: Scope<'_>, id: &str) -> bool {
    field(pb, scope, id).is_some_and(|f| f.sensitive)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::default_playbook;

    #[test]
    fn the_default_playbook_marks_personal_data() {
        let pb = default_playbook().unwrap();
        assert!(is_sensitive(&pb, Scope::Record("contacts"), "birthday"));
        assert!(is_sensitive(&pb, Scope::Record("contacts"), "mobile"));
        assert!(is_sensitive(&pb, Scope::Group("finance"), "bank_account"));
        assert!(!is_sensitive(&pb, Scope::Group("finance"), "bank"));
        assert!(!is_sensitive(&pb, Scope::Record("contacts"), "name"));
        assert!(!is_sensitive(&pb, Scope::Account, "name"));
        assert!(!is_sensitive(&pb, Scope::Group("nope"), "birthday"));
        // A contact field name means nothing in another record type.
        assert!(!is_sensitive(&pb, Scope::Record("visits"), "birthday"));
    }
}
