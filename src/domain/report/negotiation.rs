//! The negotiation brief (seed 001 §11): are we ready to negotiate, the three-party analysis,
//! the SMART goal, every disagreement with its options, the packages and the team — built from
//! the account's `[negotiation]` group, its archive, people and competitors. Empty parts stay
//! empty here; the renderer flags them and prompts to fill them in.

use std::cell::RefCell;

use chrono::NaiveDate;

use crate::domain::account::Account;
use crate::domain::account::value::{Record, as_table};
use crate::domain::playbook::Playbook;
use crate::domain::privacy::Scope;
use crate::domain::report::guidance::{Guidance, guidance};
use crate::domain::report::negotiation_parties as parties;
pub use crate::domain::report::negotiation_parties::{Competitor, DecisionMaker, ProcessStep};
use crate::domain::report::{Header, Omitted, Slot, archive_slot, header};

/// What the brief has read so far, and what it left out: shared by the readers below, some of
/// which run inside closures.
type Seen = RefCell<Omitted>;

/// The archive group that holds the negotiation plan.
pub const GROUP: &str = "negotiation";

/// The negotiation brief of one account.
#[derive(Debug, Clone, PartialEq)]
pub struct NegotiationReport {
    pub header: Header,
    /// The planned negotiation meeting (the next visit of form `negotiation`), if any.
    pub meeting: Option<Meeting>,
    pub readiness: Vec<Condition>,
    /// Our strengths, weaknesses, unique value and goals.
    pub us: Vec<Slot>,
    /// The client's pains, background, finances, process and time, likely tactics.
    pub client: Vec<Slot>,
    /// The client's decision layer: name (title), stance, closeness.
    pub decision_makers: Vec<DecisionMaker>,
    /// The client's decision process: each mapped procurement step.
    pub process: Vec<ProcessStep>,
    pub competitors: Vec<Competitor>,
    pub goal: Vec<(Smart, Slot)>,
    /// What is agreed so far (summarised at the opening).
    pub agreed: Vec<String>,
    pub disagreements: Vec<Disagreement>,
    pub packages: Vec<Keyed<Package>>,
    pub team: Vec<Keyed<String>>,
    /// The playbook's currency, for amounts written without one.
    pub currency: String,
    /// The open situations and the topics of guidance that apply to the negotiation.
    pub guidance: Guidance,
    pub omitted: Omitted,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    pub date: NaiveDate,
    pub place: Option<String>,
}

/// The four conditions of readiness to negotiate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Readiness {
    /// The client gave conditions and a clear commitment.
    Commitment,
    /// Our preliminary proposal (commercial, solution, service terms) is out.
    Proposal,
    /// The client raised objections the proposal cannot answer.
    Objections,
    /// All objections are on the table.
    AllOnTable,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub which: Readiness,
    pub met: bool,
    /// What shows it is met (the entries written).
    pub evidence: Vec<String>,
    /// The date of the evidence (the day the proposal was sent).
    pub date: Option<NaiveDate>,
    /// Where to write what is missing (`[negotiation] proposal`).
    pub fill: String,
}

/// The parts of a SMART goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Smart {
    Specific,
    Measurable,
    Achievable,
    Relevant,
    TimeBound,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    pub topic: String,
    pub details: Option<String>,
    pub client_need: Option<String>,
    pub our_need: Option<String>,
    pub options: Vec<NegotiationOption>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NegotiationOption {
    pub option: String,
    pub client_value: Option<String>,
    pub our_cost: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Package {
    pub offer: Option<String>,
    pub client_value: Option<String>,
    pub our_value: Option<String>,
}

/// One key of a keyed field (a package, a team role) and its entry, if written.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyed<T> {
    pub key: String,
    pub label: String,
    pub value: Option<T>,
}

/// A text field of a record of `scope`, when filled and allowed (see [`Omitted::text`]).
fn text(seen: &Seen, pb: &Playbook, scope: Scope<'_>, record: &Record<'_, '_>, key: &str) -> Option<String> {
    seen.borrow_mut().text(pb, scope, Some(record), key)
}

fn path(id: &str) -> String {
    format!("{GROUP}.{id}")
}

/// Builds the negotiation brief.
pub fn negotiation_report(
    pb: &Playbook,
    account: &Account<'_>,
    today: NaiveDate,
    include_sensitive: bool,
) -> NegotiationReport {
    let seen: Seen = RefCell::new(Omitted::new(include_sensitive));
    let group = account.group(GROUP);
    let slots = |ids: &[&str], always: &[&str], omitted: &mut Omitted| -> Vec<Slot> {
        ids.iter()
            .filter_map(|p| Some((archive_slot(pb, account, p, omitted)?, p)))
            .filter(|(s, p)| s.value.is_some() || always.contains(p))
            .map(|(s, _)| s)
            .collect()
    };
    let us_paths = ["our_strengths", "our_weaknesses", "our_unique_value", "our_goals"].map(path);
    let mut us_refs: Vec<&str> = us_paths.iter().map(String::as_str).collect();
    let mut us_always = us_refs.clone();
    // With a quote out, the strengths it shows are part of our side (a prompt while empty).
    us_refs.push("simulation.quote_strengths");
    if account
        .group("simulation")
        .is_some_and(|s| s.is_filled("quote_date") || s.is_filled("quote"))
    {
        us_always.push("simulation.quote_strengths");
    }
    let us = slots(&us_refs, &us_always, &mut seen.borrow_mut());
    let (pains, tactics) = (path("client_pains"), path("client_tactics"));
    let client_paths = [
        pains.as_str(),
        "procurement.need",
        "procurement.drivers",
        "company.current_condition",
        "finance.funding",
        "finance.payment_attitude",
        "finance.payment_cycle_days",
        "finance.budget",
        "procurement.decision_cycle_days",
        "expectation.target_date",
        tactics.as_str(),
    ];
    let client = slots(
        &client_paths,
        &[pains.as_str(), tactics.as_str()],
        &mut seen.borrow_mut(),
    );
    let goal = [
        (Smart::Specific, "goal"),
        (Smart::Measurable, "goal_measure"),
        (Smart::Achievable, "goal_achievable"),
        (Smart::Relevant, "goal_relevant"),
        (Smart::TimeBound, "goal_date"),
    ]
    .into_iter()
    .filter_map(|(part, id)| Some((part, archive_slot(pb, account, &path(id), &mut seen.borrow_mut())?)))
    .collect();
    let neg = Scope::Group(GROUP);
    let package = Scope::Record("package");
    let header = header(pb, account, today, &mut seen.borrow_mut());
    let decision_makers = parties::decision_makers(pb, account, &mut seen.borrow_mut());
    let process = parties::process(pb, account, &mut seen.borrow_mut());
    let competitors = parties::competitors(pb, account, &mut seen.borrow_mut());
    let guidance = guidance(pb, account, "negotiation", None, &mut seen.borrow_mut());
    let agreed = seen.borrow_mut().strings(pb, neg, group.as_ref(), "agreed");
    NegotiationReport {
        header,
        meeting: meeting(pb, account, today, &seen),
        readiness: readiness(pb, group.as_ref(), today, &seen),
        us,
        client,
        decision_makers,
        process,
        competitors,
        goal,
        agreed,
        disagreements: group.map(|g| disagreements(pb, &g, &seen)).unwrap_or_default(),
        packages: keyed(pb, group.as_ref(), "packages", |r| Package {
            offer: text(&seen, pb, package, r, "offer"),
            client_value: text(&seen, pb, package, r, "client_value"),
            our_value: text(&seen, pb, package, r, "our_value"),
        }),
        team: keyed(pb, group.as_ref(), "team", |r| {
            text(&seen, pb, Scope::Record("negotiator"), r, "who")
        })
        .into_iter()
        .map(|k| Keyed {
            key: k.key,
            label: k.label,
            value: k.value.flatten(),
        })
        .collect(),
        currency: pb.doc.policy.currency.clone(),
        guidance,
        omitted: seen.into_inner(),
    }
}

fn meeting(pb: &Playbook, account: &Account<'_>, today: NaiveDate, seen: &Seen) -> Option<Meeting> {
    account
        .visits
        .iter()
        .filter(|v| v.str("form") == Some("negotiation"))
        .filter_map(|v| Some((v.date("date").filter(|d| *d >= today)?, v)))
        .min_by_key(|(d, _)| *d)
        .map(|(date, v)| Meeting {
            date,
            place: text(seen, pb, Scope::Record("visits"), v, "place"),
        })
}

/// Evidence of a readiness condition: what was written, and its date when there is one.
type Evidence = (Vec<String>, Option<NaiveDate>);

/// The terms a preliminary proposal states (seed 001: 「商務、解決方案、服務等條款的初步提案」).
const PROPOSAL_TERMS: [&str; 3] = ["proposal_commercial", "proposal_solution", "proposal_service"];

fn readiness(pb: &Playbook, group: Option<&Record<'_, '_>>, today: NaiveDate, seen: &Seen) -> Vec<Condition> {
    let neg = Scope::Group(GROUP);
    // A condition is met by what is written; a value the brief may not show still meets it.
    let written = |key: &str| group.and_then(|g| g.str(key)).is_some_and(|s| !s.trim().is_empty());
    let get = |key: &str| -> Option<Evidence> {
        if !written(key) {
            return None;
        }
        let shown = group.and_then(|g| text(seen, pb, neg, g, key));
        Some((
            vec![shown.unwrap_or_else(|| crate::domain::privacy::hidden(pb).to_string())],
            None,
        ))
    };
    let fill = |key: &str| format!("[{GROUP}] {key}");
    // Out means its commercial, solution and service terms are written and it was sent on or
    // before today; a quote alone, or a proposal dated later, is not out.
    let sent = group.and_then(|g| g.date("proposal_date"));
    let proposal_missing: Vec<&str> = PROPOSAL_TERMS
        .iter()
        .copied()
        .filter(|t| !written(t))
        .chain(sent.as_ref().is_none_or(|d| *d > today).then_some("proposal_date"))
        .collect();
    let proposal = proposal_missing.is_empty().then(|| {
        let terms: Vec<String> = PROPOSAL_TERMS
            .iter()
            .filter_map(|t| get(t))
            .flat_map(|(e, _)| e)
            .collect();
        (terms, sent)
    });
    let proposal_fill = if proposal_missing.is_empty() {
        fill("proposal_commercial")
    } else {
        let mut f = fill(&proposal_missing.join(", "));
        if let Some(d) = sent.filter(|d| *d > today) {
            f = format!("{f} (the proposal is dated {d}: planned, not sent yet)");
        }
        f
    };
    let objections: Vec<String> = seen.borrow_mut().strings(pb, neg, group, "objections");
    let objections = (!objections.is_empty()).then_some((objections, None));
    [
        (
            Readiness::Commitment,
            get("client_commitment"),
            fill("client_commitment"),
        ),
        (Readiness::Proposal, proposal, proposal_fill),
        (Readiness::Objections, objections, fill("objections")),
        (
            Readiness::AllOnTable,
            get("objections_confirmed"),
            fill("objections_confirmed"),
        ),
    ]
    .into_iter()
    .map(|(which, evidence, fill)| {
        let (evidence, date) = evidence.map_or((Vec::new(), None), |(e, d)| (e, d));
        Condition {
            which,
            met: !evidence.is_empty() || date.is_some(),
            evidence,
            date,
            fill,
        }
    })
    .collect()
}

fn disagreements(pb: &Playbook, group: &Record<'_, '_>, seen: &Seen) -> Vec<Disagreement> {
    let (d_scope, o_scope) = (Scope::Record("disagreement"), Scope::Record("option"));
    let hidden = || crate::domain::privacy::hidden(pb).to_string();
    group
        .nested("disagreements")
        .iter()
        .map(|d| Disagreement {
            topic: text(seen, pb, d_scope, d, "topic").unwrap_or_else(|| {
                if d.str("topic").is_some_and(|t| !t.trim().is_empty()) {
                    hidden()
                } else {
                    String::new()
                }
            }),
            details: text(seen, pb, d_scope, d, "details"),
            client_need: text(seen, pb, d_scope, d, "client_need"),
            our_need: text(seen, pb, d_scope, d, "our_need"),
            options: d
                .nested("options")
                .iter()
                .filter_map(|o| {
                    o.str("option").filter(|t| !t.trim().is_empty())?;
                    Some(NegotiationOption {
                        option: text(seen, pb, o_scope, o, "option").unwrap_or_else(hidden),
                        client_value: text(seen, pb, o_scope, o, "client_value"),
                        our_cost: text(seen, pb, o_scope, o, "our_cost"),
                    })
                })
                .collect(),
        })
        .collect()
}

/// Every key of a keyed field of the group, in the order of its enumeration, with its entry.
fn keyed<T>(
    pb: &Playbook,
    group: Option<&Record<'_, '_>>,
    field: &str,
    mut read: impl FnMut(&Record<'_, '_>) -> T,
) -> Vec<Keyed<T>> {
    let keys = pb
        .archive_field(&path(field))
        .and_then(|f| f.keys.as_deref())
        .and_then(|k| pb.enum_values(k))
        .unwrap_or_default();
    let table = group.and_then(|g| g.value(field)).and_then(as_table);
    keys.iter()
        .map(|k| Keyed {
            key: k.id.clone(),
            label: k.label.clone(),
            value: table
                .and_then(|t| t.get(k.id.as_str()))
                .and_then(|n| as_table(n.get_ref()).map(|t| Record::new(t, n.span())))
                .map(|r| read(&r)),
        })
        .collect()
}
