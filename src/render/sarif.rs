//! SARIF 2.1.0, as GitHub code scanning reads it: one run, a rule per code that appears (from
//! the registry), a result per diagnostic with its file, region and a fingerprint.
//!
//! Nothing from the checked text is copied in: no snippet, no region text. Messages and help
//! never hold a secret (the report's guarantee); fingerprints are hashes of the code, the
//! file and the pointer, never of a value.

use serde_json::{json, Map, Value};

use crate::diagnostic::{codes, Level, Severity};
use crate::report::Report;
use crate::span::Span;

/// Where each code's documentation is: `docs/codes.md`, one heading per code.
pub const CODES_DOC: &str = "https://github.com/preflight-config/preflight/blob/main/docs/codes.md";

/// The anchor of `code`'s heading in `docs/codes.md`, as GitHub makes it from the heading
/// text: lowercase, punctuation other than `-` and `_` dropped (`url/local-host` →
/// `urllocal-host`).
pub fn code_anchor(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The documentation address of a code.
pub fn help_uri(code: &str) -> String {
    format!("{CODES_DOC}#{}", code_anchor(code))
}

/// One checked file: its URI relative to the repository root (`%SRCROOT%`) and its report.
pub struct SarifFile<'a> {
    pub uri: String,
    pub report: &'a Report,
}

/// The SARIF log of the reports, pretty-printed, ending in a newline.
pub fn sarif(files: &[SarifFile<'_>], tool_version: &str) -> String {
    let mut rule_ids: Vec<&'static str> = files
        .iter()
        .flat_map(|f| f.report.iter().map(|d| d.code))
        .collect();
    rule_ids.sort_unstable();
    rule_ids.dedup();
    let rules: Vec<Value> = rule_ids.iter().map(|code| rule(code)).collect();

    let mut results = Vec::new();
    for file in files {
        let mut seen: Vec<(&str, &str)> = Vec::new();
        for d in file.report {
            // The same code at the same pointer twice (two findings of one value) gets an
            // occurrence number, so fingerprints stay distinct and stable.
            let occurrence = seen
                .iter()
                .filter(|(c, p)| *c == d.code && *p == d.pointer)
                .count();
            seen.push((d.code, &d.pointer));
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            let fingerprint =
                fingerprint(&[d.code, &file.uri, &d.pointer, &occurrence.to_string()]);
            results.push(json!({
                "ruleId": d.code,
                "ruleIndex": rule_ids.binary_search(&d.code).unwrap_or(0),
                "level": match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Info => "note",
                },
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": file.uri, "uriBaseId": "%SRCROOT%" },
                        "region": region(d.span),
                    },
                    "logicalLocations": logical(&d.pointer),
                }],
                "partialFingerprints": { "preflightFindingHash/v1": fingerprint },
            }));
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "preflight",
                    "version": tool_version,
                    "semanticVersion": tool_version,
                    "informationUri": "https://github.com/preflight-config/preflight",
                    "rules": rules,
                }
            },
            "columnKind": "utf16CodeUnits",
            "results": results,
        }]
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

fn rule(code: &'static str) -> Value {
    let info = codes::lookup(code);
    let summary = info.map_or(code, |i| i.summary);
    let explanation = info.map_or(summary, |i| i.explanation);
    let level = match info.map(|i| i.production) {
        Some(Level::Error) => "error",
        Some(Level::Warning) => "warning",
        Some(Level::Info) => "note",
        Some(Level::Off) => "none",
        None => "warning",
    };
    let help = info.map_or_else(|| summary.to_string(), super::explain);
    json!({
        "id": code,
        "shortDescription": { "text": summary },
        "fullDescription": { "text": explanation },
        "help": { "text": help },
        "helpUri": help_uri(code),
        "defaultConfiguration": { "level": level },
        "properties": { "tags": [code.split('/').next().unwrap_or(code)] },
    })
}

/// The region of a span (columns in UTF-16 units, end exclusive); a finding without a place
/// (a missing key) is on line 1, as code scanning needs a line.
fn region(span: Option<Span>) -> Value {
    match span {
        Some(span) => json!({
            "startLine": span.start.line,
            "startColumn": span.start.utf16_column,
            "endLine": span.end.line,
            "endColumn": span.end.utf16_column,
        }),
        None => json!({ "startLine": 1 }),
    }
}

/// The JSON pointer of the finding, as a logical location (the config key it is about).
fn logical(pointer: &str) -> Value {
    let mut location = Map::new();
    location.insert(
        "fullyQualifiedName".into(),
        Value::String(if pointer.is_empty() {
            "/".into()
        } else {
            pointer.into()
        }),
    );
    location.insert("kind".into(), Value::String("member".into()));
    Value::Array(vec![Value::Object(location)])
}

/// FNV-1a (64 bits) of the parts, each followed by the byte 0xFF (which UTF-8 text never
/// holds, so parts cannot run into each other), in hex: stable across runs and platforms.
fn fingerprint(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0xFF]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// A path as a relative URI reference: each segment percent-encoded except the characters
/// RFC 3986 leaves unreserved (and the sub-delims a path may hold).
pub fn path_uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' | b':'
            | b'@' => out.push(byte as char),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_follow_github_headings() {
        assert_eq!(code_anchor("url/local-host"), "urllocal-host");
        assert_eq!(
            help_uri("secret/too-short"),
            format!("{CODES_DOC}#secrettoo-short")
        );
    }

    #[test]
    fn fingerprints_are_stable_and_separate_parts() {
        assert_eq!(fingerprint(&["a", "b"]), fingerprint(&["a", "b"]));
        assert_ne!(fingerprint(&["ab", ""]), fingerprint(&["a", "b"]));
        assert_eq!(fingerprint(&[]), "cbf29ce484222325");
    }

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(path_uri("deploy/my file.env"), "deploy/my%20file.env");
        assert_eq!(
            path_uri("конфиг.yaml"),
            "%D0%BA%D0%BE%D0%BD%D1%84%D0%B8%D0%B3.yaml"
        );
        assert_eq!(path_uri("a%b#c?.env"), "a%25b%23c%3F.env");
    }
}
