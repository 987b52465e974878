//! `kind: list` — a list whose items all have one kind (`item: { kind: url }`).
//!
//! In YAML and JSON a list is a sequence. In env files (and process environments) it is a
//! string: a JSON array (`["a","b"]`) when it starts with `[`, otherwise comma-separated
//! (`a, b`). Each item is checked by the item kind at its own span and pointer (`/ORIGINS/1`).

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use super::{scalar, Kind, ParamError};
use crate::context::Cx;
use crate::diagnostic::codes;
use crate::document::read::{Keys, ReadError};
use crate::document::{Document, Format, Limits, Node, Value};
use crate::first_seen::FirstSeen;
use crate::span::{Span, SubSpans};

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct ListKind {
    /// The kind of every item.
    pub item: Box<Kind>,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub min_items: Option<usize>,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub max_items: Option<usize>,
    /// Report an item that repeats an earlier one (warning).
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub unique: bool,
}

impl ListKind {
    /// Reads the kind's parameters from the field's mapping.
    pub(crate) fn read(keys: &mut Keys<'_>) -> Result<Self, ReadError> {
        Ok(ListKind {
            item: keys.require("item")?,
            min_items: keys.get("min_items")?,
            max_items: keys.get("max_items")?,
            unique: keys.get("unique")?,
        })
    }
}

impl ListKind {
    pub(crate) fn validate(&self) -> Result<(), ParamError> {
        if let (Some(min), Some(max)) = (self.min_items, self.max_items) {
            if min > max {
                return Err(ParamError::new(
                    "min_items",
                    "min_items is larger than max_items",
                ));
            }
        }
        if matches!(*self.item, Kind::List(_)) {
            return Err(ParamError::new("item", "lists of lists are not supported"));
        }
        self.item
            .validate()
            .map_err(|e| ParamError::new("item", format!("{}: {}", e.param, e.message)))
    }

    pub(crate) fn check(&self, node: &Node, cx: &mut Cx<'_>) {
        let split;
        let items: &[Node] = match &node.value {
            Value::Seq(items) => items,
            Value::String(text) if cx.format == Some(Format::Env) => {
                match split_env_list(text, node.span) {
                    Ok(items) => {
                        split = items;
                        &split
                    }
                    Err(message) => {
                        cx.report(
                            &codes::LIST_INVALID,
                            node.span,
                            message,
                            Some(
                                "write `a,b,c` or a JSON array of strings such as `[\"a\",\"b\"]`"
                                    .into(),
                            ),
                        );
                        return;
                    }
                }
            }
            _ => {
                scalar_or_wrong_type(node, cx);
                return;
            }
        };
        self.check_count(items.len(), node, cx);
        let mut seen = self.unique.then(|| FirstSeen::with_capacity(items.len()));
        for (i, item) in items.iter().enumerate() {
            let repeats = match &mut seen {
                Some(seen) => item.scalar_text().and_then(|text| seen.earlier(&text, i)),
                None => None,
            };
            if !item.is_set() {
                cx.item(i, |cx| {
                    cx.report(
                        &codes::LIST_EMPTY_ITEM,
                        item.span.or(node.span),
                        format!("item {} is empty", i + 1),
                        Some("remove the empty item".into()),
                    )
                });
                continue;
            }
            if let Some(first) = repeats {
                cx.item(i, |cx| {
                    cx.report(
                        &codes::LIST_DUPLICATE,
                        item.span,
                        format!("item {} repeats item {}", i + 1, first + 1),
                        Some("remove the repeated item".into()),
                    )
                });
                continue;
            }
            cx.item(i, |cx| self.item.check(item, cx));
        }
        self.item.check_items(items, cx);
    }

    fn check_count(&self, count: usize, node: &Node, cx: &mut Cx<'_>) {
        if let Some(min) = self.min_items.filter(|&m| count < m) {
            cx.report(
                &codes::LIST_TOO_FEW,
                node.span,
                format!("the list has {count} items; at least {min} are required"),
                None,
            );
        }
        if let Some(max) = self.max_items.filter(|&m| count > m) {
            cx.report(
                &codes::LIST_TOO_MANY,
                node.span,
                format!("the list has {count} items; at most {max} are allowed"),
                None,
            );
        }
    }
}

fn scalar_or_wrong_type(node: &Node, cx: &mut Cx<'_>) {
    if let Some(text) = node.scalar_text() {
        let hint = text
            .contains(',')
            .then(|| "write the items as a list, one `- item` per line".to_string());
        cx.report(
            &codes::SCHEMA_WRONG_TYPE,
            node.span,
            format!("expected a list, found {}", node.type_name()),
            hint,
        );
    } else {
        scalar(node, cx, "a list");
    }
}

/// The items of a list value: a sequence, or an env string split on commas (or read as a JSON
/// array); any other scalar is one item. `None` for a value that is not a list at all.
pub(crate) fn items_of(node: &Node, format: Option<Format>) -> Option<Vec<Node>> {
    match &node.value {
        Value::Seq(items) => Some(items.clone()),
        Value::String(text) if format == Some(Format::Env) => split_env_list(text, node.span).ok(),
        Value::Map(_) => None,
        _ => Some(vec![node.clone()]),
    }
}

/// Splits an env string into item nodes with spans inside the value where they can be known.
fn split_env_list(text: &str, span: Option<Span>) -> Result<Vec<Node>, String> {
    let mut spans = span.map(|s| SubSpans::new(s, text));
    let mut place = |range: std::ops::Range<usize>| spans.as_mut().map(|s| s.get(range));
    if text.trim_start().starts_with('[') {
        let doc = Document::parse(text, Format::Json, &Limits::default());
        let Some(root) = doc.root() else {
            let why = doc
                .findings
                .first()
                .map(|f| f.message.clone())
                .unwrap_or_default();
            return Err(format!(
                "the value starts with `[` but is not a JSON array: {why}"
            ));
        };
        let Value::Seq(items) = &root.value else {
            return Err("the value starts with `[` but is not a JSON array".into());
        };
        return items
            .iter()
            .enumerate()
            .map(|(i, item)| match &item.value {
                Value::String(_) => Ok(Node::new(
                    item.value.clone(),
                    item.span.and_then(|s| place(s.range())),
                )),
                other => Err(format!(
                    "item {} of the JSON array is {}, not a string",
                    i + 1,
                    other.type_name()
                )),
            })
            .collect();
    }
    let mut items = Vec::new();
    let mut start = 0;
    for piece in text.split(',') {
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        let from = start + lead;
        items.push(Node::new(
            Value::String(trimmed.to_string()),
            place(from..from + trimmed.len()),
        ));
        start += piece.len() + 1;
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Profile;
    use crate::kinds::testing::{codes, findings};
    use crate::kinds::{PortKind, UrlKind};
    use crate::span::LineIndex;

    fn ports() -> ListKind {
        ListKind {
            item: Box::new(Kind::Port(PortKind::default())),
            min_items: Some(1),
            max_items: Some(3),
            unique: true,
        }
    }

    #[test]
    fn env_strings_split_on_commas_or_json() {
        for (text, want) in [
            ("80,443", vec![]),
            (" 80 , 443 ", vec![]),
            ("[\"80\", \"443\"]", vec![]),
            ("80,,443", vec!["list/empty-item"]),
            ("80,443,", vec!["list/empty-item"]),
            ("80,80", vec!["list/duplicate"]),
            ("80,0", vec!["port/out-of-range"]),
            ("1,2,3,4", vec!["list/too-many"]),
            ("[80]", vec!["list/invalid"]),
            ("[\"80\"", vec!["list/invalid"]),
        ] {
            assert_eq!(codes(&ports(), text), want, "{text}");
        }
    }

    #[test]
    fn items_have_their_own_pointer_and_span() {
        let line = "ORIGINS=https://a.example.com, http://b.example.com\n";
        let value = &line[8..line.len() - 1];
        let index = LineIndex::new(line);
        let node = Node::new(
            Value::String(value.into()),
            Some(index.span(8, line.len() - 1)),
        );
        let kind = ListKind {
            item: Box::new(Kind::Url(UrlKind::default())),
            min_items: None,
            max_items: None,
            unique: false,
        };
        let mut out = crate::diagnostic::Findings::new(usize::MAX);
        let at = crate::context::FieldRef::parse("/ORIGINS").unwrap();
        let mut cx = Cx::standalone(Profile::Production, Some(Format::Env), &at, &mut out);
        kind.check(&node, &mut cx);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].code.code, "url/not-https");
        assert_eq!(out[0].pointer, "/ORIGINS/1");
        assert_eq!(&line[out[0].span.unwrap().range()], "http://b.example.com");
        assert_eq!(out[0].span.unwrap().start.column, 32);
    }

    #[test]
    fn yaml_needs_a_sequence() {
        let f = findings(
            &ports(),
            Value::String("80,443".into()),
            Profile::Production,
            Format::Yaml,
        );
        assert_eq!(f[0].code.code, "schema/wrong-type");
        let seq = Value::Seq(vec![Node::new(Value::Int(80), None)]);
        assert!(findings(&ports(), seq, Profile::Production, Format::Yaml).is_empty());
    }
}
