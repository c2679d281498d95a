//! Reading text files, the one way kam opens a file it did not write: account files, the
//! playbook, `.gitignore`. Files come from other people's pull requests, so a file is opened
//! only when it is a regular file inside the workspace:
//!
//! - a symbolic link is followed only when its target lies inside the workspace; one pointing
//!   outside (`accounts/env.toml -> /proc/self/environ`) is never opened ([`ReadError::Outside`]);
//! - FIFOs, sockets, devices and folders are never read ([`ReadError::NotRegular`]): a file is
//!   opened with `O_NOFOLLOW | O_NONBLOCK` (a FIFO opens without waiting, a link refuses to open)
//!   and what was opened is checked on the descriptor before a byte is read, so a file swapped
//!   for a FIFO or a link in between neither blocks kam nor leads it elsewhere;
//! - the text is UTF-8 and no larger than [`MAX_FILE_BYTES`].
//!
//! Line and column of a position: [`crate::domain::diagnostic::line_col`].

use std::fs::{File, Metadata, OpenOptions};
use std::path::{Path, PathBuf};

pub use crate::domain::file_kind::FileKind;
use crate::domain::playbook::Playbook;

/// Account files larger than this are refused unparsed; a real account is a few kilobytes.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// A file's text with the name kam shows for it (relative to the workspace where possible).
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as listed (a symbolic link inside the workspace is read through).
    pub path: PathBuf,
    pub name: String,
    pub text: String,
    /// What the file was when read, to tell whether someone changed it before a write.
    pub stamp: Stamp,
}

/// Identity and state of a file when it was read: device, inode, length and modification time.
/// A write compares them just before it replaces the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stamp {
    dev: u64,
    ino: u64,
    len: u64,
    mtime: (i64, i64),
}

impl Stamp {
    pub fn of(meta: &Metadata) -> Stamp {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Stamp {
                dev: meta.dev(),
                ino: meta.ino(),
                len: meta.len(),
                mtime: (meta.mtime(), meta.mtime_nsec()),
            }
        }
        #[cfg(not(unix))]
        {
            let mtime = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or((0, 0), |d| {
                    (i64::try_from(d.as_secs()).unwrap_or(0), i64::from(d.subsec_nanos()))
                });
            Stamp {
                dev: 0,
                ino: 0,
                len: meta.len(),
                mtime,
            }
        }
    }
}

/// Why a file could not be read as text.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    TooLarge(u64),
    NotUtf8 {
        valid_up_to: usize,
    },
    /// A symbolic link whose target lies outside the workspace.
    Outside,
    /// Not a regular file: what it is (a FIFO, a socket, …).
    NotRegular(FileKind),
    /// A symbolic link whose target does not exist.
    Dangling,
    /// A symbolic link that leads back to itself (through one or more links).
    LinkLoop,
    /// A folder that is another git repository (a submodule or a nested clone).
    Repository,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "cannot read the file: {e}"),
            ReadError::TooLarge(n) => write!(
                f,
                "the file is {n} bytes; kam refuses files over {MAX_FILE_BYTES} bytes"
            ),
            ReadError::NotUtf8 { valid_up_to } => {
                write!(f, "the file is not UTF-8 text (invalid bytes after byte {valid_up_to})")
            }
            ReadError::Outside => {
                f.write_str("the file is a symbolic link that points outside the workspace; kam does not open it")
            }
            ReadError::NotRegular(kind) => {
                write!(f, "the file is {kind}, not a regular file; kam does not open it")
            }
            ReadError::Dangling => f.write_str("the file is a symbolic link to nothing (its target does not exist)"),
            ReadError::LinkLoop => {
                f.write_str("the file is a symbolic link loop (it leads back to itself); kam does not follow it")
            }
            ReadError::Repository => f.write_str(
                "this folder is another git repository (a submodule): its files are that repository's content, not accounts of this one, and kam does not read them",
            ),
        }
    }
}

impl ReadError {
    /// What to do about it, for a diagnostic's help line.
    pub fn help(&self) -> &'static str {
        match self {
            ReadError::NotUtf8 { .. } => "save the file as UTF-8",
            ReadError::TooLarge(_) => "an account file holds one client; split or trim it",
            ReadError::Io(_) => "check the file's permissions",
            ReadError::Outside => "files are read only inside the workspace; commit the file itself instead of a link",
            ReadError::NotRegular(_) => "replace it with a regular file, or remove it",
            ReadError::Dangling | ReadError::LinkLoop => {
                "point the link at an account file inside the workspace, replace it with the file itself, or remove it"
            }
            ReadError::Repository => {
                "keep the account files in this repository: copy them in and remove the submodule from accounts/"
            }
        }
    }
}

impl ReadError {
    /// The message, in the playbook's words (the `Display` form is its English).
    pub fn message_in(&self, pb: &Playbook) -> String {
        match self {
            ReadError::Io(e) => pb.fill("check.read_io", "cannot read the file: {error}", &[("error", e)]),
            ReadError::TooLarge(n) => pb.fill(
                "check.read_too_large",
                "the file is {n} bytes; kam refuses files over {max} bytes",
                &[("n", n), ("max", &MAX_FILE_BYTES)],
            ),
            ReadError::NotUtf8 { valid_up_to } => pb.fill(
                "check.read_not_utf8",
                "the file is not UTF-8 text (invalid bytes after byte {at})",
                &[("at", valid_up_to)],
            ),
            ReadError::Outside => pb
                .text(
                    "check.read_outside",
                    "the file is a symbolic link that points outside the workspace; kam does not open it",
                )
                .to_string(),
            ReadError::NotRegular(kind) => pb.fill(
                "check.read_not_regular",
                "the file is {kind}, not a regular file; kam does not open it",
                &[("kind", &kind.words(pb.words()))],
            ),
            ReadError::Dangling => pb
                .text(
                    "check.read_dangling",
                    "the file is a symbolic link to nothing (its target does not exist)",
                )
                .to_string(),
            ReadError::LinkLoop => pb
                .text(
                    "check.read_link_loop",
                    "the file is a symbolic link loop (it leads back to itself); kam does not follow it",
                )
                .to_string(),
            ReadError::Repository => pb
                .text(
                    "check.read_repository",
                    "this folder is another git repository (a submodule): its files are that repository's content, not accounts of this one, and kam does not read them",
                )
                .to_string(),
        }
    }

    /// What to do about it, in the playbook's words.
    pub fn help_in(&self, pb: &Playbook) -> String {
        let (id, english) = match self {
            ReadError::NotUtf8 { .. } => ("check.read_not_utf8_help", "save the file as UTF-8"),
            ReadError::TooLarge(_) => (
                "check.read_too_large_help",
                "an account file holds one client; split or trim it",
            ),
            ReadError::Io(_) => ("check.read_io_help", "check the file's permissions"),
            ReadError::Outside => (
                "check.read_outside_help",
                "files are read only inside the workspace; commit the file itself instead of a link",
            ),
            ReadError::NotRegular(_) => (
                "check.read_not_regular_help",
                "replace it with a regular file, or remove it",
            ),
            ReadError::Dangling | ReadError::LinkLoop => (
                "check.read_link_help",
                "point the link at an account file inside the workspace, replace it with the file itself, or remove it",
            ),
            ReadError::Repository => (
                "check.read_repository_help",
                "keep the account files in this repository: copy them in and remove the submodule from accounts/",
            ),
        };
        pb.text(id, english).to_string()
    }
}

/// What a file is, when it is not a regular file.
pub fn kind_of(meta: &Metadata) -> Option<FileKind> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some(FileKind::Folder);
    }
    if t.is_symlink() {
        return Some(FileKind::Link);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some(FileKind::Fifo);
        }
        if t.is_socket() {
            return Some(FileKind::Socket);
        }
        if t.is_char_device() {
            return Some(FileKind::CharDevice);
        }
        if t.is_block_device() {
            return Some(FileKind::BlockDevice);
        }
    }
    Some(FileKind::Special)
}

/// The real path of `path` when it is, or leads to, something inside `within` (a canonical
/// folder): `path` itself when it is not a symbolic link, else the link's final target.
/// `within` is the workspace root; callers make sure the folders leading to `path` are inside it.
pub fn resolve_inside(path: &Path, within: &Path) -> Result<PathBuf, ReadError> {
    let meta = std::fs::symlink_metadata(path).map_err(ReadError::Io)?;
    if !meta.file_type().is_symlink() {
        return Ok(path.to_path_buf());
    }
    let target = std::fs::canonicalize(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::Dangling,
        _ if is_loop(&e) => ReadError::LinkLoop,
        _ => ReadError::Io(e),
    })?;
    if target.starts_with(within) {
        Ok(target)
    } else {
        Err(ReadError::Outside)
    }
}

/// Opens `path` for reading when it is a regular file (a symbolic link to one inside `within`
/// counts), never blocking and never leaving the workspace. Returns the open file, its path
/// (the link's target for a link) and its metadata.
///
/// The file is opened with `O_NOFOLLOW | O_NONBLOCK` first — a FIFO then opens without waiting
/// for a writer, and a link fails to open — and what was opened is checked on the descriptor,
/// so nothing that changes in between can lead elsewhere. A link is resolved and opened the same
/// way when its target lies inside `within`. Opening costs no more than it did before the checks.
pub fn open_regular(path: &Path, within: &Path) -> Result<(File, PathBuf, Metadata), ReadError> {
    let (file, real) = match open_nofollow(path) {
        Ok(file) => (file, path.to_path_buf()),
        Err(e) if is_loop(&e) => {
            let target = resolve_inside(path, within)?;
            let file = open_nofollow(&target).map_err(|e| classify(&target, e))?;
            (file, target)
        }
        Err(e) => return Err(classify(path, e)),
    };
    let meta = file.metadata().map_err(ReadError::Io)?;
    if meta.is_dir() && std::fs::symlink_metadata(real.join(".git")).is_ok() {
        return Err(ReadError::Repository);
    }
    if let Some(kind) = kind_of(&meta) {
        return Err(ReadError::NotRegular(kind));
    }
    Ok((file, real, meta))
}

fn open_nofollow(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(nofollow_nonblock());
    }
    options.open(path)
}

/// Why `path` could not be opened: what it is when it is not a regular file (a socket refuses
/// to open, a link loops), else the error.
fn classify(path: &Path, e: std::io::Error) -> ReadError {
    match std::fs::symlink_metadata(path).ok().as_ref().and_then(kind_of) {
        Some(FileKind::Link) => ReadError::Outside,
        Some(kind) => ReadError::NotRegular(kind),
        None => ReadError::Io(e),
    }
}

/// Whether an `open` with `O_NOFOLLOW` failed because the path is a symbolic link.
fn is_loop(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error())
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

/// `O_NOFOLLOW | O_NONBLOCK` for `open`.
#[cfg(unix)]
pub fn nofollow_nonblock() -> i32 {
    use rustix::fs::OFlags;
    i32::try_from((OFlags::NOFOLLOW | OFlags::NONBLOCK).bits()).unwrap_or(0)
}

/// Reads a text file the safe way ([`open_regular`]), refusing huge and non-UTF-8 files.
/// Returns the text, the path read and its [`Stamp`].
pub fn read(path: &Path, within: &Path) -> Result<(String, PathBuf, Stamp), ReadError> {
    let (file, real, meta) = open_regular(path, within)?;
    let text = read_limited(&file, meta.len())?;
    Ok((text, real, Stamp::of(&meta)))
}

/// Reads at most [`MAX_FILE_BYTES`] of an open file as UTF-8 text.
pub fn read_limited(mut file: &File, len: u64) -> Result<String, ReadError> {
    use std::io::Read;
    if len > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(len));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    // Read one byte past the limit so a file that grew after stat is still caught.
    (&mut file)
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|e| ReadError::NotUtf8 {
        valid_up_to: e.utf8_error().valid_up_to(),
    })
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn setup() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        (dir, root)
    }

    #[test]
    fn a_link_outside_is_never_opened() {
        let (_dir, root) = setup();
        let outside = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(outside.path(), "SECRET=1").unwrap();
        let link = root.join("env.toml");
        std::os::unix::fs::symlink(outside.path(), &link).unwrap();
        assert!(matches!(read(&link, &root), Err(ReadError::Outside)));
    }

    #[test]
    fn a_link_inside_is_followed() {
        let (_dir, root) = setup();
        std::fs::write(root.join("real.toml"), "id = 'x'").unwrap();
        std::os::unix::fs::symlink("real.toml", root.join("alias.toml")).unwrap();
        let (text, real, _) = read(&root.join("alias.toml"), &root).unwrap();
        assert_eq!(text, "id = 'x'");
        assert_eq!(real, root.join("real.toml"));
    }

    #[test]
    fn fifos_and_folders_are_refused_without_blocking() {
        let (_dir, root) = setup();
        let fifo = root.join("pipe.toml");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        assert!(matches!(read(&fifo, &root), Err(ReadError::NotRegular(FileKind::Fifo))));
        std::fs::create_dir(root.join("dir.toml")).unwrap();
        assert!(matches!(
            read(&root.join("dir.toml"), &root),
            Err(ReadError::NotRegular(FileKind::Folder))
        ));
        std::os::unix::fs::symlink("pipe.toml", root.join("to-pipe.toml")).unwrap();
        assert!(matches!(
            read(&root.join("to-pipe.toml"), &root),
            Err(ReadError::NotRegular(_))
        ));
        assert!(matches!(
            read(Path::new("/dev/null"), Path::new("/")),
            Err(ReadError::NotRegular(FileKind::CharDevice))
        ));
    }
}
