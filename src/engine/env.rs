//! Env files checked with a YAML schema: variables the schema maps move to their pointers
//! before the check ([`project`]), and the check names each field by the variable the file
//! uses ([`naming`]), so a message about `SYNCTV_JWT_SECRET` names `SYNCTV_JWT_SECRET` (not
//! `jwt.secret`) and points into the file as it was written.

use std::collections::HashMap;

use crate::context::Naming;
use crate::document::{Mapping, Node, Value};
use crate::pointer;
use crate::schema::Schema;

use super::walk;

/// Moves variables the schema maps (`SYNCTV_JWT_SECRET` → `/jwt/secret`) to their pointers;
/// a variable under a free-form field's prefix (`SYNCTV_CACHE_…`) goes below that field.
/// Other variables stay where they are.
pub(super) fn project(root: &Node, schema: &Schema) -> Node {
    let Value::Map(entries) = &root.value else {
        return root.clone();
    };
    let mut out = Node::new(Value::Map(Mapping::new()), root.span);
    for entry in entries {
        if let Some(&i) = schema.env_index.get(&entry.key) {
            walk::insert(&mut out, &schema.env[i].1, entry.clone());
        } else if let Some((prefix, tokens)) = schema
            .env_subtrees
            .iter()
            .find(|(prefix, _)| entry.key.starts_with(prefix.as_str()))
        {
            let mut at = tokens.clone();
            at.push(entry.key[prefix.len()..].to_ascii_lowercase());
            walk::insert(&mut out, &at, entry.clone());
        } else {
            walk::insert(&mut out, std::slice::from_ref(&entry.key), entry.clone());
        }
    }
    out
}

/// For each mapped pointer, the variable that stands for it: the one the file uses, or else
/// the first the schema names.
pub(super) fn naming(root: &Node, schema: &Schema) -> Naming {
    let mut names: HashMap<String, String> = HashMap::with_capacity(schema.env.len());
    for (name, tokens) in &schema.env {
        let at = pointer::join(tokens.iter().map(String::as_str));
        let present = root.entry(name).is_some();
        match names.get_mut(&at) {
            Some(slot) if present && root.entry(slot).is_none() => *slot = name.clone(),
            Some(_) => {}
            None => {
                names.insert(at, name.clone());
            }
        }
    }
    Naming::new(names)
}
