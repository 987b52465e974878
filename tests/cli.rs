//! The command-line contract of DESIGN.md: commands, flags, exit statuses and the JSON report.

use std::io::Write;
use std::process::{Command, Stdio};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn preflight(args: &[&str]) -> Run {
    preflight_with_stdin(args, None)
}

fn preflight_with_stdin(args: &[&str], stdin: Option<&str>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_preflight"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the preflight binary runs");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// `(code, line, column)` of every diagnostic in a JSON report.
fn places(report: &serde_json::Value) -> Vec<(String, u64, u64)> {
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

fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

#[test]
fn the_readme_example_reports_its_mistakes_and_exits_1() {
    let run = preflight(&["check", "examples/demo/config.yaml", "--schema", "demo"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains(
        "examples/demo/config.yaml:5:15: error[url/not-https] `http://app.example.com` sends traffic in plain text\n  |\n5 |   public_url: http://app.example.com\n  |               ^^^^^^^^^^^^^^^^^^^^^^\n  = help: use `https://` in production\n"
    ), "{}", run.stdout);
    assert!(run
        .stdout
        .ends_with("examples/demo/config.yaml: 12 errors and 2 warnings (production profile)\n"));
    // The secret's line is printed masked, with the underline where the value is.
    assert!(run.stdout.contains(
        "examples/demo/config.yaml:26:15: error[secret/placeholder] the secret is a placeholder word\n   |\n26 |   jwt_secret: *********\n   |               ^^^^^^^^^\n"
    ), "{}", run.stdout);
    assert!(!run.stdout.contains("change-me"), "{}", run.stdout);
}

#[test]
fn a_clean_file_exits_0() {
    let run = preflight(&["check", "examples/demo/clean.yaml", "--schema", "demo"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn yaml_json_and_env_files_report_codes_at_line_and_column() {
    type Place = (&'static str, u64, u64);
    let cases: [(&str, &str, &[Place]); 3] = [
        (
            "tests/fixtures/yaml/invalid_kinds.yaml",
            "tests/fixtures/yaml/schema.yaml",
            &[
                ("bind/invalid", 3, 11),
                ("url/not-https", 4, 15),
                ("duration/invalid", 5, 17),
            ],
        ),
        (
            "tests/fixtures/json/invalid_kinds.json",
            "tests/fixtures/json/schema.json",
            &[
                ("bind/invalid", 2, 13),
                ("url/local-host", 3, 42),
                ("url/invalid", 3, 67),
            ],
        ),
        (
            "tests/fixtures/env/invalid_values.env",
            "tests/fixtures/env/schema.yaml",
            &[
                ("port/invalid", 1, 6),
                ("value/unresolved-template", 2, 12),
                ("url/local-host", 3, 14),
            ],
        ),
    ];
    for (file, schema, first) in cases {
        let run = preflight(&["check", file, "--schema", schema, "--format", "json"]);
        assert_eq!(run.code, 1, "{file}: {}", run.stderr);
        let got = places(&json(&run));
        let want: Vec<(String, u64, u64)> = first
            .iter()
            .map(|(c, l, col)| (c.to_string(), *l, *col))
            .collect();
        assert_eq!(&got[..want.len()], &want[..], "{file}");
    }
}

#[test]
fn json_output_is_the_design_contract() {
    let run = preflight(&[
        "check",
        "examples/demo/config.yaml",
        "--schema",
        "demo",
        "--format",
        "json",
    ]);
    let report = json(&run);
    let keys: Vec<&str> = report
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["diagnostics", "errors", "profile", "schema", "warnings"]
    );
    assert_eq!(report["schema"], "demo");
    assert_eq!(report["profile"], "production");
    assert_eq!(report["errors"], 12);
    assert_eq!(report["warnings"], 2);
    let first = &report["diagnostics"][0];
    assert_eq!(
        first,
        &serde_json::json!({
            "code": "url/not-https",
            "severity": "error",
            "pointer": "/server/public_url",
            "message": "`http://app.example.com` sends traffic in plain text",
            "help": "use `https://` in production",
            "span": {
                "start": { "offset": 176, "line": 5, "column": 15, "utf16_column": 15 },
                "end": { "offset": 198, "line": 5, "column": 37, "utf16_column": 37 }
            }
        })
    );
    let text = std::fs::read_to_string("examples/demo/config.yaml").unwrap();
    assert_eq!(&text[176..198], "http://app.example.com");
}

#[test]
fn several_files_give_an_array_of_reports_with_file_names() {
    let run = preflight(&[
        "check",
        "examples/demo/clean.yaml",
        "examples/demo/.env.production",
        "--schema",
        "demo",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 1);
    let reports = json(&run);
    assert_eq!(reports[0]["file"], "examples/demo/clean.yaml");
    assert_eq!(reports[0]["errors"], 0);
    assert_eq!(reports[1]["file"], "examples/demo/.env.production");
    assert_eq!(
        places(&reports[1]),
        [
            ("url/local-host".to_string(), 4, 19),
            ("enum/non-canonical".to_string(), 6, 16),
            ("list/duplicate".to_string(), 7, 36)
        ]
    );
}

#[test]
fn development_profile_relaxes_production_rules() {
    let run = preflight(&[
        "check",
        "examples/demo/.env.production",
        "--schema",
        "demo",
        "--profile",
        "development",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0);
    let codes: Vec<String> = places(&json(&run)).into_iter().map(|p| p.0).collect();
    assert_eq!(codes, ["enum/non-canonical", "list/duplicate"]);
}

#[test]
fn strict_makes_unknown_keys_errors() {
    let file = "tests/fixtures/env/invalid_lines.env";
    let schema = "tests/fixtures/env/schema.yaml";
    let loose = json(&preflight(&[
        "check", file, "--schema", schema, "--format", "json",
    ]));
    let strict = json(&preflight(&[
        "check", file, "--schema", schema, "--format", "json", "--strict",
    ]));
    let severity = |r: &serde_json::Value| {
        r["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == "schema/unknown-field")
            .unwrap()["severity"]
            .clone()
    };
    assert_eq!(severity(&loose), "warning");
    assert_eq!(severity(&strict), "error");
}

#[test]
fn input_format_can_be_forced_and_stdin_read() {
    let run = preflight_with_stdin(
        &[
            "check",
            "-",
            "--schema",
            "tests/fixtures/env/schema.yaml",
            "--input",
            "env",
            "--format",
            "json",
        ],
        Some("PORT=0\nPUBLIC_URL=https://x.example.com\nDATABASE_URL_FILE=/run/db\n"),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        places(&json(&run)),
        [("port/out-of-range".to_string(), 1, 6)]
    );
}

#[test]
fn a_custom_schema_file_from_disk_works() {
    let dir = std::env::temp_dir().join(format!("preflight-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let schema = dir.join("mine.yaml");
    std::fs::write(&schema, "schema: mine\ntitle: Mine\nformat: env\nfields:\n  WORKERS: { kind: int, min: 1, max: 8, required: always }\n").unwrap();
    let config = dir.join("app.env");
    std::fs::write(&config, "WORKERS=9\n").unwrap();
    let run = preflight(&[
        "check",
        config.to_str().unwrap(),
        "--schema",
        schema.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report = json(&run);
    assert_eq!(report["schema"], "mine");
    assert_eq!(places(&report), [("int/out-of-range".to_string(), 1, 9)]);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn command_failures_exit_2_with_a_reason() {
    let cases: [(&[&str], &str); 6] = [
        (
            &["check", "examples/demo/config.yaml", "--schema", "nope"],
            "unknown schema `nope`",
        ),
        (
            &["check", "missing.yaml", "--schema", "demo"],
            "cannot read `missing.yaml`",
        ),
        (
            &["check", "examples/demo/config.yaml"],
            "needs `--schema NAME|PATH`",
        ),
        (
            &[
                "check",
                "examples/demo/config.yaml",
                "--schema",
                "demo",
                "--format",
                "xml",
            ],
            "unknown output format `xml`",
        ),
        (
            &[
                "check",
                "examples/demo/config.yaml",
                "--schema",
                "tests/fixtures/yaml/invalid_kinds.yaml",
            ],
            "invalid schema",
        ),
        (&["explain", "url/nope"], "unknown code `url/nope`"),
    ];
    for (args, reason) in cases {
        let run = preflight(args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.contains(reason), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn explain_prints_the_registry_entry() {
    let run = preflight(&["explain", "url/local-host"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with("url/local-host: A production URL points at the local machine or a development service.\n\nproduction: error; development: not reported\n"), "{}", run.stdout);
    assert!(run
        .stdout
        .contains("Fails:\n    database_url: postgres://app@localhost:5432/app\n"));
}

#[test]
fn schemas_lists_one_schema_per_line() {
    let run = preflight(&["schemas"]);
    assert_eq!(run.code, 0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let names: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(
        names,
        [
            "synctv",
            "synctv-helm",
            "horizon",
            "synapse",
            "stellar-paystack",
            "pgstack",
            "rend-api",
            "rend-media-worker",
            "rend-edge",
            "demo"
        ]
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("demo               A small web service")),
        "{}",
        run.stdout
    );
}

#[test]
fn code_frames_never_show_a_url_password() {
    let run = preflight_with_stdin(
        &["check", "-", "--schema", "demo", "--input", "env"],
        Some("DEMO_LISTEN=:8080\nDEMO_PUBLIC_URL=https://a.acme.io\nDEMO_DATABASE_URL=postgres://app:s3cret-pw@localhost/app\nDEMO_DATA_DIR=/var/lib/demo\n"),
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("3 | DEMO_DATABASE_URL=postgres://app:*********@localhost/app\n"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("s3cret"), "{}", run.stdout);
}

#[test]
fn github_format_prints_one_annotation_per_diagnostic() {
    let run = preflight(&[
        "check",
        "examples/demo/config.yaml",
        "--schema",
        "demo",
        "--format",
        "github",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 14, "{}", run.stdout);
    assert_eq!(
        lines[0],
        "::error file=examples/demo/config.yaml,line=5,col=15,endLine=5,endColumn=37,title=preflight url/not-https::`http://app.example.com` sends traffic in plain text (/server/public_url)%0Ahelp: use `https://` in production"
    );
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("::warning ")).count(),
        2
    );
    // The demo's placeholder JWT secret is reported, never shown.
    assert!(lines.iter().any(|l| l.contains("secret/placeholder")));
    assert!(!run.stdout.contains("change-me"), "{}", run.stdout);
}
