//! `kind: origin` — a web origin as CORS allow-lists and WebAuthn compare it (RULES.md §2).
//!
//! The canonical form is the ASCII serialization of a tuple origin: `scheme://host[:port]`,
//! lower case, A-label hosts, RFC 5952 IPv6, no default port (Fetch, RFC 6454). Browsers send
//! exactly that in `Origin:` and allow-lists compare byte for byte, so anything else either
//! never matches or only matches after normalization.
//!
//! - C1 not an http(s) URL with a host; C7 a host the URL parser rewrites (`1.2.3`) or that is
//!   no host name (`a..b`, `-a`), or a bad port: `origin/invalid`, `origin/invalid-host`.
//! - C2 a path (even a lone `/`), query, fragment or user info: errors with the origin in help.
//! - C3 upper case, default port, Unicode host, long IPv6, spaces: `origin/non-canonical`.
//! - C4 `*` and C5 `null`: errors in production; C6 wildcard hosts: errors everywhere.
//! - C8 `http:` and C9 localhost: warnings in production; C10 trailing dot: warning;
//!   C11 documentation domains: warning in production.
//! - C14 in a list: a repeat after normalization is a warning.

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use super::host::{dns_name_problem, is_local_machine, Host};
use super::scalar;
use crate::context::Cx;
use crate::diagnostic::codes;
use crate::document::read::{Keys, ReadError};
use crate::document::Node;
use crate::first_seen::FirstSeen;
use crate::shown::shown;

#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct OriginKind {
    /// The origin of a WebAuthn relying party (RULES.md §4): it must be a secure context
    /// (`https:`, or `http:` on exactly `localhost`, W1) with a domain host (W2). A local
    /// origin is then the RP ID's question (W5), not this kind's.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub webauthn: bool,
}

impl OriginKind {
    /// Reads the kind's parameters from the field's mapping.
    pub(crate) fn read(keys: &mut Keys<'_>) -> Result<Self, ReadError> {
        Ok(OriginKind {
            webauthn: keys.get("webauthn")?,
        })
    }
}

/// The parts of an origin as written, before any normalization.
struct Written<'a> {
    scheme: &'a str,
    userinfo: bool,
    host: &'a str,
    rest: &'a str,
}

fn split_written(text: &str) -> Option<Written<'_>> {
    let (scheme, after) = text.split_once("://")?;
    let end = after.find(['/', '?', '#']).unwrap_or(after.len());
    let (authority, rest) = after.split_at(end);
    let (userinfo, hostport) = match authority.rsplit_once('@') {
        Some((_, hp)) => (true, hp),
        None => (false, authority),
    };
    let host = if hostport.starts_with('[') {
        hostport
            .find(']')
            .map(|i| &hostport[..=i])
            .unwrap_or(hostport)
    } else {
        hostport
            .rsplit_once(':')
            .map(|(h, _)| h)
            .unwrap_or(hostport)
    };
    Some(Written {
        scheme,
        userinfo,
        host,
        rest,
    })
}

/// The canonical serialization of a text that parses as an http(s) URL with a host.
pub(crate) fn canonical(text: &str) -> Option<String> {
    let url = url::Url::parse(text.trim()).ok()?;
    matches!(url.scheme(), "http" | "https").then(|| url.origin().ascii_serialization())
}

impl OriginKind {
    pub(crate) fn check(&self, node: &Node, cx: &mut Cx<'_>) {
        let Some(text) = scalar(node, cx, "an origin") else {
            return;
        };
        let span = node.span;
        let trimmed = text.trim();
        if trimmed == "*" {
            return cx.report(
                &codes::ORIGIN_WILDCARD,
                span,
                "`*` allows every origin",
                Some("list the origins that may call the service".into()),
            );
        }
        if trimmed.eq_ignore_ascii_case("null") {
            return cx.report(
                &codes::ORIGIN_NULL,
                span,
                "`null` is the origin of sandboxed frames, local files and redirects, which any site can produce",
                Some("list real origins only".into()),
            );
        }
        let Some(written) = split_written(trimmed) else {
            return cx.report(
                &codes::ORIGIN_INVALID,
                span,
                format!("`{}` is not an origin: it has no scheme", shown(trimmed)),
                canonical(&format!("https://{trimmed}")).map(|fixed| format!("write `{fixed}`")),
            );
        };
        if !matches!(
            written.scheme.to_ascii_lowercase().as_str(),
            "http" | "https"
        ) {
            return cx.report(
                &codes::ORIGIN_INVALID,
                span,
                format!(
                    "the scheme `{}` is not one a web origin has",
                    shown(written.scheme)
                ),
                Some("use `https://`".into()),
            );
        }
        if written.host.contains('*') {
            return cx.report(
                &codes::ORIGIN_WILDCARD_HOST,
                span,
                format!("`{}` is a pattern; origins are compared exactly, so it matches nothing (or, in a hand-written matcher, too much)", written.host),
                Some("list each origin, e.g. `https://app.example.com`".into()),
            );
        }
        let url = match url::Url::parse(trimmed) {
            Ok(url) => url,
            Err(e) => {
                return cx.report(
                    &codes::ORIGIN_INVALID,
                    span,
                    format!("the value is not a valid URL: {e}"),
                    None,
                )
            }
        };
        let origin = url.origin().ascii_serialization();
        let host = url.host_str().unwrap_or("");
        match url.host() {
            Some(url::Host::Domain(domain)) => {
                if let Some(problem) = dns_name_problem(domain) {
                    return cx.report(
                        &codes::ORIGIN_INVALID_HOST,
                        span,
                        format!("the host `{domain}` is not valid: {problem}"),
                        None,
                    );
                }
            }
            Some(url::Host::Ipv4(ip)) if !written.host.eq_ignore_ascii_case(&ip.to_string()) => {
                return cx.report(
                    &codes::ORIGIN_INVALID_HOST,
                    span,
                    format!(
                        "the URL parser reads the host `{}` as the address `{ip}`",
                        written.host
                    ),
                    Some(format!("write `{origin}` if that address is meant")),
                );
            }
            _ => {}
        }
        // The form to write: canonical, and without a trailing dot (its own warning below).
        let bare = host.trim_end_matches('.');
        let suggested = if bare.len() < host.len() {
            origin.replacen(&format!("{bare}."), bare, 1)
        } else {
            origin.clone()
        };
        let help = Some(format!("write `{suggested}`"));
        let path_end = written.rest.find(['?', '#']).unwrap_or(written.rest.len());
        if written.userinfo {
            return cx.report_fix(
                &codes::ORIGIN_HAS_USERINFO,
                span,
                "an origin carries no user name or password",
                help,
                suggested.clone(),
            );
        }
        if path_end > 0 {
            return cx.report_fix(
                &codes::ORIGIN_HAS_PATH,
                span,
                format!("an origin carries no path, not even `/`: `{}` never matches the `Origin` header", &written.rest[..path_end]),
                help,
                suggested.clone(),
            );
        }
        if let Some(part) = match written.rest.as_bytes().first() {
            Some(b'?') => Some("query"),
            Some(b'#') => Some("fragment"),
            _ => None,
        } {
            return cx.report_fix(
                &codes::ORIGIN_HAS_QUERY,
                span,
                format!("an origin carries no {part}"),
                help,
                suggested.clone(),
            );
        }
        if written.host.ends_with('.') {
            cx.report_fix(
                &codes::ORIGIN_TRAILING_DOT,
                span,
                format!("`{}` ends with a dot, which makes it a different origin from the name without it", written.host),
                Some(format!("write `{suggested}`")),
                suggested.clone(),
            );
        } else if trimmed != origin || text.as_ref() != trimmed {
            cx.report_fix(
                &codes::ORIGIN_NON_CANONICAL,
                span,
                format!("browsers send this origin as `{origin}`, and allow-lists compare it byte for byte"),
                help,
                origin.clone(),
            );
        }
        let host_only = host.trim_end_matches('.');
        if self.webauthn {
            self.check_secure_context(&url, &origin, span, cx);
        } else if is_local_machine(&Host::parse(host_only)) {
            cx.report(
                &codes::ORIGIN_LOCALHOST,
                span,
                format!(
                    "`{origin}` is a local origin; in production only developers' browsers send it"
                ),
                Some("remove it from the production list".into()),
            );
        } else if url.scheme() == "http" {
            cx.report(
                &codes::ORIGIN_INSECURE,
                span,
                format!("`{origin}` is served without TLS; its pages can be changed on the way"),
                Some(format!(
                    "serve the site over https and write `{}`",
                    origin.replacen("http://", "https://", 1)
                )),
            );
        }
        if super::email::is_documentation_domain(host_only) {
            cx.report(
                &codes::ORIGIN_DOCUMENTATION_DOMAIN,
                span,
                format!(
                    "`{host_only}` is reserved for documentation (RFC 2606); no real site has it"
                ),
                Some("replace the example with the real origin".into()),
            );
        }
    }

    /// W1 and W2: a WebAuthn origin is a secure context with a domain host.
    fn check_secure_context(
        &self,
        url: &url::Url,
        origin: &str,
        span: Option<crate::span::Span>,
        cx: &mut Cx<'_>,
    ) {
        match url.host() {
            Some(url::Host::Ipv4(_) | url::Host::Ipv6(_)) => cx.report(
                &codes::WEBAUTHN_IP_ORIGIN,
                span,
                format!("`{origin}` has an IP address for a host; browsers refuse WebAuthn there"),
                Some("serve the site under a domain name".into()),
            ),
            Some(url::Host::Domain(host)) if url.scheme() == "http" && host != "localhost" => {
                cx.report(
                    &codes::WEBAUTHN_INSECURE_ORIGIN,
                    span,
                    format!("`{origin}` is not a secure context; browsers only offer WebAuthn on `https:` (and `http://localhost`)"),
                    Some(format!("write `{}`", origin.replacen("http://", "https://", 1))),
                )
            }
            _ => {}
        }
    }

    /// C14: the same origin twice after normalization.
    pub(crate) fn check_items(&self, items: &[Node], cx: &mut Cx<'_>) {
        let mut seen = FirstSeen::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let Some(c) = item.scalar_text().and_then(|t| canonical(&t)) else {
                continue;
            };
            if let Some(first) = seen.earlier(&c, i) {
                cx.item(i, |cx| {
                    cx.report(
                        &codes::ORIGIN_DUPLICATE,
                        items[i].span,
                        format!(
                            "item {} is the same origin as item {} (`{c}`)",
                            i + 1,
                            first + 1
                        ),
                        Some("remove the repeat".into()),
                    )
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Profile;
    use crate::document::{Format, Value};
    use crate::kinds::testing::{codes, codes_in, findings, first_help, list_findings};

    #[test]
    fn rules_c1_to_c11_in_production() {
        let kind = OriginKind::default();
        for (text, want) in [
            ("https://app.acme.io", vec![]),
            ("https://app.acme.io:8443", vec![]),
            ("https://[2001:4860::1]", vec![]),
            // C1
            ("app.acme.io", vec!["origin/invalid"]),
            ("ftp://app.acme.io", vec!["origin/invalid"]),
            // C2
            ("https://app.acme.io/", vec!["origin/has-path"]),
            ("https://app.acme.io/app", vec!["origin/has-path"]),
            ("https://app.acme.io?x=1", vec!["origin/has-query"]),
            ("https://app.acme.io#top", vec!["origin/has-query"]),
            ("https://user@app.acme.io", vec!["origin/has-userinfo"]),
            // C3
            ("https://App.Acme.IO", vec!["origin/non-canonical"]),
            ("https://app.acme.io:443", vec!["origin/non-canonical"]),
            ("HTTPS://app.acme.io", vec!["origin/non-canonical"]),
            ("https://bücher.de", vec!["origin/non-canonical"]),
            ("https://[2001:4860:0:0::1]", vec!["origin/non-canonical"]),
            // C4, C5, C6
            ("*", vec!["origin/wildcard"]),
            ("null", vec!["origin/null"]),
            ("https://*.acme.io", vec!["origin/wildcard-host"]),
            // C7
            ("https://1.2.3", vec!["origin/invalid-host"]),
            ("https://a..b.io", vec!["origin/invalid-host"]),
            ("https://-a.io", vec!["origin/invalid-host"]),
            ("https://app.acme.io:99999", vec!["origin/invalid"]),
            // C8, C9, C10, C11
            ("http://app.acme.io", vec!["origin/insecure"]),
            ("http://localhost:3000", vec!["origin/localhost"]),
            ("https://127.0.0.1:8443", vec!["origin/localhost"]),
            ("https://app.acme.io.", vec!["origin/trailing-dot"]),
            (
                "https://app.example.com",
                vec!["origin/documentation-domain"],
            ),
        ] {
            assert_eq!(codes(&kind, text), want, "{text}");
        }
    }

    #[test]
    fn development_keeps_only_the_rules_for_every_profile() {
        let kind = OriginKind::default();
        let dev = |t| codes_in(&kind, t, Profile::Development);
        assert!(dev("http://localhost:3000").is_empty());
        assert!(dev("http://app.acme.io").is_empty());
        assert!(dev("https://app.example.com").is_empty());
        assert_eq!(dev("*"), vec!["origin/wildcard"]);
        assert_eq!(dev("https://app.acme.io/"), vec!["origin/has-path"]);
        let f = findings(
            &kind,
            Value::String("*".into()),
            Profile::Development,
            Format::Env,
        );
        assert_eq!(f[0].code.level(Profile::Development), crate::Level::Warning);
    }

    #[test]
    fn helps_show_the_canonical_origin_and_it_checks_clean() {
        let kind = OriginKind::default();
        for (text, want) in [
            ("https://Example.COM:443", "https://example.com"),
            ("https://app.acme.io/", "https://app.acme.io"),
            ("https://bücher.de/shop?x", "https://xn--bcher-kva.de"),
            ("https://app.acme.io.", "https://app.acme.io"),
            ("http://app.acme.io", "https://app.acme.io"),
        ] {
            let help = first_help(&kind, text);
            let fixed = help.split('`').nth(1).unwrap();
            assert_eq!(fixed, want, "{text}");
            assert!(
                codes_in(&kind, fixed, Profile::Development).is_empty(),
                "{fixed}"
            );
        }
    }

    #[test]
    fn lists_report_repeats_after_normalization() {
        let out = list_findings(
            crate::kinds::Kind::Origin(OriginKind::default()),
            "https://app.acme.io,https://APP.acme.io:443,https://api.acme.io",
            "/CORS",
        );
        let found: Vec<(&str, &str)> = out
            .iter()
            .map(|f| (f.code.code, f.pointer.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("origin/non-canonical", "/CORS/1"),
                ("origin/duplicate", "/CORS/1")
            ]
        );
    }
}
