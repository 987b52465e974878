//! The Rust API: one-shot `check`, a reusable `Checker`, sources from text and from maps,
//! schemas through serde, and misuse as `Err`.

use preflight::{
    check, Checker, Document, Error, Format, Limits, Options, Profile, Schema, Source,
};

const SCHEMA: &str = r#"
schema: api-test
title: API test schema
format: yaml
fields:
  /server/port: { kind: port, required: always }
  /server/public_url: { kind: url, required: production }
  /jwt/secret: { kind: string, min_len: 32, secret_file: /jwt/secret_file, required: always }
env:
  APP_PORT: /server/port
  APP_PUBLIC_URL: /server/public_url
  APP_JWT_SECRET_FILE: /jwt/secret_file
"#;

fn schema() -> Schema {
    Schema::from_yaml(SCHEMA).expect("valid schema")
}

#[test]
fn a_checker_is_built_once_and_reused() {
    let schema = schema();
    let checker = Checker::new(&schema, Options::production());
    let bad = checker.check(Source::yaml("server:\n  port: 0\n"));
    assert_eq!(
        bad.codes(),
        [
            "schema/missing-required",
            "schema/missing-required",
            "port/out-of-range"
        ]
    );
    let pointers: Vec<&str> = bad.iter().map(|d| d.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        ["/jwt/secret", "/server/public_url", "/server/port"]
    );
    // A missing top-level section has no place; a missing key in an existing section
    // points at that section's key.
    assert_eq!(bad.diagnostics[0].span, None);
    assert_eq!(bad.diagnostics[1].span.unwrap().start.line, 1);
    let good = checker.check(Source::yaml(
        "server:\n  port: 8080\n  public_url: https://x.example.com\njwt:\n  secret_file: /run/secrets/jwt\n",
    ));
    assert!(good.is_empty(), "{:?}", good.codes());
}

#[test]
fn the_profile_decides_what_is_required() {
    let schema = schema();
    let text = "server:\n  port: 8080\njwt:\n  secret_file: /run/secrets/jwt\n";
    let prod = check(&schema, Source::yaml(text), &Options::production());
    let dev = check(&schema, Source::yaml(text), &Options::development());
    assert_eq!(prod.codes(), ["schema/missing-required"]);
    assert_eq!(prod.profile, Profile::Production);
    assert!(dev.is_empty());
}

#[test]
fn env_variables_map_onto_the_same_fields() {
    let schema = schema();
    let vars = [
        ("APP_PORT", "70000"),
        ("APP_PUBLIC_URL", "http://localhost:3000"),
        ("APP_JWT_SECRET_FILE", "secrets/jwt"),
    ];
    let report = check(&schema, Source::env_vars(vars), &Options::production());
    let found: Vec<(&str, &str)> = report
        .iter()
        .map(|d| (d.code, d.pointer.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("path/not-absolute", "/APP_JWT_SECRET_FILE"),
            ("port/out-of-range", "/APP_PORT"),
            ("url/local-host", "/APP_PUBLIC_URL"),
        ]
    );
    assert!(report.iter().all(|d| d.span.is_none()));
    // Messages name the variables, as the operator wrote them.
    let texts: Vec<String> = report
        .iter()
        .map(|d| format!("{} {}", d.message, d.help.as_deref().unwrap_or("")))
        .collect();
    assert!(
        texts
            .iter()
            .all(|t| !t.contains("server.port") && !t.contains("jwt.secret")),
        "{texts:?}"
    );
}

#[test]
fn env_files_map_onto_the_same_fields_with_spans() {
    let schema = schema();
    let report = check(
        &schema,
        Source::env("APP_PORT=8080\nAPP_PUBLIC_URL=https://x.example.com\nAPP_JWT_SECRET_FILE=/run/jwt\nSTRAY=1\n"),
        &Options::production(),
    );
    assert_eq!(report.codes(), ["schema/unknown-field"]);
    assert_eq!(report.diagnostics[0].pointer, "/STRAY");
    assert_eq!(report.diagnostics[0].span.unwrap().start.line, 4);
}

#[test]
#[cfg(feature = "schema-serde")]
fn schemas_come_through_serde_too_and_are_validated() {
    let json = r#"{"schema": "s", "fields": {"/a": {"kind": "int", "min": 5, "max": 1}}}"#;
    let err = serde_json::from_str::<Schema>(json)
        .unwrap_err()
        .to_string();
    assert!(err.contains("min 5 is larger than max 1"), "{err}");
    let ok: Schema = serde_json::from_str(
        r#"{"schema": "s", "format": "json", "fields": {"/a": {"kind": "int"}}}"#,
    )
    .unwrap();
    assert_eq!(ok.format(), Format::Json);
    let report = check(&ok, Source::text("{\"a\": \"x\"}"), &Options::default());
    assert_eq!(report.codes(), ["int/invalid"]);
}

#[test]
fn a_wrong_schema_is_an_error_that_says_where() {
    let err = Schema::from_json("{\"schema\": \"s\", \"fields\": {\"/a\": {\"kind\": \"nope\"}}}")
        .unwrap_err();
    match &err {
        Error::InvalidSchema {
            pointer, position, ..
        } => {
            assert_eq!(pointer, "/fields/~1a/kind");
            assert_eq!(position.map(|p| (p.line, p.column)), Some((1, 43)));
        }
        other => panic!("{other:?}"),
    }
    assert!(
        err.to_string().starts_with(
            "invalid schema at /fields/~1a/kind (line 1, column 43): unknown variant `nope`"
        ),
        "{err}"
    );
    let broken = Schema::from_yaml("schema: [").unwrap_err();
    assert!(broken.to_string().contains("invalid YAML"), "{broken}");
}

#[test]
fn limits_are_options() {
    let schema = schema();
    let options = Options {
        limits: Limits {
            max_bytes: 10,
            ..Limits::default()
        },
        ..Options::default()
    };
    let report = check(&schema, Source::yaml("server:\n  port: 8080\n"), &options);
    assert_eq!(report.codes(), ["parse/too-large"]);
}

#[test]
fn documents_can_be_parsed_once_and_checked_many_times() {
    let schema = schema();
    let doc = Document::parse("server: {port: 1}\n", Format::Yaml, &Limits::default());
    assert_eq!(
        doc.get("/server/port")
            .and_then(|n| n.span)
            .map(|s| s.start.column),
        Some(16)
    );
    let checker = Checker::new(&schema, Options::development());
    assert_eq!(
        checker.check_document(&doc).codes(),
        ["schema/missing-required"]
    );
}

#[cfg(feature = "serde_json")]
#[test]
fn serde_json_values_are_checked_without_spans() {
    let value = serde_json::json!({"server": {"port": 0, "public_url": "https://x.example.com"}, "jwt": {"secret_file": "/run/jwt"}});
    let report = check(
        &schema(),
        Document::from_json_value(&value).into(),
        &Options::production(),
    );
    assert_eq!(report.codes(), ["port/out-of-range"]);
    assert_eq!(report.diagnostics[0].pointer, "/server/port");
    assert_eq!(report.diagnostics[0].span, None);
}

#[cfg(feature = "serde_yaml")]
#[test]
fn serde_yaml_values_are_checked_without_spans() {
    let value: serde_yaml::Value = serde_yaml::from_str("server:\n  port: http\n  public_url: https://x.example.com\njwt:\n  secret_file: /run/jwt\n").unwrap();
    let report = check(
        &schema(),
        Document::from_yaml_value(&value).into(),
        &Options::production(),
    );
    assert_eq!(report.codes(), ["port/invalid"]);
    assert_eq!(report.diagnostics[0].pointer, "/server/port");
}

#[cfg(feature = "serde_json")]
#[test]
fn host_values_checked_with_an_env_schema_are_read_as_an_env_file() {
    // As the wasm `validateObject` does with `process.env`: a comma-separated list is a list.
    let schema = Schema::from_yaml(
        "schema: env-host\nformat: env\nfields:\n  ORIGINS: { kind: list, item: { kind: origin } }\n",
    )
    .unwrap();
    let value = serde_json::json!({"ORIGINS": "https://app.acme-widgets.com,https://cdn.acme-widgets.com/app"});
    let report = Checker::new(&schema, Options::production())
        .check_document(&Document::from_json_value(&value));
    assert_eq!(report.codes(), ["origin/has-path"]);
    assert_eq!(report.diagnostics[0].pointer, "/ORIGINS/1");
    assert_eq!(report.diagnostics[0].span, None);
}

/// Where the fix is certain, a diagnostic carries the text that replaces its span (the
/// language server's code actions); never for a secret, and never in the JSON report.
#[test]
fn certain_fixes_carry_their_replacement() {
    let schema = Schema::from_yaml(
        "schema: t\nformat: env\nfields:\n  ORIGIN: { kind: origin }\n  PROXIES: { kind: list, item: { kind: cidr } }\n  CACHE: { kind: byte_size, unit: MiB }\n  SIZE: { kind: byte_size }\n  NEW_NAME: { kind: string, renamed_from: OLD_NAME }\n  TOKEN: { kind: secret }\n",
    )
    .unwrap();
    let report = preflight::check(
        &schema,
        Source::env("ORIGIN=https://Example.COM:443/\nPROXIES=10.0.0.1/8\nCACHE=512MB\nSIZE=512MB\nOLD_NAME=x\nTOKEN=short\n"),
        &Options::production(),
    );
    let fixes: Vec<(&str, Option<&str>)> = report
        .iter()
        .map(|d| (d.code, d.replacement.as_deref()))
        .collect();
    assert_eq!(
        fixes,
        [
            ("origin/has-path", Some("https://example.com")),
            ("cidr/host-bits-set", Some("10.0.0.0/8")),
            ("size/ambiguous-unit", Some("512MiB")),
            ("size/ambiguous-unit", None),
            ("schema/renamed-field", Some("NEW_NAME")),
            ("secret/too-weak", None),
        ],
        "{report:#?}"
    );
    let json = serde_json::to_string(&report).unwrap();
    assert!(!json.contains("replacement"), "{json}");
}
