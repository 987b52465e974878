//! The human renderer: `file:line:col: severity[code] message`, the source line with the span
//! underlined, and `help:`, in the manner of rustc and ruff.
//!
//! Source lines are printed with every secret masked: the values the report marks as secret
//! ([`Report::secret_spans`]) and the password of every `scheme://user:password@` URL become
//! `*`, one per character, so underlines stay aligned.

use std::collections::HashMap;
use std::fmt::Write;
use std::ops::Range;

use crate::diagnostic::{CodeInfo, Diagnostic, Level, Severity};
use crate::report::Report;
use crate::shown::{escape_unseen, frame_char};
use crate::span::Span;

/// How to render: with ANSI colors or plain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// Renders a report on `source` (the text that was checked), naming it `file`.
pub fn write_report(out: &mut String, file: &str, source: &str, report: &Report, style: &Style) {
    let lines = super::masking::line_table(source);
    // The tree's secret spans and what the text scan finds (a line that did not parse), as
    // byte ranges of each line they touch: a frame looks up only its own line's.
    let (format, keys) = report.masking();
    let ranges =
        report
            .secret_spans()
            .iter()
            .map(Span::range)
            .chain(super::masking::secret_ranges(
                source,
                &lines,
                format,
                &keys.secrets,
                &keys.urls,
            ));
    let mut secrets: HashMap<usize, Vec<Range<usize>>> = HashMap::new();
    for range in ranges {
        let first = lines.partition_point(|l| l.start <= range.start);
        let last = lines.partition_point(|l| l.start < range.end.max(range.start + 1));
        for line in first..=last.max(first) {
            secrets.entry(line).or_default().push(range.clone());
        }
    }
    // On every line, found on the whole line (a long line is shown as a window, which may
    // hold a password without the `@` that ends it): the password of every URL, and what looks
    // like a generated credential wherever it stands: under a key that does not name a secret
    // (`github: ghp_…`), as a URL's user (`https://TOKEN@host`), or where a file that does not
    // parse lost the key or the `:` that said it is one.
    for (n, line) in lines.iter().enumerate() {
        let text = &source[line.clone()];
        let mut found = url_passwords(text)
            .into_iter()
            .chain(crate::secret_names::generated_words(text))
            .map(|r| line.start + r.start..line.start + r.end)
            .peekable();
        if found.peek().is_some() {
            secrets.entry(n + 1).or_default().extend(found);
        }
    }
    let frame = Frame {
        source,
        lines: &lines,
        secrets: &secrets,
        style,
    };
    for d in report {
        diagnostic(out, file, &frame, d);
    }
    let summary = match (report.errors, report.warnings, report.infos) {
        (0, 0, 0) => format!("{file}: no problems found ({} profile)", report.profile),
        (e, w, 0) => format!(
            "{file}: {} and {} ({} profile)",
            count(e, "error"),
            count(w, "warning"),
            report.profile
        ),
        (e, w, i) => format!(
            "{file}: {}, {} and {} ({} profile)",
            count(e, "error"),
            count(w, "warning"),
            count(i, "info"),
            report.profile
        ),
    };
    let _ = writeln!(out, "{}", style.paint("1", &summary));
}

fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// What a code frame is drawn from.
struct Frame<'a> {
    source: &'a str,
    /// Each line's byte range, without its break.
    lines: &'a [Range<usize>],
    /// Secret byte ranges by 1-based line.
    secrets: &'a HashMap<usize, Vec<Range<usize>>>,
    style: &'a Style,
}

/// Lines longer than this are shown as a window around the span (a minified file is one
/// line: printing it whole for each finding would be quadratic).
const WIDEST_LINE: usize = 240;
/// Bytes of context on each side of the span in such a window.
const CONTEXT: usize = 80;

fn diagnostic(out: &mut String, file: &str, frame: &Frame<'_>, d: &Diagnostic) {
    let style = frame.style;
    let severity = match d.severity {
        Severity::Error => style.paint("1;31", "error"),
        Severity::Warning => style.paint("1;33", "warning"),
        Severity::Info => style.paint("1;36", "info"),
    };
    let place = match d.span {
        Some(s) => format!("{file}:{}:{}", s.start.line, s.start.column),
        None if d.pointer.is_empty() => file.to_string(),
        None => format!("{file} ({})", escape_unseen(&d.pointer)),
    };
    let _ = writeln!(out, "{place}: {severity}[{}] {}", d.code, d.message);
    if let Some(span) = d.span {
        let index = span.start.line.wrapping_sub(1);
        if let Some(line) = frame.lines.get(index) {
            let source = frame.source;
            let (line_start, line_end) = (line.start, line.end);
            let start = floor_boundary(source, span.start.offset.clamp(line_start, line_end));
            let end = if span.end.line == span.start.line {
                floor_boundary(source, span.end.offset.clamp(start, line_end))
            } else {
                line_end
            };
            let (lo, hi) = if line.len() <= WIDEST_LINE {
                (line_start, line_end)
            } else {
                let lo = floor_boundary(source, start.saturating_sub(CONTEXT).max(line_start));
                let hi = (end.max(start) + CONTEXT)
                    .min(lo + WIDEST_LINE)
                    .min(line_end);
                (lo, ceil_boundary(source, hi.max(start)))
            };
            let (before, after) = (
                if lo > line_start { "…" } else { "" },
                if hi < line_end { "…" } else { "" },
            );
            let number = span.start.line.to_string();
            let gutter = " ".repeat(number.len());
            let width = source[start..end.clamp(start, hi)].chars().count().max(1);
            let pad: String = before
                .chars()
                .map(|_| ' ')
                .chain(
                    source[lo..start]
                        .chars()
                        .map(|c| if c == '\t' { '\t' } else { ' ' }),
                )
                .collect();
            let bar = style.paint("1;34", "|");
            let _ = writeln!(out, "{gutter} {bar}");
            let secrets = frame
                .secrets
                .get(&span.start.line)
                .map_or(&[][..], Vec::as_slice);
            let shown = mask_ranges(&source[lo..hi], lo, secrets);
            let _ = writeln!(
                out,
                "{} {bar} {before}{shown}{after}",
                style.paint("1;34", &number)
            );
            let marker = match d.severity {
                Severity::Error => style.paint("1;31", &"^".repeat(width)),
                Severity::Warning => style.paint("1;33", &"^".repeat(width)),
                Severity::Info => style.paint("1;36", &"^".repeat(width)),
            };
            let _ = writeln!(out, "{gutter} {bar} {pad}{marker}");
        }
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "  = {} {help}", style.paint("1", "help:"));
    }
    if let Some(note) = &d.note {
        let _ = writeln!(out, "  = {} {note}", style.paint("1", "note:"));
    }
    out.push('\n');
}

/// Replaces the characters of `text` (which starts at byte `base` of the source) that lie
/// inside a secret range with `*`, one per character, so underlines stay aligned, and prints
/// the others as [`frame_char`] does (controls as pictures, format characters as `�`).
fn mask_ranges(text: &str, base: usize, secrets: &[Range<usize>]) -> String {
    // The ranges this window touches, once: a minified line may hold thousands, and each of
    // its findings shows a window of it.
    let end = base + text.len();
    let mut near = secrets.to_vec();
    near.retain(|r| r.start < end && r.end > base);
    text.char_indices()
        .map(|(i, c)| {
            if near.iter().any(|r| r.contains(&(base + i))) {
                '*'
            } else {
                frame_char(c)
            }
        })
        .collect()
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The byte ranges of the passwords of every `scheme://user:password@host` in a source line
/// (masked like the report's secrets, so the code frame never shows them).
///
/// Works from each `@` back to the `user:` before it, within one run of text (no blanks), so
/// it holds when the URL is broken: a raw `@`, `/`, `[` or `=` in the password, a stray quote
/// inside `://` or after `user:`. A URL with no `@` (`redis://:s3cret`, its host left out)
/// has its text after a `:` masked unless that is a port.
fn url_passwords(line: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if !line.contains(':') {
        return out;
    }
    // One pass, so a long line of many `@` costs its length: where the userinfo before an `@`
    // starts, and the first `:` after each such start, are kept as the scan goes.
    let bytes = line.as_bytes();
    // After the first `://` of the run of text (no blanks), and after the last `//` since the
    // last blank or flow punctuation (`[redis:…`); the first `:` after each of those, and
    // after that blank or punctuation itself.
    let (mut scheme, mut slashes) = (None, None);
    let (mut colon_scheme, mut colon_flow, mut colon_slashes) = (None, None, None);
    // The `:` after `scheme://user` when a blank came after it: blanks typed inside a password
    // (`postgres://u:pa  ss@db`) leave the rest of it, up to an `@` further on, to mask.
    let mut colon_before_blank = None;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b' ' | b'\t' | b',' | b'{' | b'[' | b'=' | b'<' | b'(' => {
                if matches!(b, b' ' | b'\t') {
                    // Only a `:` of the authority: one in the path (`https://h/a:b`) is not.
                    if let (Some(from), Some(colon)) = (scheme, colon_scheme) {
                        if !bytes[from..colon].contains(&b'/') {
                            colon_before_blank = Some(colon);
                        }
                    }
                    (scheme, colon_scheme) = (None, None);
                }
                (colon_flow, slashes, colon_slashes) = (None, None, None);
            }
            b'/' if i > 0 && bytes[i - 1] == b'/' => {
                if scheme.is_none() && i >= 2 && bytes[i - 2] == b':' {
                    (scheme, colon_scheme) = (Some(i + 1), None);
                }
                (slashes, colon_slashes) = (Some(i + 1), None);
            }
            b':' => {
                colon_flow = colon_flow.or(Some(i));
                colon_slashes = colon_slashes.or(slashes.map(|_| i));
                colon_scheme = colon_scheme.or(scheme.map(|_| i));
            }
            b'@' => {
                // After the scheme the userinfo runs to the `@`, whatever the password holds.
                let colon = match (scheme, slashes) {
                    (Some(_), _) => colon_scheme,
                    (None, Some(_)) => colon_slashes,
                    (None, None) => colon_flow,
                };
                if let Some(colon) = colon.or(colon_before_blank.take()) {
                    out.push(colon + 1..i);
                }
            }
            _ => {}
        }
    }
    for (scheme_end, _) in line.match_indices("://") {
        let from = scheme_end + 3;
        // A quote ends the authority only where it closes the value: one typed inside the
        // password leaves the rest of it to mask.
        let authority_end = line[from..]
            .match_indices(['/', '?', '#', ' ', '\t', '"', '\'', ',', '}', ']'])
            .map(|(i, _)| from + i)
            .find(|&i| {
                !matches!(line.as_bytes()[i], b'"' | b'\'')
                    || super::masking::quote_closes(line.as_bytes(), i)
            })
            .unwrap_or(line.len());
        let authority = &line[from..authority_end];
        if authority.contains('@') || authority.starts_with('[') {
            continue;
        }
        // No `@`: after the first `:` a port (digits), or a password whose `@host` was lost
        // or cut off (`u:s3cret`, `u:s3cret` run into more text with a `:` of its own).
        if let Some(colon) = authority.find(':') {
            let after = &authority[colon + 1..];
            if !after.is_empty() && !after.bytes().all(|b| b.is_ascii_digit()) {
                out.push(from + colon + 1..authority_end);
            }
        }
    }
    out
}

/// `preflight explain CODE`.
pub fn explain(info: &CodeInfo) -> String {
    let level = |l: Level| match l {
        Level::Off => "not reported",
        Level::Info => "info",
        Level::Warning => "warning",
        Level::Error => "error",
    };
    let ex = &info.example;
    let indent = |t: &str| t.lines().map(|l| format!("    {l}\n")).collect::<String>();
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}\n", info.code, info.summary);
    let _ = writeln!(
        out,
        "production: {}; development: {}\n",
        level(info.production),
        level(info.development)
    );
    if let Some(flag) = crate::relaxed_by(info.code) {
        let _ = writeln!(out, "Turned off by `{flag}`.\n");
    }
    let _ = writeln!(out, "{}\n", wrap(info.explanation, 92));
    let read_as = match ex.adapter {
        Some(crate::diagnostic::Adapter::Compose) => {
            "a compose file, its service `app` checked".to_string()
        }
        Some(crate::diagnostic::Adapter::Kubernetes) => {
            "a Kubernetes manifest, its object `app` checked".to_string()
        }
        None => format!("{} file", ex.format),
    };
    let _ = writeln!(
        out,
        "Example ({read_as}, {} profile), checked by the schema:",
        ex.profile
    );
    out.push_str(&indent(&ex.schema_text()));
    let _ = writeln!(out, "\nFails:");
    out.push_str(&indent(ex.bad));
    let _ = writeln!(out, "\nPasses:");
    out.push_str(&indent(ex.good));
    out
}

fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line_len = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if line_len > 0 && line_len + 1 + len > width {
            out.push('\n');
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{mask_ranges, url_passwords, Style};

    #[test]
    fn secret_ranges_are_masked_by_byte_offset() {
        assert_eq!(
            mask_ranges("secret: k3Jx # x", 10, &[18..22, 40..41]),
            "secret: **** # x"
        );
        assert_eq!(
            mask_ranges("secret: k3Jx", 0, &[30..40, 50..51]),
            "secret: k3Jx"
        );
        assert_eq!(mask_ranges("pé: ab", 0, &[5..7, 0..0]), "pé: **");
    }

    #[test]
    fn long_lines_show_a_window_around_the_span() {
        let text = format!(
            "{{\"a\": \"{}\", \"port\": 99999, \"b\": \"{}\"}}",
            "x".repeat(5000),
            "y".repeat(5000)
        );
        let schema = crate::Schema::from_yaml(
            "schema: t\nunknown_fields: ignore\nfields:\n  /port: { kind: port }\n",
        )
        .unwrap();
        let report = crate::check(
            &schema,
            crate::Source::json(&text),
            &crate::Options::production(),
        );
        let out = crate::render::human("f.json", &text, &report, Style::default());
        let frame: Vec<&str> = out.lines().filter(|l| l.starts_with("1 |")).collect();
        assert_eq!(frame.len(), 1, "{out}");
        assert!(frame[0].len() < 300, "{}", frame[0].len());
        assert!(
            frame[0].contains("…") && frame[0].contains("\"port\": 99999"),
            "{}",
            frame[0]
        );
        let under = out.lines().find(|l| l.contains('^')).unwrap();
        let col = |l: &str, pat: &str| l.find(pat).map(|b| l[..b].chars().count());
        assert_eq!(col(under, "^"), col(frame[0], "99999"), "{out}");
    }

    #[test]
    fn url_passwords_are_masked_and_columns_kept() {
        for (line, want) in [
            (
                "URL=postgres://app:s3cret@db/app",
                "URL=postgres://app:******@db/app",
            ),
            (
                "a: [\"redis://:pw@r:6379\", \"https://x.io\"]",
                "a: [\"redis://:**@r:6379\", \"https://x.io\"]",
            ),
            ("url: https://user@host/x", "url: https://user@host/x"),
            (
                "API_URL=https://app:pa[s=s,{x@db/app",
                "API_URL=https://app:*********@db/app",
            ),
            ("to: x,y:z@h", "to: x,y:*@h"),
            // Blanks typed inside the password.
            (
                "URL=postgres://u:s3c  ret@db/x",
                "URL=postgres://u:********@db/x",
            ),
            ("a: redis://u:p w x@h b@c", "a: redis://u:*****@h b@c"),
            // A `:` in a URL's path is no password's, whatever follows.
            (
                "# see https://h.io/a:b or mail ops@h.io",
                "# see https://h.io/a:b or mail ops@h.io",
            ),
            ("REDIS_URL=redis://:s3cret/0", "REDIS_URL=redis://:******/0"),
            // Cut short, with a quote typed inside the password after a digit.
            (
                "DB_URL=postgres://app:3'_E5M4",
                "DB_URL=postgres://app:*******",
            ),
            ("url: 'postgres://db:5432'", "url: 'postgres://db:5432'"),
            (
                "URL=postgres://u:s3cr3thttps://x.io/",
                "URL=postgres://u:************//x.io/",
            ),
            (
                "u: redis://cache:6379/0 [::1]",
                "u: redis://cache:6379/0 [::1]",
            ),
            ("u: http://[::1]:80/", "u: http://[::1]:80/"),
            ("no url here", "no url here"),
        ] {
            let masked = mask_ranges(line, 0, &url_passwords(line));
            assert_eq!(masked, want);
            assert_eq!(masked.chars().count(), line.chars().count());
        }
    }
}
