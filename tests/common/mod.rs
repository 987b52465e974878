//! An in-memory machine for `preflight::cli::run`: files by absolute path, the environment
//! and the terminal as a test sets them, and a log of every file read.
#![allow(dead_code)]

use std::cell::RefCell;
use std::collections::BTreeMap;

use preflight::cli::{self, Contents, EntryKind, Host, HostError, Outcome};

/// Files by absolute path; directories are implied by them.
pub struct Memory {
    pub cwd: String,
    pub files: RefCell<BTreeMap<String, String>>,
    pub env: Vec<(&'static str, &'static str)>,
    pub terminal: bool,
    /// Every path read, in order.
    pub reads: RefCell<Vec<String>>,
}

impl Memory {
    pub fn new(cwd: &str, files: &[(&str, &str)]) -> Memory {
        Memory {
            cwd: cwd.into(),
            files: RefCell::new(
                files
                    .iter()
                    .map(|(p, t)| (p.to_string(), t.to_string()))
                    .collect(),
            ),
            env: Vec::new(),
            terminal: false,
            reads: RefCell::new(Vec::new()),
        }
    }

    pub fn run(&self, args: &str) -> Outcome {
        let args: Vec<String> = args.split_whitespace().map(String::from).collect();
        cli::run(&args, self)
    }

    fn is_dir(&self, path: &str) -> bool {
        let prefix = format!("{}/", path.trim_end_matches('/'));
        self.files.borrow().keys().any(|f| f.starts_with(&prefix))
    }
}

impl Host for Memory {
    fn current_dir(&self) -> String {
        self.cwd.clone()
    }

    fn read(&self, path: &str, max: usize) -> Result<Contents, HostError> {
        self.reads.borrow_mut().push(path.to_string());
        match self.files.borrow().get(path) {
            Some(text) if text.len() > max => Ok(Contents::TooLarge(Some(text.len() as u64))),
            Some(text) => Ok(Contents::Bytes(text.as_bytes().to_vec())),
            None if self.is_dir(path) => Err(HostError::IsADirectory),
            None => Err(HostError::NotFound),
        }
    }

    fn kind(&self, path: &str) -> Option<EntryKind> {
        if self.files.borrow().contains_key(path) {
            Some(EntryKind::File)
        } else if self.is_dir(path) {
            Some(EntryKind::Dir)
        } else {
            None
        }
    }

    fn list_dir(&self, path: &str) -> Result<Vec<(String, EntryKind)>, HostError> {
        let prefix = format!("{}/", path.trim_end_matches('/'));
        let mut out: Vec<(String, EntryKind)> = Vec::new();
        for file in self.files.borrow().keys() {
            if let Some(rest) = file.strip_prefix(&prefix) {
                let entry = match rest.split_once('/') {
                    Some((dir, _)) => (dir.to_string(), EntryKind::Dir),
                    None => (rest.to_string(), EntryKind::File),
                };
                if !out.contains(&entry) {
                    out.push(entry);
                }
            }
        }
        Ok(out)
    }

    fn write(&self, path: &str, text: &str) -> Result<(), HostError> {
        self.files.borrow_mut().insert(path.into(), text.into());
        Ok(())
    }

    fn env_var(&self, name: &str) -> Option<String> {
        self.env
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    }

    fn stdout_is_terminal(&self) -> bool {
        self.terminal
    }
}
