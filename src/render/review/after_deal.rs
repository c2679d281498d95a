//! The phrases of `kam diff` for the records after the deal: a contract signed or changed, a
//! receivable added, a payment received and what it leaves outstanding, a receivable gone
//! overdue, a non-payment cause recorded, aftercare recorded, the retrospective written. Every
//! phrase can be translated in the playbook's `text:` (`diff.*` ids).

use crate::domain::after_deal::money::Money;
use crate::domain::playbook::Playbook;
use crate::domain::review::after_deal::{MoneyEvent, MoneyNote};
use crate::render::table::ABSENT;

fn money(m: Option<&Money>) -> String {
    m.map_or_else(|| ABSENT.to_string(), ToString::to_string)
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map_or_else(|| ABSENT.to_string(), |d| d.to_string())
}

/// The short label of a note's line (`payment`, `overdue` …) and the phrase.
pub fn phrase(pb: &Playbook, n: &MoneyNote) -> (String, String) {
    let t = |id: &str, en: &'static str| pb.text(id, en).to_string();
    let overdue = |days: Option<i64>| {
        days.map(|d| format!(", {d} {}", t("diff.days_overdue", "days overdue")))
            .unwrap_or_default()
    };
    match n.event {
        MoneyEvent::ContractSigned => (
            t("diff.contract", "contract"),
            format!(
                "{} {}{} {} {}: {}",
                t("diff.signed", "signed"),
                n.what,
                n.detail.as_ref().map(|k| format!(" ({k})")).unwrap_or_default(),
                t("diff.on", "on"),
                date(n.date),
                money(n.amount.as_ref())
            ),
        ),
        MoneyEvent::ContractChanged => {
            let mut parts = Vec::new();
            if let Some(c) = &n.amount_change {
                parts.push(format!(
                    "{} {} → {}",
                    t("diff.amount", "amount"),
                    money(c.from.as_ref()),
                    money(c.to.as_ref())
                ));
            }
            if let Some(c) = &n.expires_change {
                parts.push(format!(
                    "{} {} → {}",
                    t("diff.expires", "expires"),
                    date(c.from),
                    date(c.to)
                ));
            }
            (
                t("diff.contract", "contract"),
                format!("{}: {}", n.what, parts.join("; ")),
            )
        }
        MoneyEvent::ContractRemoved => (
            t("diff.contract", "contract"),
            format!("{} {}", n.what, t("diff.contract_removed", "removed")),
        ),
        MoneyEvent::ReceivableAdded => (
            t("diff.receivable", "receivable"),
            format!(
                "{}: {} {} {}",
                n.what,
                money(n.amount.as_ref()),
                t("diff.due_on", "due"),
                date(n.date)
            ),
        ),
        MoneyEvent::PaymentReceived => {
            let left = match &n.outstanding {
                Some(m) if m.cents > 0 => format!(
                    "{m} {}{}",
                    t("diff.still_outstanding", "still outstanding"),
                    overdue(n.days_overdue)
                ),
                _ => t("diff.settled", "settled"),
            };
            (
                t("diff.payment", "payment"),
                format!(
                    "{} {} {} {} {} {}; {left}",
                    t("diff.received", "received"),
                    money(n.amount.as_ref()),
                    t("diff.on", "on"),
                    date(n.date),
                    t("diff.for", "for"),
                    n.what
                ),
            )
        }
        MoneyEvent::WentOverdue => (
            t("diff.overdue", "overdue"),
            format!(
                "{}: {} {} {}{}; {}",
                n.what,
                money(n.outstanding.as_ref()),
                t("diff.outstanding_since", "outstanding, due"),
                date(n.date),
                overdue(n.days_overdue),
                match &n.detail {
                    Some(c) => format!("{}: {c}", t("diff.cause", "cause")),
                    None => t("diff.cause_missing", "cause not recorded"),
                }
            ),
        ),
        MoneyEvent::CauseRecorded => (
            t("diff.overdue", "overdue"),
            format!(
                "{}: {} — {}{}",
                n.what,
                t("diff.cause_recorded", "cause of non-payment recorded"),
                n.detail.clone().unwrap_or_default(),
                n.outstanding
                    .as_ref()
                    .map(|m| format!(" ({m}{})", overdue(n.days_overdue)))
                    .unwrap_or_default()
            ),
        ),
        MoneyEvent::AftercareRecorded => (
            t("diff.aftercare", "aftercare"),
            format!(
                "{} {}{}",
                n.what,
                date(n.date),
                n.detail.as_ref().map(|s| format!(": {s}")).unwrap_or_default()
            ),
        ),
        MoneyEvent::RetrospectiveWritten => (
            t("diff.retro", "retro"),
            format!(
                "{} ({}), {}",
                t("diff.retro_written", "retrospective written"),
                n.what,
                date(n.date)
            ),
        ),
    }
}
