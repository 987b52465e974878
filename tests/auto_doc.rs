//! docs/auto.md is the inference table of `--schema auto` and `preflight init`, generated from
//! `schema::infer::RULES`. Regenerate it with `UPDATE_DOCS=1 cargo test --test auto_doc`.

use preflight::schema::infer::{Name, Test, RULES};

const HEAD: &str = "# `--schema auto` and `preflight init`

preflight infers a schema from a config's names and values, for a service that has none yet.
`preflight check .env.production --schema auto` checks with it at once (also
`validate(text, { schema: 'auto' })` in the npm package); `preflight init FILE` writes it as a
commented YAML schema to keep, edit (`required: production`) and check with `--schema
schema.yaml`, which then gives the same findings.

- A name is the key, upper-cased; a YAML or JSON key's path joined with `_` (`database.url` is
  `DATABASE_URL`, `smtpPort` is `SMTP_PORT`).
- The first rule below whose name and value match gives the kind; a rule without a kind stops
  the search (those names are not what they seem). A name that says little (`PUBLIC_KEY`, a
  `*_KEY` that may be a public key or an ID) infers nothing.
- Groups: a `…SMTP_PORT` with its `…SMTP_HOST` or `…SMTP_SERVER` (and a TLS setting:
  `…SMTP_TLS`, `_SECURE`, `_STARTTLS`, `_USE_TLS`, `_ENCRYPTION`) becomes an `smtp` block (TLS
  against the port); a `…S3_BUCKET` (or `AWS_BUCKET`) with its `…REGION` (or `AWS_REGION`),
  `…ENDPOINT` and `…ACCESS_KEY_ID` / `…SECRET_ACCESS_KEY` becomes an `s3` block (bucket name,
  endpoint, key shapes); a `…RP_ID` with its `…RP_ORIGIN` becomes a `webauthn` block (the RP ID
  against the origin), unless a `…ENABLED` beside them is `false`; two or more inferred
  secrets and passwords are `distinct` (secret reuse). Empty values group with nothing.
- Values with `replace-me`, `changeme`, `change-me` (and `_` spellings), `replace-with` are
  placeholders in any key.
- Unknown keys are never findings (`unknown_fields: ignore`). Every finding on an inferred field
  carries a note: `note: kind inferred from the name SMTP_PORT: the name ends in _PORT`.

How well it agrees with the built-in schemas on the five reference systems:
`python3 scripts/auto-precision.py` (CI runs it; goal: precision ≥ 95 %, recall ≥ 60 %). On
2026-12-02: precision 99.5 % (201 of 202 findings confirmed by the built-in schema at the same
pointer), recall 62.0 % (201 of 324 value findings); the table per system is in BENCHMARKS.md.

## The rules, in order

| name | value | kind | why |
|---|---|---|---|
";

fn name(pattern: Name) -> String {
    match pattern {
        Name::Exact(n) => format!("`{n}`"),
        Name::Suffix(s) => format!("`*{s}`"),
        Name::Contains(c) => format!("`*{c}*`"),
        Name::Both(a, b) => format!("`*{a}*{b}*`"),
    }
}

fn value(test: Test) -> String {
    match test {
        Test::Secretlike => "set, not a number, boolean or duration".into(),
        Test::NonEmpty => "set".into(),
        Test::Digits => "digits".into(),
        Test::PortNumber => "a number other than 0".into(),
        Test::Scheme(s) => format!(
            "scheme {}",
            s.split('|')
                .map(|x| format!("`{x}://`"))
                .collect::<Vec<_>>()
                .join(" or ")
        ),
        Test::At => "holds an `@`".into(),
        Test::WithUnit => "a number with a unit (`30s`)".into(),
        Test::Any => "any".into(),
    }
}

fn generated() -> String {
    let mut out = HEAD.to_string();
    for rule in RULES {
        let kind = if rule.kind.is_empty() {
            "none (stop)".to_string()
        } else {
            format!("`{}`", rule.kind)
        };
        out.push_str(&format!(
            "| {} | {} | {kind} | {} |\n",
            name(rule.name),
            value(rule.test),
            rule.why
        ));
    }
    out
}

#[test]
fn docs_auto_md_is_the_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/auto.md");
    let text = generated();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &text).unwrap();
    }
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        on_disk == text,
        "docs/auto.md is not the table: run `UPDATE_DOCS=1 cargo test --test auto_doc`"
    );
}
