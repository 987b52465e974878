//! The built-in schemas against the reference systems' real example configs in
//! ../shared/corpus/<system>/ (never copied into this repository). Every file there has an
//! expectation here: the exact errors (line and code) a production check reports, and why.
//! A directory that does not exist is skipped with a message.
//!
//! `PREFLIGHT_CORPUS_PRINT=1 cargo test --test corpus -- --nocapture` prints what each file
//! gives, to review when a schema changes.

use std::path::{Path, PathBuf};

use preflight::{builtin, check, Document, Format, Limits, Options, Report, Severity, Source};

const CORPUS: &str = "../shared/corpus";

/// One corpus file and what checking it must give.
struct Case {
    file: &'static str,
    schema: &'static str,
    /// The errors, each `line:code` (or `pointer:code` when the finding has no place).
    errors: &'static [&'static str],
    /// Check only the subtree at this pointer (Helm values keep the config under `/config`).
    subtree: Option<&'static str>,
    options: fn() -> Options,
    /// Why the file is not a config this system reads, when it is not (a Terraform or compose
    /// file beside the env files); such a file is only checked to exist.
    not_a_config: Option<&'static str>,
}

fn production() -> Options {
    Options::production()
}

const fn case(file: &'static str, schema: &'static str, errors: &'static [&'static str]) -> Case {
    Case {
        file,
        schema,
        errors,
        subtree: None,
        options: production,
        not_a_config: None,
    }
}

const fn not_a_config(file: &'static str, why: &'static str) -> Case {
    Case {
        not_a_config: Some(why),
        ..case(file, "", &[])
    }
}

const fn subtree(
    file: &'static str,
    schema: &'static str,
    at: &'static str,
    errors: &'static [&'static str],
) -> Case {
    Case {
        subtree: Some(at),
        ..case(file, schema, errors)
    }
}

fn format_of(file: &str) -> Format {
    if file.ends_with(".yaml") || file.ends_with(".yml") {
        Format::Yaml
    } else {
        Format::Env
    }
}

fn run(dir: &Path, case: &Case) -> Report {
    let text = std::fs::read_to_string(dir.join(case.file))
        .unwrap_or_else(|e| panic!("{}: {e}", case.file));
    let schema = builtin::get(case.schema).expect("built-in schema");
    let options = (case.options)();
    let format = format_of(case.file);
    match case.subtree {
        Some(at) => {
            let doc = Document::parse(&text, format, &Limits::default());
            let node = doc.get(at).expect("subtree").clone();
            check(
                &schema,
                Source::Document(Document::from_node(node)),
                &options,
            )
        }
        None => check(
            &schema,
            Source::Text {
                text: &text,
                format: Some(format),
            },
            &options,
        ),
    }
}

fn errors(report: &Report) -> Vec<String> {
    report
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| match d.span {
            Some(span) => format!("{}:{}", span.start.line, d.code),
            None => format!("{}:{}", d.pointer, d.code),
        })
        .collect()
}

/// The corpus directory of a system, or `None` (with a message) when it is not there.
fn corpus_dir(name: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(CORPUS).join(name);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} does not exist", dir.display());
        None
    }
}

/// Runs every case of a system; fails on a file in the directory that has no case.
fn system(name: &str, cases: &[Case]) -> Option<Vec<(String, Report)>> {
    let dir = corpus_dir(name)?;
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("readable corpus")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|f| f != "SOURCE.txt")
        .collect();
    files.sort();
    for file in &files {
        assert!(
            cases.iter().any(|c| c.file == file),
            "{name}/{file} has no expectation in tests/corpus.rs"
        );
    }
    let print = std::env::var_os("PREFLIGHT_CORPUS_PRINT").is_some();
    let mut out = Vec::new();
    let mut failures = Vec::new();
    for case in cases {
        if let Some(why) = case.not_a_config {
            assert!(
                dir.join(case.file).is_file(),
                "{name}/{} is missing",
                case.file
            );
            assert!(!why.is_empty());
            continue;
        }
        let report = run(&dir, case);
        let got = errors(&report);
        if print {
            println!("{name}/{}: {got:?}", case.file);
        }
        if got != case.errors {
            failures.push(format!(
                "{name}/{}:\n  expected {:?}\n  got      {got:?}",
                case.file, case.errors
            ));
        }
        out.push((case.file.to_string(), report));
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    Some(out)
}

#[test]
fn pgstack() {
    system(
        "pgstack",
        &[
            // Intended to pass, and does.
            case("SYNTHETIC-production-good.env", "pgstack", &[]),
            case(
                "SYNTHETIC-production-bad.env",
                "pgstack",
                &[
                    "4:secret/too-weak",
                    "5:value/profile-mismatch",
                    "6:secret/dev-marker",
                    "7:secret/dev-marker",
                    "8:secret/dev-marker",
                    "9:url/local-host",
                    "10:schema/missing-required",
                    "11:value/profile-mismatch",
                    "12:enum/unknown-value",
                    "13:cidr/trust-all",
                    "14:value/profile-mismatch",
                    "15:value/profile-mismatch",
                    "16:value/profile-mismatch",
                    "17:secret/not-url-safe",
                    "17:secret/too-weak",
                ],
            ),
        ],
    );
}

#[test]
fn stellar_paystack() {
    system(
        "stellar-paystack-rust",
        &[
            // Intended to pass, but the checklist asks 32+ characters for the database password (this
            // one has 20) and its Paystack keys are zero-filled stand-ins.
            case(
                "SYNTHETIC-env.production.good",
                "stellar-paystack",
                &["4:postgres/weak-password", "8:secret/placeholder"],
            ),
            case(
                "SYNTHETIC-env.production.bad",
                "stellar-paystack",
                &[
                    "3:postgres/weak-password",
                    "3:url/local-host",
                    "4:url/local-host",
                    "5:value/profile-mismatch",
                    "7:secret/placeholder",
                    "8:relation/key-mode-mismatch",
                    "9:secret/placeholder",
                    "9:secret/too-short",
                    "10:origin/wildcard",
                    "11:value/profile-mismatch",
                ],
            ),
        ],
    );
}

#[test]
fn horizon_synapse() {
    system("horizon-synapse", &[
        case("apps_signal-horizon_api_.env.example", "horizon", &[
            "/JWT_SECRET:schema/missing-required",
            "/METRICS_AUTH_TOKEN:schema/missing-required",
            "4:value/profile-mismatch",
            "9:url/local-host",
            "30:secret/placeholder",
            "32:secret/placeholder",
            "32:secret/too-short",
            "45:hostname/local-host",
            "49:secret/dev-marker",
        ]),
        case("apps_signal-horizon_api_.env.render.example", "horizon", &[
            "16:secret/placeholder",
            "16:secret/too-short",
            "17:secret/placeholder",
            "17:secret/too-short",
            "18:secret/placeholder",
            "19:secret/placeholder",
        ]),
        case("site_configuration_synapse-fleet.md.production.env", "horizon", &[
            "/JWT_SECRET:schema/missing-required",
            "/METRICS_AUTH_TOKEN:schema/missing-required",
            "3:value/unresolved-template",
            "7:value/unresolved-template",
            "9:value/unresolved-template",
            "10:value/unresolved-template",
        ]),
        case("apps_synapse-pingora_config.example.yaml", "synapse", &[
            "5:schema/missing-required",
            "56:value/profile-mismatch",
        ]),
        // Dev configs: committed sensor API keys, localhost hub, no admin key, TLS off.
        case("apps_synapse-pingora_config.yaml", "synapse", &[
            "1:schema/missing-required",
            "32:value/profile-mismatch",
            "38:url/local-host",
            "88:url/local-host",
            "89:secret/placeholder",
            "104:url/local-host",
            "105:secret/placeholder",
            "105:secret/reused",
        ]),
        case("apps_synapse-pingora_config.horizon.yaml", "synapse", &[
            "3:schema/missing-required",
            "35:url/local-host",
            "59:url/local-host",
            "65:secret/placeholder",
            "85:url/local-host",
            "86:secret/placeholder",
        ]),
        not_a_config("render.yaml", "a Render blueprint: env vars are key/value items, most generated or taken from other services at deploy time"),
        subtree("site_deployment_docker.md.compose.yml", "horizon", "/services/horizon/environment", &[
            "/CLICKHOUSE_PASSWORD:schema/missing-required",
            "/CONFIG_ENCRYPTION_KEY:schema/missing-required",
            "/CORS_ORIGINS:schema/missing-required",
            "/JWT_SECRET:schema/missing-required",
            "/METRICS_AUTH_TOKEN:schema/missing-required",
            "/TELEMETRY_JWT_SECRET:schema/missing-required",
            "9:url/local-host",
            "12:url/local-host",
        ]),
    ]);
}

#[test]
fn rend() {
    system("rend", &[
        // The production examples: only placeholders are wrong (`replace-me`, `example.com`).
        case("docs_env_rend-api.env.example", "rend-api", &[
            "6:secret/placeholder",
            "10:secret/placeholder",
            "12:value/placeholder",
            "13:value/placeholder",
            "16:value/placeholder",
            "17:secret/placeholder",
            "23:secret/placeholder",
            "25:secret/placeholder",
            "45:value/placeholder",
            "46:value/placeholder",
            "50:value/placeholder",
            "52:secret/placeholder",
            "53:secret/placeholder",
            "56:secret/placeholder",
        ]),
        case("docs_env_rend-media-worker.env.example", "rend-media-worker", &[
            "5:secret/placeholder",
            "9:secret/placeholder",
            "11:value/placeholder",
            "12:value/placeholder",
            "15:value/placeholder",
            "16:secret/placeholder",
            "20:secret/placeholder",
            "22:secret/placeholder",
            "42:value/placeholder",
            "43:value/placeholder",
            "47:value/placeholder",
            "49:secret/placeholder",
            "50:secret/placeholder",
            "53:secret/placeholder",
        ]),
        case("docs_env_rend-edge-london.env.example", "rend-edge", &[
            "5:value/placeholder",
            "8:value/placeholder",
            "9:secret/placeholder",
            "14:value/placeholder",
            "16:value/placeholder",
            "18:value/placeholder",
            "29:value/placeholder",
            "30:secret/placeholder",
            "36:value/placeholder",
            "37:secret/placeholder",
            "46:secret/placeholder",
        ]),
        case("docs_env_rend-edge-us-east.env.example", "rend-edge", &[
            "5:value/placeholder",
            "8:value/placeholder",
            "9:secret/placeholder",
            "14:value/placeholder",
            "16:value/placeholder",
            "18:value/placeholder",
            "29:value/placeholder",
            "30:secret/placeholder",
            "36:value/placeholder",
            "37:secret/placeholder",
            "46:secret/placeholder",
        ]),
        // A local stack checked for production: every dev default is an error (see below).
        case(".env.docker.example", "rend-api", &[
            "4:value/profile-mismatch",
            "5:url/local-host",
            "6:value/dev-default",
            "9:secret/dev-marker",
            "10:url/local-host",
            "11:url/local-host",
            "12:url/local-host",
            "16:value/dev-default",
            "17:secret/dev-marker",
            "18:value/dev-default",
            "19:value/dev-default",
            "27:value/profile-mismatch",
            "29:secret/dev-marker",
            "30:secret/dev-marker",
            "31:value/profile-mismatch",
            "46:url/local-host",
            "52:url/local-host",
            "66:value/dev-default",
            "69:value/dev-default",
            "70:value/dev-default",
            "71:secret/dev-marker",
            "76:value/dev-default",
            "77:secret/dev-marker",
            "84:value/dev-default",
            "96:value/dev-default",
            "97:value/dev-default",
            "98:value/dev-default",
            "99:value/dev-default",
            "100:value/dev-default",
            "101:value/dev-default",
            "111:url/local-host",
            "112:secret/dev-marker",
            "117:value/dev-default",
        ]),
        case(".env.example", "rend-api", &[
            "/REND_ACTIVE_MEDIA_JOBS_PER_ORGANIZATION:schema/missing-required",
            "/REND_SITE_INTERNAL_TOKEN:schema/missing-required",
            "7:value/profile-mismatch",
            "8:url/local-host",
            "9:url/local-host",
            "12:secret/dev-marker",
            "13:url/local-host",
            "14:url/local-host",
            "16:value/dev-default",
            "17:value/dev-default",
            "18:secret/dev-marker",
            "20:value/dev-default",
            "21:value/profile-mismatch",
            "22:secret/dev-marker",
            "23:value/profile-mismatch",
            "40:url/local-host",
            "46:url/local-host",
            "50:url/local-host",
            "53:url/local-host",
            "54:url/local-host",
            "55:secret/dev-marker",
            "60:value/dev-default",
            "61:secret/dev-marker",
            "65:path/not-absolute",
            "66:path/not-absolute",
            "75:value/dev-default",
            "76:value/dev-default",
            "77:value/dev-default",
            "78:url/local-host",
            "79:value/dev-default",
            "80:url/local-host",
            "88:path/not-absolute",
            "89:url/local-host",
            "90:secret/dev-marker",
            "95:url/local-host",
            "100:path/not-absolute",
        ]),
        case(".env.local.example", "rend-api", &[
            "4:value/profile-mismatch",
            "5:url/local-host",
            "6:url/local-host",
            "9:secret/dev-marker",
            "10:url/local-host",
            "11:url/local-host",
            "12:url/local-host",
            "14:value/dev-default",
            "15:value/dev-default",
            "16:value/dev-default",
            "17:secret/dev-marker",
            "19:value/dev-default",
            "20:value/dev-default",
            "22:url/local-host",
            "26:value/dev-default",
            "27:value/dev-default",
            "28:value/profile-mismatch",
            "30:secret/dev-marker",
            "31:secret/dev-marker",
            "32:value/profile-mismatch",
            "49:url/local-host",
            "59:url/local-host",
            "62:url/local-host",
            "63:url/local-host",
            "64:secret/dev-marker",
            "65:secret/dev-marker",
            "67:value/dev-default",
            "68:secret/dev-marker",
            "76:path/not-absolute",
            "77:path/not-absolute",
            "91:value/dev-default",
            "92:value/dev-default",
            "93:value/dev-default",
            "94:url/local-host",
            "95:value/dev-default",
            "96:url/local-host",
            "104:path/not-absolute",
            "105:url/local-host",
            "110:url/local-host",
            "115:path/not-absolute",
            "119:value/dev-default",
            "125:value/dev-default",
        ]),
        // Root production example: placeholders, and `127.0.0.1` bind addresses (Rend's own policy flags them too).
        case(".env.production.example", "rend-api", &[
            "9:secret/placeholder",
            "13:secret/placeholder",
            "22:value/placeholder",
            "23:secret/placeholder",
            "25:value/placeholder",
            "40:value/dev-default",
            "43:secret/placeholder",
            "45:secret/placeholder",
            "75:secret/placeholder",
            "76:secret/placeholder",
            "79:secret/placeholder",
            "80:value/placeholder",
            "81:value/placeholder",
            "104:value/dev-default",
            "131:value/placeholder",
            "132:value/placeholder",
            "133:value/placeholder",
            "135:value/placeholder",
            "136:value/placeholder",
            "138:value/placeholder",
            "139:value/placeholder",
        ]),
        not_a_config("docs_templates_control-plane.compose.yml", "a compose file: the services read /etc/rend/*.env (checked above); the compose adapter checks each service (tests/corpus_deployments.rs)"),
        not_a_config("docs_templates_edge-host.compose.yml", "a compose file that reads /etc/rend/rend-edge.env (checked above); the compose adapter checks its service (tests/corpus_deployments.rs)"),
        not_a_config("infra_aws_environments_production.tfvars.example", "Terraform variables for the AWS stack, not a service's environment"),
    ]);
}

#[test]
fn synctv_head() {
    system(
        "synctv/head",
        &[
            // The docs' minimal production config: no errors in production (secrets come as `_file`).
            case("docs_minimal_production.yaml", "synctv", &[]),
            // The docs' full template sets `management.unix_socket_path: run/synctv.sock`; SyncTV requires an
            // absolute socket path.
            case(
                "docs_full_template.yaml",
                "synctv",
                &["100:path/not-absolute"],
            ),
            case(
                "synctv.example.yaml",
                "synctv",
                &[
                    "144:schema/missing-required",
                    "147:schema/missing-required",
                    "154:schema/missing-required",
                    "162:schema/missing-required",
                    "165:schema/missing-required",
                    "166:schema/missing-required",
                    "167:schema/missing-required",
                    "168:schema/missing-required",
                    "169:schema/missing-required",
                    "275:url/local-host",
                    "339:url/local-host",
                    "371:schema/missing-required",
                    "460:schema/missing-required",
                    "607:schema/missing-required",
                ],
            ),
            // The chart's values through `synctv-helm`: `config:` in camelCase, the secrets under
            // `secrets:` (left empty, the chart generates them), the database from `postgresql:`.
            case("helm_synctv_values.yaml", "synctv-helm", &[]),
            case(
                ".env.synctv.example",
                "synctv",
                &[
                    "/SYNCTV_DATABASE_URL:relation/one-of",
                    "26:schema/missing-required",
                    "35:schema/missing-required",
                    "39:schema/missing-required",
                    "43:schema/missing-required",
                    "47:schema/missing-required",
                    "52:schema/missing-required",
                    "53:schema/missing-required",
                    "54:schema/missing-required",
                    "55:schema/missing-required",
                    "56:schema/missing-required",
                    "57:schema/missing-required",
                    "68:schema/missing-required",
                    "79:url/local-host",
                ],
            ),
            not_a_config(
                ".env.postgres.example",
                "the PostgreSQL container's env file of SyncTV's compose stack",
            ),
            not_a_config(
                ".env.redis.example",
                "the Redis container's env file of SyncTV's compose stack",
            ),
        ],
    );
}

#[test]
fn synctv_checklist_era() {
    system(
        "synctv/checklist-era-2026-05-10",
        &[
            // Checklist-era files miss the secrets SyncTV requires since, and name renamed keys.
            case(
                "docs_minimal_production.yaml",
                "synctv",
                &[
                    "/file_storage/upload_token_secret:schema/missing-required",
                    "24:schema/missing-required",
                    "24:schema/missing-required",
                    "24:schema/missing-required",
                    "24:schema/missing-required",
                    "24:schema/missing-required",
                    "24:schema/missing-required",
                    "24:schema/missing-required",
                ],
            ),
            case(
                "docs_full_template.yaml",
                "synctv",
                &[
                    "/file_storage/upload_token_secret:schema/missing-required",
                    "10:schema/renamed-field",
                    "25:schema/missing-required",
                    "25:schema/missing-required",
                    "25:schema/missing-required",
                    "25:schema/missing-required",
                    "25:schema/missing-required",
                    "25:schema/missing-required",
                    "25:schema/missing-required",
                    "57:path/not-absolute",
                    "118:schema/renamed-field",
                    "119:schema/renamed-field",
                    "121:schema/renamed-field",
                    "122:schema/renamed-field",
                    "124:schema/renamed-field",
                    "126:schema/renamed-field",
                    "127:schema/renamed-field",
                    "128:schema/renamed-field",
                ],
            ),
            case(
                "synctv.example.yaml",
                "synctv",
                &[
                    "/file_storage/upload_token_secret:schema/missing-required",
                    "57:schema/renamed-field",
                    "90:schema/missing-required",
                    "90:schema/missing-required",
                    "90:schema/missing-required",
                    "90:schema/missing-required",
                    "90:schema/missing-required",
                    "90:schema/missing-required",
                    "90:schema/missing-required",
                    "98:schema/missing-required",
                    "106:schema/missing-required",
                    "178:url/local-host",
                    "237:url/local-host",
                    "269:schema/missing-required",
                    "282:enum/unknown-value",
                    "329:schema/renamed-field",
                    "460:schema/missing-required",
                ],
            ),
            // The chart's values through `synctv-helm`: `config:` in camelCase, the secrets under
            // `secrets:` (left empty, the chart generates them), the database from `postgresql:`.
            case("helm_synctv_values.yaml", "synctv-helm", &[]),
            case(
                ".env.synctv.example",
                "synctv",
                &[
                    "/SYNCTV_DATABASE_URL:relation/one-of",
                    "/SYNCTV_FILE_UPLOAD_TOKEN_SECRET:schema/missing-required",
                    "/SYNCTV_SECURITY_EMAIL_OUTBOX_ENCRYPTION_KEY:schema/missing-required",
                    "/SYNCTV_SECURITY_LOGIN_DISCOVERY_KEY:schema/missing-required",
                    "/SYNCTV_SECURITY_MEDIA_SWARM_SIGNING_KEY:schema/missing-required",
                    "/SYNCTV_SECURITY_PROVIDER_SESSION_ENCRYPTION_KEY:schema/missing-required",
                    "/SYNCTV_SECURITY_PROXY_SIGNING_KEY:schema/missing-required",
                    "/SYNCTV_SECURITY_TOTP_ENCRYPTION_KEY:schema/missing-required",
                    "/SYNCTV_SECURITY_WEBAUTHN_ENUMERATION_KEY:schema/missing-required",
                    "24:schema/missing-required",
                    "32:schema/missing-required",
                    "36:schema/missing-required",
                    "39:schema/missing-required",
                    "49:url/local-host",
                    "120:enum/unknown-value",
                ],
            ),
            not_a_config(
                ".env.postgres.example",
                "the PostgreSQL container's env file of SyncTV's compose stack",
            ),
        ],
    );
}

#[test]
fn synctv_early() {
    system(
        "synctv/early-2026-02-19",
        &[case(
            "config.example.yaml",
            "synctv",
            &[
                "/file_storage/upload_token_secret:schema/missing-required",
                "/security/credential_encryption_key:schema/missing-required",
                "/security/email_outbox_encryption_key:schema/missing-required",
                "/security/login_discovery_key:schema/missing-required",
                "/security/media_swarm_signing_key:schema/missing-required",
                "/security/opaque_server_setup_secret:schema/missing-required",
                "/security/provider_session_encryption_key:schema/missing-required",
                "/security/proxy_signing_key:schema/missing-required",
                "/security/totp_encryption_key:schema/missing-required",
                "/security/webauthn_enumeration_key:schema/missing-required",
                "17:value/profile-mismatch",
                "43:schema/renamed-field",
                "57:url/local-host",
                "86:url/local-host",
                "112:schema/missing-required",
                "122:enum/unknown-value",
                "210:schema/missing-required",
            ],
        )],
    );
}

/// Rend's own dev-default policy (validate-production-env.sh), restated: a value that equals
/// one of these or contains one of those pieces.
const REND_DEV_VALUES: &[&str] = &[
    "dev-api-key",
    "dev-internal-token",
    "local-site-internal-token",
    "local-dev-playback-key",
    "local-dev-playback-signing-secret",
    "rend-local",
    "rend_minio",
    "rend_minio_password",
    "local",
    "local-edge-001",
    "docker-media-worker-001",
];
const REND_DEV_PIECES: &[&str] = &[
    "localhost",
    "127.0.0.1",
    "//postgres:",
    "@postgres:",
    "//minio:",
    "//clickhouse:",
    "//rend-api:",
    "//rend-edge:",
];

/// The codes that say "development value" in one way or another.
const DEV_FAMILY: &[&str] = &[
    "value/dev-default",
    "value/profile-mismatch",
    "secret/dev-marker",
    "url/local-host",
    "hostname/local-host",
    "origin/localhost",
];

#[test]
fn rend_docker_env_in_production_reports_every_dev_default() {
    let Some(dir) = corpus_dir("rend") else {
        return;
    };
    let text = std::fs::read_to_string(dir.join(".env.docker.example")).expect("readable");
    let report = run(&dir, &case(".env.docker.example", "rend-api", &[]));
    let mut dev_lines = 0;
    for (i, line) in text.lines().enumerate() {
        let Some((_, value)) = line.split_once('=').filter(|_| !line.starts_with('#')) else {
            continue;
        };
        let lower = value.trim().to_lowercase();
        let is_dev = REND_DEV_VALUES.contains(&lower.as_str())
            || REND_DEV_PIECES.iter().any(|p| lower.contains(p));
        if !is_dev {
            continue;
        }
        dev_lines += 1;
        let line_no = i + 1;
        assert!(
            report.iter().any(|d| d.severity == Severity::Error
                && DEV_FAMILY.contains(&d.code)
                && d.span.is_some_and(|s| s.start.line == line_no)),
            "line {line_no} ({line}) holds a Rend dev default but no error says so"
        );
    }
    assert!(dev_lines > 20, "the file has {dev_lines} dev defaults");
    // With --allow-dev-defaults the same file has none of them left.
    let relaxed = Case {
        options: || Options {
            allow_dev_defaults: true,
            ..Options::production()
        },
        ..case(".env.docker.example", "rend-api", &[])
    };
    let report = run(&dir, &relaxed);
    let left: Vec<&str> = report
        .codes()
        .into_iter()
        .filter(|c| DEV_FAMILY.contains(c))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // Rend's own validator passes the file with this flag, and so does preflight: a secret
    // shared by two development defaults is not a reused key on top (issue 16).
    assert_eq!(errors(&report), Vec::<String>::new());
}

#[test]
fn rend_examples_with_allow_placeholders_have_no_placeholder_findings() {
    let Some(dir) = corpus_dir("rend") else {
        return;
    };
    let relaxed = Case {
        options: || Options {
            allow_placeholders: true,
            ..Options::production()
        },
        ..case("docs_env_rend-edge-london.env.example", "rend-edge", &[])
    };
    let report = run(&dir, &relaxed);
    // Only placeholders were wrong in the edge example: nothing is left.
    assert_eq!(errors(&report), Vec::<String>::new());
}

#[test]
fn synapse_dev_configs_report_their_committed_api_keys() {
    let Some(dir) = corpus_dir("horizon-synapse") else {
        return;
    };
    for (file, pointers) in [
        (
            "apps_synapse-pingora_config.yaml",
            ["/horizon/api_key", "/tunnel/api_key"],
        ),
        (
            "apps_synapse-pingora_config.horizon.yaml",
            ["/horizon/api_key", "/tunnel/api_key"],
        ),
    ] {
        let report = run(&dir, &case(file, "synapse", &[]));
        for pointer in pointers {
            assert!(
                report.iter().any(|d| d.code == "secret/placeholder"
                    && d.pointer == pointer
                    && d.message.contains("committed")),
                "{file}: {pointer}"
            );
        }
        let json = serde_json::to_string(&report).expect("json");
        assert!(
            !json.contains("ClKxik4kzqXwQFnLiZrmsxzAreOoKAoo"),
            "{file} leaks a key"
        );
    }
}

#[test]
fn synctv_env_file_findings_name_the_variables() {
    let Some(dir) = corpus_dir("synctv/head") else {
        return;
    };
    let report = run(&dir, &case(".env.synctv.example", "synctv", &[]));
    let jwt = report
        .iter()
        .find(|d| d.pointer == "/SYNCTV_JWT_SECRET")
        .expect("the JWT secret is reported at its variable");
    assert_eq!(
        jwt.message,
        "`SYNCTV_JWT_SECRET` is empty, but it is required in production"
    );
    assert!(report.iter().all(|d| !d.message.contains("jwt.secret")));
}
