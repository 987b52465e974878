//! saphyr-parser's YAML event stream behind one non-generic function.
//!
//! saphyr's parser is generic over its input, so Rust compiles it in the crate that calls it,
//! with that crate's optimization level. preflight is built for size (`opt-level = "z"`), which
//! made the YAML scanner half again as slow; calling it through this crate compiles it here,
//! at the `opt-level = 3` the workspace's Cargo.toml gives this package (BENCHMARKS.md).
//!
//! The parser is `crates/saphyr`: saphyr-parser 0.3.4 as published, with the changes its
//! PATCHES.md lists.

#![forbid(unsafe_code)]

pub use saphyr_parser::{Event, Marker, ScalarStyle, ScanError, Span};

/// Calls `sink` with each event of `text` and its span, in order, or with the error that
/// ends the scan; stops at the end of the stream, after an error, or when `sink` returns
/// `false`.
pub fn each_event<'a>(
    text: &'a str,
    sink: &mut dyn FnMut(Result<(Event<'a>, Span), ScanError>) -> bool,
) {
    for item in saphyr_parser::Parser::new_from_str(text) {
        let failed = item.is_err();
        if !sink(item) || failed {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_in_order_and_the_error_that_ends_the_scan() {
        let mut seen = Vec::new();
        each_event("a: [1, 2]\n", &mut |item| {
            seen.push(match item {
                Ok((Event::Scalar(value, ..), span)) => format!("{value}@{}", span.start.col()),
                Ok((event, _)) => format!("{event:?}").chars().take(8).collect(),
                Err(e) => format!("error {}", e.info()),
            });
            true
        });
        assert_eq!(
            seen,
            [
                "StreamSt", "Document", "MappingS", "a@0", "Sequence", "1@4", "2@7", "Sequence",
                "MappingE", "Document", "StreamEn"
            ]
        );

        let mut errors = 0;
        let mut after = 0;
        each_event("a: [1\nb: 2\n", &mut |item| {
            if item.is_err() {
                errors += 1;
            } else if errors > 0 {
                after += 1;
            }
            true
        });
        assert_eq!((errors, after), (1, 0));

        let mut calls = 0;
        each_event("a: 1\nb: 2\n", &mut |_| {
            calls += 1;
            calls < 3
        });
        assert_eq!(calls, 3);
    }
}
