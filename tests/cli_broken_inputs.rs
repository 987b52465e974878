//! "Never a secret" through the command line: a project whose env file, compose file, YAML
//! and JSON configs hold secrets, checked by its preflight.toml, with one file edited at random
//! (tests/common/edits.rs). No output of `preflight check`, in any format, on stdout or
//! stderr, holds a 6-byte piece of a secret.
#![cfg(feature = "cli")]

mod common;
#[path = "common/edits.rs"]
mod edits;

use common::Memory;
use proptest::prelude::*;

const PROJECT: &str = "[[check]]\nfiles = [\"deploy/*.env\"]\nschema = \"demo\"\n\n\
[[check]]\nfiles = [\"compose.yml\"]\nservice = \"api\"\nschema = \"demo\"\n\n\
[[check]]\nfiles = [\"config/*.yaml\", \"config/*.json\"]\nschema = \"demo\"\n\n\
[[check]]\nfiles = [\"k8s/api.yaml\"]\nselect = \"deployment/api/app\"\nschema = \"demo\"\n";

/// The project's files, the secrets `a`, `b` and `c` in each config.
fn files([a, b, c]: &[String; 3]) -> Vec<(&'static str, String)> {
    vec![
        ("/repo/preflight.toml", PROJECT.to_string()),
        (
            "/repo/deploy/prod.env",
            format!("DEMO_LISTEN=0.0.0.0:8080\nDEMO_JWT_SECRET={a}\nSMTP_PASSWORD=\"{b}\"\nDEMO_DATABASE_URL=postgres://app:{c}@db.acme.io/app\n"),
        ),
        (
            "/repo/compose.yml",
            format!("services:\n  api:\n    image: acme/api:1.4\n    environment:\n      DEMO_LISTEN: 0.0.0.0:8080\n      DEMO_JWT_SECRET: \"{a}\"\n      SMTP_PASSWORD: {b}\n      DEMO_DATABASE_URL: postgres://app:{c}@db.acme.io/app\n"),
        ),
        (
            "/repo/config/app.yaml",
            format!("server:\n  listen: 0.0.0.0:8080\nauth:\n  jwt_secret: {a}\nsmtp:\n  host: smtp.acme.io\n  password: \"{b}\"\ndatabase:\n  url: postgres://app:{c}@db.acme.io/app\n"),
        ),
        (
            "/repo/config/app.json",
            format!("{{\n  \"auth\": {{ \"jwt_secret\": \"{a}\" }},\n  \"smtp\": {{ \"password\": \"{b}\" }},\n  \"database\": {{ \"url\": \"postgres://app:{c}@db.acme.io/app\" }}\n}}\n"),
        ),
        (
            "/repo/k8s/api.yaml",
            format!("apiVersion: v1\nkind: Secret\nmetadata:\n  name: api-secrets\nstringData:\n  DEMO_JWT_SECRET: \"{a}\"\n  DEMO_DATABASE_URL: postgres://app:{c}@db.acme.io/app\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          env:\n            - name: DEMO_LISTEN\n              value: 0.0.0.0:8080\n            - name: DEMO_JWT_SECRET\n              valueFrom:\n                secretKeyRef: {{ name: api-secrets, key: DEMO_JWT_SECRET }}\n            - name: SMTP_PASSWORD\n              value: \"{b}\"\n            - name: DEMO_DATABASE_URL\n              valueFrom:\n                secretKeyRef: {{ name: api-secrets, key: DEMO_DATABASE_URL }}\n"),
        ),
    ]
}

/// A SARIF log without its rules' descriptions: the registry's texts, the same in every run,
/// whose examples hold made-up secrets that a generated one may share six characters with.
/// Any other output as it is.
fn without_rules(out: &str) -> String {
    let Ok(mut log) = serde_json::from_str::<serde_json::Value>(out) else {
        return out.to_string();
    };
    let Some(runs) = log.get_mut("runs").and_then(|r| r.as_array_mut()) else {
        return out.to_string();
    };
    for run in runs {
        if let Some(driver) = run
            .pointer_mut("/tool/driver")
            .and_then(|d| d.as_object_mut())
        {
            driver.remove("rules");
        }
    }
    log.to_string()
}

const RUNS: [&str; 5] = [
    "check",
    "check --format json",
    "check --format sarif",
    "check --format github",
    "check --strict --color always",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64)
    ))]
    /// Long runs: `PROPTEST_CASES=100000 cargo test --release --test cli_broken_inputs`.
    #[test]
    fn a_project_with_a_broken_file_never_shows_a_secret(
        s in edits::generated(24..41, 3),
        which in 0usize..6,
        changes in edits::edits(),
        run in 0usize..RUNS.len(),
    ) {
        let mut files = files(&s);
        for change in changes {
            files[which].1 = edits::edit(&files[which].1, &edits::kept_words(&s), change);
        }
        let paths: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
        let out = Memory::new("/repo", &paths).run(RUNS[run]);
        let stdout = without_rules(&out.stdout);
        for secret in &s {
            for (stream, text) in [("stdout", &stdout), ("stderr", &out.stderr)] {
                let piece = edits::shown_piece(text, secret);
                prop_assert!(piece.is_none(), "`{:?}` is shown on {} of `{}`:\n{}\nfrom\n{:?}", piece, stream, RUNS[run], text, files[which]);
            }
        }
    }
}

/// The project as written, before any edit: what each run reports (so the property above
/// checks runs that find something in every file), and no secret in any of them.
#[test]
fn the_project_unbroken_reports_each_file_and_no_secret() {
    let s = [
        "Zk4pQv9Lr2Xw7Tn3Hb6Jm8Yc1Df5Gs0Ka".to_string(),
        "Pw8rTq3Ns6Vx1Bz4Lm7Kj2Hg5Fd9Sa0Qe".to_string(),
        "Xy5Ab3Cd7Ef9Gh1Ij2Kl4Mn6Op8Qr0StU".to_string(),
    ];
    let files = files(&s);
    let paths: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let out = Memory::new("/repo", &paths).run("check --format json");
    let reports: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    // `file code pointer line:column` of each finding.
    let mut found = Vec::new();
    for report in reports.as_array().unwrap() {
        for d in report["diagnostics"].as_array().unwrap() {
            let at = &d["span"]["start"];
            let place = match (at["line"].as_u64(), at["column"].as_u64()) {
                (Some(line), Some(column)) => format!("{line}:{column}"),
                _ => "-".to_string(),
            };
            let (file, code, pointer) = (&report["file"], &d["code"], &d["pointer"]);
            found.push(format!(
                "{} {} {} {place}",
                file.as_str().unwrap(),
                code.as_str().unwrap(),
                pointer.as_str().unwrap()
            ));
        }
    }
    let want = [
        "deploy/prod.env schema/missing-required /DEMO_DATA_DIR -",
        "deploy/prod.env schema/missing-required /DEMO_PUBLIC_URL -",
        "deploy/prod.env secret/below-256-bits /DEMO_JWT_SECRET 2:17",
        "deploy/prod.env schema/unknown-field /SMTP_PASSWORD 3:1",
        "compose.yml schema/missing-required /DEMO_DATA_DIR -",
        "compose.yml schema/missing-required /DEMO_PUBLIC_URL -",
        "compose.yml secret/below-256-bits /DEMO_JWT_SECRET 6:24",
        "compose.yml schema/unknown-field /SMTP_PASSWORD 7:7",
        "config/app.yaml schema/missing-required /storage/data_dir -",
        "config/app.yaml schema/missing-required /server/public_url 1:1",
        "config/app.yaml secret/below-256-bits /auth/jwt_secret 4:15",
        "config/app.yaml secret/below-256-bits /smtp/password 7:13",
        "config/app.json schema/missing-required /server/listen -",
        "config/app.json schema/missing-required /server/public_url -",
        "config/app.json schema/missing-required /storage/data_dir -",
        "config/app.json secret/below-256-bits /auth/jwt_secret 2:27",
        "config/app.json secret/below-256-bits /smtp/password 3:25",
        // The Deployment's container; its JWT secret is read from the Secret, on its line there.
        "k8s/api.yaml schema/missing-required /DEMO_DATA_DIR -",
        "k8s/api.yaml schema/missing-required /DEMO_PUBLIC_URL -",
        "k8s/api.yaml secret/below-256-bits /DEMO_JWT_SECRET 6:20",
        "k8s/api.yaml schema/unknown-field /SMTP_PASSWORD 24:21",
    ];
    assert_eq!(found, want);
    for run in RUNS {
        let out = Memory::new("/repo", &paths).run(run);
        assert_eq!((out.status, out.stderr.as_str()), (1, ""), "{run}");
        for secret in &s {
            assert_eq!(
                edits::shown_piece(&out.stdout, secret),
                None,
                "{run}:\n{}",
                out.stdout
            );
        }
    }
}
