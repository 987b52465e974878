//! GitHub Actions workflow commands: one `::error` or `::warning` line per diagnostic, which
//! the runner shows as an annotation at the file, line and column. Messages and help never hold
//! a secret (the report's own guarantee), so nothing needs masking here.

use crate::diagnostic::Severity;
use crate::report::Report;
use crate::shown::escape_unseen;

/// One annotation line per diagnostic of the report on `file`.
pub fn github(file: &str, report: &Report) -> String {
    let mut out = String::new();
    for d in report {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        out.push_str("::");
        out.push_str(command);
        out.push_str(" file=");
        out.push_str(&property(file));
        if let Some(span) = d.span {
            out.push_str(&format!(
                ",line={},col={},endLine={},endColumn={}",
                span.start.line, span.start.column, span.end.line, span.end.column
            ));
        }
        out.push_str(",title=");
        out.push_str(&property(&format!("preflight {}", d.code)));
        out.push_str("::");
        let pointer = escape_unseen(&d.pointer);
        let at = if pointer.is_empty() {
            "the document"
        } else {
            &pointer
        };
        let mut text = format!("{} ({at})", d.message);
        if let Some(help) = &d.help {
            text.push_str("\nhelp: ");
            text.push_str(help);
        }
        out.push_str(&data(&text));
        out.push('\n');
    }
    out
}

/// Escapes a command's message (`%`, CR, LF), as the runner's toolkit does.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: the message escapes plus `:` and `,`.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{check, Options, Schema, Source};

    #[test]
    fn one_annotation_per_diagnostic_with_escapes() {
        let schema =
            Schema::from_yaml("schema: t\nformat: env\nfields:\n  PORT: { kind: port, required: always }\n  URL: { kind: url }\n")
                .unwrap();
        let report = check(
            &schema,
            Source::env("PORT=70000\nURL=http://app.acme.io\n"),
            &Options::production(),
        );
        let out = github("conf/a,b.env", &report);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2, "{out}");
        assert!(
            lines[0].starts_with("::error file=conf/a%2Cb.env,line=1,col=6,endLine=1,endColumn=11,title=preflight port/out-of-range::"),
            "{}",
            lines[0]
        );
        assert!(
            lines[1].starts_with("::error file=conf/a%2Cb.env,line=2,col=5,"),
            "{}",
            lines[1]
        );
        assert!(
            lines[1].contains("(/URL)%0Ahelp: use `https://` in production"),
            "{}",
            lines[1]
        );
    }

    #[test]
    fn escapes_follow_the_toolkit() {
        assert_eq!(data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
