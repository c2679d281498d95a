//! `kam edit ID`: the account opened in `$VISUAL`/`$EDITOR` on a copy (a hidden file next to it).
//! When the editor closes, the copy is checked like `kam check` does; a copy with new errors is
//! shown and kam asks to edit it again or abandon it, the way `visudo` and `crontab -e` do. The
//! account is replaced only by a valid copy, locked, atomically, and only if nobody changed it
//! meanwhile; otherwise the copy is kept and its name printed, so no work is lost.

use std::fmt::Write as _;
use std::io::Write;

use crate::Context;
use crate::cli_daily::EditArgs;
use crate::command::writing::show_findings;
use crate::error::{Error, FINDINGS, OK, Result};
use crate::io::account_edit::session::{Session, judge};
use crate::io::{editor, prompt};
use crate::output::{eprint, print};
use crate::workspace::Workspace;

pub fn run(args: &EditArgs, ctx: &Context) -> Result<i32> {
    let ws = Workspace::open(&ctx.start)?;
    let pb = &ws.playbook;
    let session = Session::open(&ws, &args.id, false)?;
    let words = editor::command()?;
    let dir = session
        .path
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    let file_name = session
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut copy = tempfile::Builder::new()
        .prefix(&format!(".{file_name}{}", crate::io::write::EDIT_MARK))
        .suffix(".toml")
        .tempfile_in(&dir)
        .map_err(|e| {
            Error::io(
                &dir,
                "io.create_edit_copy",
                "cannot create the copy to edit in {path}: {error}",
                e,
            )
        })?;
    copy.as_file_mut()
        .write_all(session.text.as_bytes())
        .and_then(|()| copy.as_file().sync_all())
        .map_err(|e| Error::io(copy.path(), "io.write", "cannot write {path}: {error}", e))?;
    let shown_copy = ws.name_of(copy.path());
    loop {
        editor::edit(&words, copy.path())?;
        let new = crate::io::source::read(copy.path(), &ws.real_root)
            .map(|(text, _, _)| text)
            .map_err(|e| Error::usage(format!("{shown_copy}: {}", e.message_in(pb))))?;
        if new == session.text {
            print(&format!(
                "{}\n",
                pb.fill("edit.no_changes", "{id}: no changes", &[("id", &session.id)])
            ))?;
            return Ok(OK);
        }
        let applied = judge(pb, &session.id, &session.text, new, ctx.today, true);
        if applied.errors.is_empty() {
            if let Err(e) = session.write(pb, &applied.new) {
                let kept = copy.keep().map(|(_, p)| ws.name_of(&p)).unwrap_or(shown_copy);
                eprint(&format!(
                    "{}\n",
                    pb.fill(
                        "edit.copy_kept",
                        "your edited copy is kept in {file}",
                        &[("file", &kept)]
                    )
                ));
                return Err(e);
            }
            let mut out = format!(
                "{}\n",
                pb.fill(
                    "edit.saved",
                    "{id}: saved ({file})",
                    &[("id", &session.id), ("file", &session.name)]
                )
            );
            if !applied.warnings.is_empty() {
                show_findings(&ws.playbook, &session.name, &applied, false, &mut out);
            }
            print(&out)?;
            return Ok(OK);
        }
        let mut out = String::new();
        show_findings(&ws.playbook, &session.name, &applied, ctx.color, &mut out);
        let n = applied.errors.len();
        let _ = writeln!(
            out,
            "{}",
            if n == 1 {
                pb.fill(
                    "edit.new_error",
                    "the edited copy has 1 new error; {file} is unchanged",
                    &[("file", &session.name)],
                )
            } else {
                pb.fill(
                    "edit.new_errors",
                    "the edited copy has {n} new errors; {file} is unchanged",
                    &[("n", &n), ("file", &session.name)],
                )
            }
        );
        eprint(&out);
        let answer = match prompt::terminal(pb.words()) {
            Some(mut p) => {
                let choices = [
                    prompt::Choice {
                        id: "edit".into(),
                        label: pb.text("edit.again", "edit the copy again").into(),
                    },
                    prompt::Choice {
                        id: "abandon".into(),
                        label: pb.text("edit.abandon", "abandon the changes").into(),
                    },
                ];
                p.choose(pb.text("edit.what_now", "What now"), &choices, false, true)
                    .map_err(|e| {
                        Error::io(
                            "<terminal>",
                            "io.read_answer",
                            "cannot read an answer from {path}: {error}",
                            e,
                        )
                    })?
            }
            None => vec!["abandon".to_string()],
        };
        if answer.first().map(String::as_str) != Some("edit") {
            eprint(&format!(
                "{}\n",
                pb.fill(
                    "edit.abandoned",
                    "abandoned; {file} is unchanged",
                    &[("file", &session.name)]
                )
            ));
            return Ok(FINDINGS);
        }
    }
}
