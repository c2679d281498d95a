//! Planning the work on the accounts: which accounts are key accounts, how the team's year is
//! laid out, and how a first contact is made.
//!
//! - [`classes`]: key-account classes (quality, high-value, group, strategic) against the data,
//!   and potential key accounts
//! - [`year`]: the accounts grouped by region, owner, level or approach against the year's plan
//! - [`prospecting`]: the first-contact sequence (direct mail first) and whether it works

pub mod classes;
pub mod prospecting;
pub mod year;

pub use year::{Group, GroupBy, group_key, groups};
