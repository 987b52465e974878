//! `key_mode: { fields, live, test }` — API keys that come in live and test modes
//! (Paystack `sk_live_`/`pk_live_` and `sk_test_`/`pk_test_`) must all be in one mode, and the
//! mode must suit the profile: test keys take no payments in production, and live keys on a
//! developer's machine are production secrets outside production. Values are never shown;
//! only their mode is named.

use super::set;
use crate::diagnostic::codes;
use crate::document::Node;
use crate::engine::{display_name, Cx};
use crate::schema::Resolved;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Live,
    Test,
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::Live => "live",
            Mode::Test => "test",
        }
    }
}

pub(super) fn check(
    fields: &[Resolved],
    live: &[String],
    test: &[String],
    root: &Node,
    cx: &mut Cx<'_>,
) {
    let mut first: Option<(Mode, &Resolved)> = None;
    for field in fields {
        let Some(node) = set(root, field) else {
            continue;
        };
        let Some(text) = node.scalar_text() else {
            continue;
        };
        let text = text.trim();
        let mode = if live.iter().any(|p| text.starts_with(p.as_str())) {
            Mode::Live
        } else if test.iter().any(|p| text.starts_with(p.as_str())) {
            Mode::Test
        } else {
            continue;
        };
        let name = display_name(&field.pointer);
        match first {
            Some((m, other)) if m != mode => cx.report_at(
                &codes::RELATION_KEY_MODE_MISMATCH,
                &field.pointer,
                node.span,
                format!(
                    "`{name}` is a {} key, but `{}` is a {} key",
                    mode.name(),
                    display_name(&other.pointer),
                    m.name()
                ),
                Some(format!(
                    "use keys of one mode: all {} or all {}",
                    Mode::Live.name(),
                    Mode::Test.name()
                )),
            ),
            _ => {
                if first.is_none() {
                    first = Some((mode, field));
                }
                if mode == Mode::Test {
                    cx.report_at(
                        &codes::RELATION_TEST_KEY_IN_PRODUCTION,
                        &field.pointer,
                        node.span,
                        format!("`{name}` is a test-mode key; production needs the live key"),
                        Some(format!(
                            "set the live key (starting with {})",
                            crate::kinds::one_of_list(live)
                        )),
                    );
                } else {
                    cx.report_at(
                        &codes::RELATION_LIVE_KEY_IN_DEVELOPMENT,
                        &field.pointer,
                        node.span,
                        format!("`{name}` is a live-mode key outside production"),
                        Some(format!(
                            "use the test key (starting with {}) in development",
                            crate::kinds::one_of_list(test)
                        )),
                    );
                }
            }
        }
    }
}
