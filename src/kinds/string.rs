//! `kind: string` — any text, with optional length bounds counted in Unicode scalar values.
//!
//! ## Example
//! `{ kind: string, min_len: 3, max_len: 64 }` rejects `ab` (`string/too-short`).

use serde::Deserialize;

use super::{scalar, ParamError};
use crate::diagnostic::codes;
use crate::document::Node;
use crate::engine::Cx;

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StringKind {
    /// Fewest characters (Unicode scalar values).
    #[serde(default)]
    pub min_len: Option<usize>,
    /// Most characters (Unicode scalar values).
    #[serde(default)]
    pub max_len: Option<usize>,
}

impl StringKind {
    pub(crate) fn validate(&self) -> Result<(), ParamError> {
        match (self.min_len, self.max_len) {
            (Some(min), Some(max)) if min > max => Err(ParamError::new(
                "min_len",
                format!("min_len {min} is larger than max_len {max}"),
            )),
            _ => Ok(()),
        }
    }

    pub(crate) fn check(&self, node: &Node, cx: &mut Cx<'_>) {
        let Some(text) = scalar(node, cx, "a string") else {
            return;
        };
        let len = text.chars().count();
        if let Some(min) = self.min_len.filter(|&min| len < min) {
            cx.report(
                &codes::STRING_TOO_SHORT,
                node.span,
                format!("the value has {len} characters; at least {min} are required"),
                None,
            );
        }
        if let Some(max) = self.max_len.filter(|&max| len > max) {
            cx.report(
                &codes::STRING_TOO_LONG,
                node.span,
                format!("the value has {len} characters; at most {max} are allowed"),
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
    fn counts_characters_not_bytes() {
        let kind = StringKind {
            min_len: Some(3),
            max_len: Some(4),
        };
        for (text, want) in [
            ("abc", vec![]),
            ("äöü", vec![]),
            ("ab", vec!["string/too-short"]),
            ("abcde", vec!["string/too-long"]),
            ("😀😀😀😀", vec![]),
        ] {
            assert_eq!(codes(&kind, text), want, "{text}");
        }
    }

    #[test]
    fn rejects_inverted_bounds() {
        let kind = StringKind {
            min_len: Some(5),
            max_len: Some(1),
        };
        assert_eq!(kind.validate().unwrap_err().param, "min_len");
    }
}
