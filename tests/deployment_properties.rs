//! Random compose files and Kubernetes manifests, built from pieces of real ones and cut at
//! random places, never make the CLI panic, and every span it reports lies in the file the
//! report names, on the line it says.
#![cfg(feature = "cli")]

mod common;

use common::Memory;
use proptest::prelude::*;

const SCHEMA: &str = "schema: app\nformat: env\nfields:\n  PORT: { kind: port, required: always }\n  PUBLIC_URL: { kind: url }\n  JWT_SECRET: { kind: secret, min_chars: 32 }\n";

const ENV_FILE: &str = "PORT=70000\nPUBLIC_URL=http://app.acme.io\nJWT_SECRET=Zq8Lm3Wd\n";

/// Pieces of a service: every form of `environment:` and `env_file:`.
const SERVICE_PIECES: [&str; 8] = [
    "    environment:\n      PORT: 70000\n",
    "    environment:\n      - PORT=8080\n      - \"PUBLIC_URL=http://x\"\n      - FROM_SHELL\n",
    "    env_file: app.env\n",
    "    env_file: [app.env, { path: gone.env, required: false }]\n",
    "    env_file:\n      - path: /etc/shadow\n",
    "    healthcheck:\n      test: [CMD, curl, -f, http://localhost]\n",
    "    environment: [JWT_SECRET=short, 'PORT=1']\n",
    "    x-preflight: { schema: app.yaml }\n",
];

const MANIFEST_PIECES: [&str; 4] = [
    "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: app }\ndata:\n  PORT: \"70000\"\n",
    "apiVersion: v1\nkind: Secret\nmetadata: { name: app }\ndata:\n  JWT_SECRET: WnE4TG0zV2Q=\n  PORT: '***'\nstringData:\n  PUBLIC_URL: http://x\n",
    "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: app }\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          envFrom: [{ configMapRef: { name: app } }]\n          env:\n            - { name: PORT, value: \"1\" }\n            - { name: JWT_SECRET, valueFrom: { secretKeyRef: { name: app, key: JWT_SECRET } } }\n",
    "kind: List\nitems:\n  - { kind: ConfigMap, metadata: { name: app }, data: { PORT: x } }\n",
];

fn cut(text: &str, at: f64) -> String {
    let mut end = ((text.len() as f64) * at) as usize;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_string()
}

fn line_of(text: &str, offset: usize) -> usize {
    preflight::span::line_breaks(text)
        .take_while(|(_, next)| *next <= offset)
        .count()
        + 1
}

/// Every span of every report lies in the text of the file it names.
fn spans_point_into_their_files(host: &Memory, stdout: &str) -> Result<(), TestCaseError> {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(stdout) else {
        return Ok(()); // a run that could not check (status 2) prints no report
    };
    let reports = match value {
        serde_json::Value::Array(all) => all,
        one => vec![one],
    };
    let files = host.files.borrow();
    for report in &reports {
        let name = report["file"].as_str().unwrap_or("");
        let text = files
            .iter()
            .find(|(path, _)| {
                name.is_empty() && path.ends_with(".yml")
                    || path.ends_with(&format!("/{name}")) && !name.is_empty()
            })
            .map(|(_, t)| t.clone())
            .unwrap_or_default();
        for d in report["diagnostics"].as_array().unwrap() {
            let Some(start) = d["span"]["start"]["offset"].as_u64() else {
                continue;
            };
            let end = d["span"]["end"]["offset"].as_u64().unwrap() as usize;
            let start = start as usize;
            prop_assert!(start <= end && end <= text.len(), "{d} outside `{name}`");
            prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
            prop_assert_eq!(
                d["span"]["start"]["line"].as_u64().unwrap() as usize,
                line_of(&text, start),
                "{} in {}",
                d,
                name
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(128)
    ))]

    #[test]
    fn compose_files_never_panic_and_spans_stay_in_their_file(
        pieces in proptest::collection::vec(0usize..SERVICE_PIECES.len(), 1..5),
        at in 0.3f64..1.0,
        env_cut in 0.0f64..1.0,
    ) {
        let mut compose = String::from("services:\n  app:\n");
        for i in pieces {
            compose.push_str(SERVICE_PIECES[i]);
        }
        let compose = cut(&compose, at);
        let env = cut(ENV_FILE, env_cut.max(0.5));
        let host = Memory::new("/p", &[("/p/compose.yml", &compose), ("/p/app.env", &env), ("/p/app.yaml", SCHEMA), ("/etc/shadow", "root:x\n")]);
        let out = host.run("check compose.yml --service app --schema app.yaml --format json");
        prop_assert!(out.status <= 2);
        prop_assert!(!host.reads.borrow().iter().any(|r| r == "/etc/shadow"));
        spans_point_into_their_files(&host, &out.stdout)?;
        // The code frames of the human report mask the secret wherever it was written.
        let human = host.run("check compose.yml --service app --schema app.yaml");
        prop_assert!(!human.stdout.contains("Zq8Lm3Wd"), "{}", human.stdout);
    }

    #[test]
    fn manifests_never_panic_and_spans_stay_in_the_file(
        pieces in proptest::collection::vec(0usize..MANIFEST_PIECES.len(), 1..4),
        at in 0.3f64..1.0,
        select in prop::sample::select(vec!["configmap/app", "secret/app", "deployment/app", "deployment/app/app", "pod/none"]),
    ) {
        let manifest = cut(&pieces.iter().map(|&i| MANIFEST_PIECES[i]).collect::<Vec<_>>().join("---\n"), at);
        let host = Memory::new("/k", &[("/k/m.yml", &manifest), ("/k/app.yaml", SCHEMA)]);
        let out = host.run(&format!("check m.yml --select {select} --schema app.yaml --format json"));
        prop_assert!(out.status <= 2);
        spans_point_into_their_files(&host, &out.stdout)?;
        let human = host.run(&format!("check m.yml --select {select} --schema app.yaml"));
        prop_assert!(!human.stdout.contains("WnE4TG0zV2Q") && !human.stdout.contains("Zq8Lm3Wd"), "{}", human.stdout);
    }
}
