//! The ranked list of `kam score`: one entry per account file (scored, or marked with the
//! problems that stop it from being scored), the filters by tier, stage and owner, and the sort
//! orders. Entries own their data so the files' texts can be dropped once read.

use std::cmp::Ordering;

use crate::domain::diagnostic::did_you_mean;
use crate::domain::playbook::Playbook;
use crate::domain::score::Score;
use crate::domain::score::weights::BadArgument;

/// One problem that needs `kam check`, located in its file.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// One account of the ranking.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The file, relative to the workspace.
    pub file: String,
    /// The account's id, or the file name without `.toml` when the file has none.
    pub id: String,
    pub name: Option<String>,
    pub stage: Option<String>,
    pub owner: Option<String>,
    /// `None` when the file could not be read or parsed.
    pub score: Option<Score>,
    /// Why this entry cannot be trusted: an unreadable or invalid file, or invalid ratings.
    pub problems: Vec<Problem>,
}

impl Entry {
    /// The entry as outputs show it: the client's name and the owner replaced by
    /// [`crate::domain::privacy::hidden`] where the playbook marks them sensitive. Filters and
    /// sorting use the entry as read.
    #[must_use]
    pub fn shown(mut self, pb: &Playbook) -> Entry {
        use crate::domain::privacy::{Scope, hidden, may_show};
        for (field, value) in [("name", &mut self.name), ("owner", &mut self.owner)] {
            if value.is_some() && !may_show(pb, Scope::Account, field, false) {
                *value = Some(hidden(pb).to_string());
            }
        }
        self
    }

    pub fn tier(&self) -> Option<&str> {
        self.score.as_ref()?.tier.as_deref()
    }

    pub fn value(&self) -> Option<f64> {
        self.score.as_ref()?.value
    }

    pub fn difficulty(&self) -> Option<f64> {
        self.score.as_ref()?.difficulty
    }

    /// Factors without a valid rating (none listed for a file that could not be parsed).
    pub fn missing(&self) -> &[String] {
        self.score.as_ref().map_or(&[], |s| s.missing.as_slice())
    }
}

/// The sort orders of the ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    /// Tier order of the playbook, then value (highest first), then id.
    Tier,
    /// Value, highest first.
    Value,
    /// Difficulty, easiest first.
    Difficulty,
    Name,
    Id,
}

/// A tier filter item: a tier id, or accounts without a tier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TierPick {
    Tier(String),
    NoTier,
}

/// Which entries to list. Empty lists do not filter.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub tiers: Vec<TierPick>,
    pub stages: Vec<String>,
    pub owners: Vec<String>,
}

/// The word that picks accounts without a tier in `--tier`.
pub const NO_TIER: &str = "none";

impl Filter {
    /// Builds a filter, refusing tiers and stages the playbook does not have. Tier ids match
    /// without regard to case (`--tier a` means tier A).
    pub fn new(pb: &Playbook, tiers: &[String], stages: &[String], owners: &[String]) -> Result<Filter, BadArgument> {
        let tier_ids: Vec<&str> = pb.doc.scoring.tiers.iter().map(|t| t.id.as_str()).collect();
        let mut picks = Vec::new();
        for t in tiers.iter().map(|t| t.trim()) {
            if let Some(id) = tier_ids.iter().find(|id| id.eq_ignore_ascii_case(t)) {
                picks.push(TierPick::Tier((*id).to_string()));
            } else if t.eq_ignore_ascii_case(NO_TIER) {
                picks.push(TierPick::NoTier);
            } else {
                return Err(BadArgument {
                    message: pb.fill("score.unknown_tier", "unknown tier `{tier}` in --tier", &[("tier", &t)]),
                    help: pb.fill(
                        "score.tiers",
                        "tiers: {tiers}, or `{none}` for accounts without a tier",
                        &[("tiers", &tier_ids.join(", ")), ("none", &NO_TIER)],
                    ),
                });
            }
        }
        let stage_ids: Vec<&str> = pb
            .stages()
            .iter()
            .map(|s| s.id.as_str())
            .chain(pb.doc.outcomes.iter().map(|o| o.id.as_str()))
            .collect();
        for s in stages {
            if !stage_ids.contains(&s.as_str()) {
                let all = pb.fill("score.stages", "stages: {stages}", &[("stages", &stage_ids.join(", "))]);
                let help = match did_you_mean(s, stage_ids.iter().copied()) {
                    Some(close) => format!("{} {all}", pb.did_you_mean(close)),
                    None => all,
                };
                return Err(BadArgument {
                    message: pb.fill(
                        "score.unknown_stage",
                        "unknown stage `{stage}` in --stage",
                        &[("stage", s)],
                    ),
                    help,
                });
            }
        }
        Ok(Filter {
            tiers: picks,
            stages: stages.to_vec(),
            owners: owners.iter().map(|o| o.trim().to_string()).collect(),
        })
    }

    pub fn is_empty(&self) -> bool {
        self.tiers.is_empty() && self.stages.is_empty() && self.owners.is_empty()
    }

    /// Whether the entry is listed. What is unknown about an entry with problems (the tier of
    /// invalid ratings, anything of an unparsable file) cannot rule it out: it stays listed, so
    /// a filtered ranking never hides that it may be incomplete.
    pub fn keeps(&self, e: &Entry) -> bool {
        let unknown = !e.problems.is_empty();
        let tier_ok = self.tiers.is_empty()
            || (unknown && e.tier().is_none())
            || self.tiers.iter().any(|p| match p {
                TierPick::Tier(id) => e.tier() == Some(id.as_str()),
                TierPick::NoTier => e.tier().is_none(),
            });
        let stage_ok = self.stages.is_empty() || e.stage.as_ref().map_or(unknown, |s| self.stages.contains(s));
        let owner_ok = self.owners.is_empty() || e.owner.as_ref().map_or(unknown, |o| self.owners.contains(o));
        tier_ok && stage_ok && owner_ok
    }
}

/// `Some` before `None`; among `Some`, by `cmp`.
fn present_first(a: Option<f64>, b: Option<f64>, cmp: impl Fn(f64, f64) -> Ordering) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => cmp(x, y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Sorts entries. Ties, and accounts without the sorted score, go by id; entries with problems
/// come after sound ones that lack the same score.
pub fn sort(pb: &Playbook, entries: &mut [Entry], by: SortBy) {
    let tiers = &pb.doc.scoring.tiers;
    let tier_pos = |e: &Entry| {
        e.tier()
            .and_then(|t| tiers.iter().position(|r| r.id == t))
            .unwrap_or(tiers.len())
    };
    let value_desc = |a: &Entry, b: &Entry| present_first(a.value(), b.value(), |x, y| y.total_cmp(&x));
    let troubled = |e: &Entry| !e.problems.is_empty();
    entries.sort_by(|a, b| {
        let first = match by {
            SortBy::Tier => tier_pos(a)
                .cmp(&tier_pos(b))
                .then_with(|| troubled(a).cmp(&troubled(b)))
                .then_with(|| value_desc(a, b)),
            SortBy::Value => value_desc(a, b).then_with(|| troubled(a).cmp(&troubled(b))),
            SortBy::Difficulty => present_first(a.difficulty(), b.difficulty(), |x, y| x.total_cmp(&y))
                .then_with(|| troubled(a).cmp(&troubled(b))),
            SortBy::Name => match (&a.name, &b.name) {
                (Some(x), Some(y)) => x.to_lowercase().cmp(&y.to_lowercase()),
                (x, y) => x.is_none().cmp(&y.is_none()),
            },
            SortBy::Id => Ordering::Equal,
        };
        first.then_with(|| a.id.cmp(&b.id))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::score::{Weights, score_ratings};
    use crate::domain::test_support::default_playbook;

    fn entry(pb: &Playbook, id: &str, ratings: [i64; 7], stage: &str) -> Entry {
        let ids: Vec<String> = pb.doc.scoring.factors.iter().map(|f| f.id.clone()).collect();
        let score = score_ratings(
            pb,
            |f| {
                let i = ids.iter().position(|x| x == f)?;
                (ratings[i] != 0).then_some((Some(ratings[i]), None))
            },
            &Weights::new(),
        );
        Entry {
            file: format!("accounts/{id}.toml"),
            id: id.into(),
            name: Some(id.to_uppercase()),
            stage: Some(stage.into()),
            owner: Some("li.wei".into()),
            score: Some(score),
            problems: Vec::new(),
        }
    }

    fn broken(id: &str) -> Entry {
        Entry {
            file: format!("accounts/{id}.toml"),
            id: id.into(),
            name: None,
            stage: None,
            owner: None,
            score: None,
            problems: vec![Problem {
                line: 1,
                column: 1,
                message: "invalid TOML".into(),
            }],
        }
    }

    fn ids(entries: &[Entry]) -> Vec<&str> {
        entries.iter().map(|e| e.id.as_str()).collect()
    }

    fn sample(pb: &Playbook) -> Vec<Entry> {
        vec![
            broken("zz-broken"),
            entry(pb, "d", [1, 1, 5, 3, 3, 3, 3], "demo"),
            entry(pb, "unscored", [5, 5, 1, 0, 3, 3, 3], "demo"),
            entry(pb, "a-low", [4, 4, 2, 2, 2, 2, 4], "assess"),
            entry(pb, "a-high", [5, 5, 1, 1, 1, 1, 5], "assess"),
            entry(pb, "b", [3, 3, 3, 3, 3, 3, 3], "relationship"),
        ]
    }

    #[test]
    fn ranks_by_tier_then_value_then_id() {
        let pb = default_playbook().unwrap();
        let mut e = sample(&pb);
        sort(&pb, &mut e, SortBy::Tier);
        assert_eq!(ids(&e), ["a-high", "a-low", "b", "d", "unscored", "zz-broken"]);
        sort(&pb, &mut e, SortBy::Difficulty);
        assert_eq!(ids(&e), ["a-high", "a-low", "b", "d", "unscored", "zz-broken"]);
        sort(&pb, &mut e, SortBy::Value);
        assert_eq!(ids(&e), ["a-high", "unscored", "a-low", "b", "d", "zz-broken"]);
        sort(&pb, &mut e, SortBy::Name);
        assert_eq!(ids(&e), ["a-high", "a-low", "b", "d", "unscored", "zz-broken"]);
        sort(&pb, &mut e, SortBy::Id);
        assert_eq!(ids(&e), ["a-high", "a-low", "b", "d", "unscored", "zz-broken"]);
    }

    #[test]
    fn filters_keep_what_they_cannot_rule_out() {
        let pb = default_playbook().unwrap();
        let e = sample(&pb);
        let kept = |f: &Filter| {
            e.iter()
                .filter(|x| f.keeps(x))
                .map(|x| x.id.as_str())
                .collect::<Vec<_>>()
        };
        let f = Filter::new(&pb, &["a".into()], &[], &[]).unwrap();
        assert_eq!(kept(&f), ["zz-broken", "a-low", "a-high"]);
        let f = Filter::new(&pb, &["none".into(), "D".into()], &[], &[]).unwrap();
        assert_eq!(kept(&f), ["zz-broken", "d", "unscored"]);
        let f = Filter::new(&pb, &[], &["assess".into()], &[]).unwrap();
        assert_eq!(kept(&f), ["zz-broken", "a-low", "a-high"]);
        let f = Filter::new(&pb, &[], &[], &["someone".into()]).unwrap();
        assert_eq!(kept(&f), ["zz-broken"]);
    }

    #[test]
    fn unknown_tiers_and_stages_are_refused_with_the_choices() {
        let pb = default_playbook().unwrap();
        let e = Filter::new(&pb, &["E".into()], &[], &[]).unwrap_err();
        assert!(
            e.message.contains("unknown tier `E`") && e.help.contains("A, B, C, D"),
            "{e:?}"
        );
        let e = Filter::new(&pb, &[], &["asess".into()], &[]).unwrap_err();
        assert!(e.help.contains("did you mean `assess`?"), "{e:?}");
    }
}
