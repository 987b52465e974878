//! Fixture files, one snapshot each: `valid_*` files give no diagnostics; `invalid_*` files
//! give exactly the checked-in snapshot of the CLI's human output (codes, line:col, messages,
//! code frames). A directory holds the schema its fixtures are checked against, or is named
//! after the built-in schema that checks them.

use std::path::Path;
use std::process::Command;

/// The directory's own schema file, or else the built-in schema named like the directory
/// (tests/fixtures/synctv is checked with `--schema synctv`).
fn schema_for(fixture: &Path) -> String {
    let dir = fixture.parent().expect("fixture in a directory");
    for file in ["schema.yaml", "schema.json"] {
        if dir.join(file).exists() {
            return relative(&dir.join(file));
        }
    }
    let name = dir.file_name().expect("a named directory");
    name.to_string_lossy().into_owned()
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
