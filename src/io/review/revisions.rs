//! The two versions a review compares, from what the user asked: `BASE [HEAD]`, `--since 7d
//! [HEAD]` or `--staged [BASE]`, resolved to object ids before git sees any of them.

use std::path::Path;

use chrono::NaiveDate;

use crate::domain::playbook::Playbook;
use crate::error::{Error, Result, Said};
use crate::io::git;
use crate::io::review::Request;

/// What `--since` names: the day the review starts.
fn since_day(since: &str, today: NaiveDate) -> Result<NaiveDate> {
    let bad = || {
        Error::usage_with_help(
            Said::new(
                "diff.bad_since",
                "`--since {since}` is neither a date nor a number of days or weeks",
            )
            .arg("since", since),
            Said::new(
                "diff.bad_since_help",
                "write --since 7d, --since 2w or --since 2026-11-24",
            ),
        )
    };
    let s = since.trim();
    if let Ok(day) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(day);
    }
    let (n, unit) = s.split_at(s.len().saturating_sub(1));
    let n: i64 = n.parse().map_err(|_| bad())?;
    let days = match unit {
        "d" => n,
        "w" => n.checked_mul(7).ok_or_else(bad)?,
        _ => return Err(bad()),
    };
    if days < 0 {
        return Err(bad());
    }
    today.checked_sub_signed(chrono::Duration::days(days)).ok_or_else(bad)
}

/// A version of the review: its object id, and how the review names it.
pub type Version = (String, String);

/// The base and head of the review.
pub fn revisions(pb: &Playbook, root: &Path, req: &Request, today: NaiveDate) -> Result<(Version, Option<Version>)> {
    if let Some(since) = &req.since {
        if req.head.is_some() {
            return Err(Error::usage_with_help(
                Said::new(
                    "diff.since_one_revision",
                    "--since takes at most one revision, the newer version",
                ),
                Said::new("diff.since_one_revision_help", "`kam diff --since 7d [HEAD]`"),
            ));
        }
        let day = since_day(since, today)?;
        let head = req
            .base
            .as_ref()
            .map(|h| git::resolve(root, h).map(|oid| (oid, h.clone())))
            .transpose()?;
        let base = match git::commit_before(root, day)? {
            Some(oid) => {
                let short: String = oid.chars().take(8).collect();
                let shown = pb.fill(
                    "diff.last_before",
                    "the last commit before {day} ({commit})",
                    &[("day", &day), ("commit", &short)],
                );
                (oid, shown)
            }
            None => (
                git::empty_tree(root)?,
                pb.fill(
                    "diff.nothing_before",
                    "nothing (no commit before {day})",
                    &[("day", &day)],
                ),
            ),
        };
        return Ok((base, head));
    }
    if req.staged && (req.head.is_some() || req.since.is_some()) {
        return Err(Error::usage_with_help(
            Said::new(
                "diff.staged_one_revision",
                "--staged compares what is staged with one older version",
            ),
            Said::new("diff.staged_one_revision_help", "`kam diff --staged [BASE]`"),
        ));
    }
    let base_name = req.base.clone().unwrap_or_else(|| "HEAD".to_string());
    let base = match git::resolve(root, &base_name) {
        Ok(oid) => (oid, base_name),
        // The first commit: what is staged is compared with nothing.
        Err(_) if req.staged && req.base.is_none() && git::resolve(root, "HEAD").is_err() => (
            git::empty_tree(root)?,
            pb.text("diff.nothing_yet", "nothing (no commit yet)").to_string(),
        ),
        Err(e) => return Err(e),
    };
    let head = req
        .head
        .as_ref()
        .map(|h| git::resolve(root, h).map(|oid| (oid, h.clone())))
        .transpose()?;
    Ok((base, head))
}
