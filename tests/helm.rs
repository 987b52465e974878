//! A chart's values file checked with a schema's `helm:` section: the `config:` subtree in
//! camelCase is the config, values under `secrets:` set fields, an empty generated one is not
//! missing, and every finding names the values file's own keys on its own lines.

use preflight::{check, Options, Schema, Source};

const SCHEMA: &str = "schema: app\nfields:\n  /server/trusted_proxies: { kind: list, item: { kind: cidr } }\n  /server/port: { kind: port }\n  /jwt/secret: { kind: secret, min_chars: 32, required: production }\n  /smtp/password: { kind: password, required: production }\n  /backends/*/bucket_name: { kind: string, required: always }\nhelm:\n  config: /config\n  keys: camel_case\n  values:\n    /secrets/jwtSecret: /jwt/secret\n    /secrets/smtpPassword: /smtp/password\n  generated: [/secrets/jwtSecret]\n";

/// A finding: code, pointer, line and column, message.
type Found = (String, String, Option<(usize, usize)>, String);

fn findings(values: &str) -> Vec<Found> {
    let schema = Schema::from_yaml(SCHEMA).unwrap();
    check(&schema, Source::yaml(values), &Options::production())
        .iter()
        .map(|d| {
            (
                d.code.to_string(),
                d.pointer.clone(),
                d.span.map(|s| (s.start.line, s.start.column)),
                d.message.clone(),
            )
        })
        .collect()
}

#[test]
fn camel_case_config_and_mapped_secrets_on_their_own_lines() {
    let values = "replicaCount: 2\nconfig:\n  server:\n    trustedProxies: [0.0.0.0/0]\n    port: 70000\n  backends:\n    myMedia:\n      bucketName: media\nsecrets:\n  jwtSecret: short\n  smtpPassword: \"\"\n";
    let found = findings(values);
    type Place = Option<(usize, usize)>;
    let codes: Vec<(&str, &str, Place)> = found
        .iter()
        .map(|(c, p, s, _)| (c.as_str(), p.as_str(), *s))
        .collect();
    assert_eq!(
        codes,
        [
            (
                "cidr/trust-all",
                "/config/server/trustedProxies/0",
                Some((4, 22))
            ),
            ("port/out-of-range", "/config/server/port", Some((5, 11))),
            ("secret/too-short", "/secrets/jwtSecret", Some((10, 14))),
            ("secret/too-weak", "/secrets/jwtSecret", Some((10, 14))),
            (
                "schema/missing-required",
                "/secrets/smtpPassword",
                Some((11, 17))
            ),
        ],
        "{found:#?}"
    );
    // Named as the values file writes it; a backend's own name (`myMedia`) is not respelled.
    assert!(
        found[4].3.contains("`secrets.smtpPassword`"),
        "{}",
        found[4].3
    );
}

#[test]
fn an_empty_generated_secret_is_not_missing_and_a_missing_key_is_named_in_camel_case() {
    let values = "config:\n  server: {}\n  backends:\n    media: {}\nsecrets:\n  jwtSecret: \"\"\n  smtpPassword: \"Qm7#vT2p!Lx9wZ4k\"\n";
    let found = findings(values);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].0, "schema/missing-required");
    assert_eq!(found[0].1, "/config/backends/media/bucketName");
    assert!(
        found[0].3.contains("`config.backends.media.bucketName`"),
        "{}",
        found[0].3
    );
}

#[test]
fn a_helm_section_naming_an_undeclared_field_is_a_schema_error() {
    let err = Schema::from_yaml(
        "schema: x\nfields:\n  /a: { kind: string }\nhelm:\n  values:\n    /secrets/b: /b\n",
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("/helm/values/~1secrets~1b"),
        "{err}"
    );
}
