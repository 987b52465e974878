//! A chart's values file checked with a schema whose `helm:` section says how the chart holds
//! the config: the subtree (`config:`) becomes the document, its camelCase keys the schema's
//! snake_case ones (only keys the schema declares, so a backend's own name stays as written),
//! and values set elsewhere (`secrets.jwt.secret`) move to their fields. Findings name
//! everything as the values file does (`config.server.trustedProxies`, `/secrets/jwt/secret`).

use std::collections::HashMap;

use crate::context::{Naming, Prefix};
use crate::document::{Entry, Mapping, Node, Value};
use crate::pointer;
use crate::schema::{camel_case, HelmMap};

use super::walk;

/// The config the values hold, in the schema's terms, and how to name it in the file's.
pub(super) fn project(root: &Node, helm: &HelmMap) -> (Node, Naming) {
    let prefix = pointer::join(helm.config.iter().map(String::as_str));
    let mut paths: HashMap<String, String> = HashMap::new();
    let mut out = match root.get_tokens(&helm.config) {
        Some(config) => respell(config, String::new(), prefix.clone(), helm, &mut paths),
        None => Node::new(Value::Map(Mapping::new()), root.span),
    };
    if !matches!(out.value, Value::Map(_)) {
        out = Node::new(Value::Map(Mapping::new()), out.span);
    }
    for (from, to) in &helm.values {
        // Named by its values key, set or not (a missing secret is `secrets.jwt.secret`).
        paths.insert(
            pointer::join(to.iter().map(String::as_str)),
            pointer::join(from.iter().map(String::as_str)),
        );
        let Some((key, parents)) = from.split_last() else {
            continue;
        };
        let Some(entry) = root
            .get_tokens(parents)
            .and_then(|parent| parent.entry(key))
        else {
            continue;
        };
        let Some(last) = to.last() else { continue };
        walk::insert(
            &mut out,
            to,
            Entry {
                key: last.clone(),
                key_span: entry.key_span,
                value: entry.value.clone(),
            },
        );
    }
    (out, Naming::paths(paths, Prefix(prefix), camel_pointer))
}

/// The node with its map keys respelled, recording each key's pointer in the file.
fn respell(
    node: &Node,
    at: String,
    file_at: String,
    helm: &HelmMap,
    paths: &mut HashMap<String, String>,
) -> Node {
    match &node.value {
        Value::Map(entries) => {
            let mut out = Mapping::new();
            for entry in entries.iter() {
                let key = match helm.camel_case {
                    true => Some(snake_case(&entry.key))
                        .filter(|k| helm.keys.contains(k))
                        .unwrap_or_else(|| entry.key.clone()),
                    false => entry.key.clone(),
                };
                let here = format!("{at}/{}", pointer::escape(&key));
                let file_here = format!("{file_at}/{}", pointer::escape(&entry.key));
                paths.insert(here.clone(), file_here.clone());
                let value = respell(&entry.value, here, file_here, helm, paths);
                out.set(Entry {
                    key,
                    key_span: entry.key_span,
                    value,
                });
            }
            Node::new(Value::Map(out), node.span)
        }
        Value::Seq(items) => Node::new(
            Value::Seq(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        respell(
                            item,
                            format!("{at}/{i}"),
                            format!("{file_at}/{i}"),
                            helm,
                            paths,
                        )
                    })
                    .collect(),
            ),
            node.span,
        ),
        _ => node.clone(),
    }
}

/// `trustedProxies` → `trusted_proxies`, `accessKeyId` → `access_key_id`.
fn snake_case(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for (i, ch) in key.chars().enumerate() {
        if ch.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(ch.to_ascii_lowercase());
        } else {
            out.push(ch);
        }
    }
    out
}

/// A schema pointer the values do not hold, as the values would write it: under the config
/// prefix, in camelCase (`/server/trusted_proxies` → `/config/server/trustedProxies`).
fn camel_pointer(at: &str, prefix: &Prefix) -> String {
    let tokens = pointer::tokens(at).unwrap_or_default();
    let camel: Vec<String> = tokens.iter().map(|t| camel_case(t)).collect();
    format!(
        "{}{}",
        prefix.0,
        pointer::join(camel.iter().map(String::as_str))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings() {
        assert_eq!(snake_case("trustedProxies"), "trusted_proxies");
        assert_eq!(
            snake_case("grpcMaxMessageSizeBytes"),
            "grpc_max_message_size_bytes"
        );
        assert_eq!(snake_case("port"), "port");
        assert_eq!(
            camel_pointer("/server/trusted_proxies", &Prefix("/config".into())),
            "/config/server/trustedProxies"
        );
    }
}
