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

use crate::document::is_secret_like_key;
use crate::input::Format;

/// Byte ranges of `source` that hold secret values, by the scan above. `declared` names keys
/// the schema declares as secrets (their last pointer token, or their env names).
pub(crate) fn secret_ranges(
    source: &str,
    format: Option<Format>,
    declared: &[String],
) -> Vec<Range<usize>> {
    let is_secret = |key: &str| is_secret_like_key(key) || declared.iter().any(|d| d == key);
    let lines = line_table(source);
    let mut out = Vec::new();
    match format {
        Some(Format::Env) => env_lines(source, &lines, &is_secret, &mut out),
        Some(Format::Yaml) => keyed_lines(source, &lines, false, &is_secret, &mut out),
        Some(Format::Json) => keyed_lines(source, &lines, true, &is_secret, &mut out),
        None => {}
    }
    out
}

/// Each line's byte range, without its break.
fn line_table(source: &str) -> Vec<Range<usize>> {
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
    is_secret: &dyn Fn(&str) -> bool,
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
        if key.is_empty() || !is_secret(key) {
            n += 1;
            continue;
        }
        i = skip_blanks(bytes, i, line.end);
        if matches!(bytes.get(i), Some(b'=' | b':')) && i < line.end {
            i = skip_blanks(bytes, i + 1, line.end);
        }
        if i < line.end {
            out.push(i..line.end);
        }
        // A quote that does not close on its line runs on (dotenv reads multi-line values).
        n = match bytes.get(i) {
            Some(&q @ (b'"' | b'\'')) if i < line.end && !closes(bytes, i + 1, line.end, q) => {
                run_on(source, lines, n + 1, q, out)
            }
            _ => n + 1,
        };
    }
}

/// YAML and JSON lines: every key on the line (block or flow), and after a secret one its
/// value; `flow` for JSON, where every value ends at its quote or at `,` `}` `]`.
fn keyed_lines(
    source: &str,
    lines: &[Range<usize>],
    json: bool,
    is_secret: &dyn Fn(&str) -> bool,
    out: &mut Vec<Range<usize>>,
) {
    let bytes = source.as_bytes();
    let mut aliases: Vec<&str> = Vec::new();
    let mut n = 0;
    while n < lines.len() {
        let line = lines[n].clone();
        let indent = skip_blanks(bytes, line.start, line.end) - line.start;
        let mut flow = json;
        let mut i = line.start;
        let mut next_line = n + 1;
        while i < line.end {
            i = skip_blanks(bytes, i, line.end);
            let Some(&b) = bytes.get(i).filter(|_| i < line.end) else {
                break;
            };
            match b {
                b'#' if !json => break,
                b'{' | b'[' | b',' => {
                    flow |= b != b',';
                    i += 1;
                    continue;
                }
                b'}' | b']' => {
                    i += 1;
                    continue;
                }
                b'-' if !flow && matches!(bytes.get(i + 1), None | Some(b' ' | b'\t')) => {
                    i += 1;
                    continue;
                }
                _ => {}
            }
            let (token, after) = read_token(source, i, line.end, flow);
            let colon = skip_blanks(bytes, after, line.end);
            if bytes.get(colon) != Some(&b':') || colon >= line.end {
                i = after.max(i + 1);
                continue;
            }
            let value = skip_blanks(bytes, colon + 1, line.end);
            if !is_secret(token) {
                i = colon + 1;
                continue;
            }
            let (end, run_on_quote) = value_end(bytes, value, line.end, flow);
            if value < end {
                out.push(value..end);
            }
            if let Some(alias) = source[value..end].strip_prefix('*') {
                aliases.push(alias.trim_end_matches([',', '}', ']', ' ']));
            }
            if let Some(q) = run_on_quote {
                next_line = run_on(source, lines, n + 1, q, out);
                break;
            }
            if !flow {
                let rest = source[value..line.end].trim_start_matches(['&', '!']);
                if rest.starts_with(['|', '>']) || value >= line.end {
                    // A block scalar (or a value on the next lines): every line indented more.
                    next_line = indented_below(source, lines, n + 1, indent, out);
                }
                break;
            }
            i = end.max(colon + 1);
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
            let line_end = lines
                .iter()
                .find(|l| l.start <= at && at <= l.end)
                .map_or(source.len(), |l| l.end);
            let value = skip_blanks(bytes, end_of_anchor, line_end);
            let flow = source[..at].rfind(['\n', '\r']).map_or(0, |s| s + 1) < at
                && source[..at]
                    .rsplit(['\n', '\r'])
                    .next()
                    .is_some_and(|l| l.contains(['{', '[']));
            let (end, _) = value_end(bytes, value, line_end, flow);
            if value < end {
                out.push(value..end);
            }
        }
    }
}

/// A key or value token from `i`: a quoted string (to its closing quote) or plain text up to
/// a `:` that ends a key, a flow indicator in flow text, or a comment.
fn read_token(source: &str, i: usize, end: usize, flow: bool) -> (&str, usize) {
    let bytes = source.as_bytes();
    if let Some(&q @ (b'"' | b'\'')) = bytes.get(i) {
        let close = find_close(bytes, i + 1, end, q).unwrap_or(end);
        return (&source[i + 1..close], (close + 1).min(end));
    }
    let mut j = i;
    while j < end {
        let b = bytes[j];
        let next_blank =
            matches!(bytes.get(j + 1), None | Some(b' ' | b'\t' | b'\r' | b'\n')) || j + 1 >= end;
        if (b == b':' && (next_blank || flow))
            || (flow && matches!(b, b',' | b'{' | b'}' | b'[' | b']'))
            || (b == b'#' && j > i && matches!(bytes[j - 1], b' ' | b'\t'))
        {
            break;
        }
        j += 1;
    }
    (source[i..j].trim_end(), j)
}

/// Where a value starting at `i` ends on its line, and the quote it leaves open, if any.
fn value_end(bytes: &[u8], i: usize, end: usize, flow: bool) -> (usize, Option<u8>) {
    match bytes.get(i) {
        Some(&q @ (b'"' | b'\'')) if i < end => match find_close(bytes, i + 1, end, q) {
            Some(close) if flow => (close + 1, None),
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

fn closes(bytes: &[u8], from: usize, end: usize, quote: u8) -> bool {
    find_close(bytes, from, end, quote).is_some()
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
        let ranges = secret_ranges(source, Some(format), &["signing".to_string()]);
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
    fn lone_carriage_returns_break_lines() {
        assert_eq!(
            masked("A=1\rJWT_SECRET=Zk4p\rB=2", Format::Env),
            "A=1\rJWT_SECRET=****\rB=2"
        );
    }
}
