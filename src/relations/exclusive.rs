//! `exclusive: [A, B, …]` — at most one of the fields may be set. Every field set after the
//! first is reported at its own place.

use super::set;
use crate::diagnostic::codes;
use crate::document::Node;
use crate::engine::{display_name, Cx};
use crate::schema::Resolved;

pub(super) fn check(fields: &[Resolved], root: &Node, cx: &mut Cx<'_>) {
    let mut first: Option<&Resolved> = None;
    for field in fields {
        let Some(node) = set(root, field) else {
            continue;
        };
        match first {
            None => first = Some(field),
            Some(first) => cx.report_at(
                &codes::RELATION_EXCLUSIVE,
                &field.pointer,
                node.span,
                format!(
                    "`{}` and `{}` cannot both be set",
                    display_name(&first.pointer),
                    display_name(&field.pointer)
                ),
                Some("keep one of the two".into()),
            ),
        }
    }
}
