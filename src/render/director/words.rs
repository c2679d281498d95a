//! The words of the director's views (`kam stats`, `kam forecast`, `kam history`, the dashboard),
//! by message id, with their English text. Like the reports' words they come from the playbook's
//! `text:` map, so a Chinese playbook gives a Chinese dashboard; an id the playbook lacks falls
//! back to English. Stage, outcome and tier labels come from the playbook itself.

use crate::domain::playbook::Playbook;

/// Every message id of the director's views with its English text.
pub const DIRECTOR_WORDS: &[(&str, &str)] = &[
    ("director.stage", "Stage"),
    ("director.now", "Now"),
    ("director.entered", "Entered"),
    ("director.left", "Left"),
    ("director.advanced", "Moved on"),
    ("director.conversion", "Conversion"),
    ("director.median_days", "Median days"),
    ("director.p90_days", "90th pct days"),
    ("director.median_short", "Median"),
    ("director.p90_short", "P90"),
    ("director.period", "{since} to {until}"),
    ("director.period_all", "all history up to {until}"),
    ("director.accounts", "{n} accounts"),
    ("director.as_of", "As committed at the end of {date} (commit {commit})"),
    ("director.none", "(none)"),
    ("director.owner", "Owner"),
    ("director.tier", "Tier"),
    ("director.class", "Class"),
    ("director.region", "Region"),
    ("director.account", "Account"),
    ("director.date", "Date"),
    ("stats.title", "Pipeline statistics — {period}"),
    ("stats.outcomes", "Outcomes in the period"),
    ("stats.at_end", "At the end"),
    ("stats.reached", "Reached"),
    ("stats.win_rate", "Win rate"),
    ("stats.win_rate_line", "Win rate {rate}: {won} won of {decided} decided"),
    (
        "stats.no_decided",
        "Win rate —: no account was won or lost in the period",
    ),
    ("stats.reasons", "Why accounts ended"),
    ("stats.no_reason", "no reason given"),
    ("stats.by", "By {key}"),
    ("stats.in_pipeline", "In pipeline"),
    ("stats.new", "New"),
    (
        "stats.calibration",
        "Scoring calibration — the tier when leaving “{stage}”",
    ),
    ("stats.calibration_none", "No account left “{stage}” in the period."),
    ("stats.open", "Open"),
    ("stats.not_assessed", "not assessed"),
    ("stats.what_if", "Under the weights {weights}"),
    (
        "stats.moved",
        "{n} of {total} accounts change tier under these weights.",
    ),
    (
        "stats.from_today",
        "{n} of {total} scored from today's file: git holds no version from the day they left.",
    ),
    ("stats.chart_title", "Accounts per stage"),
    (
        "stats.days_note",
        "Median, P90: days in the stage of the stays that ended in the period; conversion: the share of them that moved on.",
    ),
    ("forecast.title", "Forecast — open pipeline as of {date}"),
    ("forecast.currency", "In {currency}"),
    ("forecast.month", "Month"),
    ("forecast.accounts", "Accounts"),
    ("forecast.unweighted", "Unweighted"),
    ("forecast.weighted", "Weighted"),
    ("forecast.no_date", "no date"),
    ("forecast.total", "Total"),
    ("forecast.amount", "Amount"),
    ("forecast.probability", "Probability"),
    ("forecast.probability_short", "Prob."),
    (
        "forecast.stage_note",
        "* the stage's probability: the account's [expectation] gives no success_rate.",
    ),
    ("forecast.late", "date passed"),
    ("forecast.lines", "The accounts behind the figures"),
    (
        "forecast.without_amount",
        "Open accounts without an expected amount ({n}): {ids}",
    ),
    (
        "forecast.withheld",
        "The playbook marks the expectation as personal data: the forecast is not shown.",
    ),
    (
        "forecast.empty",
        "No open account has an expected amount: write amount, target_date and success_rate under [expectation].",
    ),
    ("history.title", "History of {account}"),
    ("history.none", "No commit changed this account."),
    ("history.commits", "{n} commits"),
    ("history.handover", "owner"),
    ("history.file", "file"),
    ("dashboard.title", "Pipeline"),
    ("dashboard.generated", "As of {date} · {n} accounts · {period}"),
    ("dashboard.matrix", "Value × difficulty"),
    ("dashboard.value", "Value"),
    ("dashboard.difficulty", "Difficulty"),
    ("matrix.low_value", "Low value"),
    ("matrix.high_value", "High value"),
    ("matrix.low_difficulty", "Low difficulty"),
    ("matrix.high_difficulty", "High difficulty"),
    ("dashboard.density", "{n} accounts: each cell shows how many lie in it"),
    (
        "dashboard.unscored",
        "{n} accounts without a tier are not in the matrix (factors unrated).",
    ),
    (
        "director.bars_legend",
        "Light bars, behind: {back} · dark bars, in front: {front}",
    ),
    ("dashboard.open_accounts", "in the pipeline"),
    ("dashboard.closed_accounts", "won, lost or paused"),
    (
        "dashboard.closed_left_out",
        "{n} won, lost or paused accounts are not in the density.",
    ),
    ("dashboard.funnel", "Funnel"),
    ("dashboard.days", "Days in stage"),
    ("dashboard.forecast", "Forecast by month"),
    ("dashboard.agenda", "Next 14 days"),
    ("dashboard.agenda_empty", "Nothing due."),
    ("dashboard.more", "{n} more: `kam due --within 14` lists them all."),
    ("dashboard.owners", "By owner"),
    ("dashboard.late", "late"),
    ("dashboard.flagged", "Flagged"),
    ("dashboard.due", "Due"),
    (
        "dashboard.footer",
        "Made by kam from the account files; no personal data.",
    ),
];

/// The English text of a director's message id, if it is one.
pub fn english(id: &str) -> Option<&'static str> {
    DIRECTOR_WORDS.iter().find(|(k, _)| *k == id).map(|(_, v)| *v)
}

/// The words of one playbook for the director's views.
#[derive(Debug, Clone, Copy)]
pub struct Words<'p> {
    pb: &'p Playbook,
}

impl<'p> Words<'p> {
    pub fn new(pb: &'p Playbook) -> Self {
        Words { pb }
    }

    pub fn get(&self, id: &str) -> &'p str {
        debug_assert!(english(id).is_some(), "unknown message id {id}");
        self.pb.text(id, english(id).unwrap_or(""))
    }

    /// The text with its `{name}` arguments filled in.
    pub fn fill(&self, id: &str, args: &[(&str, &str)]) -> String {
        let mut text = self.get(id).to_string();
        for (name, value) in args {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }
}
