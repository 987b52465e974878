//! Rules about a field's value as a whole, beyond its kind: the value each profile expects
//! (`expect`), and the schema's lists of placeholders and development defaults.

use crate::diagnostic::codes;
use crate::document::Node;
use crate::schema::{CompiledField, Literal, Schema, ValuePolicy};

use super::{display_name, Cx};

/// Codes that already say what a policy would say about the same value.
const SAID_PLACEHOLDER: &[&str] = &[
    "secret/placeholder",
    "secret/dev-marker",
    "secret/shipped-default",
    "value/unresolved-template",
];
const SAID_DEV_DEFAULT: &[&str] = &[
    "secret/placeholder",
    "secret/dev-marker",
    "secret/shipped-default",
    "value/unresolved-template",
    "value/placeholder",
    "value/profile-mismatch",
    "url/local-host",
    "hostname/local-host",
];

/// Checks a set value against `expect` and the schema's policies; `mark` is where the
/// field's own findings begin.
pub(super) fn check(
    field: &CompiledField,
    node: &Node,
    schema: &Schema,
    cx: &mut Cx<'_>,
    mark: usize,
) {
    let secret = field.field.kind.is_secret();
    let name = display_name(&field.at.pointer);
    if let Some(expect) = &field.field.expect {
        let (wanted, profile) = if cx.production() {
            (&expect.production, "production")
        } else {
            (&expect.development, "development")
        };
        if !wanted.is_empty() && !wanted.iter().any(|lit| holds(node, lit)) {
            let values: Vec<String> = wanted.iter().map(Literal::to_string).collect();
            let needs = crate::kinds::one_of_list(&values);
            let message = match node.scalar_text().filter(|_| !secret) {
                Some(text) => format!(
                    "`{name}` is `{}`, but a {profile} config needs {needs}",
                    text.trim()
                ),
                None => format!("`{name}` does not hold what a {profile} config needs ({needs})"),
            };
            let help = match &expect.because {
                Some(why) => format!("set `{name}` to {needs}: {why}"),
                None => format!("set `{name}` to {needs}, or check with the other profile"),
            };
            cx.report(
                &codes::VALUE_PROFILE_MISMATCH,
                node.span,
                message,
                Some(help),
            );
        }
    }
    let Some(text) = node.scalar_text() else {
        return;
    };
    let lower = text.trim().to_lowercase();
    if lower.is_empty() {
        return;
    }
    if let Some(hit) = schema
        .def
        .placeholders
        .as_ref()
        .and_then(|p| placeholder(&lower, p))
        .filter(|_| !cx.said_since(mark, SAID_PLACEHOLDER))
    {
        let message = if secret {
            format!("`{name}` still holds a placeholder")
        } else {
            format!("`{name}` still holds a placeholder (`{hit}`)")
        };
        cx.report(
            &codes::VALUE_PLACEHOLDER,
            node.span,
            message,
            Some(format!(
                "replace it with the real value of `{name}` before deploying"
            )),
        );
    }
    if let Some(hit) = schema
        .def
        .dev_defaults
        .as_ref()
        .and_then(|p| dev_default(&lower, p))
        .filter(|_| !cx.said_since(mark, SAID_DEV_DEFAULT))
    {
        let message = if secret {
            format!("`{name}` holds a development default")
        } else {
            format!("`{name}` holds the development default `{hit}`")
        };
        cx.report(
            &codes::VALUE_DEV_DEFAULT,
            node.span,
            message,
            Some(format!(
                "set the production value of `{name}`; development defaults are for a local stack"
            )),
        );
    }
}

/// Whether a value is one a profile expects; text compares without case.
fn holds(node: &Node, literal: &Literal) -> bool {
    crate::relations::matches(node, literal)
        || matches!(literal, Literal::String(s)
            if node.scalar_text().is_some_and(|t| t.trim().eq_ignore_ascii_case(s)))
}

/// The placeholder a lower-cased value is or contains; a whole `<…>` is one too.
fn placeholder<'p>(lower: &'p str, policy: &'p ValuePolicy) -> Option<&'p str> {
    if lower.len() > 2 && lower.starts_with('<') && lower.ends_with('>') {
        return Some(lower);
    }
    dev_default(lower, policy)
}

/// The listed value a lower-cased value equals, or the listed piece it contains.
fn dev_default<'p>(lower: &str, policy: &'p ValuePolicy) -> Option<&'p str> {
    policy
        .equals
        .iter()
        .find(|v| v.to_lowercase() == lower)
        .or_else(|| {
            policy
                .contains
                .iter()
                .find(|v| lower.contains(&v.to_lowercase()))
        })
        .map(String::as_str)
}
