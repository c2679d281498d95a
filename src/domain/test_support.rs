//! Support for the domain's unit tests: the default playbook and the account parser, loaded the
//! way the binary loads them. Only compiled for tests; the only place in `domain/` allowed to reach
//! into `io/`, and the architecture test knows it.

pub use crate::io::playbook_file::{DEFAULT_PLAYBOOK, load};

use crate::domain::playbook::Playbook;
use crate::error::Error;

/// The embedded default playbook, parsed once per test binary and handed out as a fresh copy,
/// so a test may change its copy freely. (Parsing the 150 KB playbook in an unoptimised build
/// costs far more than copying it, and most unit tests start from it.)
pub fn default_playbook() -> Result<Playbook, Error> {
    static PARSED: std::sync::OnceLock<Playbook> = std::sync::OnceLock::new();
    if let Some(pb) = PARSED.get() {
        return Ok(pb.clone());
    }
    let pb = crate::io::playbook_file::default_playbook()?;
    Ok(PARSED.get_or_init(|| pb).clone())
}
