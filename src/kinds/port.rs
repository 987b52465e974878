//! `kind: port` — a TCP/UDP port, 1–65535 (0 only with `allow_zero`, "let the OS choose").

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use super::integer::{parse_int, IntText};
use super::scalar;
use crate::context::Cx;
use crate::diagnostic::codes;
use crate::document::read::{Keys, ReadError};
use crate::document::Node;
use crate::shown::shown;

#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct PortKind {
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub allow_zero: bool,
}

impl PortKind {
    /// Reads the kind's parameters from the field's mapping.
    pub(crate) fn read(keys: &mut Keys<'_>) -> Result<Self, ReadError> {
        Ok(PortKind {
            allow_zero: keys.get("allow_zero")?,
        })
    }
}

impl PortKind {
    pub(crate) fn check(&self, node: &Node, cx: &mut Cx<'_>) {
        let Some(text) = scalar(node, cx, "a port number") else {
            return;
        };
        let min = if self.allow_zero { 0 } else { 1 };
        let port = match parse_int(node, &text) {
            IntText::Int(port) => port,
            IntText::OutOfRange => {
                cx.report(
                    &codes::PORT_OUT_OF_RANGE,
                    node.span,
                    format!(
                        "port `{}` is out of range; ports run from {min} to 65535",
                        text.trim()
                    ),
                    None,
                );
                return;
            }
            IntText::NotInt => {
                cx.report(
                    &codes::PORT_INVALID,
                    node.span,
                    format!("`{}` is not a port number", shown(&text)),
                    Some("write a number from 1 to 65535, e.g. `8080`".into()),
                );
                return;
            }
        };
        if !(min..=65535).contains(&port) {
            cx.report(
                &codes::PORT_OUT_OF_RANGE,
                node.span,
                format!("port {port} is out of range; ports run from {min} to 65535"),
                None,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::testing::codes;

    #[test]
    fn ports_run_from_one_to_65535() {
        let kind = PortKind::default();
        for (text, want) in [
            ("1", vec![]),
            ("65535", vec![]),
            ("0", vec!["port/out-of-range"]),
            ("65536", vec!["port/out-of-range"]),
            ("-1", vec!["port/out-of-range"]),
            ("http", vec!["port/invalid"]),
            ("80/tcp", vec!["port/invalid"]),
        ] {
            assert_eq!(codes(&kind, text), want, "{text}");
        }
        assert!(codes(&PortKind { allow_zero: true }, "0").is_empty());
    }
}
