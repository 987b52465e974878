//! Findings every front-end makes the same way: an input over the size limit, a key set twice.

use super::Entry;
use crate::diagnostic::{codes, Finding, Findings};
use crate::secret_names::{swallowed_secret, swallowed_value};
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

/// Reports that `first`'s key is set again at `again` (the later setting wins). `parent` is
/// the pointer of the mapping that holds the key; it runs only for the findings a report
/// lists. A key that swallowed a value on a malformed line (`jwt_secret:"s3cr3t`) is never
/// echoed, in the message or the pointer, as the structure walk does for such keys: here the
/// schema is not known, so not which names hold secrets, and any name's value is kept back.
pub(super) fn duplicate_key(
    findings: &mut Findings,
    first: &Entry,
    again: Span,
    parent: impl FnOnce() -> String,
) {
    findings.push_with(&codes::PARSE_DUPLICATE_KEY, || {
        let key = &first.key;
        let first_line = first.key_span.map(|s| s.start.line).unwrap_or(0);
        let ignored = format!("the first setting on line {first_line} is ignored");
        let swallowed = swallowed_secret(key, &[]).or_else(|| swallowed_value(key));
        let (pointer, message, help) = match swallowed {
            Some(secret) => (
                parent(),
                format!("a key holding what looks like the value of `{secret}` is set again: the lines are malformed, and {ignored}"),
                format!("write `{secret}: VALUE` once, with a space after the colon"),
            ),
            None => {
                let mut pointer = parent();
                crate::pointer::push_token(&mut pointer, key);
                (
                    pointer,
                    format!("`{key}` is set again; {ignored}"),
                    "keep one of the two settings".to_string(),
                )
            }
        };
        Finding::new(
            &codes::PARSE_DUPLICATE_KEY,
            pointer,
            Some(again),
            message,
            Some(help),
        )
    });
}
