//! Who kam runs as, and whose files it looks at: the effective user, the owner of a file, and
//! whether a file is writable for the user the way an editor decides it.

use std::fs::Metadata;
use std::path::Path;

/// The effective user id of this process (`None` where there are no user ids).
pub fn euid() -> Option<u32> {
    #[cfg(unix)]
    {
        Some(rustix::process::geteuid().as_raw())
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// The user id owning a file.
pub fn owner(meta: &Metadata) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(meta.uid())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// Whether the user may not write the file, as an editor sees it: for its owner, the owner's
/// write bit; for root, any write bit (root could write anyway, but a file nobody may write is
/// meant to stay as it is); for anyone else, what the system says.
pub fn is_read_only(path: &Path, meta: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode();
        match (euid(), owner(meta)) {
            (Some(0), _) => mode & 0o222 == 0,
            (Some(me), Some(o)) if me == o => mode & 0o200 == 0,
            _ => rustix::fs::access(path, rustix::fs::Access::WRITE_OK).is_err(),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        meta.permissions().readonly()
    }
}
