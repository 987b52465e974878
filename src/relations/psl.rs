//! The Public Suffix List and the HTML "is a registrable domain suffix of or is equal to"
//! algorithm that WebAuthn uses to decide which RP IDs an origin may claim (RULES.md §4, W4).
//!
//! The list is data/public_suffix_list.dat (ICANN and private sections, wildcard and exception
//! rules; refreshed by scripts/update-psl.sh, version in data/public_suffix_list.version). With
//! the cargo feature `bundled-psl` (on by default) it is built in and parsed once, on first use.
//! Without it (the browsers' wasm module, which should not carry 45 KB gzipped a page may not
//! need) the host loads the same rules with [`load_public_suffix_list`] (the npm package ships
//! them packed for download, 34 KB gzipped, and unpacks them first: pkg-web/psl.js), or part by
//! part as checks need them ([`start_public_suffix_list_parts`]: a checker's worker does); until
//! then the WebAuthn rules that need it do not run. The matcher is the `publicsuffix` crate's. Hosts
//! are compared as lower-case A-labels, so the list's Unicode rules are converted when parsed.

use std::sync::{Arc, Mutex, OnceLock};

use publicsuffix::{List, Psl};

#[cfg(feature = "bundled-psl")]
const LIST_TEXT: &str = include_str!("../../data/public_suffix_list.dat");

/// The version of the list, as data/public_suffix_list.version records it.
pub const LIST_VERSION: &str = include_str!("../../data/public_suffix_list.version");

/// How many parts the list is cut into for a host that loads only the parts a check needs
/// (pkg-web/public_suffix_list/N.dat): a rule's part is [`part_of`] its last two labels (its
/// last one when it has one), so a host name's rules are in the parts of its last label and
/// of its last two.
pub const LIST_PARTS: u32 = 256;

static LIST: OnceLock<Option<List>> = OnceLock::new();

/// The parts loaded so far, when the host loads the list by parts
/// ([`start_public_suffix_list_parts`]) rather than whole.
static PARTS: Mutex<Option<Parts>> = Mutex::new(None);

/// One bit a part of the list.
type PartSet = [u64; (LIST_PARTS / 64) as usize];

fn has(set: &PartSet, part: u32) -> bool {
    set[(part / 64) as usize] & (1 << (part % 64)) != 0
}

fn put(set: &mut PartSet, part: u32) {
    set[(part / 64) as usize] |= 1 << (part % 64);
}

#[derive(Default)]
struct Parts {
    /// The parts loaded.
    loaded: PartSet,
    /// The parts a lookup needed and did not have, since the host last asked
    /// ([`take_needed_public_suffix_list_part`]).
    needed: PartSet,
    /// Their rules, as the list writes them.
    text: String,
    /// The matcher over those rules, built at the first lookup after a part is loaded.
    list: Option<Arc<List>>,
}

fn list() -> Option<&'static List> {
    #[cfg(feature = "bundled-psl")]
    let list = LIST.get_or_init(|| parse(LIST_TEXT));
    #[cfg(not(feature = "bundled-psl"))]
    let list = LIST.get()?;
    list.as_ref()
}

/// The part of the list that holds the rules whose last two labels (or one label) are `key`
/// (lower-case A-labels: `com`, `amazonaws.com`): FNV-1a of its bytes, modulo [`LIST_PARTS`].
/// pkg-web's packer cuts the list the same way (scripts/pack-psl.mjs).
pub fn part_of(key: &str) -> u32 {
    let hash = key.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    });
    hash % LIST_PARTS
}

/// Runs `lookup` on the list that answers for `host`: the whole list, or the loaded parts of
/// its last label and its last two. `None` when neither is there; the parts that are missing
/// are noted for the host to load ([`take_needed_public_suffix_list_part`]).
fn with_list<R>(host: &str, lookup: impl FnOnce(&List) -> R) -> Option<R> {
    if let Some(list) = list() {
        return Some(lookup(list));
    }
    let mut dots = host.rmatch_indices('.').map(|(at, _)| at + 1);
    let last = dots.next().unwrap_or(0);
    let keys = [Some(&host[last..]), dots.next().map(|at| &host[at..])];
    let list = {
        let mut parts = PARTS.lock().ok()?;
        let parts = parts.as_mut()?;
        let mut missing = false;
        for part in keys.into_iter().flatten().map(part_of) {
            if !has(&parts.loaded, part) {
                put(&mut parts.needed, part);
                missing = true;
            }
        }
        if missing {
            return None;
        }
        if parts.list.is_none() {
            parts.list = matcher(&parts.text).map(Arc::new);
        }
        parts.list.clone()?
    };
    Some(lookup(&list))
}

/// Loads the Public Suffix List from its text (data/public_suffix_list.dat) where it is not
/// built in; returns whether a list is in place afterwards. The first list in place stays; a
/// text that is not the list (no ICANN section) is refused.
pub fn load_public_suffix_list(text: &str) -> bool {
    if list().is_none() && text.contains("===BEGIN ICANN DOMAINS===") {
        // A list that does not know `co.uk` is not the list, however it parsed.
        let known = |list: &List| list.suffix(b"a.b.co.uk").map(|s| s.as_bytes() == b"co.uk");
        if let Some(list) = parse(text).filter(|list| known(list) == Some(true)) {
            let _ = LIST.set(Some(list));
        }
    }
    list().is_some()
}

/// Lets the host load the list part by part, as checks need them, where it is not built in:
/// from now on the WebAuthn rules run, and a host name whose part is not loaded yet is noted
/// ([`take_needed_public_suffix_list_part`]); the host loads those parts
/// ([`load_public_suffix_list_part`]) and checks again. Same results as the whole list, for
/// a download of the parts the config's host names need.
pub fn start_public_suffix_list_parts() {
    if let Ok(mut parts) = PARTS.lock() {
        parts.get_or_insert_with(Parts::default);
    }
}

/// Loads one part (pkg-web/public_suffix_list/N.dat: a first line
/// `// preflight: Public Suffix List part N`, then its rules); returns whether it is in place.
/// A text that is not a part is refused.
pub fn load_public_suffix_list_part(text: &str) -> bool {
    let Some(part) = text
        .lines()
        .next()
        .and_then(|line| line.strip_prefix("// preflight: Public Suffix List part "))
        .and_then(|n| n.trim().parse::<u32>().ok())
        .filter(|&n| n < LIST_PARTS)
    else {
        return false;
    };
    let Ok(mut guard) = PARTS.lock() else {
        return false;
    };
    let parts = guard.get_or_insert_with(Parts::default);
    if !has(&parts.loaded, part) {
        if matcher(text).is_none() {
            return false;
        }
        parts.text.push_str(text);
        parts.text.push('\n');
        // Built again at the next lookup, once for all the parts loaded before it.
        parts.list = None;
        put(&mut parts.loaded, part);
    }
    true
}

/// The matcher over the rules of loaded parts. It takes rules after a section's mark only (the
/// section does not change a match), and one rule no host has keeps its input from being empty.
fn matcher(rules: &str) -> Option<List> {
    parse(&format!(
        "// ===BEGIN ICANN DOMAINS===\npreflight.invalid\n{rules}"
    ))
}

/// One of the parts lookups needed and did not have (the lowest), taken off the list of them:
/// call until `None` for all of them.
pub fn take_needed_public_suffix_list_part() -> Option<u32> {
    let mut parts = PARTS.lock().ok()?;
    let needed = &mut parts.as_mut()?.needed;
    let part = (0..LIST_PARTS).find(|&n| has(needed, n))?;
    needed[(part / 64) as usize] &= !(1 << (part % 64));
    Some(part)
}

/// Whether the WebAuthn rules can use the list: built in, loaded, or loaded by parts.
pub fn is_public_suffix_list_loaded() -> bool {
    list().is_some() || PARTS.lock().is_ok_and(|parts| parts.is_some())
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
    let len = with_list(host, |list| {
        list.suffix(host.as_bytes()).map(|s| s.as_bytes().len())
    })??;
    host.get(host.len().checked_sub(len)?..)
}

/// The registrable domain of a lower-case A-label host (`b.co.uk` for `a.b.co.uk`), or `None`
/// when the host is a public suffix itself.
pub fn registrable_domain(host: &str) -> Option<&str> {
    if host.starts_with('.') || host.is_empty() {
        return None;
    }
    let len = with_list(host, |list| {
        list.domain(host.as_bytes()).map(|d| d.as_bytes().len())
    })??;
    host.get(host.len().checked_sub(len)?..)
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
    fn parts_are_cut_as_the_packer_cuts_them() {
        // The same figures as scripts/pack-psl.mjs's `partOf` (tests/node/psl-parts.test.mjs).
        let parts = ["com", "net", "uk", "io", "de", "xn--fiqs8s", "jp"].map(part_of);
        assert_eq!(part_of("acme-video.net"), 20);
        assert_eq!(parts, [222, 88, 161, 49, 162, 201, 119]);
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
