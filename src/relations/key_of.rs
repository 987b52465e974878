//! `key_of: { fields, map, also }` — a field names an entry of a map the operator keys
//! (SyncTV's `file_storage.default_backend` must be a key of `file_storage.backends`, or the
//! built-in `disabled`). An empty value names nothing: SyncTV reads it as "inherit".

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use super::Fields;
use crate::context::{Cx, FieldRef, SchemaProblem};
use crate::diagnostic::codes;
use crate::document::read::{self, FromNode, ReadError};
use crate::document::Node;
use crate::document::Value;

/// `key_of: { fields, map, also }`: each field names a key of the wildcard map `map`
/// (`/file_storage/backends`), or one of the names in `also` that always exist. An empty value
/// names nothing and is not checked here.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct KeyOf {
    pub fields: Vec<String>,
    pub map: String,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub also: Vec<String>,
}

impl FromNode for KeyOf {
    fn from_node(node: &Node) -> Result<Self, ReadError> {
        read::record(node, "a key_of relation", |keys| {
            Ok(KeyOf {
                fields: keys.require("fields")?,
                map: keys.require("map")?,
                also: keys.get("also")?,
            })
        })
    }
}

/// Fields that name a key of a wildcard map, or one of `also`.
#[derive(Debug, Clone)]
pub(crate) struct Compiled {
    fields: Vec<FieldRef>,
    map: FieldRef,
    also: Vec<String>,
}

impl KeyOf {
    pub(super) fn compile(&self, fields: &dyn Fields, at: &str) -> Result<Compiled, SchemaProblem> {
        let here = format!("{at}/key_of");
        let map = fields.resolve(&self.map, &format!("{here}/map"))?;
        if !fields.is_wildcard_map(&map) {
            return Err(SchemaProblem::new(
                format!("{here}/map"),
                format!(
                    "`{}` must be a wildcard map: no field is declared as `{}/*/…`",
                    self.map, map.pointer
                ),
            ));
        }
        let mut named = Vec::with_capacity(self.fields.len());
        for (j, key) in self.fields.iter().enumerate() {
            let at = format!("{here}/fields/{j}");
            let field = fields.declared(key, &at)?;
            if fields.kind_of(&field).is_some_and(|k| k.is_secret()) {
                return Err(SchemaProblem::new(
                    at,
                    format!("`{key}` is a secret; a secret cannot name a key (its value would be shown)"),
                ));
            }
            named.push(field);
        }
        Ok(Compiled {
            fields: named,
            map,
            also: self.also.clone(),
        })
    }
}

impl Compiled {
    pub(super) fn fields(&self, f: &mut dyn FnMut(&FieldRef)) {
        self.fields.iter().for_each(&mut *f);
        f(&self.map);
    }

    pub(super) fn check(&self, cx: &mut Cx<'_>) {
        let entries = match cx.get(&self.map).map(|n| &n.value) {
            Some(Value::Map(entries)) => Some(entries),
            _ => None,
        };
        for field in &self.fields {
            let Some((node, text)) = cx.set_scalar(field) else {
                continue;
            };
            let name = text.trim();
            if name.is_empty()
                || entries.is_some_and(|m| m.contains_key(name))
                || self.also.iter().any(|a| a == name)
            {
                continue;
            }
            let map_name = cx.name(&self.map);
            let known: Vec<&str> = entries
                .into_iter()
                .flat_map(|m| m.iter().map(|e| e.key.as_str()))
                .chain(self.also.iter().map(String::as_str))
                .collect();
            cx.report_at(
                &codes::RELATION_UNKNOWN_KEY,
                field,
                node.span,
                format!("`{name}` is not a key of `{map_name}`"),
                Some(format!(
                    "use {}, or add an entry `{name}` under `{map_name}`",
                    crate::kinds::one_of_list(&known)
                )),
            );
        }
    }
}
