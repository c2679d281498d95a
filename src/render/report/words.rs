//! The words of the reports: headings and fixed phrases, by message id. The playbook's `text:`
//! map gives them (so a translated playbook gives a translated report); this table is the
//! English fallback for a playbook that lacks an id, and the list of ids a playbook may translate.
//! Phrases take arguments written `{name}`.

use crate::domain::playbook::Playbook;
use crate::render::report::words_method::METHOD_WORDS;

/// Every message id of the reports with its English text.
pub const WORDS: &[(&str, &str)] = &[
    ("report.list_separator", ", "),
    ("report.item_separator", "; "),
    ("report.colon", ": "),
    ("report.aside", "{main} ({aside})"),
    ("report.fact", "{label}: {value}"),
    ("report.yes", "Yes"),
    ("report.no", "No"),
    ("report.to_fill", "to fill in: {where}"),
    (
        "report.stage_days",
        "{stage} — {days} days in this stage (since {since})",
    ),
    ("report.tier", "Tier"),
    ("report.tier_scores", "{tier} (value {value}, difficulty {difficulty})"),
    ("report.tier_unrated", "not assessed: {n} value factors not rated yet"),
    (
        "report.omitted",
        "Personal data left out: {n} values ({kinds}). Add --include-sensitive to include them.",
    ),
    ("report.due", "due {date}"),
    ("privacy.hidden", "(hidden)"),
    ("report.overdue", "overdue"),
    ("visit.title", "Visit plan: {client}"),
    ("visit.overview", "The client and the visit"),
    ("visit.today", "today"),
    ("visit.in_days", "in {days} days"),
    ("visit.days_ago", "{days} days ago"),
    (
        "visit.no_entry_on",
        "No visit is recorded on {date}: add a [[visits]] entry with date = {date}, form, place, attendees, our_team, goals, opening, questions, commitment and materials",
    ),
    (
        "visit.no_planned",
        "No visit planned: add a [[visits]] entry dated today or later with date, form, place, attendees, our_team, goals, opening, questions, commitment and materials",
    ),
    ("visit.fill_field", "{field}: write `{key}` in the visit entry"),
    ("visit.background", "Background"),
    (
        "visit.no_archive",
        "The client archive is empty: fill in [company], [procurement] and the other groups",
    ),
    ("visit.relationship", "The relationship so far"),
    ("visit.no_history", "No visits before this one."),
    ("visit.outcome", "Outcome"),
    ("visit.earlier", "{n} earlier visits are in the account file."),
    ("visit.followups", "Open follow-ups"),
    ("visit.nothing_open", "Nothing open."),
    ("visit.no_report", "Visit of {date}: no visit report yet"),
    (
        "visit.not_followed_up",
        "Visit of {date}: follow up with the client by {due}",
    ),
    ("visit.goals", "Goals of this visit"),
    (
        "visit.goals_prompt",
        "Goals: write `goals` in the visit entry — learn their needs, build trust, get information, win support for the project, establish cooperation",
    ),
    (
        "visit.at_outcome",
        "The account is at “{outcome}”: no stage gate applies.",
    ),
    (
        "visit.gate_ready",
        "Every exit item of the current stage is met: the account can move on to “{next}”.",
    ),
    (
        "visit.gate_goals",
        "Suggested goals — what the account still needs to move on to “{next}”",
    ),
    ("visit.gate_evidence", "{item} — evidence: {evidence}"),
    ("visit.people", "Who we meet"),
    ("visit.attends", "At this visit"),
    (
        "visit.no_contacts",
        "No contacts recorded: add [[contacts]] with their roles, stance and closeness",
    ),
    ("visit.profiles", "Profiles"),
    ("visit.gap_no_decision_maker", "No decision-maker identified"),
    ("visit.gap_no_coach", "No coach identified"),
    (
        "visit.gap_unassessed",
        "{name}, in the decision layer: {missing} not assessed",
    ),
    (
        "visit.gap_veto_not_met",
        "{role} holds a veto and has not been met: {names}",
    ),
    ("visit.gap_veto_attends", "this visit is the first meeting"),
    (
        "visit.gap_veto_unknown",
        "{role} holds a veto and nobody in that role is known",
    ),
    (
        "visit.gap_veto_against",
        "{name} ({role}) holds a veto and stands against us ({stance}): defuse the opposition before anything else",
    ),
    ("visit.team", "Our team"),
    ("visit.questions", "Questions they may ask, and our answers"),
    ("visit.materials", "Materials and resources"),
    ("visit.quote", "Quote"),
    ("visit.quote_sent", "{quote} (sent {date})"),
    (
        "visit.gift_over",
        "Gift value {value} is over the policy limit of {limit} per person: the director must approve it",
    ),
    ("visit.gift_within", "within the policy limit of {limit} per person"),
    (
        "visit.gift_no_rate",
        "no exchange rate in the playbook to check it against the limit",
    ),
    ("visit.gift_limit", "Gift limit per person"),
    ("visit.after", "After the visit"),
    (
        "visit.report_due",
        "Write the visit report by {date} ({days} days after the visit): time, place, form, key points, the client's view, next step",
    ),
    (
        "visit.followup_call",
        "Call or visit by {date} for the client's opinion",
    ),
    (
        "visit.next_contact",
        "Set up the next contact: every visit sets up the next one",
    ),
    (
        "visit.report_within",
        "Write the visit report within {days} days after the visit: time, place, form, key points, the client's view, next step",
    ),
    (
        "visit.followup_within",
        "Call or visit within {days} days after the visit for the client's opinion",
    ),
    ("negotiation.title", "Negotiation brief: {client}"),
    ("negotiation.meeting", "Negotiation meeting"),
    ("negotiation.readiness", "Readiness to negotiate"),
    (
        "negotiation.ready_commitment",
        "The client gave conditions and a clear commitment",
    ),
    (
        "negotiation.ready_proposal",
        "Our preliminary proposal (commercial, solution, service terms) is out",
    ),
    (
        "negotiation.ready_objections",
        "The client raised objections the proposal cannot answer",
    ),
    ("negotiation.ready_all_on_table", "All objections are on the table"),
    ("negotiation.met", "met"),
    ("negotiation.not_met", "not met"),
    ("negotiation.condition", "Condition"),
    ("negotiation.status", "Status"),
    ("negotiation.evidence", "Evidence"),
    (
        "negotiation.ready",
        "All {total} conditions are met: ready to negotiate.",
    ),
    (
        "negotiation.not_ready",
        "{met} of {total} conditions met: not ready to negotiate yet",
    ),
    ("negotiation.three_parties", "Three-party analysis"),
    ("negotiation.us", "Us"),
    ("negotiation.client", "The client"),
    ("negotiation.competitors", "Competitors"),
    ("negotiation.decision_makers", "Decision layer"),
    (
        "negotiation.no_competitors",
        "No competitor recorded: add [[competitors]] with their proposal and tactics",
    ),
    ("negotiation.goal", "The goal (SMART)"),
    ("negotiation.smart_part", "Part"),
    ("negotiation.goal_value", "Goal"),
    ("negotiation.smart_specific", "Specific"),
    ("negotiation.smart_measurable", "Measurable"),
    ("negotiation.smart_achievable", "Achievable"),
    ("negotiation.smart_relevant", "Relevant"),
    ("negotiation.smart_time_bound", "Time-bound"),
    ("negotiation.smart_missing", "The goal lacks: {parts}"),
    ("negotiation.disagreements", "Disagreements and options"),
    (
        "negotiation.few_options",
        "Options prepared: {n} — prepare at least two solutions for every disagreement",
    ),
    (
        "negotiation.no_disagreements",
        "No disagreement listed: write every possible disagreement under [[negotiation.disagreements]], each with its options",
    ),
    ("negotiation.packages", "Packages"),
    ("negotiation.package", "Package"),
    ("negotiation.packages_missing", "Missing packages: {packages}"),
    ("negotiation.team", "Negotiation team"),
    ("negotiation.role", "Role"),
    ("negotiation.team_missing", "Unassigned roles: {roles}"),
    ("negotiation.agenda", "Agenda"),
    ("negotiation.agenda_opening", "Opening"),
    ("negotiation.agenda_summarise", "Summarise what is agreed so far"),
    ("negotiation.agenda_agreed", "Summarise what is agreed: {points}"),
    ("negotiation.agenda_confirm", "Confirm every open point: {points}"),
    ("negotiation.agenda_propose", "Propose the agenda"),
    ("negotiation.agenda_point", "Consultation: {topic}"),
    ("negotiation.agenda_details", "Details: {text}"),
    ("negotiation.agenda_client_need", "The client's underlying need: {text}"),
    ("negotiation.agenda_our_need", "Our need: {text}"),
    (
        "negotiation.agenda_options",
        "Solutions: {text} — ask for the client's view",
    ),
    (
        "negotiation.agenda_deadlock",
        "On deadlock, propose changing the agenda",
    ),
    ("negotiation.agenda_close_point", "Summarise and close the point"),
    ("negotiation.agenda_closing", "Closing"),
    ("negotiation.agenda_solution", "The overall solution and the conclusion"),
    ("negotiation.agenda_benefits", "What the solution brings to both sides"),
    ("negotiation.agenda_next", "Confirm the next steps"),
    (
        "negotiation.agenda_no_points",
        "Disagreements to fill in: the agenda gets one consultation block per point",
    ),
    ("negotiation.reminders", "Principles and ways to settle a difference"),
    ("negotiation.principles", "Principles"),
    ("negotiation.principle_people", "Separate the people from the problem"),
    ("negotiation.principle_interests", "Focus on interests, not positions"),
    ("negotiation.principle_options", "Offer several options for mutual gain"),
    (
        "negotiation.principle_criteria",
        "Insist on objective criteria: standards, custom, law, precedent, expert opinion",
    ),
    ("negotiation.settle", "Four ways to settle a difference"),
    ("negotiation.settle_trade", "Trade — the first choice: both sides gain"),
    (
        "negotiation.settle_value",
        "Added value — make up with other value for what we cannot give",
    ),
    (
        "negotiation.settle_split",
        "Split the difference — each side gives a step",
    ),
    (
        "negotiation.settle_concede",
        "Concede — give way to meet the client's need",
    ),
];

/// Every message id a playbook may translate, with its English text: the reports' words (those
/// of the reports after the deal included), the method's (guidance, receptions, expenses, the
/// people game) and the agenda's (each kind of agenda item brings its own, see `domain::agenda`).
pub fn all_words() -> Vec<(&'static str, &'static str)> {
    WORDS
        .iter()
        .chain(crate::render::report::words_after_deal::WORDS)
        .copied()
        .chain(METHOD_WORDS.iter().copied())
        .chain(crate::domain::agenda::words())
        .chain(crate::render::director::words::DIRECTOR_WORDS.iter().copied())
        .collect()
}

/// The reports' and the method's message ids with their English text.
fn report_words() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    WORDS
        .iter()
        .chain(METHOD_WORDS)
        .chain(crate::render::report::words_after_deal::WORDS)
}

/// The English text of a message id; empty for an unknown id (debug builds assert on it).
pub fn english(id: &str) -> &'static str {
    report_words().find(|(k, _)| *k == id).map_or("", |(_, v)| v)
}

/// The words of one playbook.
#[derive(Debug, Clone)]
pub struct Words<'p> {
    pb: &'p Playbook,
}

impl<'p> Words<'p> {
    pub fn new(pb: &'p Playbook) -> Self {
        Words { pb }
    }

    /// The text of a message id in the playbook's words.
    pub fn get(&self, id: &str) -> &'p str {
        debug_assert!(report_words().any(|(k, _)| *k == id), "unknown message id {id}");
        self.pb.text(id, english(id))
    }

    /// The text of a message id with its `{name}` arguments filled in.
    pub fn fill(&self, id: &str, args: &[(&str, &str)]) -> String {
        let mut text = self.get(id).to_string();
        for (name, value) in args {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn text_map(name: &str, yaml: &str) -> std::collections::BTreeMap<String, String> {
        crate::domain::test_support::load(name, yaml).unwrap().doc.text
    }

    #[test]
    fn the_default_playbook_holds_every_word_in_english() {
        let text = text_map("kam.yaml", crate::domain::test_support::DEFAULT_PLAYBOOK);
        let all = all_words();
        for (id, english) in &all {
            assert_eq!(
                text.get(*id).map(String::as_str),
                Some(*english),
                "text.{id} in assets/kam.yaml"
            );
        }
        // Ids no code uses are found by the language test, which reads every text id of the code.
    }

    #[test]
    fn the_chinese_playbook_translates_every_word() {
        let yaml = include_str!("../../../examples/playbooks/zh-CN.yaml");
        let text = text_map("zh-CN.yaml", yaml);
        let all = all_words();
        let ids: Vec<&str> = all.iter().map(|(id, _)| *id).collect();
        let missing: Vec<&&str> = ids.iter().filter(|id| !text.contains_key(**id)).collect();
        assert!(missing.is_empty(), "zh-CN lacks {missing:?}");
        for (id, english) in &all {
            // Every {argument} of the English text is kept.
            for arg in english
                .split('{')
                .skip(1)
                .filter_map(|a| a.split_once('}'))
                .map(|(a, _)| a)
            {
                assert!(text[*id].contains(&format!("{{{arg}}}")), "text.{id} lacks {{{arg}}}");
            }
        }
    }

    #[test]
    fn ids_are_unique() {
        let mut seen = HashSet::new();
        for (id, _) in all_words() {
            assert!(seen.insert(id), "duplicate message id {id}");
        }
    }
}
