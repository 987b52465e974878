//! `preflight check manifest.yaml --select kind/name[/container]`: the config inside a
//! Kubernetes manifest, with findings on the manifest's own lines and a Secret's values masked.
#![cfg(feature = "cli")]

mod common;

use common::Memory;

const SCHEMA: &str = "schema: app\nformat: env\nfields:\n  PORT: { kind: port, required: always }\n  PUBLIC_URL: { kind: url }\n  JWT_SECRET: { kind: secret, min_chars: 32 }\n";

const MANIFEST: &str = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api-config\ndata:\n  PORT: \"8080\"\n  PUBLIC_URL: http://app.acme.io\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: api-secrets\ndata:\n  JWT_SECRET: WnE4TG0zV2Q=\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          envFrom:\n            - configMapRef:\n                name: api-config\n          env:\n            - name: PORT\n              value: \"70000\"\n            - name: JWT_SECRET\n              valueFrom:\n                secretKeyRef: { name: api-secrets, key: JWT_SECRET }\n";

fn run(args: &str) -> preflight::cli::Outcome {
    Memory::new(
        "/k",
        &[("/k/manifest.yaml", MANIFEST), ("/k/app.yaml", SCHEMA)],
    )
    .run(args)
}

fn places(out: &preflight::cli::Outcome) -> Vec<(String, u64, u64)> {
    let report: serde_json::Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", out.stdout, out.stderr));
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let start = &d["span"]["start"];
            (
                d["code"].as_str().unwrap().to_string(),
                start["line"].as_u64().unwrap_or(0),
                start["column"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn a_container_gets_env_over_env_from_with_references_resolved() {
    let out =
        run("check manifest.yaml --select deployment/api/app --schema app.yaml --format json");
    assert_eq!(out.status, 1, "{}", out.stderr);
    assert_eq!(
        places(&out),
        [
            ("url/not-https".to_string(), 7, 15),
            ("secret/too-short".to_string(), 14, 15),
            ("secret/too-weak".to_string(), 14, 15),
            ("port/out-of-range".to_string(), 30, 22),
        ]
    );
    let human = run("check manifest.yaml --select deployment/api/app --schema app.yaml");
    assert!(
        human.stdout.contains("14 |   JWT_SECRET: ************\n"),
        "{}",
        human.stdout
    );
    assert!(!human.stdout.contains("WnE4TG0zV2Q="), "{}", human.stdout);
}

#[test]
fn a_config_map_or_secret_alone() {
    let out =
        run("check manifest.yaml --select configmap/api-config --schema app.yaml --format json");
    assert_eq!(places(&out), [("url/not-https".to_string(), 7, 15)]);
    let out =
        run("check manifest.yaml --select secret/api-secrets --schema app.yaml --format json");
    let codes: Vec<String> = places(&out).into_iter().map(|p| p.0).collect();
    assert_eq!(
        codes,
        [
            "schema/missing-required",
            "secret/too-short",
            "secret/too-weak"
        ]
    );
    let out = run("check manifest.yaml --select deployment/nope --schema app.yaml");
    assert_eq!(out.status, 2);
    assert!(out.stderr.contains("no `deployment/nope` in the manifest (its objects: configmap/api-config, secret/api-secrets, deployment/api)"), "{}", out.stderr);
}

#[test]
fn a_manifest_that_does_not_parse_reports_its_syntax_error_with_the_secret_masked() {
    let broken = MANIFEST.replace("JWT_SECRET: WnE4TG0zV2Q=", "JWT_SECRET: \"WnE4TG0zV2Q=");
    let out = Memory::new(
        "/k",
        &[("/k/manifest.yaml", &broken), ("/k/app.yaml", SCHEMA)],
    )
    .run("check manifest.yaml --select secret/api-secrets --schema app.yaml --format json");
    assert_eq!(out.status, 1, "{}", out.stderr);
    assert_eq!(places(&out), [("parse/yaml".to_string(), 14, 15)]);
    let human = Memory::new(
        "/k",
        &[("/k/manifest.yaml", &broken), ("/k/app.yaml", SCHEMA)],
    )
    .run("check manifest.yaml --select secret/api-secrets --schema app.yaml");
    assert!(
        human.stdout.contains("14 |   JWT_SECRET: *************\n"),
        "{}",
        human.stdout
    );
}
