//! What the server answers for one checked document: its diagnostics, hovers, quick fixes and
//! key completion. Everything shown comes from the report (whose messages never hold a secret)
//! or the schema (names, kinds, descriptions): no config value is ever copied into a message.

use lsp_types::{
    CodeAction, CodeActionKind, CodeDescription, CompletionItem, CompletionItemKind, Diagnostic,
    DiagnosticSeverity, Documentation, Hover, HoverContents, MarkupContent, MarkupKind,
    NumberOrString, Position, Range, TextEdit, Url, WorkspaceEdit,
};
use preflight::document::{Document, Entry, Node, Value};
use preflight::{codes, render, Format, Limits, Report, Schema, Severity};

use super::text::{Encoding, Text};

/// A document as last checked.
pub struct Checked {
    pub report: Report,
    pub schema: std::rc::Rc<Schema>,
    pub format: Format,
}

/// The protocol's diagnostics for a report. A finding without a place goes on the key of the
/// nearest parent that the document has (a missing `/jwt/secret` on `jwt:`), or line 1.
pub fn diagnostics(checked: &Checked, text: &Text, encoding: Encoding) -> Vec<Diagnostic> {
    let mut tree = None;
    checked
        .report
        .iter()
        .map(|d| {
            let range = match d.span {
                Some(span) => text.range(span.start.offset, span.end.offset, encoding),
                None => {
                    let document = tree.get_or_insert_with(|| {
                        Document::parse(&text.text, checked.format, &Limits::DEFAULT)
                    });
                    parent_key(document, &d.pointer)
                        .map(|(start, end)| text.range(start, end, encoding))
                        .unwrap_or_default()
                }
            };
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            Diagnostic {
                range,
                severity: Some(match d.severity {
                    Severity::Error => DiagnosticSeverity::ERROR,
                    Severity::Warning => DiagnosticSeverity::WARNING,
                    _ => DiagnosticSeverity::INFORMATION,
                }),
                code: Some(NumberOrString::String(d.code.to_string())),
                code_description: Url::parse(&render::help_uri(d.code))
                    .ok()
                    .map(|href| CodeDescription { href }),
                source: Some("preflight".into()),
                message,
                ..Diagnostic::default()
            }
        })
        .collect()
}

/// A diagnostic of the server's own (a broken project file or schema), on line 1.
pub fn problem(message: String) -> Diagnostic {
    Diagnostic {
        range: Range::default(),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some("preflight".into()),
        message,
        ..Diagnostic::default()
    }
}

/// The byte range of the key of the deepest entry on `pointer`'s path that the document has.
fn parent_key(document: &Document, pointer: &str) -> Option<(usize, usize)> {
    let tokens = preflight::pointer::tokens(pointer)?;
    let mut node = document.root()?;
    let mut found = None;
    for token in &tokens {
        let next = match &node.value {
            Value::Map(_) => node.entry(token).map(|e| (e.key_span, &e.value)),
            Value::Seq(items) => token
                .parse::<usize>()
                .ok()
                .and_then(|i| items.get(i))
                .map(|n| (n.span, n)),
            _ => None,
        };
        let Some((span, child)) = next else { break };
        if let Some(span) = span {
            found = Some((span.start.offset, span.end.offset));
        }
        node = child;
    }
    found
}

/// The entry whose key holds `offset`, with its pointer.
fn key_at(node: &Node, offset: usize, pointer: &mut String) -> Option<String> {
    let inside = |span: Option<preflight::Span>| {
        span.is_some_and(|s| s.start.offset <= offset && offset <= s.end.offset)
    };
    match &node.value {
        Value::Map(entries) => {
            for entry in entries.iter() {
                let Entry {
                    key,
                    key_span,
                    value,
                } = entry;
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&preflight::pointer::escape(key));
                if inside(*key_span) {
                    return Some(pointer.clone());
                }
                if let Some(found) = key_at(value, offset, pointer) {
                    return Some(found);
                }
                pointer.truncate(len);
            }
            None
        }
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = pointer.len();
                pointer.push_str(&format!("/{i}"));
                if let Some(found) = key_at(item, offset, pointer) {
                    return Some(found);
                }
                pointer.truncate(len);
            }
            None
        }
        _ => None,
    }
}

/// The declared field a document's pointer names: directly, or through the env name an env
/// file writes for a YAML schema.
fn field_for<'s>(
    schema: &'s Schema,
    format: Format,
    pointer: &str,
) -> Option<(String, &'s preflight::schema::Field)> {
    if let Some((key, field)) = schema.field_at(pointer) {
        return Some((key.to_string(), field));
    }
    if format == Format::Env {
        let name = preflight::pointer::tokens(pointer)?.into_iter().next()?;
        let target = schema.env_pointer(&name)?;
        return schema
            .field_at(&target)
            .map(|(key, field)| (key.to_string(), field));
    }
    None
}

fn markdown(value: String) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: None,
    }
}

/// On a flagged span: the message, its help and the code's explanation. On a key: the field's
/// description, kind and rules.
pub fn hover(
    checked: &Checked,
    text: &Text,
    position: Position,
    encoding: Encoding,
) -> Option<Hover> {
    let offset = text.offset(position, encoding);
    let flagged: Vec<String> = checked
        .report
        .iter()
        .filter(|d| {
            d.span
                .is_some_and(|s| s.start.offset <= offset && offset <= s.end.offset)
        })
        .map(|d| {
            let mut out = format!("**{}** — {}", d.code, d.message);
            if let Some(help) = &d.help {
                out.push_str(&format!("\n\nhelp: {help}"));
            }
            if let Some(info) = codes::lookup(d.code) {
                out.push_str(&format!("\n\n{}\n\n{}", info.summary, info.explanation));
            }
            out
        })
        .collect();
    if !flagged.is_empty() {
        return Some(markdown(flagged.join("\n\n---\n\n")));
    }
    let document = Document::parse(&text.text, checked.format, &Limits::DEFAULT);
    let pointer = key_at(document.root()?, offset, &mut String::new())?;
    let (declared, field) = field_for(&checked.schema, checked.format, &pointer)?;
    let kind = field.kind.name();
    let mut out = format!("**`{declared}`** — kind `{kind}`");
    if let Some(description) = &field.description {
        out.push_str(&format!("\n\n{description}"));
    }
    let required = match field.required {
        preflight::schema::Required::Always => Some("required"),
        preflight::schema::Required::Production => Some("required in production"),
        _ => None,
    };
    let mut rules: Vec<String> = required.map(String::from).into_iter().collect();
    if let Some(file) = &field.secret_file {
        rules.push(format!(
            "or set `{file}` to the path of a file that holds it"
        ));
    }
    if let Some(old) = &field.renamed_from {
        rules.push(format!("formerly `{old}`"));
    }
    let area = kind_area(kind);
    let checks: Vec<String> = codes::ALL
        .iter()
        .filter(|c| c.code.split('/').next() == Some(area))
        .map(|c| format!("`{}`", c.code))
        .collect();
    if !checks.is_empty() {
        rules.push(format!("checked by {}", checks.join(", ")));
    }
    if !rules.is_empty() {
        out.push_str(&format!("\n\n{}", rules.join("; ")));
    }
    Some(markdown(out))
}

/// The registry area of a kind's codes.
fn kind_area(kind: &str) -> &str {
    match kind {
        "postgres_url" => "postgres",
        "redis_url" => "redis",
        "byte_size" => "size",
        "bind_address" => "bind",
        "email_name" => "email",
        "bool" => "bool",
        other => other,
    }
}

/// Quick fixes for the diagnostics in `range` that carry a certain replacement. A quoted
/// value keeps its quotes.
pub fn code_actions(
    checked: &Checked,
    text: &Text,
    uri: &Url,
    range: Range,
    encoding: Encoding,
) -> Vec<CodeAction> {
    let (from, to) = (
        text.offset(range.start, encoding),
        text.offset(range.end, encoding),
    );
    let published = diagnostics(checked, text, encoding);
    checked
        .report
        .iter()
        .zip(published)
        .filter_map(|(d, published)| {
            let span = d.span?;
            let replacement = d.replacement.as_ref()?;
            if span.end.offset < from || span.start.offset > to {
                return None;
            }
            let (mut start, mut end) = (span.start.offset, span.end.offset);
            let written = text.text.get(start..end)?;
            let quoted = written.len() >= 2
                && (written.starts_with('"') && written.ends_with('"')
                    || written.starts_with('\'') && written.ends_with('\''));
            if quoted {
                start += 1;
                end -= 1;
            }
            let edit = TextEdit::new(text.range(start, end, encoding), replacement.clone());
            let verb = if d.code == "schema/renamed-field" {
                "Rename to"
            } else {
                "Replace with"
            };
            Some(CodeAction {
                title: format!("{verb} `{replacement}`"),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![published]),
                edit: Some(WorkspaceEdit {
                    changes: Some([(uri.clone(), vec![edit])].into_iter().collect()),
                    ..WorkspaceEdit::default()
                }),
                is_preferred: Some(true),
                ..CodeAction::default()
            })
        })
        .collect()
}

/// The keys the schema declares under the cursor's key: for YAML, the parent keys found by
/// indentation above the cursor (so it works in a line being typed); for env files, every
/// variable name not yet set.
pub fn completion(checked: &Checked, text: &Text, position: Position) -> Vec<CompletionItem> {
    let schema = &checked.schema;
    let def = schema.def();
    if checked.format == Format::Env {
        let line = text.line(position.line as usize);
        if line.contains('=') {
            return Vec::new();
        }
        let set: Vec<&str> = (0..=text.text.matches('\n').count())
            .map(|l| text.line(l))
            .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim()))
            .collect();
        let names: Vec<(String, Option<&preflight::schema::Field>)> =
            if schema.format() == Format::Env {
                def.fields
                    .iter()
                    .filter(|(k, _)| !k.starts_with('/'))
                    .map(|(k, f)| (k.clone(), Some(f)))
                    .collect()
            } else {
                schema
                    .env_names()
                    .map(|n| {
                        (
                            n.to_string(),
                            schema
                                .env_pointer(n)
                                .and_then(|p| schema.field_at(&p))
                                .map(|(_, f)| f),
                        )
                    })
                    .collect()
            };
        return names
            .into_iter()
            .filter(|(name, _)| !set.contains(&name.as_str()))
            .map(|(name, field)| item(name, field, true))
            .collect();
    }
    let path = yaml_path(text, position);
    let mut out: Vec<CompletionItem> = Vec::new();
    // Declared fields, and the `*_file` siblings of secrets.
    let declared = def.fields.iter().flat_map(|(key, field)| {
        std::iter::once((key.as_str(), Some(field)))
            .chain(field.secret_file.as_deref().map(|f| (f, None)))
    });
    for (key, field) in declared {
        let Some(rest) = key.strip_prefix('/') else {
            continue;
        };
        let segments: Vec<String> = rest
            .split('/')
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
            .collect();
        if segments.len() <= path.len()
            || !segments.iter().zip(&path).all(|(s, p)| s == "*" || s == p)
        {
            continue;
        }
        let child = &segments[path.len()];
        if child == "*" || out.iter().any(|i| i.label == *child) {
            continue;
        }
        let leaf = segments.len() == path.len() + 1;
        out.push(item(child.clone(), field.filter(|_| leaf), leaf));
    }
    out
}

fn item(label: String, field: Option<&preflight::schema::Field>, leaf: bool) -> CompletionItem {
    CompletionItem {
        label,
        kind: Some(if leaf {
            CompletionItemKind::FIELD
        } else {
            CompletionItemKind::MODULE
        }),
        detail: Some(match (field, leaf) {
            (Some(f), _) => format!("kind {}", f.kind.name()),
            (None, true) => "the path of a file that holds the value".to_string(),
            (None, false) => "object".to_string(),
        }),
        documentation: field
            .and_then(|f| f.description.clone())
            .map(Documentation::String),
        ..CompletionItem::default()
    }
}

/// The keys above the cursor's line by indentation: `server:` then `  tls:` then the cursor at
/// four spaces gives `server`, `tls`.
fn yaml_path(text: &Text, position: Position) -> Vec<String> {
    let indent_of = |line: &str| line.len() - line.trim_start_matches([' ', '-']).len();
    let current = text.line(position.line as usize);
    let mut indent = indent_of(&current[..current.len().min(position.character as usize)]);
    let mut path = Vec::new();
    for line_no in (0..position.line as usize).rev() {
        let line = text.line(line_no);
        let trimmed = line.trim_start_matches([' ', '-']);
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let here = indent_of(line);
        if here < indent {
            if let Some((key, _)) = trimmed.split_once(':') {
                path.push(key.trim().trim_matches(['"', '\'']).to_string());
            }
            indent = here;
            if here == 0 {
                break;
            }
        }
    }
    path.reverse();
    path
}
