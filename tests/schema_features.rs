//! The schema-language features the built-in schemas stand on, each with exact codes, pointers
//! and places: `extends`, `env_prefix` (and findings named by variable), `expect`, the
//! placeholder and dev-default lists, the allow options, and `agree`.

use preflight::{check, Options, Profile, Schema, Source};

fn found(report: &preflight::Report) -> Vec<(String, &'static str, Option<usize>)> {
    report
        .iter()
        .map(|d| (d.pointer.clone(), d.code, d.span.map(|s| s.start.line)))
        .collect()
}

#[test]
fn extends_merges_a_builtin_field_by_field() {
    // rend-edge extends rend-common; naming REND_EDGE_ID again replaces only `required`.
    let schema = Schema::from_yaml(
        "schema: mine\nextends: rend-edge\nfields:\n  REND_EDGE_ID: { required: never }\n  EXTRA: { kind: port }\n",
    )
    .expect("compiles");
    assert_eq!(schema.name(), "mine");
    let report = check(
        &schema,
        Source::env("REND_EDGE_ID=edge one\nEXTRA=70000\n"),
        &Options::development(),
    );
    assert_eq!(
        found(&report),
        [
            ("/REND_EDGE_ID".to_string(), "string/invalid-char", Some(1)),
            ("/EXTRA".to_string(), "port/out-of-range", Some(2)),
        ]
    );
}

#[test]
fn extends_names_an_unknown_base_at_the_key() {
    let err = Schema::from_yaml("schema: x\nextends: nope\n").unwrap_err();
    let preflight::Error::InvalidSchema {
        pointer, message, ..
    } = err
    else {
        panic!("{err:?}")
    };
    assert_eq!(pointer, "/extends");
    assert!(
        message.contains("`nope` is not a built-in schema"),
        "{message}"
    );
}

#[test]
fn env_prefix_derives_names_and_findings_name_the_variable() {
    let schema = Schema::from_yaml(
        "schema: x\nenv_prefix: APP_\nfields:\n  /server/port: { kind: port }\n  /jwt/secret: { kind: secret, secret_file: /jwt/secret_file }\n  /cache: { kind: any }\n",
    )
    .expect("compiles");
    let report = check(
        &schema,
        Source::env(
            "APP_SERVER_PORT=0\nAPP_JWT_SECRET_FILE=relative/path\nAPP_CACHE_SIZE=9\nAPP_OTHER=1\n",
        ),
        &Options::production(),
    );
    assert_eq!(
        found(&report),
        [
            ("/APP_SERVER_PORT".to_string(), "port/out-of-range", Some(1)),
            (
                "/APP_JWT_SECRET_FILE".to_string(),
                "path/not-absolute",
                Some(2)
            ),
            ("/APP_OTHER".to_string(), "schema/unknown-field", Some(4)),
        ]
    );
    assert!(report.iter().all(|d| !d.message.contains("server.port")));
}

#[test]
fn expect_is_an_error_in_production_and_a_warning_in_development() {
    let schema = Schema::from_yaml(
        "schema: x\nformat: env\nfields:\n  NETWORK: { kind: enum, values: [mainnet, testnet], expect: { production: [mainnet], development: [testnet], because: real funds } }\n",
    )
    .expect("compiles");
    let prod = check(
        &schema,
        Source::env("NETWORK=testnet\n"),
        &Options::production(),
    );
    assert_eq!(prod.codes(), ["value/profile-mismatch"]);
    assert_eq!(
        prod.iter().next().map(|d| d.message.as_str()),
        Some("`NETWORK` is `testnet`, but a production config needs `mainnet`")
    );
    let dev = check(
        &schema,
        Source::env("NETWORK=mainnet\n"),
        &Options::development(),
    );
    assert_eq!(dev.warnings, 1);
    assert_eq!(dev.errors, 0);
    assert!(check(
        &schema,
        Source::env("NETWORK=MAINNET\n"),
        &Options::production()
    )
    .codes()
    .iter()
    .all(|c| *c != "value/profile-mismatch"));
}

/// Values and list items compare without case; a finding quotes the item as the schema
/// writes it; a whole value the list holds wins over a piece it contains.
#[test]
fn policy_lists_compare_without_case_and_quote_the_schema() {
    let schema = Schema::from_yaml(
        "schema: x\nformat: env\nplaceholders: { contains: [Replace-ME] }\ndev_defaults: { equals: [Local-Edge-001, Edge], contains: [LocalHost, edge] }\nfields:\n  EDGE_ID: { kind: string }\n  URL: { kind: string }\n  NOTE: { kind: string }\n  NAME: { kind: string }\n  OTHER: { kind: string }\n",
    )
    .expect("compiles");
    let text = "EDGE_ID=LOCAL-EDGE-001\nURL=http://LOCALHOST:3000\nNOTE=please replace-me\nNAME=EDGE\nOTHER=hedge\n";
    let report = check(&schema, Source::env(text), &Options::production());
    let mut got: Vec<(String, &str, String)> = report
        .iter()
        .map(|d| (d.pointer.clone(), d.code, d.message.clone()))
        .collect();
    got.sort();
    let finding =
        |pointer: &str, code, message: &str| (pointer.to_string(), code, message.to_string());
    assert_eq!(
        got,
        [
            finding(
                "/EDGE_ID",
                "value/dev-default",
                "`EDGE_ID` holds the development default `Local-Edge-001`"
            ),
            finding(
                "/NAME",
                "value/dev-default",
                "`NAME` holds the development default `Edge`"
            ),
            finding(
                "/NOTE",
                "value/placeholder",
                "`NOTE` still holds a placeholder (`Replace-ME`)"
            ),
            finding(
                "/OTHER",
                "value/dev-default",
                "`OTHER` holds the development default `edge`"
            ),
            finding(
                "/URL",
                "value/dev-default",
                "`URL` holds the development default `LocalHost`"
            ),
        ]
    );
}

#[test]
fn policies_cover_undeclared_values_and_never_quote_secrets() {
    let schema = Schema::from_yaml(
        "schema: x\nformat: env\nplaceholders: { contains: [replace-me] }\ndev_defaults: { equals: [local-edge-001], contains: [localhost] }\nfields:\n  EDGE_ID: { kind: string }\n  TOKEN: { kind: secret }\n",
    )
    .expect("compiles");
    let text = "EDGE_ID=local-edge-001\nSOME_URL=http://localhost:3000\nNOTE=<fill me>\n";
    let report = check(&schema, Source::env(text), &Options::production());
    let mut got: Vec<(String, &str)> = report
        .iter()
        .filter(|d| d.code.starts_with("value/"))
        .map(|d| (d.pointer.clone(), d.code))
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            ("/EDGE_ID".to_string(), "value/dev-default"),
            ("/NOTE".to_string(), "value/placeholder"),
            ("/SOME_URL".to_string(), "value/dev-default"),
        ]
    );
    // The allow options turn each family off.
    let relaxed = Options {
        allow_placeholders: true,
        allow_dev_defaults: true,
        ..Options::production()
    };
    let report = check(&schema, Source::env(text), &relaxed);
    assert!(
        report.codes().iter().all(|c| !c.starts_with("value/")),
        "{:?}",
        report.codes()
    );
    // Development profile: dev defaults are fine, placeholders are warnings.
    let dev = check(
        &schema,
        Source::env(text),
        &Options {
            profile: Profile::Development,
            ..Options::default()
        },
    );
    assert_eq!(
        dev.codes()
            .iter()
            .filter(|c| c.starts_with("value/"))
            .count(),
        1
    );
}

#[test]
fn agree_reports_at_the_dependent_field() {
    let schema = Schema::from_yaml(
        "schema: x\nformat: env\nfields:\n  NETWORK: { kind: string }\n  RPC_URL: { kind: url }\nrelations:\n  - agree: { field: NETWORK, with: RPC_URL, values: { mainnet: { excludes: [testnet] }, testnet: { contains: [testnet] } } }\n",
    )
    .expect("compiles");
    for (text, want) in [
        (
            "NETWORK=mainnet\nRPC_URL=https://soroban-testnet.stellar.org\n",
            vec!["value"],
        ),
        (
            "NETWORK=testnet\nRPC_URL=https://mainnet.sorobanrpc.com\n",
            vec!["value"],
        ),
        (
            "NETWORK=testnet\nRPC_URL=https://soroban-testnet.stellar.org\n",
            vec![],
        ),
        (
            "NETWORK=futurenet\nRPC_URL=https://anything.example.net\n",
            vec![],
        ),
    ] {
        let report = check(&schema, Source::env(text), &Options::production());
        let at: Vec<(String, &str)> = report
            .iter()
            .filter(|d| d.code == "relation/disagree")
            .map(|d| (d.pointer.clone(), d.code))
            .collect();
        assert_eq!(at.len(), want.len(), "{text}");
        if !at.is_empty() {
            assert_eq!(at[0].0, "/RPC_URL");
        }
    }
}

mod no_panic {
    use proptest::prelude::*;

    use std::sync::LazyLock;

    use preflight::{builtin, check, Options, Schema, Source};

    /// Compiled once: compiling nine schemas per case would be most of the test's time.
    static SCHEMAS: LazyLock<Vec<Schema>> = LazyLock::new(|| {
        builtin::list()
            .into_iter()
            .map(|(name, _)| builtin::get(name).expect("built-in"))
            .collect()
    });

    const NAMES: &[&str] = &[
        "REND_EXPECTED_EDGES",
        "REND_EDGE_ID",
        "REND_ENV",
        "STELLAR_NETWORK",
        "STELLAR_HORIZON_URL",
        "PAYSTACK_SECRET_KEY",
        "AUTHENTICATOR_PASSWORD",
        "SYNCTV_JWT_SECRET",
        "SYNCTV_CACHE_X",
        "DATABASE_URL",
        "REND_API_BIND_ADDR",
        "X",
    ];

    proptest! {
        /// Any env file, against every built-in schema and both allow options: no panic, and a
        /// report for each.
        #[test]
        fn builtin_schemas_never_panic(
            lines in proptest::collection::vec((0..NAMES.len(), "\\PC{0,40}"), 0..8),
            dev in any::<bool>(),
            allow in any::<bool>(),
        ) {
            let text: String = lines
                .iter()
                .map(|(i, v)| format!("{}={}\n", NAMES[*i], v.replace('\n', " ")))
                .collect();
            for schema in SCHEMAS.iter() {
                let mut options = if dev { Options::development() } else { Options::production() };
                options.allow_dev_defaults = allow;
                options.allow_placeholders = allow;
                let report = check(schema, Source::env(&text), &options);
                prop_assert_eq!(report.schema.as_str(), schema.name());
            }
        }
    }
}

/// A field is found wherever its pointer leads: in a mapping the structure walk passes, below
/// a list item (which the walk does not enter), or not at all (required, so reported).
#[test]
fn fields_are_found_in_mappings_and_below_list_items() {
    let schema = Schema::from_yaml(
        "schema: t\nunknown_fields: ignore\nfields:\n  /a/port: { kind: port }\n  /a/name: { kind: string, required: always }\n  /list/1: { kind: port }\n",
    )
    .expect("compiles");
    let report = check(
        &schema,
        Source::yaml("a:\n  port: 70000\nlist: [80, 90000]\n"),
        &Options::production(),
    );
    assert_eq!(
        found(&report),
        [
            ("/a/name".to_string(), "schema/missing-required", Some(1)),
            ("/a/port".to_string(), "port/out-of-range", Some(2)),
            ("/list".to_string(), "schema/wrong-type", Some(3)),
            ("/list/1".to_string(), "port/out-of-range", Some(3)),
        ]
    );
}
