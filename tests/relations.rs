//! Relations over secrets and CORS policies, through the public API with exact pointers and
//! spans.

use preflight::{check, Options, Schema, Severity, Source};

const ENV_SCHEMA: &str = r#"
schema: relations
format: env
fields:
  SESSION_KEY: { kind: secret, encoding: hex }
  CSRF_KEY: { kind: secret, encoding: hex }
  BACKUP_KEY: { kind: string }
  RESTORE_KEY: { kind: string }
  CORS_ORIGINS: { kind: list, item: { kind: origin } }
  CORS_CREDENTIALS: { kind: bool }
relations:
  - distinct: [SESSION_KEY, CSRF_KEY]
  - distinct: [BACKUP_KEY, RESTORE_KEY]
  - cors: { origins: CORS_ORIGINS, allow_credentials: CORS_CREDENTIALS }
"#;

const HEX: &str = "d1571feee3307ac36e7ea0b28936c0810bce556b1554c3840063f2406f2a56c4";

fn run(text: &str, options: &Options) -> Vec<(&'static str, Severity, String, usize, usize)> {
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

#[test]
fn hex_keys_in_two_cases_are_one_key() {
    let text = format!("SESSION_KEY={HEX}\nCSRF_KEY={}\n", HEX.to_uppercase());
    assert_eq!(
        run(&text, &Options::production()),
        [(
            "secret/reused",
            Severity::Error,
            "/CSRF_KEY".to_string(),
            2,
            10
        )]
    );
    assert_eq!(
        run(&text, &Options::development())
            .iter()
            .filter(|d| d.0 == "secret/reused")
            .map(|d| d.1)
            .collect::<Vec<_>>(),
        [Severity::Warning]
    );
}

#[test]
fn plain_fields_compare_their_text() {
    let text = "BACKUP_KEY=abc\nRESTORE_KEY=abc\n";
    assert_eq!(
        run(text, &Options::production()),
        [(
            "relation/distinct",
            Severity::Error,
            "/RESTORE_KEY".to_string(),
            2,
            13
        )]
    );
    assert!(run("BACKUP_KEY=abc\nRESTORE_KEY=ABC\n", &Options::production()).is_empty());
}

#[test]
fn cors_items_of_an_env_list_are_pointed_at() {
    let text = "CORS_ORIGINS=https://app.acme.io,null\nCORS_CREDENTIALS=true\n";
    assert_eq!(
        run(text, &Options::production()),
        [
            (
                "cors/null-with-credentials",
                Severity::Error,
                "/CORS_ORIGINS/1".to_string(),
                1,
                34
            ),
            (
                "origin/null",
                Severity::Error,
                "/CORS_ORIGINS/1".to_string(),
                1,
                34
            ),
        ]
    );
    assert_eq!(
        run(text, &Options::development())
            .iter()
            .map(|d| (d.0, d.1))
            .collect::<Vec<_>>(),
        [
            ("cors/null-with-credentials", Severity::Warning),
            ("origin/null", Severity::Warning),
        ]
    );
    let without = "CORS_ORIGINS=https://app.acme.io,null\nCORS_CREDENTIALS=false\n";
    assert_eq!(
        run(without, &Options::production())
            .iter()
            .map(|d| d.0)
            .collect::<Vec<_>>(),
        ["origin/null"]
    );
}

#[test]
fn wildcard_with_credentials_is_an_error_in_every_profile() {
    let text = "CORS_ORIGINS=*\nCORS_CREDENTIALS=TRUE\n";
    for options in [Options::production(), Options::development()] {
        let found = run(text, &options);
        assert!(
            found.contains(&(
                "cors/wildcard-with-credentials",
                Severity::Error,
                "/CORS_ORIGINS/0".to_string(),
                1,
                14
            )),
            "{found:?}"
        );
    }
}

/// A relation finds each field however the structure walk met it: passed (`server.port`),
/// absent from a mapping the walk passed whole (`server.host`), absent with its mapping
/// (`tls`), below a list item the walk does not enter (`list/0/name`), and a field of the
/// root that a wildcard map's entry asks for before the walk has reached it (`region`).
#[test]
fn relations_find_fields_the_walk_passed_missed_or_never_reached() {
    let schema = Schema::from_yaml(
        "schema: lookups
fields:
  /backends/*/type: { kind: string }
  /server/port: { kind: port }
  /server/host: { kind: string }
  /tls/cert: { kind: string }
  /list/0/name: { kind: string }
  /region: { kind: string }
relations:
  - requires: { if: /backends/*/type, equals: s3, then: [/region] }
  - requires: { if: /server/port, then: [/server/host] }
  - requires: { if: /list/0/name, then: [/tls/cert] }
  - requires: { if: /region, then: [/server/port] }
",
    )
    .expect("valid schema");
    let found = |text: &str| -> Vec<(&'static str, String, usize, usize)> {
        check(&schema, Source::yaml(text), &Options::default())
            .diagnostics
            .into_iter()
            .map(|d| {
                let start = d.span.expect("a span").start;
                (d.code, d.pointer, start.line, start.column)
            })
            .collect()
    };
    let text = "backends:\n  a: {type: s3}\nserver:\n  port: 80\nlist:\n  - name: x\nregion: eu\n";
    assert_eq!(
        found(text),
        [
            ("relation/requires", "/server/host".to_string(), 4, 9),
            // The walk meets a list where the declarations name keys (`0`) …
            ("schema/wrong-type", "/list".to_string(), 6, 3),
            // … and a lookup still finds the list item's field.
            ("relation/requires", "/tls/cert".to_string(), 6, 11),
        ]
    );
    let text = "backends:\n  a: {type: s3}\n  b: {type: file}\nlist:\n  - other: x\n";
    assert_eq!(
        found(text),
        [
            ("relation/requires", "/region".to_string(), 2, 13),
            ("schema/wrong-type", "/list".to_string(), 5, 3),
        ]
    );
}
