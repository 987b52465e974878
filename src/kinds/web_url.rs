//! Web URLs as the WHATWG URL Standard reads them, with a fast path for the plain ones.
//!
//! Most URLs in a config are plain: `https://media.example.com` or
//! `http://10.0.0.5:9000/internal/edge`, with nothing the standard would rewrite. For those the
//! parts are slices of the text, found in one pass; every other URL goes through the `url`
//! crate (the WHATWG parser), which costs about ten times as much. A property test holds the
//! fast path to the `url` crate: wherever it answers, its parts are the crate's.

use std::borrow::Cow;

/// An absolute URL read by the WHATWG rules, with the parts the rules look at.
#[derive(Debug)]
pub(crate) enum WebUrl<'t> {
    /// A plain `http`, `https`, `ws` or `wss` URL whose parts are its own text.
    Plain {
        scheme: &'t str,
        /// The host and the port, as written.
        authority: &'t str,
        host: &'t str,
        path: &'t str,
    },
    /// Any other URL, as the `url` crate parsed it.
    Parsed(url::Url),
}

impl<'t> WebUrl<'t> {
    /// Parses `text` (already trimmed) as the `url` crate would.
    pub fn parse(text: &'t str) -> Result<WebUrl<'t>, url::ParseError> {
        match plain(text) {
            Some(plain) => Ok(plain),
            None => url::Url::parse(text).map(WebUrl::Parsed),
        }
    }

    pub fn scheme(&self) -> &str {
        match self {
            WebUrl::Plain { scheme, .. } => scheme,
            WebUrl::Parsed(url) => url.scheme(),
        }
    }

    /// The host as the URL serializes it (lower case, IPv6 in brackets); `None` without one.
    pub fn host_str(&self) -> Option<&str> {
        match self {
            WebUrl::Plain { host, .. } => Some(host),
            WebUrl::Parsed(url) => url.host_str(),
        }
    }

    /// Whether the host is a name (or an opaque host), not an IP address.
    pub fn host_is_domain(&self) -> bool {
        match self {
            WebUrl::Plain { .. } => true,
            WebUrl::Parsed(url) => matches!(url.host(), Some(url::Host::Domain(_))),
        }
    }

    pub fn username(&self) -> &str {
        match self {
            WebUrl::Plain { .. } => "",
            WebUrl::Parsed(url) => url.username(),
        }
    }

    pub fn password(&self) -> Option<&str> {
        match self {
            WebUrl::Plain { .. } => None,
            WebUrl::Parsed(url) => url.password(),
        }
    }

    /// The path; `/` for a URL of a special scheme written without one.
    pub fn path(&self) -> &str {
        match self {
            WebUrl::Plain { path, .. } => path,
            WebUrl::Parsed(url) => url.path(),
        }
    }

    /// The `url` crate's URL, for the rare rule that edits one (parsed again for a plain one).
    pub fn to_url(&self) -> Option<Cow<'_, url::Url>> {
        match self {
            WebUrl::Plain {
                scheme,
                authority,
                path,
                ..
            } => url::Url::parse(&format!("{scheme}://{authority}{path}"))
                .ok()
                .map(Cow::Owned),
            WebUrl::Parsed(url) => Some(Cow::Borrowed(url)),
        }
    }
}

/// The plain URL `text` is, if it is one: `http`, `https`, `ws` or `wss`, `://`, a host of
/// lower-case letters, digits and hyphens in dot-separated labels (no `xn--` label, which
/// the standard decodes and checks, and a last label that is not a number, which would make
/// it an IPv4 address), an optional port of up to five digits without a leading zero and at
/// most 65535, and an optional path of letters, digits, `-`, `.`, `_`, `~` and `/` with no `.`
/// or `..` segment. The standard leaves such a URL as it is, except for a default port, which
/// it drops (and which the parts here do not include either).
fn plain(text: &str) -> Option<WebUrl<'_>> {
    let (scheme, rest) = ["https", "http", "wss", "ws"]
        .into_iter()
        .find_map(|scheme| Some((scheme, text.strip_prefix(scheme)?.strip_prefix("://")?)))?;
    let bytes = rest.as_bytes();
    // The host, in one pass: labels of lower-case letters, digits and hyphens between dots.
    let (mut end, mut label) = (0, 0);
    while let Some(&b) = bytes.get(end) {
        match b {
            b'a'..=b'z' | b'0'..=b'9' | b'-' => {}
            b'.' if plain_label(&rest[label..end]) => label = end + 1,
            b':' | b'/' => break,
            _ => return None,
        }
        end += 1;
    }
    let (host, last_label) = (&rest[..end], &rest[label..end]);
    if !plain_label(last_label) || is_number(last_label) {
        return None;
    }
    let authority = match bytes.get(end) {
        Some(b':') => {
            let port = &rest[end + 1..];
            let port_len = port.find('/').unwrap_or(port.len());
            if !plain_port(&port[..port_len]) {
                return None;
            }
            &rest[..end + 1 + port_len]
        }
        _ => host,
    };
    let path = &rest[authority.len()..];
    if !plain_path(path) {
        return None;
    }
    Some(WebUrl::Plain {
        scheme,
        authority,
        host,
        path: if path.is_empty() { "/" } else { path },
    })
}

/// A label the standard leaves as it is: not empty, and not `xn--` (which it decodes).
fn plain_label(label: &str) -> bool {
    !label.is_empty() && !label.starts_with("xn--")
}

/// The standard reads a host whose last label is a number (`1.2.3.4`, `0x7f`) as IPv4.
fn is_number(label: &str) -> bool {
    label.bytes().all(|b| b.is_ascii_digit())
        || label
            .strip_prefix("0x")
            .is_some_and(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn plain_port(port: &str) -> bool {
    !port.is_empty()
        && port.len() <= 5
        && !port.starts_with('0')
        && port.bytes().all(|b| b.is_ascii_digit())
        && port.parse::<u32>().is_ok_and(|p| p <= 65535)
}

/// Letters, digits, `-`, `.`, `_`, `~` and `/`, with no `.` or `..` segment.
fn plain_path(path: &str) -> bool {
    path.bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/'))
        && !super::path::has_dot_segment(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parts the rules read, from the fast path and from the `url` crate.
    fn parts(url: &WebUrl<'_>) -> (String, Option<String>, bool, String, Option<String>, String) {
        (
            url.scheme().to_string(),
            url.host_str().map(str::to_string),
            url.host_is_domain(),
            url.username().to_string(),
            url.password().map(str::to_string),
            url.path().to_string(),
        )
    }

    #[test]
    fn plain_urls_are_read_in_place_and_others_by_the_url_crate() {
        for (text, is_plain) in [
            ("https://s3.eu-central-1.amazonaws.com", true),
            ("http://10.0.0.5:9000/internal/edge", false),
            ("http://minio:9000/internal/edge", true),
            ("wss://chat.example.com/socket", true),
            ("https://Example.com", false),
            ("https://xn--bcher-kva.example", false),
            ("https://a.example.com:443", true),
            ("https://a.example.com:0443", false),
            ("https://a.example.com/a/../b", false),
            ("https://a.example.com/a?b", false),
            ("https://user:pw@a.example.com", false),
            ("https://a..example.com", false),
            ("https://1.2.3.4", false),
            ("https://0x7f.0.0.1", false),
            ("postgres://db/app", false),
            ("https:example.com", false),
        ] {
            let url = WebUrl::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(matches!(url, WebUrl::Plain { .. }), is_plain, "{text}");
        }
        let url = WebUrl::parse("https://media.example.com").unwrap();
        assert_eq!(
            parts(&url),
            (
                "https".into(),
                Some("media.example.com".into()),
                true,
                String::new(),
                None,
                "/".into()
            )
        );
        assert_eq!(url.to_url().unwrap().as_str(), "https://media.example.com/");
        let url = WebUrl::parse("http://minio:9000/bucket").unwrap();
        assert_eq!(url.to_url().unwrap().as_str(), "http://minio:9000/bucket");
        // Hosts whose last label is a number are IPv4 addresses to the standard, or nothing.
        assert!(WebUrl::parse("https://a.example.com:65536").is_err());
        assert!(WebUrl::parse("https://a.b.0x7f").is_err());
    }

    fn pick(
        items: &'static [&'static str],
    ) -> impl proptest::strategy::Strategy<Value = &'static str> {
        proptest::sample::select(items)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(10_000))]
        /// Wherever the fast path answers, the WHATWG parser (the `url` crate) gives the same
        /// parts. The URLs are built from pieces where the two could part ways: upper case,
        /// `xn--` and numeric labels, empty labels, ports with zeros, dot segments.
        #[test]
        fn the_fast_path_reads_what_the_url_crate_reads(
            scheme in pick(&["http", "https", "ws", "wss", "https", "HTTPS", "ftp", "file", "s3"]),
            separator in pick(&["://", "://", "://", "://", "://", ":/", ":", ":///"]),
            labels in proptest::collection::vec(pick(&[
                "a", "media", "s3-eu", "cdn", "a1", "Example", "xn--bcher-kva", "xn--a", "0x7f", "0x",
                "0xg", "127", "1", "-a", "a-", "", "a_b", "%41",
            ]), 1..4),
            dot in pick(&["", "", "."]),
            port in pick(&["", "", ":9000", ":443", ":80", ":0", ":08080", ":65535", ":65536", ":"]),
            segments in proptest::collection::vec(pick(&[
                "", "a", "files", ".", "..", "%2e", ".%2E", "A~b", "x.y", "...", "a b", "\\",
            ]), 0..4),
            tail in pick(&["", "", "?a=b", "#top"]),
        ) {
            let path: String = segments.iter().map(|s| format!("/{s}")).collect();
            let text = format!("{scheme}{separator}{}{dot}{port}{path}{tail}", labels.join("."));
            agrees(&text)?;
        }
    }

    proptest::proptest! {
        /// Any text, after a web scheme or not: no panic, and the same agreement.
        #[test]
        fn any_text_is_read_as_the_url_crate_reads_it(text in "(https?://)?\\PC{0,40}") {
            agrees(&text)?;
        }
    }

    fn agrees(text: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        if let Some(fast) = plain(text) {
            let slow = url::Url::parse(text).map(WebUrl::Parsed);
            proptest::prop_assert!(slow.is_ok(), "{:?}", text);
            if let Ok(slow) = slow {
                proptest::prop_assert_eq!(parts(&fast), parts(&slow), "{:?}", text);
            }
        }
        Ok(())
    }
}
