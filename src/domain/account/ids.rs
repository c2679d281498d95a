//! Finding an account by what the user typed: its id, or a unique prefix of it (`kam show kang`
//! for kangyuan-pharma); an unknown id gets a did-you-mean.

use crate::domain::diagnostic::did_you_mean;

/// What an id typed by the user matches among the accounts' ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match<'a> {
    /// The id itself, or the only id starting with it.
    One(&'a str),
    /// Several ids start with it.
    Several(Vec<&'a str>),
    /// None does; the closest ids, if any is close.
    None(Vec<&'a str>),
}

/// Matches `wanted` against `ids`.
pub fn find<'a>(ids: &[&'a str], wanted: &str) -> Match<'a> {
    if let Some(exact) = ids.iter().find(|id| **id == wanted) {
        return Match::One(exact);
    }
    let mut starting: Vec<&str> = ids.iter().copied().filter(|id| id.starts_with(wanted)).collect();
    starting.sort_unstable();
    starting.dedup();
    match starting.len() {
        1 => return Match::One(starting[0]),
        n if n > 1 => return Match::Several(starting),
        _ => {}
    }
    let mut close: Vec<&str> = did_you_mean(wanted, ids.iter().copied()).into_iter().collect();
    if close.is_empty() && wanted.len() >= 3 {
        // A word of the id (`pharma` for kangyuan-pharma).
        let mut inside: Vec<&str> = ids.iter().copied().filter(|id| id.contains(wanted)).collect();
        inside.sort_unstable();
        inside.dedup();
        inside.truncate(3);
        close = inside;
    }
    Match::None(close)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_prefixes_and_near_misses() {
        let ids = ["kangyuan-pharma", "kangda-foods", "renhe-hospital"];
        assert_eq!(find(&ids, "renhe-hospital"), Match::One("renhe-hospital"));
        assert_eq!(find(&ids, "kangy"), Match::One("kangyuan-pharma"));
        assert_eq!(
            find(&ids, "kang"),
            Match::Several(vec!["kangda-foods", "kangyuan-pharma"])
        );
        assert_eq!(find(&ids, "kangyuan-pharm"), Match::One("kangyuan-pharma"));
        assert_eq!(find(&ids, "kanguan-pharma"), Match::None(vec!["kangyuan-pharma"]));
        assert_eq!(find(&ids, "hospital"), Match::None(vec!["renhe-hospital"]));
        assert_eq!(find(&ids, "zzz"), Match::None(vec![]));
    }
}
