//! Host names and addresses: DNS name syntax (RFC 1123), the numeric IPv4 spellings resolvers
//! accept, and which hosts are the local machine or a compose service (RULES.md §7).
//!
//! Shared by every kind that names a host: `hostname`, `url`, `bind_address`, and the SMTP,
//! S3 and database relations.

use crate::shown::{shown, shown_char};
use std::borrow::Cow;
use std::net::{IpAddr, Ipv4Addr};

use crate::context::Cx;
use crate::diagnostic::CodeInfo;
use crate::span::Span;

/// Single-label names that are development services in a compose file or a local stack: in
/// production they are errors. Other single-label names are warnings.
const DEV_SERVICE_NAMES: &[&str] = &[
    "db",
    "database",
    "postgres",
    "postgresql",
    "pg",
    "mysql",
    "mariadb",
    "redis",
    "valkey",
    "memcached",
    "mongo",
    "mongodb",
    "minio",
    "mailpit",
    "mailhog",
    "maildev",
    "smtp",
    "rabbitmq",
    "kafka",
    "elasticsearch",
    "opensearch",
    "localstack",
    "keycloak",
];

/// Names that reach the host machine from inside a container.
const DOCKER_HOST_NAMES: &[&str] = &["host.docker.internal", "gateway.docker.internal"];

/// A host as a resolver sees it: an address, or a name in lower case without its final dot
/// (borrowed from the text when it is written so already, as almost every host is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Host<'t> {
    Ip(IpAddr),
    Name(Cow<'t, str>),
}

impl<'t> Host<'t> {
    /// Reads a bare host (no brackets, no port). Numeric IPv4 spellings such as `2130706433`
    /// or `0x7f.1` count as addresses, as they do for getaddrinfo and WHATWG URL parsers.
    pub fn parse(text: &'t str) -> Host<'t> {
        let t = text
            .strip_prefix('[')
            .and_then(|t| t.strip_suffix(']'))
            .unwrap_or(text);
        if let Ok(ip) = t.parse::<IpAddr>() {
            return Host::Ip(ip);
        }
        if let Some(v4) = parse_ipv4_loose(t) {
            return Host::Ip(IpAddr::V4(v4));
        }
        let name = t.trim_end_matches('.');
        Host::Name(if name.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(name.to_ascii_lowercase())
        } else {
            Cow::Borrowed(name)
        })
    }
}

/// Why a host is not one to use in production.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Locality {
    /// The machine itself, or the container's host: always wrong in production.
    Local(&'static str),
    /// A single-label name outside the known dev services: resolves only on a private network.
    SingleLabel,
}

pub(crate) fn locality(host: &Host) -> Option<Locality> {
    match host {
        Host::Ip(ip) => ip_locality(*ip),
        Host::Name(name) => {
            if name == "localhost" || name.ends_with(".localhost") {
                Some(Locality::Local("a name for the local machine"))
            } else if DOCKER_HOST_NAMES.contains(&name.as_ref()) {
                Some(Locality::Local("the container host's name in Docker"))
            } else if name.contains('.') || name.is_empty() {
                None
            } else if DEV_SERVICE_NAMES.contains(&name.as_ref()) {
                Some(Locality::Local(
                    "a development service name from a compose file",
                ))
            } else {
                Some(Locality::SingleLabel)
            }
        }
    }
}

fn ip_locality(ip: IpAddr) -> Option<Locality> {
    match ip {
        IpAddr::V4(v4) if v4.is_loopback() => Some(Locality::Local("a loopback address")),
        IpAddr::V4(v4) if v4.is_unspecified() => Some(Locality::Local(
            "the unspecified address, which reaches the local machine",
        )),
        IpAddr::V6(v6) if v6.is_loopback() => Some(Locality::Local("a loopback address")),
        IpAddr::V6(v6) if v6.is_unspecified() => Some(Locality::Local(
            "the unspecified address, which reaches the local machine",
        )),
        IpAddr::V6(v6) => v6
            .to_ipv4_mapped()
            .and_then(|v4| ip_locality(IpAddr::V4(v4))),
        IpAddr::V4(_) => None,
    }
}

/// Whether a host is the machine itself: `localhost`, `*.localhost`, loopback or unspecified
/// addresses (not compose service names, which are other machines).
pub(crate) fn is_local_machine(host: &Host) -> bool {
    match host {
        Host::Ip(ip) => ip_locality(*ip).is_some(),
        Host::Name(name) => name == "localhost" || name.ends_with(".localhost"),
    }
}

/// Reports a local or single-label host in production, under the caller's codes.
pub(crate) fn report_locality(
    cx: &mut Cx<'_>,
    host_text: &str,
    span: Option<Span>,
    local_code: &'static CodeInfo,
    single_label_code: &'static CodeInfo,
) {
    report_locality_of(
        cx,
        host_text,
        &Host::parse(host_text),
        span,
        local_code,
        single_label_code,
    );
}

/// [`report_locality`] for a host the caller has read already.
fn report_locality_of(
    cx: &mut Cx<'_>,
    host_text: &str,
    host: &Host,
    span: Option<Span>,
    local_code: &'static CodeInfo,
    single_label_code: &'static CodeInfo,
) {
    match locality(host) {
        Some(Locality::Local(what)) => cx.report(
            local_code,
            span,
            format!("`{host_text}` is {what}; in production it does not reach the real service"),
            Some("use the production host name of the service".into()),
        ),
        Some(Locality::SingleLabel) => cx.report(
            single_label_code,
            span,
            format!(
                "`{host_text}` is a single-label name, which resolves only inside a private network such as a compose project"
            ),
            Some("use a fully qualified name, e.g. `db.internal.example.com`".into()),
        ),
        None => {}
    }
}

/// Reports a connection URL's local or single-label host in production, under the URL codes
/// (`url`, `postgres_url`, `redis_url` share them: RULES.md §7 is one rule for all).
pub(crate) fn report_url_host(
    cx: &mut Cx<'_>,
    host_text: &str,
    span: Option<Span>,
    internal_hosts: &[String],
) {
    report_url_host_of(cx, host_text, &Host::parse(host_text), span, internal_hosts);
}

/// [`report_url_host`] for a host the caller has read already.
pub(crate) fn report_url_host_of(
    cx: &mut Cx<'_>,
    host_text: &str,
    host: &Host,
    span: Option<Span>,
    internal_hosts: &[String],
) {
    if internal_hosts
        .iter()
        .any(|h| h.eq_ignore_ascii_case(host_text))
    {
        return;
    }
    report_locality_of(
        cx,
        host_text,
        host,
        span,
        &crate::diagnostic::codes::URL_LOCAL_HOST,
        &crate::diagnostic::codes::URL_SINGLE_LABEL_HOST,
    );
}

/// Checks DNS name syntax (RFC 1123 §2.1, RFC 1035 §2.3.4): labels of letters, digits and
/// hyphens, 1–63 octets, not starting or ending with a hyphen, at most 253 octets in all, and
/// a last label that is not all digits. A trailing dot (an FQDN) is allowed.
pub(crate) fn dns_name_problem(name: &str) -> Option<String> {
    let name = name.strip_suffix('.').unwrap_or(name);
    if is_dns_name(name.as_bytes()) {
        return None;
    }
    describe_dns_name_problem(name)
}

/// Whether `name` (without its trailing dot) is a valid DNS name, in one pass over its bytes:
/// the answer for almost every host, which [`dns_name_problem`] then need not explain.
fn is_dns_name(name: &[u8]) -> bool {
    if name.is_empty() || name.len() > 253 {
        return false;
    }
    // Where the current label starts, and whether it is all digits so far.
    let (mut start, mut all_digits) = (0, true);
    for (i, &b) in name.iter().enumerate() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' => all_digits = false,
            b'0'..=b'9' => {}
            b'-' if i > start => all_digits = false,
            b'.' if i > start && i - start <= 63 && name[i - 1] != b'-' => {
                (start, all_digits) = (i + 1, true);
            }
            _ => return false,
        }
    }
    let last = &name[start..];
    !last.is_empty() && last.len() <= 63 && !last.ends_with(b"-") && !all_digits
}

/// What is wrong with a name [`is_dns_name`] refused, in the words of a diagnostic.
fn describe_dns_name_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("the host name is empty".into());
    }
    if name.len() > 253 {
        return Some(format!(
            "the host name has {} characters; at most 253 are allowed",
            name.len()
        ));
    }
    for label in name.split('.') {
        if label.is_empty() {
            return Some(
                "the host name has an empty label (two dots in a row, or a leading dot)".into(),
            );
        }
        if label.len() > 63 {
            return Some(format!(
                "the label `{}` is longer than 63 characters",
                shown(label)
            ));
        }
        if let Some(c) = label
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
        {
            let what = match c {
                '_' => "an underscore, which host names may not contain".to_string(),
                '*' => "a wildcard `*`, which is not a host name".to_string(),
                c if !c.is_ascii() => {
                    "a non-ASCII character; write the name in punycode (`xn--…`)".to_string()
                }
                c => format!("the character `{}`", shown_char(c)),
            };
            return Some(format!("the label `{}` contains {what}", shown(label)));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Some(format!(
                "the label `{}` starts or ends with a hyphen",
                shown(label)
            ));
        }
    }
    let last = name.rsplit('.').next().unwrap_or(name);
    if last.bytes().all(|b| b.is_ascii_digit()) {
        return Some(
            "the last label is all digits, so resolvers read the name as an IP address".into(),
        );
    }
    None
}

/// The WHATWG / inet_aton IPv4 forms: one to four parts, each decimal, `0x` hex or `0` octal,
/// the last part filling the remaining bytes (`127.1`, `2130706433`, `0x7f.0.0.1`).
pub(crate) fn parse_ipv4_loose(text: &str) -> Option<Ipv4Addr> {
    let text = text.strip_suffix('.').unwrap_or(text);
    // Most hosts are names: a byte no numeric spelling uses settles it before any split.
    if !text
        .bytes()
        .all(|b| b.is_ascii_hexdigit() || matches!(b, b'.' | b'x' | b'X'))
    {
        return None;
    }
    let parts: Vec<&str> = text.split('.').collect();
    if parts.is_empty() || parts.len() > 4 {
        return None;
    }
    let mut numbers = Vec::with_capacity(parts.len());
    for part in &parts {
        numbers.push(parse_ipv4_number(part)?);
    }
    let (last, init) = numbers.split_last()?;
    if init.iter().any(|&n| n > 255) {
        return None;
    }
    let last_bytes = 4 - init.len();
    if *last >= 1u64 << (8 * last_bytes) {
        return None;
    }
    let mut value: u64 = 0;
    for n in init {
        value = (value << 8) | n;
    }
    value = (value << (8 * last_bytes)) | last;
    u32::try_from(value).ok().map(Ipv4Addr::from)
}

fn parse_ipv4_number(part: &str) -> Option<u64> {
    if part.is_empty() {
        return None;
    }
    let (digits, radix) =
        if let Some(h) = part.strip_prefix("0x").or_else(|| part.strip_prefix("0X")) {
            (h, 16)
        } else if part.len() > 1 && part.starts_with('0') {
            (&part[1..], 8)
        } else {
            (part, 10)
        };
    if digits.is_empty() {
        return (radix == 16).then_some(0);
    }
    if digits.len() > 12 || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    u64::from_str_radix(digits, radix).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_hosts_per_rules_section_7() {
        for host in [
            "localhost",
            "LOCALHOST",
            "app.localhost",
            "127.0.0.1",
            "127.8.9.10",
            "::1",
            "[::1]",
            "0.0.0.0",
            "::",
            "::ffff:127.0.0.1",
            "2130706433",
            "0x7f.1",
            "host.docker.internal",
            "postgres",
            "redis",
            "mailpit",
        ] {
            assert!(
                matches!(locality(&Host::parse(host)), Some(Locality::Local(_))),
                "{host}"
            );
        }
        assert_eq!(locality(&Host::parse("api")), Some(Locality::SingleLabel));
        assert_eq!(
            Host::parse("Db.Example.COM."),
            Host::Name("db.example.com".into())
        );
        assert!(matches!(
            Host::parse("db.example.com."),
            Host::Name(Cow::Borrowed("db.example.com"))
        ));
        for host in [
            "localhost.example.org",
            "postgres.svc.cluster.local",
            "db.prod.internal",
            "10.0.0.5",
            "2001:db8::1",
        ] {
            assert_eq!(locality(&Host::parse(host)), None, "{host}");
        }
    }

    #[test]
    fn dns_names_follow_rfc_1123() {
        for ok in [
            "example.com",
            "a-b.example.com.",
            "xn--bcher-kva.example",
            "x",
        ] {
            assert_eq!(dns_name_problem(ok), None, "{ok}");
        }
        for bad in [
            "a..b",
            "-a.com",
            "a-.com",
            "a_b.example.com",
            "*.example.com",
            "bücher.example",
            "1.2.3",
            "",
            &"a".repeat(64),
        ] {
            assert!(dns_name_problem(bad).is_some(), "{bad}");
        }
    }

    proptest::proptest! {
        /// The one-pass test and the label-by-label explanation agree on every name.
        #[test]
        fn the_fast_test_agrees_with_the_explanation(
            name in "[a-z0-9.-]{0,12}|[a-zA-Z0-9._*-]{0,70}|[a-zé0-9.-]{0,10}\
                |([a-z]{1,3}\\.)?[a-z0-9-]{61,65}(\\.[a-z0-9]{1,3})?|([a-z]{60,63}\\.){3}[a-z]{55,64}"
        ) {
            proptest::prop_assert_eq!(
                is_dns_name(name.as_bytes()),
                describe_dns_name_problem(&name).is_none(),
                "{:?}", name
            );
        }
    }

    #[test]
    fn loose_ipv4_spellings() {
        assert_eq!(
            parse_ipv4_loose("2130706433"),
            Some(Ipv4Addr::new(127, 0, 0, 1))
        );
        assert_eq!(
            parse_ipv4_loose("0x7f.1"),
            Some(Ipv4Addr::new(127, 0, 0, 1))
        );
        assert_eq!(parse_ipv4_loose("1.2.3"), Some(Ipv4Addr::new(1, 2, 0, 3)));
        assert_eq!(
            parse_ipv4_loose("010.0.0.1"),
            Some(Ipv4Addr::new(8, 0, 0, 1))
        );
        assert_eq!(parse_ipv4_loose("256.0.0.1"), None);
        assert_eq!(parse_ipv4_loose("example.com"), None);
        assert_eq!(parse_ipv4_loose("4294967296"), None);
    }

    /// A label is quoted with its backticks and controls escaped, so a message's quotes pair.
    #[test]
    fn a_label_is_quoted_with_its_backtick_escaped() {
        assert_eq!(
            dns_name_problem("smtp.acme.i` x").as_deref(),
            Some("the label `i\\u{60} x` contains the character `\\u{60}`")
        );
        assert_eq!(
            dns_name_problem("a.-\tb").as_deref(),
            Some("the label `-\\tb` contains the character `\\t`")
        );
    }
}
