//! The human renderer: `file:line:col: severity[code] message`, the source line with the span
//! underlined, and `help:`, in the manner of rustc and ruff.
//!
//! Source lines are printed with every secret masked: the values the report marks as secret
//! ([`Report::secret_spans`]) and the password of every `scheme://user:password@` URL become
//! `*`, one per character, so underlines stay aligned.

use std::fmt::Write;

use crate::diagnostic::{CodeInfo, Diagnostic, Level, Severity};
use crate::report::Report;
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
    let lines: Vec<&str> = crate::span::lines(source).collect();
    // The tree's secret spans, and what the text scan finds (a line that did not parse).
    let (format, declared, urls) = report.masking();
    let index = crate::span::LineIndex::new(source);
    let mut secrets: Vec<Span> = report.secret_spans().to_vec();
    secrets.extend(
        super::masking::secret_ranges(source, format, declared, urls)
            .into_iter()
            .map(|r| index.span(r.start, r.end)),
    );
    let frame = Frame {
        lines: &lines,
        secrets: &secrets,
        style,
    };
    for d in report {
        diagnostic(out, file, &frame, d);
    }
    let summary = match (report.errors, report.warnings) {
        (0, 0) => format!("{file}: no problems found ({} profile)", report.profile),
        (e, w) => format!(
            "{file}: {} and {} ({} profile)",
            count(e, "error"),
            count(w, "warning"),
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
    lines: &'a [&'a str],
    secrets: &'a [Span],
    style: &'a Style,
}

fn diagnostic(out: &mut String, file: &str, frame: &Frame<'_>, d: &Diagnostic) {
    let style = frame.style;
    let severity = match d.severity {
        Severity::Error => style.paint("1;31", "error"),
        Severity::Warning => style.paint("1;33", "warning"),
    };
    let place = match d.span {
        Some(s) => format!("{file}:{}:{}", s.start.line, s.start.column),
        None if d.pointer.is_empty() => file.to_string(),
        None => format!("{file} ({})", d.pointer),
    };
    let _ = writeln!(out, "{place}: {severity}[{}] {}", d.code, d.message);
    if let Some(span) = d.span {
        if let Some(line) = frame.lines.get(span.start.line.wrapping_sub(1)) {
            let number = span.start.line.to_string();
            let gutter = " ".repeat(number.len());
            let start = span.start.column.saturating_sub(1);
            let line_chars = line.chars().count();
            let end = if span.end.line == span.start.line {
                span.end.column.saturating_sub(1)
            } else {
                line_chars
            };
            let width = end.saturating_sub(start).max(1);
            let pad: String = line
                .chars()
                .take(start)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let bar = style.paint("1;34", "|");
            let _ = writeln!(out, "{gutter} {bar}");
            let shown = mask_url_passwords(&mask_spans(line, span.start.line, frame.secrets));
            let _ = writeln!(out, "{} {bar} {shown}", style.paint("1;34", &number));
            let marker = match d.severity {
                Severity::Error => style.paint("1;31", &"^".repeat(width)),
                Severity::Warning => style.paint("1;33", &"^".repeat(width)),
            };
            let _ = writeln!(out, "{gutter} {bar} {pad}{marker}");
        }
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "  = {} {help}", style.paint("1", "help:"));
    }
    out.push('\n');
}

/// Replaces the characters of line `number` that lie inside a secret span with `*`.
fn mask_spans(line: &str, number: usize, secrets: &[Span]) -> String {
    let ranges: Vec<(usize, usize)> = secrets
        .iter()
        .filter(|s| s.start.line <= number && number <= s.end.line)
        .map(|s| {
            let from = if s.start.line == number {
                s.start.column.saturating_sub(1)
            } else {
                0
            };
            let to = if s.end.line == number {
                s.end.column.saturating_sub(1)
            } else {
                usize::MAX
            };
            (from, to)
        })
        .collect();
    if ranges.is_empty() {
        return line.to_string();
    }
    line.chars()
        .enumerate()
        .map(|(i, c)| {
            if ranges.iter().any(|(from, to)| (*from..*to).contains(&i)) {
                '*'
            } else {
                c
            }
        })
        .collect()
}

/// Replaces the password of every `scheme://user:password@host` in a source line with `*`,
/// one per character, so the code frame never shows it and underlines stay aligned.
///
/// Works from each `@` back to the `user:` before it, within one run of text (no blanks), so
/// it holds when the URL is broken: a raw `@` or `/` in the password, a stray quote inside
/// `://` or after `user:`.
fn mask_url_passwords(line: &str) -> String {
    let bytes = line.as_bytes();
    let mut masked = vec![false; bytes.len()];
    for (at, _) in line.match_indices('@') {
        let start = line[..at]
            .rfind([' ', '\t', ',', '{', '[', '=', '<', '('])
            .map_or(0, |i| i + 1);
        let run = &line[start..at];
        let after_slashes = run.rfind("//").map_or(0, |i| i + 2);
        let userinfo = &run[after_slashes..];
        let Some(colon) = userinfo.find(':') else {
            continue;
        };
        let from = start + after_slashes + colon + 1;
        for flag in &mut masked[from..at] {
            *flag = true;
        }
    }
    if !masked.contains(&true) {
        return line.to_string();
    }
    line.char_indices()
        .map(|(i, c)| if masked[i] { '*' } else { c })
        .collect()
}

/// `preflight explain CODE`.
pub fn explain(info: &CodeInfo) -> String {
    let level = |l: Level| match l {
        Level::Off => "not reported",
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
    let _ = writeln!(
        out,
        "Example ({} file, {} profile), checked by the schema:",
        ex.format, ex.profile
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
    use super::{mask_spans, mask_url_passwords};
    use crate::span::{Position, Span};

    fn at(line: usize, column: usize) -> Position {
        Position {
            offset: 0,
            line,
            column,
            utf16_column: column,
        }
    }

    #[test]
    fn secret_spans_are_masked_on_every_line_they_cover() {
        let one_line = Span {
            start: at(2, 9),
            end: at(2, 13),
        };
        assert_eq!(
            mask_spans("secret: k3Jx # x", 2, &[one_line]),
            "secret: **** # x"
        );
        assert_eq!(mask_spans("secret: k3Jx", 1, &[one_line]), "secret: k3Jx");
        let block = Span {
            start: at(1, 6),
            end: at(3, 3),
        };
        assert_eq!(mask_spans("key: |", 1, &[block]), "key: *");
        assert_eq!(mask_spans("  abcdef", 2, &[block]), "********");
        assert_eq!(mask_spans("  ab", 3, &[block]), "**ab");
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
            ("no url here", "no url here"),
        ] {
            let masked = mask_url_passwords(line);
            assert_eq!(masked, want);
            assert_eq!(masked.chars().count(), line.chars().count());
        }
    }
}
