//! Findings every front-end makes the same way: an input over the size limit, a key set twice.

use crate::diagnostic::{codes, Finding};
use crate::span::Span;

pub(super) fn too_large(len: Option<usize>, max: usize) -> Finding {
    let message = match len {
        Some(len) => format!("the input is {len} bytes, more than the limit of {max} bytes"),
        None => format!("the input is more than the limit of {max} bytes"),
    };
    Finding::new(
        &codes::PARSE_TOO_LARGE,
        String::new(),
        None,
        message,
        Some("split the file, or raise `Limits::max_bytes` if it really is this large".into()),
    )
}

pub(super) fn duplicate_key(pointer: String, span: Span, key: &str, first_line: usize) -> Finding {
    Finding::new(
        &codes::PARSE_DUPLICATE_KEY,
        pointer,
        Some(span),
        format!("`{key}` is set again; the first setting on line {first_line} is ignored"),
        Some("keep one of the two settings".into()),
    )
}
