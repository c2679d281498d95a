//! `kam schema [-o FILE]`: the JSON Schema of account files under the workspace's playbook.

use crate::Context;
use crate::cli_review::SchemaArgs;
use crate::domain::playbook::Playbook;
use crate::domain::schema::account_schema;
use crate::error::{OK, Result};
use crate::output::write_output;
use crate::workspace::Workspace;

/// The schema as pretty JSON text, ending in a newline.
pub fn schema_text(pb: &Playbook) -> String {
    crate::render::visible::json_pretty(&account_schema(pb), "{}")
}

pub fn run(args: &SchemaArgs, ctx: &Context) -> Result<i32> {
    let ws = Workspace::open(&ctx.start)?;
    let text = schema_text(&ws.playbook);
    write_output(&text, args.output.as_deref(), &ctx.start)?;
    Ok(OK)
}
