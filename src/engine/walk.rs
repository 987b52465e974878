//! Walking the document: keys the schema does not know, finding entries by pointer, and the
//! findings about presence (missing fields, templates).

use crate::context::{display_name, find_template, Cx, Naming};
use crate::diagnostic::{codes, Finding, Findings, Level};
use crate::document::{Entry, Mapping, Node, Value};
use crate::pointer;
use crate::schema::{CompiledField, DeclTree, FieldSlot, Required};
use crate::secret_names::{is_secret_like_key, swallowed_secret};
use crate::span::Span;

/// Reports keys the schema does not declare, and scalars or lists where the schema expects a
/// mapping of further fields. Below a field its kind checks the value, and the walk only
/// looks for secret-like keys.
///
/// The same pass collects the spans of values under secret-like keys anywhere in the document
/// (what [`secret_like_spans`] finds), so a large document is walked once. A misspelt key whose
/// nearest known key holds a secret (`jwt_secert` for `jwt_secret`) most likely holds that
/// secret: its value's span goes to `secrets` too, to be masked.
///
/// What the walk passes on the way goes to `passed` (see [`Passed`]).
#[allow(clippy::too_many_arguments)]
pub(super) fn structure<'w, 'b>(
    root: &'w Node,
    tree: &DeclTree,
    unknown: Option<Level>,
    naming: Option<&'w Naming>,
    secret_keys: &'w [String],
    findings: &'b mut Findings,
    secrets: &'b mut Vec<Span>,
    passed: &'b mut dyn Passed<'w>,
) {
    let mut walk = Structure {
        unknown,
        naming,
        secret_keys,
        path: Vec::new(),
        findings,
        secrets,
        passed,
    };
    walk.visit(root, tree, true);
}

/// What the structure walk hands on as it passes the keys marked in the declarations
/// (`DeclTree::wild_map`, `DeclTree::field`), so the rules need not look them up again.
pub(super) trait Passed<'w> {
    /// The entry of a field: a plain one, or one of the wildcard map entry the walk is in
    /// (handed on to [`Passed::wild_entry`] next).
    fn field(&mut self, slot: FieldSlot, entry: &'w Entry);
    /// The walk has passed every entry of a mapping: of the fields it declares, those not
    /// handed to [`Passed::field`] are absent.
    fn passed_all(&mut self, fields: &[FieldSlot]);
    /// An entry of the wildcard map at `map` of `Schema::wild`, right after the walk passed
    /// it, while its nodes are still in the cache: its own fields and relations are checked
    /// then.
    fn wild_entry(&mut self, map: usize, entry: &'w Entry, secrets: &mut Vec<Span>);
}

/// The structure walk's state: where it is, and how the file names what it finds.
struct Structure<'w, 'b> {
    unknown: Option<Level>,
    naming: Option<&'w Naming>,
    secret_keys: &'w [String],
    path: Vec<&'w str>,
    secrets: &'b mut Vec<Span>,
    findings: &'b mut Findings,
    passed: &'b mut dyn Passed<'w>,
}

impl<'w> Structure<'w, '_> {
    /// The pointer and name of where the walk is, in the file's terms.
    fn here(&self) -> (String, String) {
        let at = pointer::join(self.path.iter().copied());
        match self.naming {
            Some(naming) => (naming.pointer(&at).into_owned(), naming.name(&at)),
            None => {
                let name = display_name(&at);
                (at, name)
            }
        }
    }

    /// Visits `node`, declared by `tree`; `find_secrets`: whether secret-like keys are still
    /// looked for (not inside the value of one, whose whole span is taken already).
    fn visit(&mut self, node: &'w Node, tree: &DeclTree, find_secrets: bool) {
        if tree.leaf.is_some() {
            if find_secrets {
                secret_like_spans(node, self.secrets);
            }
            return;
        }
        match &node.value {
            Value::Map(entries) => {
                for entry in entries {
                    let (sub, names_secret) = tree.lookup(&entry.key);
                    let secret_like = find_secrets
                        && names_secret.unwrap_or_else(|| is_secret_like_key(&entry.key));
                    if secret_like {
                        self.secrets.extend(entry.value.span);
                    }
                    let find_below = find_secrets && !secret_like;
                    self.path.push(&entry.key);
                    match sub {
                        Some(sub) => {
                            if let Some(slot) = sub.field {
                                self.passed.field(slot, entry);
                            }
                            self.visit(&entry.value, sub, find_below);
                        }
                        None if swallowed_secret(&entry.key, self.secret_keys).is_some() => {
                            // A broken line made a secret's value part of a key
                            // (`jwt_secret:"…` with no space): the key is never echoed, in
                            // the message or the pointer, and its text is masked.
                            self.path.pop();
                            self.secrets.extend(entry.key_span);
                            self.secrets.extend(entry.value.span);
                            if let Some(level) = self.unknown {
                                if !self
                                    .findings
                                    .counted_past_share(&codes::SCHEMA_UNKNOWN_FIELD)
                                {
                                    let finding = self.swallowed_key(entry, level);
                                    self.findings.push(finding);
                                }
                            }
                            self.path.push(&entry.key);
                            if find_below {
                                secret_like_spans(&entry.value, self.secrets);
                            }
                        }
                        None => {
                            let near = crate::suggest::nearest(&entry.key, tree.named_keys());
                            if near.is_some_and(|k| {
                                is_secret_like_key(k) || self.secret_keys.iter().any(|s| s == k)
                            }) {
                                self.secrets.extend(entry.value.span);
                            }
                            if let Some(level) = self.unknown {
                                if !self
                                    .findings
                                    .counted_past_share(&codes::SCHEMA_UNKNOWN_FIELD)
                                {
                                    let finding = self.unknown_field(entry, near, level);
                                    self.findings.push(finding);
                                }
                            }
                            if find_below {
                                secret_like_spans(&entry.value, self.secrets);
                            }
                        }
                    }
                    self.path.pop();
                    if let Some(map) = tree.wild_map {
                        self.passed.wild_entry(map, entry, self.secrets);
                    }
                }
                if !tree.fields_below.is_empty() {
                    self.passed.passed_all(&tree.fields_below);
                }
            }
            Value::Null => {}
            other => {
                if find_secrets {
                    secret_like_spans(node, self.secrets);
                }
                let keys: Vec<&str> = tree.named_keys().take(3).collect();
                let (pointer, _) = self.here();
                self.findings.push(Finding::new(
                    &codes::SCHEMA_WRONG_TYPE,
                    pointer,
                    node.span,
                    format!("expected a mapping, found {}", other.type_name()),
                    Some(if keys.is_empty() {
                        "write a mapping of names to their settings".to_string()
                    } else {
                        format!(
                            "write the keys below it, e.g. {}",
                            crate::kinds::one_of_list(&keys).replace(" or ", " and ")
                        )
                    }),
                ));
            }
        }
    }

    /// The unknown-field finding of a key that holds a secret's value, on its parent.
    fn swallowed_key(&self, entry: &Entry, level: Level) -> Finding {
        let (pointer, name) = self.here();
        let secret = swallowed_secret(&entry.key, self.secret_keys).unwrap_or_default();
        let under = if self.path.is_empty() {
            "the document".to_string()
        } else {
            format!("`{name}`")
        };
        let mut finding = Finding::new(
            &codes::SCHEMA_UNKNOWN_FIELD,
            pointer,
            entry.key_span.or(entry.value.span),
            format!("a key under {under} holds what looks like the value of `{secret}`: the line is malformed"),
            Some(format!("write `{secret}: VALUE`, with a space after the colon")),
        );
        finding.level = Some(level);
        finding
    }

    fn unknown_field(&self, entry: &Entry, near: Option<&str>, level: Level) -> Finding {
        let (pointer, name) = self.here();
        let help = near
            .map(|near| format!("did you mean `{near}`?"))
            .or_else(|| {
                Some("remove it, or check the key against the service's documentation".into())
            });
        let mut finding = Finding::new(
            &codes::SCHEMA_UNKNOWN_FIELD,
            pointer,
            entry.key_span.or(entry.value.span),
            format!("`{name}` is not a known setting"),
            help,
        );
        finding.level = Some(level);
        finding
    }
}

/// Reports a value that is an unresolved template; returns whether it was one.
///
/// This runs on values from every format. A `${X}` inside single quotes in a .env file is
/// literal to dotenv readers, but the front-end does not keep quoting, and a literal `${X}` in
/// a config value is almost always a template that was never rendered: the stricter verdict.
pub(super) fn report_template(node: &Node, cx: &mut Cx<'_>) -> bool {
    let Value::String(text) = &node.value else {
        return false;
    };
    let Some(template) = find_template(text) else {
        return false;
    };
    cx.report(
        &codes::VALUE_UNRESOLVED_TEMPLATE,
        node.span,
        format!("the value contains the unresolved template `{template}`"),
        Some("preflight checks values as written; render the template first, or write the real value".into()),
    );
    true
}

/// Collects the spans of values under secret-like keys anywhere below `node`.
fn secret_like_spans(node: &Node, spans: &mut Vec<Span>) {
    match &node.value {
        Value::Map(entries) => {
            for entry in entries {
                if is_secret_like_key(&entry.key) {
                    spans.extend(entry.value.span);
                } else {
                    secret_like_spans(&entry.value, spans);
                }
            }
        }
        Value::Seq(items) => items.iter().for_each(|n| secret_like_spans(n, spans)),
        _ => {}
    }
}

/// Reports a required field that is missing (at the nearest enclosing key that exists) or
/// empty (at its value).
pub(super) fn report_missing(field: &CompiledField, value: Option<&Node>, cx: &mut Cx<'_>) {
    let name = cx.name(&field.at);
    let why = match (&field.field.required, &field.required_if) {
        (Required::Always, _) => String::new(),
        (Required::Production, _) if cx.production() => " in production".to_string(),
        (_, Some((other, Some(lit)))) => format!(" because `{}` is `{lit}`", cx.name(other)),
        (_, Some((other, None))) => format!(" because `{}` is set", cx.name(other)),
        _ => String::new(),
    };
    let help = match &field.file {
        Some(file) => format!(
            "set `{name}`, or `{}` to the path of a file that holds it",
            cx.name(file)
        ),
        None => format!("set `{name}`"),
    };
    let (span, message) = match value {
        Some(node) => (
            node.span,
            format!("`{name}` is empty, but it is required{why}"),
        ),
        None => {
            let span = (1..field.at.tokens.len())
                .rev()
                .find_map(|depth| cx.entry_at(&field.at, depth))
                .and_then(|e| e.key_span.or(e.value.span));
            (span, format!("`{name}` is required{why}"))
        }
    };
    cx.report(&codes::SCHEMA_MISSING_REQUIRED, span, message, Some(help));
}

/// Puts an entry at pointer tokens, creating the mappings on the way (env projection).
pub(super) fn insert(root: &mut Node, tokens: &[String], entry: Entry) {
    let Some((last, parents)) = tokens.split_last() else {
        return;
    };
    let mut node = root;
    for token in parents {
        let Value::Map(entries) = &mut node.value else {
            return;
        };
        if !entries.contains_key(token) {
            entries.push_new(Entry {
                key: token.clone(),
                key_span: None,
                value: Node::new(Value::Map(Mapping::new()), None),
            });
        }
        let Some(next) = entries.value_mut(token) else {
            return;
        };
        node = next;
    }
    if let Value::Map(entries) = &mut node.value {
        // A later variable for the same pointer wins, and goes where it was written.
        entries.remove(last);
        entries.push_new(Entry {
            key: last.clone(),
            ..entry
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Format, Limits, Schema};

    #[derive(Default)]
    struct Handed<'w> {
        fields: Vec<(FieldSlot, &'w Node)>,
        entries: Vec<(usize, String)>,
        passed_all: Vec<Vec<FieldSlot>>,
    }

    impl<'w> Passed<'w> for Handed<'w> {
        fn field(&mut self, slot: FieldSlot, entry: &'w Entry) {
            self.fields.push((slot, &entry.value));
        }
        fn passed_all(&mut self, fields: &[FieldSlot]) {
            self.passed_all.push(fields.to_vec());
        }
        fn wild_entry(&mut self, map: usize, entry: &'w Entry, _: &mut Vec<Span>) {
            self.entries.push((map, entry.key.clone()));
        }
    }

    /// The structure walk finds the values under secret-like keys that a walk of its own
    /// would: below fields, below undeclared keys, in lists, and once under a secret-like key.
    #[test]
    fn the_structure_walk_collects_every_secret_like_value() {
        let schema = Schema::from_yaml(
            "schema: t\nunknown_fields: warning\nfields:\n  /server/port: {kind: port}\n  /extra: {kind: string}\n  /vault/*/name: {kind: string}\n  /credentials/user: {kind: string}\n",
        )
        .unwrap();
        let text = "server:\n  port: 80\n  api_token: abc\n  nested:\n    password: p1\n    list:\n      - secret: s1\n      - plain: x\nextra: {token: t1}\nvault:\n  one:\n    name: n\n    credentials: {user: u, private_key: k}\n  two: [ {apiKey: a1} ]\nsecret:\n  token: inner\nzz: [ {x: {signing_key: q}} ]\ncredentials: {user: root, pass: x}\n";
        let document = crate::Document::parse(text, Format::Yaml, &Limits::default());
        let root = document.root().unwrap();
        let (mut merged, mut alone) = (Vec::new(), Vec::new());
        let mut findings = Findings::new(100);
        let mut handed = Handed::default();
        structure(
            root,
            &schema.tree,
            None,
            None,
            &[],
            &mut findings,
            &mut merged,
            &mut handed,
        );
        // Every entry of the wildcard map `/vault`, whatever its value, once, in order.
        assert_eq!(
            handed.entries,
            [(0, "one".to_string()), (0, "two".to_string())]
        );
        let name = |slot: FieldSlot| match slot {
            FieldSlot::Plain(i) => schema.fields[i].at.pointer.as_str(),
            FieldSlot::Wild(i) => schema.wild[0].fields[i].at.pointer.as_str(),
        };
        // The fields present, with their nodes, in document order: plain ones, and those of
        // the wildcard map's entry whose value is a mapping.
        let fields: Vec<(&str, &str)> = handed
            .fields
            .iter()
            .map(|&(slot, node)| (name(slot), &text[node.span.unwrap().range()]))
            .collect();
        assert_eq!(
            fields,
            [
                ("/server/port", "80"),
                ("/extra", "{token: t1}"),
                ("/vault/*/name", "n"),
                ("/credentials/user", "root")
            ]
        );
        // Each mapping that declares fields, once the walk has passed all its entries:
        // `server` (its `port`), the wildcard entry `one` (its `name`), `credentials` (its
        // `user`), then the root (`extra`). A `credentials` mapping inside the wildcard entry
        // declares no field, and the entry `two` is a list.
        let names = |fields: &Vec<FieldSlot>| fields.iter().map(|&s| name(s)).collect::<Vec<_>>();
        assert_eq!(
            handed.passed_all.iter().map(names).collect::<Vec<_>>(),
            [
                vec!["/server/port"],
                vec!["/vault/*/name"],
                vec!["/credentials/user"],
                vec!["/extra"]
            ]
        );
        secret_like_spans(root, &mut alone);
        let texts = |spans: &mut Vec<Span>| {
            spans.sort();
            spans.dedup();
            spans
                .iter()
                .map(|s| text[s.range()].to_string())
                .collect::<Vec<_>>()
        };
        let alone = texts(&mut alone);
        assert_eq!(
            alone,
            [
                "abc",
                "p1",
                "s1",
                "t1",
                "{user: u, private_key: k}",
                "a1",
                "token: inner",
                "q",
                "{user: root, pass: x}"
            ]
        );
        assert_eq!(texts(&mut merged), alone);
    }
}
