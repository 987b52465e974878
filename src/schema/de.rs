//! A serde `Deserializer` over our spanned [`Node`] tree, so a schema error names the pointer
//! and the line and column where it happened.

use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};

use crate::document::{Entry, Node, Value};
use crate::span::Span;

/// A deserialization error with the place it happened, filled in as it bubbles up.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DeError {
    pub message: String,
    /// Pointer tokens, innermost last.
    pub tokens: Vec<String>,
    /// Boxed to keep `Result<_, DeError>` small on the happy path.
    pub span: Option<Box<Span>>,
    located: bool,
}

impl DeError {
    fn at(mut self, token: String, span: Option<Span>) -> Self {
        self.tokens.insert(0, token);
        if !self.located {
            self.span = span.map(Box::new);
            self.located = true;
        }
        self
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError {
            message: msg.to_string(),
            tokens: Vec::new(),
            span: None,
            located: false,
        }
    }
}

/// Deserializes `T` from a node; errors carry pointer tokens and a span.
pub(crate) fn from_node<'de, T: de::Deserialize<'de>>(node: &'de Node) -> Result<T, DeError> {
    T::deserialize(NodeDe(node)).map_err(|mut e| {
        if !e.located {
            e.span = node.span.map(Box::new);
        }
        e
    })
}

struct NodeDe<'de>(&'de Node);

impl<'de> de::Deserializer<'de> for NodeDe<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Int(i) => visitor.visit_i64(*i),
            Value::Float(f) => visitor.visit_f64(*f),
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Seq(items) => visitor.visit_seq(Items { items, next: 0 }),
            Value::Map(entries) => visitor.visit_map(Entries {
                entries,
                next: 0,
                current: None,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match &self.0.value {
            Value::String(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            Value::Map(entries) if entries.len() == 1 => visitor.visit_enum(Variant(&entries[0])),
            other => Err(de::Error::custom(format!(
                "expected a name or a mapping with one key, found {}",
                other.type_name()
            ))),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

struct Items<'de> {
    items: &'de [Node],
    next: usize,
}

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let Some(node) = self.items.get(self.next) else {
            return Ok(None);
        };
        let index = self.next;
        self.next += 1;
        seed.deserialize(NodeDe(node))
            .map(Some)
            .map_err(|e| e.at(index.to_string(), node.span))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len() - self.next)
    }
}

struct Entries<'de> {
    entries: &'de [Entry],
    next: usize,
    current: Option<&'de Entry>,
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some(entry) = self.entries.get(self.next) else {
            return Ok(None);
        };
        self.next += 1;
        self.current = Some(entry);
        let key: de::value::BorrowedStrDeserializer<'de, DeError> =
            de::value::BorrowedStrDeserializer::new(&entry.key);
        seed.deserialize(key)
            .map(Some)
            .map_err(|e| e.at(entry.key.clone(), entry.key_span))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some(entry) = self.current else {
            return Err(de::Error::custom("a value without a key"));
        };
        seed.deserialize(NodeDe(&entry.value))
            .map_err(|e| e.at(entry.key.clone(), entry.key_span.or(entry.value.span)))
    }
}

struct Variant<'de>(&'de Entry);

impl<'de> de::EnumAccess<'de> for Variant<'de> {
    type Error = DeError;
    type Variant = VariantValue<'de>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Self::Variant), DeError> {
        let key: de::value::BorrowedStrDeserializer<'de, DeError> =
            de::value::BorrowedStrDeserializer::new(&self.0.key);
        let name = seed
            .deserialize(key)
            .map_err(|e| e.at(self.0.key.clone(), self.0.key_span))?;
        Ok((name, VariantValue(self.0)))
    }
}

struct VariantValue<'de>(&'de Entry);

impl<'de> VariantValue<'de> {
    fn locate(&self, e: DeError) -> DeError {
        e.at(self.0.key.clone(), self.0.key_span)
    }
}

impl<'de> de::VariantAccess<'de> for VariantValue<'de> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        Err(self.locate(de::Error::custom("this name takes no value")))
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        seed.deserialize(NodeDe(&self.0.value))
            .map_err(|e| self.locate(e))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_any(NodeDe(&self.0.value), visitor)
            .map_err(|e| self.locate(e))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_any(NodeDe(&self.0.value), visitor)
            .map_err(|e| self.locate(e))
    }
}
