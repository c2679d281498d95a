//! File contents from one `git cat-file --batch`, streamed: the object ids go in on one thread,
//! the answers are read one at a time as the caller asks for them, and an object over the size
//! limit is skipped by its header — its bytes are read past in small pieces, never held — so
//! kam's memory does not grow with what a repository holds.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdout, Stdio};
use std::thread::JoinHandle;

use crate::error::{Error, Result};
use crate::io::git::{git, is_oid, not_installed};

/// One answer of the batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blob {
    /// The object's bytes.
    Data(Vec<u8>),
    /// The object is larger than the limit (its size); it was not read.
    TooLarge(u64),
    /// Not in the repository (or not a file's content).
    Missing,
}

/// The answers to a list of object ids, in order.
pub struct Blobs {
    child: Child,
    out: BufReader<ChildStdout>,
    writer: Option<JoinHandle<std::io::Result<()>>>,
    left: usize,
    limit: u64,
}

impl Blobs {
    /// Starts `git cat-file --batch` on `oids`; objects over `limit` bytes are skipped.
    pub fn open(dir: &Path, oids: Vec<String>, limit: u64) -> Result<Blobs> {
        let mut child = git(dir)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(not_installed)?;
        let mut stdin = child
            .stdin
            .take()
            .ok_or_else(|| anyhow::anyhow!("no stdin for git cat-file"))?;
        let left = oids.len();
        // Only object ids go in: a line that is not one is asked as an id that cannot exist, so
        // no name from a repository ever reaches git's revision parser.
        let writer = std::thread::spawn(move || {
            for oid in oids {
                let line = if is_oid(&oid) { oid } else { "0".repeat(40) };
                stdin.write_all(line.as_bytes())?;
                stdin.write_all(b"\n")?;
            }
            Ok(())
        });
        let out = BufReader::with_capacity(
            64 * 1024,
            child
                .stdout
                .take()
                .ok_or_else(|| anyhow::anyhow!("no stdout for git cat-file"))?,
        );
        Ok(Blobs {
            child,
            out,
            writer: Some(writer),
            left,
            limit,
        })
    }

    /// The next answer, in the order the ids were given.
    pub fn next_blob(&mut self) -> Result<Blob> {
        let bad = || Error::Other(anyhow::anyhow!("unexpected output from `git cat-file --batch`"));
        if self.left == 0 {
            return Err(bad());
        }
        self.left -= 1;
        let mut header = Vec::new();
        self.out
            .by_ref()
            .take(512)
            .read_until(b'\n', &mut header)
            .map_err(|e| {
                Error::io(
                    "git cat-file",
                    "io.read_output",
                    "cannot read the output of {path}: {error}",
                    e,
                )
            })?;
        if header.last() != Some(&b'\n') {
            return Err(bad());
        }
        let header = String::from_utf8_lossy(&header[..header.len() - 1]).into_owned();
        let parts: Vec<&str> = header.split(' ').collect();
        let (kind, size) = match parts.as_slice() {
            [_, kind, size] => (*kind, size.parse::<u64>().map_err(|_| bad())?),
            _ => return Ok(Blob::Missing), // "<id> missing", "ambiguous"
        };
        if kind != "blob" || size > self.limit {
            // Read past the content and its closing newline in small pieces.
            let skipped = std::io::copy(&mut self.out.by_ref().take(size + 1), &mut std::io::sink()).map_err(|e| {
                Error::io(
                    "git cat-file",
                    "io.read_output",
                    "cannot read the output of {path}: {error}",
                    e,
                )
            })?;
            if skipped != size + 1 {
                return Err(bad());
            }
            return Ok(if kind == "blob" {
                Blob::TooLarge(size)
            } else {
                Blob::Missing
            });
        }
        let len = usize::try_from(size).map_err(|_| bad())?;
        let mut data = vec![0; len + 1];
        self.out.read_exact(&mut data).map_err(|e| {
            Error::io(
                "git cat-file",
                "io.read_output",
                "cannot read the output of {path}: {error}",
                e,
            )
        })?;
        if data.pop() != Some(b'\n') {
            return Err(bad());
        }
        Ok(Blob::Data(data))
    }

    /// Waits for git; an error when it failed.
    pub fn finish(mut self) -> Result<()> {
        // Answers left unread are drained so git is not stopped mid-write.
        while self.left > 0 {
            self.next_blob()?;
        }
        let status = self
            .child
            .wait()
            .map_err(|e| Error::io("git cat-file", "io.wait", "cannot wait for {path}: {error}", e))?;
        if let Some(w) = self.writer.take() {
            let _ = w.join();
        }
        if status.success() {
            Ok(())
        } else {
            Err(Error::Other(anyhow::anyhow!("`git cat-file --batch` failed")))
        }
    }
}

impl Drop for Blobs {
    fn drop(&mut self) {
        // On an early return, stop git rather than leave it blocked on a full pipe.
        if self.left > 0 {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

/// Every answer at once (for a handful of small files, like a playbook).
pub fn read_all(dir: &Path, oids: Vec<String>, limit: u64) -> Result<Vec<Blob>> {
    let n = oids.len();
    if n == 0 {
        return Ok(Vec::new());
    }
    let mut blobs = Blobs::open(dir, oids, limit)?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        out.push(blobs.next_blob()?);
    }
    blobs.finish()?;
    Ok(out)
}
