//! Every code in the registry carries a failing and a passing example; run them all.
//! The failing one must yield that code and nothing else, the passing one nothing at all.

#[cfg(feature = "cli")]
mod common;

use preflight::{check, codes, Options, Schema, Source};

/// The codes of an example read through its adapter (a compose file with the service `app`,
/// or a manifest with the Secret `app`), run as the CLI runs it over an in-memory machine.
#[cfg(feature = "cli")]
fn adapter_codes(ex: &preflight::Example, text: &str) -> Vec<String> {
    let (file, select) = match ex.adapter {
        // The object `app` of the first kind the manifest names.
        Some(preflight::Adapter::Kubernetes) => (
            "manifest.yaml",
            format!(
                "--select {}/app",
                text.lines()
                    .find_map(|l| l.strip_prefix("kind: "))
                    .unwrap_or("Secret")
                    .to_ascii_lowercase()
            ),
        ),
        _ => ("compose.yml", "--service app".to_string()),
    };
    let path = format!("/e/{file}");
    let schema = ex.schema_text();
    let host = common::Memory::new(
        "/e",
        &[(path.as_str(), text), ("/e/schema.yaml", schema.as_str())],
    );
    let out = host.run(&format!(
        "check {file} {select} --schema schema.yaml --no-config --format json"
    ));
    let report: serde_json::Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", out.stdout, out.stderr));
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_registry_example_behaves_as_documented() {
    let mut failures = Vec::new();
    for info in codes::ALL {
        let ex = &info.example;
        let schema = match Schema::from_yaml(&ex.schema_text()) {
            Ok(s) => s,
            Err(e) => {
                failures.push(format!("{}: example schema is invalid: {e}", info.code));
                continue;
            }
        };
        if ex.adapter.is_some() {
            #[cfg(feature = "cli")]
            {
                let (bad, good) = (adapter_codes(ex, ex.bad), adapter_codes(ex, ex.good));
                if bad.is_empty() || bad.iter().any(|c| c != info.code) {
                    failures.push(format!("{}: failing example gave {bad:?}", info.code));
                }
                if !good.is_empty() {
                    failures.push(format!("{}: passing example gave {good:?}", info.code));
                }
            }
            continue;
        }
        let options = Options {
            profile: ex.profile,
            limits: ex.limits.unwrap_or_default(),
            ..Options::default()
        };
        let run = |text| {
            check(
                &schema,
                Source::Text {
                    text,
                    format: Some(ex.format),
                },
                &options,
            )
        };
        let bad = run(ex.bad);
        if bad.is_empty() || bad.codes().iter().any(|c| *c != info.code) {
            failures.push(format!(
                "{}: failing example gave {:?}",
                info.code,
                bad.codes()
            ));
        }
        let good = run(ex.good);
        if !good.is_empty() {
            failures.push(format!(
                "{}: passing example gave {:?}",
                info.code,
                good.codes()
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn explain_finds_every_code_and_nothing_else() {
    for info in codes::ALL {
        assert_eq!(
            preflight::explain(info.code).map(|i| i.code),
            Some(info.code)
        );
    }
    assert!(preflight::explain("url/nope").is_none());
}
