//! Kubernetes manifests: the config inside them as an env-style [`Document`] with spans into
//! the manifest — a ConfigMap's `data`, a Secret's `stringData` and `data` (base64-decoded;
//! a finding points at the encoded value), or a workload container's `envFrom` then `env`
//! (`value`, or `valueFrom` resolved against the ConfigMaps and Secrets of the same stream).
//! No IO; one file (a stream of documents) holds everything, so every span is in it.

use base64::Engine as _;

use super::{Document, Entry, Format, Mapping, Node, Value};
use crate::diagnostic::{codes, Finding, Findings};
use crate::span::Span;

/// One object of a manifest: `kind/name` as `--select` names it.
#[derive(Debug, Clone, PartialEq)]
pub struct Object<'d> {
    pub kind: String,
    pub name: String,
    /// Its document's index in the stream (0 for a single document).
    pub index: usize,
    pub node: &'d Node,
}

const WORKLOADS: [&str; 6] = [
    "Deployment",
    "StatefulSet",
    "DaemonSet",
    "Job",
    "CronJob",
    "Pod",
];

/// The objects of a manifest (a stream, a single document, or a `List`'s `items`).
pub fn objects(document: &Document) -> Vec<Object<'_>> {
    let roots: Vec<&Node> = match document.stream_documents() {
        Some(documents) => documents.iter().collect(),
        None => document.root().into_iter().collect(),
    };
    let mut out = Vec::new();
    for (index, root) in roots.into_iter().enumerate() {
        let items: Vec<&Node> = match root.entry("items").map(|e| &e.value.value) {
            Some(Value::Seq(items)) => items.iter().collect(),
            _ => Vec::new(),
        };
        out.extend(
            std::iter::once(root)
                .chain(items)
                .filter_map(|node| object_of(node, index)),
        );
    }
    out
}

fn object_of(node: &Node, index: usize) -> Option<Object<'_>> {
    let kind = node.entry("kind")?.value.scalar_text()?.into_owned();
    let name = node
        .entry("metadata")?
        .value
        .entry("name")?
        .value
        .scalar_text()?
        .into_owned();
    Some(Object {
        kind,
        name,
        index,
        node,
    })
}

/// What [`config`] found: the env-style document, the spans of values that came from a
/// Secret (masked in every output), and which containers a workload has.
#[derive(Debug)]
pub struct Config {
    pub document: Document,
    pub secret_spans: Vec<Span>,
}

/// The config of `kind/name[/container]` (kind case-insensitive: `deployment/api/app`,
/// `secret/api`), or why there is none.
pub fn config(document: &Document, select: &str) -> Result<Config, String> {
    let all = objects(document);
    let mut parts = select.splitn(3, '/');
    let (kind, name, container) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next(),
    );
    let listed = || {
        all.iter()
            .map(|o| format!("{}/{}", o.kind.to_ascii_lowercase(), o.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let object = all
        .iter()
        .find(|o| o.kind.eq_ignore_ascii_case(kind) && o.name == name)
        .ok_or_else(|| format!("no `{select}` in the manifest (its objects: {})", listed()))?;
    let mut out = Builder::default();
    match object.kind.as_str() {
        "ConfigMap" => out.config_map(object.node),
        "Secret" => out.secret(object.node),
        k if WORKLOADS.contains(&k) => {
            let containers = containers(object.node);
            let chosen = match container {
                Some(c) => containers
                    .iter()
                    .find(|(n, _)| n == c)
                    .ok_or_else(|| format!("`{kind}/{name}` has no container `{c}`"))?,
                None if containers.len() == 1 => &containers[0],
                None => {
                    let names: Vec<&str> = containers.iter().map(|(n, _)| n.as_str()).collect();
                    return Err(format!(
                        "`{kind}/{name}` has {} containers: select one, `{kind}/{name}/CONTAINER` ({})",
                        names.len(),
                        names.join(", ")
                    ));
                }
            };
            out.container(chosen.1, &all);
        }
        other => {
            return Err(format!(
                "`{other}` holds no config preflight reads (ConfigMap, Secret, or a workload)"
            ))
        }
    }
    let mut document =
        Document::from_node(Node::new(Value::Map(out.entries), None)).with_format(Format::Env);
    document.findings = out
        .findings
        .into_iter()
        .fold(Findings::unlimited(), Findings::with);
    Ok(Config {
        document,
        secret_spans: out.secrets,
    })
}

/// The containers of a workload's pod template, by name.
fn containers(node: &Node) -> Vec<(String, &Node)> {
    let spec = node.entry("spec").map(|e| &e.value);
    // CronJob: spec.jobTemplate.spec.template; Pod: spec; others: spec.template.spec.
    let pod = spec
        .and_then(|s| s.entry("jobTemplate"))
        .and_then(|j| j.value.entry("spec"))
        .map(|s| &s.value)
        .or(spec)
        .and_then(|s| {
            s.entry("template")
                .map(|t| &t.value)
                .and_then(|t| t.entry("spec"))
                .map(|e| &e.value)
                .or(Some(s))
        });
    let Some(Value::Seq(list)) = pod
        .and_then(|p| p.entry("containers"))
        .map(|e| &e.value.value)
    else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|c| Some((c.entry("name")?.value.scalar_text()?.into_owned(), c)))
        .collect()
}

#[derive(Default)]
struct Builder {
    entries: Mapping,
    findings: Vec<Finding>,
    secrets: Vec<Span>,
}

impl Builder {
    fn set(&mut self, key: &str, key_span: Option<Span>, value: Node) {
        self.entries.set(Entry {
            key: key.to_string(),
            key_span,
            value,
        });
    }

    /// `entry`'s key set to `text`, at the entry's value in the manifest.
    fn set_text(&mut self, entry: &Entry, text: String) {
        self.set(
            &entry.key,
            entry.key_span,
            Node::new(Value::String(text), entry.value.span),
        );
    }

    fn config_map(&mut self, node: &Node) {
        for entry in map(node, "data") {
            let text = text_of(entry);
            self.set_text(entry, text);
        }
    }

    fn secret(&mut self, node: &Node) {
        for entry in map(node, "data") {
            let encoded = text_of(entry);
            if let Some(span) = entry.value.span {
                self.secrets.push(span);
            }
            match decode(&encoded) {
                Some(text) => self.set_text(entry, text),
                None => self.findings.push(Finding::new(
                    &codes::K8S_INVALID_BASE64,
                    format!("/{}", crate::pointer::escape(&entry.key)),
                    entry.value.span,
                    format!(
                        "the value of `{}` in the Secret's `data` is not valid base64",
                        entry.key
                    ),
                    Some(
                        "encode it with `base64 -w0`, or move it to `stringData` as plain text"
                            .into(),
                    ),
                )),
            }
        }
        for entry in map(node, "stringData") {
            let text = text_of(entry);
            if let Some(span) = entry.value.span {
                self.secrets.push(span);
            }
            self.set_text(entry, text);
        }
    }

    /// `envFrom` first, then `env` over it, as the kubelet sets them.
    fn container(&mut self, container: &Node, all: &[Object<'_>]) {
        let find = |kind: &str, name: &str| all.iter().find(|o| o.kind == kind && o.name == name);
        if let Some(Value::Seq(sources)) = container.entry("envFrom").map(|e| &e.value.value) {
            for source in sources {
                let prefix = source
                    .entry("prefix")
                    .and_then(|p| p.value.scalar_text())
                    .map(|p| p.into_owned())
                    .unwrap_or_default();
                let mut from = Builder::default();
                if let Some(name) = ref_name(source, "configMapRef") {
                    if let Some(object) = find("ConfigMap", &name) {
                        from.config_map(object.node);
                    }
                } else if let Some(name) = ref_name(source, "secretRef") {
                    if let Some(object) = find("Secret", &name) {
                        from.secret(object.node);
                    }
                }
                for entry in from.entries.iter() {
                    self.set(
                        &format!("{prefix}{}", entry.key),
                        entry.key_span,
                        entry.value.clone(),
                    );
                }
                self.secrets.extend(from.secrets);
                self.findings.extend(from.findings);
            }
        }
        let Some(Value::Seq(env)) = container.entry("env").map(|e| &e.value.value) else {
            return;
        };
        for item in env {
            let Some(name) = item.entry("name") else {
                continue;
            };
            let Some(key) = name.value.scalar_text().map(|k| k.into_owned()) else {
                continue;
            };
            if let Some(value) = item.entry("value") {
                let text = value
                    .value
                    .scalar_text()
                    .map(|t| t.into_owned())
                    .unwrap_or_default();
                self.set(
                    &key,
                    name.value.span,
                    Node::new(Value::String(text), value.value.span),
                );
                continue;
            }
            let Some(from) = item.entry("valueFrom").map(|e| &e.value) else {
                continue;
            };
            // A reference into this stream is resolved; one into the cluster is not checked.
            let not_checked = |source: String| {
                Finding::new(
                    &codes::K8S_VALUE_NOT_CHECKED,
                    format!("/{}", crate::pointer::escape(&key)),
                    name.value.span,
                    format!("`{key}` comes from {source}, which is not in this file: not checked"),
                    Some("check that manifest too, or keep the object in the same file".into()),
                )
            };
            let (kind, reference) =
                match (from.entry("configMapKeyRef"), from.entry("secretKeyRef")) {
                    (Some(r), _) => ("ConfigMap", &r.value),
                    (None, Some(r)) => ("Secret", &r.value),
                    _ => {
                        self.findings
                            .push(not_checked("the pod's own fields".into()));
                        continue;
                    }
                };
            let (Some(object_name), Some(wanted)) = (
                reference.entry("name").and_then(|n| n.value.scalar_text()),
                reference.entry("key").and_then(|k| k.value.scalar_text()),
            ) else {
                continue;
            };
            let Some(object) = find(kind, &object_name) else {
                self.findings.push(not_checked(format!(
                    "the {kind} `{object_name}` (key `{wanted}`)"
                )));
                continue;
            };
            let mut one = Builder::default();
            match kind {
                "ConfigMap" => one.config_map(object.node),
                _ => one.secret(object.node),
            }
            if let Some(entry) = one.entries.iter().find(|e| e.key == *wanted) {
                self.set(&key, name.value.span, entry.value.clone());
                if kind == "Secret" {
                    self.secrets.extend(entry.value.span);
                }
            }
            self.findings.extend(
                one.findings
                    .into_iter()
                    .filter(|f| f.pointer == format!("/{}", crate::pointer::escape(&wanted))),
            );
        }
    }
}

/// An entry's scalar value as text (empty for a mapping or list).
fn text_of(entry: &Entry) -> String {
    entry
        .value
        .scalar_text()
        .map(|t| t.into_owned())
        .unwrap_or_default()
}

fn map<'n>(node: &'n Node, key: &str) -> impl Iterator<Item = &'n Entry> {
    let entries: &[Entry] = match node.entry(key).map(|e| &e.value.value) {
        Some(Value::Map(entries)) => entries,
        _ => &[],
    };
    entries.iter()
}

fn ref_name(source: &Node, key: &str) -> Option<String> {
    source
        .entry(key)?
        .value
        .entry("name")?
        .value
        .scalar_text()
        .map(|n| n.into_owned())
}

/// Standard base64 with padding, as Kubernetes writes a Secret's `data`; the text must be UTF-8.
fn decode(encoded: &str) -> Option<String> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Limits;

    const MANIFEST: &str = "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: api-config }\ndata:\n  PORT: \"8080\"\n  PUBLIC_URL: http://app.acme.io\n---\napiVersion: v1\nkind: Secret\nmetadata: { name: api-secrets }\ndata:\n  JWT_SECRET: c2hvcnQ=\n  BROKEN: '***'\nstringData:\n  DB_PASSWORD: hunter2\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          envFrom:\n            - configMapRef: { name: api-config }\n          env:\n            - name: PORT\n              value: \"70000\"\n            - name: JWT_SECRET\n              valueFrom: { secretKeyRef: { name: api-secrets, key: JWT_SECRET } }\n            - name: FROM_CLUSTER\n              valueFrom: { secretKeyRef: { name: elsewhere, key: x } }\n        - name: sidecar\n          env: []\n";

    fn document() -> Document {
        Document::parse(MANIFEST, Format::Yaml, &Limits::DEFAULT)
    }

    #[test]
    fn objects_of_a_stream() {
        let doc = document();
        let names: Vec<(String, String, usize)> = objects(&doc)
            .into_iter()
            .map(|o| (o.kind, o.name, o.index))
            .collect();
        assert_eq!(
            names,
            [
                ("ConfigMap".into(), "api-config".into(), 0),
                ("Secret".into(), "api-secrets".into(), 1),
                ("Deployment".into(), "api".into(), 2)
            ]
        );
    }

    #[test]
    fn a_secret_is_decoded_with_the_encoded_spans() {
        let doc = document();
        let config = config(&doc, "secret/api-secrets").unwrap();
        let jwt = config.document.get("/JWT_SECRET").unwrap();
        assert_eq!(jwt.value, Value::String("short".into()));
        assert_eq!(&MANIFEST[jwt.span.unwrap().range()], "c2hvcnQ=");
        assert_eq!(config.document.findings.len(), 1);
        assert_eq!(config.document.findings[0].code.code, "k8s/invalid-base64");
        assert_eq!(config.secret_spans.len(), 3);
    }

    #[test]
    fn a_container_env_over_env_from_with_references() {
        let doc = document();
        let app = config(&doc, "deployment/api/app").unwrap();
        let get = |k: &str| app.document.get(&format!("/{k}")).map(|n| n.value.clone());
        assert_eq!(get("PORT"), Some(Value::String("70000".into())));
        assert_eq!(
            get("PUBLIC_URL"),
            Some(Value::String("http://app.acme.io".into()))
        );
        assert_eq!(get("JWT_SECRET"), Some(Value::String("short".into())));
        assert_eq!(get("FROM_CLUSTER"), None);
        assert_eq!(app.document.findings.len(), 1);
        assert_eq!(app.document.findings[0].code.code, "k8s/value-not-checked");
        assert_eq!(
            app.document.findings[0].message,
            "`FROM_CLUSTER` comes from the Secret `elsewhere` (key `x`), which is not in this file: not checked"
        );
        assert_eq!(app.secret_spans.len(), 1);
        assert!(config(&doc, "deployment/api")
            .unwrap_err()
            .contains("2 containers"));
        assert!(config(&doc, "deployment/nope")
            .unwrap_err()
            .contains("its objects: configmap/api-config"));
    }
}
