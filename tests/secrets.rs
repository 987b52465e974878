//! Properties of secrets and canonical forms:
//! - for random secrets checked by random secret schemas, in every format and profile, no
//!   output (the JSON report, the human report with its code frames, the Debug of the report,
//!   the document and the source) contains the secret or any 8-character piece of it;
//! - a canonical form that a help line offers (`write `…``) checks clean of further rewrites.

use base64::Engine;
use preflight::render::{self, Style};
use preflight::{check, Document, Format, Limits, Options, Schema, Source};
use proptest::prelude::*;

/// Secrets of the shapes people deploy, and arbitrary text.
fn secret() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 8..72)
            .prop_map(|b| base64::engine::general_purpose::STANDARD.encode(b)),
        proptest::collection::vec(any::<u8>(), 8..72)
            .prop_map(|b| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)),
        proptest::collection::vec(any::<u8>(), 8..64)
            .prop_map(|b| b.iter().map(|x| format!("{x:02x}")).collect::<String>()),
        "[!-~]{8,80}",
        "[ -~\u{a0}-\u{2fff}]{8,60}",
        any::<String>().prop_filter("8 characters or more", |s| s.chars().count() >= 8),
    ]
}

/// A secret field's kind, with random parameters.
fn secret_kind() -> impl Strategy<Value = String> {
    let encoding = prop_oneof![
        Just("any"),
        Just("raw"),
        Just("hex"),
        Just("base64"),
        Just("base64url")
    ];
    let length = prop_oneof![
        Just(String::new()),
        (1usize..80).prop_map(|n| format!(", min_bytes: {n}")),
        (1usize..80).prop_map(|n| format!(", exact_bytes: {n}")),
        (1usize..80).prop_map(|n| format!(", min_chars: {n}")),
    ];
    let jwt = prop_oneof![
        Just(""),
        Just(", jwt: hs256"),
        Just(", jwt: hs384"),
        Just(", jwt: hs512")
    ];
    prop_oneof![
        (encoding, length, jwt, any::<bool>(), 0u32..300).prop_map(|(e, l, j, nl, bits)| {
            let newline = if nl && matches!(e, "any" | "raw") {
                ", allow_newline: true"
            } else {
                ""
            };
            format!("{{ kind: secret, encoding: {e}{l}{j}{newline}, min_bits: {bits} }}")
        }),
        Just("{ kind: secret }".to_string()),
        Just("{ kind: password }".to_string()),
        Just("{ kind: password, mfa: true, require: [upper, lower, digit, symbol] }".to_string()),
        Just("{ kind: list, item: { kind: secret } }".to_string()),
    ]
}

/// Every 8-character window of the secret (or the secret itself when shorter).
fn pieces(secret: &str) -> Vec<String> {
    let chars: Vec<char> = secret.trim().chars().collect();
    if chars.len() < 8 {
        return vec![chars.iter().collect()];
    }
    chars.windows(8).map(|w| w.iter().collect()).collect()
}

fn assert_hidden(secret: &str, what: &str, output: &str) {
    for piece in pieces(secret) {
        assert!(
            !output.contains(&piece),
            "{what} shows {piece:?} of the secret:\n{output}"
        );
    }
}

/// The config text holding `secret` twice (two fields), in a format.
fn config(secret: &str, format: Format) -> Option<String> {
    let json = serde_json::to_string(secret).ok()?;
    Some(match format {
        Format::Yaml => format!("app:\n  key: {json}\n  other: {json}\n  port: 99999\n"),
        Format::Json => {
            format!("{{\"app\": {{\"key\": {json}, \"other\": {json}, \"port\": 99999}}}}")
        }
        Format::Env => {
            if secret.contains(['\n', '\r', '\'', '\\', '"']) {
                return None;
            }
            format!("APP_KEY='{secret}'\nAPP_OTHER='{secret}'\nAPP_PORT=99999\n")
        }
    })
}

fn schema(kind: &str, format: Format) -> Schema {
    let (key, other, port) = match format {
        Format::Env => ("APP_KEY", "APP_OTHER", "APP_PORT"),
        _ => ("/app/key", "/app/other", "/app/port"),
    };
    let text = format!(
        "schema: secrets\nformat: {format}\nfields:\n  {key}: {kind}\n  {other}: {kind}\n  {port}: {{ kind: port }}\nrelations:\n  - distinct: [{key}, {other}]\n"
    );
    Schema::from_yaml(&text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: ProptestConfig::default().cases.max(512), ..ProptestConfig::default() })]

    #[test]
    fn no_output_shows_a_secret(secret in secret(), kind in secret_kind(), format in prop_oneof![Just(Format::Yaml), Just(Format::Json), Just(Format::Env)]) {
        let Some(text) = config(&secret, format) else { return Ok(()); };
        let schema = schema(&kind, format);
        for options in [Options::production(), Options::development()] {
            let report = check(&schema, Source::Text { text: &text, format: Some(format) }, &options);
            // The port mistake on the same lines proves code frames are printed.
            prop_assert!(report.codes().contains(&"port/out-of-range"), "{:?}", report.codes());
            assert_hidden(&secret, "the JSON report", &serde_json::to_string(&report).unwrap());
            assert_hidden(&secret, "the human report", &render::human("config", &text, &report, Style::default()));
            assert_hidden(&secret, "Debug of the report", &format!("{report:?}"));
            for d in &report {
                assert_hidden(&secret, "Debug of a diagnostic", &format!("{d:?}"));
            }
        }
        let document = Document::parse(&text, format, &Limits::default());
        assert_hidden(&secret, "Debug of the document", &format!("{document:?}"));
        assert_hidden(&secret, "Debug of the source", &format!("{:?}", Source::Text { text: &text, format: Some(format) }));
    }

    #[test]
    fn canonical_forms_need_no_further_rewrite(value in canonicalizable()) {
        let schema = Schema::from_yaml("schema: c\nformat: env\nfields:\n  O: { kind: origin }\n  C: { kind: cidr }\n").unwrap();
        for key in ["O", "C"] {
            let report = check(&schema, Source::env(&format!("{key}={value}\n")), &Options::production());
            for d in &report {
                let Some(fixed) = written_form(d.help.as_deref()) else { continue };
                let again = check(&schema, Source::env(&format!("{key}={fixed}\n")), &Options::production());
                let rewrites: Vec<_> = again.iter().filter(|d| written_form(d.help.as_deref()).is_some()).map(|d| d.code).collect();
                prop_assert!(rewrites.is_empty(), "{key}={value} → {fixed} still needs {rewrites:?}");
            }
        }
    }
}

/// The form in a help line such as "write `https://example.com`".
fn written_form(help: Option<&str>) -> Option<&str> {
    let rest = help?.strip_prefix("write `")?;
    rest.split('`').next()
}

/// Origins and CIDRs spelled in the ways that have a canonical form.
fn canonicalizable() -> impl Strategy<Value = String> {
    let scheme = prop_oneof![Just("https"), Just("http"), Just("HTTPS"), Just("Http")];
    let host = prop_oneof![
        Just("Example.COM"),
        Just("app.acme.io"),
        Just("APP.acme.io."),
        Just("bücher.example"),
        Just("127.0.0.1"),
        Just("[0:0::1]"),
        Just("[2001:DB8::1]"),
        Just("localhost")
    ];
    let port = prop_oneof![
        Just(""),
        Just(":443"),
        Just(":80"),
        Just(":8443"),
        Just(":08443")
    ];
    let path = prop_oneof![Just(""), Just("/"), Just("/x"), Just("?q=1")];
    let origin = (scheme, host, port, path).prop_map(|(s, h, p, x)| format!("{s}://{h}{p}{x}"));
    let v4 = (any::<[u8; 4]>(), 0u8..=32, any::<bool>()).prop_map(|(o, p, zero)| {
        let octet = |x: u8| {
            if zero && x < 100 {
                format!("0{x}")
            } else {
                x.to_string()
            }
        };
        format!(
            "{}.{}.{}.{}/{p}",
            octet(o[0]),
            octet(o[1]),
            octet(o[2]),
            octet(o[3])
        )
    });
    let v6 = (any::<[u16; 8]>(), 0u8..=128, any::<bool>()).prop_map(|(s, p, upper)| {
        let text = s
            .iter()
            .map(|x| format!("{x:x}"))
            .collect::<Vec<_>>()
            .join(":");
        let text = if upper { text.to_uppercase() } else { text };
        format!("{text}/{p}")
    });
    prop_oneof![origin, v4, v6]
}
