//! An exclusive lock on a sidecar file (`.<file name>.kam-lock`, next to the account file) held
//! while kam reads, decides and writes. The lock sits on a sidecar and not on the account file
//! because the account file is replaced by a rename: a lock on it would stay with the old copy.
//!
//! The sidecar is never deleted. Deleting it would break the lock for others: a process that
//! opened it just before the delete would lock the unlinked file while the next one creates and
//! locks a new file, and both would believe they hold the lock. An empty hidden file per edited
//! account is the price; `kam init` lists the pattern in `.gitignore`.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A held lock; released when dropped (the operating system also releases it if kam dies).
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// The sidecar lock file of `path`.
pub fn lock_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.kam-lock"))
}

/// Takes the lock of `path` without waiting. Another kam editing the same file makes this fail
/// at once: the caller decided on what it was about to read, and that may change underneath it.
pub fn try_lock(path: &Path, shown: &str) -> Result<Lock> {
    let lock = lock_path(path);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock)
        .map_err(|e| Error::io(&lock, "create the lock file", e))?;
    match file.try_lock() {
        Ok(()) => Ok(Lock { _file: file }),
        Err(TryLockError::WouldBlock) => Err(Error::Conflict {
            message: format!("{shown} is being changed by another kam process; nothing was written"),
            help: "run the command again in a moment".into(),
        }),
        Err(TryLockError::Error(e)) => Err(Error::io(&lock, "lock", e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_file_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("acme.toml");
        let first = try_lock(&path, "acme.toml").unwrap();
        let err = try_lock(&path, "acme.toml").unwrap_err();
        assert!(
            err.to_string().contains("being changed by another kam process"),
            "{err}"
        );
        drop(first);
        let _again = try_lock(&path, "acme.toml").unwrap();
        assert!(dir.path().join(".acme.toml.kam-lock").is_file());
    }
}
