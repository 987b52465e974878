//! The machine as the CLI sees it: files, directories, standard input, the environment and
//! the terminal, through `std`. The binary's one Host; the language server reads through it
//! too (with the open documents laid over it).

use std::io::{IsTerminal, Read};

use preflight::cli::{Contents, EntryKind, Host, HostError};

pub struct Machine;

fn host_error(e: std::io::Error) -> HostError {
    match e.kind() {
        std::io::ErrorKind::NotFound => HostError::NotFound,
        std::io::ErrorKind::PermissionDenied => HostError::PermissionDenied,
        std::io::ErrorKind::IsADirectory => HostError::IsADirectory,
        _ => HostError::Other(e.to_string()),
    }
}

/// Reads at most `max` bytes and one more, so a huge stream costs no memory.
fn read_limited(reader: impl Read, max: usize) -> Result<Contents, HostError> {
    let mut bytes = Vec::new();
    reader
        .take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(host_error)?;
    Ok(if bytes.len() > max {
        Contents::TooLarge(None)
    } else {
        Contents::Bytes(bytes)
    })
}

impl Host for Machine {
    fn current_dir(&self) -> String {
        std::env::current_dir()
            .map(|d| d.to_string_lossy().into_owned())
            .unwrap_or_else(|_| "/".into())
    }

    fn read(&self, path: &str, max: usize) -> Result<Contents, HostError> {
        if path == "-" {
            return read_limited(std::io::stdin().lock(), max);
        }
        let file = std::fs::File::open(path).map_err(host_error)?;
        let meta = file.metadata().map_err(host_error)?;
        if meta.is_dir() {
            return Err(HostError::IsADirectory);
        }
        if meta.len() > max as u64 {
            return Ok(Contents::TooLarge(Some(meta.len())));
        }
        read_limited(file, max)
    }

    fn kind(&self, path: &str) -> Option<EntryKind> {
        let meta = std::fs::metadata(path).ok()?;
        Some(if meta.is_dir() {
            EntryKind::Dir
        } else {
            EntryKind::File
        })
    }

    fn list_dir(&self, path: &str) -> Result<Vec<(String, EntryKind)>, HostError> {
        let mut entries = Vec::new();
        for entry in std::fs::read_dir(path).map_err(host_error)? {
            let entry = entry.map_err(host_error)?;
            // Symbolic links are followed, as the kind of a named path is.
            let Ok(meta) = std::fs::metadata(entry.path()) else {
                continue;
            };
            let kind = if meta.is_dir() {
                EntryKind::Dir
            } else {
                EntryKind::File
            };
            entries.push((entry.file_name().to_string_lossy().into_owned(), kind));
        }
        Ok(entries)
    }

    fn write(&self, path: &str, text: &str) -> Result<(), HostError> {
        std::fs::write(path, text).map_err(host_error)
    }

    fn env_var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok()
    }

    fn stdout_is_terminal(&self) -> bool {
        std::io::stdout().is_terminal()
    }
}
