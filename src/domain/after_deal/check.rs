//! What `kam check` finds in the records after the deal: payments larger than what was due
//! (KAM025), references to a contract the account does not have (KAM026), records that
//! contradict each other or the calendar (KAM027), and a retrospective missing after the
//! playbook's days (KAM028). Contract numbers used twice are KAM013.

use std::collections::HashSet;
use std::ops::Range;

use chrono::NaiveDate;

use crate::domain::account::Account;
use crate::domain::account::value::Record;
use crate::domain::after_deal::contracts::{AGREEMENT, Contract, contract};
use crate::domain::after_deal::money::{Money, group, read};
use crate::domain::after_deal::receivables::payments;
use crate::domain::after_deal::retro::{RetroState, retro_status};
use crate::domain::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::domain::playbook::Playbook;
use crate::domain::privacy::{Scope, is_sensitive};

fn span(r: &Record<'_, '_>, key: &str) -> Range<usize> {
    r.span_of(key)
}

/// Every after-the-deal diagnostic of one account as of `today`.
pub fn check(pb: &Playbook, account: &Account<'_>, today: NaiveDate) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let contracts: Vec<(Contract, &Record<'_, '_>)> = account.contracts.iter().map(|r| (contract(pb, r), r)).collect();
    let numbers: Vec<&str> = contracts
        .iter()
        .map(|(c, _)| c.number.as_str())
        .filter(|n| !n.is_empty())
        .collect();
    let unknown = |number: &str, at: Range<usize>, what: &str| {
        let mut d = Diagnostic::error(
            Code::UnknownContract,
            at,
            pb.fill(
                "check.unknown_contract",
                "{what} names contract `{number}`, which is not under [[contracts]]",
                &[("what", &what), ("number", &number)],
            ),
        );
        d = match did_you_mean(number, numbers.iter().copied()) {
            Some(close) => d.with_help(pb.did_you_mean(close)),
            None if numbers.is_empty() => d.with_help(pb.text(
                "check.unknown_contract_add",
                "add the contract under [[contracts]] with this number",
            )),
            None => d.with_help(pb.fill(
                "check.contracts_are",
                "contracts: {ids}",
                &[("ids", &numbers.join(", "))],
            )),
        };
        d
    };
    check_contracts(pb, &contracts, today, &unknown, &mut out);
    check_status(pb, account, &contracts, today, &mut out);
    let item_sensitive = is_sensitive(pb, Scope::Record("receivables"), "item");
    for r in &account.receivables {
        let Some(number) = r.str("contract").map(str::trim) else {
            continue;
        };
        match contracts.iter().find(|(c, _)| c.number == number) {
            None => out.push(unknown(
                number,
                span(r, "contract"),
                pb.text("check.this_receivable", "this receivable"),
            )),
            Some((c, _)) => check_receivable(pb, c, r, item_sensitive, today, &mut out),
        }
    }
    for r in &account.aftercare {
        if let Some(number) = r.str("contract").map(str::trim).filter(|n| !numbers.contains(n)) {
            out.push(unknown(
                number,
                span(r, "contract"),
                pb.text("check.this_aftercare", "this aftercare record"),
            ));
        }
    }
    if let Some(promotion) = account.group("promotion")
        && let Some(number) = promotion
            .str("contract")
            .map(str::trim)
            .filter(|n| !numbers.contains(n))
    {
        out.push(unknown(
            number,
            span(&promotion, "contract"),
            pb.text("check.the_promotion", "the promotion plan"),
        ));
    }
    out.extend(check_totals(pb, account));
    out.extend(check_retro(pb, account, today));
    out
}

/// "contract `X`", in the playbook's words.
fn contract_named(pb: &Playbook, number: &str) -> String {
    pb.fill("check.contract_named", "contract `{number}`", &[("number", &number)])
}

fn contradiction(at: Range<usize>, message: String, help: &str) -> Diagnostic {
    Diagnostic::error(Code::Contradiction, at, message).with_help(help.to_string())
}

fn check_contracts(
    pb: &Playbook,
    contracts: &[(Contract, &Record<'_, '_>)],
    today: NaiveDate,
    unknown: &dyn Fn(&str, Range<usize>, &str) -> Diagnostic,
    out: &mut Vec<Diagnostic>,
) {
    let mut seen: HashSet<&str> = HashSet::new();
    for (c, r) in contracts {
        if !c.number.is_empty() && !seen.insert(c.number.as_str()) {
            out.push(
                Diagnostic::error(
                    Code::DuplicateEntry,
                    span(r, "number"),
                    pb.fill(
                        "check.contract_twice",
                        "two contracts have the number `{number}`",
                        &[("number", &c.number)],
                    ),
                )
                .with_help(pb.text(
                    "check.contract_twice_help",
                    "contract numbers are unique within an account; receivables refer to them",
                )),
            );
        }
        if let Some(signed) = c.signed.filter(|d| *d > today) {
            out.push(contradiction(
                span(r, "signed"),
                pb.fill(
                    "check.signed_later",
                    "contract `{number}` is signed on {signed}, which has not come yet",
                    &[("number", &c.number), ("signed", &signed)],
                ),
                pb.text(
                    "check.signed_later_help",
                    "record a contract once it is signed; until then the deal is in the close stage",
                ),
            ));
        }
        if let (Some(signed), Some(expires)) = (c.starts.or(c.signed), c.expires)
            && expires < signed
        {
            out.push(contradiction(
                span(
                    r,
                    if r.value("expires").is_some() {
                        "expires"
                    } else {
                        "term_months"
                    },
                ),
                pb.fill(
                    "check.expires_before_start",
                    "contract `{number}` expires on {expires}, before its term starts on {starts}",
                    &[("number", &c.number), ("expires", &expires), ("starts", &signed)],
                ),
                pb.text(
                    "check.expires_before_start_help",
                    "check `expires`, `starts` and `signed`",
                ),
            ));
        }
        if let Some(under) = &c.under {
            match contracts.iter().find(|(o, _)| &o.number == under) {
                None => out.push(unknown(under, span(r, "under"), &contract_named(pb, &c.number))),
                Some((o, _)) if o.kind.as_deref() != Some(AGREEMENT) => out.push(contradiction(
                    span(r, "under"),
                    pb.fill(
                        "check.under_not_agreement",
                        "contract `{number}` is signed under `{under}`, which is not a strategic cooperation agreement",
                        &[("number", &c.number), ("under", &under)],
                    ),
                    pb.text(
                        "check.under_not_agreement_help",
                        "sub-contracts are signed under the agreement (kind = \"strategic_agreement\")",
                    ),
                )),
                Some(_) if c.kind.as_deref() == Some(AGREEMENT) => out.push(contradiction(
                    span(r, "under"),
                    pb.fill(
                        "check.agreement_under",
                        "agreement `{number}` cannot be signed under another contract",
                        &[("number", &c.number)],
                    ),
                    pb.text(
                        "check.agreement_under_help",
                        "remove `under`, or give the contract its sub-contract kind",
                    ),
                )),
                Some(_) => {}
            }
        }
        if let Some(renews) = &c.renews
            && !contracts.iter().any(|(o, _)| &o.number == renews)
        {
            out.push(unknown(renews, span(r, "renews"), &contract_named(pb, &c.number)));
        }
    }
}

/// The archive's contract status says "not signed" while a signed contract is recorded.
fn check_status(
    pb: &Playbook,
    account: &Account<'_>,
    contracts: &[(Contract, &Record<'_, '_>)],
    today: NaiveDate,
    out: &mut Vec<Diagnostic>,
) {
    let Some(company) = account.group("company") else {
        return;
    };
    if company.str("contract_status") != Some("not_signed") {
        return;
    }
    if let Some((c, _)) = contracts.iter().find(|(c, _)| c.signed.is_some_and(|d| d <= today)) {
        out.push(contradiction(
            span(&company, "contract_status"),
            pb.fill(
                "check.status_not_signed",
                "[company] contract_status is “{status}” but contract `{number}` was signed on {signed}",
                &[
                    ("status", &pb.enum_label("contract_status", "not_signed")),
                    ("number", &c.number),
                    ("signed", &c.signed.unwrap_or(today)),
                ],
            ),
            pb.text("check.status_not_signed_help", "set contract_status = \"signed\""),
        ));
    }
}

fn check_receivable(
    pb: &Playbook,
    c: &Contract,
    r: &Record<'_, '_>,
    sensitive: bool,
    today: NaiveDate,
    out: &mut Vec<Diagnostic>,
) {
    let item = match r.str("item").map(str::trim).filter(|i| !i.is_empty() && !sensitive) {
        Some(i) => pb.fill(
            "check.receivable_named",
            "the receivable `{item}` of contract `{number}`",
            &[("item", &i), ("number", &c.number)],
        ),
        None => pb.fill(
            "check.receivable_of",
            "the receivable of contract `{number}`",
            &[("number", &c.number)],
        ),
    };
    let Some((cents, written)) = read(r, "amount") else {
        return;
    };
    let currency = written.clone().unwrap_or_else(|| c.currency.clone());
    if let Some(w) = written.filter(|w| *w != c.currency && c.amount.is_some()) {
        out.push(contradiction(
            span(r, "amount"),
            pb.fill(
                "check.receivable_currency",
                "{receivable} is in {currency}, its contract in {contract}",
                &[("receivable", &item), ("currency", &w), ("contract", &c.currency)],
            ),
            pb.text(
                "check.receivable_currency_help",
                "a receivable is in its contract's currency; write the amount in it (or leave the currency out)",
            ),
        ));
    }
    if let (Some(due), Some(signed)) = (r.date("due"), c.signed)
        && due < signed
    {
        out.push(contradiction(
            span(r, "due"),
            pb.fill(
                "check.due_before_signed",
                "{receivable} is due on {due}, before the contract was signed on {signed}",
                &[("receivable", &item), ("due", &due), ("signed", &signed)],
            ),
            pb.text(
                "check.due_before_signed_help",
                "check the due date, or the contract's signing date",
            ),
        ));
    }
    let mut paid = 0i64;
    // The payment that takes the total past what was due.
    let mut tipped: Option<Range<usize>> = None;
    for p in payments(r) {
        let Some((amount, pw)) = read(&p, "amount") else {
            continue;
        };
        let pcur = pw.unwrap_or_else(|| currency.clone());
        if pcur != currency {
            out.push(contradiction(
                span(&p, "amount"),
                pb.fill(
                    "check.payment_currency",
                    "a payment in {paid_in} against {receivable}, which is in {currency}",
                    &[("paid_in", &pcur), ("receivable", &item), ("currency", &currency)],
                ),
                pb.text(
                    "check.payment_currency_help",
                    "record payments in the receivable's currency (the amount credited, after conversion)",
                ),
            ));
            continue;
        }
        paid = paid.saturating_add(amount);
        if paid > cents && tipped.is_none() {
            tipped = Some(span(&p, "amount"));
        }
        match p.date("date") {
            Some(d) if d > today => out.push(contradiction(
                span(&p, "date"),
                pb.fill(
                    "check.payment_later",
                    "a payment of {amount} is dated {date}, which has not come yet",
                    &[("amount", &Money::new(amount, &pcur)), ("date", &d)],
                ),
                pb.text(
                    "check.payment_later_help",
                    "record a payment once it is received; a promised date belongs in the receivable's note",
                ),
            )),
            Some(d) if c.signed.is_some_and(|s| d < s) => out.push(contradiction(
                span(&p, "date"),
                pb.fill(
                    "check.payment_before_signed",
                    "a payment of {amount} is dated {date}, before contract `{number}` was signed",
                    &[
                        ("amount", &Money::new(amount, &pcur)),
                        ("date", &d),
                        ("number", &c.number),
                    ],
                ),
                pb.text(
                    "check.payment_before_signed_help",
                    "check the payment's date, or the contract's signing date",
                ),
            )),
            _ => {}
        }
    }
    if paid > cents {
        out.push(
            Diagnostic::error(
                Code::Overpaid,
                tipped.unwrap_or_else(|| span(r, "payments")),
                pb.fill(
                    "check.overpaid",
                    "payments of {paid} against {receivable} exceed the {due} due by {over}",
                    &[
                        ("paid", &Money::new(paid, &currency)),
                        ("receivable", &item),
                        ("due", &Money::new(cents, &currency)),
                        ("over", &group(paid.saturating_sub(cents))),
                    ],
                ),
            )
            .with_help(pb.text(
                "check.overpaid_help",
                "check the amounts; an overpayment the client really made is refunded or credited to the next receivable, so record only what settles this one",
            )),
        );
    }
}

/// The receivables of each contract, added up, must not exceed its amount.
fn check_totals(pb: &Playbook, account: &Account<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for r in &account.contracts {
        let c = contract(pb, r);
        let Some(amount) = &c.amount else { continue };
        let mut total = 0i64;
        for rec in account
            .receivables
            .iter()
            .filter(|x| x.str("contract").map(str::trim) == Some(c.number.as_str()))
        {
            match read(rec, "amount") {
                Some((cents, None)) => total = total.saturating_add(cents),
                Some((cents, Some(cur))) if cur == amount.currency => total = total.saturating_add(cents),
                _ => {}
            }
        }
        if total > amount.cents {
            out.push(contradiction(
                span(r, "amount"),
                pb.fill(
                    "check.receivables_over",
                    "the receivables of contract `{number}` add up to {total}, more than its {amount}",
                    &[
                        ("number", &c.number),
                        ("total", &Money::new(total, &amount.currency)),
                        ("amount", amount),
                    ],
                ),
                pb.text(
                    "check.receivables_over_help",
                    "check the receivables' amounts, or record the supplement as a contract of its own",
                ),
            ));
        }
    }
    out
}

fn check_retro(pb: &Playbook, account: &Account<'_>, today: NaiveDate) -> Option<Diagnostic> {
    let s = retro_status(pb, account, today)?;
    if !s.is_late(today) {
        return None;
    }
    let deadline = s.deadline?;
    let label = pb.stage_label(&s.outcome);
    let days = pb.doc.retrospective.as_ref().map_or(0, |r| r.days);
    let (message, help) = match s.state {
        RetroState::Stale => (
            pb.fill(
                "check.retro_stale",
                "the project retrospective of {date} predates the move to `{outcome}` ({label}) on {entered}; a new one was due by {deadline}",
                &[
                    ("date", &s.date.unwrap_or(deadline)),
                    ("outcome", &s.outcome),
                    ("label", &label),
                    ("entered", &s.entered.unwrap_or(deadline)),
                    ("deadline", &deadline),
                ],
            ),
            pb.text("check.retro_stale_help", "review this outcome: update [retrospective] and its date")
                .to_string(),
        ),
        RetroState::Missing => (
            pb.fill(
                "check.retro_missing",
                "no project retrospective since the account moved to `{outcome}` ({label}); it was due by {deadline}",
                &[("outcome", &s.outcome), ("label", &label), ("deadline", &deadline)],
            ),
            pb.text(
                "check.retro_missing_help",
                "write [retrospective] with date, by and its parts (background, planning, execution, results); `kam report retro` prints it for the review meeting",
            )
            .to_string(),
        ),
        RetroState::Scheduled => (
            pb.fill(
                "check.retro_scheduled",
                "the project retrospective is set for {date}, after its deadline of {deadline}",
                &[("date", &s.date.unwrap_or(deadline)), ("deadline", &deadline)],
            ),
            pb.fill(
                "check.retro_scheduled_help",
                "hold it within {days} days of the move to `{outcome}`",
                &[("days", &days), ("outcome", &s.outcome)],
            ),
        ),
        _ => (
            pb.fill(
                "check.retro_incomplete",
                "the project retrospective is incomplete; it was due by {deadline}",
                &[("deadline", &deadline)],
            ),
            if s.missing.is_empty() {
                pb.text("check.retro_undated_help", "give it the date it was held: date = 2026-03-14")
                    .to_string()
            } else {
                pb.fill(
                    "check.retro_incomplete_help",
                    "fill in at least one point of: {parts}",
                    &[("parts", &s.missing.join(", "))],
                )
            },
        ),
    };
    let at = account.stage.map_or(0..0, |t| t.span());
    Some(Diagnostic::warning(Code::RetroMissing, at, message).with_help(help))
}
