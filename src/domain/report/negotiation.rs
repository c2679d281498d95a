//! The negotiation brief (seed 001 §11): are we ready to negotiate, the three-party analysis,
//! the SMART goal, every disagreement with its options, the packages and the team — built from
//! the account's `[negotiation]` group, its archive, people and competitors. Empty parts stay
//! empty here; the renderer flags them and prompts to fill them in.

use chrono::NaiveDate;

use crate::domain::account::Account;
use crate::domain::account::value::{Record, as_array, as_table};
use crate::domain::playbook::{Field, Playbook};
use crate::domain::report::{Header, Omitted, Shown, Slot, archive_slot, field_of, header, text_of};

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
    pub competitors: Vec<Competitor>,
    pub goal: Vec<(Smart, Slot)>,
    /// What is agreed so far (summarised at the opening).
    pub agreed: Vec<String>,
    pub disagreements: Vec<Disagreement>,
    pub packages: Vec<Keyed<Package>>,
    pub team: Vec<Keyed<String>>,
    /// The playbook's currency, for amounts written without one.
    pub currency: String,
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
pub struct DecisionMaker {
    pub name: String,
    pub title: Option<String>,
    pub stance: Option<String>,
    pub closeness: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Competitor {
    pub name: String,
    /// Their proposal and tactics always (empty ones are prompts), other facts when known.
    pub slots: Vec<Slot>,
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
    let us_refs: Vec<&str> = us_paths.iter().map(String::as_str).collect();
    let us = slots(&us_refs, &us_refs, &mut omitted);
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
        readiness: readiness(group.as_ref(), today),
        us,
        client,
        decision_makers: decision_makers(pb, account, &mut omitted),
        competitors: competitors(pb, account, &mut omitted),
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

/// The terms a preliminary proposal states (seed 001: 「商務、解決方案、服務等條款的初步提案」).
const PROPOSAL_TERMS: [&str; 3] = ["proposal_commercial", "proposal_solution", "proposal_service"];

fn readiness(group: Option<&Record<'_, '_>>, today: NaiveDate) -> Vec<Condition> {
    let get = |key: &str| -> Option<Evidence> { Some((vec![group.and_then(|g| text(g, key))?], None)) };
    let fill = |key: &str| format!("[{GROUP}] {key}");
    // Out means its commercial, solution and service terms are written and it was sent on or
    // before today; a quote alone, or a proposal dated later, is not out.
    let terms: Vec<Option<String>> = PROPOSAL_TERMS.iter().map(|t| group.and_then(|g| text(g, t))).collect();
    let sent = group.and_then(|g| g.date("proposal_date"));
    let proposal_missing: Vec<&str> = PROPOSAL_TERMS
        .iter()
        .zip(&terms)
        .filter(|(_, t)| t.is_none())
        .map(|(k, _)| *k)
        .chain(sent.as_ref().is_none_or(|d| *d > today).then_some("proposal_date"))
        .collect();
    let proposal = proposal_missing
        .is_empty()
        .then(|| (terms.iter().flatten().cloned().collect::<Vec<_>>(), sent));
    let proposal_fill = if proposal_missing.is_empty() {
        fill("proposal_commercial")
    } else {
        let mut f = fill(&proposal_missing.join(", "));
        if let Some(d) = sent.filter(|d| *d > today) {
            f = format!("{f} (the proposal is dated {d}: planned, not sent yet)");
        }
        f
    };
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

fn contact_fields(pb: &Playbook) -> &[Field] {
    pb.record_type("contacts").map_or(&[], |r| r.fields.as_slice())
}

fn decision_makers(pb: &Playbook, account: &Account<'_>, omitted: &mut Omitted) -> Vec<DecisionMaker> {
    let fields = contact_fields(pb);
    account
        .contacts
        .iter()
        .filter(|c| account.contact_layer(pb, c) == Some("decision"))
        .map(|c| {
            let mut get = |id: &str| field_of(pb, account, fields, c, id, omitted);
            DecisionMaker {
                name: c.str("name").unwrap_or_default().to_string(),
                title: text_of(get("title")),
                stance: text_of(get("stance")),
                closeness: match get("closeness") {
                    Some(Shown::Rating(r)) => Some(r),
                    _ => None,
                },
            }
        })
        .collect()
}

fn competitors(pb: &Playbook, account: &Account<'_>, omitted: &mut Omitted) -> Vec<Competitor> {
    let Some(rt) = pb.record_type("competitors") else {
        return Vec::new();
    };
    account
        .competitors
        .iter()
        .map(|c| {
            let slots = [
                "proposal",
                "tactics",
                "current_supplier",
                "closeness",
                "strengths",
                "weaknesses",
            ]
            .into_iter()
            .filter_map(|id| {
                let field = rt.field(id)?;
                let value = field_of(pb, account, &rt.fields, c, id, omitted);
                let always = matches!(id, "proposal" | "tactics");
                (value.is_some() || always).then(|| Slot {
                    label: field.label.clone(),
                    path: format!("[[competitors]] {id}"),
                    value,
                })
            })
            .collect();
            Competitor {
                name: c.str("name").unwrap_or_default().to_string(),
                slots,
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
