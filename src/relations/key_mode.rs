//! `key_mode: { fields, live, test }` — API keys that come in live and test modes
//! (Paystack `sk_live_`/`pk_live_` and `sk_test_`/`pk_test_`) must all be in one mode, and the
//! mode must suit the profile: test keys take no payments in production, and live keys on a
//! developer's machine are production secrets outside production. Values are never shown;
//! only their mode is named.

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use super::Fields;
use crate::context::{Cx, FieldRef, SchemaProblem};
use crate::diagnostic::codes;
use crate::document::read::{self, FromNode, ReadError};
use crate::document::Node;

/// `key_mode: { fields, live, test }`: each field's value starts with one of the mode's
/// prefixes; all fields must be in one mode, and production needs `live`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct KeyMode {
    pub fields: Vec<String>,
    pub live: Vec<String>,
    pub test: Vec<String>,
}

impl FromNode for KeyMode {
    fn from_node(node: &Node) -> Result<Self, ReadError> {
        read::record(node, "a key_mode relation", |keys| {
            Ok(KeyMode {
                fields: keys.require("fields")?,
                live: keys.require("live")?,
                test: keys.require("test")?,
            })
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Compiled {
    fields: Vec<FieldRef>,
    live: Vec<String>,
    test: Vec<String>,
}

impl KeyMode {
    pub(super) fn compile(&self, fields: &dyn Fields, at: &str) -> Result<Compiled, SchemaProblem> {
        let here = format!("{at}/key_mode");
        if self.live.is_empty() || self.test.is_empty() {
            return Err(SchemaProblem::new(
                here,
                "`key_mode` needs `live` and `test` prefixes",
            ));
        }
        Ok(Compiled {
            fields: self
                .fields
                .iter()
                .enumerate()
                .map(|(j, f)| fields.declared(f, &format!("{here}/fields/{j}")))
                .collect::<Result<_, _>>()?,
            live: self.live.clone(),
            test: self.test.clone(),
        })
    }
}

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

impl Compiled {
    pub(super) fn fields(&self, f: &mut dyn FnMut(&FieldRef)) {
        self.fields.iter().for_each(f);
    }

    pub(super) fn check(&self, cx: &mut Cx<'_>) {
        let mut keys: Vec<(Mode, &FieldRef, &Node)> = Vec::with_capacity(self.fields.len());
        for field in &self.fields {
            let Some((node, text)) = cx.set_scalar(field) else {
                continue;
            };
            let text = text.trim();
            if self.live.iter().any(|p| text.starts_with(p.as_str())) {
                keys.push((Mode::Live, field, node));
            } else if self.test.iter().any(|p| text.starts_with(p.as_str())) {
                keys.push((Mode::Test, field, node));
            }
        }
        let Some(&(mode, first, node)) = keys.first() else {
            return;
        };
        let odd: Vec<_> = keys.iter().filter(|(m, _, _)| *m != mode).collect();
        for (m, field, node) in &odd {
            let message = format!(
                "`{}` is a {} key, but `{}` is a {} key",
                cx.name(field),
                m.name(),
                cx.name(first),
                mode.name()
            );
            cx.report_at(
                &codes::RELATION_KEY_MODE_MISMATCH,
                field,
                node.span,
                message,
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
            .map(|(_, f, _)| format!("`{}`", cx.name(f)))
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
                first,
                node.span,
                format!("{names} {are} test-mode {these}; production needs live ones"),
                Some(format!(
                    "set the live {these} (starting with {})",
                    crate::kinds::one_of_list(&self.live)
                )),
            ),
            Mode::Live => cx.report_at(
                &codes::RELATION_LIVE_KEY_IN_DEVELOPMENT,
                first,
                node.span,
                format!("{names} {are} live-mode {these} outside production"),
                Some(format!(
                    "use the test {these} (starting with {}) in development",
                    crate::kinds::one_of_list(&self.test)
                )),
            ),
        }
    }
}
