//! Diagnostics, severities and profiles.
//!
//! Every code lives in the one registry, [`codes`]; a check reports a [`Finding`] against a
//! code, and the profile in force turns it into a [`Diagnostic`] with that code's severity (or
//! drops it, where the code is off in that profile).

pub mod codes;

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::secret_names::hide_swallowed_secrets;
use crate::shown::escape_unseen;
use crate::span::Span;

pub use codes::{Adapter, CodeInfo, Example};

/// How bad a diagnostic is. Errors fail a check (exit status 1); warnings and infos do not.
/// An info says what was not checked, and why (a value that comes from outside the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a code does in one profile: report an error, a warning, an info, or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// A family of codes that one relaxation turns off (`--allow-placeholders`,
/// `--allow-dev-defaults`), and that a schema's value lists (`placeholders`, `dev_defaults`)
/// report. Each code's registry entry says which family relaxes it and which it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// Values an example file ships for the operator to replace.
    Placeholders,
    /// What a local stack is made of: its defaults, local hosts, plain HTTP.
    DevDefaults,
}

impl Family {
    /// The CLI flag that relaxes the family.
    pub fn flag(self) -> &'static str {
        match self {
            Family::Placeholders => "--allow-placeholders",
            Family::DevDefaults => "--allow-dev-defaults",
        }
    }

    /// The name the npm package's `allow` option takes.
    pub fn name(self) -> &'static str {
        match self {
            Family::Placeholders => "placeholders",
            Family::DevDefaults => "dev-defaults",
        }
    }

    pub const ALL: [Family; 2] = [Family::Placeholders, Family::DevDefaults];
}

/// Where the config is going. Production is strict: no dev defaults, no local hosts, TLS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    Development,
    #[default]
    Production,
}

impl Profile {
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Development => "development",
            Profile::Production => "production",
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Profile {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "production" | "prod" => Ok(Profile::Production),
            "development" | "dev" => Ok(Profile::Development),
            other => Err(format!(
                "unknown profile `{other}` (expected development or production)"
            )),
        }
    }
}

/// One problem in a config, as the JSON report and every renderer show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable slug `area/name`; `preflight explain CODE` describes it.
    pub code: &'static str,
    pub severity: Severity,
    /// RFC 6901 pointer to the value (`/server/port`; `/JWT_SECRET` in env files).
    pub pointer: String,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it, with the canonical form where there is one.
    pub help: Option<String>,
    /// Where in the text; `None` when the problem has no place there.
    pub span: Option<Span>,
    /// The text that fixes the span, where the fix is certain and holds no secret (the
    /// canonical origin, a CIDR's network, `MiB` for an ambiguous `MB` in a binary field, a
    /// renamed key's new name): the language server's code actions. Not in the JSON report.
    #[serde(skip)]
    pub replacement: Option<String>,
    /// Why the value was checked this way, where a reader could not tell (`--schema auto`:
    /// "kind inferred from the name SMTP_PORT"). In the JSON report only when set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A problem before the profile has decided its severity.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Finding {
    pub code: &'static CodeInfo,
    pub pointer: String,
    pub span: Option<Span>,
    pub message: String,
    pub help: Option<String>,
    /// A level the schema chose for this finding, in place of the code's own (unknown fields).
    pub level: Option<Level>,
    /// The text that fixes the span, where the fix is certain ([`Diagnostic::replacement`]).
    pub replacement: Option<String>,
}

impl Finding {
    pub fn new(
        code: &'static CodeInfo,
        pointer: String,
        span: Option<Span>,
        message: String,
        help: Option<String>,
    ) -> Self {
        Finding {
            code,
            pointer,
            span,
            message,
            help,
            level: None,
            replacement: None,
        }
    }

    /// The finding with the text that fixes its span.
    pub fn with_replacement(mut self, replacement: Option<String>) -> Self {
        self.replacement = replacement;
        self
    }

    /// The diagnostic this finding becomes in `profile`, or `None` where its code is off there.
    /// Its text never shows what a secret-bearing text it quotes holds
    /// ([`hide_swallowed_secrets`]), and its message and help show no control or invisible
    /// character as it is ([`escape_unseen`]: a key quoted as written cannot colour a terminal
    /// or reorder a line). The pointer stays the key's exact path; the renderers escape it
    /// where they print it.
    pub fn resolve(self, profile: Profile) -> Option<Diagnostic> {
        let severity = self.level.unwrap_or(self.code.level(profile)).severity()?;
        let hidden = |text: String, pointer: bool| match hide_swallowed_secrets(&text, pointer) {
            Cow::Borrowed(_) => text,
            Cow::Owned(shown) => shown,
        };
        let printable = |text: String| match escape_unseen(&text) {
            Cow::Borrowed(_) => text,
            Cow::Owned(escaped) => escaped,
        };
        Some(Diagnostic {
            code: self.code.code,
            severity,
            pointer: hidden(self.pointer, true),
            message: printable(hidden(self.message, false)),
            help: self.help.map(|help| printable(hidden(help, false))),
            span: self.span,
            replacement: self.replacement,
            note: None,
        })
    }
}

/// The findings of one check, at most `max_per_code` of each code: the rest are counted, and
/// [`Findings::into_vec`] says how many in one `parse/too-many-findings` per code.
///
/// It reads as the `Vec` of findings it holds; [`Findings::push`] is the one way in.
#[derive(Debug, Clone)]
pub(crate) struct Findings {
    list: Vec<Finding>,
    max_per_code: usize,
    counts: std::collections::HashMap<&'static str, usize>,
}

impl Findings {
    pub fn new(max_per_code: usize) -> Self {
        Findings {
            list: Vec::new(),
            max_per_code,
            counts: std::collections::HashMap::new(),
        }
    }

    /// Findings of no limit: a host's own, which a check takes in under its own limit.
    pub fn unlimited() -> Self {
        Findings::new(usize::MAX)
    }

    /// These findings and `finding`.
    pub fn with(mut self, finding: Finding) -> Self {
        self.push(finding);
        self
    }

    /// Adds a finding, unless its code has filled its share.
    pub fn push(&mut self, finding: Finding) {
        let seen = self.counts.entry(finding.code.code).or_insert(0);
        *seen += 1;
        if *seen <= self.max_per_code {
            self.list.push(finding);
        }
    }

    /// Adds the finding `make` builds, unless `code` has filled its share: then it is only
    /// counted, never built. A front-end reports what a file repeats (a key set a million
    /// times) this way, so a hostile file costs a count per repeat, not a message and a
    /// pointer each.
    pub fn push_with(&mut self, code: &'static CodeInfo, make: impl FnOnce() -> Finding) {
        if !self.counted_past_share(code) {
            self.push(make());
        }
    }

    /// Whether `code` has filled its share: then one more finding of it is counted here, and
    /// need not be built; otherwise nothing is counted yet ([`Findings::push`] does). For a
    /// caller whose finding is built from what [`Findings::push_with`]'s closure cannot
    /// borrow.
    pub fn counted_past_share(&mut self, code: &'static CodeInfo) -> bool {
        match self.counts.get_mut(code.code) {
            Some(seen) if *seen >= self.max_per_code => {
                *seen += 1;
                true
            }
            _ => false,
        }
    }

    /// The findings listed, to change (not to add or remove: [`Findings::push`] does).
    pub fn listed_mut(&mut self) -> &mut [Finding] {
        &mut self.list
    }

    /// Puts the findings of `earlier` before those here, as if they had been pushed first.
    pub fn put_first(&mut self, earlier: Findings) {
        let later = std::mem::replace(self, earlier);
        self.append(later);
    }

    /// Adds the findings of `later` as if each had been pushed here after those already
    /// here, in its order: what a code's share leaves out, and the counts, are the same.
    /// (`later` listed at most its share of each code and counted the rest, which would not
    /// have been listed here either when its share is at least this one's — a document's
    /// findings are capped by the limits it was parsed with, usually the check's.)
    pub fn append(&mut self, later: Findings) {
        for finding in later.list {
            self.push(finding);
        }
        for (code, n) in later.counts {
            let left_out = n.saturating_sub(later.max_per_code);
            if left_out > 0 {
                *self.counts.entry(code).or_insert(0) += left_out;
            }
        }
    }

    /// The findings, and for each code found more often than listed, one that says so.
    pub fn into_vec(self) -> Vec<Finding> {
        let mut list = self.list;
        let mut over: Vec<(&'static str, usize)> = self
            .counts
            .into_iter()
            .filter(|(_, n)| *n > self.max_per_code)
            .collect();
        over.sort_unstable();
        for (code, n) in over {
            let listed = match self.max_per_code {
                0 => "none are listed".to_string(),
                1 => "the first is listed".to_string(),
                m => format!("the first {m} are listed"),
            };
            list.push(Finding::new(
                &codes::PARSE_TOO_MANY_FINDINGS,
                String::new(),
                None,
                format!("`{code}` was found {n} times; {listed}"),
                Some(
                    "fix the ones listed and check again, or raise `Limits::max_findings_per_code`"
                        .into(),
                ),
            ));
        }
        list
    }
}

impl std::ops::Deref for Findings {
    type Target = Vec<Finding>;
    fn deref(&self) -> &Vec<Finding> {
        &self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duplicate(line: usize) -> Finding {
        Finding::new(
            &codes::PARSE_DUPLICATE_KEY,
            format!("/k{line}"),
            None,
            String::new(),
            None,
        )
    }

    #[test]
    fn a_finding_past_its_codes_share_is_counted_and_never_built() {
        let mut findings = Findings::new(2);
        let mut built = 0;
        for line in 1..=5 {
            findings.push_with(&codes::PARSE_DUPLICATE_KEY, || {
                built += 1;
                duplicate(line)
            });
        }
        assert_eq!(built, 2);
        let list = findings.into_vec();
        let listed: Vec<_> = list
            .iter()
            .map(|f| (f.code.code, f.pointer.as_str()))
            .collect();
        assert_eq!(
            listed,
            [
                ("parse/duplicate-key", "/k1"),
                ("parse/duplicate-key", "/k2"),
                ("parse/too-many-findings", "")
            ]
        );
        assert_eq!(
            list[2].message,
            "`parse/duplicate-key` was found 5 times; the first 2 are listed"
        );
    }

    #[test]
    fn findings_put_first_keep_their_order_and_counts() {
        let mut earlier = Findings::new(2);
        let mut later = Findings::new(2);
        for line in 1..=3 {
            earlier.push(duplicate(line));
        }
        later.push(duplicate(9));
        later.put_first(earlier);
        let list = later.into_vec();
        let pointers: Vec<_> = list.iter().map(|f| f.pointer.as_str()).collect();
        assert_eq!(pointers, ["/k1", "/k2", ""]);
        assert_eq!(
            list[2].message,
            "`parse/duplicate-key` was found 4 times; the first 2 are listed"
        );
    }
}
