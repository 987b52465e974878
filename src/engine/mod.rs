//! The engine: walks a document against a compiled schema and collects findings.
//!
//! Order of work for one document: parse findings; keys the schema does not know (and mappings
//! where a value belongs); then each field (renames, `_file` pairs, presence, templates, kind);
//! then relations. The profile turns findings into diagnostics at the end.

mod allow;
mod env;
mod helm;
mod policy;
mod walk;

use std::sync::Arc;

use crate::context::{matches, Cx, Naming, Scope, Walked};
use crate::diagnostic::{codes, Findings, Level, Profile};
use crate::document::{Document, Entry, Format, Limits, Node};
use crate::report::Report;
use crate::schema::{CompiledField, FieldSlot, Required, Schema, UnknownFields, WildMap};
use crate::span::Span;

#[allow(deprecated)]
pub use allow::{relaxed_by, DEV_DEFAULT_CODES, PLACEHOLDER_CODES};

/// How to check: the profile and the relaxations a caller chose.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Options {
    /// Where the config is going (default production).
    pub profile: Profile,
    /// Unknown keys are errors, whatever the schema says.
    pub strict: bool,
    /// Limits on the text a front-end reads.
    pub limits: Limits,
    /// Placeholders are not reported (`--allow-placeholders`): for checking an example file.
    pub allow_placeholders: bool,
    /// Development defaults, local hosts and plain HTTP are not reported
    /// (`--allow-dev-defaults`): for checking a local stack with the production rules.
    pub allow_dev_defaults: bool,
}

impl Options {
    pub fn production() -> Self {
        Options::default()
    }

    pub fn development() -> Self {
        Options {
            profile: Profile::Development,
            ..Options::default()
        }
    }
}

/// What to check: text in a format, or a document the caller already holds. `Debug` shows the
/// length of a text, never the text.
#[derive(Clone)]
pub enum Source<'a> {
    /// Text; `None` as format means the schema's format.
    Text {
        text: &'a str,
        format: Option<Format>,
    },
    Document(Document),
}

impl std::fmt::Debug for Source<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Text { text, format } => f
                .debug_struct("Text")
                .field("text", &format_args!("<{} bytes>", text.len()))
                .field("format", format)
                .finish(),
            Source::Document(doc) => f.debug_tuple("Document").field(doc).finish(),
        }
    }
}

impl<'a> Source<'a> {
    pub fn yaml(text: &'a str) -> Self {
        Source::Text {
            text,
            format: Some(Format::Yaml),
        }
    }
    pub fn json(text: &'a str) -> Self {
        Source::Text {
            text,
            format: Some(Format::Json),
        }
    }
    pub fn env(text: &'a str) -> Self {
        Source::Text {
            text,
            format: Some(Format::Env),
        }
    }
    /// Text in the schema's own format.
    pub fn text(text: &'a str) -> Self {
        Source::Text { text, format: None }
    }
    /// A process environment or any map of variables, checked like an env file.
    pub fn env_vars<I, K, V>(vars: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        Source::Document(Document::from_env_vars(vars))
    }
}

impl From<Document> for Source<'_> {
    fn from(doc: Document) -> Self {
        Source::Document(doc)
    }
}

/// A schema and options, ready to check many configs (an editor checks on every keystroke).
#[derive(Debug, Clone)]
pub struct Checker<'s> {
    schema: &'s Schema,
    options: Options,
}

impl<'s> Checker<'s> {
    pub fn new(schema: &'s Schema, options: Options) -> Self {
        Checker { schema, options }
    }

    pub fn schema(&self) -> &Schema {
        self.schema
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    pub fn check(&self, source: Source<'_>) -> Report {
        let document = match source {
            Source::Text { text, format } => Document::parse(
                text,
                format.unwrap_or(self.schema.format()),
                &self.options.limits,
            ),
            Source::Document(doc) => doc,
        };
        self.check_document(&document)
    }

    /// Checks a parsed document. A host document (no format: `Document::from_json_value`, a
    /// JavaScript object) checked with an env schema is read as an env file — `process.env`
    /// as an object is still an environment — so lists are comma-separated there and a YAML
    /// Checks the config of one Kubernetes object of a manifest (`kind/name[/container]`):
    /// a ConfigMap's data, a Secret's (decoded; every value masked), or a workload
    /// container's env. `Err` says why there is no such object or config.
    pub fn check_object(&self, text: &str, select: &str) -> Result<Report, String> {
        let limits = self.options.limits;
        let document = Document::parse(text, Format::Yaml, &limits);
        if document.failed() {
            // No object can be found in a manifest that does not parse: its syntax error is
            // the report.
            return Ok(self.check_document(&document));
        }
        let mut config = crate::document::k8s::config(&document, select)?;
        config
            .document
            .findings
            .put_first(document.findings.clone());
        let mut report = self.check_document(&config.document);
        report.add_secret_spans(config.secret_spans);
        Ok(report)
    }

    /// schema's env names apply.
    pub fn check_document(&self, document: &Document) -> Report {
        let mut findings = Findings::new(self.options.limits.max_findings_per_code);
        findings.append(document.findings.clone());
        let mut secrets = Vec::new();
        let format = document
            .format()
            .or((self.schema.format() == Format::Env).then_some(Format::Env));
        if let (Some(helm), Some(root), false) = (
            &self.schema.helm,
            document.root(),
            format == Some(Format::Env),
        ) {
            // A chart's values: the config subtree in the schema's terms, named as written.
            let (projected, naming) = helm::project(root, helm);
            let mut own = Findings::new(self.options.limits.max_findings_per_code);
            Run::new(self, format, Some(&naming)).check_tree(&projected, &mut own, &mut secrets);
            for finding in own.into_vec() {
                // A value the chart generates or computes when the values leave it empty is
                // not missing.
                let presence = finding.code.code == codes::SCHEMA_MISSING_REQUIRED.code
                    || finding.code.code == codes::RELATION_ONE_OF.code;
                let generated = presence && helm.generated.contains(&finding.pointer);
                if !generated {
                    findings.push(finding);
                }
            }
        } else if let Some(documents) = document.stream_documents() {
            // A YAML stream: each document is a config of its own, named from its index.
            for (index, root) in documents.iter().enumerate() {
                let mut own = Findings::new(self.options.limits.max_findings_per_code);
                Run::new(self, format, None).check_tree(root, &mut own, &mut secrets);
                for mut finding in own.into_vec() {
                    finding.pointer = format!("/{index}{}", finding.pointer);
                    findings.push(finding);
                }
            }
        } else if let Some(root) = document.root() {
            if format == Some(Format::Env) && !self.schema.env.is_empty() {
                // Env variables move to the schema's pointers; findings name them as the file
                // does (`SYNCTV_JWT_SECRET`), where they are made.
                let projected = env::project(root, self.schema);
                let naming = env::naming(root, self.schema);
                let run = Run::new(self, format, Some(&naming));
                run.check_tree(&projected, &mut findings, &mut secrets);
            } else {
                let run = Run::new(self, format, None);
                run.check_tree(root, &mut findings, &mut secrets);
            }
        }
        let profile = self.options.profile;
        let diagnostics = findings
            .into_vec()
            .into_iter()
            .filter(|f| !allow::relaxed(&self.options, f.code))
            .filter_map(|f| f.resolve(profile))
            .collect();
        let mut diagnostics: Vec<crate::Diagnostic> = diagnostics;
        if self.schema.is_inferred() {
            // Each finding on an inferred field says why the value was checked as it was.
            for d in &mut diagnostics {
                // The field itself, or the list it is an item of.
                let mut at = d.pointer.as_str();
                d.note = loop {
                    if let Some((_, field)) = self.schema.field_at(at) {
                        break field.description.clone();
                    }
                    match crate::pointer::parent(at) {
                        Some(parent) if !parent.is_empty() => at = parent,
                        _ => break None,
                    }
                };
            }
        }
        Report::new(self.schema.name(), profile, diagnostics)
            .with_secret_spans(secrets)
            .with_masking(format, Arc::clone(self.schema.masked_keys()))
    }
}

/// What the structure walk hands to one check as it passes (`walk::Passed`): the entries of
/// the fields it meets (and which are absent), and each wildcard map's entries, checked then
/// with their findings apart.
struct Passed<'r, 'c, 'w> {
    run: &'r Run<'c>,
    /// Without the walk's record of plain fields: it is not complete while the walk goes on.
    scope: Scope<'w>,
    fields: Vec<Walked<'w>>,
    /// The fields of the wildcard map entry the walk is in, indexed like its map's fields:
    /// filled while the walk passes the entry, read by its checks, cleared after them.
    bound: Vec<Walked<'w>>,
    /// Per wildcard map, the findings of its entries, once the walk has reached it.
    map_findings: Vec<Option<Findings>>,
}

impl<'w> walk::Passed<'w> for Passed<'_, '_, 'w> {
    fn field(&mut self, slot: FieldSlot, entry: &'w Entry) {
        if let Some(found) = self.walked_mut(slot) {
            *found = Walked::At(entry);
        }
    }

    fn passed_all(&mut self, fields: &[FieldSlot]) {
        for &slot in fields {
            if let Some(walked @ Walked::NotReached) = self.walked_mut(slot) {
                *walked = Walked::Absent;
            }
        }
    }

    fn wild_entry(&mut self, map: usize, entry: &'w Entry, secrets: &mut Vec<Span>) {
        let run = self.run;
        let (Some(wild), Some(own)) = (run.schema.wild.get(map), self.map_findings.get_mut(map))
        else {
            return;
        };
        let own =
            own.get_or_insert_with(|| Findings::new(run.options.limits.max_findings_per_code));
        if wild.checks(entry) {
            let bound = self.scope.bind_walked(entry, &self.bound);
            run.check_wild_entry(wild, bound, own, secrets);
        }
        self.bound.fill(Walked::NotReached);
    }
}

impl<'w> Passed<'_, '_, 'w> {
    fn walked_mut(&mut self, slot: FieldSlot) -> Option<&mut Walked<'w>> {
        match slot {
            FieldSlot::Plain(i) => self.fields.get_mut(i),
            FieldSlot::Wild(i) => self.bound.get_mut(i),
        }
    }
}

/// One check of one document: the checker, the input format and how fields are named.
struct Run<'c> {
    schema: &'c Schema,
    options: &'c Options,
    format: Option<Format>,
    naming: Option<&'c Naming>,
}

impl<'c> Run<'c> {
    fn new(checker: &'c Checker<'_>, format: Option<Format>, naming: Option<&'c Naming>) -> Self {
        Run {
            schema: checker.schema,
            options: &checker.options,
            format,
            naming,
        }
    }

    fn cx<'a>(&self, scope: Scope<'a>, findings: &'a mut Findings) -> Cx<'a>
    where
        'c: 'a,
    {
        Cx::new(
            self.options.profile,
            self.format,
            scope,
            self.naming,
            findings,
        )
    }

    fn check_tree(&self, root: &Node, findings: &mut Findings, secrets: &mut Vec<Span>) {
        let unknown_level = if self.options.strict {
            Some(Level::Error)
        } else {
            match self.schema.def.unknown_fields {
                UnknownFields::Error => Some(Level::Error),
                UnknownFields::Warning => Some(Level::Warning),
                UnknownFields::Ignore => None,
            }
        };
        let scope = Scope::new(root);
        // Fields and relations under a wildcard map, once per key with the `*` bound to that
        // entry, nothing copied per key. The structure walk hands over each entry of a map it
        // reaches right after passing it, so the entry is checked while its nodes are still
        // in the cache (a map of thousands of entries is larger than it): one pass over the
        // map instead of two. Their findings wait apart, one list per map, and join the
        // others in the order the checks had before (plain fields first, then each map).
        let most_wild_fields = self.schema.wild.iter().map(|m| m.fields.len()).max();
        let most_wild_fields = most_wild_fields.unwrap_or_default();
        let mut passed = Passed {
            run: self,
            scope,
            fields: vec![Walked::NotReached; self.schema.fields.len()],
            bound: vec![Walked::NotReached; most_wild_fields],
            map_findings: self.schema.wild.iter().map(|_| None).collect(),
        };
        walk::structure(
            root,
            &self.schema.tree,
            unknown_level,
            self.naming,
            &self.schema.masked_keys().secrets,
            findings,
            secrets,
            &mut passed,
        );
        let Passed {
            fields,
            map_findings,
            ..
        } = passed;
        // From here on a field the walk recorded is not looked up again, by a field's check
        // or a relation's; one it did not reach (below a list item, say) is.
        let scope = scope.with_walked(&fields);
        for field in &self.schema.fields {
            self.check_field(field, scope.get(&field.at), scope, findings, secrets);
        }
        for (map, own) in self.schema.wild.iter().zip(map_findings) {
            match own {
                Some(own) => findings.append(own),
                // A map the walk does not reach (below a list item): its entries now.
                None => {
                    for bound in map.entries(scope) {
                        self.check_wild_entry(map, bound, findings, secrets);
                    }
                }
            }
        }
        policy::check_undeclared(
            root,
            self.schema,
            self.options.profile,
            self.format,
            self.naming,
            findings,
        );
        let mut cx = self.cx(scope, findings);
        for relation in &self.schema.relations {
            relation.check(&mut cx);
        }
    }

    /// The fields and relations of a wildcard map for one of its entries (`bound`).
    fn check_wild_entry(
        &self,
        map: &WildMap,
        bound: Scope<'_>,
        findings: &mut Findings,
        secrets: &mut Vec<Span>,
    ) {
        for field in &map.fields {
            self.check_field(field, bound.get(&field.at), bound, findings, secrets);
        }
        let mut cx = self.cx(bound, findings);
        for relation in &map.relations {
            relation.check(&mut cx);
        }
    }

    /// One field in one scope, whose node is `value`: its presence, kind, policies and
    /// escalation.
    fn check_field<'n>(
        &self,
        field: &CompiledField,
        value: Option<&'n Node>,
        scope: Scope<'n>,
        findings: &mut Findings,
        secrets: &mut Vec<Span>,
    ) {
        if field.field.kind.is_secret() {
            secret_spans(field, value, scope, secrets);
        }
        let mut cx = self.cx(scope, findings);
        cx.rebase(&field.at);
        let mark = cx.mark();
        self.check_value(field, value, &mut cx);
        if let Some(node) = value.filter(|n| n.is_set()) {
            policy::check(field, node, self.schema, &mut cx, mark);
        }
        if field.error_if.is_some() && cx.holds(field.error_if.as_ref()) {
            cx.escalate_since(mark);
        }
    }

    fn check_value<'a>(&self, field: &'a CompiledField, value: Option<&'a Node>, cx: &mut Cx<'a>) {
        if let Some(old) = &field.renamed {
            if let Some(entry) = cx.entry(old) {
                let (old_name, new_name) = (cx.name(old), cx.name(&field.at));
                // Renaming the key is the fix where the new key has the same parent.
                let fix = entry.key_span.and_then(|_| cx.renamed_key(old, &field.at));
                cx.report_at_fix(
                    &codes::SCHEMA_RENAMED_FIELD,
                    old,
                    entry.key_span.or(entry.value.span),
                    format!(
                        "`{old_name}` was renamed to `{new_name}`; the old key is no longer read"
                    ),
                    Some(format!("move the value to `{new_name}`")),
                    fix,
                );
            }
        }
        let file = field
            .file
            .as_ref()
            .and_then(|f| cx.entry(f).map(|e| (f, e)));
        let file_set = file.is_some_and(|(_, e)| e.value.is_set());
        if let Some((file_field, entry)) = file.filter(|(_, e)| e.value.is_set()) {
            if value.is_some_and(Node::is_set) {
                let message = format!(
                    "both `{}` and `{}` are set",
                    cx.name(&field.at),
                    cx.name(file_field)
                );
                cx.report_at(
                    &codes::SCHEMA_SECRET_AND_FILE,
                    file_field,
                    entry.key_span.or(entry.value.span),
                    message,
                    Some("set the value inline or as a file path, not both".into()),
                );
            }
            let field_base = cx.rebase(file_field);
            if !walk::report_template(&entry.value, cx) {
                if let Some(path) = crate::kinds::scalar(&entry.value, cx, "a file path") {
                    crate::kinds::check_path(&path, true, &entry.value, cx);
                }
            }
            cx.rebase(field_base);
        }
        let kind = &field.field.kind;
        let secret = kind.is_secret();
        match value.filter(|n| kind.applies_to(n)) {
            // Secret kinds check their own templates, and never quote a secret.
            Some(node) if secret || !walk::report_template(node, cx) => kind.check(node, cx),
            Some(_) => {}
            None if !file_set && self.is_required(field, cx) => {
                walk::report_missing(field, value, cx);
            }
            None => {}
        }
    }

    fn is_required(&self, field: &CompiledField, cx: &Cx<'_>) -> bool {
        let by_profile = match field.field.required {
            Required::Always => true,
            Required::Production => self.options.profile == Profile::Production,
            Required::Never => false,
        };
        by_profile
            || field.required_if.as_ref().is_some_and(|(other, equals)| {
                cx.set(other)
                    .is_some_and(|n| equals.as_ref().is_none_or(|lit| matches(n, lit)))
            })
    }
}

/// The spans of a secret field's value, and of the value under its old name, for renderers
/// to mask.
fn secret_spans(
    field: &CompiledField,
    value: Option<&Node>,
    scope: Scope<'_>,
    secrets: &mut Vec<Span>,
) {
    let old = field.renamed.as_ref().and_then(|r| scope.get(r));
    secrets.extend(value.into_iter().chain(old).filter_map(|n| n.span));
}
