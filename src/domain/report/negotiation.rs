//! The negotiation brief (seed 001 §11): are we ready to negotiate, the three-party analysis,
//! the SMART goal, every disagreement with its options, the packages and the team — built from
//! the account's `[negotiation]` group, its archive, people and competitors. Empty parts stay
//! empty here; the renderer flags them and prompts to fill them in.

use chrono::NaiveDate;

use crate::domain::account::Account;
use crate::domain::account::value::{Record, as_array, as_table};
use crate::domain::playbook::Playbook;
use crate::domain::report::guidance::{Guidance, guidance};
use crate::domain::report::negotiation_parties as parties;
pub use crate::domain::report::negotiation_parties::{Competitor, DecisionMaker, ProcessStep};
use crate::domain::report::{Header, Omitted, Slot, archive_slot, header};

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
    /// The date of the evidence (the proposal's or the quote's).
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

fn text(record: &Record<'_, '_>, key: &str) -> Option<String> {
    record
        .str(key)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
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
    let mut omitted = Omitted::new(include_sensitive);
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
    let us = slots(&us_refs, &us_always, &mut omitted);
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
    let client = slots(&client_paths, &[pains.as_str(), tactics.as_str()], &mut omitted);
    let goal = [
        (Smart::Specific, "goal"),
        (Smart::Measurable, "goal_measure"),
        (Smart::Achievable, "goal_achievable"),
        (Smart::Relevant, "goal_relevant"),
        (Smart::TimeBound, "goal_date"),
    ]
    .into_iter()
    .filter_map(|(part, id)| Some((part, archive_slot(pb, account, &path(id), &mut omitted)?)))
    .collect();
    NegotiationReport {
        header: header(pb, account, today),
        meeting: meeting(account, today),
        readiness: readiness(account, group.as_ref()),
        us,
        client,
        decision_makers: parties::decision_makers(pb, account, &mut omitted),
        process: parties::process(pb, account, &mut omitted),
        competitors: parties::competitors(pb, account, &mut omitted),
        goal,
        agreed: group
            .map(|g| g.list("agreed").into_iter().map(str::to_string).collect())
            .unwrap_or_default(),
        disagreements: group.map(|g| disagreements(&g)).unwrap_or_default(),
        packages: keyed(pb, group.as_ref(), "packages", |r| Package {
            offer: text(r, "offer"),
            client_value: text(r, "client_value"),
            our_value: text(r, "our_value"),
        }),
        team: keyed(pb, group.as_ref(), "team", |r| text(r, "who"))
            .into_iter()
            .map(|k| Keyed {
                key: k.key,
                label: k.label,
                value: k.value.flatten(),
            })
            .collect(),
        currency: pb.doc.policy.currency.clone(),
        guidance: guidance(pb, account, "negotiation", None),
        omitted,
    }
}

fn meeting(account: &Account<'_>, today: NaiveDate) -> Option<Meeting> {
    account
        .visits
        .iter()
        .filter(|v| v.str("form") == Some("negotiation"))
        .filter_map(|v| Some((v.date("date").filter(|d| *d >= today)?, v)))
        .min_by_key(|(d, _)| *d)
        .map(|(date, v)| Meeting {
            date,
            place: text(v, "place"),
        })
}

/// Evidence of a readiness condition: what was written, and its date when there is one.
type Evidence = (Vec<String>, Option<NaiveDate>);

fn readiness(account: &Account<'_>, group: Option<&Record<'_, '_>>) -> Vec<Condition> {
    let get = |key: &str| -> Option<Evidence> { Some((vec![group.and_then(|g| text(g, key))?], None)) };
    let fill = |key: &str| format!("[{GROUP}] {key}");
    let proposal = get("proposal").map(|(p, _)| (p, group.and_then(|g| g.date("proposal_date"))));
    // A quote sent in the relationship stage is a preliminary commercial proposal too.
    let quote = account.group("simulation").and_then(|s| {
        let date = s.date("quote_date")?;
        Some((text(&s, "quote").into_iter().collect(), Some(date)))
    });
    let objections: Vec<String> = group
        .map(|g| g.list("objections"))
        .unwrap_or_default()
        .into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let objections = (!objections.is_empty()).then_some((objections, None));
    [
        (
            Readiness::Commitment,
            get("client_commitment"),
            fill("client_commitment"),
        ),
        (Readiness::Proposal, proposal.or(quote), fill("proposal")),
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

fn tables<'t>(record: &Record<'t, 't>, key: &str) -> Vec<Record<'t, 't>> {
    record
        .node(key)
        .and_then(|n| as_array(n.get_ref()))
        .unwrap_or_default()
        .iter()
        .filter_map(|n| as_table(n.get_ref()).map(|t| Record::new(t, n.span())))
        .collect()
}

fn disagreements(group: &Record<'_, '_>) -> Vec<Disagreement> {
    tables(group, "disagreements")
        .iter()
        .map(|d| Disagreement {
            topic: text(d, "topic").unwrap_or_default(),
            details: text(d, "details"),
            client_need: text(d, "client_need"),
            our_need: text(d, "our_need"),
            options: tables(d, "options")
                .iter()
                .filter_map(|o| {
                    Some(NegotiationOption {
                        option: text(o, "option")?,
                        client_value: text(o, "client_value"),
                        our_cost: text(o, "our_cost"),
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
    read: impl Fn(&Record<'_, '_>) -> T,
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
