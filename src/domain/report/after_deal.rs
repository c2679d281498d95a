//! The account after the deal as a report (`kam report after-deal`): its contracts (each
//! agreement followed by the sub-contracts signed under it) and renewals due, the receivables and
//! payments per contract with what is outstanding and overdue (the non-payment cause and the
//! playbook's response beside each overdue item), the promotion plan and its tasks, the
//! return-visit cadence and the visits since the win, the aftercare records (feedback, new
//! projects, value-added service, maintenance) and where the retrospective stands.

use chrono::NaiveDate;

use crate::domain::account::Account;
use crate::domain::after_deal::contracts::{AGREEMENT, Contract, Renewal, contracts, renewals};
use crate::domain::after_deal::money::{Money, Totals, read_in};
use crate::domain::after_deal::receivables::{Receivable, receivables};
use crate::domain::after_deal::retro::{RetroStatus, retro_status};
use crate::domain::after_deal::return_visits::{ReturnVisit, return_visit};
use crate::domain::playbook::Playbook;
use crate::domain::report::retro::{VisitLine, visit_lines};
use crate::domain::report::{Header, Omitted, contact_name, field_of, header, text_of};

/// A contract in the report's order; `sub` when it is signed under an agreement listed before it.
#[derive(Debug, Clone)]
pub struct ContractLine {
    pub contract: Contract,
    pub sub: bool,
}

/// A task of the promotion plan.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskLine {
    pub task: String,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub status: Option<String>,
    pub done: bool,
    /// Due before today and not done or dropped.
    pub late: bool,
}

/// The promotion plan: submitted to the client, then carried out task by task.
#[derive(Debug, Clone, PartialEq)]
pub struct Promotion {
    pub goal: Option<String>,
    pub contract: Option<String>,
    pub submitted: Option<NaiveDate>,
    pub accepted: Option<NaiveDate>,
    pub tasks: Vec<TaskLine>,
}

/// One aftercare record.
#[derive(Debug, Clone, PartialEq)]
pub struct AftercareLine {
    pub date: Option<NaiveDate>,
    pub kind: Option<String>,
    pub kind_label: Option<String>,
    pub summary: Option<String>,
    pub who: Vec<String>,
    pub by: Vec<String>,
    pub contract: Option<String>,
    pub estimate: Option<Money>,
    pub expected: Option<NaiveDate>,
}

/// The after-the-deal report of one account.
#[derive(Debug, Clone)]
pub struct AfterDealReport {
    pub header: Header,
    pub today: NaiveDate,
    pub won: Option<NaiveDate>,
    pub contracts: Vec<ContractLine>,
    /// Contracts whose renewal is on the agenda today.
    pub renewals: Vec<Renewal>,
    pub receivables: Vec<Receivable>,
    pub outstanding: Totals,
    pub promotion: Option<Promotion>,
    pub return_visit: Option<ReturnVisit>,
    /// Visits since the account was won (every visit when the win is not dated).
    pub visits: Vec<VisitLine>,
    pub aftercare: Vec<AftercareLine>,
    pub retro: Option<RetroStatus>,
    pub omitted: Omitted,
}

/// Agreements first, each followed by its sub-contracts, then the other contracts as written.
fn ordered(all: &[Contract]) -> Vec<ContractLine> {
    let mut out: Vec<ContractLine> = Vec::new();
    let under_known = |c: &Contract| {
        c.under.as_ref().is_some_and(|u| {
            all.iter()
                .any(|a| &a.number == u && a.kind.as_deref() == Some(AGREEMENT))
        })
    };
    for a in all.iter().filter(|c| c.kind.as_deref() == Some(AGREEMENT)) {
        out.push(ContractLine {
            contract: a.clone(),
            sub: false,
        });
        for s in all
            .iter()
            .filter(|c| c.under.as_deref() == Some(a.number.as_str()) && under_known(c))
        {
            out.push(ContractLine {
                contract: s.clone(),
                sub: true,
            });
        }
    }
    for c in all
        .iter()
        .filter(|c| c.kind.as_deref() != Some(AGREEMENT) && !under_known(c))
    {
        out.push(ContractLine {
            contract: c.clone(),
            sub: false,
        });
    }
    out
}

fn promotion(pb: &Playbook, account: &Account<'_>, today: NaiveDate, omitted: &mut Omitted) -> Option<Promotion> {
    let group = account.group("promotion");
    let plan_fields = pb.record_type("plan").map_or(&[][..], |r| r.fields.as_slice());
    let tasks: Vec<TaskLine> = account
        .plan
        .iter()
        .filter(|t| t.str("kind") == Some("promotion"))
        .map(|t| {
            let status = t.str("status").unwrap_or("open");
            let done = matches!(status, "done" | "dropped");
            let due = t.date("due");
            TaskLine {
                task: text_of(field_of(pb, account, plan_fields, t, "task", omitted)).unwrap_or_default(),
                owner: text_of(field_of(pb, account, plan_fields, t, "owner", omitted)),
                due,
                status: Some(pb.enum_label("task_status", status).to_string()),
                done: status == "done",
                late: !done && due.is_some_and(|d| d < today),
            }
        })
        .collect();
    if group.is_none() && tasks.is_empty() {
        return None;
    }
    let fields = pb.group("promotion").map_or(&[][..], |g| g.fields.as_slice());
    let mut text = |k: &str| {
        group
            .as_ref()
            .and_then(|g| text_of(field_of(pb, account, fields, g, k, omitted)))
    };
    Some(Promotion {
        goal: text("goal"),
        contract: text("contract"),
        submitted: group.and_then(|g| g.date("submitted")),
        accepted: group.and_then(|g| g.date("accepted")),
        tasks,
    })
}

fn aftercare(pb: &Playbook, account: &Account<'_>, omitted: &mut Omitted) -> Vec<AftercareLine> {
    let Some(rt) = pb.record_type("aftercare") else {
        return Vec::new();
    };
    let currency = pb.doc.policy.currency.as_str();
    let mut out: Vec<AftercareLine> = account
        .aftercare
        .iter()
        .map(|r| {
            let mut get = |id: &str| text_of(field_of(pb, account, &rt.fields, r, id, omitted));
            let summary = get("summary");
            let contract = get("contract");
            let kind = r.str("kind").map(str::to_string);
            AftercareLine {
                date: r.date("date"),
                kind_label: kind.as_deref().map(|k| pb.enum_label("aftercare_kind", k).to_string()),
                kind,
                summary,
                who: r
                    .list("contacts")
                    .iter()
                    .map(|id| contact_name(pb, account, id, omitted.include))
                    .collect(),
                by: r.list("by").into_iter().map(str::to_string).collect(),
                contract,
                estimate: read_in(r, "estimate", currency),
                expected: r.date("expected"),
            }
        })
        .collect();
    out.sort_by_key(|a| a.date);
    out
}

/// The after-the-deal report of `account` as of `today`.
pub fn after_deal_report(
    pb: &Playbook,
    account: &Account<'_>,
    today: NaiveDate,
    include_sensitive: bool,
) -> AfterDealReport {
    let mut omitted = Omitted::new(include_sensitive);
    let head = header(pb, account, today, &mut omitted);
    let all = contracts(pb, account);
    let open = renewals(pb, &all).into_iter().filter(|r| r.from <= today).collect();
    let receivables = receivables(pb, account, &all, today);
    let mut outstanding = Totals::default();
    for m in receivables.iter().filter_map(|r| r.outstanding.as_ref()) {
        outstanding.add(m);
    }
    let won = (account.stage_id() == crate::domain::gate::pipeline::WON)
        .then(|| account.stage_since())
        .flatten();
    let tier = crate::domain::score::score(pb, account, &crate::domain::score::Weights::new()).tier;
    let since = won.unwrap_or(NaiveDate::MIN);
    let visits = visit_lines(pb, account, today, &mut omitted)
        .into_iter()
        .filter(|v| v.date.is_some_and(|d| d >= since))
        .collect();
    AfterDealReport {
        header: head,
        today,
        won,
        contracts: ordered(&all),
        renewals: open,
        receivables,
        outstanding,
        promotion: promotion(pb, account, today, &mut omitted),
        return_visit: return_visit(pb, account, tier.as_deref(), today),
        visits,
        aftercare: aftercare(pb, account, &mut omitted),
        retro: retro_status(pb, account, today),
        omitted,
    }
}
