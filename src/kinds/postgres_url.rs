//! `kind: postgres_url` — a libpq connection URI (RULES.md §7, PostgreSQL docs §34.1).
//!
//! - Scheme `postgres://` or `postgresql://` exactly → `postgres/scheme`.
//! - Hosts: one or `h1:p1,h2:p2` (libpq multi-host), IPv6 in brackets, ports 1–65535 →
//!   `postgres/invalid`; a raw `@ / ? #` in the user info → `postgres/unencoded-userinfo`.
//! - `sslmode` one of six values, case-sensitive (`ssl=true` means `require`) →
//!   `postgres/invalid-sslmode`; in production `disable`/`allow` → `postgres/plaintext`,
//!   `prefer` (the default), `require`, `verify-ca` → `postgres/unverified-tls`. Unix-socket
//!   hosts have no TLS and no such findings.
//! - No database name → `postgres/missing-database` (production; libpq would use the user's).
//! - Local and single-label hosts in production → `url/local-host`, `url/single-label-host`.
//! - libpq's URI grammar (PostgreSQL docs §34.1.1.2, `conninfo_uri_parse_params`): a query
//!   pair without `=` or with a second `=`, a `%00`, an empty `[]` host → `postgres/invalid`;
//!   a parameter libpq does not know (`?uzer=`) → `postgres/unknown-parameter`, since libpq
//!   refuses to connect (a driver's own parameters are listed with `extra_params`). An empty
//!   port (`db:/app`) is the default port, as libpq reads it.
//! - The password in the URL is checked as a password (see `dsn::check_password`).

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use super::dsn::{self, DsnError};
use super::host::report_url_host;
use super::{scalar, Kind};
use crate::context::Cx;
use crate::diagnostic::{codes, Diagnostic, Profile};
use crate::document::read::{Keys, ReadError};
use crate::document::Node;
use crate::shown::shown;

#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct PostgresUrlKind {
    /// Fewest characters the password in the URL must have (the Stellar/Paystack checklist
    /// asks 32); no password at all is fine (peer, certificate or `.pgpass` authentication).
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub min_password_chars: Option<usize>,
    /// Host names that are this system's own production service names (pgStack's `db`
    /// container), never reported as local.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub internal_hosts: Vec<String>,
    /// Query parameters the service's driver reads itself and strips before libpq sees the
    /// URL (pgx's `pool_max_conns`, Prisma's `schema`), so they are not unknown here.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub extra_params: Vec<String>,
}

impl PostgresUrlKind {
    /// Reads the kind's parameters from the field's mapping.
    pub(crate) fn read(keys: &mut Keys<'_>) -> Result<Self, ReadError> {
        Ok(PostgresUrlKind {
            min_password_chars: keys.get("min_password_chars")?,
            internal_hosts: keys.get("internal_hosts")?,
            extra_params: keys.get("extra_params")?,
        })
    }
}

/// Every connection parameter libpq knows (PostgreSQL 18, §32.1.2), and the URI-only `ssl`
/// (`ssl=true` is read as `sslmode=require`).
const LIBPQ_PARAMS: &[&str] = &[
    "host",
    "hostaddr",
    "port",
    "dbname",
    "user",
    "password",
    "passfile",
    "require_auth",
    "channel_binding",
    "connect_timeout",
    "client_encoding",
    "options",
    "application_name",
    "fallback_application_name",
    "keepalives",
    "keepalives_idle",
    "keepalives_interval",
    "keepalives_count",
    "tcp_user_timeout",
    "replication",
    "gssencmode",
    "sslmode",
    "requiressl",
    "sslnegotiation",
    "sslcompression",
    "sslcert",
    "sslkey",
    "sslkeylogfile",
    "sslpassword",
    "sslcertmode",
    "sslrootcert",
    "sslcrl",
    "sslcrldir",
    "sslsni",
    "requirepeer",
    "ssl_min_protocol_version",
    "ssl_max_protocol_version",
    "min_protocol_version",
    "max_protocol_version",
    "krbsrvname",
    "gsslib",
    "gssdelegation",
    "scram_client_key",
    "scram_server_key",
    "service",
    "target_session_attrs",
    "load_balance_hosts",
    "oauth_issuer",
    "oauth_client_id",
    "oauth_client_secret",
    "oauth_scope",
    "ssl",
];

/// The six `sslmode` values libpq knows.
const SSL_MODES: &[&str] = &[
    "disable",
    "allow",
    "prefer",
    "require",
    "verify-ca",
    "verify-full",
];

/// A PostgreSQL connection URI, split as libpq reads it. The password is never kept.
///
/// ```
/// use preflight::{PostgresUrl, Profile};
///
/// let url = PostgresUrl::parse("postgres://app:s3cr%40t@db1.internal:5432,db2.internal/app?sslmode=require")?;
/// assert_eq!(url.hosts, [("db1.internal".to_string(), Some(5432)), ("db2.internal".to_string(), None)]);
/// assert_eq!(url.sslmode(), "require");
///
/// let found = PostgresUrl::check("postgres://app:Kq3vW8zR2nT5yL9pX4mB7cJ6@localhost/app?sslmode=disable", Profile::Production);
/// let codes: Vec<_> = found.iter().map(|d| d.code).collect();
/// assert_eq!(codes, ["postgres/plaintext", "url/local-host"]);
/// assert!(found.iter().all(|d| !d.message.contains("Kq3vW8")));
/// # Ok::<(), String>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostgresUrl {
    pub scheme: String,
    pub user: Option<String>,
    pub has_password: bool,
    /// Characters in the password (percent-decoded); the password itself is never kept.
    pub password_chars: usize,
    /// Each host with its port; a Unix-socket directory is a host starting with `/`.
    pub hosts: Vec<(String, Option<u16>)>,
    pub database: Option<String>,
    /// Query parameters (`sslmode`, `connect_timeout`, …), percent-decoded.
    pub params: Vec<(String, String)>,
}

impl PostgresUrl {
    /// Splits a connection URI; the error says what is wrong (never quoting the URL).
    pub fn parse(text: &str) -> Result<PostgresUrl, String> {
        let d = dsn::split(text.trim()).map_err(|e| describe(&e))?;
        if text.contains("%00") {
            return Err("the URL holds `%00`, a NUL byte, which libpq refuses anywhere".into());
        }
        for pair in d
            .query_text
            .unwrap_or("")
            .split('&')
            .filter(|p| !p.is_empty())
        {
            match pair.matches('=').count() {
                // Quoted only when it reads as a parameter's name (libpq's are lower-case
                // words): other text may be a value whose `=` went missing, a password's.
                0 if pair.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') => {
                    return Err(format!(
                        "the query parameter `{pair}` has no `=`; libpq reads `name=value` pairs"
                    ))
                }
                0 => {
                    return Err(
                        "a query parameter has no `=`; libpq reads `name=value` pairs".into(),
                    )
                }
                1 => {}
                _ => {
                    return Err(format!(
                        "the query parameter `{}` has a second `=`; percent-encode it in the value as `%3D`",
                        shown(&dsn::decode(pair.split('=').next().unwrap_or("")))
                    ))
                }
            }
        }
        if d.scheme != "postgres" && d.scheme != "postgresql" {
            return Err(format!(
                "the scheme `{}` is not `postgres` or `postgresql`",
                shown(d.scheme)
            ));
        }
        let mut hosts = Vec::with_capacity(d.hosts.len());
        for (host, port) in &d.hosts {
            if host.is_empty() && d.hosts.len() > 1 {
                return Err("one of the hosts is empty".into());
            }
            let port = match port {
                None => None,
                // libpq reads an empty port (`db:/app`) as the default one.
                Some("") => None,
                Some(p) if dsn::port_ok(p) => p.parse().ok(),
                Some(p) => return Err(dsn::bad_port(p)),
            };
            hosts.push((dsn::decode(host), port));
        }
        Ok(PostgresUrl {
            scheme: d.scheme.to_string(),
            user: d.user.map(dsn::decode),
            has_password: d.has_password,
            password_chars: d.password_chars,
            hosts,
            database: d.path.filter(|p| !p.is_empty()).map(dsn::decode),
            params: d
                .query
                .iter()
                .map(|(k, v)| (dsn::decode(k), dsn::decode(v)))
                .collect(),
        })
    }

    /// Checks a URI as `kind: postgres_url` does, with pointer `""` and spans in `text`.
    pub fn check(text: &str, profile: Profile) -> Vec<Diagnostic> {
        Kind::PostgresUrl(PostgresUrlKind::default()).check_text(text, profile)
    }

    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The `sslmode` in force: the parameter, `require` for `ssl=true`, else `prefer`.
    pub fn sslmode(&self) -> &str {
        match (self.param("sslmode"), self.param("ssl")) {
            (Some(mode), _) => mode,
            (None, Some("true")) => "require",
            _ => "prefer",
        }
    }

    /// Whether every host is a Unix-socket directory (no host, or a path), where TLS does
    /// not apply.
    pub fn is_unix_socket(&self) -> bool {
        let host_param = self.param("host");
        let socket = |h: &str| h.starts_with('/') || h.is_empty();
        match host_param {
            Some(h) => socket(h),
            None => self.hosts.iter().all(|(h, _)| socket(h)),
        }
    }
}

fn describe(e: &DsnError) -> String {
    match e {
        DsnError::NoScheme => {
            "the value is not a URL: write `postgres://user:password@host:5432/database`".into()
        }
        DsnError::UnencodedUserinfo => {
            "the user name or password holds a raw `@`, `/`, `?` or `#`".into()
        }
        DsnError::BadPercent => "a `%` is not followed by two hex digits".into(),
        DsnError::BadHost(why) => why.clone(),
    }
}

impl PostgresUrlKind {
    pub(crate) fn check(&self, node: &Node, cx: &mut Cx<'_>) {
        let Some(text) = scalar(node, cx, "a PostgreSQL URL") else {
            return;
        };
        let span = node.span;
        let url = match PostgresUrl::parse(&text) {
            Ok(url) => url,
            Err(why) => {
                let (code, help) = match dsn::split(text.trim()) {
                    Err(DsnError::UnencodedUserinfo) => (
                        &codes::POSTGRES_UNENCODED_USERINFO,
                        Some(
                            "percent-encode it: `@` → `%40`, `/` → `%2F`, `?` → `%3F`, `#` → `%23`"
                                .into(),
                        ),
                    ),
                    Ok(d) if d.scheme != "postgres" && d.scheme != "postgresql" => (
                        &codes::POSTGRES_SCHEME,
                        Some("start the URL with `postgres://`".into()),
                    ),
                    _ => (&codes::POSTGRES_INVALID, None),
                };
                return cx.report(code, span, why, help);
            }
        };
        let unknown: Vec<&str> = url
            .params
            .iter()
            .map(|(k, _)| k.as_str())
            .filter(|k| !LIBPQ_PARAMS.contains(k) && !self.extra_params.iter().any(|e| e == k))
            .collect();
        if let Some(first) = unknown.first() {
            let near = crate::suggest::nearest(first, LIBPQ_PARAMS.iter().copied());
            cx.report(
                &codes::POSTGRES_UNKNOWN_PARAMETER,
                span,
                format!(
                    "libpq knows no connection parameter `{}`, and refuses to connect",
                    shown(first)
                ),
                Some(match near {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "remove it, or list it in the schema's `extra_params` if the driver reads it itself".into(),
                }),
            );
        }
        let mode = url.sslmode().to_string();
        if !SSL_MODES.contains(&mode.as_str()) {
            let lower = mode.to_ascii_lowercase();
            cx.report(
                &codes::POSTGRES_INVALID_SSLMODE,
                span,
                format!(
                    "`sslmode={}` is not a mode libpq knows; it refuses to connect",
                    shown(&mode)
                ),
                Some(if SSL_MODES.contains(&lower.as_str()) {
                    format!("write `sslmode={lower}` (modes are case-sensitive)")
                } else {
                    "use `sslmode=verify-full`".into()
                }),
            );
        } else if !url.is_unix_socket() {
            match mode.as_str() {
                "disable" | "allow" => cx.report(
                    &codes::POSTGRES_PLAINTEXT,
                    span,
                    format!("`sslmode={mode}` lets the connection run without TLS: passwords and data cross the network in clear"),
                    Some("use `sslmode=verify-full` with the server's CA".into()),
                ),
                "verify-full" => {}
                _ => cx.report(
                    &codes::POSTGRES_UNVERIFIED_TLS,
                    span,
                    if url.param("sslmode").is_none() && url.param("ssl").is_none() {
                        "no `sslmode` is set, so libpq uses `prefer`: TLS if offered, silently plaintext otherwise, and no certificate check".to_string()
                    } else {
                        format!("`sslmode={mode}` does not check the server's {}", if mode == "verify-ca" { "host name" } else { "certificate" })
                    },
                    Some("add `sslmode=verify-full` (and `sslrootcert=` for a private CA)".into()),
                ),
            }
        }
        if url.database.is_none() {
            cx.report(
                &codes::POSTGRES_MISSING_DATABASE,
                span,
                "the URL names no database, so libpq connects to the one named like the user",
                Some("add the database after the host: `…@host:5432/app`".into()),
            );
        }
        if let Some(min) = self
            .min_password_chars
            .filter(|&min| url.has_password && url.password_chars < min)
        {
            cx.report(
                &codes::POSTGRES_WEAK_PASSWORD,
                span,
                format!(
                    "the password in the URL has {} characters; at least {min} are required",
                    url.password_chars
                ),
                Some(
                    "generate one with `openssl rand -hex 32` (hex needs no percent-encoding)"
                        .into(),
                ),
            );
        }
        for (host, _) in &url.hosts {
            if !host.starts_with('/') && !host.is_empty() {
                report_url_host(cx, host, span, &self.internal_hosts);
            }
        }
        dsn::check_password(
            &text,
            node,
            self.min_password_chars,
            &self.internal_hosts,
            cx,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::testing::{codes, codes_in};

    #[test]
    fn rules_in_production() {
        let kind = PostgresUrlKind::default();
        for (text, want) in [
            (
                "postgres://app:Kq3vW8zR2nT5yL9pX4mB7cJ6@db.acme.io:5432/app?sslmode=verify-full",
                vec![],
            ),
            (
                "postgresql://app@db1.acme.io:5432,db2.acme.io:5433/app?sslmode=verify-full",
                vec![],
            ),
            ("postgresql:///app?host=/var/run/postgresql", vec![]),
            ("postgres://app@%2Fvar%2Frun%2Fpostgresql/app", vec![]),
            ("mysql://app@db.acme.io/app", vec!["postgres/scheme"]),
            (
                "Postgres://app@db.acme.io/app?sslmode=verify-full",
                vec!["postgres/scheme"],
            ),
            ("db.acme.io/app", vec!["postgres/invalid"]),
            (
                "postgres://app@db.acme.io:99999/app?sslmode=verify-full",
                vec!["postgres/invalid"],
            ),
            (
                "postgres://app:p@ss@db.acme.io/app?sslmode=verify-full",
                vec!["postgres/unencoded-userinfo"],
            ),
            (
                "postgres://app:Kq3vW8zR2n%40T5yL9pX4mB7cJ6@db.acme.io/app?sslmode=verify-full",
                vec![],
            ),
            (
                "postgres://app@db.acme.io/app?sslmode=Require",
                vec!["postgres/invalid-sslmode"],
            ),
            (
                "postgres://app@db.acme.io/app?sslmode=on",
                vec!["postgres/invalid-sslmode"],
            ),
            (
                "postgres://app@db.acme.io/app?sslmode=disable",
                vec!["postgres/plaintext"],
            ),
            (
                "postgres://app@db.acme.io/app?sslmode=allow",
                vec!["postgres/plaintext"],
            ),
            (
                "postgres://app@db.acme.io/app?sslmode=prefer",
                vec!["postgres/unverified-tls"],
            ),
            (
                "postgres://app@db.acme.io/app",
                vec!["postgres/unverified-tls"],
            ),
            (
                "postgres://app@db.acme.io/app?sslmode=require",
                vec!["postgres/unverified-tls"],
            ),
            (
                "postgres://app@db.acme.io/app?ssl=true",
                vec!["postgres/unverified-tls"],
            ),
            (
                "postgres://app@db.acme.io/app?sslmode=verify-ca",
                vec!["postgres/unverified-tls"],
            ),
            (
                "postgres://app@db.acme.io?sslmode=verify-full",
                vec!["postgres/missing-database"],
            ),
            (
                "postgres://app@localhost/app?sslmode=verify-full",
                vec!["url/local-host"],
            ),
            (
                "postgres://app@db.acme.io,127.0.0.1/app?sslmode=verify-full",
                vec!["url/local-host"],
            ),
            (
                "postgres://app@postgres:5432/app?sslmode=verify-full",
                vec!["url/local-host"],
            ),
            (
                "postgres://app@pgbouncer/app?sslmode=verify-full",
                vec!["url/single-label-host"],
            ),
            (
                "postgres://app@pg.db.svc.cluster.local/app?sslmode=verify-full",
                vec![],
            ),
        ] {
            assert_eq!(codes(&kind, text), want, "{text}");
        }
    }

    #[test]
    fn development_keeps_only_syntax() {
        let kind = PostgresUrlKind::default();
        assert!(codes_in(
            &kind,
            "postgres://app:pw@localhost:5432/app?sslmode=disable",
            Profile::Development
        )
        .is_empty());
        assert!(codes_in(&kind, "postgres://app@db", Profile::Development).is_empty());
        assert_eq!(
            codes_in(
                &kind,
                "postgres://app@db/app?sslmode=bogus",
                Profile::Development
            ),
            vec!["postgres/invalid-sslmode"]
        );
    }
}
