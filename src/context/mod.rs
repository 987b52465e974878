//! The check context: what every kind and relation reports through, in the layer below them.
//!
//! A [`Cx`] holds the profile and input format, the [`Scope`] lookups run in (the document, or
//! one entry of a wildcard map), the [`Naming`] that names fields in the file's own terms, and
//! the field being checked. Pointers and names are built only when a finding is made.

mod field;
mod naming;
mod template;

use std::borrow::Cow;

use crate::diagnostic::{CodeInfo, Family, Finding, Findings, Level, Profile};
use crate::document::{Entry, Node, Value};
use crate::input::Format;
use crate::span::Span;

pub(crate) use field::{matches, Cond, FieldRef, Scope, Walked, WILDCARD};
pub use field::{Condition, Literal};
pub(crate) use naming::{display_name, Naming, Prefix};
pub(crate) use template::find_template;

/// A problem in a schema, at a pointer into the schema document (compile steps report it).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SchemaProblem {
    pub pointer: String,
    pub message: String,
}

impl SchemaProblem {
    pub fn new(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        SchemaProblem {
            pointer: pointer.into(),
            message: message.into(),
        }
    }
}

/// No document: a value checked on its own ([`crate::kinds::Kind::check_text`]).
static EMPTY: Node = Node {
    value: Value::Null,
    span: None,
};

/// The pointer of a value checked on its own.
static NOWHERE: FieldRef = FieldRef::ROOT;

pub(crate) struct Cx<'a> {
    pub profile: Profile,
    pub format: Option<Format>,
    scope: Scope<'a>,
    naming: Option<&'a Naming>,
    base: &'a FieldRef,
    below: Vec<usize>,
    findings: &'a mut Findings,
}

impl<'a> Cx<'a> {
    pub fn new(
        profile: Profile,
        format: Option<Format>,
        scope: Scope<'a>,
        naming: Option<&'a Naming>,
        findings: &'a mut Findings,
    ) -> Self {
        Cx {
            profile,
            format,
            scope,
            naming,
            base: &NOWHERE,
            below: Vec::new(),
            findings,
        }
    }

    /// A context for one value without a document, at `base`.
    pub fn standalone(
        profile: Profile,
        format: Option<Format>,
        base: &'a FieldRef,
        findings: &'a mut Findings,
    ) -> Self {
        let mut cx = Cx::new(profile, format, Scope::new(&EMPTY), None, findings);
        cx.base = base;
        cx
    }

    /// Checks `field` from here on; returns the field checked before (a `_file` sibling is
    /// checked in the middle of its field).
    pub fn rebase(&mut self, field: &'a FieldRef) -> &'a FieldRef {
        std::mem::replace(&mut self.base, field)
    }

    pub fn production(&self) -> bool {
        self.profile == Profile::Production
    }

    /// Whether `code` reports anything in this profile; checks skip work for codes that are off.
    pub fn enabled(&self, code: &'static CodeInfo) -> bool {
        code.level(self.profile) != Level::Off
    }

    /// How many findings there are so far; with [`Cx::escalate_since`], marks a field's own.
    pub fn mark(&self) -> usize {
        self.findings.len()
    }

    /// Whether a finding made since `mark` already says what a finding of `family` would.
    pub fn said_since(&self, mark: usize, family: Family) -> bool {
        self.findings
            .iter()
            .skip(mark)
            .any(|f| f.code.covers.contains(&family))
    }

    /// Makes the warnings found since `mark` errors (a field's `error_if` holds).
    pub fn escalate_since(&mut self, mark: usize) {
        let profile = self.profile;
        for f in self.findings.listed_mut().iter_mut().skip(mark) {
            if f.level.unwrap_or(f.code.level(profile)) == Level::Warning {
                f.level = Some(Level::Error);
            }
        }
    }

    // ---- lookups -------------------------------------------------------------------------

    /// The node at a field.
    pub fn get(&self, field: &FieldRef) -> Option<&'a Node> {
        self.scope.get(field)
    }

    /// The node at a field, when it is set (not null, not an empty string).
    pub fn set(&self, field: &FieldRef) -> Option<&'a Node> {
        self.get(field).filter(|n| n.is_set())
    }

    /// The node at a field and its text, when it is set and a scalar.
    pub fn set_scalar(&self, field: &FieldRef) -> Option<(&'a Node, Cow<'a, str>)> {
        let node = self.set(field)?;
        Some((node, node.scalar_text()?))
    }

    /// The entry (key and value) at a field.
    pub fn entry(&self, field: &FieldRef) -> Option<&'a Entry> {
        self.scope.entry(field)
    }

    /// The entry at the first `depth` tokens of a field (the nearest key that exists).
    pub fn entry_at(&self, field: &FieldRef, depth: usize) -> Option<&'a Entry> {
        self.scope.entry_at(field, depth)
    }

    /// Whether an optional condition (`when: { field, equals }`) holds; none always does.
    pub fn holds(&self, condition: Option<&Cond>) -> bool {
        condition.is_none_or(|(field, equals)| {
            self.set(field)
                .is_some_and(|n| equals.as_ref().is_none_or(|lit| matches(n, lit)))
        })
    }

    // ---- names and pointers --------------------------------------------------------------

    /// How messages name a field, in the file's terms (`database.url`, `SYNCTV_DATABASE_URL`).
    pub fn name(&self, field: &FieldRef) -> String {
        self.name_of(&self.scope.pointer(field))
    }

    /// How messages name the value being checked.
    pub fn name_here(&self) -> String {
        self.name_of(&self.schema_pointer(self.base, None))
    }

    fn name_of(&self, at: &str) -> String {
        match self.naming {
            Some(naming) => naming.name(at),
            None => display_name(at),
        }
    }

    /// A field's pointer in the schema's terms, with the items below it.
    fn schema_pointer(&self, field: &FieldRef, item: Option<usize>) -> String {
        let mut p = self.scope.pointer(field).into_owned();
        for index in self.below.iter().chain(&item) {
            p.push('/');
            p.push_str(&index.to_string());
        }
        p
    }

    /// A pointer in the file's terms.
    fn file_pointer(&self, at: String) -> String {
        match self.naming.map(|n| n.pointer(&at)) {
            Some(Cow::Owned(renamed)) => renamed,
            _ => at,
        }
    }

    /// The new key's name, when a key renamed from `old` to `new` stays under the same parent
    /// in the file (so renaming the key is the whole fix): `SYNCTV_NEW` for an env file,
    /// `new_name` for `/server/old_name` → `/server/new_name`.
    pub fn renamed_key(&self, old: &FieldRef, new: &FieldRef) -> Option<String> {
        let old = self.file_pointer(self.scope.pointer(old).into_owned());
        let new = self.file_pointer(self.scope.pointer(new).into_owned());
        let (old_parent, _) = old.rsplit_once('/')?;
        let (new_parent, key) = new.rsplit_once('/')?;
        (old_parent == new_parent && !key.is_empty())
            .then(|| key.replace("~1", "/").replace("~0", "~"))
    }

    /// The pointer of the value being checked.
    pub fn pointer(&self) -> String {
        self.file_pointer(self.schema_pointer(self.base, None))
    }

    // ---- reporting -----------------------------------------------------------------------

    /// Runs `f` for the item `index` of the list being checked.
    pub fn item<R>(&mut self, index: usize, f: impl FnOnce(&mut Cx<'_>) -> R) -> R {
        self.below.push(index);
        let r = f(self);
        self.below.pop();
        r
    }

    /// A finding about the value being checked.
    pub fn report(
        &mut self,
        code: &'static CodeInfo,
        span: Option<Span>,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        if !self.enabled(code) {
            return;
        }
        let pointer = self.pointer();
        self.findings
            .push(Finding::new(code, pointer, span, message.into(), help));
    }

    /// A finding about the value being checked, with the text that certainly fixes `span`.
    pub fn report_fix(
        &mut self,
        code: &'static CodeInfo,
        span: Option<Span>,
        message: impl Into<String>,
        help: Option<String>,
        replacement: String,
    ) {
        if !self.enabled(code) {
            return;
        }
        let pointer = self.pointer();
        self.findings.push(
            Finding::new(code, pointer, span, message.into(), help)
                .with_replacement(Some(replacement)),
        );
    }

    /// A finding about another field than the one being checked (relations, required fields).
    pub fn report_at(
        &mut self,
        code: &'static CodeInfo,
        field: &FieldRef,
        span: Option<Span>,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        self.report_at_item(code, field, None, span, message, help);
    }

    /// [`Cx::report_at`] with the text that certainly fixes `span`, if there is one.
    pub fn report_at_fix(
        &mut self,
        code: &'static CodeInfo,
        field: &FieldRef,
        span: Option<Span>,
        message: impl Into<String>,
        help: Option<String>,
        replacement: Option<String>,
    ) {
        let before = self.findings.len();
        self.report_at_item(code, field, None, span, message, help);
        if self.findings.len() > before {
            if let Some(last) = self.findings.listed_mut().last_mut() {
                last.replacement = replacement;
            }
        }
    }

    /// A finding about another field, or about the item `item` of its list.
    pub fn report_at_item(
        &mut self,
        code: &'static CodeInfo,
        field: &FieldRef,
        item: Option<usize>,
        span: Option<Span>,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        if !self.enabled(code) {
            return;
        }
        let mut at = self.scope.pointer(field).into_owned();
        if let Some(index) = item {
            at.push('/');
            at.push_str(&index.to_string());
        }
        let pointer = self.file_pointer(at);
        self.findings
            .push(Finding::new(code, pointer, span, message.into(), help));
    }
}
