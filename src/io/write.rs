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
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| Error::io(tmp.path(), "write", e))?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
    }
    tmp.persist(path).map_err(|e| Error::io(path, "replace", e.error))?;
    Ok(())
}
