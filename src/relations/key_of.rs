//! `key_of: { fields, map, also }` — a field names an entry of a map the operator keys
//! (SyncTV's `file_storage.default_backend` must be a key of `file_storage.backends`, or the
//! built-in `disabled`). An empty value names nothing: SyncTV reads it as "inherit".

use super::set_scalar;
use crate::diagnostic::codes;
use crate::document::{Node, Value};
use crate::engine::{display_name, Cx};
use crate::schema::Resolved;

pub(super) fn check(
    fields: &[Resolved],
    map: &Resolved,
    also: &[String],
    root: &Node,
    cx: &mut Cx<'_>,
) {
    let keys: Vec<&str> = match root.get_tokens(&map.tokens).map(|n| &n.value) {
        Some(Value::Map(entries)) => entries.iter().map(|e| e.key.as_str()).collect(),
        _ => Vec::new(),
    };
    for field in fields {
        let Some((node, text)) = set_scalar(root, field) else {
            continue;
        };
        let name = text.trim();
        if name.is_empty() || keys.contains(&name) || also.iter().any(|a| a == name) {
            continue;
        }
        let map_name = display_name(&map.pointer);
        let known: Vec<&str> = keys
            .iter()
            .copied()
            .chain(also.iter().map(String::as_str))
            .collect();
        cx.report_at(
            &codes::RELATION_UNKNOWN_KEY,
            &field.pointer,
            node.span,
            format!("`{name}` is not a key of `{map_name}`"),
            Some(format!(
                "use {}, or add an entry `{name}` under `{map_name}`",
                crate::kinds::one_of_list(&known)
            )),
        );
    }
}
