//! Env files checked with a YAML schema: variables the schema maps move to their pointers
//! before the check, and findings move back afterwards, so a message about
//! `SYNCTV_JWT_SECRET` names `SYNCTV_JWT_SECRET` (not `jwt.secret`) and points into the file
//! as it was written.

use crate::diagnostic::Finding;
use crate::document::{Mapping, Node, Value};
use crate::pointer;
use crate::schema::Schema;

use super::{display_name, walk};

/// Moves variables the schema maps (`SYNCTV_JWT_SECRET` → `/jwt/secret`) to their pointers;
/// a variable under a free-form field's prefix (`SYNCTV_CACHE_…`) goes below that field.
/// Other variables stay where they are.
pub(super) fn project(root: &Node, schema: &Schema) -> Node {
    let Value::Map(entries) = &root.value else {
        return root.clone();
    };
    let mut out = Node::new(Value::Map(Mapping::new()), root.span);
    for entry in entries {
        if let Some((_, tokens)) = schema.env.iter().find(|(name, _)| *name == entry.key) {
            walk::insert(&mut out, tokens, entry.clone());
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
fn names_in_use(root: &Node, schema: &Schema) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (name, tokens) in &schema.env {
        let at = pointer::join(tokens.iter().map(String::as_str));
        let present = root.entry(name).is_some();
        match out.iter_mut().find(|(p, _)| *p == at) {
            Some(slot) if present && root.entry(&slot.1).is_none() => slot.1 = name.clone(),
            Some(_) => {}
            None => out.push((at, name.clone())),
        }
    }
    out
}

/// Renames findings back into the env file's terms: pointers under a mapped field start at
/// its variable, and every field named in a message or help is named by its variable.
pub(super) fn rename_findings(root: &Node, schema: &Schema, findings: &mut [Finding]) {
    let names = names_in_use(root, schema);
    // Longest first, so `/database/url_file` is not renamed as `/database/url` + `_file`.
    let mut by_length: Vec<&(String, String)> = names.iter().collect();
    by_length.sort_by_key(|(at, _)| std::cmp::Reverse(at.len()));
    // How each field is quoted in a message, and how its variable is; built once, not per
    // finding.
    let quoted: Vec<(String, String)> = by_length
        .iter()
        .map(|(at, name)| (format!("`{}`", display_name(at)), format!("`{name}`")))
        .collect();
    for finding in findings {
        if let Some((at, name)) = by_length.iter().find(|(at, _)| {
            finding.pointer == *at
                || finding
                    .pointer
                    .strip_prefix(at.as_str())
                    .is_some_and(|rest| rest.starts_with('/'))
        }) {
            finding.pointer = format!(
                "{}{}",
                pointer::join([name.as_str()]),
                &finding.pointer[at.len()..]
            );
        }
        if !finding.message.contains('`')
            && finding.help.as_deref().is_none_or(|h| !h.contains('`'))
        {
            continue;
        }
        for (field, variable) in &quoted {
            if finding.message.contains(field.as_str()) {
                finding.message = finding.message.replace(field.as_str(), variable);
            }
            if let Some(help) = finding.help.as_mut().filter(|h| h.contains(field.as_str())) {
                *help = help.replace(field.as_str(), variable);
            }
        }
    }
}
