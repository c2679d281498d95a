//! Writing files, the one way kam writes: account edits, `kam init`, `kam new`, and every `-o`.
//!
//! - Only regular files are written: a path that is a symbolic link, a FIFO, a device or a
//!   folder is refused (nothing is written), so `-o /dev/null` or a planted link never leads a
//!   write elsewhere. Writes for the workspace also refuse a folder outside it.
//! - A new file is created only if absent (`O_EXCL`), with the mode the umask gives, and its
//!   folder is synced so the new name survives a crash.
//! - A replaced file is written to a temporary file in the same folder, synced, given the old
//!   file's mode, owner and group (as far as the user may set them), and renamed over it: a reader
//!   never sees half a file, and a failure leaves the old file as it was.
//! - A file without write permission is refused as read-only, as an editor would.
//! - Temporary files (`.NAME.kam-tmp…`) are locked while in use; one left behind by a killed kam
//!   is unlocked, and the next write in its folder removes it.

use std::fs::Metadata;
use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result, Said};
use crate::io::owner::is_read_only;
use crate::io::source::{Stamp, kind_of};

/// Where a write may go.
#[derive(Debug, Clone, Copy)]
pub enum Within<'a> {
    /// Inside this (canonical) workspace folder.
    Workspace(&'a Path),
    /// Anywhere the user names (`-o FILE`).
    Anywhere,
}

/// How a replacement went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Replaced {
    /// Another program wrote to the old file in the instant between kam's last look and the
    /// rename; what it wrote then is in the old copy, not in the new file.
    pub raced: bool,
}

/// Marks kam's temporary files; `kam init` lists the pattern in `.gitignore`.
const TMP_MARK: &str = ".kam-tmp";
/// Marks the copy `kam edit` hands to an editor: the user's work, never swept (an editor may
/// save it by a rename, which no lock survives).
pub const EDIT_MARK: &str = ".kam-tmp-edit-";

fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Refuses a folder outside the workspace.
pub fn check_within(path: &Path, within: Within<'_>) -> Result<()> {
    let Within::Workspace(root) = within else {
        return Ok(());
    };
    let dir = folder_of(path);
    let real =
        std::fs::canonicalize(dir).map_err(|e| Error::io(dir, "io.resolve", "cannot resolve {path}: {error}", e))?;
    if real.starts_with(root) {
        Ok(())
    } else {
        Err(Error::usage_with_help(
            Said::new("write.outside", "{path} is outside the workspace; nothing was written")
                .arg("path", path.display()),
            Said::new(
                "write.outside_help",
                "kam writes only inside the workspace; a folder on the way is a symbolic link that leads out of it",
            ),
        ))
    }
}

/// The file at `path`, if any, when it may be replaced: a regular file the user may write.
fn replaceable(path: &Path) -> Result<Option<Metadata>> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(path, "io.inspect", "cannot inspect {path}: {error}", e)),
    };
    if let Some(kind) = kind_of(&meta) {
        return Err(Error::usage_with_help(
            Said::new("write.not_regular", "{path} is {kind}; nothing was written")
                .arg("path", path.display())
                .arg_said("kind", kind.into()),
            Said::new(
                "write.not_regular_help",
                "kam writes only regular files: a new file, or one that replaces a regular file",
            ),
        ));
    }
    if is_read_only(path, &meta) {
        return Err(Error::usage_with_help(
            Said::new("write.read_only", "{path} is read-only; nothing was written").arg("path", path.display()),
            Said::new(
                "write.read_only_help",
                "make it writable first (chmod u+w) if it is meant to change",
            ),
        ));
    }
    Ok(Some(meta))
}

/// Syncs a folder so a rename or a new name in it is durable. Where folders cannot be synced the
/// change has still happened, so a failure is not reported.
fn sync_folder(dir: &Path) {
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
}

/// Removes temporary files that a killed kam left in `dir`: those named `.….kam-tmp…` that no
/// running kam holds locked. Links and other non-files of that name are removed too (kam never
/// makes them); folders and the copies `kam edit` hands to an editor are left alone.
pub fn sweep_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !name.starts_with('.') || !name.contains(TMP_MARK) || name.contains(EDIT_MARK) {
            continue;
        }
        let path = entry.path();
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            continue;
        }
        if meta.is_file() {
            let mut options = std::fs::OpenOptions::new();
            options.read(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.custom_flags(crate::io::source::nofollow_nonblock());
            }
            let Ok(file) = options.open(&path) else { continue };
            // A kam writing it holds the lock; a dead one does not.
            if file.try_lock().is_err() {
                continue;
            }
        }
        let _ = std::fs::remove_file(&path);
    }
}

/// Creates `path` with `bytes`; fails if anything of that name exists.
pub fn write_new(path: &Path, bytes: &[u8], within: Within<'_>) -> Result<()> {
    check_within(path, within)?;
    let dir = folder_of(path);
    sweep_stale(dir);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Before the umask: files kam creates are as readable as the user's other files.
        options.mode(0o666);
    }
    let mut file = options
        .open(path)
        .map_err(|e| Error::io(path, "io.create", "cannot create {path}: {error}", e))?;
    file.write_all(bytes).and_then(|()| file.sync_all()).map_err(|e| {
        let _ = std::fs::remove_file(path);
        Error::io(path, "io.write", "cannot write {path}: {error}", e)
    })?;
    sync_folder(dir);
    Ok(())
}

/// Writes `path` atomically: a new file, or the replacement of a regular file (mode, owner and
/// group kept).
pub fn write_file(path: &Path, bytes: &[u8], within: Within<'_>) -> Result<()> {
    replace(path, bytes, within, || Ok(None)).map(|_| ())
}

/// Replaces `path` with `bytes` atomically, but only if it is still the file the caller read:
/// the same file (device and inode), length and modification time as `stamp`, and the same bytes
/// as `expected`. The file is checked after the new text is safely on disk, just before the
/// rename. Someone saving the file meanwhile makes this fail with "changed since read", and their
/// text stays.
pub fn replace_if_unchanged(
    path: &Path,
    stamp: &Stamp,
    expected: &[u8],
    bytes: &[u8],
    shown: &str,
    within: Within<'_>,
) -> Result<Replaced> {
    let changed = || Error::Conflict {
        message: Said::new("write.changed", "{file} changed since kam read it; nothing was written")
            .arg("file", shown)
            .into(),
        help: Said::new(
            "write.changed_help",
            "someone else edited it meanwhile; run the command again on the new text",
        )
        .into(),
    };
    replace(path, bytes, within, || {
        use crate::io::source::{ReadError, open_regular, read_limited};
        let (file, _, meta) = open_regular(path, folder_of(path)).map_err(|e| match e {
            ReadError::Io(io) if io.kind() != std::io::ErrorKind::NotFound => {
                Error::io(path, "io.read", "cannot read {path}: {error}", io)
            }
            _ => changed(),
        })?;
        if Stamp::of(&meta) != *stamp {
            return Err(changed());
        }
        let now = read_limited(&file, meta.len()).map_err(|_| changed())?;
        let after = file
            .metadata()
            .map_err(|e| Error::io(path, "io.read", "cannot read {path}: {error}", e))?;
        if now.as_bytes() != expected || Stamp::of(&after) != *stamp {
            return Err(changed());
        }
        Ok(Some((file, *stamp)))
    })
}

/// Writes `bytes` to a temporary file next to `path`, syncs it, gives it the old file's mode,
/// owner and group, runs `check` on the old file's metadata, and renames it over `path`. On any
/// failure the temporary file is removed and `path` is untouched. `check` runs just before the
/// rename and may hand back the old file, open, with its stamp: after the rename it tells whether
/// someone wrote to it in between.
fn replace(
    path: &Path,
    bytes: &[u8],
    within: Within<'_>,
    check: impl FnOnce() -> Result<Option<(std::fs::File, Stamp)>>,
) -> Result<Replaced> {
    replace_with(path, bytes, within, check, std::io::Write::write_all)
}

/// [`replace`] with the write itself given, so tests can make it fail like a full disk.
fn replace_with(
    path: &Path,
    bytes: &[u8],
    within: Within<'_>,
    check: impl FnOnce() -> Result<Option<(std::fs::File, Stamp)>>,
    write: impl FnOnce(&mut std::fs::File, &[u8]) -> std::io::Result<()>,
) -> Result<Replaced> {
    check_within(path, within)?;
    let old = replaceable(path)?;
    let dir = folder_of(path);
    sweep_stale(dir);
    let prefix = format!(".{}{TMP_MARK}", file_name(path));
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix);
    #[cfg(unix)]
    if old.is_none() {
        use std::os::unix::fs::PermissionsExt;
        // A new file gets what the umask allows, like any file the user creates.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(|e| {
        Error::io(
            dir,
            "io.create_tmp",
            "cannot create a temporary file in {path}: {error}",
            e,
        )
    })?;
    // Held until the rename: a sweep by another kam leaves a temporary file in use alone.
    let _ = tmp.as_file().try_lock();
    write(tmp.as_file_mut(), bytes)
        .and_then(|()| keep_attributes(tmp.as_file(), old.as_ref()))
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| Error::io(tmp.path(), "io.write", "cannot write {path}: {error}", e))?;
    let held = check()?;
    tmp.persist(path)
        .map_err(|e| Error::io(path, "io.replace", "cannot replace {path}: {error}", e.error))?;
    sync_folder(dir);
    let raced = held.is_some_and(|(file, stamp)| file.metadata().is_ok_and(|m| Stamp::of(&m) != stamp));
    Ok(Replaced { raced })
}

/// Gives the new file the old one's owner, group and mode. Changing the owner needs privileges
/// the user may not have; then the group alone is tried, and failing that the file is the user's,
/// as when an editor saves it.
fn keep_attributes(file: &std::fs::File, old: Option<&Metadata>) -> std::io::Result<()> {
    let Some(old) = old else { return Ok(()) };
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let now = file.metadata()?;
        if (now.uid(), now.gid()) != (old.uid(), old.gid())
            && std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid())).is_err()
        {
            let _ = std::os::unix::fs::fchown(file, None, Some(old.gid()));
        }
        file.set_permissions(std::fs::Permissions::from_mode(old.permissions().mode() & 0o7777))
    }
    #[cfg(not(unix))]
    {
        file.set_permissions(old.permissions())
    }
}

#[cfg(test)]
#[path = "write_tests.rs"]
mod tests;
