//! Findings every front-end makes the same way: an input over the size limit, a key set twice.

use super::Entry;
use crate::diagnostic::{codes, Finding, Findings};
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

/// Reports that `first`'s key is set again at `again` (the later setting wins). `pointer`
/// names the key's place from its name; it runs only for the findings a report lists.
pub(super) fn duplicate_key(
    findings: &mut Findings,
    first: &Entry,
    again: Span,
    pointer: impl FnOnce(&str) -> String,
) {
    findings.push_with(&codes::PARSE_DUPLICATE_KEY, || {
        let key = &first.key;
        let first_line = first.key_span.map(|s| s.start.line).unwrap_or(0);
        Finding::new(
            &codes::PARSE_DUPLICATE_KEY,
            pointer(key),
            Some(again),
            format!("`{key}` is set again; the first setting on line {first_line} is ignored"),
            Some("keep one of the two settings".into()),
        )
    });
}
