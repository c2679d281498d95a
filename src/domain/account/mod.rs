//! The account: one client's TOML file as kam reads it.
//!
//! - [`value`]: the parsed TOML tree with spans, and small typed readers over it
//! - [`parse`]: text → that tree, every syntax error a diagnostic
//! - [`toml_words`]: the TOML parser's messages in the playbook's words
//! - [`view`]: the typed view of one account (name, owner, stage, ratings, checklist, history)
//! - [`field`]: one value checked against one field of the playbook
//! - [`format`]: the formats of single values: e-mail, web address, phone, currency code
//! - [`naming`]: how check's messages name a key, a record and a value found
//! - [`validate`]: the whole file checked against the playbook's templates
//! - [`slug`]: account ids, safe as file names everywhere
//! - [`ids`]: an account found by its id, a unique prefix, or a did-you-mean
//! - [`invisible`]: direction controls and invisible characters that make text read otherwise

pub mod field;
pub mod format;
pub mod ids;
pub mod invisible;
pub mod naming;
pub mod parse;
pub mod pinyin;
pub mod slug;
pub mod toml_words;
pub mod validate;
pub mod value;
pub mod view;

pub use view::{Account, Evidence, Move, Rating, Text};
