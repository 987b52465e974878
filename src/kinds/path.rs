//! `kind: path` — a POSIX file path that must be absolute and free of `.`/`..` segments.
//!
//! A service resolves a relative path against whatever directory it was started in, and `..`
//! segments hide where a file really is; configs for production name files exactly. `~` is
//! not expanded by services, only by shells.

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use super::scalar;
use crate::context::Cx;
use crate::diagnostic::codes;
use crate::document::read::{Keys, ReadError};
use crate::document::Node;
use crate::shown::shown;

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct PathKind {
    /// Require an absolute path (default true).
    #[cfg_attr(feature = "schema-serde", serde(default = "super::default_true"))]
    pub absolute: bool,
}

impl PathKind {
    /// Reads the kind's parameters from the field's mapping.
    pub(crate) fn read(keys: &mut Keys<'_>) -> Result<Self, ReadError> {
        Ok(PathKind {
            absolute: keys.get_or("absolute", super::default_true)?,
        })
    }
}

impl Default for PathKind {
    fn default() -> Self {
        PathKind { absolute: true }
    }
}

impl PathKind {
    pub(crate) fn check(&self, node: &Node, cx: &mut Cx<'_>) {
        let Some(text) = scalar(node, cx, "a file path") else {
            return;
        };
        check_path(&text, self.absolute, node, cx);
    }
}

/// The path rules, shared with `secret_file` fields.
pub(crate) fn check_path(text: &str, absolute: bool, node: &Node, cx: &mut Cx<'_>) {
    if text.contains('\0') {
        cx.report(
            &codes::PATH_INVALID,
            node.span,
            "the path contains a NUL character",
            None,
        );
        return;
    }
    if absolute && !text.starts_with('/') {
        let help = if let Some(rest) = text.strip_prefix("~/") {
            format!("services do not expand `~`; write the full path, e.g. `/home/USER/{rest}`")
        } else {
            "write the full path from `/`".to_string()
        };
        cx.report(
            &codes::PATH_NOT_ABSOLUTE,
            node.span,
            format!("`{}` is not an absolute path", shown(text)),
            Some(help),
        );
        return;
    }
    if has_dot_segment(text) {
        cx.report(
            &codes::PATH_DOT_SEGMENT,
            node.span,
            format!("`{}` contains a `.` or `..` segment", shown(text)),
            Some(format!(
                "write the resolved path, e.g. `{}`",
                normalize(text)
            )),
        );
    }
}

/// Whether a `/`-separated path has a `.` or `..` segment (most have no `.` at all).
pub(crate) fn has_dot_segment(path: &str) -> bool {
    path.contains('.') && path.split('/').any(|seg| seg == "." || seg == "..")
}

/// Resolves `.` and `..` lexically (`/a/./b/../c` → `/a/c`).
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    format!("/{}", parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::testing::codes;

    #[test]
    fn absolute_paths_without_dot_segments() {
        let kind = PathKind::default();
        for (text, want) in [
            ("/run/secrets/jwt", vec![]),
            ("/var/lib/app/", vec![]),
            ("/a/.hidden/b", vec![]),
            ("data/app.db", vec!["path/not-absolute"]),
            ("~/secrets", vec!["path/not-absolute"]),
            ("/a/../etc/passwd", vec!["path/dot-segment"]),
            ("/a/./b", vec!["path/dot-segment"]),
            ("/a\0b", vec!["path/invalid"]),
        ] {
            assert_eq!(codes(&kind, text), want, "{text:?}");
        }
        assert!(codes(&PathKind { absolute: false }, "data/app.db").is_empty());
    }

    #[test]
    fn normalizes_lexically() {
        assert_eq!(normalize("/a/./b/../c"), "/a/c");
        assert_eq!(normalize("/../x"), "/x");
    }
}
