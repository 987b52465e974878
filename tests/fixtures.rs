//! Fixture files, one snapshot each: `valid_*` files give no diagnostics; `invalid_*` files
//! give exactly the checked-in snapshot of the CLI's human output (codes, line:col, messages,
//! code frames). Each format directory holds the schema its fixtures are checked against.

use std::path::Path;
use std::process::Command;

fn schema_for(fixture: &Path) -> String {
    let dir = fixture.parent().expect("fixture in a directory");
    let yaml = dir.join("schema.yaml");
    let schema = if yaml.exists() {
        yaml
    } else {
        dir.join("schema.json")
    };
    relative(&schema)
}

fn relative(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

fn run(fixture: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_preflight"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "check",
            &relative(fixture),
            "--schema",
            &schema_for(fixture),
        ])
        .env("NO_COLOR", "1")
        .output()
        .expect("the preflight binary runs");
    let text = String::from_utf8(out.stdout).expect("UTF-8 output");
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn valid_fixtures_have_no_diagnostics() {
    let mut seen = 0;
    insta::glob!("fixtures/*/valid_*", |path| {
        seen += 1;
        let (code, out) = run(path);
        assert_eq!(code, 0, "{}:\n{out}", path.display());
        assert!(
            out.ends_with("no problems found (production profile)\n"),
            "{out}"
        );
    });
    assert!(seen >= 4, "expected the valid fixtures, found {seen}");
}

#[test]
fn invalid_fixtures_match_their_snapshots() {
    let mut seen = 0;
    insta::glob!("fixtures/*/invalid_*", |path| {
        seen += 1;
        let (code, out) = run(path);
        assert_eq!(code, 1, "{}:\n{out}", path.display());
        insta::assert_snapshot!(out);
    });
    assert!(seen >= 9, "expected the invalid fixtures, found {seen}");
}
