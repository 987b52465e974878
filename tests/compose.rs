//! `preflight check compose.yml --service NAME`: a compose service's effective environment,
//! each finding in the file that set the value, env files read only inside the project.
#![cfg(feature = "cli")]

mod common;

use common::Memory;
use preflight::cli::Outcome;

const SCHEMA: &str = "schema: app\nformat: env\nfields:\n  PORT: { kind: port, required: always }\n  PUBLIC_URL: { kind: url }\n  JWT_SECRET: { kind: secret, min_chars: 32 }\n";

fn project(compose: &str, files: &[(&str, &str)]) -> Memory {
    let mut all = vec![("/p/compose.yml", compose), ("/p/app.yaml", SCHEMA)];
    all.extend_from_slice(files);
    Memory::new("/p", &all)
}

/// `(file, code, line, column)` of every diagnostic of a JSON report array.
fn findings(out: &Outcome) -> Vec<(String, String, u64, u64)> {
    let value: serde_json::Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", out.stdout, out.stderr));
    let reports = match value {
        serde_json::Value::Array(all) => all,
        one => vec![one],
    };
    reports
        .iter()
        .flat_map(|r| {
            let file = r["file"].as_str().unwrap_or("").to_string();
            r["diagnostics"].as_array().unwrap().iter().map(move |d| {
                let start = &d["span"]["start"];
                (
                    file.clone(),
                    d["code"].as_str().unwrap().to_string(),
                    start["line"].as_u64().unwrap_or(0),
                    start["column"].as_u64().unwrap_or(0),
                )
            })
        })
        .collect()
}

fn row(file: &str, code: &str, line: u64, column: u64) -> (String, String, u64, u64) {
    (file.into(), code.into(), line, column)
}

#[test]
fn environment_map_and_list_forms_point_into_the_compose_file() {
    let compose = "services:\n  api:\n    image: x\n    healthcheck:\n      test: [CMD, curl, -f, http://localhost]\n    logging: { options: { max-size: 10m } }\n    environment:\n      PORT: 70000\n  web:\n    environment:\n      - PORT=8080\n      - \"PUBLIC_URL=http://app.acme.io\"\n";
    let host = project(compose, &[]);
    let out = host.run("check compose.yml --service api --schema app.yaml --format json");
    assert_eq!(out.status, 1, "{}", out.stderr);
    assert_eq!(findings(&out), [row("", "port/out-of-range", 8, 13)]);
    let out = host.run("check compose.yml --service web --schema app.yaml --format json");
    assert_eq!(findings(&out), [row("", "url/not-https", 12, 21)]);
}

#[test]
fn env_files_then_environment_each_finding_in_its_own_file() {
    let compose = "services:\n  api:\n    env_file:\n      - deploy/api.env\n      - path: deploy/optional.env\n        required: false\n    environment:\n      PORT: \"8080\"\n";
    let host = project(
        compose,
        &[(
            "/p/deploy/api.env",
            "# the API\nPORT=70000\nPUBLIC_URL=http://app.acme.io\nJWT_SECRET=Zq8Lm3Wd\n",
        )],
    );
    let out = host.run("check compose.yml --service api --schema app.yaml --format json");
    assert_eq!(out.status, 1, "{}", out.stderr);
    // PORT is set again by `environment:`, so the env file's 70000 is not what runs.
    assert_eq!(
        findings(&out),
        [
            row("deploy/api.env", "url/not-https", 3, 12),
            row("deploy/api.env", "secret/too-short", 4, 12),
            row("deploy/api.env", "secret/too-weak", 4, 12),
        ]
    );
    let human = host.run("check compose.yml --service api --schema app.yaml");
    assert!(
        human
            .stdout
            .contains("deploy/api.env:4:12: error[secret/too-short]"),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains("4 | JWT_SECRET=********\n"),
        "{}",
        human.stdout
    );
    assert!(!human.stdout.contains("Zq8Lm3Wd"), "{}", human.stdout);
    assert!(
        human
            .stdout
            .contains("compose.yml: no problems found (production profile)\n"),
        "{}",
        human.stdout
    );
}

#[test]
fn a_missing_env_file_is_a_finding_on_its_line() {
    let compose = "services:\n  api:\n    env_file: [deploy/gone.env, { path: deploy/also-gone.env, required: false }]\n    environment: { PORT: \"8080\" }\n";
    let out = project(compose, &[])
        .run("check compose.yml --service api --schema app.yaml --format json");
    assert_eq!(out.status, 1);
    assert_eq!(findings(&out), [row("", "compose/env-file-missing", 3, 16)]);
}

#[test]
fn env_files_outside_the_project_are_never_read() {
    let compose = "services:\n  api:\n    env_file:\n      - /etc/shadow\n      - ../../outside.env\n      - deploy/../ok.env\n";
    let host = project(
        compose,
        &[
            ("/etc/shadow", "root:x\n"),
            ("/outside.env", "PORT=1\n"),
            ("/p/ok.env", "PORT=8080\n"),
        ],
    );
    let out = host.run("check compose.yml --service api --schema app.yaml --format json");
    assert_eq!(
        findings(&out),
        [
            row("compose.yml", "compose/env-file-outside", 4, 9),
            row("compose.yml", "compose/env-file-outside", 5, 9)
        ]
    );
    let reads = host.reads.borrow().clone();
    assert!(
        !reads
            .iter()
            .any(|r| r == "/etc/shadow" || r == "/outside.env"),
        "{reads:?}"
    );
    assert!(reads.iter().any(|r| r == "/p/ok.env"), "{reads:?}");
    // A trusted compose file may name them.
    let trusted = host
        .run("check compose.yml --service api --schema app.yaml --trust-env-files --format json");
    assert_eq!(trusted.status, 1, "{}", trusted.stderr);
    assert!(host.reads.borrow().iter().any(|r| r == "/outside.env"));
}

#[test]
fn services_are_chosen_by_flag_project_file_or_x_preflight() {
    let compose = "services:\n  api:\n    x-preflight: { schema: app.yaml }\n    environment: { PORT: \"70000\" }\n  db:\n    image: postgres\n";
    let host = project(compose, &[]);
    // Without --service: every service that names its schema.
    let out = host.run("check compose.yml --format json");
    assert_eq!(findings(&out), [row("", "port/out-of-range", 4, 26)]);
    let out = host.run("check compose.yml --service nope --schema app.yaml");
    assert_eq!(out.status, 2);
    assert_eq!(
        out.stderr,
        "preflight: `compose.yml` has no service `nope` (its services: api, db)\n"
    );
    let plain = project("services:\n  db:\n    image: postgres\n", &[]);
    let out = plain.run("check compose.yml --schema app.yaml");
    assert_eq!(out.status, 2);
    assert!(
        out.stderr
            .contains("name its service with `--service NAME`"),
        "{}",
        out.stderr
    );

    let mut host = project(compose, &[]);
    host.files.borrow_mut().insert(
        "/p/preflight.toml".into(),
        "[[check]]\nfiles = [\"compose.yml\"]\nservice = \"api\"\nschema = \"app.yaml\"\nprofile = \"development\"\n".into(),
    );
    host.cwd = "/p".into();
    let out = host.run("check --format json");
    assert_eq!(out.status, 1, "{}", out.stderr);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report["profile"], "development");
    assert_eq!(findings(&out), [row("", "port/out-of-range", 4, 26)]);
}

#[test]
fn a_compose_file_that_does_not_parse_reports_its_syntax_error_with_secrets_masked() {
    let compose = "services:\n  api:\n    environment:\n      JWT_SECRET: \"Zk4pQv9Lr2Xw7Tn3Hb6Jm8\n      PORT: 80\n";
    for args in [
        "check compose.yml --service api --schema app.yaml --format json",
        "check compose.yml --service api --format json",
    ] {
        let out = project(compose, &[]).run(args);
        assert_eq!(out.status, 1, "{args}: {}", out.stderr);
        assert_eq!(findings(&out), [row("", "parse/yaml", 4, 19)], "{args}");
    }
    let human = project(compose, &[]).run("check compose.yml --service api --schema app.yaml");
    assert!(
        human
            .stdout
            .contains("4 |       JWT_SECRET: ***********************\n"),
        "{}",
        human.stdout
    );
}
