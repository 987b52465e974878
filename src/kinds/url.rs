//! `kind: url` — an absolute URL with an allowed scheme and a host.
//!
//! Parameters: `schemes` (default `[http, https]`), `allow_userinfo`, an exact `path`, and
//! whether production requires `https` (default yes, when http is allowed at all). In
//! production a local host is an error (RULES.md §7). The WHATWG parser accepts hosts such as
//! `*.x.com`, `a..b` or `a_b.x.com` (RULES.md §9); they are checked as DNS names here.
//!
//! Messages never repeat the whole URL: it may carry a password.

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use super::host::{dns_name_problem, report_url_host_of};
use super::web_url::WebUrl;
use super::{one_of_list, scalar, ParamError};
use crate::context::Cx;
use crate::diagnostic::codes;
use crate::document::read::{Keys, ReadError};
use crate::document::Node;
use crate::shown::shown;

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct UrlKind {
    /// Allowed schemes, lower case (default `http` and `https`).
    #[cfg_attr(feature = "schema-serde", serde(default = "web_schemes"))]
    pub schemes: Vec<String>,
    /// Accept `user:password@` in the URL (default false).
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub allow_userinfo: bool,
    /// The exact path the URL must have, e.g. `/internal/edge`.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub path: Option<String>,
    /// In production, `http://` to a non-local host is an error (default true).
    #[cfg_attr(feature = "schema-serde", serde(default = "super::default_true"))]
    pub https_in_production: bool,
    /// Host names that are this system's own production service names (pgStack's `db`
    /// container), never reported as local.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub internal_hosts: Vec<String>,
}

impl UrlKind {
    /// Reads the kind's parameters from the field's mapping.
    pub(crate) fn read(keys: &mut Keys<'_>) -> Result<Self, ReadError> {
        Ok(UrlKind {
            schemes: keys.get_or("schemes", web_schemes)?,
            allow_userinfo: keys.get("allow_userinfo")?,
            path: keys.get("path")?,
            https_in_production: keys.get_or("https_in_production", super::default_true)?,
            internal_hosts: keys.get("internal_hosts")?,
        })
    }
}

impl Default for UrlKind {
    fn default() -> Self {
        UrlKind {
            schemes: web_schemes(),
            allow_userinfo: false,
            path: None,
            https_in_production: true,
            internal_hosts: Vec::new(),
        }
    }
}

fn web_schemes() -> Vec<String> {
    vec!["http".into(), "https".into()]
}

impl UrlKind {
    pub(crate) fn validate(&self) -> Result<(), ParamError> {
        if self.schemes.is_empty() {
            return Err(ParamError::new("schemes", "list at least one scheme"));
        }
        if let Some(s) = self
            .schemes
            .iter()
            .find(|s| s.chars().any(|c| c.is_ascii_uppercase()))
        {
            return Err(ParamError::new(
                "schemes",
                format!("write the scheme `{s}` in lower case"),
            ));
        }
        if let Some(p) = self.path.as_ref().filter(|p| !p.starts_with('/')) {
            return Err(ParamError::new(
                "path",
                format!("the path `{p}` must start with `/`"),
            ));
        }
        Ok(())
    }

    pub(crate) fn check(&self, node: &Node, cx: &mut Cx<'_>) {
        let Some(text) = scalar(node, cx, "a URL") else {
            return;
        };
        let span = node.span;
        let url = match WebUrl::parse(crate::document::trimmed(&text)) {
            Ok(url) => url,
            Err(url::ParseError::RelativeUrlWithoutBase) => {
                cx.report(
                    &codes::URL_INVALID,
                    span,
                    "the value is not an absolute URL: it has no scheme",
                    Some(format!(
                        "start it with the scheme, e.g. `{}://`",
                        self.schemes[0]
                    )),
                );
                return;
            }
            Err(e) => {
                cx.report(
                    &codes::URL_INVALID,
                    span,
                    format!("the value is not a valid URL: {e}"),
                    None,
                );
                return;
            }
        };
        let scheme = url.scheme();
        if !self.schemes.iter().any(|s| s == scheme) {
            cx.report(
                &codes::URL_SCHEME_NOT_ALLOWED,
                span,
                format!("the scheme `{scheme}` is not allowed here"),
                Some(format!("use {}", one_of_list(&self.schemes))),
            );
            return;
        }
        let Some(host) = url.host_str().filter(|h| !h.is_empty()) else {
            cx.report(
                &codes::URL_MISSING_HOST,
                span,
                "the URL has no host",
                Some(format!("write `{scheme}://HOST`")),
            );
            return;
        };
        // Non-special schemes (postgres://, redis://) keep their host opaque, so an address
        // such as `127.0.0.1` arrives here as a "domain"; only real names get the DNS check.
        // The host as a resolver reads it, once for every rule below.
        let parsed_host = super::host::Host::parse(host);
        if url.host_is_domain() {
            let is_address = matches!(parsed_host, super::host::Host::Ip(_));
            if let Some(problem) = dns_name_problem(host).filter(|_| !is_address) {
                cx.report(
                    &codes::URL_INVALID,
                    span,
                    format!("the host `{}` is not valid: {problem}", shown(host)),
                    None,
                );
                return;
            }
        }
        if !self.allow_userinfo && (!url.username().is_empty() || url.password().is_some()) {
            cx.report(
                &codes::URL_HAS_USERINFO,
                span,
                "the URL carries credentials before its host",
                Some("remove `user:password@` and set the credentials in their own fields".into()),
            );
        } else if url.password().is_some() {
            super::dsn::check_password(&text, node, None, &[], cx);
        }
        if let Some(want) = &self.path {
            if url.path() != want {
                cx.report(
                    &codes::URL_PATH_MISMATCH,
                    span,
                    format!(
                        "the path is `{}`, but this field needs exactly `{want}`",
                        url.path()
                    ),
                    Some(format!("write `{scheme}://{host}{want}`")),
                );
            }
        }
        let host_is_local = super::host::locality(&parsed_host).is_some();
        let secure = match scheme {
            "http" => Some("https"),
            "ws" => Some("wss"),
            _ => None,
        };
        if let Some(secure) = secure.filter(|_| self.https_in_production && !host_is_local) {
            cx.report(
                &codes::URL_NOT_HTTPS,
                span,
                format!("`{scheme}://{host}` sends traffic in plain text"),
                Some(format!("use `{secure}://` in production")),
            );
        }
        report_url_host_of(cx, host, &parsed_host, span, &self.internal_hosts);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Profile;
    use crate::document::{Format, Value};
    use crate::kinds::testing::{codes, codes_in, findings};

    #[test]
    fn web_urls_in_production() {
        let kind = UrlKind::default();
        for (text, want) in [
            ("https://api.example.com", vec![]),
            ("https://api.example.com:8443/v1?x=1", vec![]),
            ("http://api.example.com", vec!["url/not-https"]),
            ("api.example.com", vec!["url/invalid"]),
            ("https://", vec!["url/invalid"]),
            ("ftp://files.example.com", vec!["url/scheme-not-allowed"]),
            ("https://a..b.com", vec!["url/invalid"]),
            ("https://*.example.com", vec!["url/invalid"]),
            ("https://user:pw@api.example.com", vec!["url/has-userinfo"]),
            ("http://localhost:8080", vec!["url/local-host"]),
            ("https://127.0.0.1", vec!["url/local-host"]),
            ("http://2130706433/", vec!["url/local-host"]),
            ("https://[::1]:8443", vec!["url/local-host"]),
            ("https://backend", vec!["url/single-label-host"]),
            ("https://svc.ns.svc.cluster.local", vec![]),
        ] {
            assert_eq!(codes(&kind, text), want, "{text}");
        }
    }

    #[test]
    fn development_allows_http_and_local_hosts() {
        let kind = UrlKind::default();
        for text in [
            "http://localhost:8080",
            "http://api.example.com",
            "http://db",
        ] {
            assert!(
                codes_in(&kind, text, Profile::Development).is_empty(),
                "{text}"
            );
        }
    }

    #[test]
    fn other_schemes_and_exact_paths() {
        let pg = UrlKind {
            schemes: vec!["postgres".into(), "postgresql".into()],
            allow_userinfo: true,
            ..UrlKind::default()
        };
        assert!(codes(
            &pg,
            "postgres://app:Kq3vW8zR2nT5yL9pX4mB7cJ6@db.example.com:5432/app"
        )
        .is_empty());
        assert_eq!(
            codes(&pg, "mysql://db.example.com/app"),
            vec!["url/scheme-not-allowed"]
        );
        assert_eq!(
            codes(&pg, "postgres://app@127.0.0.1/app"),
            vec!["url/local-host"]
        );
        assert_eq!(
            codes(&pg, "postgres://app@[::1]:5432/app"),
            vec!["url/local-host"]
        );
        assert!(codes(&pg, "postgres://app@10.0.0.5:5432/app").is_empty());
        assert_eq!(
            codes(&pg, "postgres://app@db_1.example.com/app"),
            vec!["url/invalid"]
        );
        let exact = UrlKind {
            path: Some("/internal/edge".into()),
            ..UrlKind::default()
        };
        assert!(codes(&exact, "https://api.example.com/internal/edge").is_empty());
        assert_eq!(
            codes(&exact, "https://api.example.com/internal/edge/"),
            vec!["url/path-mismatch"]
        );
    }

    #[test]
    fn messages_never_repeat_credentials() {
        let f = findings(
            &UrlKind::default(),
            Value::String("http://admin:hunter2-secret@localhost/".into()),
            Profile::Production,
            Format::Env,
        );
        assert!(!f.is_empty());
        for finding in f {
            assert!(!finding.message.contains("hunter2"), "{}", finding.message);
            assert!(!finding.help.unwrap_or_default().contains("hunter2"));
        }
    }
}
