//! `ports: [{ field, when }]` — listeners that are enabled must not share a port (SyncTV:
//! `server.port`, `metrics.port` when metrics are on, …). A field may hold a port or a bind
//! address (`0.0.0.0:8080`, `[::]:8080`); port 0 asks the kernel for a free port and never
//! conflicts. The finding sits at the later listener and names the earlier one.

use super::{condition_holds, set};
use crate::diagnostic::codes;
use crate::document::Node;
use crate::engine::{display_name, Cx};
use crate::schema::{Cond, Resolved};

type Listener = (Resolved, Option<Cond>);

pub(super) fn check(listeners: &[Listener], root: &Node, cx: &mut Cx<'_>) {
    let mut taken: Vec<(u16, &Resolved)> = Vec::with_capacity(listeners.len());
    for (field, when) in listeners {
        if !condition_holds(when.as_ref(), root) {
            continue;
        }
        let Some(node) = set(root, field) else {
            continue;
        };
        let Some(port) = node.scalar_text().and_then(|t| port_of(&t)) else {
            continue;
        };
        if port == 0 {
            continue;
        }
        if let Some((_, first)) = taken.iter().find(|(p, _)| *p == port) {
            cx.report_at(
                &codes::RELATION_PORT_CONFLICT,
                &field.pointer,
                node.span,
                format!(
                    "port {port} is also the port of `{}`; the second listener fails to bind",
                    display_name(&first.pointer)
                ),
                Some(format!(
                    "give `{}` a port of its own",
                    display_name(&field.pointer)
                )),
            );
        } else {
            taken.push((port, field));
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
