//! Where a value ends: its closing quote, a flow separator, the end of its line, or the lines
//! below it that read as more of it.

use std::ops::Range;

/// Where a value starting at `i` ends on its line, and the quote it leaves open, if any.
pub(super) fn value_end(bytes: &[u8], i: usize, end: usize, flow: bool) -> (usize, Option<u8>) {
    match bytes.get(i) {
        Some(&q @ (b'"' | b'\'')) if i < end => match find_close(bytes, i + 1, end, q) {
            Some(close) if flow => {
                // Text right after the closing quote (`""secret"`) belongs to a broken value:
                // it runs to the next `,` `}` `]`.
                let after = skip_blanks(bytes, close + 1, end);
                if after < end && !matches!(bytes[after], b',' | b'}' | b']' | b':') {
                    let stop = bytes[after..end]
                        .iter()
                        .position(|b| matches!(b, b',' | b'}' | b']'))
                        .map_or(end, |p| after + p);
                    (stop, None)
                } else {
                    (close + 1, None)
                }
            }
            Some(_) => (end, None),
            None => (end, Some(q)),
        },
        _ if flow => {
            let stop = bytes[i.min(end)..end]
                .iter()
                .position(|b| matches!(b, b',' | b'}' | b']'))
                .map_or(end, |p| i + p);
            (stop, None)
        }
        _ => (end, None),
    }
}

/// The closing quote after `from`, before `end`: `\"` escapes in double quotes, `''` in
/// single quotes.
pub(super) fn find_close(bytes: &[u8], from: usize, end: usize, quote: u8) -> Option<usize> {
    let mut j = from;
    while j < end {
        match bytes[j] {
            b'\\' if quote == b'"' => j += 2,
            b if b == quote => {
                if quote == b'\'' && bytes.get(j + 1) == Some(&b'\'') {
                    j += 2;
                } else {
                    return Some(j);
                }
            }
            _ => j += 1,
        }
    }
    None
}

/// Masks the lines from `n` on up to and including the one where `quote` closes (or to the
/// end of the text); returns the line after them.
pub(super) fn run_on(
    source: &str,
    lines: &[Range<usize>],
    mut n: usize,
    quote: u8,
    out: &mut Vec<Range<usize>>,
) -> usize {
    let bytes = source.as_bytes();
    while let Some(line) = lines.get(n) {
        let close = find_close(bytes, line.start, line.end, quote);
        let end = close.map_or(line.end, |c| c + 1);
        if line.start < end {
            out.push(line.start..end);
        }
        n += 1;
        if close.is_some() {
            break;
        }
    }
    n
}

/// several lines, whatever its indentation) rather than what comes next: a blank line, a
/// comment, a key (`name:`), a list item (`- `) or a document marker.
pub(super) fn continues_plain(line: &str) -> bool {
    let marker = |m: &str| {
        line.strip_prefix(m)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
    };
    let text = line.trim_matches([' ', '\t']);
    !(text.is_empty()
        || text.starts_with('#')
        || text == "-"
        || text.starts_with("- ")
        || text.ends_with(':')
        || text.contains(": ")
        || text.contains(":\t")
        || marker("---")
        || marker("..."))
}

/// Whether `line`, below a JSON value that ends its line, is more of it: no JSON token
/// (`"` `{` `}` `[` `]` `,`) starts it.
pub(super) fn continues_json(line: &str) -> bool {
    let text = line.trim_start_matches([' ', '\t']);
    !text.is_empty() && !text.starts_with(['"', '{', '}', '[', ']', ','])
}

/// Masks the lines from `n` on for as long as `continues` holds of their text (from the first
/// non-blank); returns the first line it does not hold of.
pub(super) fn lines_that(
    continues: fn(&str) -> bool,
    source: &str,
    lines: &[Range<usize>],
    mut n: usize,
    out: &mut Vec<Range<usize>>,
) -> usize {
    while let Some(line) = lines.get(n).filter(|l| continues(&source[(*l).clone()])) {
        out.push(skip_blanks(source.as_bytes(), line.start, line.end)..line.end);
        n += 1;
    }
    n
}

/// Masks the lines from `n` on that are blank or indented more than `indent`; returns the
/// first line that is not.
pub(super) fn indented_below(
    source: &str,
    lines: &[Range<usize>],
    mut n: usize,
    indent: usize,
    out: &mut Vec<Range<usize>>,
) -> usize {
    let bytes = source.as_bytes();
    while let Some(line) = lines.get(n) {
        let first = skip_blanks(bytes, line.start, line.end);
        if first < line.end && first - line.start <= indent {
            break;
        }
        if first < line.end {
            out.push(first..line.end);
        }
        n += 1;
    }
    n
}

pub(super) fn skip_blanks(bytes: &[u8], mut i: usize, end: usize) -> usize {
    while i < end && matches!(bytes[i], b' ' | b'\t') {
        i += 1;
    }
    i
}
