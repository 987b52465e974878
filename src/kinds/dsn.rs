//! The shared shape of database and Redis connection URLs:
//! `scheme://[user[:password]@]host[:port][,host[:port]…][/path][?query][#fragment]`.
//!
//! Generic URL parsers reject multi-host authorities and read a raw `@` in a password
//! differently from libpq, so these URLs are split by hand, byte by byte, and never echoed
//! (the password is in them).

use super::PasswordKind;
use crate::context::Cx;
use crate::document::{Node, Value};

/// A connection URL split into its parts. The password is only ever asked whether it is set.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Dsn<'a> {
    pub scheme: &'a str,
    pub user: Option<&'a str>,
    pub has_password: bool,
    /// Characters in the password after percent-decoding (0 without one); never the text.
    pub password_chars: usize,
    /// Where the password is in the text split (still percent-encoded), for checking it as
    /// a password; never copied out.
    pub password_at: Option<std::ops::Range<usize>>,
    /// Hosts as written (IPv6 without brackets), with their ports.
    pub hosts: Vec<(&'a str, Option<&'a str>)>,
    /// The path without its leading `/`.
    pub path: Option<&'a str>,
    pub query: Vec<(&'a str, &'a str)>,
    /// The query as written, for readers with a stricter grammar (libpq).
    pub query_text: Option<&'a str>,
    pub fragment: Option<&'a str>,
}

/// Shows the scheme and hosts only: the rest may hold a password.
impl std::fmt::Debug for Dsn<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dsn")
            .field("scheme", &self.scheme)
            .field("hosts", &self.hosts)
            .finish_non_exhaustive()
    }
}

/// Why a URL could not be split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DsnError {
    NoScheme,
    /// A raw `@`, `/`, `?` or `#` inside the user name or password.
    UnencodedUserinfo,
    /// A `%` not followed by two hex digits.
    BadPercent,
    BadHost(String),
}

pub(crate) fn split(text: &str) -> Result<Dsn<'_>, DsnError> {
    let (scheme, rest) = text.split_once("://").ok_or(DsnError::NoScheme)?;
    if scheme.is_empty()
        || !scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.')
    {
        return Err(DsnError::NoScheme);
    }
    if !percent_ok(rest) {
        return Err(DsnError::BadPercent);
    }
    let (rest, fragment) = match rest.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (rest, None),
    };
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    // An `@` after the authority ended means the password held a raw `/` or `?`; two `@`s
    // mean it held a raw `@` (libpq splits at the first, other readers at the last).
    if authority.matches('@').count() > 1 || (!authority.contains('@') && tail.contains('@')) {
        return Err(DsnError::UnencodedUserinfo);
    }
    if fragment.is_some_and(|f| f.contains('@')) {
        return Err(DsnError::UnencodedUserinfo);
    }
    let (userinfo, hostlist) = match authority.split_once('@') {
        Some((u, h)) => (Some(u), h),
        None => (None, authority),
    };
    let (user, has_password, password_chars) = match userinfo {
        Some(u) => match u.split_once(':') {
            Some((name, password)) => (Some(name), true, decode(password).chars().count()),
            None => (Some(u), false, 0),
        },
        None => (None, false, 0),
    };
    // The user information starts right after `scheme://`.
    let password_at = match (userinfo, user) {
        (Some(u), Some(name)) if has_password => {
            let start = scheme.len() + 3 + name.len() + 1;
            Some(start..scheme.len() + 3 + u.len())
        }
        _ => None,
    };
    let mut hosts = Vec::new();
    if !hostlist.is_empty() {
        for spec in hostlist.split(',') {
            hosts.push(host_port(spec)?);
        }
    }
    let (path, query) = match tail.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (tail, None),
    };
    let path = path.strip_prefix('/');
    let query_text = query;
    let query = query
        .map(|q| {
            q.split('&')
                .filter(|p| !p.is_empty())
                .map(|p| p.split_once('=').unwrap_or((p, "")))
                .collect()
        })
        .unwrap_or_default();
    Ok(Dsn {
        scheme,
        user,
        has_password,
        password_chars,
        password_at,
        hosts,
        path,
        query,
        query_text,
        fragment,
    })
}

/// Checks the password in a connection URL as `kind: password` checks one (placeholder,
/// shipped default, common, too short), at the password's own place in the text; never quoted.
/// `min_chars` is the URL kind's own length rule, when it has one.
///
/// A URL that points at the local machine or a compose service (`@localhost`, `@postgres`)
/// belongs to a local stack, whose host is reported already (and relaxed with the development
/// defaults): its password is that stack's, and is not judged as a production one.
pub(crate) fn check_password(
    text: &str,
    node: &Node,
    min_chars: Option<usize>,
    internal_hosts: &[String],
    cx: &mut Cx<'_>,
) {
    let lead = text.len() - text.trim_start().len();
    let Ok(dsn) = split(text.trim()) else {
        return;
    };
    let local = dsn.hosts.is_empty()
        || dsn.hosts.iter().any(|(host, _)| {
            let host = decode(host);
            !internal_hosts.iter().any(|h| h.eq_ignore_ascii_case(&host))
                && (host.is_empty()
                    || host.starts_with('/')
                    || super::host::locality(&super::host::Host::parse(&host)).is_some())
        });
    if local {
        return;
    }
    let Some(at) = dsn.password_at else {
        return;
    };
    let at = at.start + lead..at.end + lead;
    let Some(password) = text.get(at.clone()) else {
        return;
    };
    let span = node.span.map(|s| crate::span::sub_span(s, text, at));
    let decoded = decode(password);
    // An example file's `replace-me`: one placeholder finding (relaxed with the others), not
    // a weak password on top.
    if super::secret::is_placeholder(&decoded) {
        return cx.report(
            &crate::diagnostic::codes::SECRET_PLACEHOLDER,
            span,
            "the password in the URL is a placeholder",
            Some("set the real password, percent-encoded".into()),
        );
    }
    let password = Node::new(Value::String(decoded), span);
    let kind = PasswordKind {
        // The URL kind's own length rule says it in its own words.
        min_chars: min_chars.map(|_| 1),
        ..PasswordKind::default()
    };
    kind.check(&password, cx);
}

fn host_port(spec: &str) -> Result<(&str, Option<&str>), DsnError> {
    if let Some(rest) = spec.strip_prefix('[') {
        let (host, after) = rest
            .split_once(']')
            .ok_or_else(|| DsnError::BadHost("an IPv6 address is missing its `]`".into()))?;
        if host.is_empty() {
            return Err(DsnError::BadHost(
                "the brackets `[]` hold no IPv6 address".into(),
            ));
        }
        return match after {
            "" => Ok((host, None)),
            _ => match after.strip_prefix(':') {
                Some(port) => Ok((host, Some(port))),
                None => Err(DsnError::BadHost(
                    "text follows an IPv6 address's `]`".into(),
                )),
            },
        };
    }
    match spec.rsplit_once(':') {
        Some((host, _)) if host.contains(':') => Err(DsnError::BadHost(
            "an IPv6 address must be written in brackets, `[::1]`".into(),
        )),
        Some((host, port)) => Ok((host, Some(port))),
        None => Ok((spec, None)),
    }
}

fn percent_ok(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let ok = bytes
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
            if !ok {
                return false;
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    true
}

/// A port as written: digits, 1 to 65535.
pub(crate) fn port_ok(port: &str) -> bool {
    !port.is_empty()
        && port.bytes().all(|b| b.is_ascii_digit())
        && port.parse::<u32>().is_ok_and(|p| (1..=65535).contains(&p))
}

/// Why a port is refused. The port is quoted only when it is digits: other text after the
/// host's `:` may be a password whose `@host` is missing (`redis://:s3cret`).
pub(crate) fn bad_port(port: &str) -> String {
    if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) {
        format!("the port `{port}` is not a number from 1 to 65535")
    } else {
        "the text after the host's `:` is not a port number from 1 to 65535; a password goes before the host, as `user:password@host`".into()
    }
}

/// Decodes `%XX` escapes (for hosts such as `%2Fvar%2Frun%2Fpostgresql`).
pub(crate) fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_multi_host_and_userinfo() {
        let d = split("postgresql://app:p%40ss@db1:5432,[::1]:5433/app?sslmode=verify-full")
            .expect("splits");
        assert_eq!(d.scheme, "postgresql");
        assert_eq!(d.user, Some("app"));
        assert!(d.has_password);
        assert_eq!(d.hosts, vec![("db1", Some("5432")), ("::1", Some("5433"))]);
        assert_eq!(d.path, Some("app"));
        assert_eq!(d.query, vec![("sslmode", "verify-full")]);
    }

    #[test]
    fn raw_separators_in_a_password_are_caught() {
        for text in [
            "postgres://app:p@ss@db.example.com/app",
            "postgres://app:pa/ss@db.example.com/app",
            "postgres://app:pa?ss@db.example.com/app",
            "postgres://app:pa#ss@db.example.com/app",
        ] {
            assert_eq!(split(text), Err(DsnError::UnencodedUserinfo), "{text}");
        }
        assert_eq!(
            split("postgres://app:50%@db/app"),
            Err(DsnError::BadPercent)
        );
        assert_eq!(split("db.example.com/app"), Err(DsnError::NoScheme));
        assert!(matches!(
            split("redis://::1:6379"),
            Err(DsnError::BadHost(_))
        ));
    }

    #[test]
    fn debug_hides_the_password_and_helpers_work() {
        let d = split("redis://:hunter2-secret@cache.example.com").expect("splits");
        assert!(!format!("{d:?}").contains("hunter2"));
        assert_eq!(decode("%2Fvar%2Frun"), "/var/run");
        assert!(port_ok("5432") && !port_ok("0") && !port_ok("65536") && !port_ok("x"));
    }
}
