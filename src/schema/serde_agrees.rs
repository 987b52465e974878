//! The schema reader and serde's derived deserializers (feature `schema-serde`) must read
//! every schema alike: the same `SchemaDef` from every built-in schema and test schema, and
//! a refusal from both for every broken one.

use serde_json::{Map, Number, Value as Json};

use super::{extend, SchemaDef};
use crate::document::read::FromNode;
use crate::document::{Document, Format, Limits, Node, Value};

/// The same tree as serde data.
fn to_json(node: &Node) -> Json {
    match &node.value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => Json::Number((*i).into()),
        Value::Float(x) => Number::from_f64(*x).map_or(Json::Null, Json::Number),
        Value::String(s) => Json::String(s.clone()),
        Value::Seq(items) => Json::Array(items.iter().map(to_json).collect()),
        Value::Map(entries) => Json::Object(
            entries
                .iter()
                .map(|e| (e.key.clone(), to_json(&e.value)))
                .collect::<Map<_, _>>(),
        ),
    }
}

/// The schema's root with `extends` resolved, as `Schema::from_text` reads it.
fn root(text: &str, format: Format) -> Node {
    let doc = Document::parse(text, format, &Limits::default());
    let root = doc.root().expect("the test schema parses").clone();
    match root.entry("extends") {
        Some(_) => extend::resolve(&root).unwrap_or_else(|e| panic!("{}", e.message)),
        None => root,
    }
}

/// Both readings; their ordered maps sorted, since a `serde_json` object sorts its keys.
fn both(text: &str, format: Format) -> (Option<SchemaDef>, Option<SchemaDef>) {
    let root = root(text, format);
    let sorted = |mut def: SchemaDef| {
        def.fields.sort_by(|a, b| a.0.cmp(&b.0));
        if let Some(helm) = &mut def.helm {
            helm.values.sort();
        }
        def
    };
    let ours = SchemaDef::from_node(&root).ok().map(sorted);
    let serde = serde_json::from_value::<SchemaDef>(to_json(&root))
        .ok()
        .map(sorted);
    (ours, serde)
}

#[test]
fn every_known_schema_reads_the_same_both_ways() {
    let mut texts: Vec<(String, &str, Format)> = crate::builtin::texts::all()
        .map(|(name, text)| (name.to_string(), text, Format::Yaml))
        .collect();
    let fixtures = [
        (
            "env",
            include_str!("../../tests/fixtures/env/schema.yaml"),
            Format::Yaml,
        ),
        (
            "json",
            include_str!("../../tests/fixtures/json/schema.json"),
            Format::Json,
        ),
        (
            "relations",
            include_str!("../../tests/fixtures/relations/schema.yaml"),
            Format::Yaml,
        ),
        (
            "secrets",
            include_str!("../../tests/fixtures/secrets/schema.yaml"),
            Format::Yaml,
        ),
        (
            "yaml",
            include_str!("../../tests/fixtures/yaml/schema.yaml"),
            Format::Yaml,
        ),
    ];
    texts.extend(fixtures.map(|(n, t, f)| (format!("fixture {n}"), t, f)));
    for (name, text, format) in texts {
        let (ours, serde) = both(text, format);
        assert!(ours.is_some(), "{name}: our reader refuses it");
        assert!(ours == serde, "{name}: the readings differ");
    }
}

#[test]
fn broken_schemas_are_refused_both_ways() {
    for text in [
        "schema: x\nfields:\n  /a: { kind: portt }\n",
        "schema: x\nfields:\n  /a: { kind: string, min_lenght: 3 }\n",
        "schema: x\nfields:\n  /a: { required: always }\n",
        "schema: x\nfields:\n  /a: { kind: port, required: sometimes }\n",
        "schema: x\nfields:\n  /a: { kind: list }\n",
        "schema: x\nfields:\n  /a: { kind: list, item: { kind: port, nope: 1 } }\n",
        "schema: x\nfields:\n  /a: { kind: string, min_len: -1 }\n",
        "schema: x\nfields:\n  /a: { kind: bind_address, port: 70000 }\n",
        "schema: x\nfields:\n  /a: { kind: record_list, parts: [{ kind: string }] }\n",
        "schema: x\nfields:\n  /a: { kind: secret, encoding: base32 }\n",
        "schema: x\nfields:\n  /a: { kind: cidr, purpose: trusted }\n",
        "schema: x\nfields:\n  /a: { kind: bool, required_if: { field: /b, equal: 1 } }\n",
        "schema: x\nfields: []\n",
        "schema: x\nrelations:\n  - exclusiv: [/a]\n",
        "schema: x\nrelations:\n  - exclusive: [/a]\n    order: [/a]\n",
        "schema: x\nrelations:\n  - requires: { then: [/a] }\n",
        "schema: x\nrelations:\n  - smtp: { hots: /a }\n",
        "schema: x\nrelations:\n  - ports: [{ field: /a, when: { equals: 1 } }]\n",
        "schema: x\nrelations: [cors]\n",
        "schema: x\nhelm: { keys: kebab }\n",
        "schema: x\nformat: toml\n",
        "schema: x\nplaceholders: { equal: [a] }\n",
        "schema: [x]\n",
        "fields: {}\n",
        "schema: x\nfeilds: {}\n",
    ] {
        assert_eq!(both(text, Format::Yaml), (None, None), "{text}");
    }
}
