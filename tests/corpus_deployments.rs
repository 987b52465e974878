//! The reference systems' deployment files (../shared/corpus, never copied here) through the
//! adapters, as an operator runs them: each compose service's environment, findings on the
//! file's own lines, and nothing about the deployment keys around it (healthcheck, logging,
//! ports). A corpus directory that does not exist is skipped with a message.
#![cfg(feature = "cli")]

use std::path::Path;
use std::process::Command;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

/// `line:code` (or `pointer:code` without a place) of every error and warning, per file.
fn run(args: &[&str]) -> Option<(i32, Vec<String>)> {
    if !Path::new(CORPUS).is_dir() {
        eprintln!("skipped: {CORPUS} does not exist");
        return None;
    }
    let out = Command::new(env!("CARGO_BIN_EXE_preflight"))
        .current_dir(CORPUS)
        .args(args)
        .args(["--no-config", "--format", "json"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let value: serde_json::Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("{e}: {stdout}{}", String::from_utf8_lossy(&out.stderr)));
    let reports = match value {
        serde_json::Value::Array(all) => all,
        one => vec![one],
    };
    let mut found = Vec::new();
    for report in reports {
        for d in report["diagnostics"].as_array().unwrap() {
            let at = match d["span"]["start"]["line"].as_u64() {
                Some(line) => line.to_string(),
                None => d["pointer"].as_str().unwrap().to_string(),
            };
            found.push(format!(
                "{}{at}:{}",
                report["file"]
                    .as_str()
                    .map(|f| format!("{f}:"))
                    .unwrap_or_default(),
                d["code"].as_str().unwrap()
            ));
        }
    }
    Some((out.status.code().unwrap_or(-1), found))
}

#[test]
fn rend_control_plane_services_name_env_files_outside_the_project() {
    // Every service reads /etc/rend/*.env, which the compose file's project does not hold:
    // said on the entry's line, not read, and nothing else (no healthcheck or logging noise).
    for (service, schema, line) in [
        ("rend-api-blue", "rend-api", 10),
        ("rend-api-green", "rend-api", 32),
        ("rend-api-migrate", "rend-api", 55),
        ("rend-media-worker", "rend-media-worker", 63),
    ] {
        let Some((status, found)) = run(&[
            "check",
            "rend/docs_templates_control-plane.compose.yml",
            "--service",
            service,
            "--schema",
            schema,
        ]) else {
            return;
        };
        assert_eq!(status, 1, "{service}");
        assert_eq!(
            found,
            [format!("{line}:compose/env-file-outside")],
            "{service}"
        );
    }
    let Some((_, found)) = run(&[
        "check",
        "rend/docs_templates_edge-host.compose.yml",
        "--service",
        "rend-edge",
        "--schema",
        "rend-edge",
    ]) else {
        return;
    };
    assert_eq!(found, ["10:compose/env-file-outside"]);
    // Trusted, the files are looked for where compose would: this machine has no /etc/rend.
    let Some((_, found)) = run(&[
        "check",
        "rend/docs_templates_edge-host.compose.yml",
        "--service",
        "rend-edge",
        "--schema",
        "rend-edge",
        "--trust-env-files",
    ]) else {
        return;
    };
    assert_eq!(found, ["10:compose/env-file-missing"]);
}

#[test]
fn horizon_compose_service_environment() {
    let Some((status, found)) = run(&[
        "check",
        "horizon-synapse/site_deployment_docker.md.compose.yml",
        "--service",
        "horizon",
        "--schema",
        "horizon",
    ]) else {
        return;
    };
    assert_eq!(status, 1);
    assert_eq!(
        found,
        [
            "/CLICKHOUSE_PASSWORD:schema/missing-required",
            "/CONFIG_ENCRYPTION_KEY:schema/missing-required",
            "/CORS_ORIGINS:schema/missing-required",
            "/JWT_SECRET:schema/missing-required",
            "/METRICS_AUTH_TOKEN:schema/missing-required",
            "/TELEMETRY_JWT_SECRET:schema/missing-required",
            "9:postgres/unverified-tls",
            "9:url/local-host",
            "11:hostname/single-label",
            "12:redis/plaintext",
            "12:url/local-host",
        ]
    );
}
