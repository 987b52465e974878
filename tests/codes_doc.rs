//! docs/codes.md is the registry, one heading per code: SARIF's `helpUri` and the LSP's
//! `codeDescription` link to its headings. Regenerate it with
//! `UPDATE_DOCS=1 cargo test --test codes_doc`.
#![cfg(feature = "cli")]

use preflight::{codes, render};

fn generated() -> String {
    let mut out = String::from(
        "# Diagnostic codes\n\n\
         Every code preflight reports, as `preflight explain CODE` prints it: its level in each\n\
         profile, what it means, why it matters, and a failing and a passing example.\n\
         Generated from the registry (`src/diagnostic/codes.rs`) by\n\
         `UPDATE_DOCS=1 cargo test --test codes_doc`; do not edit by hand.\n\n",
    );
    for info in codes::ALL {
        out.push_str(&format!(
            "- [`{}`](#{}) — {}\n",
            info.code,
            render::code_anchor(info.code),
            info.summary
        ));
    }
    for info in codes::ALL {
        out.push_str(&format!(
            "\n## {}\n\n```text\n{}```\n",
            info.code,
            render::explain(info)
        ));
    }
    out
}

#[test]
fn docs_codes_md_is_the_registry() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/codes.md");
    let text = generated();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &text).unwrap();
    }
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        on_disk == text,
        "docs/codes.md is not the registry: run `UPDATE_DOCS=1 cargo test --test codes_doc`"
    );
    // Each code's heading gives the anchor its help link points at (GitHub's rule: the
    // heading text, lowercased, without `/`).
    for info in codes::ALL {
        let heading = format!("\n## {}\n", info.code);
        assert!(on_disk.contains(&heading), "{}", info.code);
        assert_eq!(
            render::help_uri(info.code),
            format!("{}#{}", render::CODES_DOC, info.code.replace('/', ""))
        );
    }
}
