//! `kind: bool` — `true` or `false`; with `lenient: true` also `1|0|yes|no|on|off`.
//!
//! YAML 1.2 reads `yes`, `on` and `NO` as strings, and many env readers accept only
//! `true`/`false`; a field says which spellings its reader takes.

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use super::scalar;
use crate::context::Cx;
use crate::diagnostic::codes;
use crate::document::read::{Keys, ReadError};
use crate::document::{Node, Value};
use crate::shown::shown;

#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct BoolKind {
    /// Also accept `1`, `0`, `yes`, `no`, `on`, `off` (any case).
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub lenient: bool,
}

impl BoolKind {
    /// Reads the kind's parameters from the field's mapping.
    pub(crate) fn read(keys: &mut Keys<'_>) -> Result<Self, ReadError> {
        Ok(BoolKind {
            lenient: keys.get("lenient")?,
        })
    }
}

impl BoolKind {
    /// The boolean a text spells, under this field's rules.
    pub fn parse(&self, text: &str) -> Option<bool> {
        let lower = text.trim().to_ascii_lowercase();
        match lower.as_str() {
            "true" => Some(true),
            "false" => Some(false),
            "1" | "yes" | "on" if self.lenient => Some(true),
            "0" | "no" | "off" if self.lenient => Some(false),
            _ => None,
        }
    }

    pub(crate) fn check(&self, node: &Node, cx: &mut Cx<'_>) {
        if matches!(node.value, Value::Bool(_)) {
            return;
        }
        let Some(text) = scalar(node, cx, "a boolean") else {
            return;
        };
        if self.parse(&text).is_none() {
            let allowed = if self.lenient {
                "`true`/`false` (or `1`/`0`, `yes`/`no`, `on`/`off`)"
            } else {
                "`true` or `false`"
            };
            cx.report(
                &codes::BOOL_INVALID,
                node.span,
                format!("`{}` is not a boolean", shown(&text)),
                Some(format!("write {allowed}")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::testing::codes;

    #[test]
    fn strict_and_lenient_spellings() {
        let strict = BoolKind { lenient: false };
        let lenient = BoolKind { lenient: true };
        for (text, strict_ok, lenient_ok) in [
            ("true", true, true),
            ("FALSE", true, true),
            ("yes", false, true),
            ("off", false, true),
            ("1", false, true),
            ("2", false, false),
            ("truee", false, false),
        ] {
            assert_eq!(codes(&strict, text).is_empty(), strict_ok, "strict {text}");
            assert_eq!(
                codes(&lenient, text).is_empty(),
                lenient_ok,
                "lenient {text}"
            );
        }
        assert_eq!(codes(&strict, "yes"), vec!["bool/invalid"]);
    }
}
