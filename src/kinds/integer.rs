//! `kind: int` — a whole number, with optional inclusive `min` and `max`.

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use super::{scalar, ParamError};
use crate::context::Cx;
use crate::diagnostic::codes;
use crate::document::read::{Keys, ReadError};
use crate::document::{Node, Value};
use crate::shown::shown;

#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct IntKind {
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub min: Option<i64>,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub max: Option<i64>,
}

impl IntKind {
    /// Reads the kind's parameters from the field's mapping.
    pub(crate) fn read(keys: &mut Keys<'_>) -> Result<Self, ReadError> {
        Ok(IntKind {
            min: keys.get("min")?,
            max: keys.get("max")?,
        })
    }
}

/// Reads a whole number the way config readers do: an optional sign and decimal digits.
/// What a value's text is as an integer.
pub(crate) enum IntText {
    Int(i64),
    /// Digits, but more than a 64-bit integer holds.
    OutOfRange,
    NotInt,
}

pub(crate) fn parse_int(node: &Node, text: &str) -> IntText {
    if let Value::Int(i) = node.value {
        return IntText::Int(i);
    }
    let t = text.trim();
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return IntText::NotInt;
    }
    match t.parse() {
        Ok(i) => IntText::Int(i),
        Err(_) => IntText::OutOfRange,
    }
}

impl IntKind {
    pub(crate) fn validate(&self) -> Result<(), ParamError> {
        match (self.min, self.max) {
            (Some(min), Some(max)) if min > max => Err(ParamError::new(
                "min",
                format!("min {min} is larger than max {max}"),
            )),
            _ => Ok(()),
        }
    }

    pub(crate) fn check(&self, node: &Node, cx: &mut Cx<'_>) {
        let Some(text) = scalar(node, cx, "a whole number") else {
            return;
        };
        let range = || super::range_phrase(self.min.as_ref(), self.max.as_ref());
        let value = match parse_int(node, &text) {
            IntText::Int(value) => value,
            IntText::OutOfRange => {
                let must = if self.min.is_some() || self.max.is_some() {
                    format!("the value must be {}", range())
                } else {
                    "a whole number must fit in 64 bits (at most 9223372036854775807)".to_string()
                };
                cx.report(
                    &codes::INT_OUT_OF_RANGE,
                    node.span,
                    format!("`{}` is out of range; {must}", text.trim()),
                    None,
                );
                return;
            }
            IntText::NotInt => {
                cx.report(
                    &codes::INT_INVALID,
                    node.span,
                    format!("`{}` is not a whole number", shown(&text)),
                    Some("write digits only, e.g. `8`".into()),
                );
                return;
            }
        };
        let below = self.min.filter(|&min| value < min);
        let above = self.max.filter(|&max| value > max);
        if below.is_some() || above.is_some() {
            let range = range();
            cx.report(
                &codes::INT_OUT_OF_RANGE,
                node.span,
                format!("{value} is out of range; the value must be {range}"),
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
    fn whole_numbers_within_bounds() {
        let kind = IntKind {
            min: Some(1),
            max: Some(64),
        };
        for (text, want) in [
            ("1", vec![]),
            ("64", vec![]),
            ("+8", vec![]),
            ("0", vec!["int/out-of-range"]),
            ("65", vec!["int/out-of-range"]),
            ("1.5", vec!["int/invalid"]),
            ("abc", vec!["int/invalid"]),
            ("99999999999999999999", vec!["int/out-of-range"]),
            ("1_000", vec!["int/invalid"]),
        ] {
            assert_eq!(codes(&kind, text), want, "{text}");
        }
    }
}
