//! The Public Suffix List project's own conformance cases (tests/test_psl.txt), run against
//! the list in data/ and the matcher the WebAuthn relation uses. The file is read from
//! ../shared/reference/psl/ when it is there (it is not copied into this repository); every
//! case must pass.
//!
//! The stored copy differs from upstream in two lines: it expects `kobe.jp` as the registrable
//! domain of `city.kobe.jp` and `www.city.kobe.jp`. Upstream publicsuffix/list (and every port
//! of the file: Go, PHP, JS, Perl, R) expects `city.kobe.jp`, which is what the list's
//! `!city.kobe.jp` exception rule means ("remove the leftmost label": the suffix is `kobe.jp`,
//! so the registrable domain is `city.kobe.jp`), and what RULES.md §4 states. Those two cases
//! are checked against upstream's answer, named in the output, and never silently skipped.

use std::path::Path;

use preflight::relations::registrable_domain;

/// `checkPublicSuffix('a.b.example.com', 'example.com')` → the two arguments (`null` → None).
fn parse_case(line: &str) -> Option<(Option<String>, Option<String>)> {
    let args = line
        .trim()
        .strip_prefix("checkPublicSuffix(")?
        .strip_suffix(");")?;
    let (a, b) = args.split_once(',')?;
    let arg = |s: &str| {
        let s = s.trim();
        (s != "null").then(|| s.trim_matches('\'').to_string())
    };
    Some((arg(a), arg(b)))
}

/// The registrable domain as the PSL test defines it: lower-cased, A-labels, `None` for a
/// leading dot or a public suffix.
/// Lines where the stored copy disagrees with upstream, with upstream's expectation.
const UPSTREAM: &[(&str, &str)] = &[
    ("city.kobe.jp", "city.kobe.jp"),
    ("www.city.kobe.jp", "city.kobe.jp"),
];

fn registrable(input: &str) -> Option<String> {
    if input.starts_with('.') {
        return None;
    }
    let ascii = idna::domain_to_ascii(input).ok()?;
    registrable_domain(&ascii).map(str::to_string)
}

#[test]
fn psl_conformance_cases_all_pass() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/psl/test_psl.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("skipped: {} is not present", path.display());
        return;
    };
    let mut failures = Vec::new();
    let mut run = 0;
    for line in text.lines().filter(|l| l.starts_with("checkPublicSuffix(")) {
        let Some((input, expected)) = parse_case(line) else {
            failures.push(format!("unreadable case: {line}"));
            continue;
        };
        let Some(input) = input else {
            continue; // `null` input: nothing to look up.
        };
        run += 1;
        let mut expected = expected.and_then(|e| idna::domain_to_ascii(&e).ok());
        if let Some((_, upstream)) = UPSTREAM.iter().find(|(i, _)| *i == input) {
            if expected.as_deref() != Some(*upstream) {
                println!(
                    "{input}: the stored copy expects {expected:?}; upstream expects {upstream:?}, checked against upstream"
                );
                expected = Some(upstream.to_string());
            }
        }
        let got = registrable(&input);
        if got != expected {
            failures.push(format!("{input}: expected {expected:?}, got {got:?}"));
        }
    }
    assert!(
        run >= 70,
        "only {run} cases were read from {}",
        path.display()
    );
    assert!(
        failures.is_empty(),
        "{} of {run} cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!("{run} PSL conformance cases pass");
}
