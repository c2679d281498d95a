//! Writing files safely: a new file is created only if absent; a replaced file is written to a
//! temporary file in the same folder, synced, and renamed over the old one, so a reader never
//! sees half a file and a failure leaves the old file as it was.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Creates `path` with `bytes`; fails if it exists.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Error::io(path, "create", e))?;
    file.write_all(bytes).and_then(|()| file.sync_all()).map_err(|e| {
        let _ = std::fs::remove_file(path);
        Error::io(path, "write", e)
    })
}

/// Replaces `path` with `bytes` atomically (temporary file, fsync, rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    replace(path, bytes, || Ok(()))
}

/// Replaces `path` with `bytes` atomically, but only if it still holds `expected` (what the
/// caller read and decided on): the file is read again after the new text is safely on disk and
/// just before the rename. Someone saving the file in an editor meanwhile makes this fail with
/// "changed since read", and their text stays.
pub fn replace_if_unchanged(path: &Path, expected: &[u8], bytes: &[u8], shown: &str) -> Result<()> {
    replace(path, bytes, || {
        let now = std::fs::read(path).map_err(|e| Error::io(path, "read", e))?;
        if now == expected {
            Ok(())
        } else {
            Err(Error::Conflict {
                message: format!("{shown} changed since kam read it; nothing was written"),
                help: "someone else edited it meanwhile; run the command again on the new text".into(),
            })
        }
    })
}

/// Writes `bytes` to a temporary file next to `path`, syncs it, runs `check`, and renames it over
/// `path`. On any failure the temporary file is removed and `path` is untouched.
fn replace(path: &Path, bytes: &[u8], check: impl FnOnce() -> Result<()>) -> Result<()> {
    replace_with(path, bytes, check, std::io::Write::write_all)
}

/// [`replace`] with the write itself given, so tests can make it fail like a full disk.
fn replace_with(
    path: &Path,
    bytes: &[u8],
    check: impl FnOnce() -> Result<()>,
    write: impl FnOnce(&mut std::fs::File, &[u8]) -> std::io::Result<()>,
) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}.kam-tmp"))
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, "create a temporary file in", e))?;
    write(tmp.as_file_mut(), bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| Error::io(tmp.path(), "write", e))?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
    }
    check()?;
    tmp.persist(path).map_err(|e| Error::io(path, "replace", e.error))?;
    // The rename is durable once the folder is synced; where folders cannot be synced the rename
    // has still happened, so a failure here is not reported.
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn only_file(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn a_full_disk_leaves_the_old_file_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "old text").unwrap();
        let full_disk = |file: &mut std::fs::File, bytes: &[u8]| {
            file.write_all(&bytes[..bytes.len() / 2])?;
            Err(std::io::Error::from_raw_os_error(28)) // ENOSPC
        };
        let err = replace_with(&path, b"new text, longer", || Ok(()), full_disk).unwrap_err();
        assert!(err.to_string().contains("No space left on device"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old text");
        assert_eq!(only_file(dir.path()), ["a.toml"]);
    }

    #[test]
    fn a_file_deleted_between_read_and_write_is_not_brought_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "old").unwrap();
        let err = replace_with(
            &path,
            b"new",
            || {
                std::fs::remove_file(&path).unwrap();
                std::fs::read(&path)
                    .map(|_| ())
                    .map_err(|e| Error::io(&path, "read", e))
            },
            std::io::Write::write_all,
        )
        .unwrap_err();
        assert!(err.to_string().contains("cannot read"), "{err}");
        assert!(!path.exists());
        assert!(only_file(dir.path()).is_empty(), "no temporary file is left behind");
    }

    #[test]
    fn replace_if_unchanged_refuses_a_deleted_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        let err = replace_if_unchanged(&path, b"old", b"new", "a.toml").unwrap_err();
        assert!(err.to_string().contains("a.toml"), "{err}");
        assert!(!path.exists());
        assert!(only_file(dir.path()).is_empty());
    }

    #[test]
    fn replaces_only_what_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "old").unwrap();
        replace_if_unchanged(&path, b"old", b"new", "a.toml").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let err = replace_if_unchanged(&path, b"old", b"newer", "a.toml").unwrap_err();
        assert!(err.to_string().contains("a.toml changed since kam read it"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }
}
