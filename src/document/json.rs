//! JSON front-end: strict RFC 8259 with spans.
//!
//! A small recursive-descent parser; recursion is bounded by `Limits::max_depth`, so the
//! native stack never overflows. No comments, no trailing commas, no single quotes: a config
//! that a strict reader rejects must be rejected here too.

use crate::shown::shown;
use std::fmt::Write as _;

use super::shared_findings::duplicate_key;
use super::{Entry, Limits, Mapping, Node, OpenMappings, Value};
use crate::diagnostic::{codes, Finding, Findings};
use crate::pointer;
use crate::span::LineIndex;

pub(super) fn parse(text: &str, limits: &Limits) -> (Option<Node>, Findings) {
    let mut parser = JsonParser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        index: LineIndex::new(text),
        limits,
        path: Vec::new(),
        items: Vec::new(),
        mappings: OpenMappings::default(),
        findings: Findings::new(limits.max_findings_per_code),
    };
    // A leading byte order mark is not JSON, but editors add it; skip it quietly.
    if text.starts_with('\u{feff}') {
        parser.pos = 3;
    }
    let result = parser.value(0).and_then(|root| {
        parser.skip_ws();
        if parser.pos < parser.bytes.len() {
            Err(parser.error_here("unexpected text after the end of the JSON value"))
        } else {
            Ok(root)
        }
    });
    match result {
        Ok(root) => (Some(root), parser.findings),
        Err(fatal) => {
            parser.findings.push(*fatal);
            (None, parser.findings)
        }
    }
}

/// A node as compact JSON text, keys in their order; reading it back gives the same tree
/// (spans aside). Floats keep a fraction (`1.0`), so they read back as floats.
pub(crate) fn write(node: &Node) -> String {
    let mut out = String::new();
    write_into(node, &mut out);
    out
}

fn write_into(node: &Node, out: &mut String) {
    use std::fmt::Write;
    match &node.value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Float(x) if x.is_finite() => out.push_str(&preflight_host_text::float::debug(*x)),
        // JSON has no infinity or NaN; YAML's `.inf` has no JSON spelling.
        Value::Float(_) => out.push_str("null"),
        Value::String(s) => write_string(s, out),
        Value::Seq(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_into(item, out);
            }
            out.push(']');
        }
        Value::Map(entries) => {
            out.push('{');
            for (i, entry) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(&entry.key, out);
                out.push(':');
                write_into(&entry.value, out);
            }
            out.push('}');
        }
    }
}

fn write_string(s: &str, out: &mut String) {
    use std::fmt::Write;
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

struct JsonParser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    index: LineIndex<'a>,
    limits: &'a Limits,
    /// Where the parser is: the keys and item numbers down to the value being read, which
    /// name a finding (the pointer is made only then).
    path: Vec<Step>,
    /// The items of the open arrays and the entries of the open objects, innermost last:
    /// each collection gets a `Vec` of exactly its size when it closes.
    items: Vec<Node>,
    mappings: OpenMappings,
    findings: Findings,
}

/// One step of the parser's path.
enum Step {
    Key(String),
    Item(usize),
}

impl Step {
    fn into_key(self) -> String {
        match self {
            Step::Key(key) => key,
            Step::Item(_) => String::new(),
        }
    }
}

impl JsonParser<'_> {
    /// The pointer of the value being read.
    fn here(&self) -> String {
        pointer_of(&self.path)
    }

    fn error_at(&self, start: usize, end: usize, message: impl Into<String>) -> Box<Finding> {
        Box::new(Finding::new(
            &codes::PARSE_JSON,
            self.here(),
            Some(self.index.span(start, end)),
            message.into(),
            None,
        ))
    }

    fn error_here(&self, message: &str) -> Box<Finding> {
        let end = self.next_char_end();
        let found = match self.text.get(self.pos..end) {
            Some(c) if !c.is_empty() => format!("{message}: found `{}`", shown(c)),
            _ => format!("{message}: found the end of the input"),
        };
        self.error_at(self.pos, end, found)
    }

    fn next_char_end(&self) -> usize {
        self.text
            .get(self.pos..)
            .and_then(|rest| rest.chars().next())
            .map(|c| self.pos + c.len_utf8())
            .unwrap_or(self.pos)
    }

    fn skip_ws(&mut self) {
        while matches!(self.bytes.get(self.pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, Box<Finding>> {
        self.skip_ws();
        let start = self.pos;
        let value = match self.bytes.get(self.pos) {
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Value::String(self.string()?),
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            _ => return Err(self.error_here("expected a JSON value")),
        };
        Ok(Node::new(value, Some(self.index.span(start, self.pos))))
    }

    fn enter(&self, depth: usize) -> Result<(), Box<Finding>> {
        if depth >= self.limits.max_depth {
            return Err(Box::new(Finding::new(
                &codes::PARSE_TOO_DEEP,
                self.here(),
                Some(self.index.span(self.pos, self.pos + 1)),
                format!(
                    "arrays and objects nest deeper than the limit of {}",
                    self.limits.max_depth
                ),
                Some("flatten the structure; no real config nests this deep".into()),
            )));
        }
        Ok(())
    }

    fn object(&mut self, depth: usize) -> Result<Value, Box<Finding>> {
        self.enter(depth)?;
        self.pos += 1;
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            return Ok(Value::Map(Mapping::new()));
        }
        let mut entries = self.mappings.open();
        loop {
            self.skip_ws();
            if self.bytes.get(self.pos) != Some(&b'"') {
                return Err(self.error_here("expected a key in double quotes"));
            }
            let key_start = self.pos;
            let key = self.string()?;
            let key_span = self.index.span(key_start, self.pos);
            self.skip_ws();
            if self.bytes.get(self.pos) != Some(&b':') {
                return Err(self.error_here("expected `:` after the key"));
            }
            self.pos += 1;
            // The key names what goes wrong inside its value; it comes back for the entry.
            self.path.push(Step::Key(key));
            let value = self.value(depth + 1)?;
            let key = self.path.pop().map(Step::into_key).unwrap_or_default();
            let entry = Entry {
                key,
                key_span: Some(key_span),
                value,
            };
            if let Some(first) = self.mappings.set(&mut entries, entry) {
                let path = &self.path;
                duplicate_key(&mut self.findings, &first, key_span, || pointer_of(path));
            }
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Map(self.mappings.close(entries)));
                }
                _ => return Err(self.error_here("expected `,` or `}`")),
            }
            self.skip_ws();
            if self.bytes.get(self.pos) == Some(&b'}') {
                return Err(self.error_here("a trailing comma is not allowed in JSON"));
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, Box<Finding>> {
        self.enter(depth)?;
        self.pos += 1;
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&b']') {
            self.pos += 1;
            return Ok(Value::Seq(Vec::new()));
        }
        let first = self.items.len();
        loop {
            self.path.push(Step::Item(self.items.len() - first));
            let item = self.value(depth + 1)?;
            self.path.pop();
            self.items.push(item);
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Seq(self.items.drain(first..).collect()));
                }
                _ => return Err(self.error_here("expected `,` or `]`")),
            }
            self.skip_ws();
            if self.bytes.get(self.pos) == Some(&b']') {
                return Err(self.error_here("a trailing comma is not allowed in JSON"));
            }
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, Box<Finding>> {
        if self
            .text
            .get(self.pos..)
            .is_some_and(|r| r.starts_with(word))
        {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error_here("expected a JSON value"))
        }
    }

    fn number(&mut self) -> Result<Value, Box<Finding>> {
        let start = self.pos;
        let digits = |p: &mut Self| {
            let s = p.pos;
            while p.bytes.get(p.pos).is_some_and(u8::is_ascii_digit) {
                p.pos += 1;
            }
            p.pos - s
        };
        if self.bytes.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        let n = digits(self);
        if n == 0 {
            return Err(self.error_here("expected a digit"));
        }
        if n > 1 && self.bytes.get(int_start) == Some(&b'0') {
            return Err(self.error_at(start, self.pos, "a JSON number has no leading zeros"));
        }
        let mut is_int = true;
        if self.bytes.get(self.pos) == Some(&b'.') {
            is_int = false;
            self.pos += 1;
            if digits(self) == 0 {
                return Err(self.error_here("expected a digit after `.`"));
            }
        }
        if matches!(self.bytes.get(self.pos), Some(b'e' | b'E')) {
            is_int = false;
            self.pos += 1;
            if matches!(self.bytes.get(self.pos), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if digits(self) == 0 {
                return Err(self.error_here("expected a digit in the exponent"));
            }
        }
        let text = self.text.get(start..self.pos).unwrap_or("");
        if is_int {
            // Too large for an integer: kept as written (as the YAML front-end does), so a
            // message quotes the digits and says they are out of range.
            return Ok(match text.parse::<i64>() {
                Ok(i) => Value::Int(i),
                Err(_) => Value::String(text.to_string()),
            });
        }
        match preflight_host_text::float::parse(text) {
            Some(f) if f.is_finite() => Ok(Value::Float(f)),
            _ => Err(self.error_at(start, self.pos, "the number is out of range")),
        }
    }

    fn string(&mut self) -> Result<String, Box<Finding>> {
        let start = self.pos;
        self.pos += 1;
        // Most strings hold no escape: found whole and copied once.
        let body = self.bytes.get(self.pos..).unwrap_or_default();
        let stop = body
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20);
        if let Some(len) = stop.filter(|&len| body[len] == b'"') {
            if let Some(plain) = self.text.get(self.pos..self.pos + len) {
                self.pos += len + 1;
                return Ok(plain.to_string());
            }
        }
        let mut out = String::new();
        loop {
            let Some(rest) = self.text.get(self.pos..) else {
                return Err(self.error_at(start, self.pos, "the string is not closed"));
            };
            let Some(c) = rest.chars().next() else {
                return Err(self.error_at(start, self.pos, "the string is not closed"));
            };
            match c {
                '"' => {
                    self.pos += 1;
                    return Ok(out);
                }
                '\\' => {
                    self.pos += 1;
                    out.push(self.escape()?);
                }
                c if (c as u32) < 0x20 => {
                    return Err(
                        self.error_here("a control character must be escaped inside a JSON string")
                    );
                }
                c => {
                    out.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
    }

    fn escape(&mut self) -> Result<char, Box<Finding>> {
        let c = match self.bytes.get(self.pos) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let esc_start = self.pos - 1;
                self.pos += 1;
                let high = self.hex4()?;
                if (0xD800..0xDC00).contains(&high) {
                    if self
                        .text
                        .get(self.pos..)
                        .is_some_and(|r| r.starts_with("\\u"))
                    {
                        self.pos += 2;
                        let low = self.hex4()?;
                        if (0xDC00..0xE000).contains(&low) {
                            let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                            return char::from_u32(code).ok_or_else(|| {
                                self.error_at(esc_start, self.pos, "invalid surrogate pair")
                            });
                        }
                    }
                    return Err(self.error_at(esc_start, self.pos, "a lone UTF-16 surrogate"));
                }
                return char::from_u32(high)
                    .ok_or_else(|| self.error_at(esc_start, self.pos, "a lone UTF-16 surrogate"));
            }
            _ => return Err(self.error_here("invalid escape")),
        };
        self.pos += 1;
        Ok(c)
    }

    fn hex4(&mut self) -> Result<u32, Box<Finding>> {
        let digits = self.text.get(self.pos..self.pos + 4).unwrap_or("");
        if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(self.error_here("expected four hex digits after `\\u`"));
        }
        self.pos += 4;
        u32::from_str_radix(digits, 16).map_err(|_| self.error_here("invalid hex digits"))
    }
}

/// The pointer of the place `path` leads to.
fn pointer_of(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(key) => pointer::push_token(&mut out, key),
            Step::Item(i) => {
                let _ = write!(out, "/{i}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fails(text: &str) -> Finding {
        let (root, findings) = parse(text, &Limits::default());
        assert!(root.is_none(), "{text} should fail");
        findings.last().cloned().unwrap()
    }

    /// The tree without spans, to compare a reading of written text with the original.
    fn shape(node: &Node) -> String {
        match &node.value {
            Value::Seq(items) => format!(
                "[{}]",
                items.iter().map(shape).collect::<Vec<_>>().join(",")
            ),
            Value::Map(entries) => format!(
                "{{{}}}",
                entries
                    .iter()
                    .map(|e| format!("{:?}:{}", e.key, shape(&e.value)))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
            Value::String(s) => format!("s{s:?}"),
            Value::Int(i) => format!("i{i}"),
            Value::Float(x) => format!("f{x:?}"),
            Value::Bool(b) => format!("b{b}"),
            Value::Null => "null".into(),
        }
    }

    #[test]
    fn written_json_reads_back_as_the_same_tree() {
        let yaml = "b: [1, 2.0, -0.5, 1e300, true, null, ~]\na: \"q\\\"\\\\\\n\\t\\u0001é😀\"\n'k\"ey': {}\nz: []\n";
        let doc = crate::document::Document::parse(yaml, crate::Format::Yaml, &Limits::default());
        let root = doc.root().expect("parses");
        let text = write(root);
        assert_eq!(
            text,
            "{\"b\":[1,2.0,-0.5,1e300,true,null,null],\"a\":\"q\\\"\\\\\\n\\t\\u0001é😀\",\"k\\\"ey\":{},\"z\":[]}"
        );
        let (again, findings) = parse(&text, &Limits::default());
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(shape(&again.expect("reads back")), shape(root));
    }

    #[test]
    fn parses_values_with_spans() {
        let text = "{\"a\": [1, 2.5, \"x\\u00e9\\ud83d\\ude00\"], \"b\": null}";
        let (root, findings) = parse(text, &Limits::default());
        assert!(findings.is_empty());
        let root = root.unwrap();
        let s = root.get_tokens(&["a", "2"]).unwrap();
        assert_eq!(s.value, Value::String("xé😀".into()));
        assert_eq!(&text[s.span.unwrap().range()], "\"x\\u00e9\\ud83d\\ude00\"");
        assert_eq!(
            root.get_tokens(&["a", "1"]).unwrap().value,
            Value::Float(2.5)
        );
    }

    #[test]
    fn rejects_what_strict_json_rejects() {
        for (text, col) in [
            ("{\"a\": 1,}", 9),
            ("[1,]", 4),
            ("{'a': 1}", 2),
            ("{\"a\": 01}", 7),
            ("// c\n{}", 1),
            ("{\"a\": 1} x", 10),
            ("{\"a\": \"\t\"}", 8),
            ("{\"a\": \"\\ud800\"}", 8),
            ("{\"a\": tru}", 7),
        ] {
            let f = fails(text);
            assert_eq!(f.code.code, "parse/json", "{text}");
            assert_eq!(f.span.unwrap().start.column, col, "{text}: {}", f.message);
        }
    }

    #[test]
    fn errors_name_the_pointer_they_happened_under() {
        let f = fails("{\"server\": {\"ports\": [1, ]}}");
        assert_eq!(f.pointer, "/server/ports");
    }

    #[test]
    fn findings_inside_arrays_and_escaped_keys_name_their_place() {
        let f = fails("{\"a\": [1, 2, {\"b\": [true, nul]}]}");
        assert_eq!(f.pointer, "/a/2/b/1");
        let text =
            "{\"a\": [{\"x\": 1}, {\"b/c\": [0, {\"k\": 1, \"k\": 2}], \"e\": []}], \"z\": {}}";
        let (root, findings) = parse(text, &Limits::default());
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code.code, "parse/duplicate-key");
        assert_eq!(findings[0].pointer, "/a/1/b~1c/1/k");
        let root = root.unwrap();
        assert_eq!(
            root.get_tokens(&["a", "1", "b/c", "1", "k"]).unwrap().value,
            Value::Int(2)
        );
        assert_eq!(
            root.get_tokens(&["a", "1", "e"]).unwrap().value,
            Value::Seq(Vec::new())
        );
        // Every array and object holds exactly its items.
        let mut todo = vec![&root];
        while let Some(node) = todo.pop() {
            match &node.value {
                Value::Seq(items) => {
                    assert_eq!(items.capacity(), items.len());
                    todo.extend(items);
                }
                Value::Map(entries) => {
                    assert_eq!(entries.spare_room(), 0);
                    todo.extend(entries.iter().map(|e| &e.value));
                }
                _ => {}
            }
        }
    }

    #[test]
    fn deep_nesting_stops_at_the_limit() {
        let f = fails(&"[".repeat(10_000));
        assert_eq!(f.code.code, "parse/too-deep");
    }
}
