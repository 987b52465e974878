//! Rules about a field's value as a whole, beyond its kind: the value each profile expects
//! (`expect`), and the schema's lists of placeholders and development defaults.

use std::borrow::Cow;

use preflight_host_text::case;

use crate::context::{matches, Cx, FieldRef, Literal, Naming, Scope};
use crate::diagnostic::{codes, Family, Findings, Profile};
use crate::document::{Format, Node, Value};
use crate::schema::{CompiledField, DeclTree, Schema, ValueList};

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
    if let Some(expect) = &field.field.expect {
        let (wanted, profile) = if cx.production() {
            (&expect.production, "production")
        } else {
            (&expect.development, "development")
        };
        if !wanted.is_empty() && !wanted.iter().any(|lit| holds(node, lit)) {
            let name = cx.name(&field.at);
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
    check_lists(node, schema, secret, cx, mark);
}

/// The placeholder and dev-default lists on one value; `mark` is where the field's own
/// findings begin (`usize::MAX` for a value no field declares: nothing was said yet).
fn check_lists(node: &Node, schema: &Schema, secret: bool, cx: &mut Cx<'_>, mark: usize) {
    let (placeholders, dev_defaults) = (&schema.placeholders, &schema.dev_defaults);
    if placeholders.is_none() && dev_defaults.is_none() {
        return;
    }
    let Some(text) = node.scalar_text() else {
        return;
    };
    let lower = case::lower(text.trim());
    if lower.is_empty() {
        return;
    }
    if let Some(hit) = placeholders
        .as_ref()
        .and_then(|p| placeholder(&lower, p))
        .filter(|_| !cx.said_since(mark, Family::Placeholders))
    {
        let name = cx.name_here();
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
    if let Some(hit) = dev_defaults
        .as_ref()
        .and_then(|list| list.hit(&lower))
        .filter(|_| !cx.said_since(mark, Family::DevDefaults))
    {
        let name = cx.name_here();
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

/// Runs the schema's placeholder and dev-default lists over values no field declares (an
/// undeclared `DEV_TOKEN=dev-only-…` is still a development default in production).
pub(super) fn check_undeclared(
    root: &Node,
    schema: &Schema,
    profile: Profile,
    format: Option<Format>,
    naming: Option<&Naming>,
    findings: &mut Findings,
) {
    if schema.placeholders.is_none() && schema.dev_defaults.is_none() {
        return;
    }
    let mut values = Vec::new();
    let mut path = Vec::new();
    undeclared(root, Some(&schema.tree), &mut path, false, &mut values);
    for (at, node, secret) in values {
        let Some(at) = FieldRef::parse(&at) else {
            continue;
        };
        let mut cx = Cx::new(profile, format, Scope::new(root), naming, findings);
        cx.rebase(&at);
        check_lists(node, schema, secret, &mut cx, usize::MAX);
    }
}

/// Collects the scalars below keys the schema does not declare, with their pointers and
/// whether a key above them names a secret.
fn undeclared<'n>(
    node: &'n Node,
    tree: Option<&DeclTree>,
    path: &mut Vec<Cow<'n, str>>,
    secret: bool,
    out: &mut Vec<(String, &'n Node, bool)>,
) {
    if tree.is_some_and(|t| t.leaf.is_some()) {
        return;
    }
    match &node.value {
        Value::Map(entries) => {
            for entry in entries {
                path.push(Cow::Borrowed(&entry.key));
                let sub = tree.and_then(|t| t.get(&entry.key));
                let secret = secret || crate::secret_names::is_secret_like_key(&entry.key);
                undeclared(&entry.value, sub, path, secret, out);
                path.pop();
            }
        }
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Cow::Owned(i.to_string()));
                undeclared(item, None, path, secret, out);
                path.pop();
            }
        }
        _ if tree.is_none() => {
            out.push((
                crate::pointer::join(path.iter().map(|token| token.as_ref())),
                node,
                secret,
            ));
        }
        _ => {}
    }
}

/// Whether a value is one a profile expects; text compares without case.
fn holds(node: &Node, literal: &Literal) -> bool {
    matches(node, literal)
        || matches!(literal, Literal::String(s)
            if node.scalar_text().is_some_and(|t| t.trim().eq_ignore_ascii_case(s)))
}

/// The placeholder a lower-cased value is or contains; a whole `<…>` is one too.
fn placeholder<'p>(lower: &'p str, list: &'p ValueList) -> Option<&'p str> {
    if lower.len() > 2 && lower.starts_with('<') && lower.ends_with('>') {
        return Some(lower);
    }
    list.hit(lower)
}
