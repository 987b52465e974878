//! `kind: string` — any text, with optional length bounds counted in Unicode scalar values.
//!
//! ## Example
//! `{ kind: string, min_len: 3, max_len: 64 }` rejects `ab` (`string/too-short`);
//! `{ kind: string, chars: "A-Za-z0-9_.-" }` rejects `edge 1` (`string/invalid-char`).

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use super::{scalar, ParamError};
use crate::context::Cx;
use crate::diagnostic::codes;
use crate::document::read::{Keys, ReadError};
use crate::document::Node;
use crate::shown::shown_char;

#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct StringKind {
    /// Fewest characters (Unicode scalar values).
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub min_len: Option<usize>,
    /// Most characters (Unicode scalar values).
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub max_len: Option<usize>,
    /// The characters allowed, as a class without brackets: single characters and `a-z`
    /// ranges (`A-Za-z0-9_.-`; a `-` first or last is itself).
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub chars: Option<String>,
}

impl StringKind {
    /// Reads the kind's parameters from the field's mapping.
    pub(crate) fn read(keys: &mut Keys<'_>) -> Result<Self, ReadError> {
        Ok(StringKind {
            min_len: keys.get("min_len")?,
            max_len: keys.get("max_len")?,
            chars: keys.get("chars")?,
        })
    }
}

/// One piece of a character class: an inclusive range (a single character is `c..=c`).
type CharRange = (char, char);

/// Reads a character class such as `A-Za-z0-9_.-`.
fn parse_class(class: &str) -> Result<Vec<CharRange>, String> {
    let chars: Vec<char> = class.chars().collect();
    if chars.is_empty() {
        return Err("the class is empty".into());
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let lo = chars[i];
        if i + 2 < chars.len() && chars[i + 1] == '-' {
            let hi = chars[i + 2];
            if hi < lo {
                return Err(format!("the range `{lo}-{hi}` runs backwards"));
            }
            out.push((lo, hi));
            i += 3;
        } else {
            out.push((lo, lo));
            i += 1;
        }
    }
    Ok(out)
}

impl StringKind {
    pub(crate) fn validate(&self) -> Result<(), ParamError> {
        if let Some(class) = &self.chars {
            parse_class(class).map_err(|m| ParamError::new("chars", m))?;
        }
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
        let class = self.chars.as_deref().and_then(|c| parse_class(c).ok());
        if let Some((class, spec)) = class.zip(self.chars.as_deref()) {
            let allowed = |c: char| class.iter().any(|&(lo, hi)| (lo..=hi).contains(&c));
            if let Some(bad) = text.chars().find(|&c| !allowed(c)) {
                let shown = if bad.is_whitespace() || bad.is_control() {
                    format!("'{}'", shown_char(bad))
                } else {
                    format!("`{bad}`")
                };
                cx.report(
                    &codes::STRING_INVALID_CHAR,
                    node.span,
                    format!("the value contains {shown}, which this field does not allow"),
                    Some(format!("use only the characters `{spec}`")),
                );
            }
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
            chars: None,
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
            chars: None,
        };
        assert_eq!(kind.validate().unwrap_err().param, "min_len");
    }

    #[test]
    fn character_classes() {
        let kind = StringKind {
            chars: Some("A-Za-z0-9_.-".into()),
            ..StringKind::default()
        };
        for (text, want) in [
            ("edge-us_east.1", vec![]),
            ("edge 1", vec!["string/invalid-char"]),
            ("edge/1", vec!["string/invalid-char"]),
            ("édge", vec!["string/invalid-char"]),
        ] {
            assert_eq!(codes(&kind, text), want, "{text}");
        }
        assert_eq!(
            crate::kinds::testing::first_help(&kind, "a b"),
            "use only the characters `A-Za-z0-9_.-`"
        );
        for bad in ["", "z-a"] {
            let kind = StringKind {
                chars: Some(bad.into()),
                ..StringKind::default()
            };
            assert_eq!(kind.validate().unwrap_err().param, "chars", "{bad}");
        }
    }
}
