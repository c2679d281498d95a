//! `kam evidence ID ITEM TEXT [--date] [--link]` as a plan: written evidence for a manual item of
//! the current stage's exit checklist, `[checklist] ITEM = { evidence = "…", date = … }`. An item
//! the current stage does not have is refused, with did-you-mean.

use chrono::NaiveDate;

use crate::domain::account::value::{Spanned, Table};
use crate::domain::diagnostic::did_you_mean;
use crate::domain::edit::target::{lookup, pick};
use crate::domain::edit::{Change, Lit, Op, Plan, Refused, Step, shown};
use crate::domain::playbook::{Playbook, Said};

/// The plan of `kam evidence`.
pub fn plan_evidence(
    pb: &Playbook,
    root: &Spanned<Table<'_>>,
    stage: &str,
    item: &str,
    text: &str,
    date: NaiveDate,
    link: Option<&str>,
) -> Result<Plan, Refused> {
    let Some(st) = pb.stage(stage) else {
        return Err(Refused::new(
            Said::new(
                "edit.no_checklist",
                "the account is at `{stage}`, which has no exit checklist",
            )
            .arg("stage", stage),
        )
        .help(Said::new(
            "edit.no_checklist_help",
            "evidence is written for the items of the current stage",
        )));
    };
    let manual: Vec<_> = st.exit.iter().filter(|i| i.evidence.is_some()).collect();
    let found = pick(&manual, item, |i| i.id.as_str(), |i| i.label.as_str());
    let Ok(found) = found else {
        let ids: Vec<&str> = manual.iter().map(|i| i.id.as_str()).collect();
        let elsewhere = pb
            .stages()
            .iter()
            .find(|s| s.id != stage && s.exit.iter().any(|i| i.id == item && i.evidence.is_some()));
        let r = Refused::new(pb.fill(
            "edit.not_manual",
            "`{item}` is not a manual item of the stage `{stage}` ({label})",
            &[("item", &item), ("stage", &stage), ("label", &st.label)],
        ));
        let takes = if ids.is_empty() {
            pb.text(
                "edit.no_manual_items",
                "every item of this stage is checked from the account's data: `kam gate ID` says what is missing",
            )
            .to_string()
        } else {
            pb.fill(
                "edit.manual_items",
                "this stage takes evidence for: {ids}",
                &[("ids", &ids.join(pb.text("report.list_separator", ", ")))],
            )
        };
        let r = if let Some(other) = elsewhere {
            r.help(pb.fill(
                "edit.item_elsewhere",
                "`{item}` belongs to the stage `{stage}`; {takes}",
                &[("item", &item), ("stage", &other.id), ("takes", &takes)],
            ))
        } else if let Some(close) = did_you_mean(item, ids.iter().copied()) {
            r.help(pb.did_you_mean(close))
        } else {
            r.help(takes)
        };
        return Err(r);
    };
    let text = text.trim();
    if text.is_empty() {
        let what = found
            .evidence
            .as_deref()
            .unwrap_or_else(|| pb.text("edit.evidence_what", "who, what, when"));
        return Err(
            Refused::new(pb.text("edit.evidence_empty", "the evidence is empty")).help(pb.fill(
                "edit.evidence_empty_help",
                "write what shows it: {what}",
                &[("what", &what)],
            )),
        );
    }
    let mut value = vec![
        ("evidence".to_string(), Lit::Str(text.into())),
        ("date".to_string(), Lit::Date(date)),
    ];
    if let Some(link) = link.map(str::trim).filter(|l| !l.is_empty()) {
        value.push(("link".into(), Lit::Str(link.into())));
    }
    let table = vec![Step::Key("checklist".into())];
    let old = lookup(root, &table, &found.id).map(|n| shown(n.get_ref()));
    let new = Lit::Table(value);
    let shown_new = crate::domain::edit::shown_lit(&new);
    Ok(Plan {
        ops: vec![Op::set(&table, &found.id, new)],
        changes: vec![Change::new(
            format!("{} (checklist.{})", found.label, found.id),
            old,
            Some(shown_new),
        )],
        notes: Vec::new(),
    })
}
