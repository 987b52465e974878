//! The result of a check: diagnostics sorted by position, with counts. Serializes to exactly
//! the JSON report of DESIGN.md.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Profile, Severity};
use std::sync::Arc;

use crate::input::Format;
use crate::span::Span;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The file checked; set by the CLI when it reports several files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub schema: String,
    pub profile: Profile,
    pub errors: usize,
    pub warnings: usize,
    /// Infos: what was not checked, and why. In the JSON report only when there are any.
    #[serde(skip_serializing_if = "is_zero")]
    pub infos: usize,
    pub diagnostics: Vec<Diagnostic>,
    /// Where secret values are in the text, for renderers to mask. Never serialized.
    #[serde(skip)]
    secret_spans: Vec<Span>,
    /// How the text was read, and the keys the schema declares as secrets: renderers mask
    /// source lines by them too, where the tree could not say (a file that does not parse).
    #[serde(skip)]
    format: Option<Format>,
    #[serde(skip)]
    masked_keys: Arc<MaskedKeys>,
}

impl Report {
    /// Sorts diagnostics by place (those without a place first) and counts them.
    pub(crate) fn new(schema: &str, profile: Profile, diagnostics: Vec<Diagnostic>) -> Report {
        // A stable order (findings at one place keep the order they were made in) from an
        // unstable sort, which costs the wasm modules a third of the code: ties are broken by
        // where each finding was.
        let mut numbered: Vec<(usize, Diagnostic)> = diagnostics.into_iter().enumerate().collect();
        numbered.sort_unstable_by(|(i, a), (j, b)| {
            let key = |d: &Diagnostic| d.span.map(|s| (s.start.offset, s.end.offset));
            key(a)
                .cmp(&key(b))
                .then_with(|| a.pointer.cmp(&b.pointer))
                .then_with(|| a.code.cmp(b.code))
                .then(i.cmp(j))
        });
        let mut diagnostics: Vec<Diagnostic> = numbered.into_iter().map(|(_, d)| d).collect();
        diagnostics.dedup();
        let count = |severity| {
            diagnostics
                .iter()
                .filter(|d| d.severity == severity)
                .count()
        };
        let errors = count(Severity::Error);
        Report {
            file: None,
            schema: schema.to_string(),
            profile,
            errors,
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            diagnostics,
            secret_spans: Vec::new(),
            format: None,
            masked_keys: Arc::default(),
        }
    }

    pub(crate) fn with_secret_spans(mut self, spans: Vec<Span>) -> Report {
        self.set_secret_spans(spans);
        self
    }

    fn set_secret_spans(&mut self, mut spans: Vec<Span>) {
        // Spans at the same offsets are the same span: an unstable sort orders them alike.
        spans.sort_unstable_by_key(|s| (s.start.offset, s.end.offset));
        spans.dedup();
        self.secret_spans = spans;
    }

    /// More places of secret values (a Kubernetes Secret's values, whatever their keys).
    pub(crate) fn add_secret_spans(&mut self, spans: impl IntoIterator<Item = Span>) {
        let mut all = std::mem::take(&mut self.secret_spans);
        all.extend(spans);
        self.set_secret_spans(all);
    }

    pub(crate) fn with_masking(mut self, format: Option<Format>, keys: Arc<MaskedKeys>) -> Report {
        self.format = format;
        self.masked_keys = keys;
        self
    }

    /// The format the text was read in, and the keys whose values the renderers' text scan
    /// masks.
    pub(crate) fn masking(&self) -> (Option<Format>, &MaskedKeys) {
        (self.format, &self.masked_keys)
    }

    /// The places of secret values in the checked text: a renderer that prints source lines
    /// masks these (the CLI's code frames do). Values of declared `secret` and `password`
    /// fields, and of any key named like a secret (`*_PASSWORD`, `*token*`, …).
    pub fn secret_spans(&self) -> &[Span] {
        &self.secret_spans
    }

    /// Whether any diagnostic is an error (the CLI then exits with status 1).
    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }

    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.diagnostics.iter()
    }

    /// The report on a document merged from several files (a compose service's environment),
    /// as one report per file: `formats[i]` is how file `i` was read, `file_of` says which
    /// file a diagnostic belongs to, `secret_file_of` which file a secret span is in (its
    /// offsets count in that file's text).
    pub fn split(
        &self,
        formats: &[Format],
        file_of: impl Fn(&Diagnostic) -> usize,
        secret_file_of: impl Fn(&Span) -> usize,
    ) -> Vec<Report> {
        formats
            .iter()
            .enumerate()
            .map(|(i, format)| {
                let diagnostics = self
                    .diagnostics
                    .iter()
                    .filter(|d| file_of(d) == i)
                    .cloned()
                    .collect();
                let secrets = self
                    .secret_spans
                    .iter()
                    .filter(|s| secret_file_of(s) == i)
                    .copied()
                    .collect();
                Report::new(&self.schema, self.profile, diagnostics)
                    .with_secret_spans(secrets)
                    .with_masking(Some(*format), Arc::clone(&self.masked_keys))
            })
            .collect()
    }

    /// Keeps the diagnostics `keep` says, and counts again.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.diagnostics.retain(keep);
        let count = |severity| {
            self.diagnostics
                .iter()
                .filter(|d| d.severity == severity)
                .count()
        };
        (self.errors, self.warnings, self.infos) = (
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info),
        );
    }

    /// The codes in order, for quick assertions.
    pub fn codes(&self) -> Vec<&'static str> {
        self.diagnostics.iter().map(|d| d.code).collect()
    }
}

impl<'a> IntoIterator for &'a Report {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.diagnostics.iter()
    }
}

/// The keys whose values a renderer masks in source lines, as a file writes them: those of
/// the schema's secret fields, and those of fields holding URLs with credentials. Found once,
/// when the schema compiles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct MaskedKeys {
    pub secrets: Vec<String>,
    pub urls: Vec<String>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}
