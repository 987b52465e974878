//! Maps keyed by names the operator chooses: a field pointer with one `*` token
//! (`/file_storage/backends/*/bucket`) stands for the same field under every key of that map.
//!
//! The schema compiles such fields and the relations over them once, with `*` in their
//! pointers, into a [`WildMap`]. Checking a document instantiates them for each key the
//! document holds ([`expand`]), so every kind, block and relation runs unchanged on concrete
//! pointers (`/file_storage/backends/s3_public/bucket`), and findings name the real key.

use super::{CompiledField, CompiledRelation, Resolved};
use crate::document::{Node, Value};
use crate::pointer;

/// The token that stands for any key of a map.
pub(crate) const WILDCARD: &str = "*";

/// Fields and relations that repeat under every key of one map.
#[derive(Debug, Clone)]
pub(crate) struct WildMap {
    /// The map's own pointer (the tokens before `*`).
    pub map: Resolved,
    pub fields: Vec<CompiledField>,
    pub relations: Vec<CompiledRelation>,
}

/// The fields and relations of every wildcard map, for the keys one document holds.
#[derive(Debug, Default)]
pub(crate) struct Expanded {
    pub fields: Vec<CompiledField>,
    pub relations: Vec<CompiledRelation>,
}

impl Resolved {
    /// The map a wildcard pointer repeats under (`/a/*/b` → tokens `[a]`).
    pub(crate) fn wildcard_map(&self) -> Option<&[String]> {
        let at = self.tokens.iter().position(|t| t == WILDCARD)?;
        Some(&self.tokens[..at])
    }

    fn instantiate(&mut self, key: &str) {
        if let Some(at) = self.tokens.iter().position(|t| t == WILDCARD) {
            self.tokens[at] = key.to_string();
            // One allocation: this runs for every pointer of every field under every key.
            let mut joined = String::with_capacity(self.pointer.len() + key.len() + 4);
            for token in &self.tokens {
                pointer::push_token(&mut joined, token);
            }
            self.pointer = joined;
        }
    }
}

impl CompiledField {
    /// Every document pointer the field names: itself, its file, its old key, its conditions.
    pub(crate) fn pointers_mut(&mut self, f: &mut dyn FnMut(&mut Resolved)) {
        f(&mut self.at);
        for r in [&mut self.file, &mut self.renamed].into_iter().flatten() {
            f(r);
        }
        for (r, _) in [&mut self.required_if, &mut self.error_if]
            .into_iter()
            .flatten()
        {
            f(r);
        }
    }
}

impl CompiledRelation {
    /// Every document pointer the relation names.
    pub(crate) fn pointers_mut(&mut self, f: &mut dyn FnMut(&mut Resolved)) {
        match self {
            CompiledRelation::Requires {
                when, and, then, ..
            } => {
                f(when);
                if let Some((r, _)) = and {
                    f(r);
                }
                for (r, file) in then {
                    f(r);
                    if let Some(file) = file {
                        f(file);
                    }
                }
            }
            CompiledRelation::Exclusive(rs) | CompiledRelation::OneOf(rs) => {
                rs.iter_mut().for_each(f)
            }
            CompiledRelation::KeyMode { fields, .. } => fields.iter_mut().for_each(f),
            CompiledRelation::Distinct(rs) => rs.iter_mut().for_each(|(r, _)| f(r)),
            CompiledRelation::Cors {
                origins,
                credentials,
            } => {
                f(origins);
                f(credentials);
            }
            CompiledRelation::Block { mapped, when, .. } => {
                mapped.parts.iter_mut().for_each(|p| f(&mut p.at));
                if let Some((r, _)) = when {
                    f(r);
                }
            }
            CompiledRelation::Ports(uses) => {
                for (r, when) in uses {
                    f(r);
                    if let Some((w, _)) = when {
                        f(w);
                    }
                }
            }
            CompiledRelation::Member {
                value,
                list,
                matches,
                ..
            } => {
                f(value);
                f(list);
                matches.iter_mut().for_each(|(_, _, r)| f(r));
            }
            CompiledRelation::Agree { field, with, .. } => {
                f(field);
                f(with);
            }
            CompiledRelation::KeyOf { fields, map, .. } => {
                fields.iter_mut().for_each(&mut *f);
                f(map);
            }
        }
    }
}

/// The one wildcard map a field or relation repeats under, from all the pointers it names;
/// `Err` when they name two different maps.
pub(crate) fn map_of(
    visit: impl FnOnce(&mut dyn FnMut(&mut Resolved)),
) -> Result<Option<Vec<String>>, String> {
    let mut found: Option<Vec<String>> = None;
    let mut conflict = None;
    visit(&mut |r: &mut Resolved| {
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
                map: Resolved {
                    pointer: pointer::join(tokens.iter().map(String::as_str)),
                    tokens,
                },
                fields: Vec::new(),
                relations: Vec::new(),
            });
            maps.len() - 1
        }
    };
    &mut maps[at]
}

/// Instantiates every wildcard map for the keys the document holds there (entries that are
/// mappings, or empty), in document order.
pub(crate) fn expand(maps: &[WildMap], root: &Node) -> Expanded {
    let mut out = Expanded::default();
    for map in maps {
        let Some(Value::Map(entries)) = root.get_tokens(&map.map.tokens).map(|n| &n.value) else {
            continue;
        };
        // A scalar or list where an entry's settings belong is reported by the structure
        // walk; its fields would only add noise.
        let entries = entries
            .iter()
            .filter(|e| matches!(e.value.value, Value::Map(_) | Value::Null));
        for entry in entries {
            let key = entry.key.as_str();
            out.fields.extend(map.fields.iter().map(|field| {
                let mut field = field.clone();
                field.pointers_mut(&mut |r| r.instantiate(key));
                field
            }));
            out.relations.extend(map.relations.iter().map(|relation| {
                let mut relation = relation.clone();
                relation.pointers_mut(&mut |r| r.instantiate(key));
                relation
            }));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved(p: &str) -> Resolved {
        Resolved {
            pointer: p.into(),
            tokens: pointer::tokens(p).unwrap(),
        }
    }

    #[test]
    fn instantiating_replaces_the_wildcard_and_escapes_the_key() {
        let mut r = resolved("/backends/*/bucket");
        assert_eq!(r.wildcard_map(), Some(&["backends".to_string()][..]));
        r.instantiate("s3/eu~1");
        assert_eq!(r.pointer, "/backends/s3~1eu~01/bucket");
        assert_eq!(r.wildcard_map(), None);
    }

    #[test]
    fn two_maps_in_one_relation_are_refused() {
        let mut rs = [resolved("/a/*/x"), resolved("/b/*/y"), resolved("/c")];
        let err = map_of(|f| rs.iter_mut().for_each(f)).unwrap_err();
        assert!(err.contains("`/a` and `/b`"), "{err}");
        let mut rs = [resolved("/a/*/x"), resolved("/a/*/y"), resolved("/c")];
        assert_eq!(
            map_of(|f| rs.iter_mut().for_each(f)),
            Ok(Some(vec!["a".to_string()]))
        );
    }
}
