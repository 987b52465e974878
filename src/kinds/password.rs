//! `kind: password` — a human-chosen password, such as an admin bootstrap password, checked as
//! NIST SP 800-63B-4 §3.1.1.2 says (RULES.md §1.5):
//!
//! - length in code points, at least 15 (8 when the password is only one factor of MFA);
//! - the whole value against a blocklist (common passwords, placeholders, shipped defaults),
//!   never substrings;
//! - no repetitive or sequential values (`aaaaaa`, `1234abcd`);
//! - no composition rules, unless the schema asks for them with `require` because the system
//!   itself rejects passwords without them (SyncTV's root password).
//!
//! A password is a secret: no message contains it, and renderers mask it.

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use super::one_of_list;
use super::secret::{first_checks, low_diversity, report_known};
use crate::context::Cx;
use crate::diagnostic::codes;
use crate::document::read::{self, Keys, ReadError};
use crate::document::Node;

/// A class of characters a system may require.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(rename_all = "lowercase"))]
pub enum CharClass {
    Lower,
    Upper,
    Digit,
    Symbol,
}

read::from_names!(CharClass {
    "lower" => CharClass::Lower,
    "upper" => CharClass::Upper,
    "digit" => CharClass::Digit,
    "symbol" => CharClass::Symbol,
});

impl CharClass {
    fn name(self) -> &'static str {
        match self {
            CharClass::Lower => "a lower-case letter",
            CharClass::Upper => "an upper-case letter",
            CharClass::Digit => "a digit",
            CharClass::Symbol => "a symbol",
        }
    }

    fn matches(self, c: char) -> bool {
        match self {
            CharClass::Lower => c.is_lowercase(),
            CharClass::Upper => c.is_uppercase(),
            CharClass::Digit => c.is_ascii_digit(),
            CharClass::Symbol => !c.is_alphanumeric() && !c.is_whitespace(),
        }
    }
}

/// Parameters of `kind: password`.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct PasswordKind {
    /// Code points at least (default 15, or 8 with `mfa: true`).
    pub min_chars: Option<usize>,
    /// The password is used only together with another factor.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub mfa: bool,
    /// Character classes the system itself insists on.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub require: Vec<CharClass>,
    /// More whole values to refuse.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub blocklist: Vec<String>,
    /// Values this system ships for development: fine there, errors in production.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub dev_values: Vec<String>,
}

impl PasswordKind {
    /// Reads the kind's parameters from the field's mapping.
    pub(crate) fn read(keys: &mut Keys<'_>) -> Result<Self, ReadError> {
        Ok(PasswordKind {
            min_chars: keys.get("min_chars")?,
            mfa: keys.get("mfa")?,
            require: keys.get("require")?,
            blocklist: keys.get("blocklist")?,
            dev_values: keys.get("dev_values")?,
        })
    }
}

impl PasswordKind {
    pub(crate) fn check(&self, node: &Node, cx: &mut Cx<'_>) {
        let empty_help = "set a long passphrase, or generate one with `openssl rand -base64 24`";
        let Some(text) = first_checks(node, cx, "password", empty_help, false) else {
            return;
        };
        let span = node.span;
        let value = text.trim();
        let chars = value.chars().count();
        let missing: Vec<&str> = self
            .require
            .iter()
            .filter(|class| !value.chars().any(|c| class.matches(c)))
            .map(|class| class.name())
            .collect();
        if !missing.is_empty() {
            cx.report(
                &codes::PASSWORD_COMPOSITION,
                span,
                format!("the password has no {}", missing.join(", no ")),
                Some(format!(
                    "this system requires {} in the password",
                    one_of_list(&self.require.iter().map(|c| c.name()).collect::<Vec<_>>())
                        .replace('`', "")
                        .replace(" or ", " and ")
                )),
            );
        }
        if super::secret::is_dev_value(value, &self.dev_values) {
            return cx.report(
                &codes::SECRET_DEV_MARKER,
                span,
                "the password is one this system ships for development",
                Some("set a password of your own for production".into()),
            );
        }
        if report_known(value, &self.blocklist, false, span, cx) {
            return;
        }
        if super::secret::is_common_password(value) {
            return cx.report(
                &codes::PASSWORD_COMMON,
                span,
                "the password is one of the most common passwords",
                Some("choose a long passphrase nobody else uses".into()),
            );
        }
        let min = self.min_chars.unwrap_or(if self.mfa { 8 } else { 15 });
        if chars < min {
            cx.report(
                &codes::PASSWORD_TOO_SHORT,
                span,
                format!("the password is {chars} characters long; at least {min} are required"),
                Some("use a passphrase: several words are long and easy to remember".into()),
            );
        }
        if let Some(why) = low_diversity(value) {
            cx.report(
                &codes::PASSWORD_REPETITIVE,
                span,
                format!("the password is repetitive or sequential: {why}"),
                Some("choose a password without runs or repeats".into()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Profile;
    use crate::kinds::testing::{codes, codes_in};

    fn kind() -> PasswordKind {
        PasswordKind::default()
    }

    #[test]
    fn length_counts_code_points() {
        assert_eq!(codes(&kind(), "orange-kettle-dawn"), Vec::<&str>::new());
        assert_eq!(codes(&kind(), "orange-kettle"), ["password/too-short"]);
        // 15 CJK characters are 45 bytes but 15 characters.
        assert_eq!(
            codes(&kind(), "橙色水壶黎明时分的风和雨夜晚来"),
            Vec::<&str>::new()
        );
        assert_eq!(
            codes(&kind(), "橙色水壶黎明时分的风"),
            ["password/too-short"]
        );
        let mfa = PasswordKind {
            mfa: true,
            ..kind()
        };
        assert_eq!(codes(&mfa, "kettle-d"), Vec::<&str>::new());
        assert_eq!(
            codes_in(&kind(), "orange", Profile::Development),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn blocklist_is_whole_value_only() {
        assert_eq!(codes(&kind(), "Password1!"), ["password/common"]);
        assert_eq!(
            codes_in(&kind(), "Password1!", Profile::Development),
            ["password/common"]
        );
        assert_eq!(codes(&kind(), "CHANGEME"), ["secret/placeholder"]);
        assert_eq!(codes(&kind(), "minioadmin"), ["secret/shipped-default"]);
        // Substrings are not blocklisted for human passwords (NIST SP 800-63B-4).
        assert_eq!(codes(&kind(), "my-password-is-long"), Vec::<&str>::new());
        let extra = PasswordKind {
            blocklist: vec!["acme-admin-2026".into()],
            ..kind()
        };
        assert_eq!(codes(&extra, "ACME-admin-2026"), ["secret/placeholder"]);
    }

    #[test]
    fn repetition_and_sequences() {
        assert_eq!(codes(&kind(), "aaaaaaaaaaaaaaaa"), ["password/repetitive"]);
        assert_eq!(codes(&kind(), "abcdefghijklmnopq"), ["password/repetitive"]);
        assert_eq!(
            codes(&kind(), "1234abcd"),
            ["password/too-short", "password/repetitive"]
        );
    }

    #[test]
    fn composition_only_when_required() {
        let synctv = PasswordKind {
            min_chars: Some(12),
            require: vec![CharClass::Upper, CharClass::Lower, CharClass::Digit],
            dev_values: vec!["Rootpasswd1234567890!".into()],
            ..kind()
        };
        assert_eq!(codes(&synctv, "Orange-Kettle-7"), Vec::<&str>::new());
        assert_eq!(
            codes(&synctv, "orange-kettle-dawn"),
            ["password/composition"]
        );
        assert_eq!(
            codes(&synctv, "Rootpasswd1234567890!"),
            ["secret/dev-marker"]
        );
        assert_eq!(
            codes_in(&synctv, "Rootpasswd1234567890!", Profile::Development),
            Vec::<&str>::new()
        );
        assert_eq!(codes(&kind(), "orange-kettle-dawn"), Vec::<&str>::new());
    }

    #[test]
    fn templates_and_whitespace() {
        assert_eq!(
            codes(&kind(), "${ROOT_PASSWORD}"),
            ["value/unresolved-template"]
        );
        assert_eq!(codes(&kind(), " orange-kettle-dawn"), ["secret/whitespace"]);
        assert_eq!(codes(&kind(), "  "), ["secret/empty"]);
    }
}
