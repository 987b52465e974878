//! Documents: one tree of spanned nodes, whatever the input format.
//!
//! Each front-end ([`yaml`], [`json`], [`env`]) turns text into a [`Document`]; host values (a
//! process environment, a `serde_json::Value`) become one through [`host`]. Nodes keep the span
//! of their text, and any node can be addressed by an RFC 6901 pointer.

pub mod compose;
mod env;
pub mod host;
mod json;
pub mod k8s;
mod mapping;
pub(crate) mod read;
mod shared_findings;
mod yaml;

use std::borrow::Cow;
use std::fmt;

use crate::diagnostic::Findings;
use crate::span::Span;

pub use crate::input::{Format, Limits};
pub(crate) use env::continues_secret_value;
pub(crate) use json::write as write_json;
pub use mapping::Mapping;
pub(crate) use mapping::{OpenMapping, OpenMappings};

/// One value in a document, with the span of its text (`None` for host values).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Option<Span>,
}

/// The value of a node. Env files hold only strings; YAML plain scalars are resolved by the
/// YAML 1.2 core schema (so `NO` stays a string).
///
/// `Debug` never prints a string or number (any of them may be a secret): it shows
/// `String(<12 chars>)`. Read values with [`Node::scalar_text`].
#[derive(Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    String(String),
    Seq(Vec<Node>),
    Map(Mapping),
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("Null"),
            Value::Bool(b) => write!(f, "Bool({b})"),
            Value::Int(_) => f.write_str("Int(<redacted>)"),
            Value::Float(_) => f.write_str("Float(<redacted>)"),
            Value::String(s) => write!(f, "String(<{} chars>)", s.chars().count()),
            Value::Seq(items) => f.debug_tuple("Seq").field(items).finish(),
            Value::Map(entries) => f.debug_tuple("Map").field(entries).finish(),
        }
    }
}

/// One key of a mapping, with the span of the key text.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: Option<Span>,
    pub value: Node,
}

impl Node {
    pub fn new(value: Value, span: Option<Span>) -> Self {
        Node { value, span }
    }

    /// The text of a scalar as a config reader would see it: strings as they are, numbers and
    /// booleans in their plain spelling. `None` for null, sequences and mappings.
    pub fn scalar_text(&self) -> Option<Cow<'_, str>> {
        match &self.value {
            Value::String(s) => Some(Cow::Borrowed(s)),
            Value::Bool(b) => Some(Cow::Owned(b.to_string())),
            Value::Int(i) => Some(Cow::Owned(i.to_string())),
            Value::Float(f) => Some(Cow::Owned(preflight_host_text::float::display(*f))),
            Value::Null | Value::Seq(_) | Value::Map(_) => None,
        }
    }

    /// Whether a config reader would consider this value set: not null and not an empty string.
    pub fn is_set(&self) -> bool {
        match &self.value {
            Value::Null => false,
            Value::String(s) => !trimmed(s).is_empty(),
            _ => true,
        }
    }

    /// The entry `key` of a mapping node.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        match &self.value {
            Value::Map(entries) => entries.get(key),
            _ => None,
        }
    }

    /// Follows unescaped pointer tokens from this node.
    pub fn get_tokens<S: AsRef<str>>(&self, tokens: &[S]) -> Option<&Node> {
        let mut node = self;
        for token in tokens {
            let token = token.as_ref();
            node = match &node.value {
                Value::Map(_) => &node.entry(token)?.value,
                Value::Seq(items) => items.get(crate::pointer::array_index(token)?)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// What a value is, in the words of a diagnostic (`a mapping`, `a string`).
    pub fn type_name(&self) -> &'static str {
        self.value.type_name()
    }
}

/// `text.trim()`, without decoding a character when both ends are printable ASCII, as almost
/// every config value's are: the rules trim each value they read.
pub(crate) fn trimmed(text: &str) -> &str {
    let printable = |b: Option<&u8>| b.is_some_and(|b| (b'!'..=b'~').contains(b));
    let bytes = text.as_bytes();
    if printable(bytes.first()) && printable(bytes.last()) {
        text
    } else {
        text.trim()
    }
}

impl Value {
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::String(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// A parsed config: its tree (absent when the text could not be parsed at all) and the
/// problems the front-end found on the way.
#[derive(Debug, Clone)]
pub struct Document {
    pub(crate) root: Option<Node>,
    pub(crate) format: Option<Format>,
    /// At most `Limits::max_findings_per_code` of each code; the rest counted.
    pub(crate) findings: Findings,
    /// The root is a YAML stream of several documents (`---`): its items are the documents,
    /// each checked on its own, with pointers from `/0`, `/1`, ….
    pub(crate) stream: bool,
}

impl Document {
    /// Parses `text` in `format`, never failing: problems become `parse/*` diagnostics.
    pub fn parse(text: &str, format: Format, limits: &Limits) -> Document {
        if text.len() > limits.max_bytes {
            return Document::too_large(Some(text.len()), format, limits);
        }
        let (root, findings, stream) = match format {
            Format::Yaml => yaml::parse(text, limits),
            Format::Json => {
                let (root, findings) = json::parse(text, limits);
                (root, findings, false)
            }
            Format::Env => {
                let (root, findings) = env::parse(text, limits);
                (root, findings, false)
            }
        };
        Document {
            root,
            format: Some(format),
            findings,
            stream,
        }
    }

    /// The document of an input over `limits.max_bytes`, which a caller need not read whole:
    /// `len` is its size when known (a file's), `None` when only "more than the limit" is
    /// (standard input read up to the limit and one byte).
    pub fn too_large(len: Option<usize>, format: Format, limits: &Limits) -> Document {
        Document {
            root: None,
            format: Some(format),
            findings: Findings::unlimited().with(shared_findings::too_large(len, limits.max_bytes)),
            stream: false,
        }
    }

    /// A document built from a tree a host already holds (no spans).
    pub fn from_node(root: Node) -> Document {
        Document {
            root: Some(root),
            format: None,
            findings: Findings::unlimited(),
            stream: false,
        }
    }

    /// The documents of a YAML stream (`---` between them), when the text held several.
    pub fn stream_documents(&self) -> Option<&[Node]> {
        match (&self.root, self.stream) {
            (
                Some(Node {
                    value: Value::Seq(items),
                    ..
                }),
                true,
            ) => Some(items),
            _ => None,
        }
    }

    /// The root node; `None` when parsing failed.
    pub fn root(&self) -> Option<&Node> {
        self.root.as_ref()
    }

    /// The format the document was parsed from; `None` for host values.
    pub fn format(&self) -> Option<Format> {
        self.format
    }

    /// The node at an RFC 6901 pointer.
    pub fn get(&self, pointer: &str) -> Option<&Node> {
        let tokens = crate::pointer::tokens(pointer)?;
        self.root.as_ref()?.get_tokens(&tokens)
    }

    /// Whether the front-end could not build a tree at all.
    pub fn failed(&self) -> bool {
        self.root.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn trimmed_is_trim(text in "[ \t\n\r!-~\u{85}\u{a0}\u{3000}é]{0,6}") {
            proptest::prop_assert_eq!(trimmed(&text), text.trim());
        }
    }

    #[test]
    fn guesses_format_from_file_names() {
        for (name, want) in [
            ("config.yaml", Some(Format::Yaml)),
            ("dir/x.YML", Some(Format::Yaml)),
            ("a.json", Some(Format::Json)),
            (".env", Some(Format::Env)),
            ("api.env", Some(Format::Env)),
            ("deploy/.env.production", Some(Format::Env)),
            ("notes.txt", None),
        ] {
            assert_eq!(Format::from_file_name(name), want, "{name}");
        }
    }
}
