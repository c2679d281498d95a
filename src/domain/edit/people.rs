//! The people kam knows in a workspace: the accounts' owners, their team members and the owners
//! of plan tasks. `--owner` filters are checked against the owners (a typo must not answer
//! "Nothing due."); a person assigned to an account or a task is checked against everyone, and
//! refused only when the name is close to someone known but not the same (`liwei` for `li.wei`).

use std::collections::BTreeSet;

use crate::domain::account::Account;
use crate::domain::diagnostic::did_you_mean;
use crate::domain::edit::Refused;
use crate::domain::playbook::Said;

/// Owners of accounts, and everyone named as an owner, team member or task owner.
#[derive(Debug, Clone, Default)]
pub struct People {
    pub owners: BTreeSet<String>,
    pub everyone: BTreeSet<String>,
}

impl People {
    /// Adds the people one account names.
    pub fn add(&mut self, account: &Account<'_>) {
        let owner = account.owner().trim();
        if !owner.is_empty() {
            self.owners.insert(owner.to_string());
            self.everyone.insert(owner.to_string());
        }
        for who in account.root.list("team") {
            if !who.trim().is_empty() {
                self.everyone.insert(who.trim().to_string());
            }
        }
        for task in &account.plan {
            if let Some(who) = task.str("owner").map(str::trim).filter(|w| !w.is_empty()) {
                self.everyone.insert(who.to_string());
            }
        }
    }

    pub fn merge(&mut self, other: People) {
        self.owners.extend(other.owners);
        self.everyone.extend(other.everyone);
    }

    pub fn everyone(&self) -> Vec<String> {
        self.everyone.iter().cloned().collect()
    }
}

/// Checks `--owner` values of a filter against the owners that exist: an unknown one is a usage
/// error with did-you-mean.
pub fn check_filter<'a>(known: impl IntoIterator<Item = &'a str> + Clone, wanted: &[String]) -> Result<(), Refused> {
    for w in wanted.iter().map(|w| w.trim()) {
        if known.clone().into_iter().any(|k| k == w) {
            continue;
        }
        let r = Refused::new(Said::new("usage.no_owner", "no account is owned by `{owner}`").arg("owner", w));
        return Err(if let Some(close) = did_you_mean(w, known.clone()) {
            r.help(Said::new("check.did_you_mean", "did you mean `{close}`?").arg("close", close))
        } else {
            let mut all: Vec<&str> = known.into_iter().collect();
            all.sort_unstable();
            all.dedup();
            if all.is_empty() {
                r.help(Said::new("usage.no_owners", "no account has an owner yet"))
            } else {
                r.help(Said::new("usage.owners", "owners: {owners}").arg("owners", all.join(", ")))
            }
        });
    }
    Ok(())
}

/// An `--owner` filter of a report, made only once its owners were checked against the owners
/// the accounts name (so no command can filter on a typo and answer with an empty report).
#[derive(Debug, Clone, Default)]
pub struct OwnerFilter {
    wanted: Vec<String>,
}

impl OwnerFilter {
    /// Checks `wanted` against `known` (see [`check_filter`]) and makes the filter.
    pub fn checked<'a>(known: impl IntoIterator<Item = &'a str>, wanted: &[String]) -> Result<OwnerFilter, Refused> {
        let known: Vec<&str> = known.into_iter().collect();
        check_filter(known.iter().copied(), wanted)?;
        Ok(OwnerFilter {
            wanted: wanted.iter().map(|w| w.trim().to_string()).collect(),
        })
    }

    /// Whether an account (or item) of this owner is kept: always, without `--owner`.
    pub fn admits(&self, owner: &str) -> bool {
        self.wanted.is_empty() || self.wanted.iter().any(|w| w == owner.trim())
    }
}

/// Checks a person assigned as `role` (an owner, a task owner): known, or new and not a
/// near-miss of someone known.
pub fn check_person(known: &[String], who: &str, role: Said) -> Result<(), Refused> {
    let who = who.trim();
    if who.is_empty() || known.iter().any(|k| k == who) {
        return Ok(());
    }
    match did_you_mean(who, known.iter().map(String::as_str)) {
        Some(close) => Err(Refused::new(
            Said::new(
                "edit.unknown_person",
                "`{who}` is not known as {role} here; did you mean `{close}`?",
            )
            .arg("who", who)
            .arg_said("role", role)
            .arg("close", close),
        )
        .help(
            Said::new(
                "edit.unknown_person_help",
                "if `{who}` is a new colleague, add --new-person",
            )
            .arg("who", who),
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_near_miss_is_refused_a_new_name_is_not() {
        let known = vec!["li.wei".to_string(), "wang.fang".to_string()];
        let owner = || Said::new("edit.role.owner", "an owner");
        assert!(check_person(&known, "li.wei", owner()).is_ok());
        let err = check_person(&known, "liwei", owner()).unwrap_err();
        assert!(err.message.to_string().contains("did you mean `li.wei`"), "{err:?}");
        assert!(check_person(&known, "carmen.ruiz", owner()).is_ok());
        let err = check_filter(known.iter().map(String::as_str), &["liwei".into()]).unwrap_err();
        assert_eq!(
            err.help.map(|h| h.to_string()).as_deref(),
            Some("did you mean `li.wei`?")
        );
        assert!(check_filter(known.iter().map(String::as_str), &["wang.fang".into()]).is_ok());
    }
}
