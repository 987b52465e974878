//! The typed blocks (WebAuthn, SMTP, S3) and the generic relations through a schema: the
//! engine fills the same structs a service calls directly, and findings land on the mapped
//! document fields with exact pointers and spans.

use preflight::{check, Options, Schema, Severity, Source};

const ENV_SCHEMA: &str = r#"
schema: blocks
format: env
fields:
  WEBAUTHN_ENABLED: { kind: bool }
  RP_ID: { kind: string }
  RP_ORIGIN: { kind: origin, webauthn: true }
  RP_ORIGINS: { kind: list, item: { kind: origin, webauthn: true } }
  SMTP_HOST: { kind: hostname }
  SMTP_PORT: { kind: port }
  SMTP_TLS: { kind: bool }
  SMTP_USER: { kind: string }
  SMTP_PASSWORD: { kind: secret, min_bits: 128 }
  S3_ENDPOINT: { kind: url }
  S3_BUCKET: { kind: string }
  S3_REGION: { kind: string }
  AWS_ACCESS_KEY_ID: { kind: string }
  AWS_SESSION_TOKEN: { kind: string }
  CLUSTER: { kind: bool }
  REDIS_URL: { kind: redis_url, error_if: { field: CLUSTER, equals: true } }
  HTTP_PORT: { kind: port }
  ADMIN_BIND: { kind: bind_address }
relations:
  - webauthn: { rp_id: RP_ID, rp_origin: RP_ORIGIN, allowed_origins: RP_ORIGINS, when: { field: WEBAUTHN_ENABLED, equals: true } }
  - smtp: { host: SMTP_HOST, port: SMTP_PORT, tls: SMTP_TLS, username: SMTP_USER, password: SMTP_PASSWORD }
  - s3: { endpoint: S3_ENDPOINT, bucket: S3_BUCKET, region: S3_REGION, access_key_id: AWS_ACCESS_KEY_ID, session_token: AWS_SESSION_TOKEN }
  - ports: [{ field: HTTP_PORT }, { field: ADMIN_BIND }]
"#;

type Found = Vec<(&'static str, Severity, String, usize, usize)>;

fn run(text: &str, options: &Options) -> Found {
    let schema = Schema::from_yaml(ENV_SCHEMA).expect("valid schema");
    check(&schema, Source::env(text), options)
        .diagnostics
        .into_iter()
        .map(|d| {
            let span = d.span.expect("a span");
            (
                d.code,
                d.severity,
                d.pointer,
                span.start.line,
                span.start.column,
            )
        })
        .collect()
}

fn e(
    code: &'static str,
    pointer: &str,
    line: usize,
    column: usize,
) -> (&'static str, Severity, String, usize, usize) {
    (code, Severity::Error, pointer.to_string(), line, column)
}

#[test]
fn webauthn_items_of_an_env_list_have_their_own_pointer_and_column() {
    let text = "WEBAUTHN_ENABLED=true\nRP_ID=acme.io\nRP_ORIGIN=https://app.acme.io\nRP_ORIGINS=https://admin.acme.io,https://acme.dev\n";
    assert_eq!(
        run(text, &Options::production()),
        vec![e("webauthn/rp-id-mismatch", "/RP_ORIGINS/1", 4, 34)]
    );
}

#[test]
fn a_block_with_a_false_condition_is_not_checked() {
    let text = "WEBAUTHN_ENABLED=false\nRP_ID=widgets.io\nRP_ORIGIN=https://acme-widgets.io\n";
    assert_eq!(run(text, &Options::production()), vec![]);
    let on = text.replace("false", "true");
    let found = run(&on, &Options::production());
    assert_eq!(found, vec![e("webauthn/rp-id-mismatch", "/RP_ID", 2, 7)]);
}

#[test]
fn smtp_findings_sit_at_the_field_that_is_wrong_and_name_the_other() {
    let text = "SMTP_HOST=smtp.acme.io\nSMTP_PORT=465\nSMTP_TLS=false\nSMTP_USER=mailer\n";
    let schema = Schema::from_yaml(ENV_SCHEMA).expect("valid schema");
    let report = check(&schema, Source::env(text), &Options::production());
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code,
                d.pointer.as_str(),
                d.span.map(|s| (s.start.line, s.start.column)),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            ("smtp/port-tls-mismatch", "/SMTP_TLS", Some((3, 10))),
            (
                "smtp/credentials-incomplete",
                "/SMTP_PASSWORD",
                Some((4, 11))
            ),
        ]
    );
    assert_eq!(
        report.diagnostics[0].help.as_deref(),
        Some("set `SMTP_TLS` to implicit TLS, or use port 587 with STARTTLS")
    );
    assert!(report.diagnostics[0].message.contains("`SMTP_PORT`"));
}

#[test]
fn s3_rules_apply_to_aws_only_and_a_missing_token_sits_at_the_key() {
    let aws = "S3_BUCKET=acme-media\nS3_REGION=eu-west-1\nAWS_ACCESS_KEY_ID=ASIA2E7A5F3B244C4D7Q\n";
    assert_eq!(
        run(aws, &Options::production()),
        vec![e("s3/missing-session-token", "/AWS_SESSION_TOKEN", 3, 19)]
    );
    let minio =
        "S3_ENDPOINT=https://minio.acme.io\nS3_BUCKET=acme-media\nAWS_ACCESS_KEY_ID=acme-writer\n";
    assert_eq!(run(minio, &Options::production()), vec![]);
}

#[test]
fn error_if_turns_a_fields_warnings_into_errors_while_it_holds() {
    let plain = "REDIS_URL=redis://cache.acme.io:6379\n";
    assert_eq!(
        run(plain, &Options::production()),
        vec![(
            "redis/plaintext",
            Severity::Warning,
            "/REDIS_URL".into(),
            1,
            11
        )]
    );
    let clustered = format!("CLUSTER=true\n{plain}");
    assert_eq!(
        run(&clustered, &Options::production()),
        vec![e("redis/plaintext", "/REDIS_URL", 2, 11)]
    );
    // Off stays off: the development profile has nothing to escalate.
    assert_eq!(run(&clustered, &Options::development()), vec![]);
}

#[test]
fn ports_compare_port_fields_with_bind_addresses() {
    let text = "HTTP_PORT=8080\nADMIN_BIND=0.0.0.0:8080\n";
    assert_eq!(
        run(text, &Options::production()),
        vec![e("relation/port-conflict", "/ADMIN_BIND", 2, 12)]
    );
}

#[test]
fn block_relations_reject_unknown_parts_and_undeclared_fields() {
    for (relation, pointer) in [
        ("- smtp: { hots: SMTP_HOST }", "/relations/0/smtp"),
        (
            "- webauthn: { rp_id: NOPE, rp_origin: RP_ORIGIN }",
            "/relations/0/webauthn/rp_id",
        ),
        (
            "- member: { value: RP_ID, list: RP_ORIGINS }",
            "/relations/0/member/list",
        ),
    ] {
        let text = format!(
            "schema: x\nformat: env\nfields:\n  RP_ID: {{ kind: string }}\n  RP_ORIGIN: {{ kind: origin }}\n  RP_ORIGINS: {{ kind: list, item: {{ kind: origin }} }}\n  SMTP_HOST: {{ kind: hostname }}\nrelations:\n  {relation}\n"
        );
        match Schema::from_yaml(&text) {
            Err(preflight::Error::InvalidSchema { pointer: p, .. }) => {
                assert!(p.starts_with(pointer), "{relation}: {p}")
            }
            other => panic!("{relation}: expected an invalid schema, got {other:?}"),
        }
    }
}

#[test]
fn the_readme_example_of_a_typed_block() {
    use preflight::{Profile, WebAuthnSettings};
    let rp = WebAuthnSettings {
        rp_id: "github.io".into(),
        rp_origin: "https://acme.github.io".into(),
        allowed_origins: vec![],
    };
    assert_eq!(
        rp.check(Profile::Production)[0].code,
        "webauthn/rp-id-public-suffix"
    );
}

#[test]
fn url_kinds_severities_per_profile() {
    use preflight::{PostgresUrl, Profile, RedisUrl};
    let severities = |found: Vec<preflight::Diagnostic>| -> Vec<(&'static str, Severity)> {
        found.into_iter().map(|d| (d.code, d.severity)).collect()
    };
    let pg = |mode: &str| format!("postgres://app@db.acme.io/app{mode}");
    for (url, production, development) in [
        (
            pg("?sslmode=disable"),
            vec![("postgres/plaintext", Severity::Error)],
            vec![],
        ),
        (
            pg("?sslmode=allow"),
            vec![("postgres/plaintext", Severity::Error)],
            vec![],
        ),
        (
            pg(""),
            vec![("postgres/unverified-tls", Severity::Warning)],
            vec![],
        ),
        (
            pg("?sslmode=prefer"),
            vec![("postgres/unverified-tls", Severity::Warning)],
            vec![],
        ),
        (
            pg("?sslmode=require"),
            vec![("postgres/unverified-tls", Severity::Warning)],
            vec![],
        ),
        (
            pg("?sslmode=verify-ca"),
            vec![("postgres/unverified-tls", Severity::Warning)],
            vec![],
        ),
        (pg("?sslmode=verify-full"), vec![], vec![]),
        (
            pg("?sslmode=VERIFY-FULL"),
            vec![("postgres/invalid-sslmode", Severity::Error)],
            vec![("postgres/invalid-sslmode", Severity::Error)],
        ),
        (
            "postgres://app@localhost/app?sslmode=verify-full".to_string(),
            vec![("url/local-host", Severity::Error)],
            vec![],
        ),
    ] {
        assert_eq!(
            severities(PostgresUrl::check(&url, Profile::Production)),
            production,
            "{url}"
        );
        assert_eq!(
            severities(PostgresUrl::check(&url, Profile::Development)),
            development,
            "{url}"
        );
    }
    for (url, production, development) in [
        (
            "redis://cache.acme.io",
            vec![("redis/plaintext", Severity::Warning)],
            vec![],
        ),
        (
            "rediss://cache.acme.io#insecure",
            vec![("redis/insecure-tls", Severity::Warning)],
            vec![],
        ),
        (
            "REDIS://cache.acme.io",
            vec![("redis/scheme", Severity::Error)],
            vec![("redis/scheme", Severity::Error)],
        ),
        (
            "rediss://cache.acme.io/db1",
            vec![("redis/invalid-db", Severity::Error)],
            vec![("redis/invalid-db", Severity::Error)],
        ),
        (
            "rediss://127.0.0.1",
            vec![("url/local-host", Severity::Error)],
            vec![],
        ),
    ] {
        assert_eq!(
            severities(RedisUrl::check(url, Profile::Production)),
            production,
            "{url}"
        );
        assert_eq!(
            severities(RedisUrl::check(url, Profile::Development)),
            development,
            "{url}"
        );
    }
}

#[test]
fn smtp_port_zero_is_the_port_kinds_error() {
    use preflight::{Profile, SmtpSettings, SmtpTls};
    let smtp = SmtpSettings {
        host: Some("smtp.acme.io".into()),
        port: Some(0),
        tls: Some(SmtpTls::StartTls),
        ..SmtpSettings::default()
    };
    let found: Vec<_> = smtp
        .check(Profile::Development)
        .into_iter()
        .map(|d| (d.code, d.pointer))
        .collect();
    assert_eq!(found, vec![("port/out-of-range", "/port".to_string())]);
}
