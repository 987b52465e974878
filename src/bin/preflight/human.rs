//! The human renderer: `file:line:col: severity[code] message`, the source line with the span
//! underlined, and `help:`, in the manner of rustc and ruff.

use std::fmt::Write;

use preflight::{CodeInfo, Diagnostic, Level, Report, Severity};

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

pub fn report(out: &mut String, file: &str, source: &str, report: &Report, style: &Style) {
    let lines: Vec<&str> = source
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    for d in report {
        diagnostic(out, file, &lines, d, style);
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

fn diagnostic(out: &mut String, file: &str, lines: &[&str], d: &Diagnostic, style: &Style) {
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
        if let Some(line) = lines.get(span.start.line - 1) {
            let number = span.start.line.to_string();
            let gutter = " ".repeat(number.len());
            let start = span.start.column - 1;
            let line_chars = line.chars().count();
            let end = if span.end.line == span.start.line {
                span.end.column - 1
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
            let shown = mask_url_passwords(line);
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

/// Replaces the password of every `scheme://user:password@host` in a source line with `*`,
/// one per character, so the code frame never shows it and underlines stay aligned.
fn mask_url_passwords(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find("://") {
        let (before, after) = rest.split_at(at + 3);
        out.push_str(before);
        let end = after
            .find(['/', '?', '#', '"', '\'', ' ', '\t', ',', ']'])
            .unwrap_or(after.len());
        let authority = &after[..end];
        match authority
            .rfind('@')
            .and_then(|a| authority[..a].find(':').map(|c| (c, a)))
        {
            Some((colon, at_sign)) => {
                out.push_str(&authority[..=colon]);
                out.extend(authority[colon + 1..at_sign].chars().map(|_| '*'));
                out.push_str(&authority[at_sign..]);
            }
            None => out.push_str(authority),
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
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
    use super::mask_url_passwords;

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
