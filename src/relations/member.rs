//! `member: { value, list, match }` — a value must be the key (first part) of a record in a
//! `record_list` field, and other fields must equal that record's parts. Rend: `REND_EDGE_ID`
//! must appear in `REND_EXPECTED_EDGES` with the same region and base URL.

use crate::document::Node;
use std::collections::BTreeMap;

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use super::Fields;
use crate::context::{Cx, FieldRef, SchemaProblem};
use crate::diagnostic::codes;
use crate::document::read::{self, FromNode, ReadError};
use crate::kinds::{items_of, Kind, RecordListKind};
use crate::pointer;

/// `member: { value, list, match }`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct Member {
    /// The field whose value must be a record's key (its first part).
    pub value: String,
    /// A `record_list` field.
    pub list: String,
    /// Record part name → the field that must equal it.
    #[cfg_attr(feature = "schema-serde", serde(default, rename = "match"))]
    pub matches: BTreeMap<String, String>,
}

impl FromNode for Member {
    fn from_node(node: &Node) -> Result<Self, ReadError> {
        read::record(node, "a member relation", |keys| {
            Ok(Member {
                value: keys.require("value")?,
                list: keys.require("list")?,
                matches: keys.get("match")?,
            })
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Compiled {
    value: FieldRef,
    list: FieldRef,
    /// Record part index → the field that must equal it.
    matches: Vec<(usize, String, FieldRef)>,
    separator: String,
    /// How many parts a record has.
    parts: usize,
}

impl Member {
    pub(super) fn compile(&self, fields: &dyn Fields, at: &str) -> Result<Compiled, SchemaProblem> {
        let here = format!("{at}/member");
        let list = fields.declared(&self.list, &format!("{here}/list"))?;
        let Some(Kind::RecordList(records)) = fields.kind_of(&list) else {
            return Err(SchemaProblem::new(
                format!("{here}/list"),
                format!("`{}` must be a `record_list` field", self.list),
            ));
        };
        let mut matches = Vec::with_capacity(self.matches.len());
        for (part, key) in &self.matches {
            let at = format!("{here}/match/{}", pointer::escape(part));
            let Some(index) = records.parts.iter().position(|p| &p.name == part) else {
                return Err(SchemaProblem::new(
                    at,
                    format!("the records of `{}` have no part `{part}`", self.list),
                ));
            };
            matches.push((index, part.clone(), fields.declared(key, &at)?));
        }
        Ok(Compiled {
            value: fields.declared(&self.value, &format!("{here}/value"))?,
            separator: records.separator.clone(),
            parts: records.parts.len(),
            list,
            matches,
        })
    }
}

impl Compiled {
    pub(super) fn fields(&self, f: &mut dyn FnMut(&FieldRef)) {
        f(&self.value);
        f(&self.list);
        self.matches.iter().for_each(|(_, _, r)| f(r));
    }

    pub(super) fn check(&self, cx: &mut Cx<'_>) {
        let (Some(value), Some(list)) = (cx.set(&self.value), cx.set(&self.list)) else {
            return;
        };
        let Some(key) = value.scalar_text().map(|t| t.trim().to_string()) else {
            return;
        };
        let records: Vec<Vec<String>> = items_of(list, cx.format)
            .unwrap_or_default()
            .iter()
            .filter_map(|n| n.scalar_text())
            .filter_map(|t| {
                RecordListKind::split(&self.separator, self.parts, &t)
                    .map(|parts| parts.iter().map(|s| s.to_string()).collect())
            })
            .collect();
        let list_name = cx.name(&self.list);
        let Some(record) = records.iter().find(|r| r.first() == Some(&key)) else {
            let known: Vec<&str> = records
                .iter()
                .filter_map(|r| r.first().map(String::as_str))
                .collect();
            cx.report_at(
                &codes::RELATION_NOT_LISTED,
                &self.value,
                value.span,
                format!("`{key}` is not one of the records in `{list_name}`"),
                Some(if known.is_empty() {
                    format!("add a record for `{key}` to `{list_name}`")
                } else {
                    format!(
                        "use one of {}, or add a record for `{key}` to `{list_name}`",
                        crate::kinds::one_of_list(&known)
                    )
                }),
            );
            return;
        };
        for (index, part, field) in &self.matches {
            let Some(node) = cx.set(field) else {
                continue;
            };
            let Some(actual) = node.scalar_text().map(|t| t.trim().to_string()) else {
                continue;
            };
            let Some(expected) = record.get(*index) else {
                continue;
            };
            // A trailing `/` does not make another URL (Rend trims it before comparing).
            if actual.trim_end_matches('/') != expected.trim_end_matches('/') {
                let name = cx.name(field);
                cx.report_at(
                    &codes::RELATION_MEMBER_MISMATCH,
                    field,
                    node.span,
                    format!(
                        "`{name}` is `{actual}`, but the record for `{key}` in `{list_name}` has the {part} `{expected}`"
                    ),
                    Some(format!("make `{name}` and the record in `{list_name}` agree")),
                );
            }
        }
    }
}
