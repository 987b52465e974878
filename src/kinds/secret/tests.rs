//! One table per rule of RULES.md §1.2–§1.4, each row with the codes in production and in
//! development.

use super::*;
use crate::diagnostic::Profile;
use crate::document::{Format, Value};
use crate::kinds::testing::{codes_in, findings};

const B64_32: &str = "ELz/LUyxv9nTv6eu3HRSdiGr29ahBi1JGIups7MEi5M=";
const B64_48: &str = "QjVkEzLP36yE3a1BCyzJyv/SZ+Tb9Mi4p9K4ahn+Gr2tMo12+HAHVDDJLeSQuj2e";
const HEX_32: &str = "d1571feee3307ac36e7ea0b28936c0810bce556b1554c3840063f2406f2a56c4";

/// Rows of (value, codes in production, codes in development).
type Table<'a> = &'a [(&'a str, &'a [&'a str], &'a [&'a str])];

fn run(kind: &SecretKind, table: Table<'_>) {
    for (value, prod, dev) in table {
        assert_eq!(
            codes_in(kind, value, Profile::Production),
            *prod,
            "production: {value:?}"
        );
        assert_eq!(
            codes_in(kind, value, Profile::Development),
            *dev,
            "development: {value:?}"
        );
    }
}

fn secret() -> SecretKind {
    SecretKind::default()
}

#[test]
fn good_keys_pass_in_both_profiles() {
    let url_safe = B64_32.replace('/', "_");
    run(
        &secret(),
        &[
            (B64_32, &[], &["secret/looks-live"]),
            (B64_32.trim_end_matches('='), &[], &["secret/looks-live"]),
            (&url_safe, &[], &["secret/looks-live"]),
            (B64_48, &[], &["secret/looks-live"]),
            (HEX_32, &[], &["secret/looks-live"]),
            (&HEX_32.to_uppercase(), &[], &["secret/looks-live"]),
        ],
    );
}

#[test]
fn s1_empty_and_s2_templates() {
    run(
        &secret(),
        &[
            ("   ", &["secret/empty"], &["secret/empty"]),
            (
                "${JWT_SECRET}",
                &["value/unresolved-template"],
                &["value/unresolved-template"],
            ),
            (
                "$JWT_SECRET",
                &["value/unresolved-template"],
                &["value/unresolved-template"],
            ),
            (
                "{{ jwt }}",
                &["value/unresolved-template"],
                &["value/unresolved-template"],
            ),
            (
                "<paste the key>",
                &["value/unresolved-template"],
                &["value/unresolved-template"],
            ),
            (
                "%JWT_SECRET%",
                &["value/unresolved-template"],
                &["value/unresolved-template"],
            ),
        ],
    );
}

#[test]
fn s3_dev_markers_win_in_development() {
    let kind = SecretKind {
        dev_values: vec!["aDsPda5skjBg4km/8XFxBntIQ2ppbBTAAFT7P2PdzPA=".into()],
        ..secret()
    };
    run(
        &kind,
        &[
            ("dev-only-jwt-secret-3c1f8a9e", &["secret/dev-marker"], &[]),
            ("django-insecure-x8#k2!m", &["secret/dev-marker"], &[]),
            // Precedence over S4 in development, even with a placeholder word inside.
            ("dev-only-do-not-use", &["secret/dev-marker"], &[]),
            (
                "aDsPda5skjBg4km/8XFxBntIQ2ppbBTAAFT7P2PdzPA=",
                &["secret/dev-marker"],
                &[],
            ),
        ],
    );
}

#[test]
fn s4_placeholders_examples_and_shipped_defaults() {
    let kind = SecretKind {
        placeholders: vec!["acme-signing-key".into()],
        ..secret()
    };
    let p: &[&str] = &["secret/placeholder"];
    let d: &[&str] = &["secret/shipped-default"];
    run(
        &kind,
        &[
            ("changeme", p, p),
            ("Secret", p, p),
            ("12345678", p, p),
            ("change-me-in-production", p, p),
            ("CHANGE_ME_jwt_secret_value", p, p),
            ("your-api-key-here", p, p),
            ("my-placeholder-token-0001", p, p),
            ("AKIAIOSFODNN7EXAMPLE", p, p),
            ("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", p, p),
            ("your-256-bit-secret", p, p),
            ("KYkbbclxtjJMiHzoPvuahOfarej0VV-nQZPFxK0hyro=", p, p),
            ("ACME-Signing-Key", p, p),
            (
                "your-super-secret-jwt-token-with-at-least-32-characters-long",
                d,
                d,
            ),
            ("this_password_is_insecure_and_should_be_updated", d, d),
            ("your-super-secret-and-long-postgres-password", d, d),
            ("SW2YcwTIb9zpOOhoPsMm", d, d),
            ("minioadmin", d, d),
        ],
    );
}

#[test]
fn s5_low_diversity_s8_uuid() {
    let low: &[&str] = &["secret/low-diversity"];
    run(
        &secret(),
        &[
            (
                &"a".repeat(44),
                &["secret/placeholder"],
                &["secret/placeholder"],
            ),
            ("abababababababababababababababab", low, &[]),
            ("0123456789abcdef0123456789abcdef", low, &[]),
            ("abcdefghijklmnopqrstuvwxyz12", low, &[]),
            (
                "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
                &["secret/uuid"],
                &[],
            ),
        ],
    );
}

#[test]
fn s6_s7_strength_in_bits() {
    run(
        &secret(),
        &[
            // 16 alphanumeric characters decode as base64: 12 bytes, 96 bits.
            ("k3Jx9Qw2Lm8Zp4Rt", &["secret/too-weak"], &[]),
            // 21 raw characters from an alphabet of 62: 125 bits.
            ("k3Jx9Qw2Lm8Zp4Rt7Vn1Q", &["secret/too-weak"], &[]),
            // 32 hex digits: 128 bits.
            (
                "d1571feee3307ac36e7ea0b28936c081",
                &["secret/below-256-bits"],
                &[],
            ),
            // 24 base64 characters: 18 bytes, 144 bits.
            ("ELz/LUyxv9nTv6eu3HRSdiGr", &["secret/below-256-bits"], &[]),
        ],
    );
    let strict = SecretKind {
        min_bits: Some(256),
        ..secret()
    };
    run(
        &strict,
        &[(
            "d1571feee3307ac36e7ea0b28936c081",
            &["secret/too-weak"],
            &[],
        )],
    );
    run(
        &secret(),
        &[(
            "blahblahblahblahblahblahblahblahblahblahblah-2026!",
            &["secret/low-entropy"],
            &["secret/looks-live"][..0],
        )],
    );
}

#[test]
fn s9_whitespace_and_line_breaks() {
    let padded = format!(" {B64_32}\n");
    let wrapped = format!("{}\n{}", &B64_48[..40], &B64_48[40..]);
    run(
        &secret(),
        &[
            (
                &padded,
                &["secret/whitespace"],
                &["secret/whitespace", "secret/looks-live"],
            ),
            (&wrapped, &["secret/line-break"], &["secret/line-break"]),
        ],
    );
    let pem = SecretKind {
        allow_newline: true,
        ..secret()
    };
    run(&pem, &[(&wrapped, &[], &[])]);
}

#[test]
fn encodings_and_lengths() {
    let hex32 = SecretKind {
        encoding: Encoding::Hex,
        exact_bytes: Some(32),
        ..secret()
    };
    let wrong: &[&str] = &["secret/wrong-encoding"];
    run(
        &hex32,
        &[
            (HEX_32, &[], &["secret/looks-live"]),
            (B64_32, wrong, wrong),
            (&HEX_32[..63], wrong, wrong),
            (
                &HEX_32[..48],
                &["secret/wrong-length", "secret/below-256-bits"],
                &["secret/wrong-length", "secret/looks-live"],
            ),
        ],
    );
    let b64_32 = SecretKind {
        encoding: Encoding::Base64,
        min_bytes: Some(32),
        ..secret()
    };
    run(
        &b64_32,
        &[
            (B64_32, &[], &["secret/looks-live"]),
            (B64_32.trim_end_matches('='), &[], &["secret/looks-live"]),
            ("ab+c-d==", wrong, wrong),
            (&B64_32[..41], wrong, wrong),
            (
                &B64_48[..32],
                &["secret/too-short", "secret/below-256-bits"],
                &["secret/too-short"],
            ),
        ],
    );
    let url = SecretKind {
        encoding: Encoding::Base64url,
        ..secret()
    };
    run(&url, &[(B64_32, wrong, wrong)]);
    let chars = SecretKind {
        min_chars: Some(64),
        ..secret()
    };
    run(
        &chars,
        &[
            (B64_48, &[], &["secret/looks-live"]),
            (
                B64_32,
                &["secret/too-short"],
                &["secret/too-short", "secret/looks-live"],
            ),
        ],
    );
}

#[test]
fn jwt_key_sizes_follow_rfc_7518() {
    let hs256 = SecretKind {
        jwt: Some(JwtAlgorithm::Hs256),
        ..secret()
    };
    run(
        &hs256,
        &[
            // 44 raw bytes, 256 decoded bits: fine either way.
            (B64_32, &[], &["secret/looks-live"]),
            // 32 hex digits: 32 raw bytes pass J1, but 128 bits fail J2 (160).
            (
                "d1571feee3307ac36e7ea0b28936c081",
                &["secret/too-weak"],
                &[],
            ),
            // 24 characters: too short in every profile.
            (
                "ELz/LUyxv9nTv6eu3HRSdiGr",
                &["secret/jwt-key-too-short", "secret/too-weak"],
                &["secret/jwt-key-too-short"],
            ),
        ],
    );
    let hs512 = SecretKind {
        jwt: Some(JwtAlgorithm::Hs512),
        ..secret()
    };
    run(
        &hs512,
        &[
            (B64_48, &[], &["secret/looks-live"]),
            (
                B64_32,
                &["secret/jwt-key-too-short"],
                &["secret/jwt-key-too-short", "secret/looks-live"],
            ),
        ],
    );
    let decoded = SecretKind {
        jwt: Some(JwtAlgorithm::Hs384),
        encoding: Encoding::Base64,
        ..secret()
    };
    // 64 base64 characters decode to 48 bytes: exactly HS384's minimum.
    run(
        &decoded,
        &[
            (B64_48, &[], &["secret/looks-live"]),
            (
                B64_32,
                &["secret/jwt-key-too-short"],
                &["secret/jwt-key-too-short", "secret/looks-live"],
            ),
        ],
    );
}

#[test]
fn the_inverse_rule_only_in_development() {
    run(
        &secret(),
        &[
            // 34 characters from an alphabet of 95: 223 bits.
            (
                "sk_live_4eC39HqLyjWDarjtT1zdp7dcQ9",
                &["secret/below-256-bits"],
                &["secret/looks-live"],
            ),
            (
                "whsec_4eC39HqLyjWDarjtT1zdp7dcQ9xYz8Kq2LmP0vB7nR5tW1",
                &[],
                &["secret/looks-live"],
            ),
            (
                "sk_test_4eC39HqLyjWDarjtT1zdp7dcQ9",
                &["secret/below-256-bits"],
                &[],
            ),
        ],
    );
}

#[test]
fn messages_describe_and_never_quote() {
    let kind = SecretKind {
        encoding: Encoding::Hex,
        exact_bytes: Some(32),
        ..secret()
    };
    for value in [B64_48, &HEX_32[..48], "k3Jx9Qw2Lm8Zp4Rt"] {
        for profile in [Profile::Production, Profile::Development] {
            let found = findings(&kind, Value::String(value.into()), profile, Format::Env);
            for f in &found {
                let text = format!("{} {:?}", f.message, f.help);
                for w in value.as_bytes().windows(6) {
                    let w = std::str::from_utf8(w).unwrap();
                    assert!(!text.contains(w), "{text} quotes {w}");
                }
            }
        }
    }
    let found = findings(
        &kind,
        Value::String(HEX_32[..48].into()),
        Profile::Production,
        Format::Env,
    );
    assert_eq!(
        found[0].message,
        "the secret is 48 hex characters (24 bytes, 192 bits); exactly 32 bytes are required"
    );
    assert_eq!(
        found[0].help.as_deref(),
        Some("generate one with `openssl rand -hex 32`")
    );
    let found = findings(
        &secret(),
        Value::String("k3Jx9Qw2Lm8Zp4Rt7Vn1Q".into()),
        Profile::Production,
        Format::Env,
    );
    assert_eq!(
        found[0].message,
        "the secret is 21 characters of text from an alphabet of 62 (about 125 bits); at least 128 bits are required"
    );
    // A placeholder word inside the value is part of the secret: named, never quoted.
    let value = "Xq7-changeme-Zp93Lk2Wv8";
    let found = findings(
        &secret(),
        Value::String(value.into()),
        Profile::Production,
        Format::Env,
    );
    assert_eq!(found[0].code.code, "secret/placeholder");
    assert_eq!(found[0].message, "the secret contains a placeholder word");
    for f in &found {
        let text = format!("{} {:?}", f.message, f.help);
        for w in value.as_bytes().windows(6) {
            let w = std::str::from_utf8(w).unwrap();
            assert!(!text.contains(w), "{text} quotes {w}");
        }
    }
}

#[test]
fn integers_are_read_as_text() {
    let found = findings(
        &secret(),
        Value::Int(12345678),
        Profile::Production,
        Format::Yaml,
    );
    assert_eq!(found[0].code.code, "secret/placeholder");
}

#[test]
fn parameters_are_validated() {
    let both = SecretKind {
        min_bytes: Some(1),
        exact_bytes: Some(2),
        ..secret()
    };
    assert_eq!(both.validate().map_err(|e| e.param), Err("exact_bytes"));
    let pem_hex = SecretKind {
        allow_newline: true,
        encoding: Encoding::Hex,
        ..secret()
    };
    assert_eq!(
        pem_hex.validate().map_err(|e| e.param),
        Err("allow_newline")
    );
}
