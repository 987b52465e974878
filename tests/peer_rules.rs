//! Rules that peers' own test suites and real configs showed missing (issue 16): the order
//! between two fields, passwords inside connection URLs, sender domains with a root dot, and
//! relaxations that relax everything their family covers. Exact codes, pointers and places.

use preflight::{builtin, check, Error, Format, Options, Schema, Source};

/// (code, pointer, line, column, message) of every finding.
fn findings(
    schema: &Schema,
    text: &str,
    format: Format,
    options: &Options,
) -> Vec<(String, String, usize, usize, String)> {
    let report = check(
        schema,
        Source::Text {
            text,
            format: Some(format),
        },
        options,
    );
    report
        .diagnostics
        .iter()
        .map(|d| {
            let (line, column) = d.span.map_or((0, 0), |s| (s.start.line, s.start.column));
            (
                d.code.to_string(),
                d.pointer.clone(),
                line,
                column,
                d.message.clone(),
            )
        })
        .collect()
}

#[test]
fn synctv_pool_minimum_above_its_maximum_is_an_error() {
    let schema = builtin::get("synctv").unwrap();
    let text = "database:\n  min_connections: 50\n  max_connections: 20\n";
    let got: Vec<_> = findings(&schema, text, Format::Yaml, &Options::development())
        .into_iter()
        .filter(|f| f.0 == "relation/out-of-order")
        .collect();
    assert_eq!(
        got,
        [(
            "relation/out-of-order".to_string(),
            "/database/min_connections".to_string(),
            2,
            20,
            "`database.min_connections` is `50`, more than `database.max_connections` (`20`)"
                .to_string()
        )]
    );
    let fine = "database:\n  min_connections: 5\n  max_connections: 20\n";
    assert!(
        !findings(&schema, fine, Format::Yaml, &Options::development())
            .iter()
            .any(|f| f.0 == "relation/out-of-order")
    );
}

#[test]
fn order_compares_durations_and_sizes_by_what_they_mean() {
    let schema = Schema::from_yaml(
        "schema: t\nformat: env\nfields:\n  READ_TIMEOUT: { kind: duration }\n  IDLE_TIMEOUT: { kind: duration }\n  PART: { kind: byte_size }\n  UPLOAD: { kind: byte_size }\nrelations:\n  - order: [READ_TIMEOUT, IDLE_TIMEOUT]\n  - order: [PART, UPLOAD]\n",
    )
    .unwrap();
    let codes = |text: &str| -> Vec<(String, String)> {
        findings(&schema, text, Format::Env, &Options::production())
            .into_iter()
            .map(|f| (f.0, f.1))
            .collect()
    };
    assert!(codes("READ_TIMEOUT=90s\nIDLE_TIMEOUT=2m\nPART=512MiB\nUPLOAD=1GiB\n").is_empty());
    assert_eq!(
        codes("READ_TIMEOUT=3m\nIDLE_TIMEOUT=2m\nPART=2GiB\nUPLOAD=1GiB\n"),
        [
            (
                "relation/out-of-order".to_string(),
                "/READ_TIMEOUT".to_string()
            ),
            ("relation/out-of-order".to_string(), "/PART".to_string())
        ]
    );
    // A value its kind cannot read is left to the kind.
    assert_eq!(
        codes("READ_TIMEOUT=soon\nIDLE_TIMEOUT=2m\n"),
        [("duration/invalid".to_string(), "/READ_TIMEOUT".to_string())]
    );
}

#[test]
fn order_takes_only_measurable_fields_of_one_measure() {
    for (fields, pointer, message) in [
        (
            "A: { kind: string }\n  B: { kind: int }",
            "/relations/0/order/0",
            "`order` compares integers, ports, durations and byte sizes; `A` is string",
        ),
        (
            "A: { kind: int }\n  B: { kind: duration }",
            "/relations/0/order/1",
            "`B` is measured in other units than `A`",
        ),
    ] {
        let text =
            format!("schema: t\nformat: env\nfields:\n  {fields}\nrelations:\n  - order: [A, B]\n");
        match Schema::from_yaml(&text) {
            Err(Error::InvalidSchema {
                pointer: p,
                message: m,
                ..
            }) => {
                assert_eq!((p.as_str(), m.as_str()), (pointer, message));
            }
            other => panic!("expected a schema error, got {other:?}"),
        }
    }
}

#[test]
fn passwords_inside_connection_urls_get_the_password_checks() {
    let schema = Schema::from_yaml(
        "schema: t\nformat: env\nfields:\n  DATABASE_URL: { kind: postgres_url }\n  REDIS_URL: { kind: redis_url }\n",
    )
    .unwrap();
    let text = "DATABASE_URL=postgres://app:changeme@db.acme.io/app?sslmode=verify-full\nREDIS_URL=rediss://default:changeme@cache.acme.io:6380/0\n";
    let got = findings(&schema, text, Format::Env, &Options::production());
    assert_eq!(
        got.iter()
            .map(|f| (f.0.as_str(), f.1.as_str(), f.2, f.3))
            .collect::<Vec<_>>(),
        [
            ("secret/placeholder", "/DATABASE_URL", 1, 29),
            ("secret/placeholder", "/REDIS_URL", 2, 28)
        ]
    );
    assert!(got.iter().all(|f| !f.4.contains("changeme")), "{got:?}");
    let short = "DATABASE_URL=postgres://app:Kq3vW8@db.acme.io/app?sslmode=verify-full\n";
    let got = findings(&schema, short, Format::Env, &Options::production());
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(
        (got[0].0.as_str(), got[0].2, got[0].3),
        ("password/too-short", 1, 29)
    );
    assert!(!got[0].4.contains("Kq3vW8"));
    // A local stack's URL: its host is reported, not its password.
    let local = "DATABASE_URL=postgres://app:app@localhost/app?sslmode=verify-full\n";
    let got = findings(&schema, local, Format::Env, &Options::production());
    assert_eq!(
        got.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
        ["url/local-host"]
    );
}

#[test]
fn a_sender_domain_with_a_root_dot_is_refused() {
    let schema =
        Schema::from_yaml("schema: t\nformat: env\nfields:\n  MAIL_FROM: { kind: email }\n")
            .unwrap();
    let got = findings(
        &schema,
        "MAIL_FROM=noreply@acme.io.\n",
        Format::Env,
        &Options::production(),
    );
    assert_eq!(
        got,
        [(
            "email/invalid".to_string(),
            "/MAIL_FROM".to_string(),
            1,
            11,
            "the domain `acme.io.` ends with a dot; a mail address has no root dot".to_string()
        )]
    );
}

#[test]
fn development_defaults_shared_by_two_secrets_are_not_a_reused_key() {
    let schema = Schema::from_yaml(
        "schema: t\nformat: env\nfields:\n  A_TOKEN: { kind: secret, dev_values: [dev-internal-token] }\n  B_TOKEN: { kind: secret, dev_values: [dev-internal-token] }\nrelations:\n  - distinct: [A_TOKEN, B_TOKEN]\n",
    )
    .unwrap();
    let text = "A_TOKEN=dev-internal-token\nB_TOKEN=dev-internal-token\n";
    let relaxed = Options {
        allow_dev_defaults: true,
        ..Options::production()
    };
    assert!(findings(&schema, text, Format::Env, &relaxed).is_empty());
    let strict: Vec<String> = findings(&schema, text, Format::Env, &Options::production())
        .into_iter()
        .map(|f| f.0)
        .collect();
    assert_eq!(strict, ["secret/dev-marker", "secret/dev-marker"]);
    // Two real keys that are the same are still one key used twice.
    let reused =
        "A_TOKEN=Zk4pQv9Lr2Xw7Tn3Hb6Jm8Yc1Df5Gs0Ka\nB_TOKEN=Zk4pQv9Lr2Xw7Tn3Hb6Jm8Yc1Df5Gs0Ka\n";
    let got: Vec<(String, String)> = findings(&schema, reused, Format::Env, &relaxed)
        .into_iter()
        .filter(|f| f.0 == "secret/reused")
        .map(|f| (f.1, f.4))
        .collect();
    assert_eq!(
        got,
        [(
            "/B_TOKEN".to_string(),
            "`B_TOKEN` holds the same key as `A_TOKEN`".to_string()
        )]
    );
}

#[test]
fn postgres_urls_follow_libpqs_uri_grammar() {
    let schema = Schema::from_yaml(
        "schema: t\nformat: env\nfields:\n  DATABASE_URL: { kind: postgres_url }\n  PRISMA_URL: { kind: postgres_url, extra_params: [schema] }\n",
    )
    .unwrap();
    let verdict = |url: &str| -> Vec<(String, String)> {
        let report = check(
            &schema,
            Source::env(&format!("DATABASE_URL={url}\n")),
            &Options::production(),
        );
        report
            .diagnostics
            .iter()
            .map(|d| (d.code.to_string(), d.message.clone()))
            .collect()
    };
    let base = "postgres://app@db.acme.io";
    assert_eq!(
        verdict(&format!("{base}/app?sslmode=verify-full&uzer=app")),
        [(
            "postgres/unknown-parameter".to_string(),
            "libpq knows no connection parameter `uzer`, and refuses to connect".to_string()
        )]
    );
    for (url, message) in [
        (
            format!("{base}/app?sslmode=verify-full&zzz"),
            "the query parameter `zzz` has no `=`; libpq reads `name=value` pairs",
        ),
        (
            format!("{base}/app?sslmode=verify-full&key=key=value"),
            "the query parameter `key` has a second `=`; percent-encode it in the value as `%3D`",
        ),
        (
            format!("{base}/a%00pp?sslmode=verify-full"),
            "the URL holds `%00`, a NUL byte, which libpq refuses anywhere",
        ),
        (
            "postgres://app@[]:5432/app?sslmode=verify-full".to_string(),
            "the brackets `[]` hold no IPv6 address",
        ),
    ] {
        assert_eq!(
            verdict(&url),
            [("postgres/invalid".to_string(), message.to_string())],
            "{url}"
        );
    }
    // libpq reads an empty port as the default one.
    assert!(verdict("postgres://app@db.acme.io:/app?sslmode=verify-full").is_empty());
    // A driver's own parameter, listed by the schema, is no unknown one.
    let prisma = check(
        &schema,
        Source::env("PRISMA_URL=postgres://app@db.acme.io/app?sslmode=verify-full&schema=public\n"),
        &Options::production(),
    );
    assert!(prisma.is_empty(), "{:?}", prisma.codes());
}
