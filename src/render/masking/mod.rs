//! Secrets found in the text itself, line by line, for renderers that print source lines.
//!
//! The report's secret spans come from the parsed tree, and a file that does not parse has
//! no tree (or a tree that lacks the broken part: an unclosed quote, a key set twice on one
//! line, an anchor whose alias a secret key uses). So code frames are also masked by this
//! scan of the text: after every key that names a secret (`jwt_secret`, `DB_PASSWORD`, or a
//! field the schema declares as a secret), the value is masked to where it ends — its closing
//! quote, the next `,` `}` `]` in flow text, the end of the line otherwise, and the lines of a
//! block scalar or an unclosed quote below it. It errs on the side of masking.

mod env;
mod keyed;
mod manifest;
mod urls;
mod values;

use std::ops::Range;

use crate::input::Format;
use crate::secret_names::is_secret_like_key;

pub(crate) use urls::quote_closes;

/// What a key holds, for the scan.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Held {
    /// A secret: its whole value is masked.
    Secret,
    /// A URL that may carry `user:password@`: the password part is masked.
    CredentialUrl,
}

/// Byte ranges of `source` that hold secret values, by the scan above. `declared` names keys
/// the schema declares as secrets (their last pointer token, or their env names); `urls` keys
/// that hold connection URLs with credentials.
pub(crate) fn secret_ranges(
    source: &str,
    lines: &[Range<usize>],
    format: Option<Format>,
    declared: &[String],
    urls: &[String],
) -> Vec<Range<usize>> {
    let is_secret = |key: &str| {
        // A misspelt declared secret (`jwt_secert`) most likely still holds it.
        let near_declared = || {
            key.len() > 3
                && crate::suggest::nearest(key, declared.iter().map(String::as_str)).is_some()
        };
        if is_secret_like_key(key) || declared.iter().any(|d| d == key) || near_declared() {
            Some(Held::Secret)
        } else if urls.iter().any(|u| u == key) {
            Some(Held::CredentialUrl)
        } else {
            None
        }
    };
    let mut out = Vec::new();
    match format {
        Some(Format::Env) => {
            env::env_lines(source, lines, &is_secret, &mut out);
            keyed::keyed_lines(source, lines, Format::Env, &is_secret, declared, &mut out);
        }
        Some(format) => {
            keyed::keyed_lines(source, lines, format, &is_secret, declared, &mut out);
            if format == Format::Yaml {
                manifest::secret_manifest_data(source, lines, &mut out);
            }
        }
        None => {}
    }
    out
}

/// Each line's byte range, without its break (by `span::line_breaks`' rule).
pub(crate) fn line_table(source: &str) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (end, next) in crate::span::line_breaks(source) {
        lines.push(start..end);
        start = next;
    }
    lines.push(start..source.len());
    lines
}

#[cfg(test)]
mod tests;
