//! `kind: hostname` — a bare host name or IP address: no scheme, no port, no path.
//!
//! In production a local host (`localhost`, loopback, a compose service name) is an error:
//! the service would talk to itself or to a development container (RULES.md §7).

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use super::host::{dns_name_problem, report_locality};
use super::scalar;
use crate::context::Cx;
use crate::diagnostic::codes;
use crate::document::read::{Keys, ReadError};
use crate::document::Node;
use crate::shown::shown;

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct HostnameKind {
    /// Accept IP addresses too (default true).
    #[cfg_attr(feature = "schema-serde", serde(default = "super::default_true"))]
    pub allow_ip: bool,
}

impl HostnameKind {
    /// Reads the kind's parameters from the field's mapping.
    pub(crate) fn read(keys: &mut Keys<'_>) -> Result<Self, ReadError> {
        Ok(HostnameKind {
            allow_ip: keys.get_or("allow_ip", super::default_true)?,
        })
    }
}

impl Default for HostnameKind {
    fn default() -> Self {
        HostnameKind { allow_ip: true }
    }
}

impl HostnameKind {
    pub(crate) fn check(&self, node: &Node, cx: &mut Cx<'_>) {
        let Some(text) = scalar(node, cx, "a host name") else {
            return;
        };
        let text = text.trim();
        if let Some((scheme, rest)) = text.split_once("://") {
            let host = rest.split(['/', ':', '?', '#']).next().unwrap_or(rest);
            cx.report(
                &codes::HOSTNAME_INVALID,
                node.span,
                format!("`{scheme}://…` is a URL, but this field takes a bare host name"),
                Some(format!("write only the host, e.g. `{host}`")),
            );
            return;
        }
        let is_ip = text.parse::<std::net::IpAddr>().is_ok()
            || text
                .strip_prefix('[')
                .and_then(|t| t.strip_suffix(']'))
                .is_some_and(|t| t.parse::<std::net::Ipv6Addr>().is_ok());
        if is_ip && !self.allow_ip {
            cx.report(
                &codes::HOSTNAME_INVALID,
                node.span,
                format!("`{text}` is an IP address, but this field takes a host name"),
                None,
            );
            return;
        }
        if !is_ip {
            if let Some((host, port)) = text.rsplit_once(':') {
                if port.bytes().all(|b| b.is_ascii_digit()) && !port.is_empty() {
                    cx.report(
                        &codes::HOSTNAME_INVALID,
                        node.span,
                        format!("`{text}` carries a port, but this field takes a bare host name"),
                        Some(format!(
                            "write `{host}` here and set the port in its own field"
                        )),
                    );
                    return;
                }
            }
            if let Some(problem) = dns_name_problem(text) {
                cx.report(
                    &codes::HOSTNAME_INVALID,
                    node.span,
                    format!("`{}` is not a valid host name: {problem}", shown(text)),
                    None,
                );
                return;
            }
        }
        report_locality(
            cx,
            text,
            node.span,
            &codes::HOSTNAME_LOCAL_HOST,
            &codes::HOSTNAME_SINGLE_LABEL,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Profile;
    use crate::kinds::testing::{codes, codes_in};

    #[test]
    fn bare_hosts_only() {
        let kind = HostnameKind::default();
        for (text, want) in [
            ("smtp.example.com", vec![]),
            ("10.0.0.5", vec![]),
            ("[2001:db8::1]", vec![]),
            ("smtp://smtp.example.com", vec!["hostname/invalid"]),
            ("smtp.example.com:587", vec!["hostname/invalid"]),
            ("mail_server.example.com", vec!["hostname/invalid"]),
            ("localhost", vec!["hostname/local-host"]),
            ("127.0.0.1", vec!["hostname/local-host"]),
            ("mailpit", vec!["hostname/local-host"]),
            ("relay", vec!["hostname/single-label"]),
        ] {
            assert_eq!(codes(&kind, text), want, "{text}");
        }
        assert_eq!(
            codes(&HostnameKind { allow_ip: false }, "10.0.0.5"),
            vec!["hostname/invalid"]
        );
    }

    #[test]
    fn local_hosts_are_fine_in_development() {
        let kind = HostnameKind::default();
        assert!(codes_in(&kind, "localhost", Profile::Development).is_empty());
    }
}
