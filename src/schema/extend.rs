//! `extends:` — a schema built on a built-in one. The base is merged in as data before the
//! schema is read, so an extended schema is checked exactly like one written out in full.
//!
//! - `fields` and `env`: the base's entries first, in order; an entry the extension names
//!   again has its keys replaced one by one (`REND_API_BIND_ADDR: { required: production }`
//!   keeps the base's kind); new entries follow.
//! - `relations`: the base's, then the extension's.
//! - anything else (`schema`, `title`, `format`, …): the extension's value wins.

use crate::document::{Node, Value};

/// How many bases may be stacked (`a` extends `b` extends `c`).
const MAX_DEPTH: usize = 4;

/// A problem with `extends`, at a pointer of the extending schema.
pub(super) struct ExtendError {
    pub pointer: &'static str,
    pub message: String,
}

/// Resolves `extends` of a schema document's root, recursively, against the built-ins.
pub(super) fn resolve(root: &Node) -> Result<Node, ExtendError> {
    resolve_at(root, 0)
}

fn resolve_at(root: &Node, depth: usize) -> Result<Node, ExtendError> {
    let Some(entry) = root.entry("extends") else {
        return Ok(root.clone());
    };
    let Value::String(name) = &entry.value.value else {
        return Err(ExtendError {
            pointer: "/extends",
            message: "`extends` takes the name of a built-in schema".into(),
        });
    };
    if depth >= MAX_DEPTH {
        return Err(ExtendError {
            pointer: "/extends",
            message: format!("schemas extend each other more than {MAX_DEPTH} deep"),
        });
    }
    let Some(text) = crate::builtin::texts::base_source(name) else {
        let message = if cfg!(feature = "builtin-schemas") {
            format!("`{name}` is not a built-in schema (`preflight schemas` lists them)")
        } else {
            // The browsers' wasm module: its schemas come as standalone text, bases merged in.
            format!(
                "`extends: {name}` needs the built-in schemas, which this build leaves out; \
                 use the schema's standalone text (preflight-wasm/schemas/{name}) with your \
                 fields added to it"
            )
        };
        return Err(ExtendError {
            pointer: "/extends",
            message,
        });
    };
    let doc = crate::document::Document::parse(
        text,
        crate::Format::Yaml,
        &crate::document::Limits::default(),
    );
    let base = match doc.root() {
        Some(base) if doc.findings.is_empty() => resolve_at(base, depth + 1)?,
        _ => {
            return Err(ExtendError {
                pointer: "/extends",
                message: format!("the built-in `{name}` could not be read"),
            })
        }
    };
    Ok(merge(base, root))
}

/// The extension laid over its base.
fn merge(base: Node, extension: &Node) -> Node {
    let (Value::Map(mut out), Value::Map(over)) = (base.value, &extension.value) else {
        return extension.clone();
    };
    for entry in over {
        if entry.key == "extends" {
            out.remove("extends");
        }
        match (entry.key.as_str(), out.value_mut(&entry.key)) {
            ("fields" | "env", Some(existing)) => {
                *existing = merge_entries(existing, &entry.value, 1);
            }
            ("relations", Some(existing)) => {
                if let (Value::Seq(items), Value::Seq(more)) =
                    (&mut existing.value, &entry.value.value)
                {
                    items.extend(more.iter().cloned());
                } else {
                    *existing = entry.value.clone();
                }
            }
            _ => {
                out.set(entry.clone());
            }
        }
    }
    Node::new(Value::Map(out), extension.span)
}

/// Mapping entries of the extension over the base's; at `depth` 1 (a field's definition)
/// the keys of a field are merged too.
fn merge_entries(base: &Node, over: &Node, depth: usize) -> Node {
    let (Value::Map(base_entries), Value::Map(over_entries)) = (&base.value, &over.value) else {
        return over.clone();
    };
    let mut out = base_entries.clone();
    for entry in over_entries {
        match out.value_mut(&entry.key) {
            Some(existing) if depth > 0 => {
                *existing = merge_entries(existing, &entry.value, depth - 1);
            }
            _ => {
                out.set(entry.clone());
            }
        }
    }
    Node::new(Value::Map(out), over.span)
}

#[cfg(test)]
mod tests {
    use crate::{Error, Schema};

    /// What `extends` of a name no build knows says, and, without the built-in schemas, of
    /// one it would know.
    #[test]
    fn an_unknown_base_says_why() {
        let message = |text: &str| match Schema::from_yaml(text) {
            Err(Error::InvalidSchema {
                pointer, message, ..
            }) => (pointer, message),
            other => panic!("{other:?}"),
        };
        let (pointer, nope) = message("schema: x\nextends: nope\n");
        assert_eq!(pointer, "/extends");
        if cfg!(feature = "builtin-schemas") {
            assert_eq!(
                nope,
                "`nope` is not a built-in schema (`preflight schemas` lists them)"
            );
            assert!(Schema::from_yaml("schema: x\nextends: demo\n").is_ok());
        } else {
            assert_eq!(
                message("schema: x\nextends: demo\n").1,
                "`extends: demo` needs the built-in schemas, which this build leaves out; use \
                 the schema's standalone text (preflight-wasm/schemas/demo) with your fields \
                 added to it"
            );
        }
    }
}
