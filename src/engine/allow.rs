//! The relaxations a caller may choose, as Rend's `validate-production-env.sh` offers them:
//! `--allow-placeholders` to check an example file itself, `--allow-dev-defaults` to check a
//! local stack with the production rules. Each turns off the family of codes whose registry
//! entries name it (`CodeInfo::relaxed_by`).

use super::Options;
use crate::diagnostic::{codes, CodeInfo, Family};

/// Codes `--allow-placeholders` turns off, as the registry declares them.
#[deprecated(note = "read `CodeInfo::relaxed_by` in the registry")]
pub const PLACEHOLDER_CODES: &[&str] = &["value/placeholder", "secret/placeholder"];

/// Codes `--allow-dev-defaults` turns off, as the registry declares them.
#[deprecated(note = "read `CodeInfo::relaxed_by` in the registry")]
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
pub(super) fn relaxed(options: &Options, code: &CodeInfo) -> bool {
    match code.relaxed_by {
        Some(Family::Placeholders) => options.allow_placeholders,
        Some(Family::DevDefaults) => options.allow_dev_defaults,
        None => false,
    }
}

/// The CLI flag that turns a code off, if any (`preflight explain` says so).
pub fn relaxed_by(code: &str) -> Option<&'static str> {
    codes::lookup(code)?.relaxed_by.map(Family::flag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(deprecated)]
    fn the_old_lists_are_what_the_registry_declares() {
        for (family, list) in [
            (Family::Placeholders, PLACEHOLDER_CODES),
            (Family::DevDefaults, DEV_DEFAULT_CODES),
        ] {
            let mut declared: Vec<&str> = codes::ALL
                .iter()
                .filter(|c| c.relaxed_by == Some(family))
                .map(|c| c.code)
                .collect();
            let mut listed = list.to_vec();
            declared.sort();
            listed.sort();
            assert_eq!(declared, listed, "{family:?}");
        }
    }
}
