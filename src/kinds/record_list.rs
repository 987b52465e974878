//! `kind: record_list` — a list of structured records, each one text split into named parts:
//! Rend's `REND_EXPECTED_EDGES=edge-1=us-east=https://e1.example.com,edge-2=…`.
//!
//! Parameters: `separator` (default `=`), `parts` (each a `name` and a kind with its
//! parameters), `unique` (part names no two records may share). A record splits into at most
//! as many pieces as there are parts, so the last part may contain the separator (a URL's
//! query). Each part is checked by its kind at the record's pointer. The `member` relation
//! looks records up by their first part.

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use super::{items_of, Kind, ParamError};
use crate::context::Cx;
use crate::diagnostic::codes;
use crate::document::read::{self, FromNode, Keys, ReadError};
use crate::document::{Node, Value};
use crate::first_seen::FirstSeen;

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct RecordListKind {
    #[cfg_attr(feature = "schema-serde", serde(default = "default_separator"))]
    pub separator: String,
    pub parts: Vec<RecordPart>,
    /// Names of parts whose values must differ between records (e.g. the ID).
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub unique: Vec<String>,
}

impl RecordListKind {
    /// Reads the kind's parameters from the field's mapping.
    pub(crate) fn read(keys: &mut Keys<'_>) -> Result<Self, ReadError> {
        Ok(RecordListKind {
            separator: keys.get_or("separator", default_separator)?,
            parts: keys.require("parts")?,
            unique: keys.get("unique")?,
        })
    }
}

/// One named part of a record, with its kind.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
pub struct RecordPart {
    pub name: String,
    #[cfg_attr(feature = "schema-serde", serde(flatten))]
    pub kind: Kind,
}

impl FromNode for RecordPart {
    fn from_node(node: &Node) -> Result<Self, ReadError> {
        read::record(node, "a part (name and kind)", |keys| {
            Ok(RecordPart {
                name: keys.require("name")?,
                kind: Kind::read(keys)?,
            })
        })
    }
}

fn default_separator() -> String {
    "=".into()
}

impl RecordListKind {
    pub(crate) fn validate(&self) -> Result<(), ParamError> {
        if self.separator.is_empty() {
            return Err(ParamError::new(
                "separator",
                "the separator cannot be empty",
            ));
        }
        if self.separator == "," {
            return Err(ParamError::new(
                "separator",
                "`,` separates the records themselves; pick another separator",
            ));
        }
        if self.parts.len() < 2 {
            return Err(ParamError::new("parts", "a record has at least two parts"));
        }
        for part in &self.parts {
            part.kind.validate()?;
        }
        if let Some(name) = self
            .unique
            .iter()
            .find(|u| !self.parts.iter().any(|p| &&p.name == u))
        {
            return Err(ParamError::new(
                "unique",
                format!("`{name}` is not the name of a part"),
            ));
        }
        Ok(())
    }

    /// Splits one record into its parts; `None` when the count is wrong.
    pub(crate) fn split<'t>(separator: &str, count: usize, text: &'t str) -> Option<Vec<&'t str>> {
        let parts: Vec<&str> = text.splitn(count, separator).map(str::trim).collect();
        (parts.len() == count && parts.iter().all(|p| !p.is_empty())).then_some(parts)
    }

    pub(crate) fn check(&self, node: &Node, cx: &mut Cx<'_>) {
        let Some(items) = items_of(node, cx.format) else {
            return cx.report(
                &codes::LIST_INVALID,
                node.span,
                format!("expected a list of records, found {}", node.type_name()),
                None,
            );
        };
        let shape = self
            .parts
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(&self.separator);
        // For each part that must be unique: its place in a record, and the values seen so far.
        let mut unique: Vec<(&str, usize, FirstSeen)> = self
            .unique
            .iter()
            .filter_map(|name| {
                let k = self.parts.iter().position(|p| &p.name == name)?;
                Some((name.as_str(), k, FirstSeen::with_capacity(items.len())))
            })
            .collect();
        for (i, item) in items.iter().enumerate() {
            let Some(text) = item.scalar_text() else {
                cx.item(i, |cx| {
                    super::scalar(item, cx, "a record");
                });
                continue;
            };
            let Some(parts) = Self::split(&self.separator, self.parts.len(), &text) else {
                let found = text
                    .split(self.separator.as_str())
                    .filter(|p| !p.trim().is_empty())
                    .count();
                cx.item(i, |cx| {
                    cx.report(
                        &codes::RECORD_WRONG_PART_COUNT,
                        item.span,
                        format!(
                            "record {} has {found} non-empty part{} separated by `{}`; it needs {}",
                            i + 1,
                            if found == 1 { "" } else { "s" },
                            self.separator,
                            self.parts.len()
                        ),
                        Some(format!("write each record as `{shape}`")),
                    )
                });
                continue;
            };
            cx.item(i, |cx| {
                for (part, value) in self.parts.iter().zip(&parts) {
                    let part_node = Node::new(Value::String(value.to_string()), item.span);
                    if part.kind.applies_to(&part_node) {
                        part.kind.check(&part_node, cx);
                    }
                }
            });
            for (name, k, seen) in &mut unique {
                let k = *k;
                if let Some(first) = seen.earlier(parts[k], i) {
                    cx.item(i, |cx| {
                        cx.report(
                            &codes::RECORD_DUPLICATE,
                            item.span,
                            format!(
                                "record {} repeats the {name} `{}` of record {}",
                                i + 1,
                                parts[k],
                                first + 1
                            ),
                            Some(format!("give each record its own {name}")),
                        )
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::testing::findings;
    use crate::kinds::{StringKind, UrlKind};
    use crate::{Format, Profile};

    fn edges() -> RecordListKind {
        RecordListKind {
            separator: "=".into(),
            parts: vec![
                RecordPart {
                    name: "edge_id".into(),
                    kind: Kind::String(StringKind {
                        min_len: Some(1),
                        max_len: Some(128),
                        chars: Some("A-Za-z0-9_.-".into()),
                    }),
                },
                RecordPart {
                    name: "region".into(),
                    kind: Kind::String(StringKind::default()),
                },
                RecordPart {
                    name: "base_url".into(),
                    kind: Kind::Url(UrlKind::default()),
                },
            ],
            unique: vec!["edge_id".into()],
        }
    }

    fn found(text: &str) -> Vec<(&'static str, String)> {
        findings(
            &edges(),
            Value::String(text.into()),
            Profile::Production,
            Format::Env,
        )
        .into_iter()
        .map(|f| (f.code.code, f.pointer))
        .collect()
    }

    #[test]
    fn records_split_check_and_stay_unique() {
        assert_eq!(
            found("e1=us-east=https://e1.acme.io,e2=eu=https://e2.acme.io/?a=b"),
            vec![]
        );
        assert_eq!(
            found("e1=us-east"),
            vec![("record/wrong-part-count", "/f/0".into())]
        );
        assert_eq!(
            found("e1=us-east=https://e1.acme.io,e1=eu=https://e2.acme.io"),
            vec![("record/duplicate", "/f/1".into())]
        );
        assert_eq!(
            found("e1=us-east=http://e1.acme.io"),
            vec![("url/not-https", "/f/0".into())]
        );
        assert_eq!(
            found("e1==https://e1.acme.io"),
            vec![("record/wrong-part-count", "/f/0".into())]
        );
    }
}
