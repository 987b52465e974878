//! `kind: email` — a sender address in the practical addr-spec subset of RULES.md §5, and
//! `kind: email_name` — the display name that goes beside it in the `From:` header.
//!
//! - `local@domain`; the local part is a dot-atom (RFC 5322 §3.2.3): atext, no leading,
//!   trailing or double dots. The domain is an FQDN of LDH labels (RFC 5321 §4.1.2, §2.3.5).
//! - The display-name form (`Name <a@b>`) and quoted local parts are valid RFC 5322 but not what
//!   a sender-address field takes (the WHATWG "valid e-mail address" excludes them): errors.
//! - Lengths: local part ≤ 64 octets, domain ≤ 255, address ≤ 254 (RFC 5321 §4.5.3.1).
//! - Non-ASCII needs SMTPUTF8 (RFC 6531): a warning; for a Unicode domain the help shows the
//!   A-label.
//! - `localhost` or a single-label domain is an error in production; RFC 2606 documentation
//!   domains are a warning there.
//! - A display name with CR or LF lets a value inject headers: an error.

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use super::host::dns_name_problem;
use super::scalar;
use crate::context::Cx;
use crate::diagnostic::codes;
use crate::document::read::{Keys, ReadError};
use crate::document::Node;
use crate::shown::{shown, shown_char};

#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct EmailKind {}

impl EmailKind {
    /// The kind has no parameters.
    pub(crate) fn read(_: &mut Keys<'_>) -> Result<Self, ReadError> {
        Ok(EmailKind {})
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct EmailNameKind {}

impl EmailNameKind {
    /// The kind has no parameters.
    pub(crate) fn read(_: &mut Keys<'_>) -> Result<Self, ReadError> {
        Ok(EmailNameKind {})
    }
}

const ATEXT_SYMBOLS: &str = "!#$%&'*+-/=?^_`{|}~";

/// RFC 2606 and RFC 6761 names reserved for examples and tests.
pub(crate) fn is_documentation_domain(domain: &str) -> bool {
    let d = domain.trim_end_matches('.').to_ascii_lowercase();
    ["example.com", "example.net", "example.org"]
        .iter()
        .any(|e| d == *e || d.ends_with(&format!(".{e}")))
        || [".example", ".test", ".invalid"]
            .iter()
            .any(|tld| d.ends_with(tld) || d == tld[1..])
}

impl EmailKind {
    pub(crate) fn check(&self, node: &Node, cx: &mut Cx<'_>) {
        let Some(text) = scalar(node, cx, "an e-mail address") else {
            return;
        };
        let span = node.span;
        let invalid = |cx: &mut Cx<'_>, message: String, help: Option<String>| {
            cx.report(&codes::EMAIL_INVALID, span, message, help)
        };
        if text != text.trim() {
            return invalid(
                cx,
                "the address has spaces around it".into(),
                Some(format!("write `{}`", text.trim())),
            );
        }
        if let (Some(open), true) = (text.rfind('<'), text.ends_with('>')) {
            let address = &text[open + 1..text.len() - 1];
            let name = text[..open].trim().trim_matches('"');
            return cx.report(
                &codes::EMAIL_DISPLAY_NAME,
                span,
                format!(
                    "`{}` has the `Name <address>` form; this field takes the address alone",
                    shown(&text)
                ),
                Some(format!(
                    "write `{address}` here, and put `{name}` in the sender-name field"
                )),
            );
        }
        let Some((local, domain)) = text.rsplit_once('@') else {
            return invalid(
                cx,
                format!("`{}` has no `@`", shown(&text)),
                Some("write `name@example.org`".into()),
            );
        };
        if local.starts_with('"') {
            return cx.report(
                &codes::EMAIL_QUOTED_LOCAL_PART,
                span,
                "the local part is quoted; most mail libraries and providers reject quoted local parts".to_string(),
                Some("use an address whose local part needs no quotes".into()),
            );
        }
        if let Some(problem) = local_part_problem(local) {
            return invalid(cx, problem, None);
        }
        if domain.starts_with('[') {
            return invalid(
                cx,
                "an address literal (`[…]`) is not a sender domain".into(),
                Some("write the domain name".into()),
            );
        }
        // RFC 5321 §4.1.2: `Domain = sub-domain *("." sub-domain)`, so no root dot; servers
        // reject `MAIL FROM:<noreply@example.com.>` and DMARC alignment fails on it.
        if let Some(bare) = domain.strip_suffix('.').filter(|d| !d.is_empty()) {
            return invalid(
                cx,
                format!(
                    "the domain `{}` ends with a dot; a mail address has no root dot",
                    shown(domain)
                ),
                Some(format!("write `{}@{}`", shown(local), shown(bare))),
            );
        }
        let ascii_domain = if domain.is_ascii() {
            Some(domain.to_string())
        } else {
            a_label(domain)
        };
        let Some(ascii_domain) = ascii_domain else {
            return invalid(
                cx,
                format!("`{}` is not a valid domain", shown(domain)),
                None,
            );
        };
        if let Some(problem) = dns_name_problem(&ascii_domain) {
            return invalid(cx, format!("the domain is not valid: {problem}"), None);
        }
        if local.len() > 64
            || ascii_domain.len() > 255
            || local.len() + 1 + ascii_domain.len() > 254
        {
            return cx.report(
                &codes::EMAIL_TOO_LONG,
                span,
                format!("the address is too long: the local part has {} octets (at most 64), the whole {} (at most 254)", local.len(), local.len() + 1 + ascii_domain.len()),
                None,
            );
        }
        if !text.is_ascii() {
            let help = if domain.is_ascii() {
                "the server must support SMTPUTF8; use an ASCII address if it does not".to_string()
            } else {
                format!(
                    "write the domain as `{ascii_domain}`; a non-ASCII local part needs SMTPUTF8"
                )
            };
            cx.report(
                &codes::EMAIL_NON_ASCII,
                span,
                "the address has non-ASCII characters, which need SMTPUTF8 (RFC 6531)",
                Some(help),
            );
        }
        let lower = ascii_domain.trim_end_matches('.').to_ascii_lowercase();
        if lower == "localhost" || lower.ends_with(".localhost") || !lower.contains('.') {
            cx.report(
                &codes::EMAIL_LOCAL_DOMAIN,
                span,
                format!(
                    "`{domain}` is not a fully qualified domain; mail from it is rejected or lost"
                ),
                Some(
                    "use the domain the service sends mail from, e.g. `noreply@yourcompany.com`"
                        .into(),
                ),
            );
        } else if is_documentation_domain(&lower) {
            cx.report(
                &codes::EMAIL_DOCUMENTATION_DOMAIN,
                span,
                format!("`{domain}` is reserved for documentation (RFC 2606); no mail is delivered from it"),
                Some("use the domain the service really sends mail from".into()),
            );
        }
    }
}

fn local_part_problem(local: &str) -> Option<String> {
    if local.is_empty() {
        return Some("the part before `@` is empty".into());
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Some(
            "the part before `@` starts or ends with a dot, or has two dots in a row".into(),
        );
    }
    let bad = local.chars().find(|c| {
        !(c.is_ascii_alphanumeric() || ATEXT_SYMBOLS.contains(*c) || *c == '.' || !c.is_ascii())
    });
    bad.map(|c| {
        format!(
            "the part before `@` contains `{}`, which needs quoting",
            shown_char(c)
        )
    })
}

/// The A-label form of a Unicode domain (`bücher.de` → `xn--bcher-kva.de`), by UTS #46.
fn a_label(domain: &str) -> Option<String> {
    match url::Host::parse(domain).ok()? {
        url::Host::Domain(d) => Some(d),
        _ => None,
    }
}

impl EmailNameKind {
    pub(crate) fn check(&self, node: &Node, cx: &mut Cx<'_>) {
        let Some(text) = scalar(node, cx, "a sender name") else {
            return;
        };
        if text.contains(['\r', '\n']) {
            cx.report(
                &codes::EMAIL_NAME_LINE_BREAK,
                node.span,
                "the sender name contains a line break, which can inject mail headers",
                Some("write the name on one line".into()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Profile;
    use crate::kinds::testing::{codes, codes_in, first_help};

    #[test]
    fn sender_addresses() {
        let kind = EmailKind::default();
        let long_local = format!("{}@mail.acme.io", "a".repeat(65));
        for (text, want) in [
            ("noreply@acme.io", vec![]),
            ("first.last+tag@mail.acme.io", vec![]),
            ("o'brien@acme.io", vec![]),
            ("Acme <noreply@acme.io>", vec!["email/display-name"]),
            ("\"john doe\"@acme.io", vec!["email/quoted-local-part"]),
            ("noreply.acme.io", vec!["email/invalid"]),
            ("@acme.io", vec!["email/invalid"]),
            (".x@acme.io", vec!["email/invalid"]),
            ("a..b@acme.io", vec!["email/invalid"]),
            ("a b@acme.io", vec!["email/invalid"]),
            ("a@acme..io", vec!["email/invalid"]),
            ("a@-acme.io", vec!["email/invalid"]),
            ("a@[10.0.0.1]", vec!["email/invalid"]),
            (" a@acme.io", vec!["email/invalid"]),
            (long_local.as_str(), vec!["email/too-long"]),
            ("jörg@acme.io", vec!["email/non-ascii"]),
            ("info@bücher.de", vec!["email/non-ascii"]),
            ("noreply@acme.io.", vec!["email/invalid"]),
            ("noreply@.", vec!["email/invalid"]),
            ("noreply@localhost", vec!["email/local-domain"]),
            ("noreply@mailserver", vec!["email/local-domain"]),
            ("noreply@example.com", vec!["email/documentation-domain"]),
            ("noreply@mail.test", vec!["email/documentation-domain"]),
        ] {
            assert_eq!(codes(&kind, text), want, "{text}");
        }
    }

    #[test]
    fn development_allows_local_and_documentation_domains() {
        let kind = EmailKind::default();
        assert!(codes_in(&kind, "noreply@localhost", Profile::Development).is_empty());
        assert!(codes_in(&kind, "noreply@example.com", Profile::Development).is_empty());
        assert_eq!(
            codes_in(&kind, "Acme <a@b.io>", Profile::Development),
            vec!["email/display-name"]
        );
    }

    #[test]
    fn helps_show_the_fix() {
        let help = |t: &str| first_help(&EmailKind::default(), t);
        assert_eq!(
            help("Acme Support <support@acme.io>"),
            "write `support@acme.io` here, and put `Acme Support` in the sender-name field"
        );
        assert_eq!(
            help("info@bücher.de"),
            "write the domain as `xn--bcher-kva.de`; a non-ASCII local part needs SMTPUTF8"
        );
    }

    #[test]
    fn sender_names_stay_on_one_line() {
        let kind = EmailNameKind::default();
        assert!(codes(&kind, "Acme Support").is_empty());
        assert_eq!(
            codes(&kind, "Acme\r\nBcc: victim@acme.io"),
            vec!["email/name-line-break"]
        );
    }
}
