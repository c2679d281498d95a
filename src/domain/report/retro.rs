//! The project retrospective as a report (`kam report retro`), for the review meeting: where
//! the account ended and why, the path it took through the stages (the day it entered and left
//! each, and the days spent), the visits along the way and the client's inspections of our
//! company (receptions), and the four parts of the seed's review (background, planning,
//! execution, results) point by point, with what is still to write.

use chrono::NaiveDate;

use crate::domain::account::Account;
use crate::domain::after_deal::retro::{RetroStatus, part, retro_status, table};
use crate::domain::playbook::Playbook;
use crate::domain::report::{Header, Omitted, Slot, contact_name, field_of, header, shown, text_of};

/// One stage of the path the account took.
#[derive(Debug, Clone, PartialEq)]
pub struct PathStep {
    pub id: String,
    pub label: String,
    pub entered: Option<NaiveDate>,
    /// The day it left; `None` for where it is now.
    pub left: Option<NaiveDate>,
    pub days: Option<i64>,
}

/// One visit along the way.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitLine {
    pub date: Option<NaiveDate>,
    pub form: Option<String>,
    pub who: Vec<String>,
    pub points: Option<String>,
    pub report: Option<String>,
}

/// One reception of the client at our company along the way.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceptionLine {
    pub date: Option<NaiveDate>,
    pub place: Option<String>,
    /// Their delegation, by name.
    pub who: Vec<String>,
    pub purpose: Option<String>,
    /// The effect against the goals (`summary`).
    pub summary: Option<String>,
    pub report: Option<String>,
}

/// One part of the retrospective, point by point.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub label: String,
    pub points: Vec<Slot>,
}

/// The retrospective of one account.
#[derive(Debug, Clone, PartialEq)]
pub struct RetroReport {
    pub header: Header,
    pub today: NaiveDate,
    /// Whether the account owes it and where it stands; `None` outside won and lost.
    pub status: Option<RetroStatus>,
    /// The reason and note of the move into the current stage (`kam advance --reason`).
    pub reason: Option<String>,
    pub move_note: Option<String>,
    pub date: Option<NaiveDate>,
    pub by: Vec<String>,
    pub note: Option<String>,
    pub path: Vec<PathStep>,
    /// From the account's creation to where it is now.
    pub total_days: Option<i64>,
    pub visits: Vec<VisitLine>,
    /// The receptions held (arrival today or earlier), oldest first.
    pub receptions: Vec<ReceptionLine>,
    pub parts: Vec<Part>,
    pub omitted: Omitted,
}

/// The stages the account went through, from its creation, with the days spent in each.
pub fn path(pb: &Playbook, account: &Account<'_>) -> Vec<PathStep> {
    let first = account
        .history
        .first()
        .and_then(|m| m.from)
        .unwrap_or_else(|| account.stage_id());
    let mut out = vec![PathStep {
        id: first.to_string(),
        label: pb.stage_label(first).to_string(),
        entered: account.created,
        left: None,
        days: None,
    }];
    for m in &account.history {
        let Some(to) = m.to else { continue };
        if let Some(last) = out.last_mut() {
            last.left = m.date;
            last.days = last.entered.zip(m.date).map(|(a, b)| (b - a).num_days());
        }
        out.push(PathStep {
            id: to.text.to_string(),
            label: pb.stage_label(to.text).to_string(),
            entered: m.date,
            left: None,
            days: None,
        });
    }
    out
}

/// The visits dated today or earlier, oldest first: form, who attended, key points, report.
pub fn visit_lines(pb: &Playbook, account: &Account<'_>, today: NaiveDate, omitted: &mut Omitted) -> Vec<VisitLine> {
    let Some(rt) = pb.record_type("visits") else {
        return Vec::new();
    };
    let mut past: Vec<_> = account
        .visits
        .iter()
        .filter(|v| v.date("date").is_some_and(|d| d <= today))
        .collect();
    past.sort_by_key(|v| v.date("date"));
    past.into_iter()
        .map(|v| {
            let mut get = |id: &str| text_of(field_of(pb, account, &rt.fields, v, id, omitted));
            let form = get("form");
            let points = get("points");
            let report = get("report");
            let who = if v.is_filled("attendees") && rt.field("attendees").is_some_and(|f| omitted.admit(f)) {
                v.list("attendees")
                    .iter()
                    .map(|id| contact_name(pb, account, id, omitted.include))
                    .collect()
            } else {
                Vec::new()
            };
            VisitLine {
                date: v.date("date"),
                form,
                who,
                points,
                report,
            }
        })
        .collect()
}

/// The receptions held (arrival today or earlier), oldest first: where, their delegation, the
/// purpose, the effect against the goals and the report.
pub fn reception_lines(
    pb: &Playbook,
    account: &Account<'_>,
    today: NaiveDate,
    omitted: &mut Omitted,
) -> Vec<ReceptionLine> {
    let Some(rt) = pb.record_type("receptions") else {
        return Vec::new();
    };
    let mut held: Vec<_> = account
        .receptions
        .iter()
        .filter(|r| r.date("date").is_some_and(|d| d <= today))
        .collect();
    held.sort_by_key(|r| r.date("date"));
    held.into_iter()
        .map(|r| {
            let mut get = |id: &str| text_of(field_of(pb, account, &rt.fields, r, id, omitted));
            let place = get("place");
            let purpose = get("purpose");
            let summary = get("summary");
            let report = get("report");
            let who = if r.is_filled("delegation") && rt.field("delegation").is_some_and(|f| omitted.admit(f)) {
                r.list("delegation")
                    .iter()
                    .map(|id| contact_name(pb, account, id, omitted.include))
                    .collect()
            } else {
                Vec::new()
            };
            ReceptionLine {
                date: r.date("date"),
                place,
                who,
                purpose,
                summary,
                report,
            }
        })
        .collect()
}

/// The retrospective report of `account` as of `today`.
pub fn retro_report(pb: &Playbook, account: &Account<'_>, today: NaiveDate, include_sensitive: bool) -> RetroReport {
    let mut omitted = Omitted::new(include_sensitive);
    let header = header(pb, account, today, &mut omitted);
    let retro = table(account);
    let path = path(pb, account);
    let total_days = path
        .first()
        .and_then(|f| f.entered)
        .zip(path.last().and_then(|l| l.entered))
        .map(|(a, b)| (b - a).num_days());
    let entering = account.entered_current_stage();
    let text = |s: Option<&str>| s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let visits = visit_lines(pb, account, today, &mut omitted);
    let receptions = reception_lines(pb, account, today, &mut omitted);
    let parts = pb
        .doc
        .retrospective
        .as_ref()
        .map(|config| {
            config
                .parts
                .iter()
                .map(|p| {
                    let t = retro.as_ref().and_then(|r| part(r, &p.id));
                    Part {
                        label: p.label.clone(),
                        points: p
                            .fields
                            .iter()
                            .map(|f| Slot {
                                label: f.label.clone(),
                                path: format!("[retrospective.{}] {}", p.id, f.id),
                                value: t
                                    .as_ref()
                                    .and_then(|t| t.value(&f.id))
                                    .and_then(|v| shown(pb, account, f, v, include_sensitive))
                                    .filter(|_| omitted.admit(f)),
                            })
                            .collect(),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    RetroReport {
        header,
        today,
        status: retro_status(pb, account, today),
        reason: text(entering.and_then(|m| m.record.str("reason"))),
        move_note: text(entering.and_then(|m| m.record.str("note"))),
        date: retro.as_ref().and_then(|r| r.date("date")),
        by: retro
            .as_ref()
            .map(|r| r.list("by").into_iter().map(str::to_string).collect())
            .unwrap_or_default(),
        note: text(retro.as_ref().and_then(|r| r.str("note"))),
        path,
        total_days,
        visits,
        receptions,
        parts,
        omitted,
    }
}

/// Whether a part has any point written.
pub fn is_written(part: &Part) -> bool {
    part.points.iter().any(|p| p.value.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::value::Table;
    use crate::domain::test_support::default_playbook;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    const LOST: &str = "id = \"x\"\nname = \"X\"\nowner = \"o\"\nstage = \"lost\"\ncreated = 2026-01-05\n\
        [[history]]\nfrom = \"qualify\"\nto = \"demo\"\ndate = 2026-02-10\n\
        [[history]]\nfrom = \"demo\"\nto = \"paused\"\ndate = 2026-03-01\nreason = \"budget frozen\"\n\
        [[history]]\nfrom = \"paused\"\nto = \"lost\"\ndate = 2026-06-01\nreason = \"went with the incumbent\"\nnote = \"too late\"\n\
        [[visits]]\ndate = 2026-01-20\nform = \"phone\"\npoints = \"first call\"\n\
        [[visits]]\ndate = 2027-01-01\nform = \"phone\"\n\
        [[receptions]]\ndate = 2026-02-01\nplace = \"HQ\"\npurpose = \"see the plant\"\nsummary = \"convinced\"\n\
        [[receptions]]\ndate = 2027-02-01\npurpose = \"planned\"\n\
        [retrospective]\ndate = 2026-06-20\nby = [\"o\", \"d\"]\n[retrospective.results]\nwon_lost = \"lost on price\"\n";

    #[test]
    fn the_path_counts_days_per_stage() {
        let pb = default_playbook().unwrap();
        let root = Table::parse(LOST).unwrap();
        let r = retro_report(&pb, &Account::new(&root), day("2026-11-25"), false);
        let steps: Vec<(&str, Option<i64>)> = r.path.iter().map(|s| (s.id.as_str(), s.days)).collect();
        assert_eq!(
            steps,
            [
                ("qualify", Some(36)),
                ("demo", Some(19)),
                ("paused", Some(92)),
                ("lost", None)
            ]
        );
        assert_eq!(r.total_days, Some(147));
        assert_eq!(r.reason.as_deref(), Some("went with the incumbent"));
        assert_eq!(r.move_note.as_deref(), Some("too late"));
        assert_eq!(r.visits.len(), 1, "planned visits are not part of the review");
        assert_eq!(r.visits[0].form.as_deref(), Some("Phone call"));
        assert_eq!(
            r.receptions.len(),
            1,
            "a reception still to come is not part of the review"
        );
        assert_eq!(r.receptions[0].date, Some(day("2026-02-01")));
        assert_eq!(r.receptions[0].place.as_deref(), Some("HQ"));
        assert_eq!(r.receptions[0].purpose.as_deref(), Some("see the plant"));
        assert_eq!(r.receptions[0].summary.as_deref(), Some("convinced"));
        assert_eq!(r.by, ["o", "d"]);
        assert_eq!(r.parts.len(), 4);
        let written: Vec<bool> = r.parts.iter().map(is_written).collect();
        assert_eq!(written, [false, false, false, true]);
        assert_eq!(r.parts[0].points[0].path, "[retrospective.background] climate");
    }
}
