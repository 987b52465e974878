//! Env files, line by line: `KEY=value` and its broken forms.

use std::ops::Range;

use super::urls::push_url_password;
use super::values::{find_close, lines_that, run_on, skip_blanks};
use super::Held;
use crate::document::continues_secret_value;

/// `KEY=value`, `export KEY=value`, and the broken forms of those lines (`KEY value`,
/// `KEY: value`, an unclosed quote that runs on over the next lines).
pub(super) fn env_lines(
    source: &str,
    lines: &[Range<usize>],
    is_secret: &dyn Fn(&str) -> Option<Held>,
    out: &mut Vec<Range<usize>>,
) {
    let bytes = source.as_bytes();
    let mut n = 0;
    while n < lines.len() {
        let line = lines[n].clone();
        let mut i = skip_blanks(bytes, line.start, line.end);
        if source[i..line.end].starts_with("export")
            && matches!(bytes.get(i + 6), Some(b' ' | b'\t'))
        {
            i = skip_blanks(bytes, i + 6, line.end);
        }
        let key_start = i;
        while i < line.end
            && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'_' | b'.' | b'-'))
        {
            i += 1;
        }
        let key = &source[key_start..i];
        let Some(held) = is_secret(key).filter(|_| !key.is_empty()) else {
            n += 1;
            continue;
        };
        i = skip_blanks(bytes, i, line.end);
        if matches!(bytes.get(i), Some(b'=' | b':')) && i < line.end {
            i = skip_blanks(bytes, i + 1, line.end);
        }
        if held == Held::CredentialUrl {
            push_url_password(source, i..line.end, out);
            n += 1;
            continue;
        }
        if i < line.end {
            out.push(i..line.end);
        }
        // A quote that does not close on its line runs on (dotenv reads multi-line values).
        // The lines it runs over are still read for keys: the quote may be a mistake.
        if let Some(&q @ (b'"' | b'\'')) = bytes.get(i).filter(|_| i < line.end) {
            if find_close(bytes, i + 1, line.end, q).is_none() {
                run_on(source, lines, n + 1, q, out);
            }
        } else {
            // An unquoted value pasted over several lines (a PEM key): the lines that read
            // as more of it.
            n = lines_that(continues_secret_value, source, lines, n + 1, out);
            continue;
        }
        n += 1;
    }
}
