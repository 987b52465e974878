//! YAML front-end: saphyr-parser events into a spanned tree.
//!
//! The tree is built with an explicit stack, so nesting depth is bounded by [`Limits`] and
//! never by the native stack. Plain scalars are resolved by the YAML 1.2 core schema: only
//! `true`/`false` (in three casings) are booleans, so `NO`, `on` and `yes` stay strings.
//! Aliases are expanded by copying, bounded by `Limits::max_alias_nodes`; `<<` merge keys are
//! honoured because compose files and Helm values rely on them.

use std::collections::HashMap;
use std::fmt::Write as _;

use preflight_yaml_events::{Event, Marker, ScalarStyle, ScanError, Span as EventSpan};

use super::shared_findings::duplicate_key;
use super::{Entry, Limits, Mapping, Node, OpenMapping, OpenMappings, Value};
use crate::diagnostic::{codes, Finding, Findings};
use crate::pointer;
use crate::secret_names::is_secret_like_key;
use crate::span::{LineIndex, Position, Span};

/// The tree of `text`, and whether it is a stream of several documents (`---`): then the
/// root is a sequence whose items are the documents, so pointers start `/0/…`, `/1/…`.
pub(super) fn parse(text: &str, limits: &Limits) -> (Option<Node>, Findings, bool) {
    let mut builder = Builder {
        index: LineIndex::new(text),
        limits,
        stack: Vec::new(),
        items: Vec::new(),
        mappings: OpenMappings::default(),
        anchors: HashMap::new(),
        expanded_nodes: 0,
        root: None,
        documents: Vec::new(),
        findings: Findings::new(limits.max_findings_per_code),
    };
    // saphyr reads a NUL as the end of the input and reports "unexpected end of stream"
    // inside a quoted value; YAML allows no NUL anywhere (c-printable), so say that, there.
    if let Some(at) = builder.index.first_nul() {
        let fatal = builder.fatal(
            at,
            at + 1,
            "the text holds a NUL character (U+0000), which YAML does not allow anywhere".into(),
        );
        builder.findings.push(*fatal);
        return (None, builder.findings, false);
    }
    match builder.run(text) {
        Ok(()) if builder.documents.is_empty() => (builder.root, builder.findings, false),
        Ok(()) => {
            let last = builder.root.take().unwrap_or(Node::new(Value::Null, None));
            builder.documents.push(last);
            let whole = builder.index.span(0, text.len());
            let stream = Node::new(Value::Seq(builder.documents), Some(whole));
            (Some(stream), builder.findings, true)
        }
        Err(fatal) => {
            builder.findings.push(*fatal);
            (None, builder.findings, false)
        }
    }
}

enum Frame {
    Seq {
        start: Position,
        flow: bool,
        anchor: usize,
        /// Where its items start on the builder's `items`.
        first: usize,
    },
    Map {
        start: Position,
        flow: bool,
        anchor: usize,
        entries: OpenMapping,
        key: Option<PendingKey>,
        merges: Vec<Node>,
    },
}

struct PendingKey {
    name: String,
    span: Span,
    is_merge: bool,
}

struct Builder<'a> {
    index: LineIndex<'a>,
    limits: &'a Limits,
    stack: Vec<Frame>,
    /// The items of the open sequences, innermost last; each gets a `Vec` of exactly its
    /// size when it closes (see [`OpenMappings`], which does the same for entries).
    items: Vec<Node>,
    mappings: OpenMappings,
    anchors: HashMap<usize, Node>,
    expanded_nodes: usize,
    root: Option<Node>,
    /// The documents of a stream before the current one.
    documents: Vec<Node>,
    findings: Findings,
}

/// How many events the scanner produces before the builder adds them to the tree. Taken
/// event by event, the scanner's code and the builder's evict each other from the
/// instruction cache at every event; a batch at a time, each runs warm (BENCHMARKS.md,
/// "Eighth round"). The scanner runs at most one batch past a fatal finding.
const BATCH: usize = 64;

type EventItem<'a> = Result<(Event<'a>, EventSpan), ScanError>;

impl<'a> Builder<'a> {
    fn run(&mut self, text: &'a str) -> Result<(), Box<Finding>> {
        let mut documents = 0;
        let mut outcome = Ok(true);
        let mut batch = Vec::with_capacity(BATCH);
        preflight_yaml_events::each_event(text, &mut |item| {
            batch.push(item);
            if batch.len() == BATCH {
                outcome = self.add_batch(&mut batch, &mut documents);
            }
            matches!(outcome, Ok(true))
        });
        if matches!(outcome, Ok(true)) {
            outcome = self.add_batch(&mut batch, &mut documents);
        }
        outcome.map(|_| ())
    }

    /// Adds a batch of events to the tree, in order; `Ok(false)` once the stream has ended.
    fn add_batch(
        &mut self,
        batch: &mut Vec<EventItem<'a>>,
        documents: &mut usize,
    ) -> Result<bool, Box<Finding>> {
        for item in batch.drain(..) {
            if !self.event(item, documents)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Adds one event to the tree; `Ok(false)` at the end of the stream.
    fn event(&mut self, item: EventItem<'a>, documents: &mut usize) -> Result<bool, Box<Finding>> {
        let (event, span) = item.map_err(|e| {
            let at = self.offset(e.marker());
            self.fatal(at, at, format!("invalid YAML: {}", e.info()))
        })?;
        // Positions (line and column) only where a span needs them: a scalar's, a collection's
        // start, a flow collection's end; the other events need at most an offset.
        match event {
            Event::DocumentStart(_) => {
                *documents += 1;
                if *documents > 1 {
                    // Another document of the stream: the last one is done, and anchors do
                    // not reach across documents.
                    let done = self.root.take().unwrap_or(Node::new(Value::Null, None));
                    self.documents.push(done);
                    self.anchors.clear();
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                let start_at = self.position(&span.start);
                let end_at = match style {
                    ScalarStyle::Plain => self.plain_end(&start_at, &span, &value),
                    _ => None,
                }
                .unwrap_or_else(|| self.position(&span.end));
                let (start, end) = (start_at.offset, end_at.offset);
                let forced_string = tag
                    .as_ref()
                    .is_some_and(|t| t.handle == "tag:yaml.org,2002:" && t.suffix == "str");
                let span = if matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) {
                    self.index.span(start, self.trim_end(start, end))
                } else {
                    Span {
                        start: start_at,
                        end: end_at,
                    }
                };
                if self.takes_key() {
                    let is_merge = style == ScalarStyle::Plain && value == "<<";
                    self.set_key(value.into_owned(), span, is_merge);
                    return Ok(true);
                }
                let value = if style == ScalarStyle::Plain && !forced_string {
                    resolve_plain(&value)
                } else {
                    Value::String(value.into_owned())
                };
                let node = Node::new(value, Some(span));
                self.remember(anchor, &node);
                self.add(node)?;
            }
            Event::SequenceStart(anchor, _) => {
                let start = self.position(&span.start);
                self.open(start.offset)?;
                let flow = self.index.text().as_bytes().get(start.offset) == Some(&b'[');
                self.stack.push(Frame::Seq {
                    start,
                    flow,
                    anchor,
                    first: self.items.len(),
                });
            }
            Event::MappingStart(anchor, _) => {
                let start = self.position(&span.start);
                self.open(start.offset)?;
                let flow = self.index.text().as_bytes().get(start.offset) == Some(&b'{');
                self.stack.push(Frame::Map {
                    start,
                    flow,
                    anchor,
                    entries: self.mappings.open(),
                    key: None,
                    merges: Vec::new(),
                });
            }
            Event::SequenceEnd | Event::MappingEnd => self.close(&span.end)?,
            Event::Alias(id) => self.alias(id, self.offset(&span.start), self.offset(&span.end))?,
            Event::StreamEnd => return Ok(false),
            Event::StreamStart | Event::DocumentEnd | Event::Nothing => {}
        }
        Ok(true)
    }

    /// The position of a parser position: saphyr's own line, column and index in ASCII text
    /// without `\r` (most configs), else found from its line and column where the line is
    /// ASCII up to it, else from its byte offset.
    fn position(&self, marker: &Marker) -> Position {
        let (line, col) = (marker.line(), marker.col());
        if let Some(at) = self.index.position_from_parser(line, col, marker.index()) {
            return at;
        }
        self.index
            .position_at(line, col)
            .filter(|at| !self.index.is_ascii() || at.offset == marker.index())
            .unwrap_or_else(|| self.index.position(self.offset(marker)))
    }

    /// Where a plain scalar on one line ends, from where it starts: its text is its value, so
    /// an ASCII value ends its length further on (saphyr's count agreeing). `None` otherwise.
    fn plain_end(&self, start: &Position, span: &EventSpan, value: &str) -> Option<Position> {
        let chars = span.end.index().checked_sub(span.start.index())?;
        let same_line = span.end.line() == span.start.line();
        if !same_line || chars != value.len() || !value.is_ascii() {
            return None;
        }
        let offset = start.offset.checked_add(chars)?;
        self.index
            .text()
            .is_char_boundary(offset)
            .then_some(Position {
                offset,
                line: start.line,
                column: start.column + chars,
                utf16_column: start.utf16_column + chars,
            })
    }

    /// The byte offset of a parser position. saphyr counts characters: in ASCII text that
    /// is the byte offset; otherwise the column is counted on its line.
    fn offset(&self, marker: &Marker) -> usize {
        if self.index.is_ascii() {
            marker.index().min(self.index.text().len())
        } else {
            self.index.offset_of_line_col(marker.line(), marker.col())
        }
    }

    /// Block scalars end at the next token; the underline should end at their last character.
    fn trim_end(&self, start: usize, end: usize) -> usize {
        let text = self.index.text().get(start..end).unwrap_or("");
        start + text.trim_end().len()
    }

    fn fatal(&self, start: usize, end: usize, message: String) -> Box<Finding> {
        Box::new(Finding::new(
            &codes::PARSE_YAML,
            self.current_pointer(),
            Some(self.index.span(start, end)),
            message,
            None,
        ))
    }

    /// Where a collection that starts at `start` ends: a flow collection at its `]` or `}`
    /// (`end_marker`); a block one where its `last` node does (not at the next token, which
    /// may be lines further down, past comments), or at its start when it is empty.
    fn end_of(
        &self,
        flow: bool,
        end_marker: &Marker,
        start: Position,
        last: Option<&Node>,
    ) -> Position {
        if flow {
            return self.position(end_marker);
        }
        match last.and_then(|n| n.span) {
            Some(span) if span.end.offset > start.offset => span.end,
            _ => start,
        }
    }

    /// Where a fatal finding is ([`place`], stopped at a secret's key).
    fn current_pointer(&self) -> String {
        place(&self.stack, &self.items, true)
    }

    fn takes_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Map { key: None, .. }))
    }

    fn set_key(&mut self, name: String, span: Span, is_merge: bool) {
        if let Some(Frame::Map { key, .. }) = self.stack.last_mut() {
            *key = Some(PendingKey {
                name,
                span,
                is_merge,
            });
        }
    }

    fn open(&mut self, start: usize) -> Result<(), Box<Finding>> {
        if self.takes_key() {
            return Err(self.fatal(
                start,
                start,
                "a list or mapping used as a key is not supported in a config".into(),
            ));
        }
        if self.stack.len() >= self.limits.max_depth {
            return Err(Box::new(Finding::new(
                &codes::PARSE_TOO_DEEP,
                self.current_pointer(),
                Some(self.index.span(start, start)),
                format!(
                    "lists and mappings nest deeper than the limit of {}",
                    self.limits.max_depth
                ),
                Some("flatten the structure; no real config nests this deep".into()),
            )));
        }
        Ok(())
    }

    /// Closes the innermost collection; `end_marker` is where its end event ends (the `]` or
    /// `}` of a flow collection).
    fn close(&mut self, end_marker: &Marker) -> Result<(), Box<Finding>> {
        let Some(frame) = self.stack.pop() else {
            return Ok(());
        };
        let (node, anchor) = match frame {
            Frame::Seq {
                start,
                flow,
                anchor,
                first,
            } => {
                let end = self.end_of(flow, end_marker, start, self.items[first..].last());
                let items = self.items.drain(first..).collect();
                (
                    Node::new(Value::Seq(items), Some(Span { start, end })),
                    anchor,
                )
            }
            Frame::Map {
                start,
                flow,
                anchor,
                entries,
                merges,
                ..
            } => {
                let last = self.mappings.last(&entries).map(|e| &e.value);
                let end = self.end_of(flow, end_marker, start, last);
                let mut entries = self.mappings.close(entries);
                if !merges.is_empty() {
                    for source in merges {
                        self.merge_into(&mut entries, source)?;
                    }
                    entries.shrink_to_fit();
                }
                (
                    Node::new(Value::Map(entries), Some(Span { start, end })),
                    anchor,
                )
            }
        };
        self.remember(anchor, &node);
        self.add(node)
    }

    /// `<<: *base` or `<<: [*a, *b]`: keys the mapping does not set itself come from the
    /// sources, earlier sources first.
    fn merge_into(&self, entries: &mut Mapping, source: Node) -> Result<(), Box<Finding>> {
        let sources = match source.value {
            Value::Map(_) => vec![source],
            Value::Seq(items) => items,
            // A scalar (`<<: 5`) merges nothing; YAML readers refuse it, so it is no
            // silent no-op here either.
            _ => vec![source],
        };
        for source in sources {
            let span = source.span;
            let Value::Map(merged) = source.value else {
                let at = span.map(|s| s.range()).unwrap_or(0..0);
                return Err(self.fatal(
                    at.start,
                    at.end,
                    "a `<<` merge key takes a mapping or a list of mappings".into(),
                ));
            };
            for entry in merged {
                entries.push_new(entry);
            }
        }
        Ok(())
    }

    fn alias(&mut self, id: usize, start: usize, end: usize) -> Result<(), Box<Finding>> {
        let Some(target) = self.anchors.get(&id) else {
            return Err(self.fatal(start, end, "an alias refers to no anchor".into()));
        };
        self.expanded_nodes += count_nodes(target);
        if self.expanded_nodes > self.limits.max_alias_nodes {
            return Err(Box::new(Finding::new(
                &codes::PARSE_ALIAS_LIMIT,
                self.current_pointer(),
                Some(self.index.span(start, end)),
                format!(
                    "aliases expand to more than {} nodes",
                    self.limits.max_alias_nodes
                ),
                Some("a config never needs this many copies; look for aliases that nest each other (a \"billion laughs\" document)".into()),
            )));
        }
        let mut node = target.clone();
        if self.takes_key() {
            let name = node.scalar_text().map(|s| s.into_owned()).ok_or_else(|| {
                self.fatal(
                    start,
                    end,
                    "an alias used as a key must name a scalar".into(),
                )
            })?;
            self.set_key(name, self.index.span(start, end), false);
            return Ok(());
        }
        node.span = Some(self.index.span(start, end));
        self.add(node)
    }

    fn remember(&mut self, anchor: usize, node: &Node) {
        if anchor > 0 {
            self.anchors.insert(anchor, node.clone());
        }
    }

    fn add(&mut self, node: Node) -> Result<(), Box<Finding>> {
        match self.stack.last_mut() {
            None => {
                self.root = Some(node);
                Ok(())
            }
            Some(Frame::Seq { .. }) => {
                self.items.push(node);
                Ok(())
            }
            Some(Frame::Map {
                entries,
                key,
                merges,
                ..
            }) => {
                let Some(key) = key.take() else {
                    return Ok(());
                };
                if key.is_merge {
                    merges.push(node);
                    return Ok(());
                }
                let span = key.span;
                let replaced = self.mappings.set(
                    entries,
                    Entry {
                        key: key.name,
                        key_span: Some(span),
                        value: node,
                    },
                );
                if let Some(first) = replaced {
                    let (stack, items) = (&self.stack, &self.items);
                    duplicate_key(&mut self.findings, &first, span, || {
                        place(stack, items, false)
                    });
                }
                Ok(())
            }
        }
    }
}

/// The pointer of the place the open frames lead to: each sequence's item number, each
/// mapping's pending key. With `secret_stops`, a place inside the value of a key that names a
/// secret is that key: where the text broke there (`jwt_secret: {s3cret`), the keys below
/// it may be the secret.
fn place(stack: &[Frame], items: &[Node], secret_stops: bool) -> String {
    // Each open sequence's item number: its items are those above its start on `items`,
    // up to the start of the sequence open inside it (counted innermost first).
    let mut numbers = Vec::new();
    let mut above = items.len();
    for frame in stack.iter().rev() {
        if let Frame::Seq { first, .. } = frame {
            numbers.push(above - first);
            above = *first;
        }
    }
    let mut out = String::new();
    for frame in stack {
        match frame {
            Frame::Seq { .. } => {
                let _ = write!(out, "/{}", numbers.pop().unwrap_or(0));
            }
            Frame::Map { key: Some(k), .. } => {
                pointer::push_token(&mut out, &k.name);
                if secret_stops && is_secret_like_key(&k.name) {
                    break;
                }
            }
            Frame::Map { .. } => {}
        }
    }
    out
}

fn count_nodes(node: &Node) -> usize {
    let mut count = 0;
    let mut todo = vec![node];
    while let Some(n) = todo.pop() {
        count += 1;
        match &n.value {
            Value::Seq(items) => todo.extend(items),
            Value::Map(entries) => todo.extend(entries.iter().map(|e| &e.value)),
            _ => {}
        }
    }
    count
}

/// Resolves a plain scalar by the YAML 1.2 core schema.
fn resolve_plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Float(f64::INFINITY)
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    if let Some(int) = core_int(text) {
        return int;
    }
    // `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`
    if let Some(f) = preflight_host_text::float::parse(text) {
        return Value::Float(f);
    }
    Value::String(text.to_string())
}

fn core_int(text: &str) -> Option<Value> {
    let (digits, radix) = if let Some(hex) = text.strip_prefix("0x") {
        (hex, 16)
    } else if let Some(oct) = text.strip_prefix("0o") {
        (oct, 8)
    } else {
        let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
        if unsigned.is_empty() || !unsigned.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        // Too large for an integer: kept as written, so a message quotes the digits the file
        // holds and says they are out of range (not a rounded float).
        return Some(match text.parse::<i64>() {
            Ok(i) => Value::Int(i),
            Err(_) => Value::String(text.to_string()),
        });
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    i64::from_str_radix(digits, radix).ok().map(Value::Int)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every span in the tree, keys' and values', with the text of each key and string.
    fn spans<'n>(node: &'n Node, out: &mut Vec<(Span, Option<&'n str>)>) {
        let text = match &node.value {
            Value::String(s) => Some(s.as_str()),
            _ => None,
        };
        out.extend(node.span.map(|span| (span, text)));
        match &node.value {
            Value::Seq(items) => items.iter().for_each(|n| spans(n, out)),
            Value::Map(entries) => {
                for entry in entries.iter() {
                    out.extend(entry.key_span.map(|span| (span, Some(entry.key.as_str()))));
                    spans(&entry.value, out);
                }
            }
            _ => {}
        }
    }

    /// Every span of `text`'s tree starts and ends at exactly the positions of its offsets.
    fn spans_are_their_offsets_positions(
        text: &str,
    ) -> Result<(), proptest::test_runner::TestCaseError> {
        let (root, _, _) = parse(text, &Limits::default());
        let index = LineIndex::new(text);
        let mut all = Vec::new();
        if let Some(root) = &root {
            spans(root, &mut all);
        }
        for (span, value) in all {
            proptest::prop_assert_eq!(span.start, index.position(span.start.offset), "{:?}", text);
            proptest::prop_assert_eq!(span.end, index.position(span.end.offset), "{:?}", text);
            // A plain scalar on one line spans exactly its text (a block scalar's span starts
            // at its text, and its value ends with a line break unless it strips it).
            let written = &text[span.range()];
            let plain = !written.starts_with(['"', '\'', '|', '>', '&', '*', '!'])
                && span.start.line == span.end.line;
            if let Some(value) = value.filter(|v| plain && !v.contains('\n')) {
                proptest::prop_assert_eq!(written, value, "{:?}", text);
            }
        }
        Ok(())
    }

    proptest::proptest! {
        /// Positions found from the parser's line and column are exactly the positions of
        /// their byte offsets, in ASCII and other text, on every kind of line.
        #[test]
        fn every_position_is_its_offsets_position(
            lines in proptest::collection::vec(proptest::sample::select(vec![
                "a: 1", "é: ü", "k: \"é😀\" # ü", "- x", "- é", "  - [1, é, {a: b}]",
                "b: |", "  é line", "  ascii", "c: >-", "  😀 folded", "d: {x: é, y: [1, 2]}",
                "# comment é", "", "e: 'q''é'", "f: &a é", "g: *a", "h:", "  i: 😀😀", "---",
            ]), 1..12),
            crlf in proptest::bool::ANY,
        ) {
            let text = lines.join(if crlf { "\r\n" } else { "\n" });
            spans_are_their_offsets_positions(&text)?;
        }
    }

    proptest::proptest! {
        /// In ASCII text without `\r` positions are saphyr's line, column and index as they
        /// are: exactly the positions of their offsets, also where saphyr puts a place past
        /// the end (a text without a final line break) or on a line of its own.
        #[test]
        fn every_position_in_ascii_text_is_its_offsets_position(
            lines in proptest::collection::vec(proptest::sample::select(vec![
                "a: 1", "- x", "  - [1, b, {a: b}]", "b: |", "  line", "  more", "c: >-",
                "  folded", "d: {x: 1, y: [1, 2]}", "# comment", "", "e: 'q''s'", "f: &a x",
                "g: *a", "h:", "  i: j", "---", "...", "k:\tv", "? l", ": m", "n: \"a", "  b\"",
                "o: [1,", "  2]", "p: x # c", "  ", "q:", "- - r",
            ]), 1..14),
            final_break in proptest::bool::ANY,
        ) {
            let mut text = lines.join("\n");
            if final_break {
                text.push('\n');
            }
            spans_are_their_offsets_positions(&text)?;
        }
    }

    fn parse_ok(text: &str) -> Node {
        let (root, findings, _) = parse(text, &Limits::default());
        assert!(findings.is_empty(), "{findings:?}");
        root.expect("a tree")
    }

    #[test]
    fn plain_scalars_follow_the_yaml_1_2_core_schema() {
        for (text, want) in [
            ("NO", Value::String("NO".into())),
            ("on", Value::String("on".into())),
            ("yes", Value::String("yes".into())),
            ("True", Value::Bool(true)),
            ("~", Value::Null),
            ("8080", Value::Int(8080)),
            ("0x1F", Value::Int(31)),
            ("0o17", Value::Int(15)),
            ("017", Value::Int(17)),
            ("1.5", Value::Float(1.5)),
            ("1e3", Value::Float(1000.0)),
            ("1h30m", Value::String("1h30m".into())),
            ("0x", Value::String("0x".into())),
            (".", Value::String(".".into())),
        ] {
            assert_eq!(resolve_plain(text), want, "{text}");
        }
    }

    #[test]
    fn quoted_and_tagged_scalars_stay_strings() {
        let root = parse_ok("a: '8080'\nb: !!str 12\nc: \"true\"\n");
        for key in ["a", "b", "c"] {
            assert!(matches!(
                root.get_tokens(&[key]).unwrap().value,
                Value::String(_)
            ));
        }
    }

    #[test]
    fn merge_keys_fill_in_what_the_mapping_does_not_set() {
        let root = parse_ok("base: &b {x: 1, y: 2}\nsvc:\n  <<: *b\n  y: 3\n");
        assert_eq!(root.get_tokens(&["svc", "x"]).unwrap().value, Value::Int(1));
        assert_eq!(root.get_tokens(&["svc", "y"]).unwrap().value, Value::Int(3));
    }

    #[test]
    fn block_collections_end_at_their_last_value() {
        let text = "list:\n  - a\n  - bb\n\n# trailing comment\nnext: 1\n";
        let root = parse_ok(text);
        let span = root.get_tokens(&["list"]).unwrap().span.unwrap();
        assert_eq!(&text[span.range()], "- a\n  - bb");
    }

    #[test]
    fn literal_blocks_end_at_their_last_character() {
        let text = "key: |\n  line one\n  line two\nnext: 1\n";
        let root = parse_ok(text);
        let span = root.get_tokens(&["key"]).unwrap().span.unwrap();
        assert_eq!(&text[span.range()], "line one\n  line two");
    }

    #[test]
    fn duplicate_keys_keep_the_last_value_and_say_so() {
        let (root, findings, _) = parse("a: 1\na: 2\n", &Limits::default());
        assert_eq!(
            root.unwrap().get_tokens(&["a"]).unwrap().value,
            Value::Int(2)
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code.code, "parse/duplicate-key");
        assert_eq!(findings[0].pointer, "/a");
        assert_eq!(findings[0].span.unwrap().start.line, 2);
    }

    #[test]
    fn duplicates_inside_nested_lists_are_named_by_their_place() {
        // Items of the outer list wait on the builder's stack below those of the inner one.
        let text = "a:\n  - [x, y]\n  - - z\n    - {k: 1, k: 2}\n    - []\n  - w\n";
        let (root, findings, _) = parse(text, &Limits::default());
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code.code, "parse/duplicate-key");
        assert_eq!(findings[0].pointer, "/a/1/1/k");
        let root = root.unwrap();
        assert_eq!(
            root.get_tokens(&["a", "1", "1", "k"]).unwrap().value,
            Value::Int(2)
        );
        assert_eq!(
            root.get_tokens(&["a", "2"]).unwrap().value,
            Value::String("w".into())
        );
        let empty = root.get_tokens(&["a", "1", "2"]).unwrap();
        assert_eq!(empty.value, Value::Seq(Vec::new()));
        assert_eq!(&text[empty.span.unwrap().range()], "[]");
    }

    /// Every sequence and mapping of a parsed tree holds exactly its items: none keeps the
    /// spare room of a growing `Vec` for the life of the document.
    #[test]
    fn collections_hold_no_spare_room() {
        fn check(node: &Node) {
            match &node.value {
                Value::Seq(items) => {
                    assert_eq!(items.capacity(), items.len());
                    items.iter().for_each(check);
                }
                Value::Map(entries) => {
                    assert_eq!(entries.spare_room(), 0, "{} entries", entries.len());
                    entries.iter().for_each(|e| check(&e.value));
                }
                _ => {}
            }
        }
        let mut text = String::from("base: &b {x: 1, y: 2}\nmerged:\n  <<: *b\n  z: 3\nbig:\n");
        for i in 0..100 {
            text.push_str(&format!("  k{i}: [1, 2, 3]\n"));
        }
        text.push_str("  k7: again\nlist:\n- a\n- b\n- c\n");
        let (root, findings, _) = parse(&text, &Limits::default());
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].pointer, "/big/k7");
        let root = root.unwrap();
        check(&root);
        let big = root.get_tokens(&["big"]).unwrap();
        let Value::Map(big) = &big.value else {
            panic!("big is a mapping");
        };
        assert_eq!(big.len(), 100);
        assert_eq!(big[7].value.value, Value::String("again".into()));
        assert_eq!(big.get("k99").map(|e| e.key.as_str()), Some("k99"));
        let merged = root.get_tokens(&["merged"]).unwrap();
        let Value::Map(merged) = &merged.value else {
            panic!("merged is a mapping");
        };
        let keys: Vec<&str> = merged.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["z", "x", "y"]);
    }

    #[test]
    fn spans_after_multi_byte_characters_are_exact() {
        let text = "# é😀 comment\nname: \"Zoë\"\nlist: [ä, 😀b]\nback: 1\n";
        let root = parse_ok(text);
        for (tokens, want) in [
            (&["name"][..], "\"Zoë\""),
            (&["list", "1"], "😀b"),
            (&["back"], "1"),
        ] {
            let span = root.get_tokens(tokens).unwrap().span.unwrap();
            assert_eq!(&text[span.range()], want, "{tokens:?}");
        }
    }

    #[test]
    fn alias_bombs_stop_at_the_limit() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let (root, findings, _) = parse(&text, &Limits::default());
        assert!(root.is_none());
        assert_eq!(findings.last().unwrap().code.code, "parse/alias-limit");
    }

    #[test]
    fn nesting_stops_at_the_depth_limit() {
        let text = "[".repeat(200);
        let (root, findings, _) = parse(&text, &Limits::default());
        assert!(root.is_none());
        assert_eq!(findings[0].code.code, "parse/too-deep");
    }

    #[test]
    fn a_fatal_finding_batches_of_events_later_has_its_exact_place() {
        // 100 keys are 400 events: several batches go to the tree before the one that fails.
        let lines: String = (0..100).map(|i| format!("k{i}: v{i}\n")).collect();
        let (root, findings, _) = parse(&format!("{lines}bad: [1,\nnext: 2"), &Limits::default());
        assert!(root.is_none());
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].code.code, "parse/yaml");
        assert_eq!(findings[0].span.unwrap().start.line, 102);

        let (root, findings, _) = parse(
            &format!("{lines}deep: {}", "[".repeat(200)),
            &Limits::default(),
        );
        assert!(root.is_none());
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].code.code, "parse/too-deep");
        let start = findings[0].span.unwrap().start;
        // `deep: ` is six columns; the 128th `[` (the default depth limit) is column 134.
        assert_eq!((start.line, start.column), (101, 134));
    }

    #[test]
    fn syntax_errors_have_a_place() {
        let (root, findings, _) = parse("a: [1,\nb: 2", &Limits::default());
        assert!(root.is_none());
        assert_eq!(findings[0].code.code, "parse/yaml");
        assert_eq!(findings[0].span.unwrap().start.line, 2);
    }

    #[test]
    fn a_syntax_error_inside_a_secret_is_placed_at_its_key() {
        let text = "auth:\n  jwt_secret: {Zk4pQv9Lr2\nstore:\n  x: 1\n";
        let (_, findings, _) = parse(text, &Limits::default());
        let found: Vec<_> = findings
            .iter()
            .map(|f| (f.code.code, f.pointer.as_str(), f.span.unwrap().start.line))
            .collect();
        assert_eq!(found, [("parse/yaml", "/auth/jwt_secret", 4)]);
        // A key set twice in a map named like a secret is still named by its own key.
        let (_, findings, _) = parse("secrets:\n  db: 1\n  db: 2\n", &Limits::default());
        assert_eq!(findings[0].pointer, "/secrets/db");
    }

    #[test]
    fn a_stream_is_a_list_of_documents_with_exact_spans() {
        let text = "a: 1\n---\nb:   2\n---\n# empty\n---\nc: [3]\n";
        let (root, findings, stream) = parse(text, &Limits::default());
        assert!(findings.is_empty(), "{findings:?}");
        assert!(stream);
        let root = root.unwrap();
        let Value::Seq(documents) = &root.value else {
            panic!("{root:?}")
        };
        assert_eq!(documents.len(), 4);
        let b = documents[1].get_tokens(&["b"]).unwrap();
        assert_eq!(b.value, Value::Int(2));
        let span = b.span.unwrap();
        assert_eq!((span.start.line, span.start.column), (3, 6));
        assert_eq!(&text[span.range()], "2");
        assert_eq!(documents[2].value, Value::Null);
        let c = documents[3].get_tokens(&["c", "0"]).unwrap().span.unwrap();
        assert_eq!((c.start.line, c.start.column), (7, 5));
        // Anchors do not reach into the next document.
        let (_, findings, _) = parse("a: &x 1\n---\nb: *x\n", &Limits::default());
        assert_eq!(findings.len(), 1, "{findings:?}");
        // One document, with or without `---`, is no stream.
        assert!(!parse("---\na: 1\n", &Limits::default()).2);
    }
}
