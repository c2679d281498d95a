//! The people game over time (seed 002 §2.3(六), seed 001 §2, §4): penetration is re-assessed
//! regularly, each contact's influence on the decision-maker and how long it lasts is weighed
//! ("how much did they eat, when will they be hungry"), and the rhythm neither goes cold nor
//! pushes too hard. Trust = competence × reliability × connection × time; the connection is
//! measured here by the frequency, breadth and depth of contact.
//!
//! - [`stale`]: stance and closeness assessments older than `cadence.reassess_days` (for the gate
//!   hint and the visit plan; the agenda's `stance` items say the same)
//! - [`influence`]: recent contacts with their influence and until when it lasts
//! - [`rhythm`]: how many visits fall in one cadence period, against `cadence.too_often`
//! - [`connection`]: frequency, breadth and depth of contact
//! - [`layer_due`]: the routine contact per layer of an organisation-level programme

use chrono::{Days, NaiveDate};

use crate::domain::account::Account;
use crate::domain::account::value::Record;
use crate::domain::agenda::cadence_days;
use crate::domain::playbook::Playbook;
use crate::domain::privacy::{self, Scope};

/// Days back the connection measure looks.
pub const CONNECTION_DAYS: u32 = 90;

fn plus(date: NaiveDate, days: u32) -> Option<NaiveDate> {
    date.checked_add_days(Days::new(u64::from(days)))
}

/// A stance or closeness assessment that is due again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    pub name: String,
    pub assessed: NaiveDate,
    /// When the assessment falls due again.
    pub due: NaiveDate,
}

/// The assessments of the account's contacts (those with a stance or closeness and an
/// `assessed` date) that fall due on or before `until`; names the playbook marks sensitive are
/// hidden unless `include`.
pub fn stale(pb: &Playbook, account: &Account<'_>, until: NaiveDate, include: bool) -> Vec<Stale> {
    let limit = pb.doc.cadence.reassess_days;
    if limit == 0 {
        return Vec::new();
    }
    account
        .contacts
        .iter()
        .filter(|c| c.is_filled("stance") || c.is_filled("closeness"))
        .filter_map(|c| {
            let assessed = c.date("assessed")?;
            let due = plus(assessed, limit)?;
            (due <= until).then(|| Stale {
                name: privacy::shown(
                    pb,
                    Scope::Record("contacts"),
                    "name",
                    include,
                    c.str("name").unwrap_or_default(),
                )
                .to_string(),
                assessed,
                due,
            })
        })
        .collect()
}

/// A past contact with the influence it had and how long it lasts.
#[derive(Debug, Clone, PartialEq)]
pub struct Influence {
    pub date: NaiveDate,
    /// The visit form's label.
    pub form: Option<String>,
    /// 1–5.
    pub impact: Option<i64>,
    /// The day the influence wears off (`impact_days` after the contact).
    pub lasts_until: Option<NaiveDate>,
}

/// The contacts before `before` whose influence is recorded, latest first (at most `max`).
pub fn influence(pb: &Playbook, account: &Account<'_>, before: NaiveDate, max: usize) -> Vec<Influence> {
    let mut out: Vec<Influence> = account
        .visits
        .iter()
        .filter(|v| v.is_filled("impact") || v.is_filled("impact_days"))
        .filter_map(|v| {
            let date = v.date("date").filter(|d| *d < before)?;
            Some(Influence {
                date,
                form: v.str("form").map(|f| pb.enum_label("visit_form", f).to_string()),
                impact: v.int("impact"),
                lasts_until: v
                    .int("impact_days")
                    .and_then(|d| u32::try_from(d).ok())
                    .and_then(|d| plus(date, d)),
            })
        })
        .collect();
    out.sort_by_key(|i| std::cmp::Reverse(i.date));
    out.truncate(max);
    out
}

/// The rhythm of visits in one cadence period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rhythm {
    /// The tier's cadence in days.
    pub period: u32,
    /// Visits and receptions within the period ending at the day considered.
    pub contacts: usize,
    /// `cadence.too_often`.
    pub limit: u32,
}

impl Rhythm {
    pub fn too_often(&self) -> bool {
        self.contacts > self.limit as usize
    }
}

fn contact_dates<'a>(account: &'a Account<'_>) -> impl Iterator<Item = NaiveDate> + 'a {
    account
        .visits
        .iter()
        .chain(account.receptions.iter())
        .filter_map(|r| r.date("date"))
}

/// How many contacts fall in the cadence period ending on `day` (inclusive), against the
/// playbook's limit; `None` without a cadence or a limit.
pub fn rhythm(pb: &Playbook, account: &Account<'_>, tier: Option<&str>, day: NaiveDate) -> Option<Rhythm> {
    let limit = pb.doc.cadence.too_often?;
    let period = cadence_days(pb, tier)?;
    let from = day.checked_sub_days(Days::new(u64::from(period)))?;
    Some(Rhythm {
        period,
        contacts: contact_dates(account).filter(|d| *d > from && *d <= day).count(),
        limit,
    })
}

/// The connection with the client: frequency, breadth and depth of contact.
#[derive(Debug, Clone, PartialEq)]
pub struct Connection {
    /// Contacts in the last [`CONNECTION_DAYS`] days.
    pub frequency: usize,
    /// People of the client met in a visit or reception, ever.
    pub people_met: usize,
    /// Layers those people belong to, and how many the playbook has.
    pub layers_met: usize,
    pub layers: usize,
    /// Average closeness of the contacts that have one.
    pub closeness: Option<f64>,
}

/// The connection as of `today`.
pub fn connection(pb: &Playbook, account: &Account<'_>, today: NaiveDate) -> Connection {
    let from = today
        .checked_sub_days(Days::new(u64::from(CONNECTION_DAYS)))
        .unwrap_or(today);
    let held = |r: &Record<'_, '_>| r.date("date").is_some_and(|d| d <= today);
    let mut met: Vec<&str> = account
        .visits
        .iter()
        .filter(|v| held(v))
        .flat_map(|v| v.list("attendees"))
        .chain(
            account
                .receptions
                .iter()
                .filter(|r| held(r))
                .flat_map(|r| r.list("delegation")),
        )
        .collect();
    met.sort_unstable();
    met.dedup();
    let mut layers: Vec<&str> = met
        .iter()
        .filter_map(|id| account.contact(id))
        .filter_map(|c| account.contact_layer(pb, &c))
        .collect();
    layers.sort_unstable();
    layers.dedup();
    #[allow(clippy::cast_precision_loss)]
    let closeness: Vec<f64> = account
        .contacts
        .iter()
        .filter_map(|c| c.int("closeness"))
        .map(|n| n as f64)
        .collect();
    Connection {
        frequency: contact_dates(account).filter(|d| *d > from && *d <= today).count(),
        people_met: met.len(),
        layers_met: layers.len(),
        layers: pb.enum_values("layer").map_or(0, <[_]>::len),
        #[allow(clippy::cast_precision_loss)]
        closeness: (!closeness.is_empty()).then(|| closeness.iter().sum::<f64>() / closeness.len() as f64),
    }
}

/// A layer of the client's people due a routine contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerDue {
    /// The layer's label.
    pub layer: String,
    /// The last visit or reception with someone of that layer, if any.
    pub last: Option<NaiveDate>,
    pub due: NaiveDate,
    pub every: u32,
}

/// For an account with an organisation-level `programme`: each layer of `cadence.by_layer` and
/// when its next routine contact is due (after the last contact with someone of that layer, else
/// after `since`).
pub fn layer_due(pb: &Playbook, account: &Account<'_>, since: Option<NaiveDate>, today: NaiveDate) -> Vec<LayerDue> {
    if account.root.list("programme").is_empty() {
        return Vec::new();
    }
    let met_on = |r: &Record<'_, '_>, key: &str, layer: &str| {
        r.date("date").filter(|d| *d <= today).filter(|_| {
            r.list(key).iter().any(|id| {
                account
                    .contact(id)
                    .is_some_and(|c| account.contact_layer(pb, &c) == Some(layer))
            })
        })
    };
    pb.doc
        .cadence
        .by_layer
        .iter()
        .filter_map(|(layer, every)| {
            let last = account
                .visits
                .iter()
                .filter_map(|v| met_on(v, "attendees", layer))
                .chain(account.receptions.iter().filter_map(|r| met_on(r, "delegation", layer)))
                .max();
            let due = plus(last.or(since)?, *every)?;
            Some(LayerDue {
                layer: pb.enum_label("layer", layer).to_string(),
                last,
                due,
                every: *every,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::value::Table;
    use crate::domain::test_support::default_playbook;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    const HEAD: &str = "id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"relationship\"\n";

    fn with(text: &str, f: impl FnOnce(&Playbook, &Account<'_>)) {
        let pb = default_playbook().unwrap();
        let full = format!("{HEAD}{text}");
        let root = Table::parse(&full).unwrap();
        f(&pb, &Account::new(&root));
    }

    #[test]
    fn assessments_fall_due_after_the_playbooks_days() {
        with(
            "[[contacts]]\nid = \"x\"\nname = \"X\"\nstance = \"supporter\"\nassessed = 2026-08-01\n\
             [[contacts]]\nid = \"y\"\nname = \"Y\"\ncloseness = 3\nassessed = 2026-11-01\n\
             [[contacts]]\nid = \"z\"\nname = \"Z\"\nassessed = 2026-01-01\n",
            |pb, a| {
                let got = stale(pb, a, day("2026-11-25"), false);
                // X is due on 2026-10-30; Y only in January; Z has nothing assessed.
                assert_eq!(
                    got,
                    vec![Stale {
                        name: "X".into(),
                        assessed: day("2026-08-01"),
                        due: day("2026-10-30")
                    }]
                );
                assert_eq!(stale(pb, a, day("2027-01-30"), false).len(), 2);
            },
        );
    }

    #[test]
    fn influence_lasts_its_days_and_the_latest_comes_first() {
        with(
            "[[visits]]\ndate = 2026-10-01\nform = \"phone\"\nimpact = 2\nimpact_days = 10\n\
             [[visits]]\ndate = 2026-11-01\nform = \"office_meeting\"\nimpact = 4\nimpact_days = 30\n\
             [[visits]]\ndate = 2026-11-10\nform = \"email\"\n\
             [[visits]]\ndate = 2026-12-01\nform = \"phone\"\nimpact = 5\n",
            |pb, a| {
                let got = influence(pb, a, day("2026-11-25"), 3);
                assert_eq!(
                    got.len(),
                    2,
                    "the e-mail has no influence recorded, the call lies ahead"
                );
                assert_eq!(got[0].date, day("2026-11-01"));
                assert_eq!(got[0].lasts_until, Some(day("2026-12-01")));
                assert_eq!(got[1].impact, Some(2));
                assert_eq!(influence(pb, a, day("2026-11-25"), 1).len(), 1);
            },
        );
    }

    #[test]
    fn too_many_visits_in_one_cadence_period_push_too_hard() {
        // Tier B: every 30 days; more than 3 contacts in 30 days is too often.
        let visits = ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]
            .map(|d| format!("[[visits]]\ndate = {d}\nform = \"phone\"\n"))
            .concat();
        with(&visits, |pb, a| {
            let r = rhythm(pb, a, Some("B"), day("2026-11-25")).unwrap();
            assert_eq!((r.period, r.contacts, r.limit), (30, 4, 3));
            assert!(r.too_often());
            // Tier A visits every 14 days: only two of them fall in the window.
            let a_tier = rhythm(pb, a, Some("A"), day("2026-11-25")).unwrap();
            assert_eq!(a_tier.contacts, 2);
            assert!(!a_tier.too_often());
        });
    }

    #[test]
    fn connection_counts_frequency_breadth_and_depth() {
        with(
            "[[contacts]]\nid = \"gm\"\nname = \"GM\"\nroles = [\"decision_maker\"]\ncloseness = 4\n\
             [[contacts]]\nid = \"tech\"\nname = \"T\"\nroles = [\"technical\"]\ncloseness = 2\n\
             [[contacts]]\nid = \"op\"\nname = \"O\"\nroles = [\"contact\"]\n\
             [[visits]]\ndate = 2026-06-01\nform = \"phone\"\nattendees = [\"op\"]\n\
             [[visits]]\ndate = 2026-11-01\nform = \"office_meeting\"\nattendees = [\"gm\"]\n\
             [[visits]]\ndate = 2026-12-20\nform = \"office_meeting\"\nattendees = [\"tech\"]\n\
             [[receptions]]\ndate = 2026-11-12\ndelegation = [\"gm\", \"tech\"]\n",
            |pb, a| {
                let c = connection(pb, a, day("2026-11-25"));
                assert_eq!(
                    c.frequency, 2,
                    "the June call is too old, the December visit lies ahead"
                );
                assert_eq!((c.people_met, c.layers_met, c.layers), (3, 3, 3));
                assert_eq!(c.closeness, Some(3.0));
            },
        );
    }

    #[test]
    fn a_programme_sets_a_routine_contact_per_layer() {
        let text = "[[contacts]]\nid = \"gm\"\nname = \"GM\"\nroles = [\"decision_maker\"]\n\
             [[contacts]]\nid = \"fin\"\nname = \"F\"\nroles = [\"finance\"]\n\
             [[visits]]\ndate = 2026-03-01\nform = \"executive_meeting\"\nattendees = [\"gm\"]\n\
             [[visits]]\ndate = 2026-10-01\nform = \"office_meeting\"\nattendees = [\"fin\"]\n";
        with(text, |pb, a| {
            assert!(
                layer_due(pb, a, None, day("2026-11-25")).is_empty(),
                "no programme, no routine"
            );
        });
        let programme = format!("programme = [\"routine_contact\"]\n{text}");
        with(&programme, |pb, a| {
            let got = layer_due(pb, a, None, day("2026-11-25"));
            let pairs: Vec<(&str, NaiveDate)> = got.iter().map(|l| (l.layer.as_str(), l.due)).collect();
            assert_eq!(
                pairs,
                vec![
                    ("Decision layer", day("2027-03-01")),
                    ("Management layer", day("2026-12-30"))
                ]
            );
        });
    }
}
