//! A YAML stream (`---` between documents) is a list of documents: each is checked on its own
//! against the schema, its findings named from its index (`/1/server/port`), with spans into
//! the one file.

use preflight::{check, Document, Format, Limits, Options, Schema, Source};

const SCHEMA: &str = "schema: t\nfields:\n  /server/port: { kind: port, required: always }\n  /server/host: { kind: hostname }\n";

#[test]
fn each_document_is_checked_with_its_own_pointer_root() {
    let schema = Schema::from_yaml(SCHEMA).unwrap();
    let text = "server:\n  port: 8080\n---\nserver:\n  port: 70000\n  hots: a\n---\nserver: {}\n";
    let report = check(&schema, Source::yaml(text), &Options::production());
    type Place = Option<(usize, usize)>;
    let found: Vec<(&str, &str, Place)> = report
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
        [
            ("port/out-of-range", "/1/server/port", Some((5, 9))),
            ("schema/unknown-field", "/1/server/hots", Some((6, 3))),
            ("schema/missing-required", "/2/server/port", Some((8, 1))),
        ]
    );
    let document = Document::parse(text, Format::Yaml, &Limits::DEFAULT);
    assert_eq!(document.stream_documents().map(<[_]>::len), Some(3));
    assert!(
        Document::parse("server:\n  port: 1\n", Format::Yaml, &Limits::DEFAULT)
            .stream_documents()
            .is_none()
    );
}

#[test]
fn a_secret_in_any_document_is_masked() {
    let schema =
        Schema::from_yaml("schema: t\nfields:\n  /jwt/secret: { kind: secret, min_chars: 32 }\n")
            .unwrap();
    let text = "jwt:\n  secret: Zx8Kq2Lm4Np6Rt0V\n---\njwt:\n  secret: Hq5Wd9Fs3Jk7Lb1Y\n";
    let report = check(&schema, Source::yaml(text), &Options::production());
    assert_eq!(
        report.codes(),
        [
            "secret/too-short",
            "secret/too-weak",
            "secret/too-short",
            "secret/too-weak"
        ]
    );
    let shown = preflight::render::human("s.yaml", text, &report, Default::default());
    assert!(
        !shown.contains("Zx8Kq2") && !shown.contains("Hq5Wd9"),
        "{shown}"
    );
    assert!(
        shown.contains("/1/jwt/secret") || shown.contains("s.yaml:5:11"),
        "{shown}"
    );
}
