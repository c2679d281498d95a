//! First contact (seed 003 §1(二)(五), seed 002 §3.3 三): direct mail first — repeated, with a
//! feedback card — then a phone call for their opinion, a meeting, and the request for the order;
//! and the criteria that say whether it works (their feedback, calls for details, willingness to
//! talk by phone, a request for a proposal). Read from the account's visits: each step is done by
//! the first contact of its forms, each criterion by the first visit that records it in `effect`.

use chrono::NaiveDate;

use crate::domain::account::Account;
use crate::domain::playbook::Playbook;

/// A step of the first-contact sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Mail,
    Phone,
    Meet,
    Order,
}

/// Visit forms that count as mail, and as meeting face to face.
const MAIL: [&str; 4] = ["direct_mail", "letter", "email", "gift_mailing"];
const MEET: [&str; 9] = [
    "office_meeting",
    "informal",
    "demo",
    "topic_exchange",
    "reference_tour",
    "site_visit",
    "executive_meeting",
    "team_event",
    "fair",
];

/// The effect value that counts as asking for the order.
pub const PROPOSAL: &str = "proposal_requested";

/// The first contact of an account as of `today`.
#[derive(Debug, Clone, PartialEq)]
pub struct FirstContact {
    /// Each step and the day it was first done.
    pub steps: Vec<(Step, Option<NaiveDate>)>,
    /// How many mailings went out.
    pub mailings: usize,
    /// Each effect criterion (label) and the day it was first seen.
    pub effects: Vec<(String, Option<NaiveDate>)>,
}

/// Reads the first-contact sequence and its effect from the visits held up to `today`.
pub fn first_contact(pb: &Playbook, account: &Account<'_>, today: NaiveDate) -> FirstContact {
    let held: Vec<(NaiveDate, Option<&str>, Vec<&str>)> = account
        .visits
        .iter()
        .filter_map(|v| Some((v.date("date").filter(|d| *d <= today)?, v.str("form"), v.list("effect"))))
        .collect();
    let first = |pred: &dyn Fn(Option<&str>, &[&str]) -> bool| {
        held.iter().filter(|(_, f, e)| pred(*f, e)).map(|(d, _, _)| *d).min()
    };
    let is = |list: &[&str], f: Option<&str>| f.is_some_and(|f| list.contains(&f));
    let mailed = first(&|f, _| is(&MAIL, f));
    // The call asks for their opinion of the mail: a call before anything was mailed is not it.
    let phoned = mailed.and_then(|m| {
        held.iter()
            .filter(|(d, f, _)| *f == Some("phone") && *d >= m)
            .map(|(d, _, _)| *d)
            .min()
    });
    FirstContact {
        steps: vec![
            (Step::Mail, mailed),
            (Step::Phone, phoned),
            (Step::Meet, first(&|f, _| is(&MEET, f))),
            (
                Step::Order,
                first(&|f, e| e.contains(&PROPOSAL) || f == Some("negotiation")),
            ),
        ],
        mailings: held.iter().filter(|(_, f, _)| is(&MAIL, *f)).count(),
        effects: pb
            .enum_values("contact_effect")
            .unwrap_or_default()
            .iter()
            .map(|v| (v.label.clone(), first(&|_, e| e.contains(&v.id.as_str()))))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::value::Table;
    use crate::domain::test_support::default_playbook;

    #[test]
    fn steps_and_effects_come_from_the_visits_held() {
        let pb = default_playbook().unwrap();
        let text = "id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"qualify\"\n\
            [[visits]]\ndate = 2026-10-01\nform = \"direct_mail\"\neffect = [\"feedback_card\"]\n\
            [[visits]]\ndate = 2026-10-15\nform = \"direct_mail\"\n\
            [[visits]]\ndate = 2026-10-20\nform = \"phone\"\neffect = [\"phone_talk\", \"asked_details\"]\n\
            [[visits]]\ndate = 2026-12-20\nform = \"office_meeting\"\n";
        let root = Table::parse(text).unwrap();
        let f = first_contact(&pb, &Account::new(&root), "2026-11-25".parse().unwrap());
        let day = |s: &str| Some(s.parse::<NaiveDate>().unwrap());
        assert_eq!(
            f.steps,
            vec![
                (Step::Mail, day("2026-10-01")),
                (Step::Phone, day("2026-10-20")),
                (Step::Meet, None),
                (Step::Order, None)
            ]
        );
        assert_eq!(f.mailings, 2);
        // A cold call before the first mailing is not the call for their opinion of it.
        let early = text.replace("2026-10-20\nform = \"phone\"", "2026-09-20\nform = \"phone\"");
        let root = Table::parse(&early).unwrap();
        let f = first_contact(&pb, &Account::new(&root), "2026-11-25".parse().unwrap());
        assert_eq!(f.steps[1], (Step::Phone, None));
        let seen: Vec<bool> = f.effects.iter().map(|(_, d)| d.is_some()).collect();
        assert_eq!(seen, vec![true, true, true, false]);
    }
}
