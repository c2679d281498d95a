//! Personal data: which fields the playbook marks `sensitive: true`, and what may therefore be
//! shown. Every output asks here before showing a value — reports, exports, lists, the agenda,
//! gates, diffs, scores and diagnostics — so the rule lives in one place: a field is sensitive
//! when the playbook says so where it is defined, and a sensitive value is shown only when the
//! user asks for it (`--include-sensitive`).
//!
//! - [`is_sensitive`] / [`may_show`]: the rule, by where a field is defined;
//! - [`hidden`]: what an output shows in place of a value it may not show;
//! - [`mask`]: diagnostics about an account file with its personal data masked, in their
//!   messages and in the source excerpt.

pub mod mask;

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
    field(pb, scope, id).is_some_and(is_personal)
}

/// Whether a field of the playbook holds personal data.
pub fn is_personal(field: &Field) -> bool {
    field.sensitive
}

/// Whether a value of the field `id` of `scope` may be shown; `include` is the user's
/// `--include-sensitive`.
pub fn may_show(pb: &Playbook, scope: Scope<'_>, id: &str, include: bool) -> bool {
    include || !is_sensitive(pb, scope, id)
}

/// What outputs show instead of a value they may not show.
pub fn hidden(pb: &Playbook) -> &str {
    pb.text("privacy.hidden", "(hidden)")
}

/// `value` when the field may be shown, else [`hidden`] — for places that must show something
/// (a client's name in a list, the owner of a row).
pub fn shown<'a>(pb: &'a Playbook, scope: Scope<'_>, id: &str, include: bool, value: &'a str) -> &'a str {
    if may_show(pb, scope, id, include) {
        value
    } else {
        hidden(pb)
    }
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

    #[test]
    fn hidden_values_are_shown_only_when_asked_for() {
        let pb = default_playbook().unwrap();
        let scope = Scope::Record("contacts");
        assert_eq!(shown(&pb, scope, "mobile", false, "138 0013 8000"), "(hidden)");
        assert_eq!(shown(&pb, scope, "mobile", true, "138 0013 8000"), "138 0013 8000");
        assert_eq!(shown(&pb, scope, "name", false, "Wang"), "Wang");
    }
}
