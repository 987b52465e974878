//! `--schema auto` and `preflight init`: the same inference, one implementation. A schema
//! `init` writes compiles and checks a file exactly as `auto` does, in env, YAML and JSON.
#![cfg(feature = "cli")]

mod common;

use common::Memory;
use preflight::cli::Outcome;

fn findings(out: &Outcome) -> Vec<(String, String)> {
    let report: serde_json::Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", out.stdout, out.stderr));
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["pointer"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const ENV: &str = "PORT=70000\nDATABASE_URL=postgres://app:pw@localhost/app\nJWT_SECRET=short\nSESSION_SECRET=short\nSMTP_HOST=smtp.acme.io\nSMTP_PORT=465\nSMTP_SECURE=false\nCORS_ORIGINS=https://app.acme.io/\nPUBLIC_KEY=abc\nUNKNOWN_THING=whatever\n";
const YAML: &str = "server:\n  port: 70000\n  cors_allowed_origins: [https://app.acme.io/]\ndatabase:\n  url: postgres://app@localhost/app\njwt:\n  secret: replace-me\n";
const JSON: &str = "{\"server\": {\"port\": 70000}, \"redis\": {\"url\": \"redis://cache:6379\"}}";

#[test]
fn init_writes_the_schema_auto_checks_with() {
    for (file, text) in [
        (".env.production", ENV),
        ("config.yaml", YAML),
        ("config.json", JSON),
    ] {
        let path = format!("/a/{file}");
        let mut host = Memory::new("/a", &[(path.as_str(), text)]);
        let auto = host.run(&format!(
            "check {file} --schema auto --format json --no-config"
        ));
        assert_eq!(auto.status, 1, "{file}: {}", auto.stderr);
        let init = host.run(&format!("init {file} --output schema.yaml"));
        assert_eq!((init.status, init.stderr.as_str()), (0, ""), "{file}");
        let written = host.files.borrow()["/a/schema.yaml"].clone();
        assert!(written.starts_with("# Inferred by preflight"), "{written}");
        assert!(written.contains("#   required: production"), "{written}");
        host.cwd = "/a".into();
        let with_init = host.run(&format!(
            "check {file} --schema schema.yaml --format json --no-config"
        ));
        assert_eq!(findings(&with_init), findings(&auto), "{file}\n{written}");
    }
}

#[test]
fn an_env_file_gets_its_kinds_relations_and_notes() {
    let host = Memory::new("/a", &[("/a/.env.production", ENV)]);
    let out = host.run("check .env.production --schema auto --format json --no-config");
    assert_eq!(
        findings(&out),
        [
            ("port/out-of-range".to_string(), "/PORT".to_string()),
            ("postgres/unverified-tls".into(), "/DATABASE_URL".into()),
            ("url/local-host".into(), "/DATABASE_URL".into()),
            ("secret/too-weak".into(), "/JWT_SECRET".into()),
            ("secret/reused".into(), "/SESSION_SECRET".into()),
            ("secret/too-weak".into(), "/SESSION_SECRET".into()),
            ("smtp/port-tls-mismatch".into(), "/SMTP_SECURE".into()),
            ("origin/has-path".into(), "/CORS_ORIGINS/0".into()),
        ]
    );
    let human = host.run("check .env.production --schema auto --no-config");
    assert!(
        human
            .stdout
            .contains("  = note: kind inferred from the name PORT: the name is PORT\n"),
        "{}",
        human.stdout
    );
    assert!(
        !human.stdout.contains("UNKNOWN_THING"),
        "unknown keys are never findings: {}",
        human.stdout
    );
    assert!(
        !human.stdout.contains("PUBLIC_KEY"),
        "a _KEY infers nothing: {}",
        human.stdout
    );
}

#[test]
fn init_says_what_it_needs() {
    let host = Memory::new("/a", &[]);
    let out = host.run("init");
    assert_eq!(out.status, 2);
    assert!(
        out.stderr.contains("`init` needs the FILE"),
        "{}",
        out.stderr
    );
    let out = host.run("init missing.env");
    assert_eq!(
        out.stderr,
        "preflight: cannot read `missing.env`: no such file or directory\n"
    );
}

#[test]
fn s3_and_webauthn_groups_become_their_blocks() {
    let env = "S3_BUCKET=Files.Example\nS3_REGION=eu-central-1\nS3_ENDPOINT=https://s3.eu-central-1.amazonaws.com\nAWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=Hq5Wd9Fs3Jk7Lb1YZx8Kq2Lm4Np6Rt0VaB3cD5eF\nWEBAUTHN_RP_ID=login.acme.io\nWEBAUTHN_RP_ORIGIN=https://app.acme.io\n";
    let host = Memory::new("/a", &[("/a/.env", env)]);
    let out = host.run("check .env --schema auto --format json --no-config");
    assert_eq!(
        findings(&out),
        [
            (
                "s3/invalid-bucket-name".to_string(),
                "/S3_BUCKET".to_string()
            ),
            (
                "s3/published-credentials".into(),
                "/AWS_ACCESS_KEY_ID".into()
            ),
            ("webauthn/rp-id-mismatch".into(), "/WEBAUTHN_RP_ID".into()),
        ]
    );
    // Disabled or empty, the relying party is not checked.
    let off = Memory::new("/a", &[("/a/.env", "WEBAUTHN_ENABLED=false\nWEBAUTHN_RP_ID=login.acme.io\nWEBAUTHN_RP_ORIGIN=https://app.acme.io\nS3_BUCKET=\nS3_REGION=eu-central-1\n")]);
    assert_eq!(
        findings(&off.run("check .env --schema auto --format json --no-config")),
        Vec::<(String, String)>::new()
    );
}
