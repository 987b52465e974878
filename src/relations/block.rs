//! Typed blocks: a group of settings checked together (WebAuthn, SMTP, S3), written once as a
//! plain Rust struct with a `check` and mapped onto document fields by the schema engine.
//!
//! A block's rules report into an [`Out`] against the block's own part names (`port`,
//! `allowed_origins/1`). A service calling the struct directly gets diagnostics with pointers
//! `/port`; the engine maps each part to the document field the schema named (its pointer, its
//! span, its name in messages). The rules exist once.

use std::borrow::Cow;

use super::{visit_cond, Fields, S3Settings, SmtpSettings, WebAuthnSettings};
use crate::context::{Cond, Condition, Cx, FieldRef, SchemaProblem};
use crate::diagnostic::{CodeInfo, Diagnostic, Finding, Level, Profile};
use crate::document::{Format, Node, Value};
use crate::kinds::{items_of, Kind};
use crate::span::Span;

/// Which typed block a schema relation maps onto.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    WebAuthn,
    Smtp,
    S3,
}

impl BlockKind {
    fn name(self) -> &'static str {
        match self {
            BlockKind::WebAuthn => "webauthn",
            BlockKind::Smtp => "smtp",
            BlockKind::S3 => "s3",
        }
    }
}

/// A typed block (WebAuthn, SMTP, S3) mapped onto document fields.
#[derive(Debug, Clone)]
pub(crate) struct Compiled {
    pub(super) kind: BlockKind,
    mapped: Mapped,
    when: Option<Cond>,
}

/// Resolves the fields a block's schema relation maps onto its parts.
pub(super) fn compile(
    kind: BlockKind,
    parts: Vec<(&'static str, Option<&String>)>,
    when: &Option<Condition>,
    fields: &dyn Fields,
    at: &str,
) -> Result<Compiled, SchemaProblem> {
    let here = format!("{at}/{}", kind.name());
    let mut mapped = Vec::with_capacity(parts.len());
    for (part, key) in parts {
        let Some(key) = key else { continue };
        let at = fields.declared(key, &format!("{here}/{part}"))?;
        let secret = fields.kind_of(&at).is_some_and(Kind::is_secret);
        mapped.push(MappedPart {
            name: part,
            at,
            secret,
        });
    }
    Ok(Compiled {
        kind,
        mapped: Mapped { parts: mapped },
        when: fields.condition(when, &format!("{here}/when"))?,
    })
}

impl Compiled {
    pub(super) fn fields(&self, f: &mut dyn FnMut(&FieldRef)) {
        self.mapped.parts.iter().for_each(|p| f(&p.at));
        visit_cond(&self.when, f);
    }

    /// Fills the typed block from the document and reports its findings at the mapped fields.
    pub(super) fn check(&self, cx: &mut Cx<'_>) {
        if !cx.holds(self.when.as_ref()) {
            return;
        }
        let parts = Parts::read(&self.mapped, cx);
        let found = {
            let names = |part: &str| parts.display(part, cx);
            let by_kind = |part: &str| parts.is_secret(part);
            let mut out = Out::new(cx.profile, &names, &by_kind);
            match self.kind {
                BlockKind::WebAuthn => WebAuthnSettings::from_parts(&parts).rules(&mut out),
                BlockKind::Smtp => SmtpSettings::from_parts(&parts).rules(&mut out),
                BlockKind::S3 => S3Settings::from_parts(&parts).rules(&mut out),
            }
            out.found
        };
        parts.report(found, cx);
    }
}

/// A finding about one part of a block.
pub(crate) struct PartFinding {
    pub code: &'static CodeInfo,
    /// The part it is about, with `/i` for an item of a list part (`allowed_origins/1`).
    pub part: String,
    /// The parts whose place the finding takes when `part` is not set, first one set wins (a
    /// missing user name is shown at the password, or at the password file).
    pub near: &'static [&'static str],
    pub message: String,
    pub help: Option<String>,
}

/// Where a block's rules report, and how they name the block's parts in messages.
pub(crate) struct Out<'a> {
    pub profile: Profile,
    names: &'a dyn Fn(&str) -> String,
    by_kind: &'a dyn Fn(&str) -> bool,
    pub found: Vec<PartFinding>,
}

impl<'a> Out<'a> {
    pub fn new(
        profile: Profile,
        names: &'a dyn Fn(&str) -> String,
        by_kind: &'a dyn Fn(&str) -> bool,
    ) -> Self {
        Out {
            profile,
            names,
            by_kind,
            found: Vec::new(),
        }
    }

    /// How messages name a part: its document field (`email.smtp_port`), or the part's name.
    pub fn name(&self, part: &str) -> String {
        (self.names)(part)
    }

    /// Whether the schema gave this part a kind that already checks it as a secret, so the
    /// block leaves published-credential checks to that kind.
    pub fn checked_as_secret(&self, part: &str) -> bool {
        (self.by_kind)(part)
    }

    pub fn report(
        &mut self,
        code: &'static CodeInfo,
        part: impl Into<String>,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        self.report_near(code, part, &[], message, help);
    }

    pub fn report_near(
        &mut self,
        code: &'static CodeInfo,
        part: impl Into<String>,
        near: &'static [&'static str],
        message: impl Into<String>,
        help: Option<String>,
    ) {
        if code.level(self.profile) == Level::Off {
            return;
        }
        self.found.push(PartFinding {
            code,
            part: part.into(),
            near,
            message: message.into(),
            help,
        });
    }
}

/// Runs a block's rules standalone, as a service calling the struct does: parts are named by
/// themselves and pointers are `/part`. `values` are the parts' own kind checks.
pub(crate) fn standalone(
    profile: Profile,
    values: &[(&str, Kind, Option<&str>)],
    rules: impl FnOnce(&mut Out<'_>),
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for (part, kind, text) in values {
        let Some(text) = text else { continue };
        for mut d in kind.check_text(text, profile) {
            d.pointer = format!("/{part}");
            d.span = None;
            diagnostics.push(d);
        }
    }
    let names = |part: &str| part.split('/').next().unwrap_or(part).to_string();
    let by_kind = |_: &str| false;
    let mut out = Out::new(profile, &names, &by_kind);
    rules(&mut out);
    diagnostics.extend(out.found.into_iter().filter_map(|f| {
        Finding::new(f.code, format!("/{}", f.part), None, f.message, f.help).resolve(profile)
    }));
    diagnostics
}

/// A block as a schema maps it: each part's document field, and a condition for the block.
#[derive(Debug, Clone)]
pub(crate) struct Mapped {
    pub parts: Vec<MappedPart>,
}

#[derive(Debug, Clone)]
pub(crate) struct MappedPart {
    pub name: &'static str,
    pub at: FieldRef,
    /// The field's kind is a secret (it checks published and default values itself).
    pub secret: bool,
}

/// The document values of a block's parts, read once.
pub(crate) struct Parts<'n> {
    mapped: &'n Mapped,
    nodes: Vec<Option<&'n Node>>,
    format: Option<Format>,
}

impl<'n> Parts<'n> {
    pub fn read(mapped: &'n Mapped, cx: &Cx<'n>) -> Self {
        let nodes = mapped.parts.iter().map(|p| cx.set(&p.at)).collect();
        Parts {
            mapped,
            nodes,
            format: cx.format,
        }
    }

    fn index(&self, name: &str) -> Option<usize> {
        self.mapped.parts.iter().position(|p| p.name == name)
    }

    fn node(&self, name: &str) -> Option<&'n Node> {
        self.index(name).and_then(|i| self.nodes[i])
    }

    /// The trimmed text of a scalar part that is set.
    pub fn text(&self, name: &str) -> Option<String> {
        let text = self.node(name)?.scalar_text()?;
        let trimmed = crate::document::trimmed(&text);
        (!trimmed.is_empty()).then(|| trimmed.to_string())
    }

    /// A boolean part: `true`/`false` in any case, as YAML or an env file writes it.
    pub fn flag(&self, name: &str) -> Option<bool> {
        let text = self.text(name)?;
        match text.to_ascii_lowercase().as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    /// The texts of a list part's items (a YAML list, or a comma-separated env value).
    pub fn list(&self, name: &str) -> Vec<String> {
        let Some(node) = self.node(name) else {
            return Vec::new();
        };
        items_of(node, self.format)
            .unwrap_or_default()
            .iter()
            .map(|n| {
                n.scalar_text()
                    .map(Cow::into_owned)
                    .unwrap_or_default()
                    .trim()
                    .to_string()
            })
            .collect()
    }

    /// How messages name a part: its field, as the document spells it.
    pub fn display(&self, part: &str, cx: &Cx<'_>) -> String {
        let name = part.split('/').next().unwrap_or(part);
        match self.index(name) {
            Some(i) => cx.name(&self.mapped.parts[i].at),
            None => name.to_string(),
        }
    }

    pub fn is_secret(&self, part: &str) -> bool {
        self.index(part)
            .is_some_and(|i| self.mapped.parts[i].secret)
    }

    /// The field, item and span of a finding's part (an item's own, for `name/i`).
    fn place(
        &self,
        part: &str,
        near: &[&str],
    ) -> Option<(&'n FieldRef, Option<usize>, Option<Span>)> {
        let (name, item) = match part.split_once('/') {
            Some((name, i)) => (name, i.parse::<usize>().ok()),
            None => (part, None),
        };
        let i = self.index(name)?;
        let field = &self.mapped.parts[i].at;
        let near_span = || near.iter().find_map(|n| self.node(n)).and_then(|n| n.span);
        Some(match (self.nodes[i], item) {
            (Some(node), Some(index)) => {
                let items = items_of(node, self.format).unwrap_or_default();
                let indexed =
                    matches!(node.value, Value::Seq(_)) || self.format == Some(Format::Env);
                let span = items.get(index).and_then(|n| n.span).or(node.span);
                (field, indexed.then_some(index), span)
            }
            (Some(node), None) => (field, None, node.span),
            (None, _) => (field, None, near_span()),
        })
    }

    /// Reports a block's findings into the engine, at the document fields.
    pub fn report(&self, found: Vec<PartFinding>, cx: &mut Cx<'_>) {
        for f in found {
            match self.place(&f.part, f.near) {
                Some((field, item, span)) => {
                    cx.report_at_item(f.code, field, item, span, f.message, f.help)
                }
                None => cx.report_at(f.code, &FieldRef::ROOT, None, f.message, f.help),
            }
        }
    }
}
