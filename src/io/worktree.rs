//! The working tree's version of a file, as the review reads it: a regular file only. Unlike
//! `kam check`, which reads through a link that stays inside the workspace, the review follows no
//! link at all: git stores a link as a link, so what it points to is not part of the change. A
//! named pipe, socket or device is never opened — opening a FIFO would wait forever for a writer.
//! The file is opened without following links and without blocking (the flags of
//! [`crate::io::source`]), and checked again on the open handle, so swapping it between the look
//! and the read changes nothing.

use std::fs::File;
use std::io::Read;
#[cfg(unix)]
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use crate::domain::file_kind::FileKind;

/// The working tree's version of a file.
#[derive(Debug)]
pub enum Found {
    /// No such file.
    Absent,
    /// A file that is not a regular file: what it is (a symbolic link, a FIFO …).
    NotRegular(FileKind),
    /// Larger than the limit (its size); not read.
    TooLarge(u64),
    /// Could not be read: why.
    Unreadable(std::io::Error),
    /// The bytes of a regular file.
    Bytes(Vec<u8>),
}

/// What a file that is not a regular file is (as `kam check` tells it).
fn what(meta: &std::fs::Metadata) -> Option<FileKind> {
    crate::io::source::kind_of(meta)
}

/// Reads `path` if it is a regular file of at most `limit` bytes.
pub fn read_regular(path: &Path, limit: u64) -> Found {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Found::Absent,
        Err(e) => return Found::Unreadable(e),
    };
    if let Some(kind) = what(&meta) {
        return Found::NotRegular(kind);
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    options.custom_flags(crate::io::source::nofollow_nonblock());
    let file: File = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Found::Absent,
        // O_NOFOLLOW on a link that appeared meanwhile.
        Err(e) if e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) => {
            return Found::NotRegular(FileKind::Link);
        }
        Err(e) => return Found::Unreadable(e),
    };
    let meta = match file.metadata() {
        Ok(m) => m,
        Err(e) => return Found::Unreadable(e),
    };
    if let Some(kind) = what(&meta) {
        return Found::NotRegular(kind);
    }
    if meta.len() > limit {
        return Found::TooLarge(meta.len());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // One byte past the limit, so a file that grew since is still caught.
    if let Err(e) = file.take(limit + 1).read_to_end(&mut bytes) {
        return Found::Unreadable(e);
    }
    if bytes.len() as u64 > limit {
        return Found::TooLarge(bytes.len() as u64);
    }
    Found::Bytes(bytes)
}

/// What the path itself is when it is not a plain folder: a link, or a folder holding its own
/// git repository (a submodule or a nested clone). `None` for a plain folder or nothing at all.
pub fn not_a_plain_folder(path: &Path) -> Option<FileKind> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if meta.file_type().is_symlink() {
        return Some(FileKind::Link);
    }
    if !meta.is_dir() {
        return what(&meta);
    }
    std::fs::symlink_metadata(path.join(".git"))
        .is_ok()
        .then_some(FileKind::Submodule)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.toml");
        std::fs::write(&file, "id = \"a\"\n").unwrap();
        assert!(matches!(read_regular(&file, 100), Found::Bytes(b) if b == b"id = \"a\"\n"));
        assert!(matches!(read_regular(&file, 3), Found::TooLarge(9)));
        assert!(matches!(
            read_regular(&dir.path().join("nope.toml"), 100),
            Found::Absent
        ));
        #[cfg(unix)]
        {
            let link = dir.path().join("link.toml");
            std::os::unix::fs::symlink(&file, &link).unwrap();
            assert!(matches!(read_regular(&link, 100), Found::NotRegular(FileKind::Link)));
            let dangling = dir.path().join("dangling.toml");
            std::os::unix::fs::symlink(dir.path().join("gone"), &dangling).unwrap();
            assert!(matches!(
                read_regular(&dangling, 100),
                Found::NotRegular(FileKind::Link)
            ));
            assert_eq!(not_a_plain_folder(&link), Some(FileKind::Link));
        }
        assert_eq!(not_a_plain_folder(dir.path()), None);
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/.git"), "gitdir: ../x").unwrap();
        assert!(not_a_plain_folder(&dir.path().join("sub")).is_some());
    }
}
