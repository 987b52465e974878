//! Values nobody should deploy as a secret, kept as data: placeholders, published example keys
//! and the defaults popular stacks ship. A schema adds its own with `placeholders` and
//! `dev_values`.
//!
//! Whole values are compared case-insensitively after trimming. Placeholder *fragments* are
//! matched anywhere in a machine secret (trufflehog's `IsKnownFalsePositive` does the same);
//! human passwords are only ever compared whole (NIST SP 800-63B-4 forbids substring
//! blocklists).

use preflight_host_text::case;

/// Why a value is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Known {
    /// A word people type while they mean to fill in the real value later.
    Placeholder,
    /// A key published in documentation, so anyone can sign with it.
    Example(&'static str),
    /// A value a popular stack ships in its example config or compose file.
    Default(&'static str),
}

/// Whole values that are placeholders (RULES.md §1.2, S4).
pub(crate) const PLACEHOLDERS: &[&str] = &[
    "changeme",
    "change-me",
    "change_me",
    "changeit",
    "secret",
    "password",
    "passw0rd",
    "admin",
    "root",
    "test",
    "default",
    "letmein",
    "qwerty",
    "todo",
    "xxx",
    "none",
    "null",
    "undefined",
];

/// Substrings that mark a machine secret as a placeholder wherever they appear.
pub(crate) const PLACEHOLDER_FRAGMENTS: &[&str] = &[
    "changeme",
    "change-me",
    "change_me",
    "change-this",
    "change_this",
    "replace-me",
    "replace_me",
    "replaceme",
    "replace-with",
    "replace_with",
    "your-",
    "your_",
    "placeholder",
    "example",
    "sample",
    "dummy",
    "do-not-use",
    "xxxxxx",
    "aaaaaa",
    "00000",
    "*****",
];

/// Published keys and shipped defaults, with where they come from.
pub(crate) const PUBLISHED: &[(&str, Known)] = &[
    (
        "AKIAIOSFODNN7EXAMPLE",
        Known::Example("the AWS documentation's example access key ID"),
    ),
    (
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        Known::Example("the AWS documentation's example secret access key"),
    ),
    (
        "your-256-bit-secret",
        Known::Example("jwt.io's default HS256 key"),
    ),
    (
        "your-384-bit-secret",
        Known::Example("jwt.io's default HS384 key"),
    ),
    (
        "your-512-bit-secret",
        Known::Example("jwt.io's default HS512 key"),
    ),
    (
        "KYkbbclxtjJMiHzoPvuahOfarej0VV-nQZPFxK0hyro=",
        Known::Example("the hard-coded key of the OWASP JWT Cheat Sheet"),
    ),
    (
        "MyProject2026",
        Known::Example("the OWASP JWT Cheat Sheet's example of a weak key"),
    ),
    (
        "your-super-secret-jwt-token-with-at-least-32-characters-long",
        Known::Default("Supabase's self-hosting `.env.example` (JWT_SECRET)"),
    ),
    (
        "this_password_is_insecure_and_should_be_updated",
        Known::Default("Supabase's self-hosting `.env.example` (DASHBOARD_PASSWORD)"),
    ),
    (
        "your-super-secret-and-long-postgres-password",
        Known::Default("Supabase's self-hosting `.env.example` (POSTGRES_PASSWORD)"),
    ),
    (
        "SW2YcwTIb9zpOOhoPsMm",
        Known::Default("Grafana's provisioning examples"),
    ),
    (
        "minioadmin",
        Known::Default("MinIO's root credentials (its documented default user and password)"),
    ),
];

/// The most common human passwords of breach corpora, compared whole and case-insensitively
/// (NIST SP 800-63B-4 §3.1.1.2; Appendix A's archetype `Password1!` included).
pub(crate) const COMMON_PASSWORDS: &[&str] = &[
    "password1",
    "password12",
    "password123",
    "password1!",
    "p@ssw0rd",
    "p@ssword",
    "passw0rd!",
    "welcome",
    "welcome1",
    "welcome123",
    "iloveyou",
    "monkey",
    "dragon",
    "football",
    "baseball",
    "abc123",
    "abcd1234",
    "111111",
    "123123",
    "654321",
    "666666",
    "121212",
    "1q2w3e4r",
    "1qaz2wsx",
    "qwerty123",
    "qwertyuiop",
    "zaq12wsx",
    "trustno1",
    "sunshine",
    "princess",
    "superman",
    "master",
    "hello123",
    "letmein1",
    "administrator",
    "admin123",
    "admin1234",
    "root123",
    "toor",
    "changeme123",
    "secret123",
    "test123",
    "guest",
    "login",
    "starwars",
    "whatever",
    "shadow",
    "michael",
    "charlie",
    "computer",
    "internet",
    "correcthorsebatterystaple",
];

/// Prefixes that say a value is for development only (Django's `django-insecure-`, pgStack's
/// `dev-only`).
pub(crate) const DEV_MARKERS: &[&str] = &["dev-only", "django-insecure-"];

/// What a whole value is known as, if it is a published key, a shipped default or a
/// placeholder word (`123456…` included).
pub(crate) fn whole_value(value: &str, extra_placeholders: &[String]) -> Option<Known> {
    // The lists are ASCII, so an ASCII case-insensitive comparison finds every match without
    // lower-casing each entry.
    let value = value.trim();
    if let Some((_, known)) = PUBLISHED
        .iter()
        .find(|(v, _)| v.eq_ignore_ascii_case(value))
    {
        return Some(*known);
    }
    let counting = value.len() >= 6 && "1234567890".starts_with(value);
    let placeholder = PLACEHOLDERS.iter().any(|p| p.eq_ignore_ascii_case(value))
        || extra_placeholders
            .iter()
            .any(|p| case::lower(p.trim()) == case::lower(value));
    (counting || placeholder).then_some(Known::Placeholder)
}

/// Whether a human password is on the common-password list (whole value only).
pub(crate) fn is_common_password(value: &str) -> bool {
    let value = value.trim();
    COMMON_PASSWORDS
        .iter()
        .any(|p| p.eq_ignore_ascii_case(value))
}

/// The placeholder fragment a machine secret contains, if any.
pub(crate) fn placeholder_fragment(value: &str) -> Option<&'static str> {
    let lower = case::lower(value);
    PLACEHOLDER_FRAGMENTS
        .iter()
        .copied()
        .find(|f| lower.contains(f))
}

/// Whether a value carries a dev marker, or is one of the schema's own dev values.
pub(crate) fn is_dev_value(value: &str, dev_values: &[String]) -> bool {
    let lower = case::lower(value.trim());
    DEV_MARKERS.iter().any(|m| lower.starts_with(m))
        || lower.contains("dev-only")
        || dev_values.iter().any(|d| case::lower(d.trim()) == lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_values_match_case_insensitively() {
        assert_eq!(whole_value("CHANGEME", &[]), Some(Known::Placeholder));
        assert_eq!(whole_value("12345678", &[]), Some(Known::Placeholder));
        assert_eq!(whole_value("12345", &[]), None);
        assert_eq!(whole_value("changeme2", &[]), None);
        assert!(matches!(
            whole_value("MINIOADMIN", &[]),
            Some(Known::Default(_))
        ));
        assert!(matches!(
            whole_value("akiaiosfodnn7example", &[]),
            Some(Known::Example(_))
        ));
        assert_eq!(
            whole_value("hunter2", &["Hunter2".into()]),
            Some(Known::Placeholder)
        );
    }

    #[test]
    fn fragments_and_dev_markers() {
        assert_eq!(placeholder_fragment("CHANGE_ME_jwt"), Some("change_me"));
        assert_eq!(placeholder_fragment("Your-Token-Here"), Some("your-"));
        assert_eq!(placeholder_fragment("k3Jx9"), None);
        assert!(is_dev_value("dev-only-jwt-secret", &[]));
        assert!(is_dev_value("pgstack-dev-only-key", &[]));
        assert!(is_dev_value("django-insecure-abc", &[]));
        assert!(is_dev_value("Local-Key", &["local-key".into()]));
        assert!(!is_dev_value("develop", &[]));
    }
}
