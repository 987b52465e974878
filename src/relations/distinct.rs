//! `distinct: [A, B, …]` — no two of the set fields may hold the same value. The message names
//! both fields and never shows the value: these are often secrets.

use super::set;
use crate::diagnostic::codes;
use crate::document::Node;
use crate::engine::{display_name, Cx};
use crate::schema::Resolved;

pub(super) fn check(fields: &[Resolved], root: &Node, cx: &mut Cx<'_>) {
    let mut seen: Vec<(&Resolved, String)> = Vec::new();
    for field in fields {
        let Some(node) = set(root, field) else {
            continue;
        };
        let Some(text) = node.scalar_text() else {
            continue;
        };
        let text = text.trim().to_string();
        if let Some((first, _)) = seen.iter().find(|(_, t)| *t == text) {
            cx.report_at(
                &codes::RELATION_DISTINCT,
                &field.pointer,
                node.span,
                format!(
                    "`{}` has the same value as `{}`",
                    display_name(&field.pointer),
                    display_name(&first.pointer)
                ),
                Some("give each field its own value".into()),
            );
        } else {
            seen.push((field, text));
        }
    }
}
