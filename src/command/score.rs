//! `kam score`: the ranked value assessment of every account (or one account, explained). Each
//! file is read and parsed once, in parallel; a single-account run reads that file alone.

use std::path::Path;

use crate::Context;
use crate::cli::{ScoreArgs, ScoreFormat, ScoreSort};
use crate::command::accounts;
use crate::domain::account::Account;
use crate::domain::account::validate::validate_ratings;
use crate::domain::diagnostic::Diagnostic;
use crate::domain::diagnostic::LineIndex;
use crate::domain::edit::people::check_filter;
use crate::domain::playbook::Playbook;
use crate::domain::score::ranking::{Entry, Filter, Problem, SortBy, sort};
use crate::domain::score::weights::{BadArgument, parse_weights};
use crate::domain::score::{Weights, score};
use crate::error::{Error, FINDINGS, OK, Result};
use crate::io::account_file;
use crate::output::{eprint, print, table_width};
use crate::render::score as render;
use crate::render::score_explain::explain as render_explain;
use crate::workspace::{Loaded, Workspace};

fn usage(e: BadArgument) -> Error {
    Error::usage_with_help(e.message, e.help)
}

/// The diagnostics located in the file's text, in line order: the first
/// [`MAX_PER_FILE`](crate::render::diagnostics::MAX_PER_FILE), then one counting the rest.
fn problems(pb: &Playbook, text: &str, diags: &[Diagnostic]) -> Vec<Problem> {
    use crate::render::diagnostics::{MAX_PER_FILE, thousands};
    if diags.is_empty() {
        return Vec::new();
    }
    let mut diags: Vec<&Diagnostic> = diags.iter().collect();
    diags.sort_by_key(|d| d.span.start);
    let index = LineIndex::new(text);
    let locate = |d: &Diagnostic, message: String| {
        let (line, column) = index.line_col(d.span.start);
        Problem { line, column, message }
    };
    let mut out: Vec<Problem> = diags
        .iter()
        .take(MAX_PER_FILE)
        .map(|d| locate(d, d.message.clone()))
        .collect();
    if let Some(first) = diags.get(MAX_PER_FILE) {
        let more = diags.len() - MAX_PER_FILE;
        out.push(locate(
            first,
            pb.fill(
                "score.more_problems",
                "… {n} more (`kam check` shows them)",
                &[("n", &thousands(more))],
            ),
        ));
    }
    out
}

fn stem(name: &str) -> String {
    Path::new(name)
        .file_stem()
        .map_or_else(|| name.to_string(), |s| s.to_string_lossy().into_owned())
}

/// Scores one loaded file. A file that cannot be read or parsed becomes an entry without a
/// score; invalid ratings become problems of an entry that is otherwise scored as far as it can be.
fn entry_of(pb: &Playbook, loaded: Loaded, weights: &Weights) -> Entry {
    let src = match loaded {
        Ok(src) => src,
        Err((name, d)) => {
            return Entry {
                id: stem(&name),
                file: name,
                name: None,
                stage: None,
                owner: None,
                score: None,
                problems: problems(pb, "", &[d]),
            };
        }
    };
    let root = match account_file::parse_in(pb, &src.text) {
        Ok(root) => root,
        Err(diags) => {
            return Entry {
                id: stem(&src.name),
                problems: problems(pb, &src.text, &diags),
                file: src.name,
                name: None,
                stage: None,
                owner: None,
                score: None,
            };
        }
    };
    let account = Account::new(&root);
    let owned = |t: Option<crate::domain::account::Text<'_>>| t.map(|t| t.text.to_string());
    Entry {
        id: owned(account.id).unwrap_or_else(|| stem(&src.name)),
        name: owned(account.name),
        stage: owned(account.stage),
        owner: owned(account.owner),
        score: Some(score(pb, &account, weights)),
        problems: problems(pb, &src.text, &validate_ratings(pb, &root)),
        file: src.name.clone(),
    }
}

fn sort_by(s: ScoreSort) -> SortBy {
    match s {
        ScoreSort::Tier => SortBy::Tier,
        ScoreSort::Value => SortBy::Value,
        ScoreSort::Difficulty => SortBy::Difficulty,
        ScoreSort::Name => SortBy::Name,
        ScoreSort::Id => SortBy::Id,
    }
}

pub fn run(args: &ScoreArgs, ctx: &Context) -> Result<i32> {
    if args.explain && matches!(args.format, ScoreFormat::Csv | ScoreFormat::Md) {
        return Err(Error::usage_with_help(
            crate::error::Said::new("score.explain_text", "--explain prints text"),
            crate::error::Said::new(
                "score.explain_text_help",
                "use --format json for every factor's rating, weight and points in a machine-readable form",
            ),
        ));
    }
    let (ws, entries, as_of) = if let Some(day) = args.as_of {
        // As committed at the end of a day: the files come from git, the playbook too.
        let opened = accounts::open(ctx, Some(day))?;
        let note = opened.note();
        let weights = parse_weights(&opened.ws.playbook, &args.weights).map_err(usage)?;
        // The id resolves over the accounts of that day, as without --as-of over today's.
        let id = args.id.as_deref().map(|id| opened.resolve(id)).transpose()?;
        let (ws, entries) = opened.map(|ws, loaded| {
            let keep = id.as_ref().is_none_or(|id| match &loaded {
                Ok(src) => stem(&src.name) == *id,
                Err((name, _)) => stem(name) == *id,
            });
            keep.then(|| entry_of(&ws.playbook, loaded, &weights))
        });
        let entries: Vec<Entry> = entries.into_iter().flatten().collect();
        (ws, entries, note)
    } else {
        let ws = Workspace::open(&ctx.start)?;
        let pb = &ws.playbook;
        let weights = parse_weights(pb, &args.weights).map_err(usage)?;
        let entries = if let Some(id) = &args.id {
            // One account: its file alone is read, whatever else lies in accounts/.
            let path = ws.account_path(id)?;
            vec![entry_of(pb, ws.load(&path), &weights)]
        } else {
            let files = ws.account_files()?;
            ws.map_files(&files, |loaded| entry_of(pb, loaded, &weights))
        };
        (ws, entries, None)
    };
    let pb = &ws.playbook;
    let weights = parse_weights(pb, &args.weights).map_err(usage)?;
    let entries = if args.id.is_some() {
        entries
    } else {
        let filter = Filter::new(pb, &args.tier, &args.stage, &args.owner).map_err(usage)?;
        let owners: Vec<&str> = entries.iter().filter_map(|e| e.owner.as_deref()).collect();
        check_filter(owners.iter().copied(), &args.owner).map_err(crate::command::writing::refused)?;
        let mut entries: Vec<Entry> = entries.into_iter().filter(|e| filter.keeps(e)).collect();
        sort(pb, &mut entries, sort_by(args.sort));
        entries
    };
    let entries: Vec<Entry> = entries.into_iter().map(|e| e.shown(pb)).collect();
    let note = match (render::weights_note(pb, &weights), as_of) {
        (Some(w), Some(a)) => Some(format!("{a}\n{w}")),
        (w, a) => w.or(a),
    };
    let width = table_width();
    let out = match args.format {
        ScoreFormat::Table if args.explain && !entries.is_empty() => {
            let explained: Vec<String> = entries
                .iter()
                .map(|e| render_explain(pb, e, width, ctx.color))
                .collect();
            let mut out = note.map(|n| format!("{n}\n\n")).unwrap_or_default();
            out.push_str(&explained.join("\n"));
            out
        }
        ScoreFormat::Table => render::table(pb, &entries, note.as_deref(), width, ctx.color),
        ScoreFormat::Md => render::markdown(pb, &entries, note.as_deref()),
        ScoreFormat::Csv | ScoreFormat::Json => {
            // Machine formats stay parseable: the note goes to stderr.
            if let Some(note) = &note {
                eprint(&format!("note: {note}\n"));
            }
            if args.format == ScoreFormat::Csv {
                render::csv(pb, &entries, crate::render::csv::Cells::of(&args.csv))
            } else {
                render::json(&entries)
            }
        }
    };
    if matches!(args.format, ScoreFormat::Csv) {
        crate::output::write_csv(pb, &out, crate::render::csv::Cells::of(&args.csv), None, &ctx.start)?;
    } else {
        print(&out)?;
    }
    Ok(if entries.iter().any(|e| !e.problems.is_empty()) {
        FINDINGS
    } else {
        OK
    })
}
