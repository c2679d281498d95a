//! The guidance part of a report: the open situations recorded on the account (the client's
//! objections and competitors' moves, by kind) with the playbook's answer to each, and the topics
//! of guidance that apply to this report, stage, visit form, situations, procurement map and
//! approach. Only what applies is shown.

use crate::domain::account::Account;
use crate::domain::guide::{Situation, scene_of, situations, topics_for, topics_of_kind};
use crate::domain::playbook::Playbook;
use crate::domain::playbook::method::{Case, Topic};
use crate::domain::privacy::{self, Scope};
use crate::domain::report::{Omitted, contact_name};

/// A topic as a report shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicView {
    pub id: String,
    pub label: String,
    pub summary: String,
    pub points: Vec<String>,
    /// Each case's label and answer, and whether a recorded situation names it.
    pub cases: Vec<CaseView>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CaseView {
    pub label: String,
    pub answer: String,
    pub recorded: bool,
}

/// An open objection or competitor move, with the playbook's answer to its case.
#[derive(Debug, Clone, PartialEq)]
pub struct SituationView {
    pub text: String,
    /// Who raised it: the contact's name, or the competitor.
    pub by: Option<String>,
    pub date: Option<chrono::NaiveDate>,
    /// The label of its kind.
    pub kind: Option<String>,
    /// The label of its case, and the playbook's answer to it.
    pub case: Option<(String, String)>,
    /// Our answer or response as recorded.
    pub answer: Option<String>,
    pub move_: bool,
}

/// The guidance of one report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Guidance {
    pub situations: Vec<SituationView>,
    pub topics: Vec<TopicView>,
}

impl Guidance {
    pub fn is_empty(&self) -> bool {
        self.situations.is_empty() && self.topics.is_empty()
    }
}

/// The case a situation names, from the topics of guidance for its kind.
fn case_of<'p>(pb: &'p Playbook, s: &Situation<'_>) -> Option<&'p Case> {
    let (kind, reason) = (s.kind?, s.reason?);
    topics_of_kind(pb, kind).find_map(|t| t.case(reason))
}

fn topic_view(t: &Topic, recorded: &[&str]) -> TopicView {
    TopicView {
        id: t.id.clone(),
        label: t.label.clone(),
        summary: t.summary.trim().to_string(),
        points: t.points.iter().map(|p| p.trim().to_string()).collect(),
        cases: t
            .cases
            .iter()
            .map(|c| CaseView {
                label: c.label.clone(),
                answer: c.answer.trim().to_string(),
                recorded: recorded.contains(&c.id.as_str()),
            })
            .collect(),
    }
}

/// An open situation as the report may show it: personal data the playbook marks sensitive is
/// left out (the text itself becomes "(hidden)", so the case and its answer still show).
fn situation_view(pb: &Playbook, account: &Account<'_>, s: &Situation<'_>, o: &mut Omitted) -> SituationView {
    let (record, text_key, answer_key, date_scope) = if s.move_ {
        ("competitor_move", "move", "response", Scope::Record("competitor_move"))
    } else {
        ("objection", "objection", "answer", Scope::Record("visits"))
    };
    let scope = Scope::Record(record);
    let text = if o.allows(pb, scope, text_key) {
        s.text.trim().to_string()
    } else {
        privacy::hidden(pb).to_string()
    };
    let by = s.by.and_then(|b| {
        if s.move_ {
            Some(o.name(pb, Scope::Record("competitors"), "name", b))
        } else {
            o.allows(pb, scope, "by")
                .then(|| contact_name(pb, account, b, o.include))
        }
    });
    SituationView {
        text,
        by,
        date: s.date.filter(|_| o.allows(pb, date_scope, "date")),
        kind: s.kind.map(|k| pb.enum_label("situation", k).to_string()),
        case: case_of(pb, s).map(|c| (c.label.clone(), c.answer.trim().to_string())),
        answer: s
            .answer
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .filter(|_| o.allows(pb, scope, answer_key)),
        move_: s.move_,
    }
}

/// The guidance of a report (`visit`, `negotiation`, `reception`) on an account; `form` is the
/// planned visit's form, when there is one. The situations to answer belong to the reports that
/// prepare talks with the client: the visit plan and the negotiation brief.
pub fn guidance(pb: &Playbook, account: &Account<'_>, report: &str, form: Option<&str>, o: &mut Omitted) -> Guidance {
    let found = if matches!(report, "visit" | "negotiation") {
        situations(account)
    } else {
        Vec::new()
    };
    let open: Vec<&Situation<'_>> = found.iter().filter(|s| !s.resolved).collect();
    let recorded: Vec<&str> = open.iter().filter_map(|s| s.reason).collect();
    let scene = scene_of(account, report, form, &found);
    Guidance {
        situations: open.iter().map(|s| situation_view(pb, account, s, o)).collect(),
        topics: topics_for(pb, &scene)
            .into_iter()
            .map(|t| topic_view(t, &recorded))
            .collect(),
    }
}
