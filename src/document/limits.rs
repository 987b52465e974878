//! Bounds on what a front-end will read, so no input can hang or exhaust the editor.

use crate::diagnostic::{codes, Finding};

/// Limits every front-end enforces. The defaults suit any real config file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest input accepted, in bytes (default 4 MiB).
    pub max_bytes: usize,
    /// Deepest nesting of lists and mappings (default 128).
    pub max_depth: usize,
    /// Most nodes a YAML document may expand to through aliases (default 100,000).
    pub max_alias_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 4 * 1024 * 1024,
            max_depth: 128,
            max_alias_nodes: 100_000,
        }
    }
}

pub(super) fn too_large(len: usize, max: usize) -> Finding {
    Finding::new(
        &codes::PARSE_TOO_LARGE,
        String::new(),
        None,
        format!("the input is {len} bytes, more than the limit of {max} bytes"),
        Some("split the file, or raise `Limits::max_bytes` if it really is this large".into()),
    )
}
