//! `member: { value, list, match }` — a value must be the key (first part) of a record in a
//! `record_list` field, and other fields must equal that record's parts. Rend: `REND_EDGE_ID`
//! must appear in `REND_EXPECTED_EDGES` with the same region and base URL.

use super::set;
use crate::diagnostic::codes;
use crate::document::Node;
use crate::engine::{display_name, Cx};
use crate::kinds::{items_of, RecordListKind};

use crate::schema::Resolved;

pub(super) struct Member<'a> {
    pub value: &'a Resolved,
    pub list: &'a Resolved,
    pub matches: &'a [(usize, String, Resolved)],
    pub separator: &'a str,
    /// How many parts a record has.
    pub parts: usize,
}

impl Member<'_> {
    pub(super) fn check(&self, root: &Node, cx: &mut Cx<'_>) {
        let (Some(value), Some(list)) = (set(root, self.value), set(root, self.list)) else {
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
                RecordListKind::split(self.separator, self.parts, &t)
                    .map(|parts| parts.iter().map(|s| s.to_string()).collect())
            })
            .collect();
        let list_name = display_name(&self.list.pointer);
        let Some(record) = records.iter().find(|r| r.first() == Some(&key)) else {
            let known: Vec<&str> = records
                .iter()
                .filter_map(|r| r.first().map(String::as_str))
                .collect();
            cx.report_at(
                &codes::RELATION_NOT_LISTED,
                &self.value.pointer,
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
        for (index, part, field) in self.matches {
            let Some(node) = set(root, field) else {
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
                cx.report_at(
                    &codes::RELATION_MEMBER_MISMATCH,
                    &field.pointer,
                    node.span,
                    format!(
                        "`{}` is `{actual}`, but the record for `{key}` in `{list_name}` has the {part} `{expected}`",
                        display_name(&field.pointer)
                    ),
                    Some(format!("make `{}` and the record in `{list_name}` agree", display_name(&field.pointer))),
                );
            }
        }
    }
}
