//! The Public Suffix List and the HTML "is a registrable domain suffix of or is equal to"
//! algorithm that WebAuthn uses to decide which RP IDs an origin may claim (RULES.md §4, W4).
//!
//! The list is data/public_suffix_list.dat (ICANN and private sections, wildcard and exception
//! rules; refreshed by scripts/update-psl.sh, version in data/public_suffix_list.version). With
//! the cargo feature `bundled-psl` (on by default) it is built in and parsed once, on first use.
//! Without it (the browsers' wasm module, which should not carry 45 KB gzipped a page may not
//! need) the host loads the same rules with [`load_public_suffix_list`] (the npm package ships
//! them packed for download, 34 KB gzipped, and unpacks them first: pkg-web/psl.js); until then
//! the WebAuthn rules that need it do not run. The matcher is the `publicsuffix` crate's. Hosts
//! are compared as lower-case A-labels, so the list's Unicode rules are converted when parsed.

use std::sync::OnceLock;

use publicsuffix::{List, Psl};

#[cfg(feature = "bundled-psl")]
const LIST_TEXT: &str = include_str!("../../data/public_suffix_list.dat");

/// The version of the list, as data/public_suffix_list.version records it.
pub const LIST_VERSION: &str = include_str!("../../data/public_suffix_list.version");

static LIST: OnceLock<Option<List>> = OnceLock::new();

fn list() -> Option<&'static List> {
    #[cfg(feature = "bundled-psl")]
    let list = LIST.get_or_init(|| parse(LIST_TEXT));
    #[cfg(not(feature = "bundled-psl"))]
    let list = LIST.get()?;
    list.as_ref()
}

/// Loads the Public Suffix List from its text (data/public_suffix_list.dat) where it is not
/// built in; returns whether a list is in place afterwards. The first list in place stays; a
/// text that is not the list (no ICANN section) is refused.
pub fn load_public_suffix_list(text: &str) -> bool {
    if !is_public_suffix_list_loaded() && text.contains("===BEGIN ICANN DOMAINS===") {
        // A list that does not know `co.uk` is not the list, however it parsed.
        let known = |list: &List| list.suffix(b"a.b.co.uk").map(|s| s.as_bytes() == b"co.uk");
        if let Some(list) = parse(text).filter(|list| known(list) == Some(true)) {
            let _ = LIST.set(Some(list));
        }
    }
    is_public_suffix_list_loaded()
}

/// Whether the WebAuthn rules can use the list: built in, or loaded.
pub fn is_public_suffix_list_loaded() -> bool {
    list().is_some()
}

/// Parses the list afresh, as the first use does (for the benchmark of that first use).
#[doc(hidden)]
#[cfg(feature = "bundled-psl")]
pub fn parse_list_uncached() -> bool {
    parse(LIST_TEXT).is_some()
}

fn parse(text: &str) -> Option<List> {
    let mut ascii = String::with_capacity(text.len() + 8 * 1024);
    for line in text.lines() {
        let rule = line.trim();
        if rule.is_ascii() {
            ascii.push_str(rule);
        } else {
            // `*.` and `!` stay outside the conversion; the rest becomes A-labels.
            let (mark, name) = match rule.strip_prefix("*.") {
                Some(rest) => ("*.", rest),
                None => match rule.strip_prefix('!') {
                    Some(rest) => ("!", rest),
                    None => ("", rule),
                },
            };
            let Ok(name) = idna::domain_to_ascii(name) else {
                continue;
            };
            ascii.push_str(mark);
            ascii.push_str(&name);
        }
        ascii.push('\n');
    }
    ascii.parse().ok()
}

/// The public suffix of a lower-case A-label host (`co.uk` for `a.b.co.uk`). A TLD the list
/// does not know is its own suffix (the `*` default rule).
pub(crate) fn public_suffix(host: &str) -> Option<&str> {
    let suffix = list()?.suffix(host.as_bytes())?;
    let start = host.len().checked_sub(suffix.as_bytes().len())?;
    host.get(start..)
}

/// The registrable domain of a lower-case A-label host (`b.co.uk` for `a.b.co.uk`), or `None`
/// when the host is a public suffix itself.
pub fn registrable_domain(host: &str) -> Option<&str> {
    if host.starts_with('.') || host.is_empty() {
        return None;
    }
    let domain = list()?.domain(host.as_bytes())?;
    let start = host.len().checked_sub(domain.as_bytes().len())?;
    host.get(start..)
}

/// Whether `host_suffix` "is a registrable domain suffix of or is equal to" `original_host`
/// (HTML Standard §7.1.1.2), both lower-case A-label hosts. IP addresses only equal themselves.
pub fn is_registrable_suffix_of_or_equal(host_suffix: &str, original_host: &str) -> bool {
    if host_suffix.is_empty() {
        return false;
    }
    if host_suffix == original_host {
        return true;
    }
    if is_ip(host_suffix) || is_ip(original_host) {
        return false;
    }
    let dotted = format!(".{host_suffix}");
    if !original_host.ends_with(&dotted) {
        return false;
    }
    if public_suffix(host_suffix) == Some(host_suffix) {
        return false;
    }
    if public_suffix(original_host).is_some_and(|s| s.ends_with(&dotted)) {
        return false;
    }
    true
}

fn is_ip(host: &str) -> bool {
    host.parse::<std::net::Ipv4Addr>().is_ok() || host.starts_with('[') || host.contains(':')
}

/// Puts the list in place for a test, built in or not (`cargo test --no-default-features`
/// checks the loaded list gives the built-in one's results).
#[cfg(test)]
pub(crate) fn list_for_tests() {
    assert!(load_public_suffix_list(include_str!(
        "../../data/public_suffix_list.dat"
    )));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_parses_with_both_sections_and_converted_unicode_rules() {
        list_for_tests();
        assert_eq!(public_suffix("a.github.io"), Some("github.io"));
        assert_eq!(public_suffix("x.co.uk"), Some("co.uk"));
        // 公司.cn is a rule written in Unicode in the list.
        assert_eq!(public_suffix("a.xn--55qx5d.cn"), Some("xn--55qx5d.cn"));
        assert_eq!(registrable_domain("www.example.com"), Some("example.com"));
        assert_eq!(registrable_domain("com"), None);
    }

    proptest::proptest! {
        /// Any text a page passes as the list parses or is refused, never panics.
        #[test]
        fn any_text_as_the_list_never_panics(body in "((\\PC{0,8}|[a-zé*!.-]{0,8})\n){0,60}") {
            let text = format!("// ===BEGIN ICANN DOMAINS===\n{body}\n");
            if let Some(list) = parse(&text) {
                let _ = list.suffix(b"a.b.co.uk");
                let _ = list.domain(b"www.example.com");
            }
        }
    }

    #[test]
    fn wildcard_and_exception_rules() {
        list_for_tests();
        assert_eq!(public_suffix("x.c.kobe.jp"), Some("c.kobe.jp"));
        assert_eq!(registrable_domain("www.city.kobe.jp"), Some("city.kobe.jp"));
        assert_eq!(registrable_domain("www.ck"), Some("www.ck"));
        assert_eq!(registrable_domain("a.b.ck"), Some("a.b.ck"));
    }

    #[test]
    fn html_standard_table() {
        list_for_tests();
        // HTML §7.1.1.2's example table, and RULES.md §4.
        let cases = [
            ("0.0.0.0", "0.0.0.0", true),
            ("example.com", "example.com", true),
            ("example.com", "example.com.", false),
            ("example.com.", "example.com", false),
            ("example.com", "www.example.com", true),
            ("com", "example.com", false),
            ("example", "example", true),
            (
                "compute.amazonaws.com",
                "example.compute.amazonaws.com",
                false,
            ),
            (
                "example.compute.amazonaws.com",
                "www.example.compute.amazonaws.com",
                false,
            ),
            ("amazonaws.com", "www.example.compute.amazonaws.com", false),
            ("amazonaws.com", "test.amazonaws.com", true),
            ("github.io", "acme.github.io", false),
            ("widgets.com", "acme-widgets.com", false),
            ("localhost", "app.localhost", false),
        ];
        for (suffix, host, expected) in cases {
            assert_eq!(
                is_registrable_suffix_of_or_equal(suffix, host),
                expected,
                "{suffix} of {host}"
            );
        }
    }
}
