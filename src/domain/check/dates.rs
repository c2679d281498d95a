//! The dates of an account checked against each other and against the calendar, for `kam check`:
//! a visit after today that already has a report or the client's view (KAM021), a follow-up dated
//! before its visit (KAM022), a next step dated before the visit that set it (KAM023), a history
//! record dated after today or before the record above it (KAM024). Each is a contradiction a
//! reviewer cannot resolve from the file alone, so each is an error.

use chrono::NaiveDate;

use crate::domain::account::Account;
use crate::domain::account::value::Record;
use crate::domain::diagnostic::{Code, Diagnostic};
use crate::domain::playbook::Playbook;

/// The fields of a visit written only after it took place.
const AFTER_THE_VISIT: [&str; 2] = ["report", "client_view"];

/// Every date contradiction of the account, as of `today`.
pub fn check_dates(pb: &Playbook, account: &Account<'_>, today: NaiveDate) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for visit in &account.visits {
        visit_dates(pb, visit, today, &mut out);
    }
    history_dates(pb, account, today, &mut out);
    out
}

fn label<'p>(pb: &'p Playbook, field: &'p str) -> &'p str {
    pb.record_type("visits")
        .and_then(|t| t.field(field))
        .map_or(field, |f| f.label.as_str())
}

fn visit_dates(pb: &Playbook, visit: &Record<'_, '_>, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    let Some(date) = visit.date("date") else { return };
    if date > today {
        let written: Vec<&str> = AFTER_THE_VISIT
            .into_iter()
            .filter(|f| pb.record_type("visits").is_some_and(|t| t.field(f).is_some()))
            .filter(|f| visit.is_filled(f))
            .collect();
        if let Some(first) = written.first() {
            let what: Vec<String> = written.iter().map(|f| format!("`{f}` ({})", label(pb, f))).collect();
            let and = pb.text("check.and", " and ");
            out.push(
                Diagnostic::error(
                    Code::ReportBeforeVisit,
                    visit.span_of(first),
                    pb.fill(
                        "check.report_before_visit",
                        "the visit of {date} lies after today ({today}) but already has {fields}",
                        &[("date", &date), ("today", &today), ("fields", &what.join(and))],
                    ),
                )
                .with_help(pb.text(
                    "check.report_before_visit_help",
                    "a planned visit has no report or client view yet: write them after the visit, or correct its `date`",
                )),
            );
        }
    }
    if let Some(followed) = visit.date("followed_up").filter(|d| *d < date) {
        out.push(
            Diagnostic::error(
                Code::FollowUpBeforeVisit,
                visit.span_of("followed_up"),
                pb.fill(
                    "check.followup_before_visit",
                    "the follow-up is dated {followed}, before its visit of {date}",
                    &[("followed", &followed), ("date", &date)],
                ),
            )
            .with_help(pb.text(
                "check.followup_before_visit_help",
                "a follow-up comes after the visit: correct `followed_up` or the visit's `date`",
            )),
        );
    }
    if let Some(next) = visit.date("next_date").filter(|d| *d < date) {
        out.push(
            Diagnostic::error(
                Code::NextStepBeforeVisit,
                visit.span_of("next_date"),
                pb.fill(
                    "check.next_before_visit",
                    "the next step is dated {next}, before the visit of {date} that set it",
                    &[("next", &next), ("date", &date)],
                ),
            )
            .with_help(pb.text(
                "check.next_before_visit_help",
                "a visit sets up the next contact after it: correct `next_date` or the visit's `date`",
            )),
        );
    }
}

fn history_dates(pb: &Playbook, account: &Account<'_>, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    let mut before: Option<NaiveDate> = None;
    for m in &account.history {
        let Some(date) = m.date else { continue };
        let span = m.record.span_of("date");
        if date > today {
            out.push(
                Diagnostic::error(
                    Code::HistoryDate,
                    span,
                    pb.fill(
                        "check.history_after_today",
                        "this history record is dated {date}, after today ({today})",
                        &[("date", &date), ("today", &today)],
                    ),
                )
                .with_help(pb.text(
                    "check.history_after_today_help",
                    "a stage moves on the day `kam advance` records it; a later date is not a move that happened",
                )),
            );
        } else if let Some(prev) = before.filter(|p| date < *p) {
            out.push(
                Diagnostic::error(
                    Code::HistoryDate,
                    span,
                    pb.fill(
                        "check.history_before_previous",
                        "this history record is dated {date}, before the record above it ({prev})",
                        &[("date", &date), ("prev", &prev)],
                    ),
                )
                .with_help(pb.text(
                    "check.history_before_previous_help",
                    "history records are appended in the order the moves happened; a record was edited or inserted by hand",
                )),
            );
        }
        before = Some(before.map_or(date, |p| p.max(date)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::value::Table;
    use crate::domain::test_support::default_playbook;

    fn codes(text: &str) -> Vec<(Code, String)> {
        let pb = default_playbook().unwrap();
        let root = Table::parse(text).unwrap();
        let account = Account::new(&root);
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        check_dates(&pb, &account, today)
            .into_iter()
            .map(|d| (d.code, d.message))
            .collect()
    }

    const HEAD: &str = "id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"qualify\"\n";

    #[test]
    fn a_future_visit_with_a_report_or_client_view() {
        let found = codes(&format!(
            "{HEAD}[[visits]]\ndate = 2026-12-10\nform = \"phone\"\nclient_view = \"keen\"\n\
             [[visits]]\ndate = 2026-12-11\nform = \"phone\"\ngoals = [\"meet\"]\n"
        ));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Code::ReportBeforeVisit);
        assert!(found[0].1.contains("2026-12-10") && found[0].1.contains("client_view"));
    }

    #[test]
    fn follow_up_and_next_step_before_their_visit() {
        let found = codes(&format!(
            "{HEAD}[[visits]]\ndate = 2026-11-10\nform = \"phone\"\nfollowed_up = 2026-11-09\nnext_date = 2026-11-01\n\
             [[visits]]\ndate = 2026-11-12\nform = \"phone\"\nfollowed_up = 2026-11-12\nnext_date = 2026-11-12\n"
        ));
        let got: Vec<Code> = found.iter().map(|f| f.0).collect();
        assert_eq!(got, vec![Code::FollowUpBeforeVisit, Code::NextStepBeforeVisit]);
    }

    #[test]
    fn history_after_today_or_out_of_order() {
        let found = codes(&format!(
            "{HEAD}[[history]]\nto = \"demo\"\ndate = 2026-06-01\n[[history]]\nto = \"assess\"\ndate = 2026-05-01\n\
             [[history]]\nto = \"relationship\"\ndate = 2026-07-01\n[[history]]\nto = \"close\"\ndate = 2026-12-01\n"
        ));
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|f| f.0 == Code::HistoryDate));
        assert!(found[0].1.contains("before the record above it (2026-06-01)"));
        assert!(found[1].1.contains("after today"));
    }
}
