//! The score of a change: tier, value and difficulty before (with the playbook in force before)
//! and after (with the new one), with each factor whose rating or justification moved.

use serde::Serialize;

use crate::domain::review::fields::Books;
use crate::domain::review::records::Change;
use crate::domain::score::Score;

/// A factor whose rating or justification moved.
#[derive(Debug, Clone, Serialize)]
pub struct FactorChange {
    pub id: String,
    pub label: String,
    pub rating: Change<Option<i64>>,
    pub why: Change<Option<String>>,
}

/// Tier, value and difficulty before and after, with the factors that moved.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreChange {
    pub tier: Change<Option<String>>,
    pub value: Change<Option<f64>>,
    pub difficulty: Change<Option<f64>>,
    pub factors: Vec<FactorChange>,
}

pub(crate) fn score_change(books: Books<'_>, base: Option<&Score>, head: Option<&Score>) -> Option<ScoreChange> {
    let factor = |s: Option<&Score>, id: &str| {
        s.and_then(|s| s.factors.iter().find(|f| f.id == id))
            .map_or((None, None), |f| (f.rating, f.why.clone()))
    };
    // Factor by factor only when both versions are scored; an added or removed account is
    // summed up by its tier.
    let both = base.is_some() && head.is_some();
    let mut ids: Vec<(&str, &str)> = books
        .head
        .doc
        .scoring
        .factors
        .iter()
        .map(|f| (f.id.as_str(), f.label.as_str()))
        .collect();
    for f in &books.base.doc.scoring.factors {
        if !ids.iter().any(|(id, _)| *id == f.id) {
            ids.push((&f.id, &f.label));
        }
    }
    let factors: Vec<FactorChange> = ids
        .into_iter()
        .filter(|_| both)
        .filter_map(|(id, label)| {
            let (r0, w0) = factor(base, id);
            let (r1, w1) = factor(head, id);
            (r0 != r1 || w0 != w1).then(|| FactorChange {
                id: id.to_string(),
                label: label.to_string(),
                rating: Change { from: r0, to: r1 },
                why: Change { from: w0, to: w1 },
            })
        })
        .collect();
    let out = ScoreChange {
        tier: Change {
            from: base.and_then(|s| s.tier.clone()),
            to: head.and_then(|s| s.tier.clone()),
        },
        value: Change {
            from: base.and_then(|s| s.value),
            to: head.and_then(|s| s.value),
        },
        difficulty: Change {
            from: base.and_then(|s| s.difficulty),
            to: head.and_then(|s| s.difficulty),
        },
        factors,
    };
    let moved = out.tier.from != out.tier.to
        || out.value.from != out.value.to
        || out.difficulty.from != out.difficulty.to
        || !out.factors.is_empty();
    moved.then_some(out)
}
