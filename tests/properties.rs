//! Properties over arbitrary input: no front-end or check panics; every span lies inside the
//! input, starts and ends on character boundaries and agrees with its line and column; every
//! node's pointer resolves back to that node.

use preflight::span::{LineIndex, Span};
use preflight::{builtin, check, Document, Format, Limits, Node, Options, Source, Value};
use proptest::prelude::*;

fn assert_span(text: &str, span: &Span) {
    let index = LineIndex::new(text);
    for pos in [span.start, span.end] {
        assert!(
            pos.offset <= text.len(),
            "offset {} past {}",
            pos.offset,
            text.len()
        );
        assert!(
            text.is_char_boundary(pos.offset),
            "offset {} inside a character",
            pos.offset
        );
        assert_eq!(
            index.position(pos.offset),
            pos,
            "position of offset {}",
            pos.offset
        );
    }
    assert!(span.start.offset <= span.end.offset);
}

fn walk<'a>(node: &'a Node, pointer: String, out: &mut Vec<(String, &'a Node)>) {
    out.push((pointer.clone(), node));
    match &node.value {
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, format!("{pointer}/{i}"), out);
            }
        }
        Value::Map(entries) => {
            for e in entries {
                walk(
                    &e.value,
                    format!("{pointer}/{}", preflight::pointer::escape(&e.key)),
                    out,
                );
            }
        }
        _ => {}
    }
}

fn check_document(text: &str, format: Format) {
    let doc = Document::parse(text, format, &Limits::default());
    let Some(root) = doc.root() else {
        return;
    };
    let mut nodes = Vec::new();
    walk(root, String::new(), &mut nodes);
    for (pointer, node) in nodes {
        let found = doc
            .get(&pointer)
            .unwrap_or_else(|| panic!("pointer {pointer:?} does not resolve"));
        assert!(
            std::ptr::eq(found, node),
            "pointer {pointer:?} resolves elsewhere"
        );
        if let Some(span) = &node.span {
            assert_span(text, span);
        }
        if let Value::Map(entries) = &node.value {
            for e in entries {
                if let Some(span) = &e.key_span {
                    assert_span(text, span);
                }
            }
        }
    }
}

fn check_reports(text: &str, format: Format) {
    let schema = builtin::get("demo").unwrap();
    for options in [Options::production(), Options::development()] {
        let report = check(
            &schema,
            Source::Text {
                text,
                format: Some(format),
            },
            &options,
        );
        for d in &report {
            if let Some(span) = &d.span {
                assert_span(text, span);
            }
            assert!(
                preflight::explain(d.code).is_some(),
                "{} is registered",
                d.code
            );
        }
        assert_eq!(report.errors + report.warnings, report.diagnostics.len());
    }
}

/// Text built from fragments of every syntax, so the front-ends get past their first byte.
fn config_like() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        Just("server:\n".to_string()),
        Just("  listen: \"0.0.0.0:8080\"\n".to_string()),
        Just("- ".to_string()),
        Just("  ".to_string()),
        Just("&a ".to_string()),
        Just("*a".to_string()),
        Just("<<: ".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just(", ".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("\\".to_string()),
        Just(": ".to_string()),
        Just("#".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("=".to_string()),
        Just("export ".to_string()),
        Just("${X}".to_string()),
        Just("é😀".to_string()),
        Just("\t".to_string()),
        Just("KEY".to_string()),
        "[a-z_]{1,8}".prop_map(|s| s),
        "[0-9]{1,4}".prop_map(|s| s),
    ];
    prop::collection::vec(fragment, 0..60).prop_map(|parts| parts.concat())
}

/// Values built from the pieces URLs, addresses and ranges are made of, with multi-byte
/// characters at the edges where slicing happens.
fn structured_value() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("://"),
        Just("https"),
        Just("@"),
        Just(":"),
        Just("/"),
        Just("."),
        Just("["),
        Just("]"),
        Just("%"),
        Just("-"),
        Just("*"),
        Just("?"),
        Just("#"),
        Just("é"),
        Just("😀"),
        Just("0"),
        Just("10"),
        Just("255"),
        Just("ffff"),
        Just("<"),
        Just(">"),
        Just("\""),
        Just("xn--"),
        Just("localhost"),
        Just("a"),
        Just("MiB"),
        Just("h"),
        Just(","),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|p| p.concat())
}

/// One field of every kind, so arbitrary values reach every check.
const EVERY_KIND: &str = r#"
schema: every-kind
format: env
fields:
  S: { kind: string, min_len: 2, max_len: 9 }
  B: { kind: bool }
  I: { kind: int, min: 0, max: 9 }
  P: { kind: port }
  E: { kind: enum, values: [a, b], aliases: { c: a } }
  D: { kind: duration, min: 1s }
  Z: { kind: byte_size, max: 1GiB }
  F: { kind: path }
  H: { kind: hostname }
  L: { kind: bind_address }
  U: { kind: url, path: /x }
  C: { kind: cidr, purpose: trusted_proxies }
  M: { kind: email }
  N: { kind: email_name }
  O: { kind: origin }
  LC: { kind: list, item: { kind: cidr } }
  LO: { kind: list, item: { kind: origin } }
  SE: { kind: secret, jwt: hs256 }
  SH: { kind: secret, encoding: hex, exact_bytes: 32 }
  SB: { kind: secret, encoding: base64url, min_bytes: 32 }
  PW: { kind: password, require: [upper, digit] }
"#;

proptest! {
    #![proptest_config(ProptestConfig { cases: ProptestConfig::default().cases.max(384), ..ProptestConfig::default() })]

    #[test]
    fn any_text_through_every_front_end(text in any::<String>()) {
        for format in [Format::Yaml, Format::Json, Format::Env] {
            check_document(&text, format);
        }
    }

    #[test]
    fn config_like_text_through_every_front_end(text in config_like()) {
        for format in [Format::Yaml, Format::Json, Format::Env] {
            check_document(&text, format);
            check_reports(&text, format);
        }
    }

    #[test]
    fn any_value_in_a_field_of_every_kind(value in prop_oneof![any::<String>(), structured_value()]) {
        let schema = preflight::Schema::from_yaml(EVERY_KIND).unwrap();
        let value = value.replace(['\n', '\r'], "");
        let names = ["S", "B", "I", "P", "E", "D", "Z", "F", "H", "L", "U", "C", "M", "N", "O", "LC", "LO", "SE", "SH", "SB", "PW"];
        let text: String = names.iter().map(|n| format!("{n}={value}\n")).collect();
        for options in [Options::production(), Options::development()] {
            let report = check(&schema, Source::env(&text), &options);
            for d in &report {
                if let Some(span) = &d.span {
                    assert_span(&text, span);
                }
            }
        }
    }

    #[test]
    fn any_value_in_any_field_of_the_demo_schema(value in any::<String>(), key in 0usize..6) {
        let keys = ["server:\n  listen: ", "server:\n  public_url: ", "server:\n  max_upload: ", "database:\n  url: ", "admin:\n  allowed_hosts: ", "server:\n  request_timeout: "];
        let quoted = serde_json::to_string(&value).unwrap();
        let text = format!("{}{quoted}\n", keys[key]);
        check_reports(&text, Format::Yaml);
        let env = format!("DEMO_ADMIN_HOSTS={}\nDEMO_PUBLIC_URL={}\n", value.replace('\n', ""), value.replace('\n', ""));
        check_reports(&env, Format::Env);
    }
}
