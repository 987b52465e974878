//! WebAuthn relying party: the RP ID against the origins that claim it (RULES.md §4).
//!
//! - W3 the RP ID is a domain: no scheme, port or path, lower-case A-labels, no trailing dot,
//!   not an IP address → `webauthn/invalid-rp-id`.
//! - W4 every origin's host must have the RP ID as "a registrable domain suffix of or equal
//!   to" it, with the full Public Suffix List → `webauthn/rp-id-mismatch`, or, when the RP ID
//!   is a public suffix itself (`github.io`, `com`), `webauthn/rp-id-public-suffix`. W6 ports
//!   are ignored; W7 another registrable domain needs related origins, which is also a mismatch.
//! - W5 a `localhost` RP ID: an error in production → `webauthn/localhost`.
//!
//! W1 (https, or `http://localhost`), W2 (no IP origins) and W8 (canonical origins) are about
//! one origin each: `kind: origin` with `webauthn: true` checks them, in the schema and in
//! [`WebAuthnSettings::check`] alike.

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use super::block::{self, Out, Parts};
use super::psl::{
    is_public_suffix_list_loaded, is_registrable_suffix_of_or_equal, public_suffix,
    registrable_domain,
};
use crate::diagnostic::{codes, Diagnostic, Profile};
use crate::document::read::{self, FromNode, ReadError};
use crate::document::Node;
use crate::kinds::host::dns_name_problem;
use crate::kinds::{Kind, OriginKind};

/// `webauthn:` — which fields hold the relying party's settings.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct WebAuthnBlock {
    pub rp_id: String,
    pub rp_origin: String,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub allowed_origins: Option<String>,
    /// The block is checked only when this holds (e.g. `/webauthn/enabled` is true).
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub when: Option<crate::context::Condition>,
}

impl FromNode for WebAuthnBlock {
    fn from_node(node: &Node) -> Result<Self, ReadError> {
        read::record(node, "a WebAuthn block", |keys| {
            Ok(WebAuthnBlock {
                rp_id: keys.require("rp_id")?,
                rp_origin: keys.require("rp_origin")?,
                allowed_origins: keys.get("allowed_origins")?,
                when: keys.get("when")?,
            })
        })
    }
}

impl WebAuthnBlock {
    /// Each part of the block with the field the schema maps onto it.
    pub(super) fn parts(&self) -> Vec<(&'static str, Option<&String>)> {
        vec![
            ("rp_id", Some(&self.rp_id)),
            ("rp_origin", Some(&self.rp_origin)),
            ("allowed_origins", self.allowed_origins.as_ref()),
        ]
    }
}

/// A WebAuthn relying party as a service configures it.
///
/// ```
/// use preflight::{Profile, WebAuthnSettings};
///
/// let rp = WebAuthnSettings {
///     rp_id: "acme.io".into(),
///     rp_origin: "https://app.acme.io".into(),
///     allowed_origins: vec!["https://admin.acme-corp.com".into()],
/// };
/// let found = rp.check(Profile::Production);
/// assert_eq!(found.len(), 1);
/// assert_eq!(found[0].code, "webauthn/rp-id-mismatch");
/// assert_eq!(found[0].pointer, "/allowed_origins/0");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WebAuthnSettings {
    /// The RP ID: a domain, the origin's host or a registrable parent of it (`acme.io`).
    pub rp_id: String,
    /// The origin the web app is served from (`https://app.acme.io`).
    pub rp_origin: String,
    /// Further origins that use the same RP ID.
    pub allowed_origins: Vec<String>,
}

impl WebAuthnSettings {
    /// Checks the settings: each origin on its own (W1, W2, W8) and the RP ID against them.
    /// Pointers are `/rp_id`, `/rp_origin`, `/allowed_origins/N`; there are no spans.
    pub fn check(&self, profile: Profile) -> Vec<Diagnostic> {
        let origins: Vec<(String, &str)> = self.origins().collect();
        let values: Vec<(&str, Kind, Option<&str>)> = origins
            .iter()
            .map(|(part, text)| {
                let kind = Kind::Origin(OriginKind { webauthn: true });
                (part.as_str(), kind, Some(*text))
            })
            .collect();
        block::standalone(profile, &values, |out| self.rules(out))
    }

    pub(crate) fn from_parts(parts: &Parts<'_>) -> Self {
        WebAuthnSettings {
            rp_id: parts.text("rp_id").unwrap_or_default(),
            rp_origin: parts.text("rp_origin").unwrap_or_default(),
            allowed_origins: parts.list("allowed_origins"),
        }
    }

    pub(crate) fn rules(&self, out: &mut Out<'_>) {
        let rp_id = self.rp_id.as_str();
        if let Some((problem, help)) = rp_id_problem(rp_id) {
            out.report(&codes::WEBAUTHN_INVALID_RP_ID, "rp_id", problem, help);
            return;
        }
        if rp_id == "localhost" || rp_id.ends_with(".localhost") {
            out.report(
                &codes::WEBAUTHN_LOCALHOST,
                "rp_id",
                format!("the RP ID `{rp_id}` only works on a developer's machine"),
                Some(format!(
                    "set `{}` to the production domain",
                    out.name("rp_id")
                )),
            );
        }
        // The rules below need the Public Suffix List; where it is not built in (a browser's
        // module), the host loads it first (the npm package refuses a check without it).
        if !is_public_suffix_list_loaded() {
            return;
        }
        let suffix_itself = public_suffix(rp_id) == Some(rp_id);
        let mut said_suffix = false;
        for (part, origin) in self.origins() {
            let Some(host) = origin_host(origin) else {
                continue;
            };
            if is_registrable_suffix_of_or_equal(rp_id, &host) {
                continue;
            }
            let claimable = registrable_domain(&host).unwrap_or(&host);
            if suffix_itself && host.ends_with(&format!(".{rp_id}")) {
                if !said_suffix {
                    said_suffix = true;
                    out.report(
                        &codes::WEBAUTHN_RP_ID_PUBLIC_SUFFIX,
                        "rp_id",
                        format!("the RP ID `{rp_id}` is a public suffix: anyone can register a site under it, so browsers refuse it"),
                        Some(format!(
                            "set `{}` to `{claimable}`, the registrable domain of `{}`",
                            out.name("rp_id"),
                            out.name(&part)
                        )),
                    );
                }
                continue;
            }
            if part == "rp_origin" {
                // The RP ID is wrong for the main origin; the other origins' verdicts would
                // only repeat that, so they wait until it is fixed.
                let choices = if claimable == host {
                    format!("`{host}`")
                } else {
                    format!("`{host}` or `{claimable}`")
                };
                out.report(
                    &codes::WEBAUTHN_RP_ID_MISMATCH,
                    "rp_id",
                    format!("the RP ID `{rp_id}` is neither the host `{host}` of `{}` nor a registrable parent of it, so browsers reject every ceremony", out.name("rp_origin")),
                    Some(format!(
                        "set `{}` to {choices}, to match `{}`",
                        out.name("rp_id"),
                        out.name("rp_origin")
                    )),
                );
                return;
            }
            out.report(
                &codes::WEBAUTHN_RP_ID_MISMATCH,
                part,
                format!("the origin's host `{host}` cannot claim the RP ID `{rp_id}` of `{}`: passkeys fail from this origin", out.name("rp_id")),
                Some(format!("serve this origin under `{rp_id}` (the RP ID in `{}`), or publish it as a related origin at `https://{rp_id}/.well-known/webauthn`", out.name("rp_id"))),
            );
        }
    }

    /// Every origin with its part name: `rp_origin` first, then `allowed_origins/N`.
    fn origins(&self) -> impl Iterator<Item = (String, &str)> {
        std::iter::once(("rp_origin".to_string(), self.rp_origin.as_str())).chain(
            self.allowed_origins
                .iter()
                .enumerate()
                .map(|(i, o)| (format!("allowed_origins/{i}"), o.as_str())),
        )
    }
}

/// The host of an http(s) origin as browsers serialize it; `None` when the origin is not one
/// (`kind: origin` reports that) or its host is an IP address (W2, also the origin kind's).
fn origin_host(origin: &str) -> Option<String> {
    let url = url::Url::parse(origin.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    match url.host()? {
        url::Host::Domain(d) => Some(d.to_string()),
        _ => None,
    }
}

/// W3: what is wrong with an RP ID, and how to write it.
fn rp_id_problem(rp_id: &str) -> Option<(String, Option<String>)> {
    if rp_id.is_empty() {
        return Some((
            "the RP ID is empty".into(),
            Some("set it to the site's domain, e.g. `example.com`".into()),
        ));
    }
    if let Some((scheme, rest)) = rp_id.split_once("://") {
        let host = rest.split(['/', ':', '?', '#']).next().unwrap_or(rest);
        return Some((
            format!("the RP ID is a domain, not a URL: `{scheme}://` does not belong in it"),
            Some(format!("write `{}`", host.to_ascii_lowercase())),
        ));
    }
    if rp_id.parse::<std::net::IpAddr>().is_ok() || rp_id.starts_with('[') {
        return Some((
            format!("the RP ID `{rp_id}` is an IP address; WebAuthn needs a domain"),
            Some("serve the site under a domain name and use that".into()),
        ));
    }
    if let Some(cut) = rp_id.find([':', '/']) {
        let what = if rp_id[cut..].starts_with(':') {
            "a port"
        } else {
            "a path"
        };
        return Some((
            format!("the RP ID carries {what}; it is a bare domain (ports never matter to it)"),
            Some(format!("write `{}`", rp_id[..cut].to_ascii_lowercase())),
        ));
    }
    if rp_id.ends_with('.') {
        return Some((
            "the RP ID ends with a dot; its hash would differ from the domain's".into(),
            Some(format!("write `{}`", rp_id.trim_end_matches('.'))),
        ));
    }
    if !rp_id.is_ascii() {
        let ascii = idna::domain_to_ascii(rp_id).ok();
        return Some((
            format!("the RP ID `{rp_id}` is not ASCII; browsers compare the A-label form"),
            ascii.map(|a| format!("write `{a}`")),
        ));
    }
    if rp_id.bytes().any(|b| b.is_ascii_uppercase()) {
        return Some((
            format!("the RP ID `{rp_id}` has upper-case letters; its SHA-256 hash is taken of the exact text"),
            Some(format!("write `{}`", rp_id.to_ascii_lowercase())),
        ));
    }
    if let Some(problem) = dns_name_problem(rp_id) {
        return Some((
            format!("the RP ID `{rp_id}` is not a valid domain: {problem}"),
            None,
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Severity;

    type Expected = Vec<(&'static str, Severity, String)>;

    fn rp(id: &str, origin: &str, allowed: &[&str]) -> WebAuthnSettings {
        WebAuthnSettings {
            rp_id: id.into(),
            rp_origin: origin.into(),
            allowed_origins: allowed.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn found(s: &WebAuthnSettings, profile: Profile) -> Vec<(&'static str, Severity, String)> {
        s.check(profile)
            .into_iter()
            .map(|d| (d.code, d.severity, d.pointer))
            .collect()
    }

    #[test]
    fn rules_w1_to_w8_per_profile() {
        super::super::psl::list_for_tests();
        use Profile::*;
        use Severity::*;
        let e = |code, p: &str| vec![(code, Error, p.to_string())];
        let w = |code, p: &str| vec![(code, Warning, p.to_string())];
        let cases: Vec<(WebAuthnSettings, Profile, Expected)> = vec![
            (rp("acme.io", "https://acme.io", &[]), Production, vec![]),
            (
                rp(
                    "acme.io",
                    "https://app.acme.io:8443",
                    &["https://admin.acme.io"],
                ),
                Production,
                vec![],
            ),
            (
                rp("app.acme.io", "https://app.acme.io", &[]),
                Production,
                vec![],
            ),
            // W1: https only, http only for exactly localhost.
            (
                rp("acme.io", "http://app.acme.io", &[]),
                Development,
                e("webauthn/insecure-origin", "/rp_origin"),
            ),
            (
                rp("app.localhost", "http://app.localhost", &[]),
                Development,
                e("webauthn/insecure-origin", "/rp_origin"),
            ),
            (
                rp("localhost", "http://localhost:3000", &[]),
                Development,
                vec![],
            ),
            // W2: IP origins.
            (
                rp("acme.io", "https://10.0.0.5", &[]),
                Development,
                e("webauthn/ip-origin", "/rp_origin"),
            ),
            // W3: the RP ID is a bare lower-case A-label domain.
            (
                rp("https://acme.io", "https://acme.io", &[]),
                Production,
                e("webauthn/invalid-rp-id", "/rp_id"),
            ),
            (
                rp("acme.io:443", "https://acme.io", &[]),
                Production,
                e("webauthn/invalid-rp-id", "/rp_id"),
            ),
            (
                rp("Acme.io", "https://acme.io", &[]),
                Production,
                e("webauthn/invalid-rp-id", "/rp_id"),
            ),
            (
                rp("acme.io.", "https://acme.io", &[]),
                Production,
                e("webauthn/invalid-rp-id", "/rp_id"),
            ),
            (
                rp("bücher.de", "https://xn--bcher-kva.de", &[]),
                Production,
                e("webauthn/invalid-rp-id", "/rp_id"),
            ),
            (
                rp("10.0.0.5", "https://acme.io", &[]),
                Production,
                e("webauthn/invalid-rp-id", "/rp_id"),
            ),
            (
                rp("", "https://acme.io", &[]),
                Production,
                e("webauthn/invalid-rp-id", "/rp_id"),
            ),
            // W4: label boundary, public suffixes (private section too), other domains.
            (
                rp("widgets.com", "https://acme-widgets.com", &[]),
                Production,
                e("webauthn/rp-id-mismatch", "/rp_id"),
            ),
            (
                rp("github.io", "https://acme.github.io", &[]),
                Production,
                e("webauthn/rp-id-public-suffix", "/rp_id"),
            ),
            (
                rp("co.uk", "https://acme.co.uk", &[]),
                Production,
                e("webauthn/rp-id-public-suffix", "/rp_id"),
            ),
            (
                rp("acme.io", "https://acme.io", &["https://acme.dev"]),
                Production,
                e("webauthn/rp-id-mismatch", "/allowed_origins/0"),
            ),
            (
                rp("app.acme.io", "https://acme.io", &[]),
                Production,
                e("webauthn/rp-id-mismatch", "/rp_id"),
            ),
            // W5: localhost is for development.
            (
                rp("localhost", "http://localhost:3000", &[]),
                Production,
                e("webauthn/localhost", "/rp_id"),
            ),
            // W8: non-canonical origins are the origin kind's warning.
            (
                rp("acme.io", "https://ACME.io:443", &[]),
                Production,
                w("origin/non-canonical", "/rp_origin"),
            ),
        ];
        for (settings, profile, expected) in cases {
            assert_eq!(
                found(&settings, profile),
                expected,
                "{settings:?} in {profile}"
            );
        }
    }

    #[test]
    fn a_mismatch_names_the_other_field() {
        super::super::psl::list_for_tests();
        let d = rp("widgets.com", "https://acme-widgets.com", &[]).check(Profile::Production);
        assert_eq!(
            d[0].help.as_deref(),
            Some("set `rp_id` to `acme-widgets.com`, to match `rp_origin`")
        );
    }
}
