//! The writer's tests: a full disk or a refused write leaves the old file, a file that changed or
//! went away since it was read is refused, modes, owners and the umask are kept, only regular
//! files inside the workspace are written, stale temporary files are swept.

use std::os::unix::fs::{MetadataExt, PermissionsExt};

use super::*;

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn stamp_of(path: &Path) -> Stamp {
    Stamp::of(&std::fs::metadata(path).unwrap())
}

fn is_root() -> bool {
    crate::io::owner::euid() == Some(0)
}

/// The process umask, from /proc (reading it with umask(2) would change it for other threads).
fn umask() -> u32 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("Umask:")).unwrap();
    u32::from_str_radix(line.split_whitespace().nth(1).unwrap(), 8).unwrap()
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
    let err = replace_with(&path, b"new text, longer", Within::Anywhere, || Ok(None), full_disk).unwrap_err();
    assert!(err.to_string().contains("No space left on device"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old text");
    assert_eq!(names(dir.path()), ["a.toml"]);
}

#[test]
fn a_file_deleted_between_read_and_write_is_not_brought_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    std::fs::write(&path, "old").unwrap();
    let err = replace_with(
        &path,
        b"new",
        Within::Anywhere,
        || {
            std::fs::remove_file(&path).unwrap();
            Err(Error::io(
                &path,
                "read",
                std::io::Error::from(std::io::ErrorKind::NotFound),
            ))
        },
        std::io::Write::write_all,
    )
    .unwrap_err();
    assert!(err.to_string().contains("cannot read"), "{err}");
    assert!(!path.exists());
    assert!(names(dir.path()).is_empty(), "no temporary file is left behind");
}

#[test]
fn replace_if_unchanged_refuses_a_deleted_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    let err = replace_if_unchanged(&path, &Stamp::default(), b"old", b"new", "a.toml", Within::Anywhere).unwrap_err();
    assert!(err.to_string().contains("a.toml"), "{err}");
    assert!(!path.exists());
    assert!(names(dir.path()).is_empty());
}

#[test]
fn replaces_only_what_was_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    std::fs::write(&path, "old").unwrap();
    let stamp = stamp_of(&path);
    replace_if_unchanged(&path, &stamp, b"old", b"new", "a.toml", Within::Anywhere).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    let err = replace_if_unchanged(&path, &stamp, b"old", b"newer", "a.toml", Within::Anywhere).unwrap_err();
    assert!(err.to_string().contains("a.toml changed since kam read it"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    assert_eq!(names(dir.path()), ["a.toml"], "no temporary file is left behind");
}

#[test]
fn the_same_text_in_another_file_or_with_another_time_is_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    std::fs::write(&path, "same").unwrap();
    let stamp = stamp_of(&path);
    // Another program replaced the file by a copy with the same bytes (a new inode).
    let copy = dir.path().join("copy");
    std::fs::write(&copy, "same").unwrap();
    std::fs::rename(&copy, &path).unwrap();
    let err = replace_if_unchanged(&path, &stamp, b"same", b"new", "a.toml", Within::Anywhere).unwrap_err();
    assert!(err.to_string().contains("changed since"), "{err}");
    // An appender that wrote and truncated back: same bytes and inode, another modification time.
    let stamp = stamp_of(&path);
    let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    file.set_modified(std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(86_400))
        .unwrap();
    let err = replace_if_unchanged(&path, &stamp, b"same", b"new", "a.toml", Within::Anywhere).unwrap_err();
    assert!(err.to_string().contains("changed since"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "same");
}

#[test]
fn new_files_honour_the_umask() {
    let dir = tempfile::tempdir().unwrap();
    let expected = 0o666 & !umask();
    let created = dir.path().join("new.txt");
    write_new(&created, b"x", Within::Anywhere).unwrap();
    assert_eq!(std::fs::metadata(&created).unwrap().mode() & 0o777, expected);
    let renamed = dir.path().join("renamed.txt");
    write_file(&renamed, b"x", Within::Anywhere).unwrap();
    assert_eq!(std::fs::metadata(&renamed).unwrap().mode() & 0o777, expected);
}

#[test]
fn a_replaced_file_keeps_its_mode_owner_and_group() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    std::fs::write(&path, "old").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    if is_root() {
        std::os::unix::fs::chown(&path, Some(65534), Some(65534)).unwrap();
    }
    let before = std::fs::metadata(&path).unwrap();
    write_file(&path, b"new", Within::Anywhere).unwrap();
    let after = std::fs::metadata(&path).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    assert_eq!(after.mode() & 0o7777, 0o640);
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    assert_ne!(after.ino(), before.ino(), "replaced by a rename");
}

#[test]
fn a_read_only_file_is_refused_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    std::fs::write(&path, "old").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let err = write_file(&path, b"new", Within::Anywhere).unwrap_err();
    assert!(err.to_string().contains("read-only"), "{err}");
    let stamp = stamp_of(&path);
    let err = replace_if_unchanged(&path, &stamp, b"old", b"new", "a.toml", Within::Anywhere).unwrap_err();
    assert!(err.to_string().contains("read-only"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
    assert_eq!(names(dir.path()), ["a.toml"]);
}

#[test]
fn only_regular_files_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("target");
    std::fs::write(&target, "keep").unwrap();
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let fifo = dir.path().join("fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let folder = dir.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    for (path, kind) in [
        (&link, "a symbolic link"),
        (&fifo, "a FIFO"),
        (&folder, "a folder"),
        (&std::path::PathBuf::from("/dev/null"), "a character device"),
    ] {
        let err = write_file(path, b"new", Within::Anywhere).unwrap_err();
        assert!(err.to_string().contains(kind), "{path:?}: {err}");
        assert_eq!(err.exit_code(), crate::error::FAILURE);
        let err = write_new(path, b"new", Within::Anywhere).unwrap_err();
        assert_eq!(err.exit_code(), crate::error::FAILURE);
    }
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(std::fs::metadata("/dev/null").unwrap().mode() & 0o170_000 == 0o020_000);
}

#[test]
fn writes_for_the_workspace_stay_inside_it() {
    let outside = tempfile::tempdir().unwrap();
    let ws = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(ws.path()).unwrap();
    std::os::unix::fs::symlink(outside.path(), root.join("accounts")).unwrap();
    let path = root.join("accounts/x.toml");
    let err = write_new(&path, b"x", Within::Workspace(&root)).unwrap_err();
    assert!(err.to_string().contains("outside the workspace"), "{err}");
    let err = write_file(&path, b"x", Within::Workspace(&root)).unwrap_err();
    assert!(err.to_string().contains("outside the workspace"), "{err}");
    assert!(names(outside.path()).is_empty());
    write_new(&root.join("inside.toml"), b"x", Within::Workspace(&root)).unwrap();
}

#[test]
fn stale_temporary_files_are_swept_and_live_ones_kept() {
    let dir = tempfile::tempdir().unwrap();
    let stale = dir.path().join(".acme.toml.kam-tmpAbC123");
    std::fs::write(&stale, vec![b'x'; 1 << 20]).unwrap();
    let other = dir.path().join(".other.toml.kam-tmpXyZ");
    std::fs::write(&other, "left by a killed kam").unwrap();
    let live = dir.path().join(".busy.toml.kam-tmpLive");
    std::fs::write(&live, "being written").unwrap();
    let held = std::fs::File::open(&live).unwrap();
    held.lock().unwrap();
    let kept = dir.path().join(".notes.kam-tmp.d");
    std::fs::create_dir(&kept).unwrap();
    let editing = dir.path().join(".acme.toml.kam-tmp-edit-Xy12.toml");
    std::fs::write(&editing, "the user's edit, saved by an editor").unwrap();
    std::fs::write(dir.path().join("acme.toml"), "old").unwrap();
    write_file(&dir.path().join("acme.toml"), b"new", Within::Anywhere).unwrap();
    assert_eq!(
        names(dir.path()),
        [
            ".acme.toml.kam-tmp-edit-Xy12.toml",
            ".busy.toml.kam-tmpLive",
            ".notes.kam-tmp.d",
            "acme.toml"
        ]
    );
    drop(held);
    write_new(&dir.path().join("b.toml"), b"b", Within::Anywhere).unwrap();
    assert_eq!(
        names(dir.path()),
        [
            ".acme.toml.kam-tmp-edit-Xy12.toml",
            ".notes.kam-tmp.d",
            "acme.toml",
            "b.toml"
        ]
    );
}

#[test]
fn a_write_to_the_old_file_in_the_last_instant_is_reported() {
    // What another program appends between kam's last look and the rename lands in the old copy;
    // kam cannot undo the rename, but it notices and says so.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    std::fs::write(&path, "old\n").unwrap();
    let replaced = replace(&path, b"new\n", Within::Anywhere, || {
        let file = std::fs::File::open(&path).unwrap();
        let stamp = Stamp::of(&file.metadata().unwrap());
        let mut appender = std::fs::OpenOptions::new().append(true).open(&path).unwrap();
        appender.write_all(b"appended in the instant\n").unwrap();
        Ok(Some((file, stamp)))
    })
    .unwrap();
    assert!(replaced.raced);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "new\n");
    let quiet = replace_if_unchanged(
        &path,
        &stamp_of(&path),
        b"new\n",
        b"newer\n",
        "a.toml",
        Within::Anywhere,
    )
    .unwrap();
    assert!(!quiet.raced);
}
