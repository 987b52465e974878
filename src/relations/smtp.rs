//! SMTP submission: host, port and TLS mode agree; credentials come in pairs and never cross
//! the network in clear (RULES.md §5).
//!
//! - M1 port 465 is implicit TLS (RFC 8314 §3.3); M2 587 and M3 2525 are STARTTLS (RFC 6409,
//!   RFC 3207) → `smtp/port-tls-mismatch`.
//! - M4 port 25 is for relaying between servers → `smtp/relay-port` (a warning in production).
//! - M5 credentials with TLS off → `smtp/cleartext-credentials`; TLS off without credentials
//!   → `smtp/tls-off` (an error in production, RFC 8314: cleartext is obsolete).
//! - M9 a user name without a password, or the reverse → `smtp/credentials-incomplete`.
//!
//! One field at a time, in the schema and in [`SmtpSettings::check`] alike: M7/M8/M11 the host
//! (`kind: hostname`: no scheme, port or path; local hosts in production), the port, M10 the
//! password (`kind: secret`), the from address (`kind: email`) and `from_name` without CR/LF
//! (`kind: email_name`). SendGrid's user name is the literal `apikey`; user names are never
//! treated as placeholders.

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use super::block::{self, Out, Parts};
use crate::diagnostic::{codes, Diagnostic, Profile};
use crate::document::read::{self, FromNode, ReadError};
use crate::document::Node;
use crate::kinds::host::{locality, Host};
use crate::kinds::{EmailKind, EmailNameKind, HostnameKind, Kind, PortKind, SecretKind};

/// `smtp:` — which fields hold the mail settings; every part is optional.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct SmtpBlock {
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub host: Option<String>,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub port: Option<String>,
    /// `implicit`/`tls`/`ssl`, `starttls`, `none`, or a boolean (`use_tls`).
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub tls: Option<String>,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub username: Option<String>,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub password: Option<String>,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub password_file: Option<String>,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub from: Option<String>,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub from_name: Option<String>,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub when: Option<crate::context::Condition>,
}

impl FromNode for SmtpBlock {
    fn from_node(node: &Node) -> Result<Self, ReadError> {
        read::record(node, "an SMTP block", |keys| {
            Ok(SmtpBlock {
                host: keys.get("host")?,
                port: keys.get("port")?,
                tls: keys.get("tls")?,
                username: keys.get("username")?,
                password: keys.get("password")?,
                password_file: keys.get("password_file")?,
                from: keys.get("from")?,
                from_name: keys.get("from_name")?,
                when: keys.get("when")?,
            })
        })
    }
}

impl SmtpBlock {
    /// Each part of the block with the field the schema maps onto it.
    pub(super) fn parts(&self) -> Vec<(&'static str, Option<&String>)> {
        vec![
            ("host", self.host.as_ref()),
            ("port", self.port.as_ref()),
            ("tls", self.tls.as_ref()),
            ("username", self.username.as_ref()),
            ("password", self.password.as_ref()),
            ("password_file", self.password_file.as_ref()),
            ("from", self.from.as_ref()),
            ("from_name", self.from_name.as_ref()),
        ]
    }
}

/// How the connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    /// TLS from the first byte ("submissions", port 465): `implicit`, `tls`, `ssl`, `smtps`.
    Implicit,
    /// A plaintext greeting upgraded with STARTTLS (587, 2525): `starttls`.
    StartTls,
    /// TLS on, with the mode chosen by the port (`use_tls: true`).
    On,
    /// No TLS: `none`, `off`, `plain`, `false`.
    Off,
}

impl SmtpTls {
    /// Reads the spellings configs use for the TLS setting; `None` for anything else.
    pub fn parse(text: &str) -> Option<SmtpTls> {
        match text.trim().to_ascii_lowercase().as_str() {
            "implicit" | "tls" | "ssl" | "smtps" | "ssl/tls" => Some(SmtpTls::Implicit),
            "starttls" | "start_tls" | "start-tls" => Some(SmtpTls::StartTls),
            "true" | "on" | "yes" => Some(SmtpTls::On),
            "none" | "off" | "plain" | "false" | "no" | "disabled" => Some(SmtpTls::Off),
            _ => None,
        }
    }
}

/// An SMTP submission setup as a service configures it.
///
/// ```
/// use preflight::{Profile, SmtpSettings, SmtpTls};
///
/// let smtp = SmtpSettings {
///     host: Some("smtp.sendgrid.net".into()),
///     port: Some(465),
///     tls: Some(SmtpTls::StartTls),
///     username: Some("apikey".into()),
///     password: Some("SG.Xq3rT9vLk2Pz8Wm4Yb7Nc1Hd6Jf5Gs0A.e4K9pQ2rT7vX1zB5nM8wY3cF6hJ0lS".into()),
///     from: Some("noreply@acme.io".into()),
///     from_name: Some("Acme".into()),
/// };
/// let found = smtp.check(Profile::Production);
/// assert_eq!(found.len(), 1);
/// assert_eq!(found[0].code, "smtp/port-tls-mismatch");
/// assert_eq!(found[0].pointer, "/tls");
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SmtpSettings {
    pub host: Option<String>,
    pub port: Option<u16>,
    pub tls: Option<SmtpTls>,
    pub username: Option<String>,
    /// The password (or, from a schema, a set `password_file`). Never echoed.
    pub password: Option<String>,
    /// The envelope and header sender, `noreply@example.com`.
    pub from: Option<String>,
    pub from_name: Option<String>,
}

impl std::fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "<hidden>"))
            .field("from", &self.from)
            .field("from_name", &self.from_name)
            .finish()
    }
}

impl SmtpSettings {
    /// Checks each field on its own and the fields together. Pointers are `/host`, `/port`,
    /// `/tls`, `/username`, `/password`, `/from`, `/from_name`; there are no spans.
    pub fn check(&self, profile: Profile) -> Vec<Diagnostic> {
        let port = self.port.map(|p| p.to_string());
        let values = [
            (
                "host",
                Kind::Hostname(HostnameKind::default()),
                self.host.as_deref(),
            ),
            ("port", Kind::Port(PortKind::default()), port.as_deref()),
            // Provider-issued passwords: §1 rules at the default 128 bits, without the S7
            // 256-bit recommendation (setting `min_bits` accepts that strength).
            (
                "password",
                Kind::Secret(SecretKind {
                    min_bits: Some(128),
                    ..SecretKind::default()
                }),
                self.password.as_deref(),
            ),
            (
                "from",
                Kind::Email(EmailKind::default()),
                self.from.as_deref(),
            ),
            (
                "from_name",
                Kind::EmailName(EmailNameKind::default()),
                self.from_name.as_deref(),
            ),
        ];
        block::standalone(profile, &values, |out| self.rules(out))
    }

    pub(crate) fn from_parts(parts: &Parts<'_>) -> Self {
        SmtpSettings {
            host: parts.text("host"),
            port: parts.text("port").and_then(|p| p.parse().ok()),
            tls: parts.text("tls").and_then(|t| SmtpTls::parse(&t)),
            username: parts.text("username"),
            // Only whether it is set matters here; the secret kind checks the value.
            password: parts
                .text("password")
                .or_else(|| parts.text("password_file"))
                .map(|_| String::new()),
            from: parts.text("from"),
            from_name: parts.text("from_name"),
        }
    }

    pub(crate) fn rules(&self, out: &mut Out<'_>) {
        let credentials = self.username.is_some() || self.password.is_some();
        match (self.username.is_some(), self.password.is_some()) {
            (true, false) => out.report_near(
                &codes::SMTP_CREDENTIALS_INCOMPLETE,
                "password",
                &["username"],
                format!(
                    "`{}` is set but `{}` is not; the server will refuse AUTH",
                    out.name("username"),
                    out.name("password")
                ),
                Some(format!(
                    "set `{}` (or a password file), or remove `{}`",
                    out.name("password"),
                    out.name("username")
                )),
            ),
            (false, true) => out.report_near(
                &codes::SMTP_CREDENTIALS_INCOMPLETE,
                "username",
                &["password", "password_file"],
                format!(
                    "`{}` is set but `{}` is not",
                    out.name("password"),
                    out.name("username")
                ),
                Some(format!(
                    "set `{}` (SendGrid's is the literal `apikey`)",
                    out.name("username")
                )),
            ),
            _ => {}
        }
        let local = self
            .host
            .as_deref()
            .is_some_and(|h| locality(&Host::parse(h)).is_some());
        match (self.port, self.tls) {
            (Some(465), Some(SmtpTls::StartTls | SmtpTls::Off)) => out.report(
                &codes::SMTP_PORT_TLS_MISMATCH,
                "tls",
                format!("port 465 (`{}`) speaks TLS from the first byte (RFC 8314), but `{}` says {}", out.name("port"), out.name("tls"), if self.tls == Some(SmtpTls::Off) { "no TLS" } else { "STARTTLS" }),
                Some(format!("set `{}` to implicit TLS, or use port 587 with STARTTLS", out.name("tls"))),
            ),
            (Some(p @ (587 | 2525)), Some(SmtpTls::Implicit)) => out.report(
                &codes::SMTP_PORT_TLS_MISMATCH,
                "tls",
                format!("port {p} (`{}`) starts in plaintext and upgrades with STARTTLS (RFC 6409, RFC 3207); an implicit-TLS handshake there fails", out.name("port")),
                Some(format!("set `{}` to STARTTLS, or use port 465 for implicit TLS", out.name("tls"))),
            ),
            _ => {}
        }
        if self.tls == Some(SmtpTls::Off) && self.port != Some(465) {
            if credentials {
                out.report(
                    &codes::SMTP_CLEARTEXT_CREDENTIALS,
                    "tls",
                    format!("`{}` turns TLS off while a user name and password are set: they cross the network in clear", out.name("tls")),
                    Some("use STARTTLS on port 587 or implicit TLS on 465".into()),
                );
            } else if !local {
                out.report(
                    &codes::SMTP_TLS_OFF,
                    "tls",
                    format!("`{}` turns TLS off; mail and its recipients cross the network in clear (RFC 8314)", out.name("tls")),
                    Some("use STARTTLS on port 587 or implicit TLS on 465".into()),
                );
            }
        } else if self.port == Some(25) && self.tls.is_some_and(|t| t != SmtpTls::Off) && !local {
            out.report(
                &codes::SMTP_RELAY_PORT,
                "port",
                "port 25 is for relaying between mail servers; providers block it or refuse submission there",
                Some("submit on 587 (STARTTLS) or 465 (implicit TLS)".into()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Severity;

    type Expected = Vec<(&'static str, Severity, &'static str)>;

    fn smtp(
        host: &str,
        port: u16,
        tls: SmtpTls,
        user: Option<&str>,
        pass: Option<&str>,
    ) -> SmtpSettings {
        SmtpSettings {
            host: Some(host.into()),
            port: Some(port),
            tls: Some(tls),
            username: user.map(Into::into),
            password: pass.map(Into::into),
            from: Some("noreply@acme.io".into()),
            from_name: Some("Acme".into()),
        }
    }

    const PASS: &str = "Wq8vN3xL5zR2tY7uP4sK9mB6cV1hJ0dF";

    #[test]
    fn rules_m1_to_m11_per_profile() {
        use Profile::*;
        use Severity::*;
        use SmtpTls::*;
        let user = Some("mailer");
        let pass = Some(PASS);
        let cases: Vec<(SmtpSettings, Profile, Expected)> = vec![
            (
                smtp("smtp.acme.io", 587, StartTls, user, pass),
                Production,
                vec![],
            ),
            (
                smtp("smtp.acme.io", 465, Implicit, user, pass),
                Production,
                vec![],
            ),
            (
                smtp("smtp.acme.io", 465, On, user, pass),
                Production,
                vec![],
            ),
            (
                smtp("smtp.acme.io", 2525, StartTls, user, pass),
                Production,
                vec![],
            ),
            // M1, M2
            (
                smtp("smtp.acme.io", 465, StartTls, user, pass),
                Production,
                vec![("smtp/port-tls-mismatch", Error, "/tls")],
            ),
            (
                smtp("smtp.acme.io", 587, Implicit, user, pass),
                Development,
                vec![("smtp/port-tls-mismatch", Error, "/tls")],
            ),
            // M4
            (
                smtp("smtp.acme.io", 25, StartTls, user, pass),
                Production,
                vec![("smtp/relay-port", Warning, "/port")],
            ),
            (
                smtp("smtp.acme.io", 25, StartTls, user, pass),
                Development,
                vec![],
            ),
            // M5, M6
            (
                smtp("smtp.acme.io", 587, Off, user, pass),
                Production,
                vec![("smtp/cleartext-credentials", Error, "/tls")],
            ),
            (
                smtp("smtp.acme.io", 587, Off, user, pass),
                Development,
                vec![("smtp/cleartext-credentials", Warning, "/tls")],
            ),
            (
                smtp("smtp.acme.io", 25, Off, None, None),
                Production,
                vec![("smtp/tls-off", Error, "/tls")],
            ),
            (
                smtp("smtp.acme.io", 25, Off, None, None),
                Development,
                vec![],
            ),
            // M7, M11: the host kind.
            (
                smtp("smtp://smtp.acme.io", 587, StartTls, user, pass),
                Production,
                vec![("hostname/invalid", Error, "/host")],
            ),
            (
                smtp("mailpit", 1025, Off, None, None),
                Production,
                vec![("hostname/local-host", Error, "/host")],
            ),
            (smtp("mailpit", 1025, Off, None, None), Development, vec![]),
            // M9
            (
                smtp("smtp.acme.io", 587, StartTls, user, None),
                Development,
                vec![("smtp/credentials-incomplete", Error, "/password")],
            ),
            (
                smtp("smtp.acme.io", 587, StartTls, None, pass),
                Production,
                vec![("smtp/credentials-incomplete", Error, "/username")],
            ),
            // M10: SendGrid's literal user name is fine; a placeholder password is not.
            (
                smtp("smtp.sendgrid.net", 587, StartTls, Some("apikey"), pass),
                Production,
                vec![],
            ),
            (
                smtp("smtp.acme.io", 587, StartTls, user, Some("changeme")),
                Production,
                vec![("secret/placeholder", Error, "/password")],
            ),
        ];
        for (settings, profile, expected) in cases {
            let found: Vec<(&str, Severity, String)> = settings
                .check(profile)
                .into_iter()
                .map(|d| (d.code, d.severity, d.pointer))
                .collect();
            let expected: Vec<(&str, Severity, String)> = expected
                .into_iter()
                .map(|(c, s, p)| (c, s, p.to_string()))
                .collect();
            assert_eq!(found, expected, "{settings:?} in {profile}");
        }
    }

    #[test]
    fn tls_spellings() {
        assert_eq!(SmtpTls::parse("STARTTLS"), Some(SmtpTls::StartTls));
        assert_eq!(SmtpTls::parse("ssl"), Some(SmtpTls::Implicit));
        assert_eq!(SmtpTls::parse("false"), Some(SmtpTls::Off));
        assert_eq!(SmtpTls::parse("true"), Some(SmtpTls::On));
        assert_eq!(SmtpTls::parse("maybe"), None);
    }
}
