//! `kind: bind_address` — where a server listens: `host:port`, `[v6]:port` or `:port`
//! (every interface). With `require_port: false` a bare host is accepted too.
//!
//! An IPv6 address must be in brackets, or `::1:8080` could mean two different things.

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use super::host::dns_name_problem;
use super::scalar;
use crate::context::Cx;
use crate::diagnostic::codes;
use crate::document::read::{Keys, ReadError};
use crate::document::Node;

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct BindAddressKind {
    /// Require a port (default true).
    #[cfg_attr(feature = "schema-serde", serde(default = "super::default_true"))]
    pub require_port: bool,
    /// The port the service's container listens on (Rend's API: 4000); another port is
    /// `bind/wrong-port`.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub port: Option<u16>,
}

impl BindAddressKind {
    /// Reads the kind's parameters from the field's mapping.
    pub(crate) fn read(keys: &mut Keys<'_>) -> Result<Self, ReadError> {
        Ok(BindAddressKind {
            require_port: keys.get_or("require_port", super::default_true)?,
            port: keys.get("port")?,
        })
    }
}

impl Default for BindAddressKind {
    fn default() -> Self {
        BindAddressKind {
            require_port: true,
            port: None,
        }
    }
}

impl BindAddressKind {
    pub(crate) fn check(&self, node: &Node, cx: &mut Cx<'_>) {
        let Some(text) = scalar(node, cx, "a listen address") else {
            return;
        };
        match self.parse(text.trim()) {
            Err((message, help)) => cx.report(&codes::BIND_INVALID, node.span, message, help),
            Ok(Some(port)) if self.port.is_some_and(|want| want != port) => {
                let want = self.port.unwrap_or(port);
                cx.report(
                    &codes::BIND_WRONG_PORT,
                    node.span,
                    format!("the address listens on port {port}, but the service's container port is {want}"),
                    Some(format!("listen on port {want}, and map another host port in the compose file or load balancer if needed")),
                );
            }
            Ok(_) => {}
        }
    }

    /// Reads an address; returns its port when it has one.
    fn parse(&self, text: &str) -> Result<Option<u16>, (String, Option<String>)> {
        let (host, port) = if let Some(rest) = text.strip_prefix('[') {
            let Some((v6, after)) = rest.split_once(']') else {
                return Err(("the `[` of an IPv6 address is never closed".into(), None));
            };
            if v6.parse::<std::net::Ipv6Addr>().is_err() {
                return Err((format!("`{v6}` is not an IPv6 address"), None));
            }
            match after {
                "" => (v6, None),
                p => match p.strip_prefix(':') {
                    Some(port) => (v6, Some(port)),
                    None => return Err((format!("unexpected `{p}` after the address"), None)),
                },
            }
        } else if text.parse::<std::net::Ipv6Addr>().is_ok() {
            return Err((
                format!("`{text}` is an IPv6 address without brackets"),
                Some(format!("write `[{text}]:PORT`")),
            ));
        } else {
            match text.rsplit_once(':') {
                Some((host, _)) if host.contains(':') => {
                    return Err((
                        "an IPv6 address must be in brackets before the port".into(),
                        Some("write `[ADDRESS]:PORT`, e.g. `[::1]:8080`".into()),
                    ))
                }
                Some((host, port)) => (host, Some(port)),
                None => (text, None),
            }
        };
        let number = match port {
            None if self.require_port => {
                return Err((
                    format!("`{text}` has no port"),
                    Some(format!("write `{text}:PORT`, e.g. `{text}:8080`")),
                ))
            }
            None => None,
            Some(port) => match port.parse::<u32>() {
                Ok(p) if (1..=65535).contains(&p) => u16::try_from(p).ok(),
                Ok(p) => return Err((format!("port {p} is out of range (1–65535)"), None)),
                Err(_) => return Err((format!("`{port}` is not a port number"), None)),
            },
        };
        if host.is_empty() || host.parse::<std::net::IpAddr>().is_ok() || text.starts_with('[') {
            return Ok(number);
        }
        match dns_name_problem(host) {
            Some(problem) => Err((format!("`{host}` is not a valid host: {problem}"), None)),
            None => Ok(number),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::testing::codes;

    #[test]
    fn listen_addresses() {
        let kind = BindAddressKind::default();
        for (text, ok) in [
            ("0.0.0.0:8080", true),
            (":8080", true),
            ("[::]:8080", true),
            ("[::1]:443", true),
            ("api.internal:9000", true),
            ("0.0.0.0", false),
            ("::1:8080", false),
            ("[::1:8080", false),
            ("0.0.0.0:0", false),
            ("0.0.0.0:70000", false),
            ("0.0.0.0:http", false),
            ("a_b:80", false),
        ] {
            let want: Vec<&str> = if ok { vec![] } else { vec!["bind/invalid"] };
            assert_eq!(codes(&kind, text), want, "{text}");
        }
        let pinned = BindAddressKind {
            port: Some(4000),
            ..BindAddressKind::default()
        };
        assert_eq!(codes(&pinned, "0.0.0.0:4000"), Vec::<&str>::new());
        assert_eq!(codes(&pinned, "[::]:4100"), ["bind/wrong-port"]);
        let optional = BindAddressKind {
            port: None,
            require_port: false,
        };
        assert!(codes(&optional, "0.0.0.0").is_empty());
        assert!(codes(&optional, "[::]").is_empty());
    }
}
