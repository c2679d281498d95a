//! What a path under `accounts/` is when it is not a regular file (a FIFO, a link, a
//! submodule …): the I/O layer finds it out, the playbook words it.

use crate::domain::playbook::{Said, Words};

/// What a file is when it is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Folder,
    Link,
    Fifo,
    Socket,
    CharDevice,
    BlockDevice,
    /// A git submodule (a commit of another repository where a file should be).
    Submodule,
    /// Anything else that is not a regular file.
    Special,
}

impl FileKind {
    /// The text id of the kind and its English.
    pub fn text_id(self) -> (&'static str, &'static str) {
        match self {
            FileKind::Folder => ("check.file_kind.folder", "a folder"),
            FileKind::Link => ("check.file_kind.link", "a symbolic link"),
            FileKind::Fifo => ("check.file_kind.fifo", "a FIFO (named pipe)"),
            FileKind::Socket => ("check.file_kind.socket", "a socket"),
            FileKind::CharDevice => ("check.file_kind.char_device", "a character device"),
            FileKind::BlockDevice => ("check.file_kind.block_device", "a block device"),
            FileKind::Submodule => ("check.file_kind.submodule", "a git submodule"),
            FileKind::Special => ("check.file_kind.special", "not a regular file"),
        }
    }

    /// The kind in the playbook's words ("a FIFO (named pipe)").
    pub fn words(self, pb: Words<'_>) -> &str {
        let (id, english) = self.text_id();
        pb.text(id, english)
    }
}

impl std::fmt::Display for FileKind {
    /// The kind in English, for messages made without a playbook.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.words(Words::ENGLISH))
    }
}

impl From<FileKind> for Said {
    fn from(kind: FileKind) -> Said {
        let (id, english) = kind.text_id();
        Said::new(id, english)
    }
}
