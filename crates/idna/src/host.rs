// preflight: this module is not upstream's (PATCHES.md, 2).
//
//! Domain to ASCII by the host's URL parser, for WebAssembly run by JavaScript.
//!
//! Browsers and Node implement the same algorithm as this crate: the WHATWG URL Standard's
//! host parser runs UTS #46 with the flags `url` passes here (no hyphen or DNS length checks,
//! bidi and joiner rules checked, nontransitional), then rejects the forbidden domain code
//! points of [`AsciiDenyList::URL`]. So a module for those hosts can ask `new URL(…).hostname`
//! instead of carrying ICU4X's Unicode tables (about 47 KB gzipped). Names that need no
//! Unicode data (ASCII, no `xn--` label) never get here: upstream's code handles them, as
//! everywhere else.
// Elsewhere only the tests call it.
#![cfg_attr(
    not(all(target_arch = "wasm32", target_os = "unknown")),
    allow(dead_code)
)]

use crate::uts46::AsciiDenyList;
use crate::Errors;
use alloc::format;
use alloc::string::{String, ToString};

/// Whether converting `domain` needs Unicode data: a non-ASCII character, or a label that
/// starts with `xn--` (decoded and validated).
pub(crate) fn needs_unicode_data(domain: &[u8]) -> bool {
    !domain.is_ascii()
        || domain
            .split(|&b| b == b'.')
            .any(|label| label.len() >= 4 && label[..4].eq_ignore_ascii_case(b"xn--"))
}

/// What a URL's host may not hold in the WHATWG URL Standard, whatever the deny list: blanks,
/// controls and the characters that end or encode a host. The host parser would read them as
/// the URL's structure, so a name holding one is refused before it is asked.
fn breaks_a_url(b: u8) -> bool {
    b <= b' ' || b == 0x7f || b"%#/:<>?@[\\]^|".contains(&b)
}

/// The ASCII form of `domain`, from `hostname`, which parses a URL as the WHATWG URL Standard
/// does and returns its host (`None` where the parser fails). The result is then held to
/// `deny_list`, as upstream does.
///
/// A name that ends in a number would be read as an IPv4 address, which `domain_to_ascii`
/// never does: one more label (`a`) keeps it a name, and is taken off the answer.
pub(crate) fn to_ascii_by(
    domain: &[u8],
    deny_list: AsciiDenyList,
    hostname: impl Fn(&str) -> Option<String>,
) -> Result<String, Errors> {
    let domain = core::str::from_utf8(domain).map_err(|_| Errors::default())?;
    if domain.bytes().any(breaks_a_url) {
        return Err(Errors::default());
    }
    let extra = if domain.ends_with('.') { "a." } else { ".a" };
    let host = hostname(&format!("http://{domain}{extra}/")).ok_or_else(Errors::default)?;
    let ascii = host.strip_suffix(extra).ok_or_else(Errors::default)?;
    if ascii.bytes().any(|b| b != b'.' && deny_list.denies(b)) {
        return Err(Errors::default());
    }
    Ok(ascii.to_string())
}

/// [`to_ascii_by`] with the JavaScript host's `URL`.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
pub(crate) fn to_ascii(domain: &[u8], deny_list: AsciiDenyList) -> Result<String, Errors> {
    to_ascii_by(domain, deny_list, |url| {
        js::Url::new(url).ok().map(|parsed| parsed.hostname())
    })
}

#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
mod js {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        /// The global `URL` of browsers, workers and Node.
        #[wasm_bindgen(js_name = URL)]
        pub type Url;

        #[wasm_bindgen(catch, constructor, js_class = "URL")]
        pub fn new(url: &str) -> Result<Url, JsValue>;

        #[wasm_bindgen(method, getter, js_class = "URL")]
        pub fn hostname(this: &Url) -> alloc::string::String;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::borrow::Cow;
    use alloc::vec::Vec;

    /// What a WHATWG host parser answers for `http://HOST/`, built from upstream's code: its
    /// domain to ASCII with the URL deny list, and a host that ends in a number refused (none
    /// of these is a valid IPv4 address).
    fn whatwg_hostname(url: &str) -> Option<String> {
        let host = url.strip_prefix("http://")?.strip_suffix('/')?;
        let ascii = crate::domain_to_ascii_cow(host.as_bytes(), AsciiDenyList::URL).ok()?;
        let last = ascii
            .strip_suffix('.')
            .unwrap_or(&ascii)
            .rsplit('.')
            .next()
            .unwrap_or("");
        if !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(ascii.into_owned())
    }

    const NAMES: &[&str] = &[
        "bücher.de",
        "BÜCHER.example",
        "xn--bcher-kva.de",
        "XN--BCHER-KVA.de",
        "straße.de",
        "ａｂｃ．ｅｘａｍｐｌｅ",
        "例え.テスト",
        "münchen.",
        "münchen。",
        "bücher.1",
        "bücher.0x7f",
        "xn--.de",
        "xn--a.de",
        "xn--zca.xn--zca",
        "a\u{200d}b.de",
        "\u{0627}1.de",
        "\u{05d0}\u{05d1}.example",
        "\u{05d0}a.example",
        "-bücher-.de",
        "bü_cher.de",
        "é",
        "\u{fe0f}.de",
        "a.b\u{ff0f}c.de",
        "bücher..de",
        "",
    ];

    #[test]
    fn names_convert_as_upstream_converts_them() {
        for (list, deny_list) in [
            ("URL", AsciiDenyList::URL),
            ("EMPTY", AsciiDenyList::EMPTY),
            ("STD3", AsciiDenyList::STD3),
        ] {
            for name in NAMES {
                let upstream: Result<Cow<'_, str>, Errors> =
                    crate::domain_to_ascii_cow(name.as_bytes(), deny_list);
                // Only a name that no URL could hold differs: upstream keeps it where no
                // deny list refuses what it maps to (`／` to `/`), and the host parser cannot
                // be asked.
                let expected = upstream.ok().filter(|a| !a.bytes().any(breaks_a_url));
                let by_host = to_ascii_by(name.as_bytes(), deny_list, whatwg_hostname);
                assert_eq!(
                    by_host.as_deref().ok(),
                    expected.as_deref(),
                    "{name:?} with {list}"
                );
            }
        }
    }

    #[test]
    fn a_name_holding_what_ends_a_host_is_refused() {
        for name in [
            "bü cher.de",
            "bücher.de/x",
            "bücher.de:80",
            "a@bücher.de",
            "bü%63her.de",
        ] {
            assert!(to_ascii_by(name.as_bytes(), AsciiDenyList::URL, whatwg_hostname).is_err());
        }
        // Upstream keeps them with no deny list; the host parser cannot be asked. Only names
        // no URL could hold differ.
        assert!(crate::domain_to_ascii_cow("bü cher.de".as_bytes(), AsciiDenyList::EMPTY).is_ok());
    }

    #[test]
    fn only_names_that_need_unicode_data_go_to_the_host() {
        let asked: Vec<bool> = [
            "example.com",
            "EXAMPLE.com",
            "xn--bcher-kva.de",
            "Xn--a",
            "bücher.de",
            "axn--b.de",
            "",
        ]
        .iter()
        .map(|n| needs_unicode_data(n.as_bytes()))
        .collect();
        assert_eq!(asked, [false, false, true, true, true, false, false]);
    }
}
