//! dotenv front-end: `KEY=value` lines into a flat mapping of strings.
//!
//! The grammar is the common core of docker compose, node `dotenv` and python-dotenv:
//! - `KEY=value` and `export KEY=value`; keys are `[A-Za-z_][A-Za-z0-9_.-]*`, spaces around `=`
//!   are allowed;
//! - unquoted values end at a ` #` comment and are trimmed;
//! - single quotes are literal and may span lines;
//! - double quotes take `\n \r \t \" \\ \$` escapes and may span lines;
//! - blank lines and `#` comments are skipped.
//!
//! `${VAR}` is never expanded: the engine reports it as an unresolved template.
//!
//! A value pasted over several lines without quotes (a PEM key after `KEY=`) ends at the first
//! line break, as every reader ends it. The lines after it that read as more of it are one
//! finding that names the variable and quotes none of them: they may be a secret's.

use super::shared_findings::duplicate_key;
use super::{Entry, Limits, Mapping, Node, Value};
use crate::diagnostic::{codes, Finding, Findings};
use crate::pointer;
use crate::secret_names::{is_secret_like_key, looks_generated};
use crate::span::LineIndex;

pub(super) fn parse(text: &str, limits: &Limits) -> (Option<Node>, Findings) {
    let mut scanner = EnvScanner {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        index: LineIndex::new(text),
        entries: Mapping::new(),
        findings: Findings::new(limits.max_findings_per_code),
        value_end: 0,
        carried: None,
        run: None,
    };
    if text.starts_with('\u{feff}') {
        scanner.pos = 3;
    }
    while scanner.pos < scanner.bytes.len() {
        scanner.line();
    }
    scanner.end_run();
    let span = Some(scanner.index.span(0, text.len()));
    let root = Node::new(Value::Map(scanner.entries), span);
    (Some(root), scanner.findings)
}

struct EnvScanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    index: LineIndex<'a>,
    entries: Mapping,
    findings: Findings,
    /// Where the value just read ends (after its closing quote, if quoted).
    value_end: usize,
    /// The key (its byte range) of the line just read when its value was unquoted, so the next
    /// line may be more of that value.
    carried: Option<std::ops::Range<usize>>,
    /// The lines read as more of a carried value so far.
    run: Option<CarriedLines>,
}

/// Lines that read as more of the unquoted value above them ([`continues_value`]).
struct CarriedLines {
    key: std::ops::Range<usize>,
    start: usize,
    end: usize,
    lines: usize,
}

/// Whether `line`, below a line whose value is unquoted, reads as more of that value (a PEM
/// key or a long token pasted over several lines) rather than a setting of its own: a bare
/// word (`MIIEvQIB…`), a word run into other text (`MIIEvQ+b/c…`), a line that does not
/// start with a name (`-----END PRIVATE KEY-----`), or base64's padding read as an `=`
/// (`Hb6Jm8Yc==`). A blank line, a comment, `NAME=value`, and `NAME value` or `NAME: value` (a
/// setting whose `=` is mistyped) are not.
fn continues_value(line: &str) -> bool {
    below_a_value(line) == Below::More
}

/// [`continues_value`] below a secret's value, where a line that reads as `NAME value` may be
/// a piece of the key with a blank in it (`_000A\t_0A--`): only a blank line, a comment or a
/// setting ends it. The renderers' masking asks this of the lines below a secret.
pub(crate) fn continues_secret_value(line: &str) -> bool {
    matches!(below_a_value(line), Below::More | Below::NameThenMore)
}

/// How a line below an unquoted value reads.
#[derive(PartialEq)]
enum Below {
    /// A blank line, a comment or a setting: the value above has ended.
    Ended,
    /// `NAME value` or `NAME: value`: a setting whose `=` is mistyped.
    NameThenMore,
    /// More of the value above.
    More,
}

fn below_a_value(line: &str) -> Below {
    let line = line.trim_start_matches([' ', '\t']);
    if line.is_empty() || line.starts_with('#') {
        return Below::Ended;
    }
    let line = without_export(line);
    let word_len = line.len() - line.trim_start_matches(is_name_char).len();
    let (word, rest) = line.split_at(word_len);
    if let Some(value) = rest.strip_prefix('=').filter(|_| !word.is_empty()) {
        // A setting, even under a name no reader takes (`2FA=on`), unless it is base64's
        // padding: base64 ends in `=` or `==`, and a variable's name is written in one case.
        let padding = value.trim_start_matches('=').trim_end().is_empty();
        let mixed_case = word.bytes().any(|b| b.is_ascii_lowercase())
            && word.bytes().any(|b| b.is_ascii_uppercase());
        return if padding && mixed_case {
            Below::More
        } else {
            Below::Ended
        };
    }
    // A name starts with a letter or `_` and holds a letter (`_` alone is a piece of a token).
    let named = word
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && word.bytes().any(|b| b.is_ascii_alphabetic());
    let name_then_more =
        rest.starts_with([' ', '\t', ':']) && !rest.trim_start_matches([' ', '\t']).is_empty();
    if named && name_then_more {
        Below::NameThenMore
    } else {
        Below::More
    }
}

/// The characters of a variable's name, as this front-end reads them.
fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')
}

/// `line` without a leading `export ` (and the blanks after it).
fn without_export(line: &str) -> &str {
    match line.strip_prefix("export") {
        Some(rest) if rest.starts_with([' ', '\t']) => rest.trim_start_matches([' ', '\t']),
        _ => line,
    }
}

/// Why a line could not be read; the scanner reports it and goes on with the next line.
struct Malformed {
    start: usize,
    end: usize,
    pointer: String,
    message: String,
    help: Option<String>,
}

impl EnvScanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    /// Where the line holding `from` ends: its `\n`, `\r\n` or lone `\r` (the one rule of
    /// `span::line_breaks`), or the end of the text.
    fn line_end(&self, from: usize) -> usize {
        self.bytes[from.min(self.bytes.len())..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .map(|i| from + i)
            .unwrap_or(self.bytes.len())
    }

    /// The start of the line after the one that ends at `end`.
    fn after_break(&self, end: usize) -> usize {
        let step = match self.bytes.get(end..end + 2) {
            Some(b"\r\n") => 2,
            _ => 1,
        };
        (end + step).min(self.bytes.len())
    }

    fn next_line(&mut self) {
        self.pos = self.after_break(self.line_end(self.pos));
    }

    fn line(&mut self) {
        if self.carried_on() {
            return;
        }
        self.end_run();
        self.carried = None;
        self.skip_blanks();
        match self.peek() {
            None => return,
            Some(b'\n') => {
                self.pos += 1;
                return;
            }
            Some(b'\r') => {
                self.pos = self.after_break(self.pos);
                return;
            }
            Some(b'#') => {
                self.next_line();
                return;
            }
            _ => {}
        }
        if let Err(bad) = self.assignment() {
            self.findings.push(Finding::new(
                &codes::PARSE_ENV,
                bad.pointer,
                Some(self.index.span(bad.start, bad.end)),
                bad.message,
                bad.help,
            ));
            // Resume on the line after the problem, so one bad quote does not hide the rest.
            self.pos = self.after_break(self.line_end(bad.start));
        }
    }

    /// Takes the line as more of the unquoted value above it when it reads so
    /// ([`continues_value`]).
    fn carried_on(&mut self) -> bool {
        let Some(key) = self.carried.clone() else {
            return false;
        };
        let start = self.pos;
        let end = self.line_end(start);
        let line = &self.text[start..end];
        let continues = if is_secret_like_key(&self.text[key.clone()]) {
            continues_secret_value(line)
        } else {
            continues_value(line)
        };
        if !continues {
            return false;
        }
        let first = end - line.trim_start_matches([' ', '\t']).len();
        let run = self.run.get_or_insert(CarriedLines {
            key,
            start: first,
            end,
            lines: 0,
        });
        run.end = end;
        run.lines += 1;
        self.pos = self.after_break(end);
        true
    }

    /// Reports the lines read as more of a carried value, if any, as one finding.
    fn end_run(&mut self) {
        let Some(run) = self.run.take() else {
            return;
        };
        let key = &self.text[run.key];
        let (lines, they_are, them) = if run.lines == 1 {
            ("a line".to_string(), "it is", "it")
        } else {
            (format!("{} lines", run.lines), "they are", "them")
        };
        self.findings.push(Finding::new(
            &codes::PARSE_ENV,
            pointer::join([key]),
            Some(self.index.span(run.start, run.end)),
            format!(
                "{lines} with no `=` below `{key}`: if {they_are} the rest of its value, the value ends at the line break before {them}"
            ),
            Some(format!(
                "put a value that spans lines in double quotes (`{key}=\"…\"`), or write each setting as `NAME=value`"
            )),
        ));
    }

    fn assignment(&mut self) -> Result<(), Malformed> {
        let line_start = self.pos;
        let line_end = self.line_end(self.pos);
        let whole_line = |message: String, help: Option<String>| Malformed {
            start: line_start,
            end: line_end,
            pointer: String::new(),
            message,
            help,
        };
        if self.text[self.pos..].starts_with("export")
            && matches!(self.bytes.get(self.pos + 6), Some(b' ' | b'\t'))
        {
            self.pos += 6;
            self.skip_blanks();
        }
        let key_start = self.pos;
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
        {
            self.pos += 1;
        }
        let key = &self.text[key_start..self.pos];
        let key_ok = key
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_');
        self.skip_blanks();
        if !key_ok || self.peek() != Some(b'=') {
            // The line is never quoted: it may hold a secret whose `=` was mistyped. Its first
            // word is quoted only when a blank or `:` shows it is a name (`NAME value`), and it
            // does not look generated: a bare word, one run into other text, or a token a
            // broken line starts with (a pasted key's line) is never quoted.
            let line_ends_after_key = matches!(self.peek(), None | Some(b'\n' | b'\r' | b'#'));
            let named = key_ok
                && (self.pos > key_start + key.len() || self.peek() == Some(b':'))
                && !looks_generated(key.as_bytes());
            let message = if key_ok && line_ends_after_key {
                "the line holds one word and no `=`, so it sets nothing".to_string()
            } else if named {
                format!("`{key}` is not followed by `=`")
            } else if key_ok {
                "the line does not start with `NAME=`, so it is not a `NAME=value` line".to_string()
            } else {
                "the line does not start with a variable name, so it is not a `NAME=value` line"
                    .to_string()
            };
            return Err(whole_line(
                message,
                Some("write `NAME=value`; names start with a letter or `_`".into()),
            ));
        }
        let key_span = self.index.span(key_start, key_start + key.len());
        let key_range = key_start..key_start + key.len();
        let key = key.to_string();
        self.pos += 1;
        self.skip_blanks();
        let value_start = self.pos;
        let value = match self.peek() {
            Some(q @ (b'\'' | b'"')) => self.quoted(q, &key)?,
            _ => {
                self.carried = Some(key_range);
                self.unquoted()
            }
        };
        let span = self.index.span(value_start, self.value_end);
        self.finish_line(&key)?;
        self.insert(key, key_span, Node::new(Value::String(value), Some(span)));
        Ok(())
    }

    fn unquoted(&mut self) -> String {
        let end = self.line_end(self.pos);
        let mut value_end = end;
        let mut i = self.pos;
        while i < end {
            if self.bytes[i] == b'#' && (i == self.pos || matches!(self.bytes[i - 1], b' ' | b'\t'))
            {
                value_end = i;
                break;
            }
            i += 1;
        }
        let raw = &self.text[self.pos..value_end];
        let trimmed = raw.trim_end_matches([' ', '\t', '\r']);
        self.value_end = self.pos + trimmed.len();
        self.pos = end;
        trimmed.to_string()
    }

    fn quoted(&mut self, quote: u8, key: &str) -> Result<String, Malformed> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.text[self.pos..].chars().next() else {
                return Err(Malformed {
                    start: open,
                    end: self.line_end(open),
                    pointer: pointer::join([key]),
                    message: format!(
                        "the {} quote that opens the value of `{key}` is never closed",
                        if quote == b'"' { "double" } else { "single" }
                    ),
                    help: Some(format!("end the value with `{}`", quote as char)),
                });
            };
            if c as u32 == u32::from(quote) {
                self.pos += 1;
                self.value_end = self.pos;
                return Ok(out);
            }
            if quote == b'"' && c == '\\' {
                let next = self.text[self.pos + 1..].chars().next();
                let (replacement, consumed) = match next {
                    Some('n') => ("\n".to_string(), 2),
                    Some('r') => ("\r".to_string(), 2),
                    Some('t') => ("\t".to_string(), 2),
                    Some(c @ ('"' | '\\' | '$')) => (c.to_string(), 2),
                    Some(other) => (format!("\\{other}"), 1 + other.len_utf8()),
                    None => ("\\".to_string(), 1),
                };
                out.push_str(&replacement);
                self.pos += consumed;
                continue;
            }
            out.push(c);
            self.pos += c.len_utf8();
        }
    }

    /// After a value: blanks, an optional `# comment`, then the end of the line.
    fn finish_line(&mut self, key: &str) -> Result<(), Malformed> {
        self.skip_blanks();
        let end = self.line_end(self.pos);
        match self.peek() {
            None | Some(b'\n' | b'\r' | b'#') => {}
            Some(_) => {
                return Err(Malformed {
                    start: self.pos,
                    end,
                    pointer: pointer::join([key]),
                    message: format!("unexpected text after the quoted value of `{key}`"),
                    help: Some("put the whole value inside the quotes".into()),
                })
            }
        }
        self.pos = self.after_break(end);
        Ok(())
    }

    fn insert(&mut self, key: String, key_span: crate::span::Span, value: Node) {
        let Some(first) = self.entries.set(Entry {
            key,
            key_span: Some(key_span),
            value,
        }) else {
            return;
        };
        duplicate_key(&mut self.findings, &first, key_span, String::new);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<(String, String)> {
        let (root, findings) = parse(text, &Limits::default());
        assert!(findings.is_empty(), "{findings:?}");
        let Some(Node {
            value: Value::Map(entries),
            ..
        }) = root
        else {
            panic!("env root is a mapping")
        };
        entries
            .into_iter()
            .map(|e| match e.value.value {
                Value::String(s) => (e.key, s),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn reads_the_common_dotenv_forms() {
        let text = "# comment\n\nA=1\nexport B = two words # note\nC='lit $X \\n'\nD=\"a\\nb \\\"q\\\" \\$X\"\nE=\nF=x#not-a-comment\r\nG=\"multi\nline\"\n";
        assert_eq!(
            values(text),
            vec![
                ("A".into(), "1".into()),
                ("B".into(), "two words".into()),
                ("C".into(), "lit $X \\n".into()),
                ("D".into(), "a\nb \"q\" $X".into()),
                ("E".into(), String::new()),
                ("F".into(), "x#not-a-comment".into()),
                ("G".into(), "multi\nline".into()),
            ]
        );
    }

    #[test]
    fn value_spans_cover_the_value_text() {
        let text = "KEY=  value here  # c\nQ=\"x\"\n";
        let (root, _) = parse(text, &Limits::default());
        let root = root.unwrap();
        let v = root.get_tokens(&["KEY"]).unwrap().span.unwrap();
        assert_eq!(&text[v.range()], "value here");
        assert_eq!(v.start.column, 7);
        let q = root.get_tokens(&["Q"]).unwrap().span.unwrap();
        assert_eq!(&text[q.range()], "\"x\"");
    }

    #[test]
    fn malformed_lines_are_reported_and_skipped() {
        let text = "GOOD=1\nno equals here\n1BAD=2\nQ=\"open\nLAST=ok\n";
        let (root, findings) = parse(text, &Limits::default());
        let codes: Vec<_> = findings
            .iter()
            .map(|f| (f.code.code, f.span.unwrap().start.line))
            .collect();
        assert_eq!(
            codes,
            vec![("parse/env", 2), ("parse/env", 3), ("parse/env", 4)]
        );
        let root = root.unwrap();
        assert!(root.get_tokens(&["GOOD"]).is_some());
        assert!(root.get_tokens(&["LAST"]).is_some());
        assert!(root.get_tokens(&["Q"]).is_none());
    }

    /// Each finding's code, pointer, first and last line, and message.
    fn findings_of(text: &str) -> Vec<(&'static str, String, usize, usize, String)> {
        let (_, findings) = parse(text, &Limits::default());
        findings
            .iter()
            .map(|f| {
                let span = f.span.unwrap();
                (
                    f.code.code,
                    f.pointer.clone(),
                    span.start.line,
                    span.end.line,
                    f.message.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn a_value_pasted_over_lines_is_one_finding_that_quotes_none_of_them() {
        let text = "A=1\nKEY=-----BEGIN PRIVATE KEY-----\nMIIEvQIBADAN\nMIIE+ab/cd\n  Hb6Jm8Yc==\n-----END PRIVATE KEY-----\nB=2\n";
        assert_eq!(
            findings_of(text),
            vec![(
                "parse/env",
                "/KEY".to_string(),
                3,
                6,
                "4 lines with no `=` below `KEY`: if they are the rest of its value, the value ends at the line break before them".to_string()
            )]
        );
        let (root, findings) = parse(text, &Limits::default());
        let span = findings[0].span.unwrap();
        assert_eq!(
            &text[span.range()],
            "MIIEvQIBADAN\nMIIE+ab/cd\n  Hb6Jm8Yc==\n-----END PRIVATE KEY-----"
        );
        let keys: Vec<String> = match root.unwrap().value {
            Value::Map(entries) => entries.into_iter().map(|e| e.key).collect(),
            other => panic!("{other:?}"),
        };
        assert_eq!(keys, ["A", "KEY", "B"]);
        // One line, below an empty value.
        assert_eq!(
            findings_of("KEY=\nZk4pQv9Lr2Xw7Tn3\n"),
            vec![(
                "parse/env",
                "/KEY".to_string(),
                2,
                2,
                "a line with no `=` below `KEY`: if it is the rest of its value, the value ends at the line break before it".to_string()
            )]
        );
    }

    #[test]
    fn a_line_below_a_quoted_value_or_a_blank_line_is_not_read_as_more_of_it() {
        let one_word = |line: usize| {
            vec![(
                "parse/env",
                String::new(),
                line,
                line,
                "the line holds one word and no `=`, so it sets nothing".to_string(),
            )]
        };
        assert_eq!(findings_of("KEY=\"x\"\nZk4pQv9Lr2Xw7Tn3\n"), one_word(2));
        assert_eq!(findings_of("KEY=x\n\nZk4pQv9Lr2Xw7Tn3\n"), one_word(3));
        assert_eq!(
            findings_of("KEY=x\n# note\nZk4pQv9Lr2Xw7Tn3\n"),
            one_word(3)
        );
    }

    #[test]
    fn a_word_is_quoted_only_when_a_blank_or_colon_shows_it_is_a_name() {
        let messages: Vec<String> =
            findings_of("\nNAME value\n\nNAME: value\n\nMIIE+ab/c\n\nZk4pQv9Lr2\n")
                .into_iter()
                .map(|f| f.4)
                .collect();
        assert_eq!(
            messages,
            [
                "`NAME` is not followed by `=`",
                "`NAME` is not followed by `=`",
                "the line does not start with `NAME=`, so it is not a `NAME=value` line",
                "the line holds one word and no `=`, so it sets nothing",
            ]
        );
    }

    #[test]
    fn what_reads_as_more_of_a_value() {
        for line in [
            "MIIEvQIB",
            "MIIE+ab/c",
            "-----END PRIVATE KEY-----",
            "Hb6Jm8Yc==",
            "  Hb6Jm8Yc=",
            "x ",
            "_\t0A_b",
        ] {
            assert!(continues_value(line), "{line:?}");
        }
        for line in [
            "",
            "  ",
            "# note",
            "PORT=1",
            "export PORT=1",
            "EMPTY=",
            "PORT 80",
            "PORT: 80",
            "lower=",
            "UPPER==",
        ] {
            assert!(!continues_value(line), "{line:?}");
        }
    }

    #[test]
    fn an_unclosed_quote_at_the_end_is_reported() {
        let (_, findings) = parse("A=1\nQ='open\n", &Limits::default());
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].pointer, "/Q");
        assert_eq!(findings[0].span.unwrap().start.line, 2);
        assert_eq!(findings[0].span.unwrap().start.column, 3);
    }

    #[test]
    fn text_after_a_closing_quote_is_malformed() {
        let (_, findings) = parse("A=\"x\" y\n", &Limits::default());
        assert_eq!(findings[0].code.code, "parse/env");
        assert_eq!(findings[0].span.unwrap().start.column, 7);
    }

    #[test]
    fn duplicate_keys_are_reported_and_the_last_wins() {
        let text = "A=1\nA=2\n";
        let (root, findings) = parse(text, &Limits::default());
        assert_eq!(findings[0].code.code, "parse/duplicate-key");
        assert_eq!(findings[0].span.unwrap().start.line, 2);
        assert_eq!(
            root.unwrap().get_tokens(&["A"]).unwrap().value,
            Value::String("2".into())
        );
    }
}
