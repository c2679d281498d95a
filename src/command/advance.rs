//! `kam advance ID`: moves an account through its gate to the next stage, or with `--to` back or
//! out of the pipeline. Reading, deciding and writing happen under the account's sidecar lock;
//! the write goes through a temporary file and is refused if the file changed since it was read.
//! Exit code 0 moved (or would move, with `--dry-run`), 1 gate not met or the current stage not
//! backed by history (file unchanged), 2 move not allowed, file busy or changed.

use std::fmt::Write;

use crate::Context;
use crate::cli::AdvanceArgs;
use crate::domain::account::Account;
use crate::domain::gate::transition::{Refusal, Request, plan};
use crate::domain::privacy::mask::mask;
use crate::error::{Error, FINDINGS, OK, Result};
use crate::io::write::Within;
use crate::io::{account_edit, account_file, git, lock, write};
use crate::output::{eprint, print};
use crate::render::advance::{blocked, diff, moved};
use crate::render::diagnostics::{Form, file_report};
use crate::workspace::Workspace;

fn non_empty(s: Option<&str>) -> Option<String> {
    s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

pub fn run(args: &AdvanceArgs, ctx: &Context) -> Result<i32> {
    let ws = Workspace::open(&ctx.start)?;
    let found = ws.account_path(&args.id)?;
    let name = ws.name_of(&found);
    // The id as the file names it (the user may have typed a prefix).
    let id = found
        .file_stem()
        .map_or_else(|| args.id.clone(), |s| s.to_string_lossy().into_owned());
    // A symlinked account is edited where it really lives, and locked there — only when that is
    // inside the workspace: kam never writes or locks outside it.
    let path = ws.writable_account(&found)?;
    let _lock = if args.dry_run {
        None
    } else {
        Some(lock::try_lock(&ws.playbook, &path, &name)?)
    };
    let src = ws.load_one(&path)?;
    let text = src.text;
    let root = match account_file::parse_in(&ws.playbook, &text) {
        Ok(root) => root,
        Err(mut diags) => {
            let pb = &ws.playbook;
            let shown = mask(pb, &text, None, &mut diags);
            for d in file_report(&name, &shown, &mut diags, pb.words(), Form::Text(false)) {
                eprint(&format!("{d}\n"));
            }
            return Err(Error::usage_with_help(
                pb.fill(
                    "edit.invalid_toml",
                    "{file} is not valid TOML; nothing was changed",
                    &[("file", &name)],
                ),
                pb.fill(
                    "edit.fix_shown_help",
                    "fix what is shown above; `kam check {file}` lists every problem",
                    &[("file", &name)],
                ),
            ));
        }
    };
    let account = Account::new(&root);
    let by = non_empty(args.by.as_deref())
        .or_else(|| non_empty(Some(account.owner())))
        .or_else(|| git::user_name(&ws.root))
        .unwrap_or_default();
    let request = Request {
        to: args.to.as_deref(),
        by: &by,
        note: args.note.as_deref(),
        reason: args.reason.as_deref(),
    };
    let pb = &ws.playbook;
    let transition = match plan(pb, &account, ctx.today, &request) {
        Ok(t) => t,
        Err(Refusal::Blocked(gate)) => {
            print(&blocked(pb, &id, &gate, ctx.color))?;
            return Ok(FINDINGS);
        }
        Err(Refusal::Unsupported(mut diags)) => {
            let mut out = String::new();
            let shown = mask(pb, &text, Some(&root), &mut diags);
            for d in file_report(&name, &shown, &mut diags, pb.words(), Form::Text(ctx.color)) {
                out.push_str(&d);
                out.push('\n');
            }
            let _ = writeln!(
                out,
                "{}",
                pb.fill(
                    "advance.unsupported",
                    "{id} is not moved while its current stage is not backed by its history and a met gate; nothing was changed",
                    &[("id", &id)],
                )
            );
            print(&out)?;
            return Ok(FINDINGS);
        }
        Err(Refusal::NotAllowed { message, help }) => return Err(Error::usage_with_help(message, help)),
    };
    let edited = account_edit::apply(&text, &transition)?;
    if args.dry_run {
        // The diff shows lines of the file around the edit: personal data in them is masked.
        let before = crate::domain::privacy::mask::mask_text(&text, &crate::domain::privacy::mask::secrets(pb, &root));
        let after = match account_file::parse(&edited) {
            Ok(tree) => {
                crate::domain::privacy::mask::mask_text(&edited, &crate::domain::privacy::mask::secrets(pb, &tree))
                    .into_owned()
            }
            Err(_) => edited.clone(),
        };
        print(&diff(&name, &before, &after))?;
        eprint(&format!(
            "{}\n",
            pb.fill(
                "advance.dry_run",
                "dry run: {id} would move {from} → {to}; nothing was written",
                &[("id", &id), ("from", &transition.from), ("to", &transition.to)],
            )
        ));
        return Ok(OK);
    }
    let replaced = write::replace_if_unchanged(
        &path,
        &src.stamp,
        text.as_bytes(),
        edited.as_bytes(),
        &name,
        Within::Workspace(&ws.real_root),
    )?;
    print(&moved(pb, &id, &transition))?;
    if replaced.raced {
        eprint(&format!(
            "warning: {}\n",
            pb.fill(
                "write.raced",
                "another program wrote to {file} while kam replaced it; what it wrote in that instant is not in the file — compare with `git diff`",
                &[("file", &name)],
            )
        ));
    }
    Ok(OK)
}
