//! Relations: checks over several fields together, one module each. Registration is the
//! `match` in [`check`].

mod cors;
mod distinct;
mod exclusive;
mod one_of;
mod requires;

use crate::document::Node;
use crate::document::Value;
use crate::engine::Cx;
use crate::schema::{CompiledRelation, Literal, Resolved};

pub(crate) fn check(relation: &CompiledRelation, root: &Node, cx: &mut Cx<'_>) {
    match relation {
        CompiledRelation::Requires { when, equals, then } => {
            requires::check(when, equals.as_ref(), then, root, cx)
        }
        CompiledRelation::Exclusive(fields) => exclusive::check(fields, root, cx),
        CompiledRelation::OneOf(fields) => one_of::check(fields, root, cx),
        CompiledRelation::Distinct(fields) => distinct::check(fields, root, cx),
        CompiledRelation::Cors {
            origins,
            credentials,
        } => cors::check(origins, credentials, root, cx),
    }
}

/// The node at a field, when it is set (not null, not an empty string).
pub(crate) fn set<'n>(root: &'n Node, field: &Resolved) -> Option<&'n Node> {
    root.get_tokens(&field.tokens).filter(|n| n.is_set())
}

/// Whether a node holds a literal: `true` matches `true`, `"true"` and `TRUE`; numbers match
/// their decimal text; strings match exactly.
pub(crate) fn matches(node: &Node, literal: &Literal) -> bool {
    match (literal, &node.value) {
        (Literal::Bool(b), Value::Bool(v)) => b == v,
        (Literal::Bool(b), Value::String(s)) => {
            s.trim()
                .eq_ignore_ascii_case(if *b { "true" } else { "false" })
        }
        (Literal::Int(i), Value::Int(v)) => i == v,
        (Literal::Float(f), Value::Float(v)) => f == v,
        (lit, _) => node
            .scalar_text()
            .is_some_and(|t| t.trim() == lit.to_string()),
    }
}
