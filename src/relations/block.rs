//! Typed blocks: a group of settings checked together (WebAuthn, SMTP, S3), written once as a
//! plain Rust struct with a `check` and mapped onto document fields by the schema engine.
//!
//! A block's rules report into an [`Out`] against the block's own part names (`port`,
//! `allowed_origins/1`). A service calling the struct directly gets diagnostics with pointers
//! `/port`; the engine maps each part to the document field the schema named (its pointer, its
//! span, its name in messages). The rules exist once.

use std::borrow::Cow;

use crate::diagnostic::{CodeInfo, Diagnostic, Finding, Level, Profile};
use crate::document::{Format, Node, Value};
use crate::engine::{display_name, Cx};
use crate::kinds::{items_of, Kind};
use crate::schema::Resolved;
use crate::span::Span;

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
    pub at: Resolved,
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
    pub fn read(mapped: &'n Mapped, root: &'n Node, format: Option<Format>) -> Self {
        let nodes = mapped
            .parts
            .iter()
            .map(|p| super::set(root, &p.at))
            .collect();
        Parts {
            mapped,
            nodes,
            format,
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
        let trimmed = text.trim();
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
    pub fn display(&self, part: &str) -> String {
        let name = part.split('/').next().unwrap_or(part);
        match self.index(name) {
            Some(i) => display_name(&self.mapped.parts[i].at.pointer),
            None => name.to_string(),
        }
    }

    pub fn is_secret(&self, part: &str) -> bool {
        self.index(part)
            .is_some_and(|i| self.mapped.parts[i].secret)
    }

    /// The pointer and span of a finding's part (an item's own, for `name/i`).
    fn place(&self, part: &str, near: &[&str]) -> (String, Option<Span>) {
        let (name, item) = match part.split_once('/') {
            Some((name, i)) => (name, i.parse::<usize>().ok()),
            None => (part, None),
        };
        let Some(i) = self.index(name) else {
            return (String::new(), None);
        };
        let pointer = self.mapped.parts[i].at.pointer.clone();
        let node = self.nodes[i];
        let near_span = || near.iter().find_map(|n| self.node(n)).and_then(|n| n.span);
        match (node, item) {
            (Some(node), Some(index)) => {
                let items = items_of(node, self.format).unwrap_or_default();
                let indexed =
                    matches!(node.value, Value::Seq(_)) || self.format == Some(Format::Env);
                let span = items.get(index).and_then(|n| n.span).or(node.span);
                if indexed {
                    (format!("{pointer}/{index}"), span)
                } else {
                    (pointer, span)
                }
            }
            (Some(node), None) => (pointer, node.span),
            (None, _) => (pointer, near_span()),
        }
    }

    /// Reports a block's findings into the engine, at the document fields.
    pub fn report(&self, found: Vec<PartFinding>, cx: &mut Cx<'_>) {
        for f in found {
            let (pointer, span) = self.place(&f.part, f.near);
            cx.report_at(f.code, &pointer, span, f.message, f.help);
        }
    }
}
