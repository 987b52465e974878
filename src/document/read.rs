//! Reading typed values out of a spanned [`Node`] tree: how a schema document becomes the
//! schema language's structs. Every mistake names its pointer and its place: a wrong type at
//! the value, an unknown key at the key, a missing key at the mapping that lacks it.
//!
//! Each struct reads itself with a [`Keys`] over its mapping (`keys.get("min")?`), so a
//! struct that shares its mapping with another (a field's kind parameters beside the field's
//! own keys) reads from the same [`Keys`], and [`Keys::finish`] then refuses whatever key
//! neither of them asked for. Hand-written rather than serde-derived: it is a fraction of the
//! code in wasm, and it places every error exactly.

use std::collections::BTreeMap;

use super::{Entry, Format, Mapping, Node, Value};
use crate::span::Span;

/// A mistake in a document read as typed values, with where it is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ReadError {
    pub message: String,
    /// Pointer tokens from the node read down to the mistake.
    pub tokens: Vec<String>,
    pub span: Option<Span>,
}

impl ReadError {
    pub fn new(message: impl Into<String>, span: Option<Span>) -> Self {
        ReadError {
            message: message.into(),
            tokens: Vec::new(),
            span,
        }
    }

    /// The same mistake, one key or index further from the node read.
    pub fn under(mut self, token: impl Into<String>) -> Self {
        self.tokens.insert(0, token.into());
        self
    }

    /// `expected a string, found a list`, at the node.
    pub fn expected(what: &str, node: &Node) -> Self {
        ReadError::new(
            format!("expected {what}, found {}", node.type_name()),
            node.span,
        )
    }
}

from_names!(Format {
    "yaml" => Format::Yaml,
    "json" => Format::Json,
    "env" => Format::Env,
});

/// A value that reads itself from a node.
pub(crate) trait FromNode: Sized {
    fn from_node(node: &Node) -> Result<Self, ReadError>;
}

impl FromNode for String {
    fn from_node(node: &Node) -> Result<Self, ReadError> {
        match &node.value {
            Value::String(s) => Ok(s.clone()),
            _ => Err(ReadError::expected("a string", node)),
        }
    }
}

impl FromNode for bool {
    fn from_node(node: &Node) -> Result<Self, ReadError> {
        match node.value {
            Value::Bool(b) => Ok(b),
            _ => Err(ReadError::expected("true or false", node)),
        }
    }
}

impl FromNode for i64 {
    fn from_node(node: &Node) -> Result<Self, ReadError> {
        match node.value {
            Value::Int(i) => Ok(i),
            _ => Err(ReadError::expected("an integer", node)),
        }
    }
}

/// Unsigned integers: an integer in the type's range.
macro_rules! unsigned {
    ($($t:ty),*) => {$(
        impl FromNode for $t {
            fn from_node(node: &Node) -> Result<Self, ReadError> {
                let i = i64::from_node(node)?;
                <$t>::try_from(i).map_err(|_| {
                    ReadError::new(
                        format!("{i} is out of range (0 to {})", <$t>::MAX),
                        node.span,
                    )
                })
            }
        }
    )*};
}
unsigned!(u16, u32, usize);

/// Null reads as `None`.
impl<T: FromNode> FromNode for Option<T> {
    fn from_node(node: &Node) -> Result<Self, ReadError> {
        match node.value {
            Value::Null => Ok(None),
            _ => T::from_node(node).map(Some),
        }
    }
}

impl<T: FromNode> FromNode for Box<T> {
    fn from_node(node: &Node) -> Result<Self, ReadError> {
        T::from_node(node).map(Box::new)
    }
}

impl<T: FromNode> FromNode for Vec<T> {
    fn from_node(node: &Node) -> Result<Self, ReadError> {
        let Value::Seq(items) = &node.value else {
            return Err(ReadError::expected("a list", node));
        };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| T::from_node(item).map_err(|e| e.under(i.to_string())))
            .collect()
    }
}

impl<T: FromNode> FromNode for BTreeMap<String, T> {
    fn from_node(node: &Node) -> Result<Self, ReadError> {
        // Inserted one by one: `collect` would sort the entries first, which builds a stable
        // sort for each `T` into the wasm modules (about 4.5 KB each).
        let mut map = BTreeMap::new();
        for (key, value) in ordered(node)? {
            map.insert(key, value);
        }
        Ok(map)
    }
}

/// A mapping's entries in the order the document wrote them.
pub(crate) fn ordered<T: FromNode>(node: &Node) -> Result<Vec<(String, T)>, ReadError> {
    entries(node, "a mapping")?
        .iter()
        .map(|entry| Ok((entry.key.clone(), read_value(entry)?)))
        .collect()
}

fn entries<'a>(node: &'a Node, what: &str) -> Result<&'a Mapping, ReadError> {
    match &node.value {
        Value::Map(entries) => Ok(entries),
        _ => Err(ReadError::expected(what, node)),
    }
}

fn read_value<T: FromNode>(entry: &Entry) -> Result<T, ReadError> {
    T::from_node(&entry.value).map_err(|e| e.under(entry.key.as_str()))
}

/// One of a set of names (`lowercase`, `trusted_proxies`), as its value.
pub(crate) fn name_of<T: Copy>(node: &Node, names: &[(&str, T)]) -> Result<T, ReadError> {
    let Value::String(name) = &node.value else {
        return Err(ReadError::expected("a name", node));
    };
    names
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, value)| *value)
        .ok_or_else(|| {
            let known = names.iter().map(|(n, _)| *n);
            ReadError::new(
                format!("unknown variant `{name}`, expected {}", one_of(known)),
                node.span,
            )
        })
}

/// `impl FromNode` for an enum a schema writes as one of a set of names:
/// `from_names!(Required { "always" => Required::Always, "never" => Required::Never });`
macro_rules! from_names {
    ($t:ty { $($name:literal => $value:expr),+ $(,)? }) => {
        impl $crate::document::read::FromNode for $t {
            fn from_node(
                node: &$crate::document::Node,
            ) -> Result<Self, $crate::document::read::ReadError> {
                $crate::document::read::name_of(node, &[$(($name, $value)),+])
            }
        }
    };
}
pub(crate) use from_names;

/// `one of `a`, `b`` for a message.
pub(crate) fn one_of<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<String> = names.map(|n| format!("`{n}`")).collect();
    match names.len() {
        0 => "nothing here".into(),
        1 => names.join(""),
        _ => format!("one of {}", names.join(", ")),
    }
}

/// The keys of one mapping, as the structs reading it ask for them.
pub(crate) struct Keys<'a> {
    node: &'a Node,
    entries: &'a Mapping,
    asked: Vec<&'static str>,
}

impl<'a> Keys<'a> {
    /// The keys of `node`, which must be a mapping (`what` names it in the error).
    pub fn of(node: &'a Node, what: &str) -> Result<Self, ReadError> {
        Ok(Keys {
            node,
            entries: entries(node, what)?,
            asked: Vec::new(),
        })
    }

    /// The entry `name`, if the mapping has it; asking makes the key known.
    pub fn entry(&mut self, name: &'static str) -> Option<&'a Entry> {
        self.asked.push(name);
        self.entries.get(name)
    }

    /// The value of `name`, or `T::default()` when the key is absent.
    pub fn get<T: FromNode + Default>(&mut self, name: &'static str) -> Result<T, ReadError> {
        self.get_or(name, T::default)
    }

    /// The value of `name`, or `default()` when the key is absent.
    pub fn get_or<T: FromNode>(
        &mut self,
        name: &'static str,
        default: impl FnOnce() -> T,
    ) -> Result<T, ReadError> {
        match self.entry(name) {
            Some(entry) => read_value(entry),
            None => Ok(default()),
        }
    }

    /// The entries of the mapping under `name`, in the order written; none when it is absent.
    pub fn ordered<T: FromNode>(
        &mut self,
        name: &'static str,
    ) -> Result<Vec<(String, T)>, ReadError> {
        match self.entry(name) {
            Some(entry) => ordered(&entry.value).map_err(|e| e.under(name)),
            None => Ok(Vec::new()),
        }
    }

    /// The value of `name`, which must be there.
    pub fn require<T: FromNode>(&mut self, name: &'static str) -> Result<T, ReadError> {
        match self.entry(name) {
            Some(entry) => read_value(entry),
            None => Err(self.missing(name)),
        }
    }

    /// The error for a key that must be there and is not, at the mapping.
    pub fn missing(&self, name: &str) -> ReadError {
        ReadError::new(format!("missing field `{name}`"), self.node.span)
    }

    /// Refuses the first key no reader asked for, at that key.
    pub fn finish(self) -> Result<(), ReadError> {
        let Some(unknown) = self
            .entries
            .iter()
            .find(|e| !self.asked.contains(&e.key.as_str()))
        else {
            return Ok(());
        };
        let expected = match self.asked.len() {
            0 => "there are no fields".to_string(),
            _ => format!("expected {}", one_of(self.asked.iter().copied())),
        };
        Err(ReadError::new(
            format!("unknown field `{}`, {expected}", unknown.key),
            unknown.key_span,
        )
        .under(unknown.key.as_str()))
    }
}

/// Reads a struct from its own mapping: `read` asks for its keys, and any other key is refused.
pub(crate) fn record<T>(
    node: &Node,
    what: &str,
    read: impl FnOnce(&mut Keys<'_>) -> Result<T, ReadError>,
) -> Result<T, ReadError> {
    let mut keys = Keys::of(node, what)?;
    let value = read(&mut keys)?;
    keys.finish()?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Format, Limits};

    fn doc(text: &str) -> Node {
        let doc = Document::parse(text, Format::Yaml, &Limits::default());
        doc.root().cloned().expect("parses")
    }

    #[derive(Debug, PartialEq, Default)]
    struct Point {
        x: u16,
        label: Option<String>,
        tags: Vec<String>,
    }

    impl FromNode for Point {
        fn from_node(node: &Node) -> Result<Self, ReadError> {
            record(node, "a point", |keys| {
                Ok(Point {
                    x: keys.require("x")?,
                    label: keys.get("label")?,
                    tags: keys.get("tags")?,
                })
            })
        }
    }

    fn at(e: &ReadError) -> (String, Option<(usize, usize)>) {
        (
            crate::pointer::join(e.tokens.iter().map(String::as_str)),
            e.span.map(|s| (s.start.line, s.start.column)),
        )
    }

    #[test]
    fn a_struct_reads_its_keys() {
        let point: Point = FromNode::from_node(&doc("x: 3\ntags: [a, b]\n")).unwrap();
        assert_eq!(
            point,
            Point {
                x: 3,
                label: None,
                tags: vec!["a".into(), "b".into()]
            }
        );
    }

    #[test]
    fn mistakes_say_where() {
        let err = Point::from_node(&doc("x: 3\ntags: [a, 7]\n")).unwrap_err();
        assert_eq!(at(&err), ("/tags/1".into(), Some((2, 11))));
        assert_eq!(err.message, "expected a string, found an integer");

        let err = Point::from_node(&doc("x: 3\nlabl: a\n")).unwrap_err();
        assert_eq!(at(&err), ("/labl".into(), Some((2, 1))));
        assert_eq!(
            err.message,
            "unknown field `labl`, expected one of `x`, `label`, `tags`"
        );

        let err = Point::from_node(&doc("label: a\n")).unwrap_err();
        assert_eq!(at(&err), ("".into(), Some((1, 1))));
        assert_eq!(err.message, "missing field `x`");

        let err = Point::from_node(&doc("x: 70000\n")).unwrap_err();
        assert_eq!(at(&err), ("/x".into(), Some((1, 4))));
        assert_eq!(err.message, "70000 is out of range (0 to 65535)");

        let err = Point::from_node(&doc("- x\n")).unwrap_err();
        assert_eq!(err.message, "expected a point, found a list");
    }

    #[test]
    fn names_are_one_of_a_set() {
        let names = [("lower", 1), ("upper", 2)];
        assert_eq!(name_of(&doc("upper"), &names), Ok(2));
        let err = name_of(&doc("uper"), &names).unwrap_err();
        assert_eq!(
            err.message,
            "unknown variant `uper`, expected one of `lower`, `upper`"
        );
        assert_eq!(at(&err), ("".into(), Some((1, 1))));
    }

    #[test]
    fn ordered_maps_keep_the_written_order() {
        let map: Vec<(String, u16)> = ordered(&doc("b: 1\na: 2\n")).unwrap();
        assert_eq!(map, vec![("b".into(), 1), ("a".into(), 2)]);
        let map: BTreeMap<String, u16> = FromNode::from_node(&doc("b: 1\na: 2\n")).unwrap();
        assert_eq!(map.keys().collect::<Vec<_>>(), ["a", "b"]);
    }
}
