//! An exclusive lock on a sidecar file (`.<file name>.kam-lock`, next to the account file) held
//! while kam reads, decides and writes. The lock sits on a sidecar and not on the account file
//! because the account file is replaced by a rename: a lock on it would stay with the old copy.
//!
//! The sidecar is never deleted. Deleting it would break the lock for others: a process that
//! opened it just before the delete would lock the unlinked file while the next one creates and
//! locks a new file, and both would believe they hold the lock. An empty hidden file per edited
//! account is the price; `kam init` lists the pattern in `.gitignore`.
//!
//! The sidecar is opened without following a symbolic link and without blocking: a planted
//! `.acme.toml.kam-lock -> /etc/nologin` or a FIFO of that name makes the lock fail, and nothing
//! is created elsewhere; the error says what is there and to remove it. Callers lock only files
//! inside the workspace.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::domain::playbook::Playbook;
use crate::error::{Error, Result, Said};

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

/// A lock file that is not a regular file (a planted link, a FIFO, a folder): a usage error
/// (exit 2) that names it and says to remove it, in the playbook's words.
fn not_a_lock(pb: &Playbook, shown: &str, kind: &str, link: bool) -> Error {
    let lock = lock_path(Path::new(shown)).display().to_string();
    let message = pb.fill(
        "lock.not_a_file",
        "the lock file {lock} is {kind}, not a file kam made; nothing was written",
        &[("lock", &lock), ("kind", &kind)],
    );
    let help = if link {
        pb.fill(
            "lock.remove_link",
            "remove the link (`rm {lock}`) and run the command again; kam makes its lock files itself and never follows a link",
            &[("lock", &lock)],
        )
    } else {
        pb.fill(
            "lock.remove_it",
            "remove it (`rm -r {lock}`) and run the command again; kam makes its lock files itself",
            &[("lock", &lock)],
        )
    };
    Error::usage_with_help(message, help)
}

/// Takes the lock of `path` without waiting. Another kam editing the same file makes this fail
/// at once: the caller decided on what it was about to read, and that may change underneath it.
/// `shown` is the account file as the user knows it (relative to the workspace).
pub fn try_lock(pb: &Playbook, path: &Path, shown: &str) -> Result<Lock> {
    let lock = lock_path(path);
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o666).custom_flags(crate::io::source::nofollow_nonblock());
    }
    let file = match options.open(&lock) {
        Ok(file) => file,
        Err(e) => {
            // Not followed, not opened: say what is there instead of the system's words.
            let there = std::fs::symlink_metadata(&lock).ok();
            return Err(match there.as_ref().and_then(crate::io::source::kind_of) {
                Some(kind) => not_a_lock(
                    pb,
                    shown,
                    pb.text(kind.text_id().0, kind.text_id().1),
                    there.is_some_and(|m| m.file_type().is_symlink()),
                ),
                None => Error::io(
                    &lock,
                    "io.create_lock",
                    "cannot create the lock file {path}: {error}",
                    e,
                ),
            });
        }
    };
    let meta = file.metadata().map_err(|e| {
        Error::io(
            &lock,
            "io.inspect_lock",
            "cannot inspect the lock file {path}: {error}",
            e,
        )
    })?;
    if let Some(kind) = crate::io::source::kind_of(&meta) {
        return Err(not_a_lock(
            pb,
            shown,
            pb.text(kind.text_id().0, kind.text_id().1),
            false,
        ));
    }
    match file.try_lock() {
        Ok(()) => Ok(Lock { _file: file }),
        Err(TryLockError::WouldBlock) => Err(Error::Conflict {
            message: Said::new(
                "write.locked",
                "{file} is being changed by another kam process; nothing was written",
            )
            .arg("file", shown)
            .into(),
            help: Said::new("write.locked_help", "run the command again in a moment").into(),
        }),
        Err(TryLockError::Error(e)) => Err(Error::io(&lock, "io.lock", "cannot lock {path}: {error}", e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pb() -> Playbook {
        crate::domain::test_support::default_playbook().unwrap()
    }

    #[test]
    fn a_second_lock_on_the_same_file_is_refused_until_the_first_is_dropped() {
        let pb = pb();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("acme.toml");
        let first = try_lock(&pb, &path, "acme.toml").unwrap();
        let err = try_lock(&pb, &path, "acme.toml").unwrap_err();
        assert!(
            err.to_string().contains("being changed by another kam process"),
            "{err}"
        );
        drop(first);
        let _again = try_lock(&pb, &path, "acme.toml").unwrap();
        assert!(dir.path().join(".acme.toml.kam-lock").is_file());
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_link_or_fifo_is_not_followed() {
        let pb = pb();
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let victim = elsewhere.path().join("nologin");
        let path = dir.path().join("acme.toml");
        std::os::unix::fs::symlink(&victim, dir.path().join(".acme.toml.kam-lock")).unwrap();
        let err = try_lock(&pb, &path, "acme.toml").unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert_eq!(
            err.to_string(),
            "error: the lock file .acme.toml.kam-lock is a symbolic link, not a file kam made; nothing was written\n  \
             help: remove the link (`rm .acme.toml.kam-lock`) and run the command again; kam makes its lock files itself and never follows a link"
        );
        assert!(!victim.exists(), "nothing is created where the link points");
        let other = dir.path().join("other.toml");
        let fifo = dir.path().join(".other.toml.kam-lock");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        // Opening a FIFO for writing would block until a reader came; it fails at once instead.
        let err = try_lock(&pb, &other, "other.toml").unwrap_err().to_string();
        assert!(
            err.contains("is a FIFO (named pipe)") && err.contains("remove it"),
            "{err}"
        );
    }
}
