//! The password part of a connection URL, also when the URL is broken.

use std::ops::Range;

use super::values::skip_blanks;

/// The rest of a URL's password on the line below, when the URL's line breaks after its
/// `://` with no `@` (`postgres://app:` then `s3cret@db/app`): the text before the first `@`,
/// if no blank or quote stands in it.
pub(super) fn push_url_password_below(
    source: &str,
    value: Range<usize>,
    below: Range<usize>,
    out: &mut Vec<Range<usize>>,
) {
    let Some(authority) = source[value].split_once("://").map(|(_, a)| a) else {
        return;
    };
    if authority.contains(['@', '/', ' ', '"', '\'']) {
        return;
    }
    let from = skip_blanks(source.as_bytes(), below.start, below.end);
    let text = &source[from..below.end];
    if let Some(at) = text.find('@') {
        if !text[..at].contains([' ', '\t', '"', '\'', ',', '{', '}']) {
            out.push(from..from + at);
        }
    }
}

/// Whether the quote at `at` closes a value: nothing, a blank or punctuation that ends a
/// value follows it. A quote with more of a word after it (`:3'__x`) was typed inside a
/// password, which runs on past it.
pub(crate) fn quote_closes(bytes: &[u8], at: usize) -> bool {
    !bytes.get(at + 1).is_some_and(|&b| {
        b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'+' | b'.' | b'~' | b'%')
    })
}

/// The password of the URL in `value`: from the `:` after its user name (after `//` when there
/// is one) to the last `@`, blanks and quotes included, so a broken URL keeps it hidden too.
pub(super) fn push_url_password(source: &str, value: Range<usize>, out: &mut Vec<Range<usize>>) {
    let text = &source[value.clone()];
    let user_from = text.find("//").map_or(0, |i| i + 2);
    let Some(at) = text.rfind('@') else {
        // No `@` left (a file cut short after `user:pa`): what follows the `:` is a password
        // unless it is a port.
        let Some(colon) = text[user_from..].find(':').map(|c| user_from + c + 1) else {
            return;
        };
        let rest = &text[colon..];
        let port_len = rest.bytes().take_while(u8::is_ascii_digit).count();
        let is_port = port_len > 0
            && match rest.as_bytes().get(port_len) {
                None | Some(b'/' | b'?' | b',' | b' ') => true,
                Some(b'"' | b'\'') => quote_closes(rest.as_bytes(), port_len),
                _ => false,
            };
        if !is_port {
            out.push(value.start + colon..value.end);
        }
        return;
    };
    // An `@` before the `//` (`a@b//c`) leaves no user name.
    let user_from = user_from.min(at);
    match text[user_from..at].find(':') {
        Some(colon) => out.push(value.start + user_from + colon + 1..value.start + at),
        // No `//` and no `:` before the `@`: the scheme and user name were lost, and what is
        // left before the `@` may be the password.
        None if user_from == 0 => out.push(value.start..value.start + at),
        // A character no user name holds as written (a blank, `#`, `|`, a brace, non-ASCII)
        // where the `:` was: the user name and password run together, all masked.
        None if !text[user_from..at]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=%".contains(&b)) =>
        {
            out.push(value.start + user_from..value.start + at)
        }
        None => {}
    }
}
