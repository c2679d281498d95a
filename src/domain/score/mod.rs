//! The value assessment (stage 3): how much an account is worth and how hard it is to win.
//!
//! - [`model`]: factor ratings normalised, weighted and averaged into value and difficulty; the
//!   tier they give and the gap to the next tier
//! - [`exact`]: axis scores as exact fractions, so tiers are decided on the exact number
//! - [`tier`]: tier conditions (`value >= 70 and difficulty <= 60`) and the proof they leave no gap
//! - [`weights`]: what-if weight overrides (`--weights share=5`)
//! - [`ranking`]: the ranked list of `kam score`, its filters and sort orders

pub mod exact;
pub mod model;
pub mod ranking;
pub mod tier;
pub mod weights;

pub use model::{
    FactorScore, Gap, NextTier, Score, Weights, next_tier_up, normalise, score, score_ratings, tier_for,
    tier_for_scores,
};
