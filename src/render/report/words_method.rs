//! The words of the playbook's method beyond the pipeline — guidance, receptions, approvals and
//! expenses, the people game, classes and planning — by message id, with their English text.
//! Kept apart from [`super::words::WORDS`] only to keep each table readable; [`super::words`]
//! looks ids up in both.

/// Every message id of the method's reports and hints with its English text.
pub const METHOD_WORDS: &[(&str, &str)] = &[
    ("guide.section", "Guidance"),
    ("guide.situations", "Situations to answer"),
    ("guide.kind_case", "{kind}: {case}"),
    ("guide.advice", "The playbook: {answer}"),
    ("guide.our_answer", "Our answer: {answer}"),
    ("guide.our_response", "Our response: {answer}"),
    ("guide.case", "{case} → {answer}"),
    ("guide.case_here", "{case} → {answer} (on this account)"),
    ("guide.case_only_here", "{case} (on this account)"),
    ("guide.list_title", "Guidance topics"),
    ("guide.topic", "Topic"),
    ("guide.shown", "Shown"),
    ("guide.only_here", "only here"),
    ("guide.more", "`kam guide TOPIC` prints a topic in full."),
    ("guide.shown_in", "Shown in: {places}"),
    ("guide.report_visit", "the visit plan"),
    ("guide.report_negotiation", "the negotiation brief"),
    ("guide.report_reception", "the reception plan"),
    ("guide.any_report", "the reports"),
    ("guide.at_stages", "at {stages}"),
    ("guide.for_forms", "for {forms}"),
    ("guide.for_situations", "for {situations}"),
    ("guide.for_steps", "with {steps} mapped"),
    ("guide.for_approaches", "for the approach {approaches}"),
    ("guide.for_items", "`kam gate`, under {items} not met"),
    ("guide.or", " · "),
    ("guide.place_join", " "),
    ("guide.hint", "Guidance: kam guide {topic} — {label}"),
    ("visit.quote_shows", "Shows {strengths}"),
    ("visit.quote_lacks", "The quote does not show yet: {strengths}"),
    ("negotiation.process", "The client's decision process"),
    (
        "negotiation.no_process",
        "The procurement process is not mapped: fill in [procurement.steps] — who plays which role in each step",
    ),
    ("negotiation.step", "Step"),
    (
        "negotiation.team_criteria",
        "Pick people who know the business and have negotiation experience.",
    ),
];
