//! `preflight::cli::run` over an in-memory machine: which files a run checks with which
//! settings (preflight.toml, flags over it), what it warns about, and where output goes.
#![cfg(feature = "cli")]

mod common;

use common::Memory;
use preflight::cli::Outcome;

const SCHEMA: &str = "schema: app\nformat: env\nfields:\n  PORT: { kind: port, required: always }\n  PUBLIC_URL: { kind: url }\n";

fn project(toml: &str) -> Memory {
    Memory::new(
        "/repo",
        &[
            ("/repo/preflight.toml", toml),
            ("/repo/schemas/app.yaml", SCHEMA),
            ("/repo/deploy/prod.env", "PORT=70000\n"),
            (
                "/repo/deploy/eu/staging.env",
                "PORT=8080\nPUBLIC_URL=http://app.acme.io\n",
            ),
            ("/repo/README.md", "# not config\n"),
        ],
    )
}

const TWO_ENTRIES: &str = "[[check]]\nfiles = [\"deploy/*.env\"]\nschema = \"schemas/app.yaml\"\n\n[[check]]\nfiles = [\"deploy/eu/*.env\", \"missing/*.env\"]\nschema = \"schemas/app.yaml\"\nprofile = \"development\"\n";

/// `(file, code)` of every diagnostic in a JSON report array.
fn findings(outcome: &Outcome) -> Vec<(String, String)> {
    let reports: serde_json::Value =
        serde_json::from_str(&outcome.stdout).unwrap_or_else(|e| panic!("{e}: {}", outcome.stdout));
    let reports = match reports {
        serde_json::Value::Array(all) => all,
        one => vec![one],
    };
    reports
        .iter()
        .flat_map(|r| {
            let file = r["file"].as_str().unwrap_or("").to_string();
            r["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |d| (file.clone(), d["code"].as_str().unwrap().to_string()))
        })
        .collect()
}

#[test]
fn no_file_checks_every_entry_and_warns_about_a_glob_that_matches_nothing() {
    let host = project(TWO_ENTRIES);
    let out = host.run("check --format json");
    assert_eq!(out.status, 1, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "preflight: warning: preflight.toml:6: `missing/*.env` matches no file\n"
    );
    assert_eq!(
        findings(&out),
        [(
            "deploy/prod.env".to_string(),
            "port/out-of-range".to_string()
        )]
    );
    // The second entry's development profile applies to its file: plain HTTP is allowed there.
    let reports: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(reports[1]["file"], "deploy/eu/staging.env");
    assert_eq!(reports[1]["profile"], "development");
}

#[test]
fn flags_override_the_project_file() {
    let host = project(TWO_ENTRIES);
    let out = host.run("check deploy/eu/staging.env --profile production --format json");
    assert_eq!(out.status, 1);
    assert_eq!(
        findings(&out),
        [(String::new(), "url/not-https".to_string())]
    );
}

#[test]
fn a_file_is_checked_with_the_entry_that_covers_it_and_others_are_skipped() {
    let mut host = project(TWO_ENTRIES);
    host.cwd = "/repo/deploy".into();
    let out = host.run("check prod.env ../README.md");
    assert_eq!(out.status, 1);
    assert!(
        out.stdout
            .starts_with("prod.env:1:6: error[port/out-of-range]"),
        "{}",
        out.stdout
    );
    assert_eq!(
        out.stderr,
        "preflight: skipped 1 file no [[check]] of ../preflight.toml covers: ../README.md\n"
    );
    // --quiet drops the note; --schema checks an uncovered file with the flags alone.
    assert_eq!(host.run("check ../README.md --quiet").stderr, "");
    let forced = host.run("check ../README.md --schema ../schemas/app.yaml --input env");
    assert_eq!(forced.status, 1);
    assert!(
        forced.stdout.contains("schema/missing-required"),
        "{}",
        forced.stdout
    );
}

#[test]
fn no_config_and_config_paths() {
    let host = project(TWO_ENTRIES);
    let out = host.run("check --no-config");
    assert_eq!(out.status, 2);
    assert!(
        out.stderr
            .starts_with("preflight: `check` needs a FILE, or a preflight.toml"),
        "{}",
        out.stderr
    );
    let out = host.run("check deploy/prod.env --no-config");
    assert_eq!(out.status, 2);
    assert!(
        out.stderr.contains("needs `--schema NAME|PATH`"),
        "{}",
        out.stderr
    );

    let mut host = Memory::new(
        "/work",
        &[
            (
                "/work/ci/preflight.toml",
                "[[check]]\nfiles = [\"../deploy/*.env\"]\nschema = \"../schemas/app.yaml\"\n",
            ),
            ("/work/schemas/app.yaml", SCHEMA),
            ("/work/deploy/prod.env", "PORT=8080\n"),
        ],
    );
    assert_eq!(
        host.run("check").status,
        2,
        "no preflight.toml in /work or above"
    );
    let out = host.run("check --config ci/preflight.toml");
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "deploy/prod.env: no problems found (production profile)\n"
    );
    host.cwd = "/work/ci".into();
    assert_eq!(
        host.run("check").stdout,
        "../deploy/prod.env: no problems found (production profile)\n"
    );
}

#[test]
fn a_mistake_in_the_project_file_is_status_2_with_its_place() {
    let host = project(
        "[[check]]\nfiles = [\"deploy/*.env\"]\nschema = \"schemas/app.yaml\"\nstrict = \"yes\"\n",
    );
    let out = host.run("check");
    assert_eq!(out.status, 2);
    assert_eq!(
        out.stderr,
        "preflight: preflight.toml:4:10: invalid type: string \"yes\", expected a boolean\n"
    );
    let out = project("[[check]]\nfiles = [\"deploy/{a,b.env\"]\nschema = \"x\"\n").run("check");
    assert_eq!(out.status, 2);
    assert!(
        out.stderr.starts_with("preflight: preflight.toml:2:10: "),
        "{}",
        out.stderr
    );
    let out = project("[[check]]\nfiles = [\"deploy/*.env\"]\n").run("check");
    assert_eq!(out.status, 2);
    assert!(
        out.stderr.contains("`deploy/prod.env` has no schema"),
        "{}",
        out.stderr
    );
}

#[test]
fn output_file_color_and_quiet() {
    let mut host = project(TWO_ENTRIES);
    let out = host.run("check --format sarif --output-file out/preflight.sarif");
    assert_eq!((out.status, out.stdout.as_str()), (1, ""));
    let written = host.files.borrow()["/repo/out/preflight.sarif"].clone();
    assert!(
        written.contains("\"ruleId\": \"port/out-of-range\""),
        "{written}"
    );

    host.terminal = true;
    assert!(
        host.run("check").stdout.contains("\x1b["),
        "color on a terminal"
    );
    host.env = vec![("NO_COLOR", "1")];
    assert!(!host.run("check").stdout.contains("\x1b["), "NO_COLOR");
    assert!(
        host.run("check --color always").stdout.contains("\x1b["),
        "--color always wins"
    );
    host.env = vec![("NO_COLOR", "")];
    assert!(
        host.run("check").stdout.contains("\x1b["),
        "an empty NO_COLOR is unset"
    );
    host.terminal = false;
    assert!(
        !host.run("check").stdout.contains("\x1b["),
        "not a terminal"
    );

    // --quiet: errors and each file's summary only.
    host.files
        .borrow_mut()
        .insert("/r/w.env".into(), "PORT=70000\nPORTT=1\n".into());
    host.cwd = "/r".into();
    let loud = host.run("check w.env --schema /repo/schemas/app.yaml");
    let quiet = host.run("check w.env --schema /repo/schemas/app.yaml --quiet");
    let heads = |out: &Outcome| -> Vec<String> {
        out.stdout
            .lines()
            .filter(|l| l.starts_with("w.env"))
            .map(|l| l.split(' ').take(2).collect::<Vec<_>>().join(" "))
            .collect()
    };
    assert_eq!(
        heads(&loud),
        [
            "w.env:1:6: error[port/out-of-range]",
            "w.env:2:1: warning[schema/unknown-field]",
            "w.env: 1"
        ]
    );
    assert_eq!(
        heads(&quiet),
        ["w.env:1:6: error[port/out-of-range]", "w.env: 1"]
    );
    assert!(quiet
        .stdout
        .ends_with("w.env: 1 error and 1 warning (production profile)\n"));
    let github = host.run("check w.env --schema /repo/schemas/app.yaml --quiet --format github");
    assert_eq!(github.stdout.lines().count(), 1);
}

#[test]
fn unreadable_and_oversized_inputs() {
    let host = project(TWO_ENTRIES);
    let out = host.run("check nope.env --schema schemas/app.yaml");
    assert_eq!(out.status, 2);
    assert_eq!(
        out.stderr,
        "preflight: cannot read `nope.env`: no such file or directory\n"
    );
    let out = host.run("check deploy --schema schemas/app.yaml");
    assert_eq!(
        out.stderr,
        "preflight: cannot read `deploy`: it is a directory\n"
    );
    let out = host.run("check deploy/prod.env --schema missing.yaml");
    assert_eq!(
        out.stderr,
        "preflight: cannot read schema `missing.yaml`: no such file or directory\n"
    );

    let big = "PORT=1\n".repeat(2_000_000);
    let host = Memory::new("/r", &[("/r/big.env", big.as_str()), ("/r/s.yaml", SCHEMA)]);
    let out = host.run("check big.env --schema s.yaml --format json");
    assert_eq!(out.status, 1);
    assert_eq!(
        findings(&out),
        [(String::new(), "parse/too-large".to_string())]
    );
}

#[test]
fn globs_walk_only_where_they_can_match() {
    let host = Memory::new(
        "/r",
        &[
            (
                "/r/preflight.toml",
                "[[check]]\nfiles = [\"**/*.env\"]\nschema = \"s.yaml\"\n",
            ),
            ("/r/s.yaml", SCHEMA),
            ("/r/a.env", "PORT=1\n"),
            ("/r/x/y/b.env", "PORT=2\n"),
            ("/r/node_modules/pkg/c.env", "PORT=3\n"),
            ("/r/.git/d.env", "PORT=4\n"),
        ],
    );
    let out = host.run("check");
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "a.env: no problems found (production profile)\nx/y/b.env: no problems found (production profile)\n"
    );
}

/// The README's `preflight.toml` for a SyncTV repository, read from the README itself, over
/// the files it names: the output the README shows.
#[test]
fn the_readme_project_file_works_as_shown() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = readme
        .split("## In a repository: `preflight.toml`")
        .nth(1)
        .unwrap();
    let toml = section
        .split("```toml\n")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    let shown = section
        .split("```text\n")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    let first_line = shown.lines().nth(1).unwrap();
    let config = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/synctv/valid_production.yaml"
    ))
    .unwrap();
    let host = Memory::new(
        "/repo",
        &[
            ("/repo/preflight.toml", toml),
            ("/repo/synctv.yaml", &config),
            ("/repo/deploy/example.env", "SYNCTV_JWT_SECRET=replace-me\n"),
            (
                "/repo/deploy/prod.env",
                "SYNCTV_SERVER_HOST=0.0.0.0\nSYNCTV_SERVER_PORT=70000\n",
            ),
        ],
    );
    let out = host.run("check");
    assert_eq!(out.stderr, "");
    assert_eq!(out.status, 1);
    assert!(
        out.stdout
            .starts_with("synctv.yaml: no problems found (production profile)\n"),
        "{}",
        out.stdout
    );
    assert!(
        !out.stdout.contains("secret/placeholder"),
        "allow = [\"placeholders\"]: {}",
        out.stdout
    );
    assert!(
        out.stdout.contains(&format!("\n{first_line}\n")),
        "{}",
        out.stdout
    );
}
