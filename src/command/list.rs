//! `kam list`: the pipeline at a glance. Every account file is read and parsed once, in parallel;
//! each becomes a [`Status`] (or a row naming the file `kam check` should look at).

use std::cmp::Ordering;
use std::path::Path;

use crate::Context;
use crate::cli_review::{FlagArg, GroupArg, ListArgs, ListFormat, ListSort};
use crate::command::accounts;
use crate::command::writing::refused;
use crate::domain::account::Account;
use crate::domain::edit::people::check_filter;
use crate::domain::gate::status::{Flag, Status, status};
use crate::domain::planning::GroupBy;
use crate::domain::playbook::Playbook;
use crate::domain::score::ranking::{Filter, TierPick};
use crate::error::{Error, OK, Result};
use crate::io::account_file;
use crate::output::{eprint, print, table_width};
use crate::render::list::{self as render, Row};
use crate::workspace::{Loaded, Workspace};

fn stem(name: &str) -> String {
    Path::new(name)
        .file_stem()
        .map_or_else(|| name.to_string(), |s| s.to_string_lossy().into_owned())
}

/// Reads one account's status; a file that cannot be read or parsed becomes an unreadable row.
pub fn row_of(ws: &Workspace, loaded: Loaded, today: chrono::NaiveDate) -> Row {
    match loaded {
        Err((name, _)) => Row::Unreadable {
            id: stem(&name),
            file: name,
        },
        Ok(src) => match account_file::parse(&src.text) {
            Err(_) => Row::Unreadable {
                id: stem(&src.name),
                file: src.name,
            },
            Ok(root) => Row::Account(Box::new(status(
                &ws.playbook,
                &Account::new(&root),
                &stem(&src.name),
                &src.name,
                today,
            ))),
        },
    }
}

fn flag(f: FlagArg) -> Flag {
    match f {
        FlagArg::Blocked => Flag::Blocked,
        FlagArg::Idle => Flag::Idle,
        FlagArg::Overdue => Flag::Overdue,
        FlagArg::ReportMissing => Flag::ReportMissing,
        FlagArg::TooOften => Flag::TooOften,
        FlagArg::PaymentOverdue => Flag::PaymentOverdue,
        FlagArg::ReturnVisitDue => Flag::ReturnVisitDue,
        FlagArg::RenewalDue => Flag::RenewalDue,
        FlagArg::RetroMissing => Flag::RetroMissing,
    }
}

/// Whether a status passes the filter. An unreadable file is always kept: a filtered list never
/// hides that it may be incomplete.
fn keeps(filter: &Filter, flags: &[Flag], s: &Status) -> bool {
    let tier_ok = filter.tiers.is_empty()
        || filter.tiers.iter().any(|p| match p {
            TierPick::Tier(t) => s.tier.as_deref() == Some(t.as_str()),
            TierPick::NoTier => s.tier.is_none(),
        });
    tier_ok
        && (filter.stages.is_empty() || filter.stages.contains(&s.stage))
        && (filter.owners.is_empty() || filter.owners.contains(&s.owner))
        && (flags.is_empty() || flags.iter().any(|f| s.flags.contains(f)))
}

fn sort(ws: &Workspace, rows: &mut [Row], by: ListSort) {
    let pb = &ws.playbook;
    let stage_pos = |s: &Status| {
        pb.stage_pos(&s.stage)
            .or_else(|| {
                pb.doc
                    .outcomes
                    .iter()
                    .position(|o| o.id == s.stage)
                    .map(|i| pb.stages().len() + i)
            })
            .unwrap_or(usize::MAX)
    };
    let tier_pos = |s: &Status| {
        s.tier
            .as_ref()
            .and_then(|t| pb.doc.scoring.tiers.iter().position(|r| &r.id == t))
            .unwrap_or(usize::MAX)
    };
    let value_desc = |a: &Status, b: &Status| match (a.value, b.value) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (x, y) => x.is_none().cmp(&y.is_none()),
    };
    rows.sort_by(|a, b| {
        let (a, b) = match (a, b) {
            (Row::Account(a), Row::Account(b)) => (a, b),
            // Unreadable files last, by file.
            (Row::Account(_), Row::Unreadable { .. }) => return Ordering::Less,
            (Row::Unreadable { .. }, Row::Account(_)) => return Ordering::Greater,
            (Row::Unreadable { file: x, .. }, Row::Unreadable { file: y, .. }) => return x.cmp(y),
        };
        let first = match by {
            ListSort::Stage => stage_pos(a).cmp(&stage_pos(b)),
            ListSort::Days => b.days_in_stage.cmp(&a.days_in_stage),
            ListSort::Tier => tier_pos(a).cmp(&tier_pos(b)).then_with(|| value_desc(a, b)),
            ListSort::Value => value_desc(a, b),
            ListSort::Next => {
                let date = |s: &Status| s.next_step.as_ref().map(|n| n.date);
                match (date(a), date(b)) {
                    (Some(x), Some(y)) => x.cmp(&y),
                    (x, y) => x.is_none().cmp(&y.is_none()),
                }
            }
            ListSort::Owner => a.owner.cmp(&b.owner),
            ListSort::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
            ListSort::Id => Ordering::Equal,
        };
        first.then_with(|| a.id.cmp(&b.id))
    });
}

/// The filters on classes, levels, regions and approaches, checked against the playbook.
struct Picks {
    classes: Vec<String>,
    levels: Vec<String>,
    regions: Vec<String>,
    approaches: Vec<String>,
}

/// The values given for an option, each one a value of the enumeration (or one of `extra`).
fn checked(pb: &Playbook, option: &str, enumeration: &str, given: &[String], extra: &[&str]) -> Result<Vec<String>> {
    let ids: Vec<&str> = pb
        .enum_values(enumeration)
        .unwrap_or_default()
        .iter()
        .map(|v| v.id.as_str())
        .chain(extra.iter().copied())
        .collect();
    given
        .iter()
        .map(|g| g.trim())
        .map(|g| {
            if ids.contains(&g) {
                Ok(g.to_string())
            } else {
                let help = match crate::domain::diagnostic::did_you_mean(g, ids.iter().copied()) {
                    Some(close) => pb.did_you_mean(close),
                    None => pb.fill(
                        "list.option_values",
                        "--{option} takes: {ids}",
                        &[("option", &option), ("ids", &ids.join(", "))],
                    ),
                };
                Err(Error::usage_with_help(
                    pb.fill(
                        "list.not_an_option_value",
                        "`{value}` is not a value of --{option}",
                        &[("value", &g), ("option", &option)],
                    ),
                    help,
                ))
            }
        })
        .collect()
}

impl Picks {
    fn new(pb: &Playbook, args: &ListArgs) -> Result<Picks> {
        Ok(Picks {
            classes: checked(pb, "class", "account_class", &args.class, &["potential", "none"])?,
            levels: checked(pb, "level", "client_level", &args.level, &[])?,
            regions: checked(pb, "region", "region", &args.region, &[])?,
            approaches: checked(pb, "approach", "approach", &args.approach, &[])?,
        })
    }

    fn keeps(&self, s: &Status) -> bool {
        let one =
            |wanted: &[String], value: Option<&String>| wanted.is_empty() || value.is_some_and(|v| wanted.contains(v));
        let class_ok = self.classes.is_empty()
            || self.classes.iter().any(|c| match c.as_str() {
                "potential" => s.potential,
                "none" => s.classes.is_empty(),
                _ => s.classes.contains(c),
            });
        class_ok
            && one(&self.levels, s.level.as_ref())
            && one(&self.regions, s.region.as_ref())
            && one(&self.approaches, s.approach.as_ref())
    }
}

pub fn run(args: &ListArgs, ctx: &Context) -> Result<i32> {
    let opened = accounts::open(ctx, args.as_of)?;
    if args.matrix && args.format != ListFormat::Md {
        let pb = &opened.ws.playbook;
        return Err(Error::usage_with_help(
            pb.text("list.matrix_md", "--matrix adds a Mermaid chart to Markdown"),
            pb.text("list.matrix_md_help", "use it with --format md"),
        ));
    }
    let filter = Filter::new(&opened.ws.playbook, &args.tier, &args.stage, &args.owner)
        .map_err(|e| Error::usage_with_help(e.message, e.help))?;
    let flags: Vec<Flag> = args.flag.iter().copied().map(flag).collect();
    let note = opened.note();
    let today = opened.today;
    let (ws, all) = opened.map(|ws, loaded| row_of(ws, loaded, today));
    let owners: Vec<&str> = all
        .iter()
        .filter_map(|r| match r {
            Row::Account(s) => Some(s.owner.as_str()),
            Row::Unreadable { .. } => None,
        })
        .collect();
    check_filter(owners.iter().copied(), &args.owner).map_err(refused)?;
    let pb = &ws.playbook;
    let picks = Picks::new(pb, args)?;
    let mut rows: Vec<Row> = all
        .into_iter()
        .filter(|r| match r {
            Row::Account(s) => keeps(&filter, &flags, s) && picks.keeps(s),
            Row::Unreadable { .. } => true,
        })
        .collect();
    sort(&ws, &mut rows, args.sort);
    // Personal data is hidden once the rows are chosen and ordered.
    let rows: Vec<Row> = rows
        .into_iter()
        .map(|r| match r {
            Row::Account(s) => Row::Account(Box::new((*s).shown(pb, false))),
            other @ Row::Unreadable { .. } => other,
        })
        .collect();
    let group_by = args.group_by.map(|g| match g {
        GroupArg::Region => GroupBy::Region,
        GroupArg::Owner => GroupBy::Owner,
        GroupArg::Level => GroupBy::Level,
        GroupArg::Approach => GroupBy::Approach,
    });
    let mut out = match (args.format, group_by) {
        (ListFormat::Table, Some(by)) => render::grouped(pb, &rows, by, table_width(), ctx.color, false),
        (ListFormat::Md, Some(by)) => render::grouped(pb, &rows, by, table_width(), false, true),
        (ListFormat::Table, None) => render::table(pb, &rows, table_width(), ctx.color),
        (ListFormat::Md, None) => render::markdown(pb, &rows),
        (ListFormat::Csv, _) => render::csv(&rows, crate::render::csv::Cells::of(&args.csv)),
        (ListFormat::Json, _) => render::json(&rows),
    };
    if args.matrix {
        out.push('\n');
        out.push_str(&crate::render::director::matrix::markdown(pb, &rows));
    }
    if let Some(note) = note {
        match args.format {
            ListFormat::Table | ListFormat::Md => out = format!("{note}\n\n{out}"),
            ListFormat::Csv | ListFormat::Json => eprint(&format!("note: {note}\n")),
        }
    }
    if matches!(args.format, ListFormat::Csv) {
        crate::output::write_csv(pb, &out, crate::render::csv::Cells::of(&args.csv), None, &ctx.start)?;
    } else {
        print(&out)?;
    }
    Ok(OK)
}
