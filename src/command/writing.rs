//! The flow every writing command shares: open the account (id or prefix, locked), parse it, let
//! the command make its plan, apply it with the one edit engine, refuse what the playbook
//! refuses (exit 1, file untouched), show the diff for `--dry-run`, else write and say what
//! changed. Personal values stay out of the diff and the diagnostics.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::Context;
use crate::domain::account::Account;
use crate::domain::account::value::{Spanned, Table};
use crate::domain::diagnostic::Diagnostic;
use crate::domain::edit::coerce::{date, date_value};
use crate::domain::edit::people::People;
use crate::domain::edit::{Plan, Refused};
use crate::domain::playbook::Playbook;
use crate::domain::privacy::mask::{mask, mask_text, secrets};
use crate::error::{Error, FINDINGS, OK, Result};
use crate::io::account_edit::session::{Applied, Session};
use crate::io::account_file;
use crate::output::{eprint, print};
use crate::render::advance::diff;
use crate::render::change::written;
use crate::render::diagnostics::{Form, Shown, file_report, render};
use crate::workspace::Workspace;

/// Why a command makes no plan.
pub enum NoPlan {
    /// A usage error (exit 2).
    Refused(Refused),
    /// Values on the command line the playbook refuses, each shown on its argument (exit 1).
    Invalid(Vec<(String, Diagnostic)>),
    /// Anything else.
    Error(Error),
}

impl From<Refused> for NoPlan {
    fn from(r: Refused) -> Self {
        NoPlan::Refused(r)
    }
}

impl From<Error> for NoPlan {
    fn from(e: Error) -> Self {
        NoPlan::Error(e)
    }
}

pub fn refused(r: Refused) -> Error {
    match r.help {
        Some(help) => Error::usage_with_help(r.message, help),
        None => Error::usage(r.message),
    }
}

/// What a plan is made from.
pub struct Input<'a, 't> {
    pub ws: &'a Workspace,
    pub root: &'a Spanned<Table<'t>>,
    pub account: &'a Account<'t>,
}

/// The values of a writing command's options, checked by the playbook before anything is
/// planned: a bad one is a diagnostic on the command line, as `kam set` gives for a bad value
/// (exit 1, file untouched), all of them in one run.
#[derive(Debug, Default)]
pub struct Options {
    invalid: Vec<(String, Diagnostic)>,
    /// Date options that are no date (`FLAG`, value), worded when checked.
    bad_dates: Vec<(String, String)>,
}

impl Options {
    /// Records `d` (spanning `raw`) as a finding on `FLAG RAW`.
    pub fn refuse(&mut self, flag: &str, raw: &str, mut d: Diagnostic) {
        let at = flag.len() + 1;
        d.span = d.span.start + at..d.span.end + at;
        self.invalid.push((format!("{flag} {raw}"), d));
    }

    /// A date option: `YYYY-MM-DD`, `today`, `yesterday`, `tomorrow`.
    pub fn date(&mut self, flag: &str, raw: Option<&str>, today: NaiveDate) -> Option<NaiveDate> {
        let raw = raw?;
        let found = date(raw, today);
        if found.is_none() {
            self.bad_dates.push((flag.to_string(), raw.to_string()));
        }
        found
    }

    /// Nothing refused, or every refusal as one [`NoPlan::Invalid`], in the playbook's words.
    pub fn checked(&mut self, pb: &Playbook, today: NaiveDate) -> std::result::Result<(), NoPlan> {
        for (flag, raw) in std::mem::take(&mut self.bad_dates) {
            if let Err(d) = date_value(pb, &flag, &raw, today) {
                self.refuse(&flag, &raw, d);
            }
        }
        if self.invalid.is_empty() {
            Ok(())
        } else {
            Err(NoPlan::Invalid(self.invalid.clone()))
        }
    }
}

/// The people every account of the workspace names (owners, team, task owners).
pub fn people(ws: &Workspace) -> Result<People> {
    let files = ws.account_files()?;
    let found = ws.map_files(&files, |loaded| {
        let mut p = People::default();
        if let Ok(src) = loaded
            && let Ok(root) = account_file::parse(&src.text)
        {
            p.add(&Account::new(&root));
        }
        p
    });
    let mut all = People::default();
    for p in found {
        all.merge(p);
    }
    Ok(all)
}

/// Shows what the changed text would bring, personal values blanked in the excerpt and in the
/// messages that quote them.
pub fn show_findings(pb: &Playbook, name: &str, applied: &Applied, color: bool, out: &mut String) {
    let mut diags: Vec<Diagnostic> = applied.errors.iter().chain(&applied.warnings).cloned().collect();
    let root = account_file::parse(&applied.new).ok();
    let masked = mask(pb, &applied.new, root.as_ref(), &mut diags);
    let shown_name = pb.fill("edit.after_change", "{file} (after the change)", &[("file", &name)]);
    for d in file_report(&shown_name, &masked, &mut diags, pb.words(), Form::Text(color)) {
        out.push_str(&d);
        out.push('\n');
    }
}

/// Runs one writing command on account `id`.
pub fn run<'w>(
    ctx: &Context,
    id: &str,
    dry_run: bool,
    make: impl for<'a, 't> FnOnce(&Input<'a, 't>) -> std::result::Result<Plan, NoPlan>,
) -> Result<i32> {
    let ws = Workspace::open(&ctx.start)?;
    let session = Session::open(&ws, id, dry_run)?;
    let root = match session.parse(&ws.playbook) {
        Ok(root) => root,
        Err(mut diags) => {
            let masked = mask(&ws.playbook, &session.text, None, &mut diags);
            for d in file_report(
                &session.name,
                &masked,
                &mut diags,
                ws.playbook.words(),
                Form::Text(false),
            ) {
                eprint(&format!("{d}\n"));
            }
            let pb = &ws.playbook;
            return Err(Error::usage_with_help(
                pb.fill(
                    "edit.invalid_toml",
                    "{file} is not valid TOML; nothing was changed",
                    &[("file", &session.name)],
                ),
                pb.fill(
                    "edit.invalid_toml_help",
                    "fix what is shown above (`kam edit {id}`)",
                    &[("id", &session.id)],
                ),
            ));
        }
    };
    let account = Account::new(&root);
    let input = Input {
        ws: &ws,
        root: &root,
        account: &account,
    };
    let plan = match make(&input) {
        Ok(plan) => plan,
        Err(NoPlan::Refused(r)) => return Err(refused(r)),
        Err(NoPlan::Error(e)) => return Err(e),
        Err(NoPlan::Invalid(diags)) => {
            let pb = &ws.playbook;
            let mut out = String::new();
            let command_line = pb.text("edit.command_line", "command line");
            for (arg, d) in &diags {
                out.push_str(&render(&Shown::of(d, command_line, arg), pb.words(), ctx.color));
                out.push('\n');
            }
            let _ = writeln!(
                out,
                "{}",
                pb.fill(
                    "edit.nothing_changed_in",
                    "nothing was changed in {file}",
                    &[("file", &session.name)]
                )
            );
            print(&out)?;
            return Ok(FINDINGS);
        }
    };
    let pb = &ws.playbook;
    let applied = session.apply(pb, &plan.ops, ctx.today, false)?;
    if !applied.errors.is_empty() {
        let mut out = String::new();
        show_findings(pb, &session.name, &applied, ctx.color, &mut out);
        let n = applied.errors.len();
        let _ = writeln!(
            out,
            "{}",
            if n == 1 {
                pb.fill(
                    "edit.would_bring_error",
                    "the change would bring 1 error into {file}; nothing was changed",
                    &[("file", &session.name)],
                )
            } else {
                pb.fill(
                    "edit.would_bring_errors",
                    "the change would bring {n} errors into {file}; nothing was changed",
                    &[("n", &n), ("file", &session.name)],
                )
            }
        );
        print(&out)?;
        return Ok(FINDINGS);
    }
    if dry_run {
        let (old, new) = match (account_file::parse(&session.text), account_file::parse(&applied.new)) {
            (Ok(a), Ok(b)) => (
                mask_text(&session.text, &secrets(pb, &a)).into_owned(),
                mask_text(&applied.new, &secrets(pb, &b)).into_owned(),
            ),
            _ => (session.text.clone(), applied.new.clone()),
        };
        let mut out = diff(&session.name, &old, &new);
        if old == new && session.text != applied.new {
            let _ = writeln!(
                out,
                "{}",
                pb.text(
                    "edit.personal_change",
                    "(the change is to personal data, which is not shown)"
                )
            );
        }
        print(&out)?;
        eprint(&format!(
            "{}\n",
            pb.fill(
                "edit.dry_run",
                "dry run: nothing was written to {file}",
                &[("file", &session.name)]
            )
        ));
        return Ok(OK);
    }
    session.write(pb, &applied.new)?;
    let mut out = written(pb.words(), &session.id, &session.name, &plan);
    if !applied.warnings.is_empty() {
        let _ = writeln!(
            out,
            "  note: {}",
            pb.text("edit.check_reports", "`kam check` reports after this change:")
        );
        let mut notes = String::new();
        show_findings(pb, &session.name, &applied, false, &mut notes);
        for line in notes.lines() {
            let _ = writeln!(out, "    {line}");
        }
    }
    print(&out)?;
    Ok(OK)
}
