//! No relation panics on arbitrary field values, through a schema and through the typed
//! structs, and the secret parts of a block (SMTP password, S3 secret key, URL passwords)
//! never appear in what they report. PROPTEST_CASES raises the case count.

use preflight::{
    check, Options, PostgresUrl, Profile, RedisUrl, S3Settings, Schema, SmtpSettings, SmtpTls,
    Source, WebAuthnSettings,
};
use proptest::prelude::*;

const SCHEMA: &str = r#"
schema: everything
format: env
fields:
  RP_ID: { kind: string }
  RP_ORIGIN: { kind: origin, webauthn: true }
  RP_ORIGINS: { kind: list, item: { kind: origin, webauthn: true } }
  SMTP_HOST: { kind: hostname }
  SMTP_PORT: { kind: port }
  SMTP_TLS: { kind: string }
  SMTP_USER: { kind: string }
  SMTP_PASSWORD: { kind: secret }
  S3_ENDPOINT: { kind: url }
  S3_BUCKET: { kind: string }
  S3_REGION: { kind: string }
  S3_KEY_ID: { kind: string }
  S3_SECRET: { kind: string }
  S3_PATH_STYLE: { kind: string }
  DATABASE_URL: { kind: postgres_url }
  REDIS_URL: { kind: redis_url, sentinel: true, error_if: { field: FLAG } }
  FLAG: { kind: string }
  EDGE: { kind: string }
  EDGE_REGION: { kind: string }
  EDGES: { kind: record_list, parts: [{ name: id, kind: string }, { name: region, kind: string }, { name: url, kind: url }], unique: [id] }
  KEY_A: { kind: string }
  KEY_B: { kind: string }
  PORT_A: { kind: string }
  PORT_B: { kind: string }
relations:
  - webauthn: { rp_id: RP_ID, rp_origin: RP_ORIGIN, allowed_origins: RP_ORIGINS, when: { field: FLAG } }
  - smtp: { host: SMTP_HOST, port: SMTP_PORT, tls: SMTP_TLS, username: SMTP_USER, password: SMTP_PASSWORD }
  - s3: { endpoint: S3_ENDPOINT, bucket: S3_BUCKET, region: S3_REGION, access_key_id: S3_KEY_ID, secret_access_key: S3_SECRET, path_style: S3_PATH_STYLE }
  - ports: [{ field: PORT_A }, { field: PORT_B, when: { field: FLAG } }]
  - member: { value: EDGE, list: EDGES, match: { region: EDGE_REGION, url: EDGE_REGION } }
  - key_mode: { fields: [KEY_A, KEY_B], live: [sk_live_, pk_live_], test: [sk_test_, pk_test_] }
"#;

const NAMES: &[&str] = &[
    "RP_ID",
    "RP_ORIGIN",
    "RP_ORIGINS",
    "SMTP_HOST",
    "SMTP_PORT",
    "SMTP_TLS",
    "SMTP_USER",
    "S3_ENDPOINT",
    "S3_BUCKET",
    "S3_REGION",
    "S3_KEY_ID",
    "S3_PATH_STYLE",
    "DATABASE_URL",
    "REDIS_URL",
    "FLAG",
    "EDGE",
    "EDGE_REGION",
    "EDGES",
    "KEY_A",
    "KEY_B",
    "PORT_A",
    "PORT_B",
];

/// Values shaped like what these fields hold, mixed with arbitrary text.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z0-9.:/@%?=#,\\[\\]_-]{0,40}",
        "(https?|postgres(ql)?|rediss?|redis\\+sentinel|rediss-sentinel)://[a-z0-9.:@%,\\[\\]-]{0,30}(/[a-z0-9/=?&#-]{0,20})?",
        "(sk|pk)_(live|test)_[a-z0-9]{0,8}",
        "[a-z0-9-]{1,8}=[a-z-]{1,8}=https://[a-z.]{1,12}(,[a-z0-9-]{1,8}=[a-z-]{1,8}=https://[a-z.]{1,12}){0,3}",
        "(AKIA|ASIA|AIDA)[A-Z0-9]{0,20}",
        "(0|25|465|587|2525|8080|65535|70000|[0-9.:]{1,20})",
        "(true|false|implicit|starttls|none|TRUE)",
    ]
}

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(default)
        .max(default)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(384), ..ProptestConfig::default() })]

    #[test]
    fn no_relation_panics_and_secrets_stay_out_of_reports(
        values in proptest::collection::vec(value(), NAMES.len()),
        secret in "[A-Za-z0-9/+]{12,40}",
        development in any::<bool>(),
    ) {
        let schema = Schema::from_yaml(SCHEMA).expect("valid schema");
        let mut vars: Vec<(String, String)> = NAMES.iter().zip(&values).map(|(n, v)| (n.to_string(), v.clone())).collect();
        vars.push(("SMTP_PASSWORD".into(), secret.clone()));
        vars.push(("S3_SECRET".into(), secret.clone()));
        let options = if development { Options::development() } else { Options::production() };
        let report = check(&schema, Source::env_vars(vars), &options);
        for d in &report.diagnostics {
            let text = format!("{} {}", d.message, d.help.clone().unwrap_or_default());
            prop_assert!(!text.contains(&secret), "{}: {}", d.code, text);
        }
    }

    #[test]
    fn typed_structs_take_any_values(values in proptest::collection::vec(value(), 12), port in any::<u16>(), flag in any::<bool>()) {
        let profile = if flag { Profile::Production } else { Profile::Development };
        let rp = WebAuthnSettings { rp_id: values[0].clone(), rp_origin: values[1].clone(), allowed_origins: values[2..4].to_vec() };
        let _ = rp.check(profile);
        let tls = SmtpTls::parse(&values[4]);
        let smtp = SmtpSettings {
            host: Some(values[5].clone()), port: Some(port), tls, username: Some(values[6].clone()),
            password: Some(values[7].clone()), from: Some(values[8].clone()), from_name: Some(values[9].clone()),
        };
        let _ = smtp.check(profile);
        let s3 = S3Settings {
            endpoint: Some(values[10].clone()), bucket: values[11].clone(), region: Some(values[0].clone()),
            access_key_id: Some(values[1].clone()), secret_access_key: Some(values[2].clone()),
            session_token: None, path_style: Some(flag),
        };
        let _ = s3.check(profile);
        for v in &values {
            let _ = PostgresUrl::parse(v);
            let _ = PostgresUrl::check(v, profile);
            let _ = RedisUrl::parse(v);
            let _ = RedisUrl::check(v, profile);
        }
    }

    #[test]
    fn url_passwords_never_appear_in_findings(password in "[A-Za-z0-9]{10,24}", host in "[a-z]{1,10}(\\.[a-z]{2,5})?", mode in "(disable|prefer|bogus|verify-full)") {
        for url in [
            format!("postgres://app:{password}@{host}/db?sslmode={mode}"),
            format!("postgres://app:{password}@{host}:99999/db"),
            format!("redis://:{password}@{host}/x"),
            format!("REDIS://:{password}@{host}"),
        ] {
            for d in PostgresUrl::check(&url, Profile::Production).into_iter().chain(RedisUrl::check(&url, Profile::Production)) {
                let text = format!("{} {}", d.message, d.help.unwrap_or_default());
                prop_assert!(!text.contains(&password), "{}: {}", d.code, text);
            }
        }
    }
}
