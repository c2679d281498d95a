//! Support for the domain's unit tests: the default playbook and the account parser, loaded the
//! way the binary loads them. Only compiled for tests; the only place in `domain/` allowed to reach
//! into `io/`, and the architecture test knows it.

pub use crate::io::playbook_file::{DEFAULT_PLAYBOOK, default_playbook, load};
