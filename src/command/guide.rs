//! `kam guide [TOPIC]`: the playbook's guidance — every topic and where it is shown, or one topic
//! in full — in the playbook's language.

use crate::Context;
use crate::cli_method::{GuideArgs, GuideFormat};
use crate::domain::diagnostic::did_you_mean;
use crate::domain::guide::topic;
use crate::error::{Error, OK, Result};
use crate::render::guide::{list_doc, topic_doc};
use crate::render::report::{Format, render_colored};
use crate::workspace::Workspace;

pub fn run(args: &GuideArgs, ctx: &Context) -> Result<i32> {
    let ws = Workspace::open(&ctx.start)?;
    let pb = &ws.playbook;
    let doc = match &args.topic {
        None => list_doc(pb),
        Some(id) => {
            let Some(t) = topic(pb, id) else {
                let ids = pb.doc.guidance.iter().map(|t| t.id.as_str());
                let help = match did_you_mean(id, ids.clone()) {
                    Some(close) => pb.did_you_mean(close),
                    None => pb.fill(
                        "guide.topics",
                        "topics: {ids}",
                        &[("ids", &ids.collect::<Vec<_>>().join(", "))],
                    ),
                };
                return Err(Error::usage_with_help(
                    pb.fill(
                        "guide.no_topic",
                        "the playbook has no guidance topic `{id}`",
                        &[("id", id)],
                    ),
                    help,
                ));
            };
            topic_doc(pb, t)
        }
    };
    let format = match args.format {
        GuideFormat::Text => Format::Text,
        GuideFormat::Md => Format::Markdown,
    };
    let text = render_colored(&doc, format, ctx.color && args.output.is_none());
    super::report::write_or_print(pb, ctx, args.output.as_deref(), &text)?;
    Ok(OK)
}
