//! Maps keyed by names the operator chooses (`/backends/*/bucket`) and `key_of`: fields,
//! blocks and relations repeat under every key, with exact pointers, lines and columns; schema
//! mistakes are refused where they are written.

use preflight::{check, Options, Schema, Source};

const SCHEMA: &str = "schema: storage
fields:
  /storage/default: { kind: string }
  /storage/backends/*/type: { kind: enum, values: [database, s3], required: always }
  /storage/backends/*/bucket: { kind: string }
  /storage/backends/*/region: { kind: string }
  /storage/backends/*/secret_key: { kind: secret, secret_file: /storage/backends/*/secret_key_file }
relations:
  - requires: { if: /storage/backends/*/type, equals: s3, then: [/storage/backends/*/bucket] }
  - s3: { bucket: /storage/backends/*/bucket, region: /storage/backends/*/region, when: { field: /storage/backends/*/type, equals: s3 } }
  - key_of: { fields: [/storage/default], map: /storage/backends, also: [disabled] }
";

/// (pointer, code, line, column) of every diagnostic.
fn found(text: &str) -> Vec<(String, &'static str, usize, usize)> {
    found_by(&Schema::from_yaml(SCHEMA).expect("compiles"), text)
}

/// [`found`] with a schema of the test's own.
fn found_by(schema: &Schema, text: &str) -> Vec<(String, &'static str, usize, usize)> {
    check(schema, Source::yaml(text), &Options::production())
        .iter()
        .map(|d| {
            let start = d.span.expect("every finding here has a place").start;
            (d.pointer.clone(), d.code, start.line, start.column)
        })
        .collect()
}

#[test]
fn fields_blocks_and_relations_repeat_under_each_key() {
    let text = "storage:
  default: media
  backends:
    media:
      type: s3
      bucket: Media_Files
      region: eu-west-1
    archive:
      type: s3
    blobs:
      type: database
      bukcet: x
";
    assert_eq!(
        found(text),
        [
            (
                "/storage/backends/media/bucket".to_string(),
                "s3/invalid-bucket-name",
                6,
                15
            ),
            (
                "/storage/backends/archive/bucket".to_string(),
                "relation/requires",
                9,
                13
            ),
            (
                "/storage/backends/blobs/bukcet".to_string(),
                "schema/unknown-field",
                12,
                7
            ),
        ]
    );
}

#[test]
fn a_key_with_slash_or_tilde_keeps_an_exact_pointer() {
    let text = "storage:\n  backends:\n    \"eu/west~1\":\n      type: tape\n";
    assert_eq!(
        found(text),
        [(
            "/storage/backends/eu~1west~01/type".to_string(),
            "enum/unknown-value",
            4,
            13
        )]
    );
}

#[test]
fn required_fields_are_required_under_every_key_and_nowhere_else() {
    assert_eq!(found("storage:\n  backends: {}\n"), []);
    assert_eq!(found("storage:\n  default: disabled\n"), []);
    let text = "storage:\n  backends:\n    media:\n      bucket: media-files\n";
    assert_eq!(
        found(text),
        [(
            "/storage/backends/media/type".to_string(),
            "schema/missing-required",
            3,
            5
        )]
    );
}

#[test]
fn key_of_names_the_keys_that_exist() {
    let schema = Schema::from_yaml(SCHEMA).expect("compiles");
    let text = "storage:\n  default: s3_pub\n  backends:\n    s3_public: { type: database }\n";
    let report = check(&schema, Source::yaml(text), &Options::production());
    let d = report.iter().next().expect("one finding");
    assert_eq!(report.iter().count(), 1);
    assert_eq!(
        (d.code, d.pointer.as_str()),
        ("relation/unknown-key", "/storage/default")
    );
    assert_eq!(d.message, "`s3_pub` is not a key of `storage.backends`");
    assert_eq!(
        d.help.as_deref(),
        Some("use `s3_public` or `disabled`, or add an entry `s3_pub` under `storage.backends`")
    );
    // The built-in name and an existing key pass; an empty value names nothing.
    assert_eq!(found("storage:\n  default: disabled\n"), []);
    assert_eq!(
        found("storage:\n  default: \"\"\n  backends:\n    a: { type: database }\n"),
        []
    );
}

#[test]
fn key_of_under_the_map_itself_is_checked_per_key() {
    let schema = Schema::from_yaml(
        "schema: x\nfields:\n  /backends/*/fallback: { kind: string }\nrelations:\n  - key_of: { fields: [/backends/*/fallback], map: /backends }\n",
    )
    .expect("compiles");
    let text = "backends:\n  a: { fallback: b }\n  b: { fallback: c }\n";
    let report = check(&schema, Source::yaml(text), &Options::production());
    let found: Vec<(&str, &str, usize)> = report
        .iter()
        .map(|d| {
            (
                d.pointer.as_str(),
                d.code,
                d.span.expect("placed").start.line,
            )
        })
        .collect();
    assert_eq!(found, [("/backends/b/fallback", "relation/unknown-key", 3)]);
}

#[test]
fn a_secret_under_a_key_is_masked_and_never_quoted() {
    let schema = Schema::from_yaml(SCHEMA).expect("compiles");
    let text =
        "storage:\n  backends:\n    media:\n      type: database\n      secret_key: minioadmin\n";
    let report = check(&schema, Source::yaml(text), &Options::production());
    assert!(report
        .iter()
        .any(|d| d.pointer == "/storage/backends/media/secret_key"));
    let rendered = preflight::render::human("c.yaml", text, &report, Default::default());
    assert!(!rendered.contains("minioadmin"), "{rendered}");
    assert!(!format!("{report:?}").contains("minioadmin"));
}

fn schema_error(text: &str) -> (String, String) {
    match Schema::from_yaml(text) {
        Err(preflight::Error::InvalidSchema {
            pointer, message, ..
        }) => (pointer, message),
        other => panic!("expected a schema error, got {other:?}"),
    }
}

#[test]
fn schema_mistakes_with_wildcards_are_refused_where_written() {
    let (pointer, message) = schema_error("schema: x\nfields:\n  /a/*/b/*/c: { kind: string }\n");
    assert_eq!(pointer, "/fields/~1a~1*~1b~1*~1c");
    assert!(message.contains("more than one `*`"), "{message}");

    let (pointer, message) = schema_error(
        "schema: x\nfields:\n  /a/*/x: { kind: bool }\n  /b/*/y: { kind: bool }\nrelations:\n  - exclusive: [/a/*/x, /b/*/y]\n",
    );
    assert_eq!(pointer, "/relations/0");
    assert!(
        message.contains("two wildcard maps, `/a` and `/b`"),
        "{message}"
    );

    let (pointer, message) = schema_error(
        "schema: x\nfields:\n  /a/*/on: { kind: bool }\n  /top: { kind: string, required_if: { field: /a/*/on, equals: true } }\n",
    );
    assert_eq!(pointer, "/fields/~1top");
    assert!(
        message.contains("depends on a field under the wildcard map `/a`"),
        "{message}"
    );

    let (pointer, message) = schema_error(
        "schema: x\nfields:\n  /pick: { kind: string }\n  /map: { kind: any }\nrelations:\n  - key_of: { fields: [/pick], map: /map }\n",
    );
    assert_eq!(pointer, "/relations/0/key_of/map");
    assert!(message.contains("must be a wildcard map"), "{message}");

    let (pointer, message) = schema_error(
        "schema: x\nfields:\n  /pick: { kind: secret }\n  /map/*/x: { kind: string }\nrelations:\n  - key_of: { fields: [/pick], map: /map }\n",
    );
    assert_eq!(pointer, "/relations/0/key_of/fields/0");
    assert!(message.contains("a secret cannot name a key"), "{message}");
}

mod properties {
    use proptest::prelude::*;

    use preflight::{builtin, check, Options, Source};

    const KEYS: &[&str] = &[
        "type",
        "bucket",
        "endpoint",
        "region",
        "secret_access_key",
        "access_key_id_file",
        "public_base_url",
        "x",
    ];
    const VALUES: &[&str] = &[
        "s3",
        "database",
        "disabled",
        "https://s3.eu-west-1.amazonaws.com",
        "Bad_Bucket",
        "eu-west-1",
        "minioadmin",
        "[1, 2]",
        "{}",
        "~",
        "\"\"",
    ];

    proptest! {
        /// SyncTV's backends under any names (`/`, `~`, `*`, Unicode, empty) and any settings:
        /// no panic, every span inside the text, every backend finding under its own name.
        #[test]
        fn synctv_backends_under_any_names(
            backends in proptest::collection::vec(
                ("[a-z*~/é ]{0,6}", proptest::collection::vec((0..KEYS.len(), 0..VALUES.len()), 0..5)),
                0..4,
            ),
            pick in "[a-z*]{0,6}",
        ) {
            let schema = builtin::get("synctv").expect("built-in");
            let mut text = format!("file_storage:\n  default_backend: \"{pick}\"\n  backends:\n");
            for (name, settings) in &backends {
                text.push_str(&format!("    \"{name}\":\n"));
                if settings.is_empty() {
                    text.push_str("      {}\n");
                }
                for (k, v) in settings {
                    text.push_str(&format!("      {}: {}\n", KEYS[*k], VALUES[*v]));
                }
            }
            let report = check(&schema, Source::yaml(&text), &Options::production());
            for d in &report {
                if let Some(span) = d.span {
                    prop_assert!(span.start.offset <= span.end.offset && span.end.offset <= text.len());
                }
                if let Some(rest) = d.pointer.strip_prefix("/file_storage/backends/") {
                    let key = rest.split('/').next().unwrap_or("").replace("~1", "/").replace("~0", "~");
                    prop_assert!(backends.iter().any(|(name, _)| *name == key), "{}", d.pointer);
                }
                // A secret is never quoted (a file path may be).
                if d.pointer.ends_with("/secret_access_key") {
                    prop_assert!(!d.message.contains("minioadmin"), "{}", d.message);
                    prop_assert!(!d.help.as_deref().unwrap_or("").contains("minioadmin"));
                }
            }
        }
    }
}

/// A wildcard map below a list item is not reached by the structure walk (it reads only
/// mappings): its entries are still checked, each under its own name.
#[test]
fn a_wildcard_map_below_a_list_item_is_checked_per_key() {
    let schema = Schema::from_yaml(
        "schema: t\nunknown_fields: ignore\nfields:\n  /sites/0/*/port: { kind: port }\n",
    )
    .expect("compiles");
    let text = "sites:\n  - one: {port: 99999}\n    two: {port: 80}\n    three: {port: 0}\n";
    let found: Vec<(String, &str, usize, usize)> =
        check(&schema, Source::yaml(text), &Options::production())
            .iter()
            .filter(|d| d.pointer.starts_with("/sites/0/"))
            .map(|d| {
                let start = d.span.expect("a place").start;
                (d.pointer.clone(), d.code, start.line, start.column)
            })
            .collect();
    assert_eq!(
        found,
        [
            ("/sites/0/one/port".to_string(), "port/out-of-range", 2, 17),
            (
                "/sites/0/three/port".to_string(),
                "port/out-of-range",
                4,
                19
            ),
        ]
    );
}

/// With more findings of one code than a report lists, the ones listed are the plain
/// fields' first, then each wildcard entry's in document order, and the rest are counted.
#[test]
fn the_findings_listed_of_one_code_are_the_first_in_check_order() {
    let schema = Schema::from_yaml(
        "schema: t\nunknown_fields: ignore\nfields:\n  /z_last/port: { kind: port }\n  /m/*/port: { kind: port }\n",
    )
    .expect("compiles");
    let mut text = String::from("m:\n");
    for i in 0..5 {
        text.push_str(&format!("  k{i}: {{port: 0}}\n"));
    }
    text.push_str("z_last: {port: 0}\n");
    let mut options = Options::production();
    options.limits.max_findings_per_code = 3;
    let report = check(&schema, Source::yaml(&text), &options);
    let listed: Vec<(&str, &str)> = report
        .iter()
        .map(|d| (d.pointer.as_str(), d.code))
        .collect();
    assert_eq!(
        listed,
        [
            ("", "parse/too-many-findings"),
            ("/m/k0/port", "port/out-of-range"),
            ("/m/k1/port", "port/out-of-range"),
            ("/z_last/port", "port/out-of-range"),
        ]
    );
    let summary = report.iter().next().expect("the summary").message.clone();
    assert_eq!(
        summary,
        "`port/out-of-range` was found 6 times; the first 3 are listed"
    );
}

/// The fields of each entry are found however the structure walk met them: set, absent from
/// the entry, two levels down, in an entry whose key is also declared by name (the walk
/// follows the named declarations there), and never those of the entry before.
#[test]
fn each_entry_finds_its_own_fields_however_the_walk_met_them() {
    let schema = Schema::from_yaml(
        "schema: entries
fields:
  /m/*/type: { kind: string }
  /m/*/bucket: { kind: string }
  /m/*/tls/enabled: { kind: bool }
  /m/*/tls/cert: { kind: string }
  /m/named/zone: { kind: string }
relations:
  - requires: { if: /m/*/type, equals: s3, then: [/m/*/bucket] }
  - requires: { if: /m/*/tls/enabled, equals: true, then: [/m/*/tls/cert] }
",
    )
    .expect("compiles");
    let text = "m:
  a: {type: s3}
  b: {type: s3, bucket: x, tls: {enabled: true, cert: c}}
  e: {type: s3, tls: {enabled: true}}
  d: {bucket: y, type: s3}
  named: {type: s3, zone: z}
  l: [1]
";
    let found = found_by(&schema, text);
    let requires =
        |pointer: &str, line, column| (pointer.to_string(), "relation/requires", line, column);
    assert_eq!(
        found,
        [
            requires("/m/a/bucket", 2, 13),
            requires("/m/e/bucket", 4, 13),
            requires("/m/e/tls/cert", 4, 32),
            ("/m/named/type".to_string(), "schema/unknown-field", 6, 11),
            requires("/m/named/bucket", 6, 17),
            ("/m/l".to_string(), "schema/wrong-type", 7, 6),
        ]
    );
}

#[test]
fn a_field_at_the_entries_themselves_checks_every_value() {
    // `/ports/*` declares each entry's value, whatever it is: a scalar entry is checked, not
    // skipped as an entry whose settings are missing; each finding as a plain field's.
    let schema = Schema::from_yaml(
        "schema: ports
fields:
  /ports/*: { kind: port }
  /modes/*: { kind: enum, values: [on, off], expect: { production: [on] } }
",
    )
    .expect("compiles");
    let text = "ports:
  http: 8080
  admin: 70000
  debug: {port: 1}
modes:
  cache: off
  log: maybe
";
    assert_eq!(
        found_by(&schema, text),
        [
            ("/ports/admin".to_string(), "port/out-of-range", 3, 10),
            ("/ports/debug".to_string(), "schema/wrong-type", 4, 10),
            ("/modes/cache".to_string(), "value/profile-mismatch", 6, 10),
            ("/modes/log".to_string(), "enum/unknown-value", 7, 8),
            ("/modes/log".to_string(), "value/profile-mismatch", 7, 8),
        ]
    );
}
