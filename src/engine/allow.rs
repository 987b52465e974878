//! The relaxations a caller may choose, as Rend's `validate-production-env.sh` offers them:
//! `--allow-placeholders` to check an example file itself, `--allow-dev-defaults` to check a
//! local stack with the production rules. Each turns off a fixed family of codes.

use super::Options;

/// Codes `--allow-placeholders` turns off: values an example file ships for the operator
/// to replace.
pub const PLACEHOLDER_CODES: &[&str] = &["value/placeholder", "secret/placeholder"];

/// Codes `--allow-dev-defaults` turns off: what a local stack is made of (its defaults, local
/// hosts, plain HTTP, the development value of a profile switch).
pub const DEV_DEFAULT_CODES: &[&str] = &[
    "value/dev-default",
    "value/profile-mismatch",
    "secret/dev-marker",
    "secret/shipped-default",
    "url/local-host",
    "url/single-label-host",
    "url/not-https",
    "hostname/local-host",
    "hostname/single-label",
    "origin/localhost",
    "origin/insecure",
];

/// Whether the options turn a code off.
pub(super) fn relaxed(options: &Options, code: &str) -> bool {
    (options.allow_placeholders && PLACEHOLDER_CODES.contains(&code))
        || (options.allow_dev_defaults && DEV_DEFAULT_CODES.contains(&code))
}

/// The CLI flag that turns a code off, if any (`preflight explain` says so).
pub fn relaxed_by(code: &str) -> Option<&'static str> {
    if PLACEHOLDER_CODES.contains(&code) {
        Some("--allow-placeholders")
    } else if DEV_DEFAULT_CODES.contains(&code) {
        Some("--allow-dev-defaults")
    } else {
        None
    }
}
