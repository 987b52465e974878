//! `key_mode: { fields, live, test }` — API keys that come in live and test modes
//! (Paystack `sk_live_`/`pk_live_` and `sk_test_`/`pk_test_`) must all be in one mode, and the
//! mode must suit the profile: test keys take no payments in production, and live keys on a
//! developer's machine are production secrets outside production. Values are never shown;
//! only their mode is named.

use super::set_scalar;
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
    let mut keys: Vec<(Mode, &Resolved, &Node)> = Vec::with_capacity(fields.len());
    for field in fields {
        let Some((node, text)) = set_scalar(root, field) else {
            continue;
        };
        let text = text.trim();
        if live.iter().any(|p| text.starts_with(p.as_str())) {
            keys.push((Mode::Live, field, node));
        } else if test.iter().any(|p| text.starts_with(p.as_str())) {
            keys.push((Mode::Test, field, node));
        }
    }
    let Some(&(mode, first, node)) = keys.first() else {
        return;
    };
    let odd: Vec<_> = keys.iter().filter(|(m, _, _)| *m != mode).collect();
    for (m, field, node) in &odd {
        cx.report_at(
            &codes::RELATION_KEY_MODE_MISMATCH,
            &field.pointer,
            node.span,
            format!(
                "`{}` is a {} key, but `{}` is a {} key",
                display_name(&field.pointer),
                m.name(),
                display_name(&first.pointer),
                mode.name()
            ),
            Some(format!(
                "use keys of one mode: all {} or all {}",
                Mode::Live.name(),
                Mode::Test.name()
            )),
        );
    }
    if !odd.is_empty() {
        return;
    }
    let names = keys
        .iter()
        .map(|(_, f, _)| format!("`{}`", display_name(&f.pointer)))
        .collect::<Vec<_>>()
        .join(", ");
    let (are, these) = if keys.len() == 1 {
        ("is a", "key")
    } else {
        ("are", "keys")
    };
    match mode {
        Mode::Test => cx.report_at(
            &codes::RELATION_TEST_KEY_IN_PRODUCTION,
            &first.pointer,
            node.span,
            format!("{names} {are} test-mode {these}; production needs live ones"),
            Some(format!(
                "set the live {these} (starting with {})",
                crate::kinds::one_of_list(live)
            )),
        ),
        Mode::Live => cx.report_at(
            &codes::RELATION_LIVE_KEY_IN_DEVELOPMENT,
            &first.pointer,
            node.span,
            format!("{names} {are} live-mode {these} outside production"),
            Some(format!(
                "use the test {these} (starting with {}) in development",
                crate::kinds::one_of_list(test)
            )),
        ),
    }
}
