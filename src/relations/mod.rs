//! Relations: checks over several fields together, one module each. Registration is the
//! `match` in [`check`].
//!
//! The WebAuthn, SMTP and S3 relations are typed blocks: plain structs a service can check
//! without a schema ([`WebAuthnSettings`], [`SmtpSettings`], [`S3Settings`]), which the schema
//! engine fills from the document fields a schema maps onto them (see `block`).

mod agree;
mod block;
mod cors;
mod distinct;
mod exclusive;
mod key_mode;
mod key_of;
mod member;
mod one_of;
mod ports;
mod psl;
mod requires;
mod s3;
mod smtp;
mod webauthn;

pub(crate) use block::{Mapped, MappedPart};
#[doc(hidden)]
pub use psl::parse_list_uncached;
pub use psl::{is_registrable_suffix_of_or_equal, registrable_domain, LIST_VERSION as PSL_VERSION};
pub use s3::S3Settings;
pub use smtp::{SmtpSettings, SmtpTls};
pub use webauthn::WebAuthnSettings;

use crate::document::Node;
use crate::document::Value;
use crate::engine::Cx;
use crate::schema::{CompiledRelation, Cond, Literal, Resolved};

/// Which typed block a schema relation maps onto.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    WebAuthn,
    Smtp,
    S3,
}

pub(crate) fn check(relation: &CompiledRelation, root: &Node, cx: &mut Cx<'_>) {
    match relation {
        CompiledRelation::Requires {
            when,
            equals,
            and,
            then,
        } => requires::check(when, equals.as_ref(), and.as_ref(), then, root, cx),
        CompiledRelation::Exclusive(fields) => exclusive::check(fields, root, cx),
        CompiledRelation::OneOf(fields) => one_of::check(fields, root, cx),
        CompiledRelation::Distinct(fields) => distinct::check(fields, root, cx),
        CompiledRelation::Cors {
            origins,
            credentials,
        } => cors::check(origins, credentials, root, cx),
        CompiledRelation::Block { kind, mapped, when } => {
            if condition_holds(when.as_ref(), root) {
                check_block(*kind, mapped, root, cx);
            }
        }
        CompiledRelation::Ports(listeners) => ports::check(listeners, root, cx),
        CompiledRelation::Member {
            value,
            list,
            matches,
            separator,
            parts,
        } => member::Member {
            value,
            list,
            matches,
            separator,
            parts: *parts,
        }
        .check(root, cx),
        CompiledRelation::KeyMode { fields, live, test } => {
            key_mode::check(fields, live, test, root, cx)
        }
        CompiledRelation::Agree {
            field,
            with,
            values,
        } => agree::check(field, with, values, root, cx),
        CompiledRelation::KeyOf { fields, map, also } => key_of::check(fields, map, also, root, cx),
    }
}

/// Fills a typed block from the document and reports its findings at the mapped fields.
fn check_block(kind: BlockKind, mapped: &Mapped, root: &Node, cx: &mut Cx<'_>) {
    let parts = block::Parts::read(mapped, root, cx.format);
    let names = |part: &str| parts.display(part);
    let by_kind = |part: &str| parts.is_secret(part);
    let mut out = block::Out::new(cx.profile, &names, &by_kind);
    match kind {
        BlockKind::WebAuthn => WebAuthnSettings::from_parts(&parts).rules(&mut out),
        BlockKind::Smtp => SmtpSettings::from_parts(&parts).rules(&mut out),
        BlockKind::S3 => S3Settings::from_parts(&parts).rules(&mut out),
    }
    let found = out.found;
    parts.report(found, cx);
}

/// Whether an optional condition (`when: { field, equals }`) holds; no condition always does.
pub(crate) fn condition_holds(condition: Option<&Cond>, root: &Node) -> bool {
    condition.is_none_or(|(field, equals)| {
        set(root, field).is_some_and(|n| equals.as_ref().is_none_or(|lit| matches(n, lit)))
    })
}

/// The node at a field, when it is set (not null, not an empty string).
pub(crate) fn set<'n>(root: &'n Node, field: &Resolved) -> Option<&'n Node> {
    root.get_tokens(&field.tokens).filter(|n| n.is_set())
}

/// The node at a field and its text, when it is set and a scalar.
pub(crate) fn set_scalar<'n>(
    root: &'n Node,
    field: &Resolved,
) -> Option<(&'n Node, std::borrow::Cow<'n, str>)> {
    let node = set(root, field)?;
    Some((node, node.scalar_text()?))
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
