//! `kam schema [-o FILE]`: the JSON Schema of account files under the workspace's playbook.

use crate::Context;
use crate::cli_review::SchemaArgs;
use crate::domain::playbook::Playbook;
use crate::domain::schema::account_schema;
use crate::error::{OK, Result};
use crate::io::write::write_atomic;
use crate::output::print;
use crate::workspace::Workspace;

/// The schema as pretty JSON text, ending in a newline.
pub fn schema_text(pb: &Playbook) -> String {
    let mut text = serde_json::to_string_pretty(&account_schema(pb)).unwrap_or_else(|_| "{}".to_string());
    text.push('\n');
    text
}

pub fn run(args: &SchemaArgs, ctx: &Context) -> Result<i32> {
    let ws = Workspace::open(&ctx.start)?;
    let text = schema_text(&ws.playbook);
    match &args.output {
        Some(path) => write_atomic(&ctx.start.join(path), text.as_bytes())?,
        None => print(&text)?,
    }
    Ok(OK)
}
