//! `kind: redis_url` — a Redis connection URL (RULES.md §7, redis.io "Connection URLs").
//!
//! - `redis://` or `rediss://` (TLS), lower case: Lettuce, Predis and redis-py reject
//!   `REDIS://`, and ioredis turns TLS on only for lower-case `rediss://` → `redis/scheme`.
//!   With `sentinel: true` the Sentinel dialects too: `redis-sentinel://` / `rediss-sentinel://`
//!   (Lettuce, `?sentinelMasterId=`) and `redis+sentinel://h1:p1,h2:p2/service[/db]`.
//! - `[user][:password]@`, one host (empty = localhost), port 1–65535, IPv6 in brackets →
//!   `redis/invalid`; the database a non-negative integer → `redis/invalid-db`.
//! - In production: no TLS → `redis/plaintext`; redis-rs's `#insecure` (no certificate check)
//!   → `redis/insecure-tls`; local and single-label hosts (every Sentinel host) →
//!   `url/local-host`, `url/single-label-host`.

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
pub struct RedisUrlKind {
    /// Accept the Sentinel URL dialects (default false).
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub sentinel: bool,
    /// Host names that are this system's own production service names (pgStack's `db`
    /// container), never reported as local.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub internal_hosts: Vec<String>,
}

impl RedisUrlKind {
    /// Reads the kind's parameters from the field's mapping.
    pub(crate) fn read(keys: &mut Keys<'_>) -> Result<Self, ReadError> {
        Ok(RedisUrlKind {
            sentinel: keys.get("sentinel")?,
            internal_hosts: keys.get("internal_hosts")?,
        })
    }
}

/// A Redis connection URL, split. The password is never kept.
///
/// ```
/// use preflight::{Profile, RedisUrl};
///
/// let url = RedisUrl::parse("rediss://:pw@cache.acme.io:6380/2")?;
/// assert!(url.tls);
/// assert_eq!(url.db, Some(2));
///
/// let codes: Vec<_> = RedisUrl::check("REDIS://cache.acme.io", Profile::Production)
///     .into_iter().map(|d| d.code).collect();
/// assert_eq!(codes, ["redis/scheme"]);
/// # Ok::<(), String>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedisUrl {
    pub scheme: String,
    pub tls: bool,
    pub sentinel: bool,
    pub user: Option<String>,
    pub has_password: bool,
    /// Each host with its port; an empty host means `localhost`.
    pub hosts: Vec<(String, Option<u16>)>,
    pub db: Option<u64>,
    /// The Sentinel service (master) name, for the Sentinel dialects.
    pub service: Option<String>,
    /// `#insecure`: TLS without certificate verification (redis-rs).
    pub insecure: bool,
}

/// What went wrong reading a Redis URL, and under which code.
enum Problem {
    Scheme(String, Option<String>),
    Invalid(String),
    Db(String),
}

impl RedisUrl {
    /// Splits a URL in any dialect; the error says what is wrong (never quoting the URL).
    pub fn parse(text: &str) -> Result<RedisUrl, String> {
        parse(text, true).map_err(|p| match p {
            Problem::Scheme(m, _) | Problem::Invalid(m) | Problem::Db(m) => m,
        })
    }

    /// Checks a URL as `kind: redis_url` with `sentinel: true` does, with pointer `""`.
    pub fn check(text: &str, profile: Profile) -> Vec<Diagnostic> {
        Kind::RedisUrl(RedisUrlKind {
            sentinel: true,
            internal_hosts: Vec::new(),
        })
        .check_text(text, profile)
    }
}

fn parse(text: &str, allow_sentinel: bool) -> Result<RedisUrl, Problem> {
    let d = dsn::split(text.trim()).map_err(|e| match e {
        DsnError::NoScheme => Problem::Invalid("the value is not a URL: write `rediss://:password@host:6379/0`".into()),
        DsnError::UnencodedUserinfo => Problem::Invalid("the user name or password holds a raw `@`, `/`, `?` or `#`; percent-encode it (`@` → `%40`)".into()),
        DsnError::BadPercent => Problem::Invalid("a `%` is not followed by two hex digits".into()),
        DsnError::BadHost(why) => Problem::Invalid(why),
    })?;
    let lower = d.scheme.to_ascii_lowercase();
    let (tls, sentinel) = match lower.as_str() {
        "redis" => (false, false),
        "rediss" => (true, false),
        "redis-sentinel" | "redis+sentinel" => (false, true),
        "rediss-sentinel" => (true, true),
        _ => {
            return Err(Problem::Scheme(
                format!("the scheme `{}` is not a Redis scheme", shown(d.scheme)),
                Some("use `rediss://` (TLS) or `redis://`".into()),
            ))
        }
    };
    if d.scheme != lower {
        return Err(Problem::Scheme(
            format!("the scheme `{}` is not lower case; several clients reject it, and ioredis turns TLS on only for `rediss://`", d.scheme),
            Some(format!("write `{lower}://`")),
        ));
    }
    if sentinel && !allow_sentinel {
        return Err(Problem::Scheme(
            format!("`{lower}://` is a Sentinel URL, but this service reads plain Redis URLs"),
            Some("use `rediss://host:6379`, or configure Sentinel in its own fields".into()),
        ));
    }
    if !sentinel && d.hosts.len() > 1 {
        return Err(Problem::Invalid(
            "a Redis URL has one host; several are a Sentinel or Cluster setup".into(),
        ));
    }
    let mut hosts = Vec::new();
    for (host, port) in &d.hosts {
        let port = match port {
            None => None,
            Some(p) if dsn::port_ok(p) => p.parse().ok(),
            Some(p) => return Err(Problem::Invalid(dsn::bad_port(p))),
        };
        hosts.push((dsn::decode(host), port));
    }
    if hosts.is_empty() {
        hosts.push((String::new(), None));
    }
    let segments: Vec<&str> = d
        .path
        .unwrap_or("")
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    let (service, db_text) = match (lower.as_str(), segments.as_slice()) {
        ("redis+sentinel", [service, rest @ ..]) => (Some(service.to_string()), rest.first().copied()),
        ("redis+sentinel", []) => {
            return Err(Problem::Invalid("a `redis+sentinel://` URL names its service: `redis+sentinel://h1:26379,h2:26379/mymaster/0`".into()))
        }
        (_, [db]) => (d.query.iter().find(|(k, _)| *k == "sentinelMasterId").map(|(_, v)| v.to_string()), Some(*db)),
        (_, []) => (d.query.iter().find(|(k, _)| *k == "sentinelMasterId").map(|(_, v)| v.to_string()), None),
        (_, _) => return Err(Problem::Db("the path has more than one segment; it is only the database number".into())),
    };
    let db = match db_text {
        None => None,
        Some(t) => Some(t.parse::<u64>().map_err(|_| {
            Problem::Db(format!(
                "the database `{}` is not a non-negative integer",
                shown(t)
            ))
        })?),
    };
    if sentinel && service.is_none() {
        return Err(Problem::Invalid(
            "a Sentinel URL names its master: add `?sentinelMasterId=mymaster`".into(),
        ));
    }
    Ok(RedisUrl {
        scheme: lower,
        tls,
        sentinel,
        user: d.user.filter(|u| !u.is_empty()).map(dsn::decode),
        has_password: d.has_password,
        hosts,
        db,
        service,
        insecure: d.fragment == Some("insecure"),
    })
}

impl RedisUrlKind {
    pub(crate) fn check(&self, node: &Node, cx: &mut Cx<'_>) {
        let Some(text) = scalar(node, cx, "a Redis URL") else {
            return;
        };
        let span = node.span;
        let url = match parse(&text, self.sentinel) {
            Ok(url) => url,
            Err(Problem::Scheme(message, help)) => {
                return cx.report(&codes::REDIS_SCHEME, span, message, help)
            }
            Err(Problem::Invalid(message)) => {
                return cx.report(&codes::REDIS_INVALID, span, message, None)
            }
            Err(Problem::Db(message)) => {
                return cx.report(
                    &codes::REDIS_INVALID_DB,
                    span,
                    message,
                    Some("write `/0` to `/15` (or leave it out for 0)".into()),
                )
            }
        };
        if !url.tls {
            cx.report(
                &codes::REDIS_PLAINTEXT,
                span,
                format!("`{}://` connects without TLS: the password and every key cross the network in clear", url.scheme),
                Some(format!("use `{}://`", url.scheme.replacen("redis", "rediss", 1).replace("rediss+sentinel", "rediss-sentinel"))),
            );
        } else if url.insecure {
            cx.report(
                &codes::REDIS_INSECURE_TLS,
                span,
                "`#insecure` turns off certificate verification, so anyone on the path can pose as the server",
                Some("remove `#insecure` and trust the server's CA instead".into()),
            );
        }
        for (host, _) in &url.hosts {
            if host.is_empty() {
                cx.report(
                    &codes::URL_LOCAL_HOST,
                    span,
                    "the URL has no host, which means `localhost`; in production it does not reach the real service",
                    Some("write the production host: `rediss://cache.example.com:6379`".into()),
                );
            } else {
                report_url_host(cx, host, span, &self.internal_hosts);
            }
        }
        dsn::check_password(&text, node, None, &self.internal_hosts, cx);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::testing::{codes, codes_in};

    #[test]
    fn rules_in_production() {
        let plain = RedisUrlKind::default();
        let sentinel = RedisUrlKind {
            sentinel: true,
            internal_hosts: Vec::new(),
        };
        for (kind, text, want) in [
            (&plain, "rediss://:Kq3vW8zR2nT5yL9pX4mB7cJ6@cache.acme.io:6380/0", vec![]),
            (&plain, "rediss://default:Kq3vW8zR2nT5yL9pX4mB7cJ6@cache.acme.io", vec![]),
            (&plain, "rediss://[2001:db8::5]:6379", vec![]),
            (
                &plain,
                "redis://cache.acme.io:6379",
                vec!["redis/plaintext"],
            ),
            (
                &plain,
                "rediss://cache.acme.io#insecure",
                vec!["redis/insecure-tls"],
            ),
            (&plain, "REDIS://cache.acme.io", vec!["redis/scheme"]),
            (&plain, "Rediss://cache.acme.io", vec!["redis/scheme"]),
            (&plain, "http://cache.acme.io", vec!["redis/scheme"]),
            (
                &plain,
                "redis-sentinel://s1.acme.io:26379?sentinelMasterId=main",
                vec!["redis/scheme"],
            ),
            (&plain, "rediss://cache.acme.io/x", vec!["redis/invalid-db"]),
            (
                &plain,
                "rediss://cache.acme.io/-1",
                vec!["redis/invalid-db"],
            ),
            (&plain, "rediss://cache.acme.io:0", vec!["redis/invalid"]),
            (
                &plain,
                "rediss://a.acme.io,b.acme.io",
                vec!["redis/invalid"],
            ),
            (&plain, "cache.acme.io:6379", vec!["redis/invalid"]),
            (
                &plain,
                "rediss://:p@ss@cache.acme.io",
                vec!["redis/invalid"],
            ),
            (&plain, "rediss://localhost:6379", vec!["url/local-host"]),
            (&plain, "rediss://", vec!["url/local-host"]),
            (&plain, "rediss://redis:6379", vec!["url/local-host"]),
            (&plain, "rediss://cache:6379", vec!["url/single-label-host"]),
            (
                &sentinel,
                "rediss-sentinel://:Kq3vW8zR2nT5yL9pX4mB7cJ6@s1.acme.io:26379,s2.acme.io:26379/0?sentinelMasterId=main",
                vec![],
            ),
            (
                &sentinel,
                "redis+sentinel://:Kq3vW8zR2nT5yL9pX4mB7cJ6@s1.acme.io:26379,s2.acme.io:26379/main/0",
                vec!["redis/plaintext"],
            ),
            (
                &sentinel,
                "rediss-sentinel://s1.acme.io:26379,127.0.0.1:26379?sentinelMasterId=main",
                vec!["url/local-host"],
            ),
            (
                &sentinel,
                "rediss-sentinel://s1.acme.io:26379",
                vec!["redis/invalid"],
            ),
            (
                &sentinel,
                "redis+sentinel://s1.acme.io:26379",
                vec!["redis/invalid"],
            ),
        ] {
            assert_eq!(codes(kind, text), want, "{text}");
        }
    }

    #[test]
    fn development_keeps_only_syntax() {
        let kind = RedisUrlKind::default();
        assert!(codes_in(&kind, "redis://localhost:6379", Profile::Development).is_empty());
        assert!(codes_in(&kind, "redis://redis", Profile::Development).is_empty());
        assert_eq!(
            codes_in(&kind, "redis://redis/db", Profile::Development),
            vec!["redis/invalid-db"]
        );
    }
}
