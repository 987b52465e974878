//! What the CLI asks of the machine it runs on. The Rust binary answers with `std::fs`, the
//! npm bin with Node's `fs` through wasm; the CLI itself does no IO, so both run one program.

/// The kind of a directory entry (symbolic links followed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    File,
    Dir,
}

/// Why the host could not do what was asked: the two common causes by name, so both hosts
/// word them alike, and anything else in the host's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostError {
    NotFound,
    PermissionDenied,
    IsADirectory,
    Other(String),
}

impl std::fmt::Display for HostError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HostError::NotFound => f.write_str("no such file or directory"),
            HostError::PermissionDenied => f.write_str("permission denied"),
            HostError::IsADirectory => f.write_str("it is a directory"),
            HostError::Other(text) => f.write_str(text),
        }
    }
}

/// The contents of a file the CLI read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    Bytes(Vec<u8>),
    /// Longer than the limit asked for; its length when the host knows it. The host reads at
    /// most the limit and one byte, so a huge file or stream costs no memory.
    TooLarge(Option<u64>),
}

pub trait Host {
    /// The working directory, absolute.
    fn current_dir(&self) -> String;
    /// A file's contents, at most `max` bytes; `-` is standard input.
    fn read(&self, path: &str, max: usize) -> Result<Contents, HostError>;
    /// Whether `path` is a file, a directory, or neither (`None`).
    fn kind(&self, path: &str) -> Option<EntryKind>;
    /// The entries of a directory: names and kinds, in any order.
    fn list_dir(&self, path: &str) -> Result<Vec<(String, EntryKind)>, HostError>;
    /// Writes `text` to `path` (`--output-file`).
    fn write(&self, path: &str, text: &str) -> Result<(), HostError>;
    /// An environment variable (`NO_COLOR`).
    fn env_var(&self, name: &str) -> Option<String>;
    /// Whether standard output is a terminal (`--color auto`).
    fn stdout_is_terminal(&self) -> bool;
}
