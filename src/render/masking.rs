//! Secrets found in the text itself, line by line, for renderers that print source lines.
//!
//! The report's secret spans come from the parsed tree, and a file that does not parse has
//! no tree (or a tree that lacks the broken part: an unclosed quote, a key set twice on one
//! line, an anchor whose alias a secret key uses). So code frames are also masked by this
//! scan of the text: after every key that names a secret (`jwt_secret`, `DB_PASSWORD`, or a
//! field the schema declares as a secret), the value is masked to where it ends — its closing
//! quote, the next `,` `}` `]` in flow text, the end of the line otherwise, and the lines of a
//! block scalar or an unclosed quote below it. It errs on the side of masking.

use std::ops::Range;

use crate::document::continues_secret_value;
use crate::input::Format;
use crate::secret_names::is_secret_like_key;

/// What a key holds, for the scan.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Held {
    /// A secret: its whole value is masked.
    Secret,
    /// A URL that may carry `user:password@`: the password part is masked.
    CredentialUrl,
}

/// Byte ranges of `source` that hold secret values, by the scan above. `declared` names keys
/// the schema declares as secrets (their last pointer token, or their env names); `urls` keys
/// that hold connection URLs with credentials.
pub(crate) fn secret_ranges(
    source: &str,
    lines: &[Range<usize>],
    format: Option<Format>,
    declared: &[String],
    urls: &[String],
) -> Vec<Range<usize>> {
    let is_secret = |key: &str| {
        // A misspelt declared secret (`jwt_secert`) most likely still holds it.
        let near_declared = || {
            key.len() > 3
                && crate::suggest::nearest(key, declared.iter().map(String::as_str)).is_some()
        };
        if is_secret_like_key(key) || declared.iter().any(|d| d == key) || near_declared() {
            Some(Held::Secret)
        } else if urls.iter().any(|u| u == key) {
            Some(Held::CredentialUrl)
        } else {
            None
        }
    };
    let mut out = Vec::new();
    match format {
        Some(Format::Env) => {
            env_lines(source, lines, &is_secret, &mut out);
            keyed_lines(source, lines, Format::Env, &is_secret, declared, &mut out);
        }
        Some(format) => {
            keyed_lines(source, lines, format, &is_secret, declared, &mut out);
            if format == Format::Yaml {
                secret_manifest_data(source, lines, &mut out);
            }
        }
        None => {}
    }
    out
}

/// The values under `data:` and `stringData:` in a Kubernetes manifest that holds a Secret:
/// each is a secret, whatever its key (a ConfigMap's in the same file are masked too).
fn secret_manifest_data(source: &str, lines: &[Range<usize>], out: &mut Vec<Range<usize>>) {
    let text_of = |line: &Range<usize>| &source[line.clone()];
    let holds_secret = lines.iter().any(|line| {
        let text = text_of(line).trim_end();
        text.strip_prefix("kind:")
            .is_some_and(|kind| kind.trim().trim_matches(['"', '\'']) == "Secret")
    });
    if !holds_secret {
        return;
    }
    let bytes = source.as_bytes();
    let mut n = 0;
    while n < lines.len() {
        let line = lines[n].clone();
        let first = skip_blanks(bytes, line.start, line.end);
        let key = source[first..line.end].trim_end();
        let Some(rest) = key
            .strip_prefix("data:")
            .or_else(|| key.strip_prefix("stringData:"))
        else {
            n += 1;
            continue;
        };
        let rest_start = line.end - rest.len();
        if !rest.trim().is_empty() {
            // A flow mapping on the line (`data: {a: b}`).
            out.push(skip_blanks(bytes, rest_start, line.end)..line.end);
        }
        let indent = first - line.start;
        n += 1;
        while let Some(below) = lines.get(n) {
            let at = skip_blanks(bytes, below.start, below.end);
            if at < below.end && at - below.start <= indent {
                break;
            }
            // Each entry's value, or the whole line where no `key: ` starts it.
            let value = source[at..below.end]
                .find(": ")
                .map_or(at, |colon| skip_blanks(bytes, at + colon + 1, below.end));
            if value < below.end {
                out.push(value..below.end);
            }
            n += 1;
        }
    }
}

/// Each line's byte range, without its break (by `span::line_breaks`' rule).
pub(crate) fn line_table(source: &str) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (end, next) in crate::span::line_breaks(source) {
        lines.push(start..end);
        start = next;
    }
    lines.push(start..source.len());
    lines
}

/// `KEY=value`, `export KEY=value`, and the broken forms of those lines (`KEY value`,
/// `KEY: value`, an unclosed quote that runs on over the next lines).
fn env_lines(
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

/// Every line, in any format: each word that is followed (after an optional closing quote and
/// blanks) by `:` or `=` is a key wherever it stands — at the start of a line, inside flow
/// text, after a stray quote that broke the line — and after a secret one its value is masked.
/// In JSON every value ends at its quote or at `,` `}` `]`; in YAML a plain value also takes
/// the lines below it that read as more of it ([`continues_plain`]).
fn keyed_lines(
    source: &str,
    lines: &[Range<usize>],
    format: Format,
    is_secret: &dyn Fn(&str) -> Option<Held>,
    declared: &[String],
    out: &mut Vec<Range<usize>>,
) {
    let json = format == Format::Json;
    let bytes = source.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-' | b'$');
    let mut aliases: Vec<&str> = Vec::new();
    let mut n = 0;
    while n < lines.len() {
        let line = lines[n].clone();
        let indent = skip_blanks(bytes, line.start, line.end) - line.start;
        let mut next_line = n + 1;
        let mut i = line.start;
        while i < line.end {
            if !word(bytes[i]) || (i > line.start && word(bytes[i - 1])) {
                i += 1;
                continue;
            }
            let start = i;
            while i < line.end && word(bytes[i]) {
                i += 1;
            }
            let token = &source[start..i];
            let mut sep = i;
            // Stray quotes, tabs and characters no key is written with (a byte order mark,
            // an `é` typed by mistake) between the key and its separator.
            while sep < line.end
                && (matches!(bytes[sep], b'"' | b'\'' | b'\t') || bytes[sep] >= 0x80)
            {
                sep += 1;
            }
            sep = skip_blanks(bytes, sep, line.end);
            let separated = sep < line.end && matches!(bytes[sep], b':' | b'=');
            // The key as written around stray quotes and tabs (`"jwt_s"ecret":`), those dropped.
            // Looked for no further back than a key is long, so a long line of many words
            // costs its length.
            let mut reach = start.saturating_sub(KEY_REACH).max(line.start);
            while !source.is_char_boundary(reach) {
                reach += 1;
            }
            let key_start = bytes[reach..start]
                .iter()
                .rposition(|b| matches!(b, b' ' | b'{' | b',' | b'[' | b':'))
                .map_or(reach, |k| reach + k + 1);
            let around = &source[key_start..i];
            // A key whose `:` was left out or mistyped (`password "s3cret"`, `"jwt_secret",
            // "s3cret"`, `jwt_secret\": "s3cret"`): the first word of a line or of a flow
            // entry, then at most a few blanks and punctuation, then a value.
            let one_key = around
                .bytes()
                .all(|b| word(b) || matches!(b, b'"' | b'\'' | b'\t') || b >= 0x80);
            let key_position = at_key_position(&source[line.start..key_start]);
            let unseparated = !separated && one_key && key_position;
            if !separated {
                // A key and its value run together into one word (`"passwords3cret"`,
                // `API_TOKENs3cret`): what follows a name the schema declares secret. Away
                // from a key's place, only when it does not read as a longer name
                // (`jwt_secret_file` in a comment).
                if let Some(name) = declared
                    .iter()
                    .filter(|d| token.len() > d.len() && token.starts_with(d.as_str()))
                    .max_by_key(|d| d.len())
                {
                    let rest = &token[name.len()..];
                    if key_position || !rest.starts_with(['_', '-', '.']) {
                        out.push(start + name.len()..i);
                    }
                }
            }
            // Where masking starts: the value, or right after the key where its separator
            // is mistyped (what stands between is masked too).
            let mut mask_from = None;
            // A word right after the key's tabs may be the rest of a key a tab broke
            // (`"jwt_secr\tet", "s3cret"`): it is read as a key too, after this one's mask.
            let mut read_again = None;
            if unseparated {
                // After the key's closing quote, if it has one: blanks and a few punctuation
                // marks (`password\\ `, `"password",\t`), then the value. After a blank, the
                // value may start with punctuation itself (`jwt_secret -x…`): all of it is
                // masked from the key on.
                let from = i + usize::from(matches!(bytes.get(i), Some(b'"' | b'\'')));
                let first = skip_blanks(bytes, from, line.end);
                let gap = bytes[first..line.end]
                    .iter()
                    .take_while(|&&b| b.is_ascii_punctuation() && !matches!(b, b'"' | b'\''))
                    .count();
                sep = skip_blanks(bytes, first + gap, line.end);
                // Nothing between: a word is the rest of a key a quote broke (`"jwt_s"ecret`),
                // or the value glued to its key (`"password"s3cret`); a quote is the value's.
                let glued = sep == from && !matches!(bytes.get(sep), Some(b'"' | b'\''));
                let blank = first > from;
                // At the end of a JSON line the value may be on a line below (see there).
                if (!blank && gap > GAP) || (first >= line.end && !json) {
                    continue;
                }
                if glued {
                    // After a secret's key the word is masked (below) and read as a key too;
                    // after any other word it is read as a key only.
                    if is_secret(token).is_none() {
                        continue;
                    }
                    read_again = Some(sep);
                }
                mask_from = Some(first);
                if from == i
                    && first < line.end
                    && bytes[from..first].iter().all(|&b| b == b'\t')
                    && word(bytes[first])
                {
                    read_again = Some(first);
                }
            } else if !separated {
                continue;
            }
            let held = is_secret(token).or_else(|| {
                // Only a key broken by quotes or tabs needs putting back together.
                (!around.is_ascii() || around.contains(['"', '\'', '\t'])).then(|| {
                    let whole: String = around
                        .chars()
                        .filter(|c| !matches!(c, '"' | '\'' | '\t') && c.is_ascii())
                        .collect();
                    is_secret(&whole)
                })?
            });
            let Some(held) = held else {
                continue;
            };
            let value = if separated {
                let value = skip_blanks(bytes, sep + 1, line.end);
                // A stray `,` `}` `]` before a quoted value (`"password": }"s3cret"`).
                let stray = bytes[value..line.end]
                    .iter()
                    .take(GAP + 1)
                    .take_while(|&&b| matches!(b, b',' | b'}' | b']' | b' ' | b'\t'))
                    .count();
                // The same before a value whose opening quote it replaced (`"password": }s3cret"`).
                match bytes.get(value + stray) {
                    Some(&b)
                        if stray > 0 && stray <= GAP && (matches!(b, b'"' | b'\'') || word(b)) =>
                    {
                        value + stray
                    }
                    _ => value,
                }
            } else {
                sep
            };
            let flow = json || source[line.start..start].contains(['{', '[']);
            if json && value >= line.end {
                // JSON lets the value start on a line below.
                if let Some(below) = lines[n + 1..]
                    .iter()
                    .find(|l| skip_blanks(bytes, l.start, l.end) < l.end)
                {
                    let value = skip_blanks(bytes, below.start, below.end);
                    match held {
                        Held::CredentialUrl => push_url_password(source, value..below.end, out),
                        Held::Secret => out.push(value..value_end(bytes, value, below.end, true).0),
                    }
                }
                break;
            }
            if held == Held::CredentialUrl {
                // A broken URL may run past where a value would end: take the whole line, and
                // a password the line break cut off from its `@` on the next.
                push_url_password(source, value..line.end, out);
                if let Some(below) = lines.get(n + 1) {
                    push_url_password_below(source, value..line.end, below.clone(), out);
                }
                continue;
            }
            let (end, run_on_quote) = value_end(bytes, value, line.end, flow);
            let end = end.max(value);
            let start = mask_from.unwrap_or(value);
            if start < end {
                out.push(start..end);
            }
            if let Some(alias) = source[value..end].strip_prefix('*') {
                aliases.push(alias.trim_end_matches([',', '}', ']', ' ']));
            }
            if let Some(q) = run_on_quote {
                // The lines it runs over are still read for keys: the quote may be a mistake.
                run_on(source, lines, n + 1, q, out);
                break;
            }
            if json
                && source[end..line.end]
                    .trim_matches([' ', '\t', ','])
                    .is_empty()
            {
                // The last value of its line: lines below that no JSON token starts are more
                // of it (a quote typed inside it closed it early, then a line break).
                lines_that(continues_json, source, lines, n + 1, out);
            }
            if !flow {
                let rest = source[value..line.end].trim_start_matches(['&', '!']);
                if !json && (rest.starts_with(['|', '>']) || value >= line.end) {
                    // A block scalar (or a value on the next lines): every line indented more.
                    next_line = next_line.max(indented_below(source, lines, n + 1, indent, out));
                } else if !rest.starts_with(['"', '\'']) {
                    // A plain value pasted over several lines, at any indentation (in an env
                    // file, after a key that is not first on its line: two lines run together).
                    let continues = match format {
                        Format::Env => continues_secret_value,
                        _ => continues_plain,
                    };
                    lines_that(continues, source, lines, n + 1, out);
                }
                break;
            }
            i = read_again.unwrap_or(end.max(sep + 1));
        }
        n = next_line;
    }
    // An alias under a secret key shows nothing; its anchor holds the value.
    for alias in aliases.iter().filter(|a| !a.is_empty()) {
        let anchor = format!("&{alias}");
        for (at, _) in source.match_indices(&anchor) {
            let end_of_anchor = at + anchor.len();
            if bytes
                .get(end_of_anchor)
                .is_some_and(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            {
                continue;
            }
            let Some(line) = lines.iter().find(|l| l.start <= at && at <= l.end) else {
                continue;
            };
            let value = skip_blanks(bytes, end_of_anchor, line.end);
            let flow = source[line.start..at].contains(['{', '[']);
            let (end, _) = value_end(bytes, value, line.end, flow);
            if value < end {
                out.push(value..end);
            }
        }
    }
}

/// The rest of a URL's password on the line below, when the URL's line breaks after its
/// `://` with no `@` (`postgres://app:` then `s3cret@db/app`): the text before the first `@`,
/// if no blank or quote stands in it.
fn push_url_password_below(
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
fn push_url_password(source: &str, value: Range<usize>, out: &mut Vec<Range<usize>>) {
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

/// Where a value starting at `i` ends on its line, and the quote it leaves open, if any.
fn value_end(bytes: &[u8], i: usize, end: usize, flow: bool) -> (usize, Option<u8>) {
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
fn find_close(bytes: &[u8], from: usize, end: usize, quote: u8) -> Option<usize> {
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
fn run_on(
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

/// How far before a word the scan looks for where its key starts.
const KEY_REACH: usize = 256;

/// How many blanks and punctuation marks may stand between a secret's key and its value where
/// the `:` is missing or mistyped.
const GAP: usize = 4;

/// Whether a word after `before` (the text of its line before it) stands where a key does: first
/// on its line (after blanks, a list's `- ` and quotes, stray ones too), first in a flow entry (after `{` or
/// `,`), or right after another key's `:` (its line run into the one above).
fn at_key_position(before: &str) -> bool {
    // Quotes and blanks in any order: a key's quote may have blanks inside (`{"  password`).
    let before = before.trim_end_matches(['"', '\'', ' ', '\t']);
    let before = before
        .strip_suffix('-')
        .map_or(before, |b| b.trim_end_matches([' ', '\t']));
    before.trim_matches(['"', '\'', ' ', '\t']).is_empty() || before.ends_with(['{', ',', ':'])
}

/// Whether `line`, below a plain YAML value, reads as more of it (a key or token pasted over
/// several lines, whatever its indentation) rather than what comes next: a blank line, a
/// comment, a key (`name:`), a list item (`- `) or a document marker.
fn continues_plain(line: &str) -> bool {
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
fn continues_json(line: &str) -> bool {
    let text = line.trim_start_matches([' ', '\t']);
    !text.is_empty() && !text.starts_with(['"', '{', '}', '[', ']', ','])
}

/// Masks the lines from `n` on for as long as `continues` holds of their text (from the first
/// non-blank); returns the first line it does not hold of.
fn lines_that(
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
fn indented_below(
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

fn skip_blanks(bytes: &[u8], mut i: usize, end: usize) -> usize {
    while i < end && matches!(bytes[i], b' ' | b'\t') {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(source: &str, format: Format) -> String {
        let ranges = secret_ranges(
            source,
            &line_table(source),
            Some(format),
            &["signing".to_string()],
            &["url".to_string()],
        );
        source
            .char_indices()
            .map(|(i, c)| {
                if ranges.iter().any(|r| r.contains(&i)) && !matches!(c, '\n' | '\r') {
                    '*'
                } else {
                    c
                }
            })
            .collect()
    }

    #[test]
    fn broken_env_lines_are_masked() {
        assert_eq!(
            masked("JWT_SECRET=\"Zk4pQ\nPORT=1\n", Format::Env),
            "JWT_SECRET=******\n******\n"
        );
        assert_eq!(
            masked("JWT_SECRET=\"Zk4p\"x\nPORT=1\n", Format::Env),
            "JWT_SECRET=*******\nPORT=1\n"
        );
        assert_eq!(
            masked("JWT_SECRET Zk4p\n", Format::Env),
            "JWT_SECRET ****\n"
        );
        assert_eq!(
            masked("export DB_PASSWORD=abc # c\nA=b\n", Format::Env),
            "export DB_PASSWORD=*******\nA=b\n"
        );
        assert_eq!(
            masked("signing=abc\nsigning_mode=x\n", Format::Env),
            "signing=***\nsigning_mode=x\n"
        );
    }

    #[test]
    fn the_data_of_a_kubernetes_secret_is_masked_whatever_its_keys() {
        let manifest = "kind: Secret\nstringData:\n  SESSION: \"abc\n  ID: x\ndata:\n  k: YWJj\n  YWJj\nmetadata:\n  name: app\n";
        assert_eq!(
            masked(manifest, Format::Yaml),
            "kind: Secret\nstringData:\n  SESSION: ****\n  ID: *\ndata:\n  k: ****\n  ****\nmetadata:\n  name: app\n"
        );
        let config_map = "kind: ConfigMap\ndata:\n  LEVEL: info\n";
        assert_eq!(masked(config_map, Format::Yaml), config_map);
    }

    #[test]
    fn a_json_secret_broken_by_a_quote_and_a_line_break_is_masked() {
        assert_eq!(
            masked(
                "{\n  \"jwt_secret\": \"ab\"\ncd/\"\n  },\n  \"port\": 1\n}",
                Format::Json
            ),
            "{\n  \"jwt_secret\": ****\n****\n  },\n  \"port\": 1\n}"
        );
    }

    #[test]
    fn a_secret_key_whose_colon_was_left_out_is_masked() {
        assert_eq!(
            masked("auth:\n  password \"s3\"\n  port: 1\n", Format::Yaml),
            "auth:\n  password ****\n  port: 1\n"
        );
        assert_eq!(
            masked("{\"jwt_secret\" \"s3\", \"port\": 1}", Format::Json),
            "{\"jwt_secret\" ****, \"port\": 1}"
        );
        assert_eq!(
            masked("{\"password\", \"s3\"}", Format::Json),
            "{\"password\"******}"
        );
        assert_eq!(
            masked("{\"jwt_secret\\\": \"s3\"}", Format::Json),
            "{\"jwt_secret********}"
        );
        // Broken by a tab inside the key as well: `signin` (near `signing`) and the whole
        // key are both read as keys, and both values masked.
        assert_eq!(
            masked("{\"signin\tg\", \"s3\", \"port\": 1}", Format::Json),
            "{\"signin\t********, \"port\": 1}"
        );
        assert_eq!(
            masked("{signin\tg, s3, port: 1}", Format::Yaml),
            "{signin\t*****, port: 1}"
        );
        assert_eq!(
            masked("{\"password\": }\"s3\", \"port\": 1}", Format::Json),
            "{\"password\": }****, \"port\": 1}"
        );
        assert_eq!(
            masked(
                "- password s3\nnote: the password is long\n# password s3\n",
                Format::Yaml
            ),
            "- password **\nnote: the password is long\n# password s3\n"
        );
    }

    #[test]
    fn a_secret_glued_to_its_key_is_masked() {
        // The `: "` between them lost: the word after the key's quote may be the rest of a
        // key a quote broke, or the value; it is masked, and read as a key too.
        // Read as a key too, `s3cr3t` joins `password` and hides the next key: more than the
        // value, but nothing of it.
        assert_eq!(
            masked("{\"password\"s3cr3t\", \"port\": 1}", Format::Json),
            "{\"password\"***************: 1}"
        );
        assert_eq!(
            masked("{\"pass\"word\": \"s3\", \"port\": 1}", Format::Json),
            "{\"pass\"word\": ****, \"port\": 1}"
        );
        // Blanks inside the key's quotes; its opening brace and quote lost after a `:`.
        assert_eq!(
            masked("{\"  password\"s3cr3t\"}, \"port\": 1}", Format::Json),
            "{\"  password\"****************: 1}"
        );
        assert_eq!(
            masked("{\"smtp\":password\" \"s3\"}, \"port\": 1}", Format::Json),
            "{\"smtp\":password\" ****}, \"port\": 1}"
        );
        // The key's closing quote lost as well: what follows a declared name in the word,
        // wherever it stands; in an env file, a line with no `=`.
        assert_eq!(
            masked("{!\"signings3cr3t\"}", Format::Json),
            "{!\"signing******\"}"
        );
        assert_eq!(masked("SIGNINGs3cr3t\n", Format::Env), "SIGNINGs3cr3t\n");
        assert_eq!(masked("signings3cr3t\n", Format::Env), "signing******\n");
        assert_eq!(
            masked("# rotate signing_key yearly\n", Format::Yaml),
            "# rotate signing_key yearly\n"
        );
        assert_eq!(
            masked("{\"signings3cr3t\", \"port\": 1}", Format::Json),
            "{\"signing******\", \"port\": 1}"
        );
        assert_eq!(
            masked("{\"signing- \"s3\", \"port\": 1}", Format::Json),
            "{\"signing* ****, \"port\": 1}"
        );
        assert_eq!(
            masked("{\"signing_key\": 1, \"port\": 1}", Format::Json),
            "{\"signing_key\": *, \"port\": 1}"
        );
    }

    #[test]
    fn a_secret_key_followed_by_stray_text_is_masked() {
        // A character that is no part of JSON or YAML between the key and its `:`.
        assert_eq!(
            masked("{\"password\"\u{feff}: \"s3\", \"port\": 1}", Format::Json),
            "{\"password\"\u{feff}: ****, \"port\": 1}"
        );
        assert_eq!(
            masked("{\"pass\u{feff}word\": \"s3\"}", Format::Json),
            "{\"pass\u{feff}word\": ****}"
        );
        // A stray `}` in place of the value's opening quote.
        assert_eq!(
            masked("{\"password\":}s3cr3t\"}, \"port\": 1}", Format::Json),
            "{\"password\":}*******}, \"port\": 1}"
        );
        // A file cut short after a key: nothing below it.
        assert_eq!(
            masked("{\"a\": 1, password", Format::Json),
            "{\"a\": 1, password"
        );
        // JSON allows the value on the next line, and a break in place of the `:` puts it
        // there too.
        assert_eq!(
            masked("{\"password\"\ns3cr3t\"}, \"port\": 1}", Format::Json),
            "{\"password\"\n*******}, \"port\": 1}"
        );
        assert_eq!(
            masked("{\"password\":\n  \"s3\",\n \"port\": 1}", Format::Json),
            "{\"password\":\n  ****,\n \"port\": 1}"
        );
        assert_eq!(
            masked("{\"password\": \ns3cr3t\"},\n \"port\": 1}", Format::Json),
            "{\"password\": \n*******},\n \"port\": 1}"
        );
    }

    #[test]
    fn a_url_password_broken_onto_the_next_line_is_masked() {
        // Its `:` mistyped: the user name with it. A user name alone is shown.
        assert_eq!(
            masked("url: postgres://app#s3cr3t@db/app\n", Format::Yaml),
            "url: postgres://**********@db/app\n"
        );
        assert_eq!(
            masked("url: postgres://app@db/app\n", Format::Yaml),
            "url: postgres://app@db/app\n"
        );
        assert_eq!(masked("url: a@b//c\n", Format::Yaml), "url: a@b//c\n");
        // Its scheme and user name lost: all before the `@`.
        assert_eq!(
            masked("url: post!s3cr3t@db/app\n", Format::Yaml),
            "url: ***********@db/app\n"
        );
        assert_eq!(
            masked(
                "{\"url\": \"postgres://app:\ns3cr3t@db/app\"}",
                Format::Json
            ),
            "{\"url\": \"postgres://app:\n******@db/app\"}"
        );
        assert_eq!(
            masked(
                "url: postgres://app:s3cr3t@db/app\nnext: a@b\n",
                Format::Yaml
            ),
            "url: postgres://app:******@db/app\nnext: a@b\n"
        );
    }

    #[test]
    fn a_secret_pasted_over_lines_is_masked_to_the_next_setting() {
        assert_eq!(
            masked(
                "JWT_SECRET=-----BEGIN\nMIIE+ab\nHb6J==\n-----END\nPORT=1\nX\n",
                Format::Env
            ),
            "JWT_SECRET=**********\n*******\n******\n********\nPORT=1\nX\n"
        );
        assert_eq!(
            masked("JWT_SECRET=\nMIIE\n\nX\n", Format::Env),
            "JWT_SECRET=\n****\n\nX\n"
        );
        assert_eq!(
            masked("PUBLIC=-----BEGIN\nMIIE\n", Format::Env),
            "PUBLIC=-----BEGIN\nMIIE\n"
        );
        assert_eq!(
            masked("auth:\n  jwt_secret: -----BEGIN\nMIIE+ab\n    Hb6J==\n-----END\nserver:\n  port: 1\n", Format::Yaml),
            "auth:\n  jwt_secret: **********\n*******\n    ******\n********\nserver:\n  port: 1\n"
        );
        assert_eq!(
            masked(
                "auth:\n  jwt_secret: x\n  # MIIE\n  - MIIE\n  name: MIIE\n---\nMIIE\n",
                Format::Yaml
            ),
            "auth:\n  jwt_secret: *\n  # MIIE\n  - MIIE\n  name: MIIE\n---\nMIIE\n"
        );
        assert_eq!(
            masked("auth:\n  jwt_secret: \"x\"\nMIIE\n", Format::Yaml),
            "auth:\n  jwt_secret: ***\nMIIE\n"
        );
    }

    #[test]
    fn yaml_keys_in_block_and_flow_text_are_masked() {
        assert_eq!(
            masked("auth:\n  jwt_secret: \"Zk4p\n  port: 1\n", Format::Yaml),
            "auth:\n  jwt_secret: *****\n*********\n"
        );
        assert_eq!(
            masked(
                "auth: {jwt_secret: AAAA, jwt_secret: BBBB, port: 1}\n",
                Format::Yaml
            ),
            "auth: {jwt_secret: ****, jwt_secret: ****, port: 1}\n"
        );
        assert_eq!(
            masked("\tjwt_secret: Zk4p\n", Format::Yaml),
            "\tjwt_secret: ****\n"
        );
        assert_eq!(
            masked("key: |\n  line1\n  line2\nport: 1\n", Format::Yaml),
            "key: *\n  *****\n  *****\nport: 1\n"
        );
        assert_eq!(
            masked("base: &k Zk4p\njwt_secret: *k\n", Format::Yaml),
            "base: &k ****\njwt_secret: **\n"
        );
        assert_eq!(
            masked("- password: x y\n- name: z\n", Format::Yaml),
            "- password: ***\n- name: z\n"
        );
    }

    #[test]
    fn json_values_end_at_their_quote() {
        assert_eq!(
            masked(
                "{\"auth\":{\"jwt_secret\":\"A,}B\",\"port\":80},\"token\":\"x\"}",
                Format::Json
            ),
            "{\"auth\":{\"jwt_secret\":******,\"port\":80},\"token\":***}"
        );
        assert_eq!(
            masked("{\"jwt_secret\": \"Zk\t4p\",}\n", Format::Json),
            "{\"jwt_secret\": *******,}\n"
        );
    }

    #[test]
    fn passwords_of_credential_urls_are_masked_even_when_the_url_is_broken() {
        assert_eq!(
            masked("url: postgres://app:\tpw@db/app\n", Format::Yaml),
            "url: postgres://app:***@db/app\n"
        );
        assert_eq!(
            masked("url: \"postgres:\"//app:p@w@db\n", Format::Yaml),
            "url: \"postgres:\"//app:***@db\n"
        );
        assert_eq!(
            masked("url=redis://:pw@cache\n", Format::Env),
            "url=redis://:**@cache\n"
        );
        assert_eq!(
            masked("url: https://app.acme.io/x\n", Format::Yaml),
            "url: https://app.acme.io/x\n"
        );
    }

    #[test]
    fn lone_carriage_returns_break_lines() {
        assert_eq!(
            masked("A=1\rJWT_SECRET=Zk4p\rB=2", Format::Env),
            "A=1\rJWT_SECRET=****\rB=2"
        );
    }
}
