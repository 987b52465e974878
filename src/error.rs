//! Errors of the caller: a schema that is wrong, or a schema name that does not exist.
//! Problems in a config are never errors; they are diagnostics in a [`crate::Report`].

use crate::span::Position;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// The schema itself is wrong; `pointer` names the place in the schema document.
    #[error("invalid schema{}: {message}", place(pointer, position))]
    InvalidSchema {
        pointer: String,
        position: Option<Position>,
        message: String,
    },
    /// No built-in schema has this name.
    #[error("unknown schema `{0}`; `preflight schemas` lists the built-in schemas, or give a path to a schema file")]
    UnknownSchema(String),
}

fn place(pointer: &str, position: &Option<Position>) -> String {
    match (pointer.is_empty(), position) {
        (true, None) => String::new(),
        (false, None) => format!(" at {pointer}"),
        (true, Some(p)) => format!(" (line {}, column {})", p.line, p.column),
        (false, Some(p)) => format!(" at {pointer} (line {}, column {})", p.line, p.column),
    }
}
