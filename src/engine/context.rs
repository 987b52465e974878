//! The context a check reports into: the profile, the input format, and the pointer of the
//! value being checked, built into a string only when a finding is made.

use crate::diagnostic::{CodeInfo, Finding, Level, Profile};
use crate::document::Format;
use crate::pointer;
use crate::span::Span;

pub(crate) struct Cx<'a> {
    pub profile: Profile,
    pub format: Option<Format>,
    base: &'a str,
    below: Vec<usize>,
    findings: &'a mut Vec<Finding>,
}

impl<'a> Cx<'a> {
    pub fn new(
        profile: Profile,
        format: Option<Format>,
        base: &'a str,
        findings: &'a mut Vec<Finding>,
    ) -> Self {
        Cx {
            profile,
            format,
            base,
            below: Vec::new(),
            findings,
        }
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

    /// Whether a finding with one of these codes was made since `mark`.
    pub fn said_since(&self, mark: usize, codes: &[&str]) -> bool {
        self.findings
            .iter()
            .skip(mark)
            .any(|f| codes.contains(&f.code.code))
    }

    /// Makes the warnings found since `mark` errors (a field's `error_if` holds).
    pub fn escalate_since(&mut self, mark: usize) {
        let profile = self.profile;
        for f in self.findings.iter_mut().skip(mark) {
            if f.level.unwrap_or(f.code.level(profile)) == Level::Warning {
                f.level = Some(Level::Error);
            }
        }
    }

    /// The pointer of the value being checked.
    pub fn pointer(&self) -> String {
        let mut p = self.base.to_string();
        for index in &self.below {
            p.push('/');
            p.push_str(&index.to_string());
        }
        p
    }

    /// Checks another field's value from here on (a `_file` sibling); returns the old base.
    pub fn rebase(&mut self, base: &'a str) -> &'a str {
        std::mem::replace(&mut self.base, base)
    }

    /// Runs `f` for the item `index` of the list being checked.
    pub fn item<R>(&mut self, index: usize, f: impl FnOnce(&mut Cx<'_>) -> R) -> R {
        self.below.push(index);
        let r = f(self);
        self.below.pop();
        r
    }

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

    /// A finding about another field than the one being checked (relations, required fields).
    pub fn report_at(
        &mut self,
        code: &'static CodeInfo,
        pointer: &str,
        span: Option<Span>,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        if !self.enabled(code) {
            return;
        }
        self.findings.push(Finding::new(
            code,
            pointer.to_string(),
            span,
            message.into(),
            help,
        ));
    }
}

/// How a field is named in messages: `server.port` for nested keys, `PORT` for env names.
pub(crate) fn display_name(pointer_str: &str) -> String {
    match pointer::tokens(pointer_str) {
        Some(tokens) if !tokens.is_empty() => tokens.join("."),
        _ => pointer_str.to_string(),
    }
}
