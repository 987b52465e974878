//! Maps keyed by names the operator chooses: a field pointer with one `*` token
//! (`/file_storage/backends/*/bucket`) stands for the same field under every key of that map.
//!
//! The schema compiles such fields and the relations over them once, with `*` in their
//! pointers, into a [`WildMap`]. The engine checks them once per key the document holds, with
//! the `*` bound to that key's entry ([`crate::context::Scope::bind`]): nothing is copied per
//! key, and findings name the real key (`/file_storage/backends/s3_public/bucket`).

use super::CompiledField;
use crate::context::{FieldRef, Scope};
use crate::document::{Entry, Value};
use crate::pointer;
use crate::relations::CompiledRelation;

/// Fields and relations that repeat under every key of one map.
#[derive(Debug, Clone)]
pub(crate) struct WildMap {
    /// The map's own pointer (the tokens before `*`).
    pub map: FieldRef,
    pub fields: Vec<CompiledField>,
    pub relations: Vec<CompiledRelation>,
}

impl WildMap {
    /// The scopes of the map's entries in a document, each with `*` bound to one entry, in
    /// document order. Only the entries [`WildMap::checks`] takes.
    pub(crate) fn entries<'n>(&'n self, scope: Scope<'n>) -> impl Iterator<Item = Scope<'n>> + 'n {
        let entries = match scope.get(&self.map).map(|n| &n.value) {
            Some(Value::Map(entries)) => &entries[..],
            _ => &[],
        };
        entries
            .iter()
            .filter(|e| self.checks(e))
            .map(move |entry| scope.bind(entry))
    }

    /// Whether an entry is checked: a mapping of settings, or empty; any value when the schema
    /// declares the entries themselves (`/ports/*: { kind: port }`). Elsewhere a scalar or list
    /// where an entry's settings belong is left out: the structure walk reports it, and its
    /// fields would only add noise.
    pub(crate) fn checks(&self, entry: &Entry) -> bool {
        matches!(entry.value.value, Value::Map(_) | Value::Null)
            || self.fields.iter().any(|f| f.at.is_wildcard_entry())
    }
}

/// The one wildcard map a field or relation repeats under, from all the fields it names;
/// `Err` when they name two different maps.
pub(crate) fn map_of(
    visit: impl FnOnce(&mut dyn FnMut(&FieldRef)),
) -> Result<Option<Vec<String>>, String> {
    let mut found: Option<Vec<String>> = None;
    let mut conflict = None;
    visit(&mut |r: &FieldRef| {
        if let Some(map) = r.wildcard_map() {
            match &found {
                Some(known) if known.as_slice() != map => {
                    conflict = Some(pointer::join(map.iter().map(String::as_str)));
                }
                Some(_) => {}
                None => found = Some(map.to_vec()),
            }
        }
    });
    match (found, conflict) {
        (Some(first), Some(second)) => Err(format!(
            "it names fields under two wildcard maps, `{}` and `{second}`; a field or relation repeats under one map",
            pointer::join(first.iter().map(String::as_str))
        )),
        (found, _) => Ok(found),
    }
}

/// Adds a field or relation to the wildcard map it repeats under.
pub(crate) fn group(maps: &mut Vec<WildMap>, tokens: Vec<String>) -> &mut WildMap {
    let at = match maps.iter().position(|m| m.map.tokens == tokens) {
        Some(at) => at,
        None => {
            maps.push(WildMap {
                map: FieldRef::new(pointer::join(tokens.iter().map(String::as_str)), tokens),
                fields: Vec::new(),
                relations: Vec::new(),
            });
            maps.len() - 1
        }
    };
    &mut maps[at]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(p: &str) -> FieldRef {
        FieldRef::parse(p).unwrap()
    }

    #[test]
    fn two_maps_in_one_relation_are_refused() {
        let rs = [field("/a/*/x"), field("/b/*/y"), field("/c")];
        let err = map_of(|f| rs.iter().for_each(f)).unwrap_err();
        assert!(err.contains("`/a` and `/b`"), "{err}");
        let rs = [field("/a/*/x"), field("/a/*/y"), field("/c")];
        assert_eq!(
            map_of(|f| rs.iter().for_each(f)),
            Ok(Some(vec!["a".to_string()]))
        );
    }
}
