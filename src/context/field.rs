//! What a rule looks up in the document: a field's pointer parsed once ([`FieldRef`]), the
//! literal a condition compares with, and the [`Scope`] lookups run in — the whole document,
//! or one entry of a wildcard map (`/file_storage/backends/*/…`) bound to the `*`.

use std::borrow::Cow;
use std::fmt;

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use crate::document::read::{self, FromNode, ReadError};
use crate::document::{trimmed, Entry, Node, Value};
use crate::pointer;

/// The token that stands for any key of a map.
pub(crate) const WILDCARD: &str = "*";

/// A pointer into the checked document, parsed once when the schema compiles.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FieldRef {
    pub pointer: String,
    pub tokens: Vec<String>,
    /// Where the `*` of a wildcard map is among the tokens.
    wild: Option<usize>,
    /// The place of the field this pointer names, when the schema declares one: in
    /// `Schema::fields` for a plain field, among its map's fields for a field under a `*`.
    /// The structure walk records that field's entry ([`Walked`]), so a lookup in a
    /// [`Scope`] that holds the record needs no walk.
    slot: Option<usize>,
}

impl FieldRef {
    /// The document itself (a value checked on its own has this pointer).
    pub const ROOT: FieldRef = FieldRef {
        pointer: String::new(),
        tokens: Vec::new(),
        wild: None,
        slot: None,
    };

    pub fn new(pointer: String, tokens: Vec<String>) -> Self {
        let wild = tokens.iter().position(|t| t == WILDCARD);
        FieldRef {
            pointer,
            tokens,
            wild,
            slot: None,
        }
    }

    /// The same pointer, naming the field at `slot` (see [`FieldRef::slot`]).
    pub fn with_slot(self, slot: Option<usize>) -> Self {
        FieldRef { slot, ..self }
    }

    /// The place of the field this pointer names, if known: in `Schema::fields`, or among its
    /// wildcard map's fields for a pointer with a `*`.
    pub fn slot(&self) -> Option<usize> {
        self.slot
    }

    /// A pointer written as text; `None` when it is not RFC 6901.
    pub fn parse(pointer: &str) -> Option<Self> {
        Some(FieldRef::new(
            pointer.to_string(),
            pointer::tokens(pointer)?,
        ))
    }

    /// Whether the pointer names a wildcard map's entries themselves (`/a/*`), not a key
    /// inside them (`/a/*/b`).
    pub fn is_wildcard_entry(&self) -> bool {
        self.wild.is_some_and(|at| at + 1 == self.tokens.len())
    }

    /// The map a wildcard pointer repeats under (`/a/*/b` → tokens `[a]`).
    pub fn wildcard_map(&self) -> Option<&[String]> {
        self.wild.map(|at| &self.tokens[..at])
    }
}

/// A condition on another field: set, or equal to the literal.
pub(crate) type Cond = (FieldRef, Option<Literal>);

/// A condition on another field as a schema writes it: set at all, or equal to a value.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct Condition {
    pub field: String,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub equals: Option<Literal>,
}

impl FromNode for Condition {
    fn from_node(node: &Node) -> Result<Self, ReadError> {
        read::record(node, "a condition (field, equals)", |keys| {
            Ok(Condition {
                field: keys.require("field")?,
                equals: keys.get("equals")?,
            })
        })
    }
}

/// A scalar a condition compares with. `true` matches `true`, `"true"` and (env) `TRUE`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(untagged))]
pub enum Literal {
    Bool(bool),
    Int(i64),
    Float(f64),
    String(String),
}

/// A literal is whatever scalar the schema wrote.
impl FromNode for Literal {
    fn from_node(node: &Node) -> Result<Self, ReadError> {
        match &node.value {
            Value::Bool(b) => Ok(Literal::Bool(*b)),
            Value::Int(i) => Ok(Literal::Int(*i)),
            Value::Float(x) => Ok(Literal::Float(*x)),
            Value::String(s) => Ok(Literal::String(s.clone())),
            _ => Err(ReadError::expected("a string, number or boolean", node)),
        }
    }
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Bool(b) => write!(f, "{b}"),
            Literal::Int(i) => write!(f, "{i}"),
            Literal::Float(x) => f.write_str(&preflight_host_text::float::display(*x)),
            Literal::String(s) => f.write_str(s),
        }
    }
}

/// Whether a node holds a literal: `true` matches `true`, `"true"` and `TRUE`; numbers match
/// their decimal text; strings match exactly.
pub(crate) fn matches(node: &Node, literal: &Literal) -> bool {
    match (literal, &node.value) {
        (Literal::Bool(b), Value::Bool(v)) => b == v,
        (Literal::Bool(b), Value::String(s)) => {
            trimmed(s).eq_ignore_ascii_case(if *b { "true" } else { "false" })
        }
        (Literal::String(lit), Value::String(s)) => trimmed(s) == lit,
        (Literal::Int(i), Value::Int(v)) => i == v,
        (Literal::Float(f), Value::Float(v)) => f == v,
        (lit, _) => node
            .scalar_text()
            .is_some_and(|t| trimmed(&t) == lit.to_string()),
    }
}

/// What the structure walk learnt of one field in one document: a plain field
/// (`Schema::fields`), or a wildcard map's field in the entry the walk has just passed.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Walked<'n> {
    /// The walk did not pass the mapping that would hold it (absent higher up, a list item's
    /// field, or not walked yet): only a lookup can tell.
    NotReached,
    /// The walk passed the whole mapping that would hold it, and it is not there.
    Absent,
    /// Its entry.
    At(&'n Entry),
}

/// Where lookups start: the document's root, and the entry of a wildcard map that the `*` of
/// a field's pointer stands for while that entry's fields are checked; with what the
/// structure walk recorded of the plain fields (once it is done) and of the bound entry's.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scope<'n> {
    pub root: &'n Node,
    bound: Option<&'n Entry>,
    /// Indexed like `Schema::fields`.
    walked: &'n [Walked<'n>],
    /// Indexed like the bound entry's map's fields.
    walked_bound: &'n [Walked<'n>],
}

impl<'n> Scope<'n> {
    pub fn new(root: &'n Node) -> Self {
        Scope {
            root,
            bound: None,
            walked: &[],
            walked_bound: &[],
        }
    }

    /// The same document, where a plain field the walk recorded (a [`FieldRef`] with a slot)
    /// is answered from `walked`, indexed like `Schema::fields`.
    pub fn with_walked(self, walked: &'n [Walked<'n>]) -> Self {
        Scope { walked, ..self }
    }

    /// The same document, with `*` standing for this entry of a wildcard map.
    pub fn bind(self, entry: &'n Entry) -> Self {
        Scope {
            bound: Some(entry),
            walked_bound: &[],
            ..self
        }
    }

    /// The same document, with `*` standing for this entry of a wildcard map, whose fields
    /// the walk recorded in `walked`, indexed like the map's fields.
    pub fn bind_walked(self, entry: &'n Entry, walked: &'n [Walked<'n>]) -> Self {
        Scope {
            walked_bound: walked,
            ..self.bind(entry)
        }
    }

    /// The entry of a field the structure walk recorded: `Some(None)` when it found the
    /// field absent, `None` when only a lookup can tell.
    fn recorded(&self, field: &FieldRef) -> Option<Option<&'n Entry>> {
        let walked = match field.wild {
            Some(_) => self.walked_bound,
            None => self.walked,
        };
        match walked.get(field.slot()?)? {
            Walked::NotReached => None,
            Walked::Absent => Some(None),
            Walked::At(entry) => Some(Some(entry)),
        }
    }

    /// Follows `tokens` (the first `depth` of a field's) from the root, or from the bound
    /// entry once they pass the `*`.
    fn walk(&self, field: &FieldRef, depth: usize) -> Option<&'n Node> {
        let tokens = field.tokens.get(..depth)?;
        let (mut node, rest) = match field.wild {
            Some(at) if at < depth => (&self.bound?.value, &tokens[at + 1..]),
            _ => (self.root, tokens),
        };
        for token in rest {
            node = match &node.value {
                Value::Map(entries) => &entries.get(token)?.value,
                Value::Seq(items) => items.get(pointer::array_index(token)?)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// The node at a field.
    pub fn get(&self, field: &FieldRef) -> Option<&'n Node> {
        match self.recorded(field) {
            Some(entry) => entry.map(|e| &e.value),
            None => self.walk(field, field.tokens.len()),
        }
    }

    /// The entry (key and value) at the first `depth` tokens of a field.
    pub fn entry_at(&self, field: &FieldRef, depth: usize) -> Option<&'n Entry> {
        let last = field.tokens.get(depth.checked_sub(1)?)?;
        if field.wild == Some(depth - 1) {
            return self.bound;
        }
        match &self.walk(field, depth - 1)?.value {
            Value::Map(entries) => entries.get(last),
            _ => None,
        }
    }

    /// The entry at a field.
    pub fn entry(&self, field: &FieldRef) -> Option<&'n Entry> {
        match self.recorded(field) {
            Some(entry) => entry,
            None => self.entry_at(field, field.tokens.len()),
        }
    }

    /// A field's pointer in this scope: the bound key in place of `*`.
    pub fn pointer<'f>(&self, field: &'f FieldRef) -> Cow<'f, str> {
        match (field.wild, self.bound) {
            (Some(_), Some(entry)) => {
                let mut joined = String::with_capacity(field.pointer.len() + entry.key.len() + 4);
                for token in &field.tokens {
                    let token = if token == WILDCARD { &entry.key } else { token };
                    pointer::push_token(&mut joined, token);
                }
                Cow::Owned(joined)
            }
            _ => Cow::Borrowed(&field.pointer),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Mapping;

    fn node(value: Value) -> Node {
        Node::new(value, None)
    }

    #[test]
    fn a_bound_scope_puts_the_escaped_key_in_place_of_the_wildcard() {
        let field = FieldRef::parse("/backends/*/bucket").unwrap();
        assert_eq!(field.wildcard_map(), Some(&["backends".to_string()][..]));
        let entry = Entry {
            key: "s3/eu~1".into(),
            key_span: None,
            value: node(Value::Map(Mapping::from(vec![Entry {
                key: "bucket".into(),
                key_span: None,
                value: node(Value::String("media".into())),
            }]))),
        };
        let root = node(Value::Map(Mapping::new()));
        let scope = Scope::new(&root);
        assert_eq!(scope.pointer(&field), "/backends/*/bucket");
        assert_eq!(scope.get(&field), None);
        let bound = scope.bind(&entry);
        assert_eq!(bound.pointer(&field), "/backends/s3~1eu~01/bucket");
        assert_eq!(
            bound.get(&field).and_then(|n| n.scalar_text()).as_deref(),
            Some("media")
        );
        assert_eq!(
            bound.entry_at(&field, 2).map(|e| e.key.as_str()),
            Some("s3/eu~1")
        );
        // A field outside the map is looked up from the root, bound or not.
        let plain = FieldRef::parse("/backends").unwrap();
        assert_eq!(bound.pointer(&plain), "/backends");
    }
}
