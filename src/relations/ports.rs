//! `ports: [{ field, when }]` — listeners that are enabled must not share a port (SyncTV:
//! `server.port`, `metrics.port` when metrics are on, …). A field may hold a port or a bind
//! address (`0.0.0.0:8080`, `[::]:8080`); port 0 asks the kernel for a free port and never
//! conflicts. The finding sits at the later listener and names the earlier one.

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use super::{visit_cond, Fields};
use crate::context::{Cond, Condition, Cx, FieldRef, SchemaProblem};
use crate::diagnostic::codes;
use crate::document::read::{self, FromNode, ReadError};
use crate::document::Node;

/// One listener of a `ports` relation: a port or bind-address field, and when it listens.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct PortUse {
    pub field: String,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub when: Option<Condition>,
}

impl FromNode for PortUse {
    fn from_node(node: &Node) -> Result<Self, ReadError> {
        read::record(node, "a port use (field, when)", |keys| {
            Ok(PortUse {
                field: keys.require("field")?,
                when: keys.get("when")?,
            })
        })
    }
}

/// Listeners with their enabling condition.
#[derive(Debug, Clone)]
pub(crate) struct Compiled(Vec<(FieldRef, Option<Cond>)>);

pub(super) fn compile(
    uses: &[PortUse],
    fields: &dyn Fields,
    at: &str,
) -> Result<Compiled, SchemaProblem> {
    if uses.len() < 2 {
        return Err(SchemaProblem::new(
            format!("{at}/ports"),
            "`ports` needs at least two listeners",
        ));
    }
    let mut out = Vec::with_capacity(uses.len());
    for (j, u) in uses.iter().enumerate() {
        let here = format!("{at}/ports/{j}");
        out.push((
            fields.declared(&u.field, &format!("{here}/field"))?,
            fields.condition(&u.when, &format!("{here}/when"))?,
        ));
    }
    Ok(Compiled(out))
}

impl Compiled {
    pub(super) fn fields(&self, f: &mut dyn FnMut(&FieldRef)) {
        for (field, when) in &self.0 {
            f(field);
            visit_cond(when, f);
        }
    }

    pub(super) fn check(&self, cx: &mut Cx<'_>) {
        let mut taken: Vec<(u16, &FieldRef)> = Vec::with_capacity(self.0.len());
        for (field, when) in &self.0 {
            if !cx.holds(when.as_ref()) {
                continue;
            }
            let Some(node) = cx.set(field) else {
                continue;
            };
            let Some(port) = node.scalar_text().and_then(|t| port_of(&t)) else {
                continue;
            };
            if port == 0 {
                continue;
            }
            if let Some((_, first)) = taken.iter().find(|(p, _)| *p == port) {
                let message = format!(
                    "port {port} is also the port of `{}`; the second listener fails to bind",
                    cx.name(first)
                );
                let help = format!("give `{}` a port of its own", cx.name(field));
                cx.report_at(
                    &codes::RELATION_PORT_CONFLICT,
                    field,
                    node.span,
                    message,
                    Some(help),
                );
            } else {
                taken.push((port, field));
            }
        }
    }
}

/// The port of a port field (`8080`) or a bind address (`0.0.0.0:8080`, `[::]:8080`).
fn port_of(text: &str) -> Option<u16> {
    let text = text.trim();
    let digits = match text.rsplit_once(':') {
        Some((_, port)) => port,
        None => text,
    };
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn ports_and_bind_addresses() {
        assert_eq!(super::port_of("8080"), Some(8080));
        assert_eq!(super::port_of("0.0.0.0:9090"), Some(9090));
        assert_eq!(super::port_of("[::]:443"), Some(443));
        assert_eq!(super::port_of("http"), None);
    }
}
