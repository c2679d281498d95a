//! Reports as documents: each report's layout (`visit`, `negotiation`, `retro`, `after_deal`)
//! turns its data into a [`Doc`] — headings, labelled values, tables, lists, to-dos, prompts and
//! flags, every word from the playbook — and one renderer per format (`markdown`, `text`) prints any `Doc`. The
//! receivables aging report (`receivables`) is a set of tables, rendered like `kam list`.

pub mod after_deal;
pub mod common;
pub mod guidance;
pub mod markdown;
pub mod negotiation;
mod process;
pub mod receivables;
pub mod reception;
pub mod reception_closure;
pub mod retro;
pub mod text;
pub mod visit;
pub mod visit_materials;
mod visit_people;
pub mod words;
pub mod words_after_deal;
pub mod words_method;

/// A report, ready to print in any format. Strings are plain text; renderers add the markup.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    pub title: String,
    /// What follows a label in running text (`: `, or `：` in Chinese).
    pub colon: String,
    /// Short notes under the title (what the report left out).
    pub notes: Vec<String>,
    /// Blocks before the first section (who the client is, where the account stands).
    pub intro: Vec<Block>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// One block of a section.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading inside a section.
    Subheading(String),
    /// Label–value pairs.
    Fields(Vec<(String, String)>),
    /// A table; a cell may hold several lines.
    Table {
        headers: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// A bulleted list.
    List(Vec<String>),
    /// A numbered list; each entry has a title and indented details.
    Steps(Vec<(String, Vec<String>)>),
    /// To-dos: unchecked boxes.
    Todo(Vec<String>),
    /// Done: checked boxes.
    Done(Vec<String>),
    /// Something to fill in, clearly marked (never invented text).
    Prompt(String),
    /// A gap or a problem a reviewer should see.
    Flag(String),
    /// A paragraph.
    Para(String),
    /// A framed reminder: a title and its lines.
    Boxed { title: String, lines: Vec<String> },
}

/// The output formats of reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Text,
}

/// Prints a document in a format.
pub fn render(doc: &Doc, format: Format) -> String {
    render_colored(doc, format, false)
}

/// [`render`]; text with its headings and tables' headers bold when `color` is on.
pub fn render_colored(doc: &Doc, format: Format, color: bool) -> String {
    match format {
        Format::Markdown => markdown::render(doc),
        Format::Text => text::render_colored(doc, color),
    }
}
