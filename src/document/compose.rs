//! docker compose: a service's effective environment, as compose merges it — its `env_file:`
//! entries in order, then `environment:` over them — as an env-style [`Document`] whose
//! values keep the spans of the file that set them. No IO: [`services`] says which env files a
//! service names (the caller reads them, or does not), [`environment`] merges what was read.
//!
//! Compose interpolation (`${VAR}`, `${VAR:-default}`, `$VAR`) is not resolved: the core has no
//! shell environment. A value that holds one is checked as written, so a template is reported
//! as one (`value/template`).

use super::{Document, Entry, Format, Mapping, Node, Value};
use crate::span::{LineIndex, Span};

/// One service of a compose file.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    pub name: String,
    /// The key's place in the compose file.
    pub span: Option<Span>,
    /// `x-preflight: { schema: rend-api }` on the service.
    pub schema: Option<String>,
    /// `env_file:` entries, in order.
    pub env_files: Vec<EnvFile>,
    /// `environment:` entries, in order (mapping or `KEY=value` list).
    pub environment: Vec<Variable>,
}

/// One `env_file:` entry: a string, or the long form `{ path, required }`.
#[derive(Debug, Clone, PartialEq)]
pub struct EnvFile {
    /// As written, relative to the compose file's directory unless absolute.
    pub path: String,
    /// `required: false` entries may be missing.
    pub required: bool,
    pub span: Option<Span>,
}

/// One `environment:` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Variable {
    pub name: String,
    pub name_span: Option<Span>,
    /// `None` for `KEY` alone (or `KEY:` with no value): compose passes the shell's value,
    /// which the core cannot see.
    pub value: Option<Node>,
}

/// The services of a parsed compose file (`text` is the file, for the exact spans of
/// `KEY=value` items). A file that is not a compose file yields an empty list.
pub fn services(document: &Document, text: &str) -> Vec<Service> {
    let Some(root) = document.root() else {
        return Vec::new();
    };
    let Some(Value::Map(services)) = root.entry("services").map(|e| &e.value.value) else {
        return Vec::new();
    };
    let index = LineIndex::new(text);
    services
        .iter()
        .map(|entry| {
            let service = &entry.value;
            let schema = service
                .entry("x-preflight")
                .and_then(|e| e.value.entry("schema"))
                .and_then(|e| e.value.scalar_text())
                .map(|s| s.into_owned());
            Service {
                name: entry.key.clone(),
                span: entry.key_span,
                schema,
                env_files: service
                    .entry("env_file")
                    .map(|e| env_files(&e.value))
                    .unwrap_or_default(),
                environment: service
                    .entry("environment")
                    .map(|e| environment(&e.value, text, &index))
                    .unwrap_or_default(),
            }
        })
        .collect()
}

fn env_files(node: &Node) -> Vec<EnvFile> {
    let one = |item: &Node| -> Option<EnvFile> {
        match &item.value {
            Value::Map(_) => {
                let path = item.entry("path")?;
                Some(EnvFile {
                    path: path.value.scalar_text()?.into_owned(),
                    required: item
                        .entry("required")
                        .is_none_or(|r| r.value.value != Value::Bool(false)),
                    span: path.value.span,
                })
            }
            _ => Some(EnvFile {
                path: item.scalar_text()?.into_owned(),
                required: true,
                span: item.span,
            }),
        }
    };
    match &node.value {
        Value::Seq(items) => items.iter().filter_map(one).collect(),
        _ => one(node).into_iter().collect(),
    }
}

fn environment(node: &Node, text: &str, index: &LineIndex<'_>) -> Vec<Variable> {
    match &node.value {
        Value::Map(entries) => entries
            .iter()
            .map(|entry| Variable {
                name: entry.key.clone(),
                name_span: entry.key_span,
                value: (entry.value.value != Value::Null).then(|| {
                    let text = entry
                        .value
                        .scalar_text()
                        .map(|t| t.into_owned())
                        .unwrap_or_default();
                    Node::new(Value::String(text), entry.value.span)
                }),
            })
            .collect(),
        Value::Seq(items) => items
            .iter()
            .filter_map(|item| list_item(item, text, index))
            .collect(),
        _ => Vec::new(),
    }
}

/// `- KEY=value`: the name and value get spans of their own where the item is written as its
/// text (plain or quoted without escapes); otherwise both get the item's.
fn list_item(item: &Node, text: &str, index: &LineIndex<'_>) -> Option<Variable> {
    let written = item.scalar_text()?;
    let (name, value) = match written.split_once('=') {
        Some((name, value)) => (name.to_string(), Some(value.to_string())),
        None => (written.to_string(), None),
    };
    let (name_span, value_span) = match item.span {
        Some(span) => {
            let source = text.get(span.range()).unwrap_or_default();
            let quoted = source.len() >= 2
                && (source.starts_with('"') || source.starts_with('\''))
                && source.ends_with(&source[..1]);
            let inner_start = span.start.offset + usize::from(quoted);
            let inner = &text[inner_start..span.end.offset - usize::from(quoted)];
            if inner == written.as_ref() {
                let name_end = inner_start + name.len();
                let name_span = index.span(inner_start, name_end);
                let value_span = value
                    .as_ref()
                    .map(|_| index.span(name_end + 1, inner_start + inner.len()));
                (Some(name_span), value_span)
            } else {
                (Some(span), Some(span))
            }
        }
        None => (None, None),
    };
    Some(Variable {
        name,
        name_span,
        value: value.map(|v| Node::new(Value::String(v), value_span)),
    })
}

/// A service's environment merged from its env files (`files[i]` is the document read for
/// `env_files[i]`, `None` when it was not read) and its `environment:`: later settings win, as
/// in compose. Returns the env-style document and, for each variable (by name), which file
/// set it: 0 the compose file, `i + 1` the env file `i`.
pub fn environment_of(
    service: &Service,
    files: &[Option<&Document>],
) -> (Document, Vec<(String, usize)>) {
    let mut merged = Mapping::new();
    let mut origin: Vec<(String, usize)> = Vec::new();
    let mut set = |entry: Entry, from: usize, merged: &mut Mapping| {
        match origin.iter_mut().find(|(name, _)| *name == entry.key) {
            Some(slot) => slot.1 = from,
            None => origin.push((entry.key.clone(), from)),
        }
        merged.set(entry);
    };
    for (i, file) in files.iter().enumerate() {
        let Some(Value::Map(entries)) = file.and_then(|d| d.root()).map(|r| &r.value) else {
            continue;
        };
        for entry in entries.iter() {
            set(entry.clone(), i + 1, &mut merged);
        }
    }
    for variable in &service.environment {
        let Some(value) = &variable.value else {
            continue;
        };
        let entry = Entry {
            key: variable.name.clone(),
            key_span: variable.name_span,
            value: value.clone(),
        };
        set(entry, 0, &mut merged);
    }
    let document =
        Document::from_node(Node::new(Value::Map(merged), None)).with_format(Format::Env);
    (document, origin)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Limits;

    fn parse(text: &str) -> Vec<Service> {
        services(&Document::parse(text, Format::Yaml, &Limits::DEFAULT), text)
    }

    #[test]
    fn both_environment_forms_with_exact_spans() {
        let text = "services:\n  api:\n    x-preflight: { schema: rend-api }\n    env_file: [a.env, { path: b.env, required: false }]\n    environment:\n      PORT: 8080\n      SHELL_ONLY:\n  worker:\n    env_file: w.env\n    environment:\n      - PORT=70000\n      - \"URL=http://x\"\n      - FROM_SHELL\n";
        let services = parse(text);
        assert_eq!(services.len(), 2);
        let api = &services[0];
        assert_eq!(api.schema.as_deref(), Some("rend-api"));
        assert_eq!(
            api.env_files
                .iter()
                .map(|f| (f.path.as_str(), f.required))
                .collect::<Vec<_>>(),
            [("a.env", true), ("b.env", false)]
        );
        assert_eq!(api.environment[0].name, "PORT");
        assert_eq!(
            api.environment[0].value.as_ref().unwrap().value,
            Value::String("8080".into())
        );
        assert_eq!(api.environment[1].value, None);
        let worker = &services[1];
        assert_eq!(worker.env_files[0].path, "w.env");
        let port = worker.environment[0].value.as_ref().unwrap();
        assert_eq!(&text[port.span.unwrap().range()], "70000");
        assert_eq!(
            &text[worker.environment[0].name_span.unwrap().range()],
            "PORT"
        );
        let url = worker.environment[1].value.as_ref().unwrap();
        assert_eq!(&text[url.span.unwrap().range()], "http://x");
        assert_eq!(worker.environment[2].value, None);
    }

    #[test]
    fn environment_wins_over_env_files_in_order() {
        let text = "services:\n  api:\n    environment:\n      B: from-compose\n";
        let service = &parse(text)[0];
        let one = Document::parse("A=1\nB=1\n", Format::Env, &Limits::DEFAULT);
        let two = Document::parse("A=2\n", Format::Env, &Limits::DEFAULT);
        let (merged, origin) = environment_of(service, &[Some(&one), Some(&two)]);
        assert_eq!(merged.get("/A").unwrap().value, Value::String("2".into()));
        assert_eq!(
            merged.get("/B").unwrap().value,
            Value::String("from-compose".into())
        );
        assert_eq!(origin, [("A".to_string(), 2), ("B".to_string(), 0)]);
        assert_eq!(merged.format(), Some(Format::Env));
    }

    #[test]
    fn not_a_compose_file() {
        assert!(parse("server:\n  port: 1\n").is_empty());
        assert!(parse("services: [a]\n").is_empty());
        assert!(parse("::: not yaml").is_empty());
    }
}
