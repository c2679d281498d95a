//! `kam check`: every problem of every account (or of the given files), in file and line order.

use std::collections::HashMap;
use std::fmt::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::Context;
use crate::cli::{CheckArgs, CheckFormat};
use crate::domain::account::Account;
use crate::domain::check::check_account;
use crate::domain::diagnostic::{Code, Diagnostic, Severity};
use crate::domain::playbook::Playbook;
use crate::domain::privacy::mask::mask;
use crate::error::{Error, FINDINGS, OK, Result};
use crate::io::account_file;
use crate::output::print;
use crate::render::diagnostics::{Form, file_report};
use crate::workspace::{Loaded, Workspace, collect_toml};
use rayon::prelude::*;

/// What checking one file produced, already rendered so the file's text can be dropped.
struct FileFindings {
    path: PathBuf,
    /// The file as shown (relative to the workspace).
    name: String,
    id: Option<(String, Range<usize>)>,
    errors: usize,
    warnings: usize,
    /// Text or JSON objects, one per diagnostic, in line order.
    rendered: Vec<String>,
    /// The text read, kept only when it is not on disk (a staged blob).
    staged_text: Option<String>,
}

fn form(format: CheckFormat, color: bool) -> Form {
    match format {
        CheckFormat::Text => Form::Text(color),
        CheckFormat::Json => Form::Json,
        CheckFormat::Md => Form::Md,
    }
}

fn check_file(pb: &Playbook, loaded: Loaded, args: &CheckArgs, ctx: &Context) -> FileFindings {
    let form = form(args.format, ctx.color);
    let findings = |path: PathBuf, name: &str, id, diags: &[Diagnostic], rendered: Vec<String>| {
        let errors = diags.iter().filter(|d| d.severity == Severity::Error).count();
        FileFindings {
            path,
            name: name.to_string(),
            id,
            errors,
            warnings: diags.len() - errors,
            rendered,
            staged_text: None,
        }
    };
    let src = match loaded {
        Ok(src) => src,
        Err((name, d)) => {
            let mut diags = [d];
            let rendered = file_report(&name, "", &mut diags, pb.words(), form);
            return findings(PathBuf::from(&name), &name, None, &diags, rendered);
        }
    };
    let stem = src
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Personal data is masked while the tree is at hand; the rendering sees only the masked
    // text. A file without problems costs nothing more.
    let (diags, id, rendered) = match account_file::parse_in(pb, &src.text) {
        Err(mut diags) => {
            let shown = mask(pb, &src.text, None, &mut diags);
            let rendered = file_report(&src.name, &shown, &mut diags, pb.words(), form);
            (diags, None, rendered)
        }
        Ok(root) => {
            let account = Account::new(&root);
            let id = account.id.map(|t| (t.text.to_string(), t.span()));
            let mut diags = check_account(pb, &src.text, &root, &account, &stem, ctx.today);
            let shown = mask(pb, &src.text, Some(&root), &mut diags);
            let rendered = file_report(&src.name, &shown, &mut diags, pb.words(), form);
            (diags, id, rendered)
        }
    };
    let mut found = findings(src.path, &src.name, id, &diags, rendered);
    if args.staged {
        found.staged_text = Some(src.text);
    }
    found
}

/// The files to check: the given paths (files, or folders searched for `*.toml`), or all accounts.
fn files_to_check(ws: &Workspace, args: &CheckArgs, ctx: &Context) -> Result<Vec<PathBuf>> {
    if args.paths.is_empty() {
        return ws.account_files();
    }
    let mut files = Vec::new();
    for p in &args.paths {
        let path = ctx.start.join(p);
        if path.is_dir()
            && std::fs::symlink_metadata(path.join(".git")).is_ok()
            && path.starts_with(ws.accounts_dir())
            && path != ws.accounts_dir()
        {
            // A submodule inside accounts/: reported as itself, never read as accounts.
            files.push(path);
        } else if path.is_dir() {
            ws.check_inside(&path)?;
            let mut found = Vec::new();
            collect_toml(&path, &mut found)?;
            found.sort();
            files.extend(found);
        } else if std::fs::symlink_metadata(&path).is_ok() {
            // Links, FIFOs and devices are listed too: reading them reports what they are.
            if let Some(parent) = path.parent() {
                ws.check_inside(parent)?;
            }
            files.push(path);
        } else if let Some(id) = p.to_str().filter(|s| crate::domain::account::slug::is_slug(s)) {
            // An account id, or a unique prefix of one: `kam check kangyuan`.
            files.push(ws.account_path(id)?);
        } else {
            return Err(Error::io(
                p,
                "io.read",
                "cannot read {path}: {error}",
                std::io::Error::from(std::io::ErrorKind::NotFound),
            ));
        }
    }
    Ok(files)
}

/// Ids used by more than one file. With all files checked, the ids read; otherwise the given
/// files' ids against every account file's name (ids must match file names, so no parsing).
fn duplicate_ids(ws: &Workspace, results: &[FileFindings], whole: bool, all: &[PathBuf]) -> Vec<(usize, Diagnostic)> {
    let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, r) in results.iter().enumerate() {
        if let Some((id, _)) = &r.id {
            by_id.entry(id).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    if whole {
        for indices in by_id.values().filter(|v| v.len() > 1) {
            for &i in &indices[1..] {
                let (id, span) = results[i].id.clone().unwrap_or_default();
                let first = ws.name_of(&results[indices[0]].path);
                out.push((
                    i,
                    Diagnostic::error(Code::DuplicateId, span, duplicate_message(&ws.playbook, &id, &first))
                        .with_help(duplicate_help(&ws.playbook)),
                ));
            }
        }
    } else {
        for (i, r) in results.iter().enumerate() {
            let Some((id, span)) = &r.id else { continue };
            let wanted = format!("{id}.toml");
            if let Some(other) = all
                .iter()
                .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy() == wanted) && !same_file(p, &r.path))
            {
                out.push((
                    i,
                    Diagnostic::error(
                        Code::DuplicateId,
                        span.clone(),
                        duplicate_message(&ws.playbook, id, &ws.name_of(other)),
                    )
                    .with_help(duplicate_help(&ws.playbook)),
                ));
            }
        }
    }
    out.sort_by_key(|(i, _)| *i);
    out
}

/// KAM008's message, in the playbook's words.
fn duplicate_message(pb: &Playbook, id: &str, first: &str) -> String {
    pb.fill(
        "check.duplicate_id",
        "id `{id}` is also used by {file}",
        &[("id", &id), ("file", &first)],
    )
}

fn duplicate_help(pb: &Playbook) -> String {
    pb.text(
        "check.duplicate_id_help",
        "account ids are unique; rename one of the accounts",
    )
    .to_string()
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

pub fn run(args: &CheckArgs, ctx: &Context) -> Result<i32> {
    let ws = Workspace::open(&ctx.start)?;
    let (mut results, all, whole, staged_pb) = if args.staged {
        let staged = crate::io::staged::read(&ws)?;
        let pb = staged.playbook.unwrap_or_else(|| ws.playbook.clone());
        let results: Vec<FileFindings> = staged
            .files
            .into_par_iter()
            .map(|loaded| check_file(&pb, loaded, args, ctx))
            .collect();
        (results, staged.all, staged.whole, Some(pb))
    } else {
        let files = files_to_check(&ws, args, ctx)?;
        let results = ws.map_files(&files, |loaded| check_file(&ws.playbook, loaded, args, ctx));
        let whole = args.paths.is_empty();
        let all = if whole {
            Vec::new()
        } else {
            ws.account_files().unwrap_or_default()
        };
        (results, all, whole, None)
    };
    let pb = staged_pb.as_ref().unwrap_or(&ws.playbook);
    for (i, d) in duplicate_ids(&ws, &results, whole, &all) {
        let r = &mut results[i];
        let name = ws.name_of(&r.path);
        let text = match &r.staged_text {
            Some(t) => t.clone(),
            None => ws.load(&r.path).map(|s| s.text).unwrap_or_default(),
        };
        let mut diags = [d];
        let shown = mask(pb, &text, None, &mut diags);
        r.errors += 1;
        r.rendered.extend(file_report(
            &name,
            &shown,
            &mut diags,
            pb.words(),
            form(args.format, ctx.color),
        ));
    }
    let errors: usize = results.iter().map(|r| r.errors).sum();
    let warnings: usize = results.iter().map(|r| r.warnings).sum();
    let mut out = String::new();
    match args.format {
        CheckFormat::Text => {
            for r in &results {
                for d in &r.rendered {
                    out.push_str(d);
                    out.push('\n');
                }
            }
            out.push_str(&summary(
                pb,
                results.len(),
                errors,
                warnings,
                results.iter().filter(|r| !r.rendered.is_empty()).count(),
            ));
        }
        CheckFormat::Md => out.push_str(&markdown(pb, &results, errors, warnings)),
        CheckFormat::Json => {
            let items: Vec<&str> = results
                .iter()
                .flat_map(|r| r.rendered.iter().map(String::as_str))
                .collect();
            out.push('[');
            out.push_str(&items.join(",\n "));
            out.push_str("]\n");
        }
    }
    print(&out)?;
    Ok(if errors > 0 || (args.deny_warnings && warnings > 0) {
        FINDINGS
    } else {
        OK
    })
}

/// The report as Markdown for a CI job summary: a heading, the summary line, then a section per
/// file with findings, its problems as a table (code, line:col, message, help; already escaped).
fn markdown(pb: &Playbook, results: &[FileFindings], errors: usize, warnings: usize) -> String {
    use crate::render::table::{md_code, md_escape};
    let with_findings: Vec<&FileFindings> = results.iter().filter(|r| !r.rendered.is_empty()).collect();
    let mut out = format!("# {}\n\n", md_escape(pb.text("check.md_title", "kam check")));
    let line = summary(pb, results.len(), errors, warnings, with_findings.len());
    out.push_str(&md_escape(line.trim_end()));
    out.push('\n');
    let headers = [
        ("check.md_code", "code"),
        ("check.md_where", "line:col"),
        ("check.md_message", "message"),
        ("check.md_help", "help"),
    ]
    .map(|(id, en)| md_escape(pb.text(id, en)));
    for r in with_findings {
        let _ = write!(out, "\n## {}\n\n| {} |\n", md_code(&r.name), headers.join(" | "));
        out.push_str("| --- | --- | --- | --- |\n");
        for row in &r.rendered {
            out.push_str(row);
        }
    }
    out
}

/// The summary line, in the playbook's words (`check.*` texts, singular and plural forms).
fn summary(pb: &Playbook, files: usize, errors: usize, warnings: usize, with_findings: usize) -> String {
    let count = |n: usize, one: (&str, &str), many: (&str, &str)| {
        let (id, en) = if n == 1 { one } else { many };
        pb.fill(id, en, &[("n", &n)])
    };
    let checked = count(
        files,
        ("check.account", "1 account"),
        ("check.accounts", "{n} accounts"),
    );
    if errors + warnings == 0 {
        return format!(
            "{}\n",
            pb.fill(
                "check.summary_clean",
                "checked {checked}: no problems",
                &[("checked", &checked)]
            )
        );
    }
    let errors = count(errors, ("check.error", "1 error"), ("check.errors", "{n} errors"));
    let warnings = count(
        warnings,
        ("check.warning", "1 warning"),
        ("check.warnings", "{n} warnings"),
    );
    let files = count(with_findings, ("check.file", "1 file"), ("check.files", "{n} files"));
    format!(
        "{}\n",
        pb.fill(
            "check.summary",
            "checked {checked}: {errors}, {warnings} in {files}",
            &[
                ("checked", &checked),
                ("errors", &errors),
                ("warnings", &warnings),
                ("files", &files)
            ],
        )
    )
}
